"""`actionplan outcomes`."""

from __future__ import annotations

import html
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    OutputOpt,
    PathsArg,
    as_of_date,
    emit,
    fail,
    load_or_fail,
    one_of,
)
from actionplan.output.render import Format

if TYPE_CHECKING:
    from rich.console import Console

    from actionplan.output.render import Table
    from actionplan.reports.outcomes import PlanOutcomes


class Who(StrEnum):
    """--for; mirrors `model.Audience` (a test keeps them equal) so --help imports no model."""

    SURVIVORS = "survivors"
    PERPETRATORS = "perpetrators"
    PROFESSIONALS = "professionals"
    HEALTH_PROFESSIONALS = "health-professionals"
    CHILDREN = "children"
    COMMUNITY = "community"


@app.command()
def outcomes(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    outcome: Annotated[
        str | None, typer.Option("--outcome", metavar="ID", help="Only the outcome with this id.")
    ] = None,
    who: Annotated[
        Who | None,
        typer.Option(
            "--for",
            metavar="WHO",
            case_sensitive=False,
            help=f"Only outcomes for these people: {one_of(Who)}.",
        ),
    ] = None,
    format: Annotated[
        Format,
        typer.Option("--format", "-f", help="table (on screen), markdown, html, csv or json."),
    ] = Format.TABLE,
    output: OutputOpt = None,
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

    Example: actionplan outcomes plans/ --as-of 2022-04-01 --for survivors
    """
    from actionplan.model.plan import Audience
    from actionplan.reports.outcomes import OutcomeFilterError, plans_outcomes

    when = as_of_date(as_of)
    loaded = load_or_fail(paths)
    try:
        report = plans_outcomes(
            [(plan.path, plan.plan) for plan in loaded],
            when,
            outcome_id=outcome,
            audience=Audience(who.value) if who else None,
        )
    except OutcomeFilterError as error:
        fail(str(error))
    if format is Format.TABLE and output is None:
        from actionplan.output.render import console

        _print(report, when, console())
    else:
        emit(_render(report, when, format), output)


def _heading(plan: PlanOutcomes, as_of: date) -> str:
    info = plan.plan.plan
    if not plan.outcomes:
        return f"{info.title} ({plan.path}): no outcomes declared."
    return f"{info.title} ({plan.path}): outcomes as of {as_of.isoformat()}"


def _tables(plan: PlanOutcomes, *, one_line: bool) -> list[Table]:
    from actionplan.reports.outcomes import outcome_table

    return [outcome_table(status, one_line=one_line) for status in plan.outcomes]


def _print(report: list[PlanOutcomes], as_of: date, out: Console) -> None:
    from actionplan.output.render import print_table
    from actionplan.reports.outcomes import rule_key

    for plan in report:
        out.print(_heading(plan, as_of), markup=False, highlight=False)
        for table in _tables(plan, one_line=False):
            out.print()
            print_table(table, out)
        out.print()
    out.print(rule_key(as_of), markup=False, highlight=False)


def _render(report: list[PlanOutcomes], as_of: date, format: Format) -> str:
    """The report as text in one of the file formats (or the tables drawn for a file)."""
    import io

    from actionplan.output.render import console, to_csv, to_html, to_json, to_markdown
    from actionplan.reports.outcomes import CSV_HEADERS, csv_rows, outcomes_document, rule_key

    if format is Format.JSON:
        return to_json(outcomes_document(report, as_of))
    if format is Format.CSV:
        return to_csv(CSV_HEADERS, csv_rows(report))
    if format is Format.MARKDOWN:
        parts = []
        for plan in report:
            parts.append(f"## {_heading(plan, as_of)}\n")
            parts += [to_markdown(table) for table in _tables(plan, one_line=True)]
        parts.append(rule_key(as_of) + "\n")
        return "\n".join(parts)
    if format is Format.HTML:
        parts = []
        for plan in report:
            parts.append(f"<h2>{html.escape(_heading(plan, as_of))}</h2>\n")
            parts += [to_html(table) for table in _tables(plan, one_line=True)]
        parts.append(f"<p>{html.escape(rule_key(as_of))}</p>\n")
        return "".join(parts)
    buffer = io.StringIO()
    _print(report, as_of, console(buffer))
    return buffer.getvalue()
