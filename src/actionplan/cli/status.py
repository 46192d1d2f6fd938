"""`actionplan status`."""

from __future__ import annotations

from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputOpt,
    PathsArg,
    SinceOpt,
    SoonOpt,
    StaleOpt,
    as_of_date,
    fail,
    load_or_fail,
    one_of,
    since_date,
)
from actionplan.model.plan import Status
from actionplan.output.formats import Format
from actionplan.schedule import SOON_DAYS, STALE_DAYS, RagRating


@app.command("status")
def status_command(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    owner: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help="Only actions this officer owns (any of the owners; case ignored)."
        ),
    ] = None,
    theme: Annotated[
        str | None,
        typer.Option(metavar="THEME", help="Only this theme (its id or title; case ignored)."),
    ] = None,
    recommendation: Annotated[
        str | None, typer.Option(metavar="ID", help="Only this recommendation.")
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option(
            case_sensitive=False, help=f"Only actions with this status: {one_of(Status)}."
        ),
    ] = None,
    rag: Annotated[
        RagRating | None,
        typer.Option(
            case_sensitive=False, help=f"Only actions with this computed RAG: {one_of(RagRating)}."
        ),
    ] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Say, per action, why it got its colour.")
    ] = False,
    fail_on_overdue: Annotated[
        bool,
        typer.Option(
            "--fail-on-overdue", help="Exit 1 when any action shown is overdue (for a CI job)."
        ),
    ] = False,
    from_history: Annotated[
        bool,
        typer.Option(
            "--from-history",
            help="The plans as they were in git at --as-of (the last commit on or before it).",
        ),
    ] = False,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    format: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
) -> None:
    """Show where every action stands: overdue, due soon, RAG, last progress.

    A headline (actions by status and RAG, overdue, due in the next 30 days, and with --since
    what changed since the last meeting), then per recommendation its actions, then the RAG key.
    RED: overdue or blocked. AMBER: due within --soon days, or no progress for --stale days.
    GREEN: on track. Ongoing and dependent actions are never overdue.

    Example: actionplan status plans/ --as-of 2020-03-01 --since 2020-01-01 --owner "DSA Chair"
    """
    from actionplan.cli.output import render
    from actionplan.model.people import settings_people
    from actionplan.reports.status import StatusFilters, status_report, unknown_filters
    from actionplan.views.status import no_match_message, status_view

    day = as_of_date(as_of)
    since_day = since_date(since, day)
    if from_history:
        from actionplan.cli.history import load_from_history

        loaded = load_from_history(paths, day)
    else:
        loaded = load_or_fail(paths)
    plans = [each.plan for each in loaded]
    people = settings_people(each.settings for each in loaded)
    filters = StatusFilters(owner, theme, recommendation, status, rag, overdue)
    report = status_report(
        plans, day, soon=soon, stale=stale, since=since_day, filters=filters, people=people
    )
    if not report.actions and unknown_filters(filters, plans):
        # A misspelt name is an error: with --fail-on-overdue, a scheduled job must not pass.
        fail(no_match_message(report, plans))
    if not report.actions and format in (Format.CSV, Format.JSON):
        typer.echo(no_match_message(report, plans), err=True)  # the file gets its empty rows
    render(status_view(report, plans, explain=explain), format, output)
    if fail_on_overdue and report.summary.overdue:
        many = report.summary.plans > 1
        ids = ", ".join(f"{a.plan} {a.id}" if many else a.id for a in report.actions if a.overdue)
        count = report.summary.overdue
        typer.echo(
            f"{count} action{'' if count == 1 else 's'} overdue as of {day.isoformat()} "
            f"({ids}): exit 1 (--fail-on-overdue)",
            err=True,
        )
        raise typer.Exit(1)
