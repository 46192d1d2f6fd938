"""Plan text made inert for each kind of output: one function per kind, and nowhere else.

Plan files are written by many hands and imported from spreadsheets, so their text may hold what
an output would act on: a formula a spreadsheet runs, Markdown or HTML that forges a heading or
a live element, a control sequence a terminal obeys. Views hand over plain text; the renderers
call these functions on every piece of it. HTML is escaped by `html.escape` where it is written;
JSON and SARIF carry text as data.
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- Terminal --------------------------------------------------------------------------------

# C0 controls but tab and line feed, DEL, C1 controls, and the characters that reorder or hide
# text on screen (bidi embeddings, overrides and isolates; line and paragraph separators).
_TERMINAL_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)


def _visible(char: str) -> str:
    code = ord(char)
    if code <= 0x9F:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def terminal(text: str) -> str:
    """Text a terminal shows as it is: every control character as a visible escape (`\\x1b`,
    `\\r`'s `\\x0d`), every bidi control as `<U+202E>`; tabs and line breaks stay."""
    return _TERMINAL_UNSAFE.sub(lambda m: _visible(m.group()), text)


# --- CSV -------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_LINE_START = re.compile(r"(\r\n|\r|\n)(?=[=+\-@\t\r])")


def csv_cell(cell: str) -> str:
    """A cell a spreadsheet will not run (CSV injection): a text cell that starts, or has a
    line that starts, with = + - @ tab or CR gets a `'` there. Numbers stay numbers (`-30`)."""
    if _NUMBER.fullmatch(cell):
        return cell
    if cell.startswith(_FORMULA_START):
        cell = "'" + cell
    return _LINE_START.sub(lambda m: m.group(1) + "'", cell)


def csv_field(cell: str) -> str:
    """One field of a CSV line: quoted when it holds a comma, a quote, CR or LF (a bare CR
    unquoted would start a new record in Excel, LibreOffice and Python's own reader)."""
    if any(c in cell for c in ',"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(cells: list[str]) -> str:
    """A record as one CSV line (RFC 4180 quoting, LF line ends), every cell made inert."""
    fields = [csv_field(csv_cell(cell)) for cell in cells]
    if fields == [""]:
        fields = ['""']  # an empty line would read as no record at all
    return ",".join(fields) + "\n"


# --- Markdown --------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^(\s*)([-+>=~]|\d+[.)])")


def _one_line(text: str) -> str:
    """One line, with no control or bidi character left raw (a board paper is read on screen)."""
    return terminal(" ".join(text.replace("\r", "\n").split("\n")))


def markdown_cell(text: str) -> str:
    """A table cell: one line, no pipe to end the cell, no HTML element or entity."""
    text = _one_line(text).replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<")
    return _ENTITY.sub(r"\\&", text)


def markdown_text(text: str) -> str:
    """Prose (a heading, a paragraph, a bullet): one line, with what Markdown would read as
    markup escaped, so plan text never forges a heading, a list, a link or an HTML element."""
    text = _one_line(text)
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    text = _ENTITY.sub(r"\\&", text)
    return _BLOCK_START.sub(lambda m: m.group(1) + _escaped_start(m.group(2)), text)


def _escaped_start(start: str) -> str:
    if start[0].isdigit():  # `1.` starts a numbered list: escape its dot
        return start[:-1] + "\\" + start[-1]
    return "\\" + start


# --- Word ------------------------------------------------------------------------------------


def word_line(text: str) -> str:
    """A Word heading or paragraph: one line (a line break in plan text must not make what
    looks like another heading), with control and bidi characters shown, not obeyed."""
    return terminal(" ".join(text.replace("\r", "\n").split("\n")))


def word_cell_line(text: str) -> str:
    """One line of a Word table cell (a cell's own line breaks are its layout)."""
    return terminal(text.replace("\r", " "))


# --- SVG -------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)  # a site draws thousands of charts with the same labels and marks
def svg_text(text: str) -> str:
    """Text inside an SVG drawing (a label, its title, its description, an attribute): one
    line, control and bidi characters shown (XML cannot hold most controls at all), and
    escaped for XML and HTML alike."""
    import html

    return html.escape(word_line(text))


# --- Email -----------------------------------------------------------------------------------


def mail_line(text: str) -> str:
    """A line of a chaser's plain text, or a header value before the `email` package encodes
    it: one line (every kind of line break and run of spaces as one space, so plan text never
    starts a line or a header of its own), with control and bidi characters shown."""
    return terminal(" ".join(text.split()))
