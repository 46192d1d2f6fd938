"""Render report tables: the same rows as a Rich table, Markdown, HTML, CSV; and JSON documents.

Reports hand over `Table`s of plain strings; nothing here computes. Rich and tabulate are
imported inside the functions that use them, so commands that never draw a table never pay for
them at start-up.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import IO, TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table as RichTable


class Format(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    JSON = "json"


RAG_STYLES = {
    "red": "bold white on red",
    "amber": "bold black on yellow",
    "green": "bold white on green",
    "complete": "bold blue",
    "dropped": "dim",
}


def rag_style(cell: str) -> str | None:
    """Rich style for a cell holding a RAG word (its text stays, for black-and-white print)."""
    return RAG_STYLES.get(cell.split(" ")[0].lower()) if cell else None


@dataclass
class Column:
    header: str
    align: Literal["left", "right"] = "left"
    style: Callable[[str], str | None] | None = None
    max_width: int | None = None
    no_wrap: bool = False
    min_width: int | None = None  # so Rich does not squeeze the column that matters most


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[str]]
    title: str | None = None
    footer: list[list[str]] = field(default_factory=list)
    caption: str | None = None

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


# --- Text formats ----------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(table: Table) -> str:
    """GitHub-flavoured Markdown (tabulate's github style), ready to paste into a board paper."""
    from tabulate import tabulate

    rows = [[_md_cell(c) for c in row] for row in [*table.rows, *table.footer]]
    body = tabulate(
        rows,
        headers=[_md_cell(h) for h in table.headers],
        tablefmt="github",
        colalign=[c.align for c in table.columns],
        disable_numparse=True,
    )
    parts = [f"### {table.title}", ""] if table.title else []
    parts.append(body)
    if table.caption:
        parts += ["", table.caption]
    return "\n".join(parts) + "\n"


def to_html(table: Table) -> str:
    """An HTML table with every cell escaped (tabulate's html style)."""
    import html

    from tabulate import tabulate

    body = tabulate(
        [*table.rows, *table.footer],
        headers=table.headers,
        tablefmt="html",
        colalign=[c.align for c in table.columns],
        disable_numparse=True,
    )
    parts = [f"<h3>{html.escape(table.title)}</h3>"] if table.title else []
    parts.append(body)
    if table.caption:
        parts.append(f"<p>{html.escape(table.caption)}</p>")
    return "\n".join(parts) + "\n"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Stop a spreadsheet from running a cell as a formula (CSV injection)."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def to_csv(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """CSV via the stdlib writer, with formula-like cells neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(h) for h in headers])
    writer.writerows([[neutralise(str(c)) for c in row] for row in rows])
    return out.getvalue()


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


def print_table(table: Table, out: Console) -> None:
    """Draw a table that fits the console width; RAG cells keep their words and gain colour.

    Columns' minimum widths keep the important text readable, but only while the table still
    fits: Rich lets minimum widths push a table past the terminal's edge, so they are relaxed
    step by step until it fits.
    """
    for scale in (1.0, 0.75, 0.5, 0.0):
        rich_table = _rich_table(table, out, min_scale=scale)
        if not scale or not any(c.min_width for c in table.columns):
            break
        # Drawn uncropped to see whether it fits, and that drawing printed when it does: drawing
        # it a second time to print cost `status` 45 ms on the Southampton plan.
        with out.capture() as capture:
            out.print(rich_table, crop=False)
        drawn = capture.get()
        if _widest_line(drawn) <= out.width:
            out.file.write(drawn)
            return
    out.print(rich_table)


def _widest_line(drawn: str) -> int:
    """The widest line of a drawing, in terminal cells, colour codes left out. Titles and
    captions are drawn at the table's own width, so they never widen a table that fits."""
    from rich.cells import cell_len
    from rich.text import Text

    plain = Text.from_ansi(drawn).plain if "\x1b" in drawn else drawn
    return max((cell_len(line) for line in plain.splitlines()), default=0)


def _rich_table(table: Table, out: Console, *, min_scale: float) -> RichTable:
    from rich import box
    from rich.table import Table as RichTable
    from rich.text import Text

    # Titles, captions and headers hold plan text: as Text, '[/]' in a title is not markup.
    rich_table = RichTable(
        title=Text(table.title, style="table.title") if table.title else None,
        caption=Text(table.caption, style="table.caption") if table.caption else None,
        box=box.SIMPLE_HEAVY if out.color_system else box.ASCII2,
        show_footer=False,
        title_justify="left",
        caption_justify="left",
    )
    for column in table.columns:
        rich_table.add_column(
            Text(column.header),
            justify=column.align,
            max_width=column.max_width,
            min_width=int(column.min_width * min_scale) or None if column.min_width else None,
            no_wrap=column.no_wrap,
            overflow="fold",
        )
    for index, row in enumerate([*table.rows, *table.footer]):
        cells = []
        for column, cell in zip(table.columns, row, strict=True):
            style = column.style(cell) if column.style and out.color_system else None
            cells.append(Text(cell, style=style or ""))
        rich_table.add_row(*cells, end_section=index == len(table.rows) - 1 and bool(table.footer))
    return rich_table
