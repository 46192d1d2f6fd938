"""`actionplan cost-summary`."""

from __future__ import annotations

import html
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import OutputOpt, PathsArg, emit, fail, load_or_fail, one_of
from actionplan.output.render import Format

if TYPE_CHECKING:
    from actionplan.output.render import Table
    from actionplan.reports.costs import CostSummary, GroupBy


class By(StrEnum):
    """--by; mirrors `cost_report.GroupBy`, kept here so --help does not import the report."""

    THEME = "theme"
    OWNER = "owner"


@app.command("cost-summary")
def cost_summary(
    paths: PathsArg = None,
    format: Annotated[
        Format,
        typer.Option("--format", "-f", help="table (on screen), markdown, html, csv or json."),
    ] = Format.TABLE,
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

    Exits 0; with --check, 1 when any stated total differs from its rows.

    Example: actionplan cost-summary plans/ --format markdown --output costs.md
    """
    from actionplan.checks import check_stated_total
    from actionplan.reports.costs import CostReportError, GroupBy
    from actionplan.reports.costs import cost_summary as summarise

    group_by = GroupBy(by.value) if by else None
    plans = load_or_fail(paths)
    try:
        summary = summarise([loaded.plan for loaded in plans])
    except CostReportError as error:
        fail(str(error))
    if format is Format.TABLE and output is None:
        _print_table(summary, group_by)
    else:
        emit(_render(summary, format, group_by), output)
    for loaded in plans:
        for finding in check_stated_total(loaded, None):
            typer.echo(str(finding), err=True)
    raise typer.Exit(1 if check and summary.mismatched else 0)


def _table(summary: CostSummary, by: GroupBy | None) -> Table:
    from actionplan.reports.costs import cost_table, group_table, totals_by

    if by is None:
        return cost_table(summary)
    return group_table(summary, totals_by(summary, by), by)


def _print_table(summary: CostSummary, by: GroupBy | None) -> None:
    from actionplan.output.render import console, print_table
    from actionplan.reports.costs import reconciliation

    out = console()
    print_table(_table(summary, by), out)
    for note in reconciliation(summary):
        out.print(note, markup=False, highlight=False)


def _render(summary: CostSummary, format: Format, by: GroupBy | None) -> str:
    """The summary as text in one of the file formats (or a table drawn for a file)."""
    import io

    from actionplan.output.render import console, print_table, to_csv, to_json, to_markdown
    from actionplan.reports.costs import reconciliation, summary_document

    if format is Format.JSON:
        return to_json(summary_document(summary, by))
    table, notes = _table(summary, by), reconciliation(summary)
    if format is Format.MARKDOWN:
        table.caption = "\n\n".join(notes) or None
        return to_markdown(table)
    if format is Format.HTML:
        from actionplan.output.render import to_html

        return to_html(table) + "".join(f"<p>{html.escape(note)}</p>\n" for note in notes)
    if format is Format.CSV:
        return to_csv(table.headers, [*table.rows, *table.footer, *([note] for note in notes)])
    buffer = io.StringIO()
    out = console(buffer)
    print_table(table, out)
    for note in notes:
        out.print(note, markup=False, highlight=False)
    return buffer.getvalue()
