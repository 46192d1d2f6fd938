"""`actionplan diff`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    OutputOpt,
    SoonOpt,
    StaleOpt,
    as_of_date,
)
from actionplan.cli.report import DateStyleOpt, PaperFormatOpt, render_paper
from actionplan.output.formats import DateStyle, PaperFormat
from actionplan.schedule import SOON_DAYS, STALE_DAYS

HistoryPathOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--path",
        "-p",
        metavar="PATH",
        help="Plan files or directories in the repository (repeat for more). Default: plans/",
    ),
]


@app.command("diff")
def diff_command(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD",
            show_default=False,
            help="The earlier revision: a commit, a tag (meeting/2026-03-14), a branch, or a "
            "date YYYY-MM-DD (the last commit on or before it).",
        ),
    ],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW",
            show_default=False,
            help="The later revision, named the same ways. Default: the working tree.",
        ),
    ] = None,
    path: HistoryPathOpt = None,
    as_of: AsOfOpt = None,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    format: PaperFormatOpt = PaperFormat.TABLE,
    output: OutputOpt = None,
    date_style: DateStyleOpt = DateStyle.WORDS,
) -> None:
    """What changed in the plans between two revisions in git: the waterfall and each change.

    Open actions at OLD + added + reopened - closed - deleted = open at NEW, with overdue at each
    end; then per plan (matched by its id, so a renamed file is the same plan) the actions
    closed (done, implemented, risk accepted, superseded, dropped), reopened, added, deleted,
    whose target moved, whose RAG changed, and the progress recorded in between. Each revision
    is rated as of its commit's date; the working tree as of --as-of (default: today).

    Example: actionplan diff meeting/2026-03-14 meeting/2026-06-13 --format markdown
    """
    from actionplan.cli.common import DEFAULT_DIR
    from actionplan.history.git import Repository
    from actionplan.history.reader import PlanReader
    from actionplan.reports.history import diff_report
    from actionplan.views.history import diff_view

    reader = PlanReader(Repository(), path or [DEFAULT_DIR])
    before = reader.at(reader.repo.resolve(old)).check()
    if new is None:
        after = reader.working_tree(as_of_date(as_of)).check()
    else:
        after = reader.at(reader.repo.resolve(new)).check()
    report = diff_report(before, after, soon=soon, stale=stale)
    render_paper(diff_view(report), format, output, date_style)
