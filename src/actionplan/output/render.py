"""Draw a view's blocks and records: Rich on the terminal, Markdown, HTML, CSV and JSON.

Views hand over blocks (`Heading`, `Lines`, `Table` of plain strings) and records; nothing here
computes, and every escape happens here, one function per output kind. Rich and tabulate are
imported inside the functions that use them, so commands that never draw a table never pay for
them at start-up.
"""

from __future__ import annotations

import functools
import io
import json
import operator
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any

from actionplan.output.escape import csv_line, markdown_cell, markdown_text, terminal
from actionplan.output.formats import DateStyle, Format
from actionplan.views.document import Block, Column, Figure, Heading, Lines, Table, View

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table as RichTable


# --- Text formats ----------------------------------------------------------------------------


def to_markdown(table: Table) -> str:
    """GitHub-flavoured Markdown (tabulate's github style), ready to paste into a board paper."""
    from tabulate import tabulate

    rows = [[markdown_cell(c) for c in row] for row in [*table.rows, *table.footer]]
    body = tabulate(
        rows,
        headers=[markdown_cell(h) for h in table.headers],
        tablefmt="github",
        colalign=[c.align for c in table.columns],
        disable_numparse=True,
    )
    parts = [f"### {markdown_text(table.title)}", ""] if table.title else []
    parts.append(body)
    if table.caption:
        parts += ["", markdown_text(table.caption)]
    return "\n".join(parts) + "\n"


