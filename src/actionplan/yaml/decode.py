"""Bytes to text, and where a line starts and ends in it: the one decoder of plan files.

Loading and editing both decode here, so a file that lints is a file `update` can edit: UTF-8
with an optional byte-order mark, and lines ended by LF, CRLF or a lone CR (as YAML counts them;
the text keeps whichever the file has, so an edit can write them back unchanged).
"""

from __future__ import annotations

import codecs
import re

from actionplan.findings import Finding

BOM = codecs.BOM_UTF8


class LoadProblem(Exception):
    """The file cannot be read as a plan; carries the one finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


def decode(path: str, raw: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed and dropped); otherwise AP001 at the bad byte.

    Characters YAML refuses (control characters, a byte-order mark after the start) and the
    line breaks YAML counts but editors do not (U+0085, U+2028, U+2029) are AP001 too: found
    here, both YAML parsers give the same answer and line numbers match the editor's.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise LoadProblem(
                Finding(
                    path,
                    1,
                    1,
                    "AP001",
                    "the file is saved as UTF-16 (Notepad calls it 'Unicode'): save it as UTF-8",
                )
            ) from None
        line_start = raw.rfind(b"\n", 0, offset) + 1
        before = raw[line_start:offset].decode("utf-8", errors="replace").lstrip("\ufeff")
        raise LoadProblem(
            Finding(
                path,
                raw.count(b"\n", 0, offset) + 1,
                len(before) + 1,
                "AP001",
                f"byte 0x{raw[offset]:02x} at offset {offset} is not UTF-8: save the file as "
                "UTF-8 (a Latin-1 '£' is a common cause)",
            )
        ) from None
    bad = NOT_TEXT.search(text)
    if bad is not None:
        raise LoadProblem(not_text(path, text, bad.start(), len(raw) - len(text.encode("utf-8"))))
    return text


def not_text(path: str, text: str, index: int, skipped: int = 0) -> Finding:
    """AP001 for the character at `index`, which YAML refuses or editors do not show.

    `skipped` bytes (a byte-order mark) came before the text in the file.
    """
    char = text[index]
    offset = len(text[:index].encode("utf-8")) + skipped
    at = f"U+{ord(char):04X} at offset {offset}"
    if char in "\x85\u2028\u2029":
        what = (
            f"line break {at}, which editors do not show (often pasted from a PDF or a word "
            "processor): replace it with an ordinary line break or a space"
        )
    elif char == "\ufeff":
        what = f"byte-order mark {at}, inside the file (were two files joined?): delete it"
    else:
        what = f"control character {at}: a plan file is text; delete it (or is this a binary file?)"
    return Finding(path, *line_column(text, index), "AP001", what)


# What YAML accepts (tab, line feed, carriage return and printable Unicode) less the three line
# breaks only YAML counts and the byte-order mark, which YAML allows only at the start.
# Written as the characters it refuses, not as the complement of those it allows: the same set
# (every code point checked), but a class spanning most of Unicode takes 8 ms to compile at
# every start-up, this one half a millisecond.
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)


# --- Lines, as YAML counts them: LF, CRLF or a lone CR ----------------------------------------


def line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    return line_number(text, index), index - line_start(text, index) + 1


def line_number(text: str, index: int) -> int:
    """1-based number of the line holding character `index`."""
    return (
        text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index) + 1
    )


def line_start(text: str, index: int) -> int:
    """Index of the first character of the line holding `index`."""
    return max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1


def line_end(text: str, index: int) -> int:
    """Index of the line break that ends the line holding `index` (len(text) on the last)."""
    match = _BREAK.search(text, index)
    return len(text) if match is None else match.start()


def next_line(text: str, index: int) -> int:
    """Index of the start of the line after the one holding `index` (len(text) on the last)."""
    match = _BREAK.search(text, index)
    return len(text) if match is None else match.end()


def newline_of(text: str) -> str:
    """The line break the file is written with: its first one (LF when it has none)."""
    match = _BREAK.search(text)
    return "\n" if match is None else match.group()


def ends_with_newline(text: str) -> bool:
    return text.endswith(("\n", "\r"))


_BREAK = re.compile(r"\r\n?|\n")
