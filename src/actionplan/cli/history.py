"""`actionplan history`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import FormatOpt, OutputOpt, SoonOpt, StaleOpt
from actionplan.cli.report import DateStyleOpt
from actionplan.output.formats import DateStyle, Format
from actionplan.schedule import SOON_DAYS, STALE_DAYS

if TYPE_CHECKING:
    from actionplan.history.reader import Snapshot
    from actionplan.load import LoadedPlan
    from actionplan.reports.history import DiffReport


@app.command("history")
def history_command(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", show_default=False, help="The action's or recommendation's id."
        ),
    ],
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PATH",
            show_default=False,
            help="Plan files or directories in the repository. Default: plans/",
        ),
    ] = None,
    plan: Annotated[
        str | None,
        typer.Option(metavar="PLAN_ID", help="The plan the id is in, when several have it."),
    ] = None,
    until: Annotated[
        str,
        typer.Option(
            metavar="REV",
            help="Walk the first-parent history up to this commit, tag, branch or date.",
        ),
    ] = "HEAD",
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    format: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
    date_style: DateStyleOpt = DateStyle.WORDS,
) -> None:
    """One action's (or recommendation's) life in git: each commit that changed it.

    Per commit on the first-parent line: its date, author, the target, the status, the RAG as
    computed on that date, what changed and the progress notes added; then the total slippage
    (the last due date against the first). Plans are followed by their id across renames.

    Example: actionplan history 3.2 plans/ --format markdown
    """
    from actionplan.cli.common import DEFAULT_DIR
    from actionplan.cli.output import render
    from actionplan.history.git import Repository
    from actionplan.history.reader import PlanReader
    from actionplan.reports.history import item_history
    from actionplan.views.history import history_view

    reader = PlanReader(Repository(), paths or [DEFAULT_DIR])
    end = reader.repo.resolve(until)
    item = item_history(
        reader.along(end, containing=[ident.strip(), *([plan] if plan else [])]),
        ident,
        plan_id=plan,
        soon=soon,
        stale=stale,
    )
    render(history_view(item), format, output, date_style)
    if reader.repo.shallow:
        typer.echo(
            "This is a shallow clone: its history starts at the first commit above, which may "
            "not be where the item began; run 'git fetch --unshallow' for all of it.",
            err=True,
        )


def load_from_history(paths: list[Path] | None, day: date) -> list[LoadedPlan]:
    """The plans as they were at the last first-parent commit on or before `day` (a command's
    --from-history), each with the settings that apply to it; stderr names that commit."""
    from actionplan.cli.common import DEFAULT_DIR
    from actionplan.config import settings_for
    from actionplan.history.git import Repository
    from actionplan.history.reader import PlanReader

    reader = PlanReader(Repository(), paths or [DEFAULT_DIR])
    snapshot = reader.at(reader.repo.resolve(day.isoformat())).check()
    snapshot.by_id()  # two files with one plan id would count every action twice
    for loaded in snapshot.plans:
        loaded.settings = settings_for(reader.repo.top / loaded.path)[0]
    typer.echo(f"The plans as they were in git at {snapshot.label}.", err=True)
    return snapshot.plans


def changes_since(
    rev: str,
    paths: list[Path] | None,
    day: date,
    *,
    from_history: bool = False,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    published: bool = False,
) -> DiffReport:
    """What changed in the plans from revision `rev` (the last meeting) to the working tree as
    of `day` (or, with `from_history`, to the last commit on or before it): a command's
    --since-rev. `published` (a document without --include-exempt) leaves exempt items out at
    both ends, so no change to one is shown."""
    from actionplan.cli.common import DEFAULT_DIR
    from actionplan.history.git import Repository
    from actionplan.history.reader import PlanReader
    from actionplan.reports.history import diff_report

    reader = PlanReader(Repository(), paths or [DEFAULT_DIR])
    before = reader.at(reader.repo.resolve(rev)).check()
    if from_history:
        after = reader.at(reader.repo.resolve(day.isoformat())).check()
    else:
        after = reader.working_tree(day).check()
    if published:
        before, after = _published(before), _published(after)
    return diff_report(before, after, soon=soon, stale=stale)


def _published(snapshot: Snapshot) -> Snapshot:
    """The snapshot without its exempt plans, recommendations and actions."""
    from dataclasses import replace

    from actionplan.reports.board import published_parts

    plans = []
    for loaded in snapshot.plans:
        kept, _withheld = published_parts([loaded.plan])
        plans += [replace(loaded, plan=kept[0])] if kept else []
    return replace(snapshot, plans=plans)
