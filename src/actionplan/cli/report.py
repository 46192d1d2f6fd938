"""`actionplan report`."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    FromHistoryOpt,
    OutputOpt,
    PathsArg,
    SinceOpt,
    SinceRevOpt,
    SoonOpt,
    StaleOpt,
    as_of_date,
    load_plans_for,
    since_date,
)
from actionplan.output.formats import DateStyle, PaperFormat
from actionplan.schedule import SOON_DAYS, STALE_DAYS

if TYPE_CHECKING:
    from datetime import date
    from pathlib import Path

    from actionplan.views.document import View

# --format for the commands that also write a Word paper (status, owners, cost-summary, ...).
PaperFormatOpt = Annotated[
    PaperFormat,
    typer.Option(
        "--format",
        "-f",
        help="table (on screen), markdown, html, csv, json or docx (Word; needs --output).",
        show_default=True,
    ),
]


# --date-style for every command that writes a document (Markdown, HTML, Word).
DateStyleOpt = Annotated[
    DateStyle,
    typer.Option(
        "--date-style",
        help="How Markdown, HTML and Word write dates: words (29 February 2020, as board "
        "papers do) or iso (2020-02-29). The table, CSV and JSON are always ISO 8601.",
        show_default=True,
    ),
]


class ReportFormat(StrEnum):
    MARKDOWN = "markdown"
    HTML = "html"
    DOCX = "docx"


class Charts(StrEnum):
    ALL = "all"
    NONE = "none"


@app.command()
def report(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="markdown, a self-contained html page, or a Word docx (needs --output).",
        ),
    ] = ReportFormat.MARKDOWN,
    output: OutputOpt = None,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    from_history: FromHistoryOpt = False,
    since_rev: SinceRevOpt = None,
    include_exempt: Annotated[
        bool,
        typer.Option(
            "--include-exempt",
            help="Keep exempt items (Schedule 12A) in the paper, e.g. for a private session.",
        ),
    ] = False,
    whole: Annotated[
        bool,
        typer.Option(
            "--whole",
            help="End with the whole tracker: every action, its text in full, as an appendix.",
        ),
    ] = False,
    date_style: DateStyleOpt = DateStyle.WORDS,
    charts: Annotated[
        Charts,
        typer.Option(
            "--charts",
            help="all: HTML and Word papers end with charts (RAG by recommendation, completed "
            "against due, a timeline per recommendation, indicators against target), each with "
            "its table of figures; none: no charts. Markdown has no charts.",
        ),
    ] = Charts.ALL,
) -> None:
    """Write the board report: headline, overdue and due-soon actions, progress per
    recommendation, what changed since the last meeting, and the cost summary; in HTML and
    Word, charts with their figures (--charts none leaves them out); with --whole, the whole
    tracker as an appendix.

    Markdown by default; --format html writes a self-contained, accessible page (no network
    resources) that prints on A4; --format docx a Word document (heading styles, tables whose
    header row repeats, dates in words). --output writes the file atomically (a temp file, then
    a rename). Items a plan marks exempt are left out (the paper says how many) unless
    --include-exempt.

    Example: actionplan report --as-of 2020-03-01 --since 2020-01-01 -f html -o board.html
    """
    from actionplan.cli.output import render
    from actionplan.model.people import settings_people
    from actionplan.output.formats import Format
    from actionplan.reports.board import board_report
    from actionplan.views.board import board_view

    day = as_of_date(as_of)
    since_day = since_date(since, day)
    loaded = load_plans_for(paths, day, from_history=from_history)
    board = board_report(
        [each.plan for each in loaded],
        day,
        since=since_day,
        soon=soon,
        stale=stale,
        people=settings_people(each.settings for each in loaded),
        include_exempt=include_exempt,
    )
    drawn = charts is Charts.ALL and format is not ReportFormat.MARKDOWN
    done_in_git = _done_in_git(paths, day) if drawn and from_history else None
    view = board_view(board, whole=whole, charts=drawn, done_in_git=done_in_git)
    if since_rev is not None:
        from actionplan.cli.history import changes_since
        from actionplan.views.history import with_changes_since

        changes = changes_since(
            since_rev,
            paths,
            day,
            from_history=from_history,
            soon=soon,
            stale=stale,
            published=not include_exempt,
        )
        view = with_changes_since(view, changes)
    if format is ReportFormat.DOCX:
        if drawn:
            _say_if_no_pictures()
        write_docx(view, output, date_style)
        return
    render(view, Format(format.value), output, date_style)


def _done_in_git(paths: list[Path] | None, day: date) -> dict[tuple[str, str], date]:
    """With --from-history, the day a commit marked each action done (up to `day`): the chart
    of completions dates by it the actions whose plan records no completion date."""
    from actionplan.charts.build import done_in_history
    from actionplan.cli.common import DEFAULT_DIR
    from actionplan.history.git import Repository
    from actionplan.history.reader import PlanReader

    reader = PlanReader(Repository(), paths or [DEFAULT_DIR])
    return done_in_history(reader.along(reader.repo.resolve(day.isoformat())), day)


def _say_if_no_pictures() -> None:
    """Word charts are PNG pictures drawn by matplotlib, an optional extra: without it the
    paper has each chart's words and table, and stderr says how to get the pictures."""
    from actionplan.charts.png import INSTALL_HINT, available

    if not available():
        typer.echo(
            "Note: the Word paper's charts are written as text and tables, without pictures: "
            f"matplotlib is not installed. To draw them: {INSTALL_HINT}",
            err=True,
        )


# --include-exempt for the commands whose documents leave exempt items out (status, owners).
IncludeExemptOpt = Annotated[
    bool,
    typer.Option(
        "--include-exempt",
        help="Keep exempt items (Schedule 12A) in Markdown, HTML and Word, e.g. for a private "
        "session. The table, CSV and JSON always have them: working data, not a published paper.",
    ),
]


def render_paper(
    view: View,
    format: PaperFormat,
    output: Path | None,
    date_style: DateStyle = DateStyle.WORDS,
) -> None:
    """`render`, and Word for `docx` (which must go to --output)."""
    from actionplan.cli.output import render
    from actionplan.output.formats import Format

    if format is PaperFormat.DOCX:
        write_docx(view, output, date_style)
    else:
        render(view, Format(format.value), output, date_style)


def write_docx(view: View, output: Path | None, date_style: DateStyle = DateStyle.WORDS) -> None:
    """Write the view as a Word document to --output (a .docx cannot go to a terminal)."""
    from actionplan.cli.common import check_output, fail
    from actionplan.editing.write import write_file
    from actionplan.output.render import render_docx

    if output is None:
        fail("a Word document cannot go to the terminal: add --output report.docx")
    check_output(output)
    write_file(output, render_docx(view, date_style))
    typer.echo(f"wrote {output}", err=True)
