"""The one way a command shows a report: `render(view, format, output)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from actionplan.output.formats import DateStyle, Format
    from actionplan.views.document import View


def render(
    view: View, format: Format, output: Path | None, date_style: DateStyle | None = None
) -> None:
    """Show the view in `format`: drawn by Rich on the terminal for `table` with no --output;
    otherwise as text (Markdown, HTML, CSV, JSON, or the plain drawing) on stdout or written
    to --output through the commands' one guarded, atomic write (`common.emit`). Markdown and
    HTML write dates in words unless `date_style` (--date-style) is ISO."""
    from actionplan.cli.common import emit
    from actionplan.output.formats import DateStyle, Format
    from actionplan.output.render import console, print_blocks, render_text

    if format is Format.TABLE and output is None and view.nothing_to_show is None:
        print_blocks(view.blocks(), console())
        return
    emit(render_text(view, format, date_style or DateStyle.WORDS), output)
