"""A report as a list of blocks (headings, lines of text, tables), drawn in any text format.

Reports that are more than one table (a status headline, then a table per recommendation, then
the RAG key) build a list of blocks; the same list is printed on the terminal through Rich, or
written as Markdown or HTML through `render`.
"""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from actionplan.output.render import (
    Format,
    Table,
    console,
    draw_records,
    draw_table,
    to_html,
    to_markdown,
)

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Lines:
    """Lines of text; `bullets` makes them a list (in Markdown and HTML; indented on screen)."""

    lines: list[str] = field(default_factory=list)
    bullets: bool = False


Block = Heading | Lines | Table


def print_blocks(blocks: Sequence[Block], out: Console) -> None:
    """Draw the blocks on a Rich console, a blank line between them.

    A table too wide for the console is drawn as records; and when one is, so is every table
    with a main column (the actions of each recommendation in `status`), so a report does not
    mix the two for the same kind of row.
    """
    from rich.text import Text

    drawn = {id(block): draw_table(block, out) for block in blocks if isinstance(block, Table)}
    as_records = any(drawing is None for drawing in drawn.values())
    for index, block in enumerate(blocks):
        if index:
            out.print()
        if isinstance(block, Heading):
            out.print(Text(block.text, style="bold"))
        elif isinstance(block, Lines):
            for line in block.lines:
                out.print(Text(f"  {line}" if block.bullets else line))
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


def _md_text(text: str) -> str:
    """Escape what Markdown would read as markup in plan text."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text


def blocks_to_markdown(blocks: Sequence[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"## {_md_text(block.text)}\n")
        elif isinstance(block, Lines):
            prefix = "- " if block.bullets else ""
            joiner = "\n" if block.bullets else "\n\n"
            parts.append(joiner.join(prefix + _md_text(line) for line in block.lines) + "\n")
        else:
            parts.append(to_markdown(block))
    return "\n".join(parts)


def blocks_to_html(blocks: Sequence[Block]) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h2>{html.escape(block.text)}</h2>\n")
        elif isinstance(block, Lines):
            if block.bullets:
                items = "".join(f"<li>{html.escape(line)}</li>\n" for line in block.lines)
                parts.append(f"<ul>\n{items}</ul>\n")
            else:
                parts.append("".join(f"<p>{html.escape(line)}</p>\n" for line in block.lines))
        else:
            parts.append(to_html(block))
    return "".join(parts)


def render_blocks(blocks: Sequence[Block], format: Format) -> str:
    """Markdown, HTML or the plain terminal drawing of the blocks."""
    if format is Format.MARKDOWN:
        return blocks_to_markdown(blocks)
    if format is Format.HTML:
        return blocks_to_html(blocks)
    return blocks_to_text(blocks)
