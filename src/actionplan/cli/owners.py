"""`actionplan owners`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    FromHistoryOpt,
    OutputOpt,
    PathsArg,
    SoonOpt,
    as_of_date,
    load_plans_for,
    one_of,
)
from actionplan.cli.report import DateStyleOpt, IncludeExemptOpt, PaperFormatOpt, render_paper
from actionplan.output.formats import DateStyle, PaperFormat
from actionplan.schedule import SOON_DAYS


class By(StrEnum):
    """--by: the owners across the plans, or plan by plan."""

    PERSON = "person"
    PLAN = "plan"


@app.command()
def owners(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    soon: SoonOpt = SOON_DAYS,
    from_history: FromHistoryOpt = False,
    format: PaperFormatOpt = PaperFormat.TABLE,
    output: OutputOpt = None,
    include_exempt: IncludeExemptOpt = False,
    date_style: DateStyleOpt = DateStyle.WORDS,
    by: Annotated[
        By,
        typer.Option(
            "--by",
            metavar="GROUPING",
            help=f"Group by {one_of(By)}: each person once across every plan, or a table of "
            "owners for each plan under its own heading.",
        ),
    ] = By.PERSON,
) -> None:
    """List each responsible officer: actions owned, done, overdue, due soon, next target.

    The list to chase before a meeting. Names are grouped as the people a plan declares (an
    alias counts as its person), else ignoring case; an action with several owners counts for
    each. Next target is the earliest due date among the officer's open actions. Across many
    plans each person is counted once over them all, their next target named with its plan;
    --by plan gives each plan's owners under its own heading. Markdown, HTML and Word leave
    exempt items out (and say how many) unless --include-exempt.

    Example: actionplan owners plans/ --as-of 2020-03-01 --format markdown
    """
    from actionplan.model.people import settings_people
    from actionplan.reports.board import exempt_parts
    from actionplan.reports.status import owner_rows, owner_rows_by_plan, status_report
    from actionplan.views.status import owners_by_plan_view, owners_view

    day = as_of_date(as_of)
    loaded = load_plans_for(paths, day, from_history=from_history)
    people = settings_people(each.settings for each in loaded)
    plans, withheld = [each.plan for each in loaded], None
    if format.published:
        plans, withheld = exempt_parts(plans, include_exempt=include_exempt)
    report = status_report(plans, day, soon=soon, people=people)
    if by is By.PLAN:
        titles = {plan.plan.id: plan.plan.title for plan in plans}
        by_plan = owner_rows_by_plan(report.actions, list(titles))
        view = owners_by_plan_view(report, by_plan, withheld=withheld, titles=titles)
    else:
        names = [plan.plan.title for plan in plans]
        view = owners_view(report, owner_rows(report.actions), withheld=withheld, titles=names)
    render_paper(view, format, output, date_style)
