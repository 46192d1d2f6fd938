"""model.lookup: the one id-matching rule of show and update."""

from __future__ import annotations

from actionplan.model.lookup import lookup

IDS = ["1.1", "1.1a", "1.1A", "1.2", "10.1"]


def test_exact_match_first_then_ignoring_case() -> None:
    assert lookup(IDS, "1.1A", str, close=3).matches == ["1.1A"]
    assert lookup(["1.1a", "2"], "1.1A", str, close=3).matches == ["1.1a"]
    assert lookup(IDS, " 1.2 ", str, close=3).matches == ["1.2"]


def test_no_match_gives_the_closest_ids() -> None:
    found = lookup(IDS, "1.3", str, close=2)
    assert found.matches == []
    assert found.close == ["1.2", "1.1"]  # closest first
    assert lookup(IDS, "zzz", str, close=2).close == []
