"""The one decoder: UTF-8 with or without a byte-order mark, and lines as YAML counts them."""

from __future__ import annotations

import pytest

from actionplan.yaml.decode import (
    BOM,
    LoadProblem,
    decode,
    line_column,
    line_end,
    line_start,
    newline_of,
    next_line,
)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_end_with_lf_crlf_or_a_lone_cr(newline: str) -> None:
    text = newline.join(["ab", "cd", "ef"])
    d = text.index("d")
    assert line_column(text, d) == (2, 2)
    assert text[line_start(text, d) : line_end(text, d)] == "cd"
    assert text[next_line(text, d) :] == "ef"
    assert next_line(text, text.index("f")) == len(text)
    assert newline_of(text) == newline


def test_a_file_with_no_line_break_is_written_with_lf() -> None:
    assert newline_of("plan: x") == "\n"


def test_a_byte_order_mark_is_dropped_and_latin_1_is_refused_at_its_byte() -> None:
    assert decode("p.yaml", BOM + "plan: £\r".encode()) == "plan: £\r"
    with pytest.raises(LoadProblem) as refused:
        decode("p.yaml", b"plan:\n  title: \xa3 5\n")
    assert str(refused.value.finding) == (
        "p.yaml:2:10: error AP001 byte 0xa3 at offset 15 is not UTF-8: save the file as UTF-8 "
        "(a Latin-1 '£' is a common cause)"
    )
