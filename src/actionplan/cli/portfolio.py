"""`actionplan portfolio`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    FromHistoryOpt,
    JobsOpt,
    OutputOpt,
    PathsArg,
    SoonOpt,
    StaleOpt,
    as_of_date,
    fail,
)
from actionplan.cli.report import DateStyleOpt, IncludeExemptOpt, PaperFormatOpt, render_paper
from actionplan.output.formats import DateStyle, PaperFormat
from actionplan.reports.portfolio import SORT_HELP, TOP_ACTIONS, SortKey
from actionplan.schedule import SOON_DAYS, STALE_DAYS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from actionplan.findings import Finding
    from actionplan.reports.portfolio import PlanSummary, SummaryOptions


@app.command()
def portfolio(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    sort: Annotated[
        SortKey,
        typer.Option("--sort", case_sensitive=False, help=f"Order the plans by {SORT_HELP}."),
    ] = SortKey.PLAN,
    kind: Annotated[
        str | None,
        typer.Option(metavar="KIND", help="Only plans of this kind, e.g. audit-tracker."),
    ] = None,
    owner: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="Only plans this body owns, or where this person or body owns an action (any "
            "name the people directory gives them; case ignored).",
        ),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only plans with an overdue action.")
    ] = False,
    top: Annotated[
        int,
        typer.Option(
            "--top",
            min=0,
            metavar="N",
            help="List the N actions most overdue across the plans shown (0: none).",
        ),
    ] = TOP_ACTIONS,
    jobs: JobsOpt = None,
    from_history: FromHistoryOpt = False,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    format: PaperFormatOpt = PaperFormat.TABLE,
    output: OutputOpt = None,
    include_exempt: IncludeExemptOpt = False,
    date_style: DateStyleOpt = DateStyle.WORDS,
) -> None:
    """One row per plan across the whole portfolio, then the actions most overdue.

    Each plan's kind and owning body, its recommendations and actions, how many are done,
    overdue and due soon (the figures 'actionplan status PLAN' gives), its worst RAG, its
    oldest overdue action, its target revisions and its latest progress update. Each plan is
    read, summarised and dropped, over every core for many files (--jobs). Markdown, HTML and
    Word leave exempt items out (and say how many) unless --include-exempt.

    Example: actionplan portfolio plans/ examples/ --as-of 2020-03-01 --sort overdue --top 5
    """
    from actionplan.reports.portfolio import PortfolioFilters, SummaryOptions, portfolio_report
    from actionplan.views.portfolio import no_match_message, portfolio_view

    day = as_of_date(as_of)
    options = SummaryOptions(
        day, soon, stale, top, withhold_exempt=format.published and not include_exempt
    )
    read = _Read(paths)
    summaries = _from_history(paths, options) if from_history else _from_files(read, options, jobs)
    filters = PortfolioFilters(kind, owner, overdue)
    report = portfolio_report(
        summaries, day, filters=filters, sort=sort, top=top, soon=soon, stale=stale
    )
    if not from_history:
        read.check()
    if not report.rows and report.unknown_filters:
        fail(no_match_message(report))  # a misspelt kind or name is an error, not an empty page
    if not report.rows and format in (PaperFormat.CSV, PaperFormat.JSON):
        typer.echo(no_match_message(report), err=True)  # the file gets its empty rows
    render_paper(portfolio_view(report), format, output, date_style)


@dataclass
class _Read:
    """What a stream of plan files turned out to hold, looked at once every file is read:
    the errors that stop a plan from loading, and each plan's id and file."""

    paths: list[Path] | None
    errors: list[Finding] = field(default_factory=list)
    plans: list[tuple[str, str]] = field(default_factory=list)

    def check(self) -> None:
        """As for every report: stop on a file that does not load, on no plan at all, and on
        two copies of one plan; remember the files read (no --output may replace one)."""
        from actionplan.cli.common import (
            fail_no_plans,
            fail_on_copies,
            fail_on_load_errors,
            note_plans_read,
        )

        fail_on_load_errors(self.errors)
        if not self.plans:
            fail_no_plans(self.paths)
        fail_on_copies(self.plans)
        note_plans_read(file for _plan, file in self.plans)


def _from_files(read: _Read, options: SummaryOptions, jobs: int | None) -> Iterator[PlanSummary]:
    """Each plan file summarised (over `jobs` processes) and dropped, in the files' order."""
    from functools import partial

    from actionplan.cli.common import resolve_paths
    from actionplan.discover import find_plan_files
    from actionplan.pipeline import map_files
    from actionplan.reports.portfolio import summarise_file

    found = find_plan_files(resolve_paths(read.paths))
    for note in found.skipped:
        typer.echo(note, err=True)
    read.errors.extend(found.findings)
    for each in map_files(partial(summarise_file, options=options), found.files, jobs):
        read.errors.extend(each.errors)
        if each.summary is not None:
            read.plans.append((each.summary.plan, each.path))
            yield each.summary


def _from_history(paths: list[Path] | None, options: SummaryOptions) -> Iterator[PlanSummary]:
    """The plans as they were in git at --as-of, each summarised."""
    from actionplan.cli.common import load_plans_for
    from actionplan.model.people import settings_people
    from actionplan.reports.portfolio import summarise_plan

    for loaded in load_plans_for(paths, options.as_of, from_history=True):
        yield summarise_plan(
            loaded.plan,
            options.as_of,
            file=loaded.path,
            soon=options.soon,
            stale=options.stale,
            people=settings_people([loaded.settings]),
            top=options.top,
            withhold_exempt=options.withhold_exempt,
        )
