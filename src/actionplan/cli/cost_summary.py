"""`actionplan cost-summary`."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    FromHistoryOpt,
    OutputOpt,
    PathsArg,
    as_of_date,
    load_plans_for,
    one_of,
)
from actionplan.cli.report import DateStyleOpt, IncludeExemptOpt, PaperFormatOpt, render_paper
from actionplan.output.formats import DateStyle, PaperFormat


class By(StrEnum):
    """--by; mirrors `reports.costs.GroupBy`, kept here so --help does not import the report."""

    THEME = "theme"
    OWNER = "owner"


@app.command("cost-summary")
def cost_summary_command(
    paths: PathsArg = None,
    format: PaperFormatOpt = PaperFormat.TABLE,
    by: Annotated[
        By | None,
        typer.Option(
            "--by",
            metavar="GROUPING",
            help=f"Total the cost lines by {one_of(By)} (the responsible officer) instead of "
            "listing them.",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 when a stated total differs from the computed one."),
    ] = False,
    output: OutputOpt = None,
    from_history: FromHistoryOpt = False,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="With --from-history: the costs as the plans stood in git on this date "
            "(costs do not depend on the date otherwise, so it changes nothing).",
        ),
    ] = None,
    date_style: DateStyleOpt = DateStyle.WORDS,
    include_exempt: IncludeExemptOpt = False,
) -> None:
    """Summarise estimated costs: a row per cost line, totals, stated total checked.

    Reproduces a plan's "Summary of estimated costs" table (Rec,
    Recommendation, Estimated cost, Detail) with each line's share of its
    plan's total, the high end of ranges, one-off and per-year costs, and a
    Breakdown column for unit costs. Several plans get a Plan column, a total
    per plan and a grand total; plans with no cost lines are left out (and
    named under the table). Under the table the total the source printed is
    set beside the sum of its rows; when they differ, a warning also goes to
    stderr. With --by, totals by theme or by owner replace the rows.

    JSON: {"currency", "rows": [{"plan", "recommendation", "title", "label",
    "amount", "high", "recurrence", "detail"}], "total", "total_high",
    "stated_total", "difference", "plans": [{"plan", "title", "lines",
    "total", "total_high", "one_off", "per_year", "stated_total",
    "difference"}]}, and with --by also "by": {"key", "groups": [{"plan",
    "group", "lines", "amount", "high"}]}. Amounts are strings ("5000.00");
    "high" is null for a line with no range; "difference" is the computed
    total minus the stated one. The top-level "stated_total" and "difference"
    are those of the one plan with costs; when several plans have costs they
    are null, and each plan's are in "plans" (which lists every plan).

    Markdown, HTML and Word leave the costs of exempt items out (and say how many) unless
    --include-exempt, which keeps them, each marked "Exempt (paragraph 3): ", in every table.

    Exits 0; with --check, 1 when any stated total differs from its rows.

    Example: actionplan cost-summary plans/ --format markdown --output costs.md
    """
    from actionplan.checks import check_stated_total
    from actionplan.reports.board import costed_part, exempt_parts_of
    from actionplan.reports.costs import GroupBy, cost_summary
    from actionplan.views.costs import cost_summary_view

    plans = load_plans_for(paths, as_of_date(as_of), from_history=from_history)
    shown, withheld = [loaded.plan for loaded in plans], None
    if format.published:
        shown, withheld = exempt_parts_of(shown, costed_part, include_exempt=include_exempt)
    summary = cost_summary(shown)
    view = cost_summary_view(summary, GroupBy(by.value) if by else None, withheld=withheld)
    render_paper(view, format, output, date_style)
    for loaded in plans:
        for finding in check_stated_total(loaded, None):
            typer.echo(str(finding), err=True)
    raise typer.Exit(1 if check and summary.mismatched else 0)