def to_html(table: Table, *, words: bool = False) -> str:
    """An HTML table: its title as the `<caption>`, header cells with `scope="col"`, footer rows
    (totals) in `<tfoot>`, RAG cells tagged with their word kept, every piece of text escaped;
    with `words`, its ISO dates in words (`dates_in_words`), each in a `<time>`."""
    return "".join(_html_table(table, words))


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV (RFC 4180 quoting, LF line ends), every cell made inert (`escape.csv_line`)."""
    return csv_line(list(headers)) + "".join(csv_line([str(c) for c in row]) for row in rows)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, StrEnum):
        return value.value
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(document: Any) -> str:
    """JSON with amounts as two-decimal strings and dates in ISO 8601.

    Decimals that are not money (indicator values) must be converted by the caller.
    """
    return json.dumps(document, indent=2, ensure_ascii=False, default=_json_default) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.splitlines()) if "\n" in text or "\r" in text else text


def _drawn(blocks: Sequence[Block]) -> list[Heading | Lines | Table]:
    """The blocks worth drawing as text: an empty `Lines` (no notes to add) is left out, and a
    figure is given as its text alternative and its table (Markdown and the terminal draw no
    pictures)."""
    drawn: list[Heading | Lines | Table] = []
    for block in blocks:
        if isinstance(block, Figure):
            drawn += block.as_text()
        elif not (isinstance(block, Lines) and not block.lines):
            drawn.append(block)
    return drawn


def blocks_to_markdown(
    blocks: Sequence[Block], date_style: DateStyle = DateStyle.WORDS, *, title: str | None = None
) -> str:
    """The blocks as Markdown: `##` headings, paragraphs or a list, tables (GitHub style),
    dates in words unless `date_style` is ISO; with a `title`, a `#` heading first (as a page
    has its `h1`), and a first heading that reads the same is left out."""
    parts = []
    if title is not None:
        title = document_text(title, date_style)
        parts.append(f"# {markdown_text(title)}\n")
    for index, block in enumerate(_drawn(document_blocks(blocks, date_style))):
        if isinstance(block, Heading):
            if index == 0 and block.text == title:
                continue
            parts.append(f"## {markdown_text(block.text)}\n")
        elif isinstance(block, Lines):
            prefix = "- " if block.bullets else ""
            joiner = "\n" if block.bullets else "\n\n"
            parts.append(joiner.join(prefix + markdown_text(line) for line in block.lines) + "\n")
        else:
            parts.append(to_markdown(block))
    return "\n".join(parts)


def blocks_to_html(
    blocks: Sequence[Block], *, skip_first_heading: str | None = None, words: bool = False
) -> str:
    """The blocks as HTML for a page's `<main>`: `h2` headings, paragraphs or a list, tables
    (`to_html`), every piece of text escaped (`_html_text`); with `words`, every ISO date in
    words, as `in_words` writes it, in a `<time>` that gives it in ISO.

    A first heading that reads `skip_first_heading` is left out: the page's `h1` says it.
    """
    return "".join(html_parts(blocks, skip_first_heading=skip_first_heading, words=words))


def html_parts(
    blocks: Iterable[Block], *, skip_first_heading: str | None = None, words: bool = False
) -> Iterator[str]:
    """`blocks_to_html` a block at a time, each block taken as it comes (a page too long to
    hold whole, an owner's actions across every plan, is written as it is made)."""
    import html

    drawn = (b for b in blocks if not (isinstance(b, Lines) and not b.lines))
    for index, block in enumerate(drawn):
        if isinstance(block, Figure):
            yield html_figure(block, index, words=words)
        elif isinstance(block, Heading):
            if index == 0 and skip_first_heading is not None:
                heading = dates_in_words(block.text) if words else block.text
                if heading == skip_first_heading:
                    continue
            anchor = f' id="{html.escape(block.anchor)}"' if block.anchor else ""
            yield f"<h2{anchor}>{_html_text(block.text, False, words)}</h2>\n"
        elif isinstance(block, Lines):
            lines = [_html_text(line, False, words) for line in block.lines]
            if block.bullets:
                items = "".join(f"<li>{line}</li>\n" for line in lines)
                yield f"<ul>\n{items}</ul>\n"
            else:
                yield "".join(f"<p>{line}</p>\n" for line in lines)
        else:
            yield to_html(block, words=words)


def html_figure(figure: Figure, number: int, *, words: bool = False) -> str:
    """A chart on a page: its title (`h3`), the picture as inline SVG named and described by
    its own title and text alternative, that text shown to sighted readers too (hidden from
    screen readers, which have it from the picture), and its table of figures."""
    from actionplan.charts.svg import chart_ident, to_svg

    chart = figure.chart
    ident = chart_ident(str(number), dates_in_words(chart.title) if words else chart.title)
    return (
        '<figure class="chart" style="margin: 1em 0 0.5em; break-inside: avoid;">\n'
        f"<h3>{_html_text(chart.title, False, words)}</h3>\n"
        f'<p class="chart-summary" aria-hidden="true">'
        f"{_html_text(chart.summary, False, words)}</p>\n"
        f"{to_svg(chart, ident=ident, words=words)}\n</figure>\n"
        f"{to_html(figure.table, words=words)}"
    )


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTH_NUMBER = {name: number for number, name in enumerate(_MONTHS, start=1)}

# A date as plan text and reports write it: ISO, a day (2020-02-29) or a month (2020-02), unless
# it is part of a name such as a git tag (meeting/2020-01-15) or a range (2019-20 is no month);
# or in words (29 February 2020, February 2020), as a paper writes it.
#
# Each of these starts a word, so the patterns test that once, before trying any of them (a
# place inside a word or between words fails at once), and each one's first character; a
# hyphenated word's letters are taken without going back over them: a chart's summary of 180
# characters is searched in 12 µs, not 32 (the same matches: tests/output/test_documents.py).
_ISO_DATE = r"(?<![\w/.-])(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?![\w/-])"
_WORDED_DATE = (
    rf"(?=[\dJFMASOND])(?:(?P<wday>\d{{1,2}}) )?(?P<wmonth>{'|'.join(_MONTHS)}) "
    r"(?P<wyear>\d{4})\b"
)
_DATE = rf"\b(?:{_ISO_DATE}|{_WORDED_DATE})"
_DATES = re.compile(_DATE)
# What a printed line must not break: a date, a month as plans abbreviate it in a target ("Feb
# 2020", "Sept 2021"), and any hyphenated word (not-started, in-progress), where browsers break
# by default.
_SHORT_MONTHS = (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"
)  # fmt: skip
_SHORT_MONTH = rf"(?=[JFMASOND])(?:{'|'.join(_SHORT_MONTHS)})\.? \d{{4}}\b"
_UNBROKEN = re.compile(rf"\b(?:{_ISO_DATE}|{_WORDED_DATE}|{_SHORT_MONTH}|\w++(?:-\w++)+)")


def date_in_words(day: date) -> str:
    """`29 February 2020`: how a board paper writes a date."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _date_of(match: re.Match[str]) -> tuple[str, str] | None:
    """The date a `_DATE` match writes, as (ISO, in words): `('2020-02', 'February 2020')`;
    None for what only looks like one (2020-13, 31 February 2020) or is not a date at all."""
    if match.group("year") is not None:
        return _iso_date(*match.group("year", "month", "day"))
    if match.group("wmonth") is not None:
        year, day = match.group("wyear", "wday")
        return _dated(year, _MONTH_NUMBER[match.group("wmonth")], day)
    return None


@functools.lru_cache(maxsize=4096)  # the same targets and updates, page after page
def _iso_date(year: str, month: str, day: str | None) -> tuple[str, str] | None:
    return _dated(year, int(month), day)


def _dated(year: str, number: int, day: str | None) -> tuple[str, str] | None:
    try:
        if day is None:
            date(int(year), number, 1)
            return f"{year}-{number:02d}", f"{_MONTHS[number - 1]} {year}"
        whole = date(int(year), number, int(day))
    except ValueError:
        return None
    return whole.isoformat(), date_in_words(whole)


@functools.lru_cache(maxsize=8192)  # a site's pages word the same cells again and again
def dates_in_words(text: str) -> str:
    """`text` with its ISO dates in words (`29 February 2020`, a month as `February 2020`), as
    a paper writes them; a date inside a name (meeting/2020-01-15) stays as it is."""
    if "-" not in text:  # no ISO date to word
        return text

    def words(match: re.Match[str]) -> str:
        found = _date_of(match) if match.group("year") is not None else None
        return found[1] if found is not None else match.group()

    return _DATES.sub(words, text)


def in_words(blocks: Sequence[Block]) -> list[Block]:
    """The blocks with every ISO date in their text in words (`dates_in_words`): what a
    document (Markdown, HTML, Word) writes unless it is asked for ISO (`DateStyle.ISO`)."""
    return [_worded(block) for block in blocks]


def _worded(block: Block) -> Block:
    if isinstance(block, Heading):
        return replace(block, text=dates_in_words(block.text))
    if isinstance(block, Lines):
        return replace(block, lines=[dates_in_words(line) for line in block.lines])
    if isinstance(block, Figure):  # its picture's words (title, text alternative) and table
        chart = replace(
            block.chart,
            title=dates_in_words(block.chart.title),
            summary=dates_in_words(block.chart.summary),
        )
        return replace(block, chart=chart, table=_worded_table(block.table))
    return _worded_table(block)


def _worded_table(table: Table) -> Table:
    return replace(
        table,
        columns=[_worded_column(c) for c in table.columns],
        rows=[[dates_in_words(cell) for cell in row] for row in table.rows],
        footer=[[dates_in_words(cell) for cell in row] for row in table.footer],
        title=dates_in_words(table.title) if table.title else table.title,
        caption=dates_in_words(table.caption) if table.caption else table.caption,
    )


def _worded_column(column: Column) -> Column:
    # A header rarely holds a date: the column is kept as it is unless its header changes.
    header = dates_in_words(column.header)
    return column if header == column.header else replace(column, header=header)


def document_blocks(blocks: Sequence[Block], date_style: DateStyle) -> list[Block]:
    """The blocks as a document writes them: dates in words, or as they are for ISO."""
    return in_words(blocks) if date_style is DateStyle.WORDS else list(blocks)


def document_text(text: str, date_style: DateStyle) -> str:
    """One piece of a document's text (its title) as `document_blocks` writes it."""
    return dates_in_words(text) if date_style is DateStyle.WORDS else text


# What `_UNBROKEN` needs to match anything: a hyphen (an ISO date, a hyphenated word) or four
# digits (a year, in a date in words); and a cell that is an ISO date and nothing else (a
# target, a completion: most cells that hold a date), which needs no search.
_FOUR_DIGITS = re.compile(r"\d{4}")
_MONTH_WORDS = frozenset(_MONTHS + _SHORT_MONTHS)
_LAST_WORD = re.compile(r"\w+\.?\Z")
_ISO_CELL = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?\Z")


# A page repeats the same cells (statuses, dates, owners, an action's text on several pages of
# a site): each is escaped once. Called with its flags by position: the cache makes a key of
# keyword arguments in twice the time.
@functools.lru_cache(maxsize=8192)
def _html_text(text: str, whole_cell: bool = False, words: bool = False) -> str:
    """Plan text for a page: escaped (`html.escape`), each date in a `<time>` that gives it in
    ISO (with `words`, an ISO date shown in words, as `dates_in_words` writes it), and dates
    and hyphenated words kept whole on a printed line (`whole_cell`: the cell already is)."""
    import html

    if "-" not in text and _FOUR_DIGITS.search(text) is None:  # most cells
        return html.escape(text)
    iso = _ISO_CELL.match(text)
    if iso is not None and (found := _date_of(iso)) is not None:
        return f'<time datetime="{found[0]}">{found[1] if words else text}</time>'
    # `Target: 2020-05-15`, `done on 2020-01-31`: the date at the end, nothing to find before
    # it (no hyphen, no year, and no month that would take the date's year as its own).
    before, space, last = text.rpartition(" ")
    if (
        space
        and (iso := _ISO_CELL.match(last)) is not None
        and "-" not in before
        and _FOUR_DIGITS.search(before) is None
        and _last_word(before) not in _MONTH_WORDS
        and (found := _date_of(iso)) is not None
    ):
        shown = found[1] if words else last
        return f'{html.escape(before)} <time datetime="{found[0]}">{shown}</time>'
    return _searched(text, whole_cell, words)


def _last_word(text: str) -> str:
    found = _LAST_WORD.search(text)
    return found.group().rstrip(".") if found else ""


def _searched(text: str, whole_cell: bool, words: bool) -> str:
    """`_html_text` the long way, every date and hyphenated word found by `_UNBROKEN`."""
    import html

    def unbroken(match: re.Match[str]) -> str:
        found = _date_of(match)
        if found is not None:
            shown = found[1] if words and match.group("year") is not None else match.group()
            return f'<time datetime="{found[0]}">{shown}</time>'
        return match.group() if whole_cell else f'<span class="nowrap">{match.group()}</span>'

    return _UNBROKEN.sub(unbroken, html.escape(text))


# A RAG cell starts with its word (RED, or `GREEN (set by hand; computed RED)`): the word stays,
# the class only colours it, so colour is never the only signal and a grey print still reads.
RAG_CELL = re.compile(r"(RED|AMBER|GREEN|COMPLETE|DROPPED)\b")


def _cell_classes(column: Column, cell: str | None) -> str:
    classes = []
    if column.align == "right":
        classes.append("num")
    if column.no_wrap:
        classes.append("nowrap")
    rag = RAG_CELL.match(cell) if cell is not None else None
    if rag is not None:
        classes.append(f"rag rag-{rag.group(1).lower()}")
    return f' class="{" ".join(classes)}"' if classes else ""


def _html_rows(
    table: Table,
    rows: Sequence[Sequence[str]],
    links: dict[tuple[int, int], str],
    words: bool,
    classes: list[str],
) -> Iterator[str]:
    """The rows; `classes` are each column's own (`_cell_classes`), worked out once a table.
    A cell's HTML (`_html_cell`) is made once for all the pages it is on (a site's pages have
    hundreds of thousands of cells, the same again and again: statuses, dates, owners, an
    action's text)."""
    import html

    no_wraps = [column.no_wrap for column in table.columns]
    width = len(classes)
    worded = [words] * width
    linked: dict[int, list[tuple[int, str]]] = {}  # a row's linked cells: (column, link)
    for (index, number), link in links.items():
        if number < width:
            linked.setdefault(index, []).append((number, link))
    for index, row in enumerate(rows):
        if len(row) != width:
            raise ValueError(f"a row of {len(row)} cells in a table of {width} columns")
        if index not in linked:
            yield f"<tr>{''.join(map(_html_cell, row, classes, no_wraps, worded))}</tr>\n"
            continue
        cells = list(map(_html_cell, row, classes, no_wraps, worded))
        for number, link in linked[index]:
            cell = row[number]
            text = _html_text(cell, no_wraps[number], words)
            text = f'<a href="{html.escape(link)}">{text}</a>'
            cells[number] = f"<td{_with_rag(classes[number], cell)}>{text}</td>"
        yield f"<tr>{''.join(cells)}</tr>\n"


@functools.lru_cache(maxsize=16384)
def _html_cell(cell: str, classes: str, no_wrap: bool, words: bool) -> str:
    """A table cell, `<td>`, with its column's `classes` and, for a RAG word, its colour's."""
    return f"<td{_with_rag(classes, cell)}>{_html_text(cell, no_wrap, words)}</td>"


def _with_rag(classes: str, cell: str) -> str:
    """The column's classes (` class="num"` or none) and the RAG word's the cell starts with."""
    rag = RAG_CELL.match(cell) if cell[:1] in _RAG_INITIALS else None
    if rag is None:
        return classes
    word = f"rag rag-{rag.group(1).lower()}"
    return f'{classes[:-1]} {word}"' if classes else f' class="{word}"'


_RAG_INITIALS = frozenset("RAGCD")


def _html_table(table: Table, words: bool = False) -> Iterator[str]:
    yield "<table>\n"
    if table.title:
        yield f"<caption>{_html_text(table.title, False, words)}</caption>\n"
    classes, head = _table_head(table.columns, words)
    yield head
    yield "<tbody>\n"
    yield from _html_rows(table, table.rows, table.links, words, classes)
    yield "</tbody>\n"
    if table.footer:
        yield "<tfoot>\n"
        yield from _html_rows(table, table.footer, {}, words, classes)
        yield "</tfoot>\n"
    yield "</table>\n"
    if table.caption:
        yield f'<p class="note">{_html_text(table.caption, False, words)}</p>\n'


# A table's head (each column's classes, and the header row), made once for columns a report
# gives table after table (`status_columns`, a progress table's): kept by the columns' identity,
# with the columns themselves, so that no other column can take one's id while it is kept.
_HEADS: dict[tuple[object, ...], tuple[tuple[Column, ...], list[str], str]] = {}


def _table_head(columns: Sequence[Column], words: bool) -> tuple[list[str], str]:
    key = (words, *map(id, columns))
    found = _HEADS.get(key)
    if found is not None and all(map(operator.is_, found[0], columns)):
        return found[1], found[2]
    classes = [_cell_classes(column, None) for column in columns]
    headers = "".join(
        f'<th scope="col"{kind}>{_html_text(column.header, False, words)}</th>'
        for column, kind in zip(columns, classes, strict=True)
    )
    head = f"<thead>\n<tr>{headers}</tr>\n</thead>\n"
    if len(_HEADS) >= 256:
        _HEADS.clear()
    _HEADS[key] = (tuple(columns), classes, head)
    return classes, head


# GOV.UK Design System colours: text #0b0c0c, borders #b1b4b6, and its tag pairs for the RAG
# words (each pair 4.5:1 or better, WCAG 2.1 AA). A4 with margins a printer can reach; the
# header row repeats on each printed page and is never left alone at a page's foot; rows and
# dates are not split.
PAGE_STYLE = """@page { size: A4; margin: 15mm 12mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.35;
  margin: 2em; color: #0b0c0c; background: #fff; }
h1 { font-size: 18pt; margin: 0 0 0.6em; }
h2 { font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #b1b4b6; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }
caption { text-align: left; font-weight: bold; font-size: 12pt; padding: 0.3em 0; }
th, td { border: 1px solid #b1b4b6; padding: 3px 6px; vertical-align: top; text-align: left; }
th { background: #f3f2f1; }
.num { text-align: right; }
.nowrap, time { white-space: nowrap; }
tfoot td { font-weight: bold; }
td.rag { font-weight: bold; }
td.rag-red { background: #f4cdc6; color: #2a0b06; }
td.rag-amber { background: #fcd6c3; color: #6e3619; }
td.rag-green { background: #cce2d8; color: #005a30; }
td.rag-complete { background: #bbd4ea; color: #0c2d4a; }
td.rag-dropped { background: #e5e6e7; color: #282d30; }
@media print {
  body { margin: 0; font-size: 9pt; }
  h2, caption { break-after: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; break-after: avoid; }
  tbody tr:first-child { break-before: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""
_PAGE = (
    '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    "<title>{title}</title>\n<style>\n"
    + PAGE_STYLE.replace("{", "{{").replace("}", "}}")
    + "</style>\n</head>\n<body>\n<main>\n<h1>{heading}</h1>\n{body}</main>\n</body>\n</html>\n"
)


def page_title_of(blocks: Sequence[Block]) -> str:
    """A page's title when its view names none: its first heading, else its first table's
    title."""
    for block in blocks:
        if isinstance(block, Heading):
            return block.text
        if isinstance(block, Table) and block.title:
            return block.title
    return "Action plan report"


def html_page(title: str, blocks: Sequence[Block], date_style: DateStyle = DateStyle.WORDS) -> str:
    """The blocks as a whole, self-contained HTML page (no network resources) for publishing:
    `lang="en-GB"`, a title and one `h1`, everything inside `<main>`, dates in words (unless
    `date_style` is ISO), each in a `<time>`, A4 print.

    RAG cells are coloured by class; the word stays, so a black-and-white print still reads.
    """
    import html

    title = document_text(title, date_style)
    return _PAGE.format(
        title=html.escape(title),
        heading=_html_text(title),
        body=blocks_to_html(blocks, skip_first_heading=title, words=date_style is DateStyle.WORDS),
    )


# --- Terminal --------------------------------------------------------------------------------


def console(file: IO[str] | None = None) -> Console:
    """A Rich console: colour only on a terminal, none under NO_COLOR, never ANSI when piped."""
    from rich.console import Console

    stream = file or sys.stdout
    terminal = stream.isatty()
    # force_terminal=False would stop Rich styling even a real terminal; NO_COLOR drops every
    # style (bold too), so nothing but text reaches a terminal that asked for no colour.
    colour = terminal and not os.environ.get("NO_COLOR")
    return Console(
        file=stream,
        force_terminal=terminal,
        no_color=not colour,
        color_system="auto" if colour else None,
        highlight=False,
        soft_wrap=not terminal,
        width=None if terminal else int(os.environ.get("COLUMNS", "0") or 0) or 120,
    )


def print_blocks(blocks: Sequence[Block], out: Console) -> None:
    """Draw the blocks on a Rich console, a blank line between them (none before `attached`
    lines).

    A table too wide for the console is drawn as records; and when one is, so is every table
    with a main column (the actions of each recommendation in `status`), so a report does not
    mix the two for the same kind of row.
    """
    from rich.text import Text

    blocks = _drawn(blocks)
    drawn = {id(block): draw_table(block, out) for block in blocks if isinstance(block, Table)}
    as_records = any(drawing is None for drawing in drawn.values())
    for index, block in enumerate(blocks):
        if index and not (isinstance(block, Lines) and block.attached):
            out.print()
        if isinstance(block, Heading):
            out.print(Text(terminal(_one_line(block.text)), style="bold" if block.bold else ""))
        elif isinstance(block, Lines):
            for line in block.lines:
                # A line is one line: plan text with a line break must not forge another.
                out.print(
                    Text(terminal(f"  {_one_line(line)}" if block.bullets else _one_line(line)))
                )
        else:
            table = drawn[id(block)]
            if table is None or (as_records and block.main_column is not None):
                table = draw_records(block, out)
            out.file.write(table)


def blocks_to_text(blocks: Sequence[Block]) -> str:
    """The terminal drawing as plain text (no colour), for --output FILE."""
    buffer = io.StringIO()
    print_blocks(blocks, console(buffer))
    return buffer.getvalue()


def draw_table(table: Table, out: Console) -> str | None:
    """The table drawn to fit the console, or None when it cannot fit without breaking a word
    or a figure, or narrowing its main column (the one with a minimum width: the action's
    text in `status`) below that width; draw it with `draw_records` then.

    The widths are worked out here (`fit_widths`) and given to Rich: left to itself, Rich
    narrows every column alike and then widens the main one back past the terminal's edge,
    or folds 'COMPLETE' into 'COMPLET' and 'E'.
    """
    widths = fit_widths(table, out.width - _EDGES_AND_PADDING * len(table.columns) - 1)
    if widths is None:
        return None
    with out.capture() as capture:
        out.print(_rich_table(table, out, widths))
    return capture.get()


# Each column of a drawn table takes a border or separator and a space either side: the table
# is 3 × columns + 1 wider than its cells (box.ASCII2 and SIMPLE_HEAVY, padding (0, 1)).
_EDGES_AND_PADDING = 3


def fit_widths(table: Table, room: int) -> list[int] | None:
    """Widths of the table's columns within `room` cells, or None if it cannot fit.

    Each column wants its widest cell (up to its max_width) and will go down to its longest
    word, a column with a minimum width to that, a no_wrap column not at all; the widest
    column gives way first, one cell at a time.
    """
    from rich.cells import cell_len

    rows = [table.headers, *table.rows, *table.footer]
    wanted: list[int] = []
    floors: list[int] = []
    for index, column in enumerate(table.columns):
        cells = [terminal(row[index]) for row in rows]  # as drawn
        widest = max(cell_len(line) for cell in cells for line in cell.splitlines() or [""])
        want = min(widest, column.max_width or widest)
        longest_word = max((cell_len(word) for cell in cells for word in cell.split()), default=0)
        floor = want if column.no_wrap else max(longest_word, column.min_width or 0)
        wanted.append(want)
        floors.append(min(floor, want))
    widths = list(wanted)
    for _cell in range(sum(widths) - room):
        slack = [index for index, width in enumerate(widths) if width > floors[index]]
        if not slack:
            return None
        widths[max(slack, key=lambda index: (widths[index], index))] -= 1
    return widths


def draw_records(table: Table, out: Console) -> str:
    """The table as one record a row (see `_records`), for a terminal too narrow for it."""
    with out.capture() as capture:
        out.print(_records(table, out), soft_wrap=False)  # wrapped even when piped
    # Rich pads each line of a grid to its width: trailing spaces, which a pipe would keep.
    return "".join(line.rstrip(" ") + "\n" for line in capture.get().splitlines())


def _records(table: Table, out: Console) -> RenderableType:
    """The table as one record a row, for a terminal too narrow for its columns.

    With a main column (the action's text in `status`): the first column and the main text on
    one line, every other column as 'Header: value' below the text. Without one: the first
    column on a line of its own, the others below it, indented. A field is never split across
    lines (unless it is wider than the terminal); footer rows follow a rule.
    """
    from rich.cells import cell_len
    from rich.console import Group
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.table import Table as RichTable
    from rich.text import Text

    main = table.main_column
    key = 0 if main != 0 else None
    beside = main is not None and key is not None  # the key in a column of its own
    key_width = max((cell_len(row[0]) for row in [*table.rows, *table.footer]), default=0)
    room = out.width - (key_width + 2 if beside else 0) - (2 if main is None else 0)

    def fields(row: list[str], skip: set[int | None]) -> Text:
        """'Header: value' for each other cell, as many to a line as fit."""
        text = Text(overflow="fold")
        line = 0  # width used on the current line
        for index, (column, cell) in enumerate(zip(table.columns, row, strict=True)):
            if index in skip or not cell:
                continue
            cell = terminal(cell.replace("\n", " "))  # a line break is for a table's layout
            width = cell_len(f"{column.header}: {cell}")
            if line and line + 3 + width <= room:
                text.append(" · ")
                line += 3 + width
            else:
                text.append("\n" if line else "")
                line = width
            text.append(f"{column.header}: ", style="dim" if out.color_system else "")
            style = column.style(cell) if column.style and out.color_system else None
            text.append(cell, style=style or "")
        return text

    def record(row: list[str]) -> RenderableType:
        if main is None:  # the first cell written heads the record, the rest indented below
            head = next((index for index, cell in enumerate(row) if cell), 0)
            title = terminal(row[head])
            if head == 0 and len(title) <= 6:  # a bare '12' says more as 'Rec 12'
                title = f"{terminal(table.columns[0].header)} {title}"
            return Group(Text(title), Padding(fields(row, {head}), (0, 0, 0, 2)))
        body = Text(terminal(row[main]), overflow="fold")
        rest = fields(row, {main, key})
        if rest:
            body.append("\n")
            body.append_text(rest)
        if not beside:
            return body
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        grid.add_row(Text(terminal(row[0])), body)
        return grid

    parts: list[RenderableType] = []
    if table.title:
        parts.append(Text(terminal(table.title), style="table.title"))
    for index, row in enumerate(table.rows):
        if index:
            parts.append(Text(""))
        parts.append(record(row))
    if table.footer:
        parts.append(Rule(style="dim"))
        for index, row in enumerate(table.footer):
            if index:
                parts.append(Text(""))
            parts.append(record(row))
    if table.caption:
        parts.append(Text(terminal(table.caption), style="table.caption"))
    return Group(*parts)


def _rich_table(table: Table, out: Console, widths: list[int]) -> RichTable:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    # Titles, captions and headers hold plan text: as Text, '[/]' in a title is not markup.
    rich_table = RichTable(
        title=Text(terminal(table.title), style="table.title") if table.title else None,
        caption=Text(terminal(table.caption), style="table.caption") if table.caption else None,
        box=box.SIMPLE_HEAVY if out.color_system else box.ASCII2,
        show_footer=False,
        title_justify="left",
        caption_justify="left",
    )
    for column, width in zip(table.columns, widths, strict=True):
        rich_table.add_column(
            Text(terminal(column.header)),
            justify=column.align,
            width=width,
            no_wrap=column.no_wrap,
            overflow="fold",
        )
    for index, row in enumerate([*table.rows, *table.footer]):
        cells = []
        for column, cell in zip(table.columns, row, strict=True):
            style = column.style(cell) if column.style and out.color_system else None
            cells.append(Text(terminal(cell), style=style or ""))
        rich_table.add_row(*cells, end_section=index == len(table.rows) - 1 and bool(table.footer))
    return rich_table


# --- One view, any format --------------------------------------------------------------------


def render_text(view: View, format: Format, date_style: DateStyle = DateStyle.WORDS) -> str:
    """The view as text in `format`: JSON, CSV, Markdown, HTML (always a whole page, titled by
    the view's page title or else its first heading), or the terminal drawing without colour
    (`table`, for a file). Markdown and HTML write dates in words unless `date_style` is ISO;
    the terminal, CSV and JSON keep ISO 8601."""
    if view.nothing_to_show is not None and format is Format.HTML:
        title = view.page_title or view.nothing_to_show
        return html_page(title, [Lines([view.nothing_to_show])], date_style)
    if view.nothing_to_show is not None and format is Format.MARKDOWN:
        return document_text(view.nothing_to_show, date_style) + "\n"
    if view.nothing_to_show is not None and format not in (Format.CSV, Format.JSON):
        return view.nothing_to_show + "\n"
    if format is Format.JSON:
        if view.json is None:
            raise ValueError("this report has no JSON form")
        return to_json(view.json())
    if format is Format.CSV:
        if view.csv is None:
            raise ValueError("this report has no CSV form")
        records = view.csv()
        return to_csv(records.headers, records.csv_rows())
    if format is Format.TABLE:
        return blocks_to_text(view.blocks())
    blocks = (view.document_blocks or view.blocks)()
    if format is Format.MARKDOWN:
        return blocks_to_markdown(blocks, date_style, title=view.page_title)
    return html_page(view.page_title or page_title_of(blocks), blocks, date_style)


def render_docx(view: View, date_style: DateStyle = DateStyle.WORDS) -> bytes:
    """The view as a Word document (`output.word`, which alone imports python-docx), titled by
    the view's page title or else its first heading; dates in words unless `date_style` is
    ISO."""
    from actionplan.output.word import blocks_to_docx

    if view.nothing_to_show is not None:
        title = view.page_title or view.nothing_to_show
        return blocks_to_docx(title, [Lines([view.nothing_to_show])], date_style)
    blocks = (view.document_blocks or view.blocks)()
    return blocks_to_docx(view.page_title or page_title_of(blocks), blocks, date_style)
