"""`actionplan owners`."""

from __future__ import annotations

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    FromHistoryOpt,
    OutputOpt,
    PathsArg,
    SoonOpt,
    as_of_date,
    load_plans_for,
)
from actionplan.cli.report import DateStyleOpt, IncludeExemptOpt, PaperFormatOpt, render_paper
from actionplan.output.formats import DateStyle, PaperFormat
from actionplan.schedule import SOON_DAYS


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
) -> None:
    """List each responsible officer: actions owned, done, overdue, due soon, next target.

    The list to chase before a meeting. Names are grouped as the people a plan declares (an
    alias counts as its person), else ignoring case; an action with several owners counts for
    each. Next target is the earliest due date among the officer's open actions. Markdown,
    HTML and Word leave exempt items out (and say how many) unless --include-exempt.

    Example: actionplan owners plans/ --as-of 2020-03-01 --format markdown
    """
    from actionplan.model.people import settings_people
    from actionplan.reports.board import exempt_parts
    from actionplan.reports.status import owner_rows, status_report
    from actionplan.views.status import owners_view

    day = as_of_date(as_of)
    loaded = load_plans_for(paths, day, from_history=from_history)
    people = settings_people(each.settings for each in loaded)
    plans, withheld = [each.plan for each in loaded], None
    if format.published:
        plans, withheld = exempt_parts(plans, include_exempt=include_exempt)
    report = status_report(plans, day, soon=soon, people=people)
    titles = [plan.plan.title for plan in plans]
    view = owners_view(report, owner_rows(report.actions), withheld=withheld, titles=titles)
    render_paper(view, format, output, date_style)
