"""`actionplan outcomes`."""

from __future__ import annotations

from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    OutputOpt,
    PathsArg,
    as_of_date,
    load_or_fail,
)
from actionplan.cli.report import DateStyleOpt, IncludeExemptOpt, PaperFormatOpt, render_paper
from actionplan.output.formats import DateStyle, PaperFormat


@app.command()
def outcomes(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar="ID", help="Only the outcome with this id.")
    ] = None,
    who: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar="WHO",
            help="Only outcomes for these people: a word of the plans' audiences (by default "
            "survivors, perpetrators, professionals, health-professionals, children, community).",
        ),
    ] = None,
    format: PaperFormatOpt = PaperFormat.TABLE,
    output: OutputOpt = None,
    date_style: DateStyleOpt = DateStyle.WORDS,
    include_exempt: IncludeExemptOpt = False,
) -> None:
    """Show each outcome's indicators: baseline, latest, target, progress, trend and status.

    Grouped by outcome, with the services, projects, recommendations and actions that serve it.
    Per indicator: the baseline, the latest value and its date, the target and its date, the
    value expected by the as-of date, progress from baseline toward target as a percentage with
    a bar, the trend with a sparkline of the measurements, and the status:

    on track: the latest value is at or past (in the indicator's better direction) the straight
    line from baseline to target, read on the --as-of date (not on the date of the latest
    measurement, so a figure that has not been updated falls behind); off track: short of it;
    no data: nothing measured yet (never shown as zero); no target / no baseline: nothing to
    judge against. Progress is (latest - baseline) / (target - baseline), not capped: over 100%
    is past the target, below 0% is worse than the baseline. Trend compares the latest
    measurement with the one before. Measurements dated after --as-of are left out.

    CSV has a row per indicator with plain values (no £ or %); JSON is {"as_of", "plans":
    [{"path", "plan", "title", "outcomes": [{"id", "title", "for", "served_by", "indicators":
    [{"id", "name", "unit", "better", "baseline", "target", "latest", "expected",
    "progress_percent", "trend", "status", "measurements"}]}]}]} with values as their exact
    decimal text ("61.5") and dates in ISO form; missing values are null.

    Markdown, HTML and Word leave exempt items out of the lists of what serves each outcome (and
    say how many) unless --include-exempt, which keeps them, marked "5.2 [exempt]".

    Example: actionplan outcomes plans/ --as-of 2022-04-01 --for survivors
    """
    from actionplan.reports.board import exempt_parts, exempt_parts_of, serving_part
    from actionplan.reports.outcomes import plans_outcomes
    from actionplan.views.outcomes import outcomes_view

    when = as_of_date(as_of)
    loaded = load_or_fail(paths)
    plans, withheld = [(each.path, each.plan) for each in loaded], None
    if format.published:  # each plan without its exempt parts (an exempt plan not at all)
        _, withheld = exempt_parts_of(
            [plan for _path, plan in plans], serving_part, include_exempt=include_exempt
        )
        plans = [
            (path, shown)
            for path, plan in plans
            for shown in exempt_parts([plan], include_exempt=include_exempt)[0]
        ]
    report = plans_outcomes(
        plans,
        when,
        outcome_id=outcome,
        audience=who,
    )
    render_paper(outcomes_view(report, when, withheld=withheld), format, output, date_style)
