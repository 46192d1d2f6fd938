"""`actionplan show`."""

from __future__ import annotations

from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputOpt,
    PathsArg,
    SoonOpt,
    StaleOpt,
    as_of_date,
    emit,
    fail,
    load_or_fail,
    plan_id_of,
)
from actionplan.output.render import Format
from actionplan.schedule import SOON_DAYS, STALE_DAYS


@app.command()
def show(
    ident: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="A recommendation id (e.g. 3) or an action id (e.g. 3.5)."
        ),
    ],
    paths: PathsArg = None,
    plan: Annotated[
        str | None,
        typer.Option(
            "--plan",
            metavar="PLAN",
            help="The plan to look in (its id or file), when several share the id.",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    format: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
) -> None:
    """Show one recommendation or action in full, with its dated history.

    A recommendation: its text, whether it was accepted, its actions and costs, then each action.
    An action: owners, target as written and its revisions, status, RAG and why, and every
    progress update.

    Example: actionplan show 3.5 plans/ --as-of 2020-03-01
    """
    from actionplan.output.render import console, to_json
    from actionplan.reports.status import NotFound, find_item
    from actionplan.views.document import print_blocks, render_blocks
    from actionplan.views.show import show_blocks, show_csv, show_json, show_sections

    day = as_of_date(as_of)
    loaded_plans = load_or_fail(paths)
    plans = [loaded.plan for loaded in loaded_plans]
    try:
        found = find_item(plans, ident, plan_id_of(plan, loaded_plans))
    except NotFound as problem:
        fail(str(problem))
    if format is Format.JSON:
        emit(to_json(show_json(found, day, soon=soon, stale=stale)), output)
        return
    sections = show_sections(found, day, soon=soon, stale=stale)
    if format is Format.CSV:
        emit(show_csv(sections), output)
    elif format is Format.TABLE and output is None:
        print_blocks(show_blocks(sections), console())
    else:
        emit(render_blocks(show_blocks(sections), format), output)
