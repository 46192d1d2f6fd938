"""What a view hands to output: document blocks (headings, lines, tables) and records.

A report is plain data; a view words it as

- blocks, the same list drawn on the terminal through Rich or written as Markdown or HTML;
- records, one row per thing with one field list (`Field`) that both CSV and JSON are cut from;
- a JSON document, built from those records where the report is a list of rows.

Nothing here draws or escapes: `output.render` does, one function per output kind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

if TYPE_CHECKING:
    from actionplan.charts.model import Chart

Row = TypeVar("Row")


# --- Blocks ----------------------------------------------------------------------------------

# Blocks and columns are values, never changed once made, but plain dataclasses, not frozen: a
# site makes hundreds of thousands of them (why, in charts.scene).


@dataclass(unsafe_hash=True)
class Heading:
    """A section heading; `bold` is how the terminal shows it (Markdown and HTML use ## / h2).
    `anchor` is the id a link to it names (HTML only: the site's pages link to sections)."""

    text: str
    bold: bool = True
    anchor: str | None = None


@dataclass
class Lines:
    """Lines of text; `bullets` makes them a list (in Markdown and HTML; indented on screen).

    `attached` lines follow the block before them on screen with no blank line between (the
    notes under the cost table); documents still give them a paragraph of their own.
    """

    lines: list[str] = field(default_factory=list)
    bullets: bool = False
    attached: bool = False


@dataclass(unsafe_hash=True)
class Column:
    header: str
    align: Literal["left", "right"] = "left"
    style: Callable[[str], str | None] | None = None  # a cell's Rich style name, on screen only
    max_width: int | None = None
    no_wrap: bool = False
    min_width: int | None = None  # so the terminal does not squeeze the column that matters most


@dataclass
class Table:
    columns: list[Column]
    rows: list[list[str]]
    title: str | None = None
    footer: list[list[str]] = field(default_factory=list)
    caption: str | None = None
    # A body cell's link, (row, column) -> a relative URL: HTML only (the site's pages); the
    # cell's text stays the link's text, and other formats show the text alone.
    links: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    @property
    def main_column(self) -> int | None:
        """The column that matters most (the one given a minimum width), if any."""
        return next((i for i, c in enumerate(self.columns) if c.min_width), None)


@dataclass(frozen=True)
class Figure:
    """A chart (`actionplan.charts`): a picture, inline SVG in HTML and a PNG in Word, with its
    title, its text alternative (`chart.summary`) and its numbers in `table`. Markdown and the
    terminal, which draw no pictures, give the text alternative and the table."""

    chart: Chart
    table: Table

    def as_text(self) -> list[Heading | Lines | Table]:
        """The figure without its picture: its summary and its table."""
        return [Lines([self.chart.summary]), self.table]


Block = Heading | Lines | Table | Figure


# --- Records ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field(Generic[Row]):
    """One field of a record kind: its name (the CSV header and the JSON key), how to get its
    value from a row, and which of the two record formats carry it.

    The value is plain data (text, a number, a date, a yes/no, a list of names, None); `csv_cell`
    and `json_value` give its one spelling in each format. A field whose CSV cell is not simply
    its value written flat (a list of actions as 'plan id; plan id') says so with `csv`.
    """

    name: str
    value: Callable[[Row], Any]
    in_csv: bool = True
    in_json: bool = True
    csv: Callable[[Row], str] | None = None


def csv_cell(value: Any) -> str:
    """A field's value as a CSV cell: '' for nothing, yes/no, lists joined with '; '."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, tuple | list):
        return "; ".join(csv_cell(item) for item in value)
    return json_value(value) if isinstance(value, date | Enum) else str(value)


def json_value(value: Any) -> Any:
    """A field's value for JSON: dates in ISO 8601, enums as their value, tuples as lists."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [json_value(item) for item in value]
    return value


@dataclass(frozen=True)
class Records(Generic[Row]):
    """Rows of one kind and the field list they are written with, in CSV and in JSON."""

    fields: Sequence[Field[Row]]
    rows: Sequence[Row]

    @property
    def headers(self) -> list[str]:
        return [f.name for f in self.fields if f.in_csv]

    def csv_rows(self) -> list[list[str]]:
        shown = [f for f in self.fields if f.in_csv]
        return [
            [f.csv(row) if f.csv else csv_cell(f.value(row)) for f in shown] for row in self.rows
        ]

    def json(self) -> list[dict[str, Any]]:
        shown = [f for f in self.fields if f.in_json]
        return [{f.name: json_value(f.value(row)) for f in shown} for row in self.rows]


@dataclass(frozen=True)
class Rows:
    """CSV rows that are not records of one kind (a table as printed, a long item/field/value
    list): the headers and the cells as they are."""

    headers: Sequence[str]
    cells: Sequence[Sequence[str]]

    def csv_rows(self) -> Sequence[Sequence[str]]:
        return self.cells


def plans_named(titles: Sequence[str]) -> str:
    """What a paper is about: its one plan's title, or how many plans (`3 plans`)."""
    return titles[0] if len(titles) == 1 else f"{len(titles)} plans"


# --- A view ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class View:
    """A report made ready for every format; each part is built only when its format is asked.

    `blocks` feed the terminal, and Markdown and HTML too unless `document_blocks` words them
    for a page (one line a cell); `csv` the CSV; `json` the JSON document. `nothing_to_show`
    replaces the blocks with one line when the report is empty (CSV and JSON still write their
    empty rows and document). `page_title` makes HTML a whole page.
    """

    blocks: Callable[[], Sequence[Block]]
    document_blocks: Callable[[], Sequence[Block]] | None = None
    csv: Callable[[], Records[Any] | Rows] | None = None
    json: Callable[[], Any] | None = None
    nothing_to_show: str | None = None
    page_title: str | None = None
