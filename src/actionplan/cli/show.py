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
    load_or_fail,
    plan_id_of,
)
from actionplan.cli.report import DateStyleOpt, IncludeExemptOpt
from actionplan.output.formats import DateStyle, Format
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
    date_style: DateStyleOpt = DateStyle.WORDS,
    include_exempt: IncludeExemptOpt = False,
) -> None:
    """Show one recommendation or action in full, with its dated history.

    A recommendation: its text, whether it was accepted, its actions and costs, then each action.
    An action: owners, target as written and its revisions, status, RAG and why, and every
    progress update. Markdown and HTML leave exempt items out (and say so) unless
    --include-exempt.

    Example: actionplan show 3.5 plans/ --as-of 2020-03-01
    """
    from actionplan.cli.output import render
    from actionplan.reports.status import find_item
    from actionplan.views.show import show_view

    day = as_of_date(as_of)
    loaded_plans = load_or_fail(paths)
    plans = [loaded.plan for loaded in loaded_plans]
    found = find_item(plans, ident, plan_id_of(plan, loaded_plans))
    if format not in (Format.MARKDOWN, Format.HTML):  # the table, CSV, JSON: working data
        render(show_view(found, day, soon=soon, stale=stale), format, output, date_style)
        return
    from actionplan.reports.board import published_item
    from actionplan.views.show import withheld_view

    shown, withheld = published_item(found, include_exempt=include_exempt)
    if shown is None:
        typer.echo(
            f"{found.kind.capitalize()} {found.id} is exempt and left out of this document: "
            "add --include-exempt to show it (e.g. for the private part of a meeting)",
            err=True,
        )
        view = withheld_view(withheld)
    else:
        view = show_view(shown, day, soon=soon, stale=stale, withheld=withheld)
    render(view, format, output, date_style)
