"""model.names: folding, hidden characters and mixed scripts."""

from __future__ import annotations

from actionplan.model.names import fold, hidden_characters, mixed_scripts


def test_fold_ignores_case_spaces_compatibility_forms_and_invisible_characters() -> None:
    assert fold("  DSA\u200b  Chair ") == fold("dsa chair") == "dsa chair"
    assert fold("ＤＳＡ") == "dsa"  # fullwidth letters (NFKC)
    assert fold("Ca\u0301fe") == fold("Cáfe")


def test_hidden_characters_are_named_by_code_point() -> None:
    assert hidden_characters("a\u202eb\u200bc\u200b") == [
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        "U+200B ZERO WIDTH SPACE",
    ]
    assert hidden_characters("plain") == []


def test_mixed_scripts_and_letters_without_a_name() -> None:
    assert mixed_scripts("P\u043eli\u0441e") == ["Latin", "Cyrillic"]
    assert mixed_scripts("Police") == []
    # A letter this Python's Unicode data has no name for (found by the fuzz test) is no script.
    assert mixed_scripts("\U00017000") == []
