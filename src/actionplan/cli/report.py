"""`actionplan report`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..schedule import SOON_DAYS, STALE_DAYS
from .app import app
from .common import AsOfOpt, PathsArg, as_of_date, emit, fail, load_or_fail, parse_date


class ReportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"


@app.command()
def report(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="YYYY-MM-DD",
            help="The last meeting: add what was completed, fell overdue or was revised since.",
        ),
    ] = None,
    format: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="markdown or a self-contained html page.")
    ] = ReportFormat.MARKDOWN,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout."),
    ] = None,
    soon: Annotated[
        int, typer.Option("--soon", min=0, metavar="DAYS", help="Due soon within this many days.")
    ] = SOON_DAYS,
    stale: Annotated[
        int, typer.Option("--stale", min=1, metavar="DAYS", help="Stale after this many days.")
    ] = STALE_DAYS,
) -> None:
    """Write the board report: headline, overdue and due-soon actions, progress per
    recommendation, what changed since the last meeting, and the cost summary.

    Markdown by default; --format html writes a self-contained page (no network resources) that
    prints cleanly. --output writes the file atomically (a temp file, then a rename).

    Example: actionplan report --as-of 2020-03-01 --since 2020-01-01 -f html -o board.html
    """
    from ..board_report import board_blocks, render_board
    from ..cost_report import CostReportError
    from ..render import Format

    day = as_of_date(as_of)
    since_day = parse_date(since) if since else None
    if since_day is not None and since_day >= day:
        fail(
            f"--since {since_day.isoformat()} is not before the as-of date {day.isoformat()}: "
            "give the date of the last meeting"
        )
    plans = [loaded.plan for loaded in load_or_fail(paths)]
    try:
        blocks = board_blocks(plans, day, since=since_day, soon=soon, stale=stale)
    except CostReportError as error:
        fail(str(error))
    emit(render_board(blocks, Format(format.value)), output)
