"""Writing YAML text: whatever is written reads back as exactly the same text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.yaml.compose import compose
from actionplan.yaml.decode import NOT_TEXT
from actionplan.yaml.write import block, flow_mapping, fold, scalar

# Any text a plan may hold (the loader refuses control characters).
TEXT = st.text(min_size=1, max_size=300).filter(lambda text: not NOT_TEXT.search(text))


def read_back(text: str) -> object:
    data, _positions, findings = compose("t.yaml", text)
    assert findings == []
    return data


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_a_written_value_reads_back_exactly(value: str) -> None:
    assert read_back("\n".join(block({"note": value}, 4)) + "\n") == {"note": value}


@settings(max_examples=150, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=4))
def test_flow_values_read_back_exactly(values: list[str]) -> None:
    item = {f"k{i}": value for i, value in enumerate(values)}
    assert read_back(f"progress: [{flow_mapping(item)}]\n") == {"progress": [item]}


def test_plain_when_safe_quoted_otherwise() -> None:
    assert [scalar(v) for v in ["DSA Chair", "5.2", "yes", "a: b", "#1", " x", "£5k"]] == [
        "DSA Chair",
        '"5.2"',
        '"yes"',
        '"a: b"',
        '"#1"',
        '" x"',
        "£5k",
    ]


def test_long_text_is_folded_at_single_spaces_within_the_width() -> None:
    text = "word " * 30 + "end"
    lines = block({"text": text}, 2, width=40)
    assert lines[0] == "  text: >-"
    assert all(len(line) <= 40 for line in lines)
    assert fold("a  b c", 3, "") == ["a  b", "c"]  # never at a double space


# Text of the characters the fast path takes, and of those it leaves to the parsers.
NEAR_PLAIN = st.text(
    alphabet=st.sampled_from("aZ09 .,;()'/&%+£–—-:#\"?[]{}!*|>@`~\tÀ\u2028"), max_size=12
) | st.sampled_from(["yes", "No", "on", "null", "Y", "1.5", "2020-01-01", "a ", "a:", "a #b"])


@settings(max_examples=150, deadline=None)
@given(NEAR_PLAIN, st.booleans())
def test_the_fast_path_agrees_with_reading_back(text: str, flow: bool) -> None:
    from actionplan.yaml.write import plain_is_safe, plain_reads_back

    assert plain_is_safe(text, flow=flow) == plain_reads_back(text, flow=flow)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x80), max_size=20))
def test_quoting_as_is_agrees_with_escaping(text: str) -> None:
    from actionplan.yaml.write import double_quoted

    escaped = "".join(
        {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t"}.get(c)
        or (c if 0x20 <= ord(c) <= 0x7E else f"\\x{ord(c):02x}")
        for c in text
    )
    assert double_quoted(text) == f'"{escaped}"'
