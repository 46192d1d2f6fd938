"""`actionplan status`."""

from __future__ import annotations

from typing import Annotated

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
    fail,
    load_plans_for,
    one_of,
    since_date,
)
from actionplan.cli.report import DateStyleOpt, IncludeExemptOpt, PaperFormatOpt, render_paper
from actionplan.model.plan import Status
from actionplan.output.formats import DateStyle, PaperFormat
from actionplan.schedule import SOON_DAYS, STALE_DAYS, RagRating


@app.command("status")
def status_command(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    since: SinceOpt = None,
    owner: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only actions this person owns: any name the people directory gives them (id, "
            "name or alias), or an owner as the plan writes it (case ignored).",
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
    from_history: FromHistoryOpt = False,
    since_rev: SinceRevOpt = None,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    format: PaperFormatOpt = PaperFormat.TABLE,
    output: OutputOpt = None,
    include_exempt: IncludeExemptOpt = False,
    date_style: DateStyleOpt = DateStyle.WORDS,
) -> None:
    """Show where every action stands: overdue, due soon, RAG, last progress.

    A headline (actions by status and RAG, overdue, due in the next 30 days, and with --since
    what changed since the last meeting), then per recommendation its actions, then the RAG key.
    RED: overdue or blocked. AMBER: due within --soon days, or no progress for --stale days.
    GREEN: on track. Ongoing and dependent actions are never overdue. Markdown, HTML and Word
    leave exempt items out (and say how many) unless --include-exempt.

    Example: actionplan status plans/ --as-of 2020-03-01 --since 2020-01-01 --owner "DSA Chair"
    """
    from actionplan.model.people import settings_people
    from actionplan.reports.board import exempt_parts
    from actionplan.reports.status import StatusFilters, status_report, unknown_filters
    from actionplan.views.status import no_match_message, status_view

    day = as_of_date(as_of)
    since_day = since_date(since, day)
    loaded = load_plans_for(paths, day, from_history=from_history)
    plans = [each.plan for each in loaded]
    people = settings_people(each.settings for each in loaded)
    filters = StatusFilters(owner, theme, recommendation, status, rag, overdue)
    shown, withheld = plans, None
    if format.published:
        shown, withheld = exempt_parts(plans, include_exempt=include_exempt)
    report = status_report(
        shown, day, soon=soon, stale=stale, since=since_day, filters=filters, people=people
    )
    if not report.actions and unknown_filters(filters, plans, people):
        # A misspelt name is an error: with --fail-on-overdue, a scheduled job must not pass.
        fail(no_match_message(report, plans))
    if not report.actions and format in (PaperFormat.CSV, PaperFormat.JSON):
        typer.echo(no_match_message(report, plans), err=True)  # the file gets its empty rows
    view = status_view(report, shown, explain=explain, withheld=withheld)
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
            published=format.published and not include_exempt,
        )
        view = with_changes_since(view, changes)
    render_paper(view, format, output, date_style)
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
