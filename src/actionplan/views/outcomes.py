"""The outcomes report in words and pictures: figures in their units, progress bars, sparklines,
a table per outcome, a CSV row per indicator and the JSON document.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from actionplan.model.plan import Better, Measure, Measurement, Unit
from actionplan.reports.money import format_money
from actionplan.reports.outcomes import (
    IndicatorStatus,
    OutcomeStatus,
    PlanOutcomes,
    Track,
)
from actionplan.views.document import Block, Column, Field, Heading, Lines, Records, Table, View
from actionplan.views.status import with_exempt_line

if TYPE_CHECKING:
    from actionplan.reports.board import Withheld

SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
SPARK_LIMIT = 12  # the last measurements drawn: a year of monthly figures, and a narrow column
BAR_CELLS = 10
NONE = "—"

RULE_KEY = (
    "Expected: the value on the straight line from baseline to target on {as_of}; on track when "
    "the latest value is at or past it (≥ when higher is better, ≤ when lower is better). "
    "Progress: how far the latest value has come from baseline to target. Trend: the latest "
    "measurement against the one before, over a sparkline of the last {limit} (▁ lowest, "
    "█ highest). Only measurements dated up to {as_of} count."
)


def rule_key(as_of: date) -> str:
    """The rules, printed under every outcomes report."""
    return RULE_KEY.format(as_of=as_of.isoformat(), limit=SPARK_LIMIT)


def plain_number(value: Decimal) -> str:
    """A decimal as written, never in exponent form: 61.5, 19500.50, 120."""
    return f"{value:f}"


def rounded(value: Decimal, places: int = 1) -> Decimal:
    """Round half up to `places`, dropping a fractional part of zeros (165.0 → 165)."""
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def format_value(value: Decimal, unit: str) -> str:
    """A value in its unit: 61.5%, £19,500.50, 104, 6.8, and a declared unit's name: 12.5 tCO2e."""
    if unit == Unit.POUNDS:
        return format_money(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    if unit == Unit.PERCENT:
        return f"{plain_number(value)}%"
    if unit in (Unit.COUNT, Unit.SCORE):
        return plain_number(value)
    return f"{plain_number(value)} {unit}"


def sparkline(values: list[Decimal], limit: int = SPARK_LIMIT) -> str:
    """The last `limit` values as ▁▂▃▄▅▆▇█, lowest to highest; all equal → all ▄."""
    values = values[-limit:]
    if not values:
        return ""
    low, high = min(values), max(values)
    if low == high:
        return SPARK_BLOCKS[3] * len(values)
    top = len(SPARK_BLOCKS) - 1
    return "".join(
        SPARK_BLOCKS[int(((v - low) / (high - low) * top).quantize(Decimal(1), ROUND_HALF_UP))]
        for v in values
    )


def progress_bar(percent: Decimal | None, cells: int = BAR_CELLS, separator: str = " ") -> str:
    """`█████░░░░░ 53.8%`: a full cell for each whole tenth of the way from baseline to target;
    the bar is clamped to 0–100%, the figure is not (`██████████ 120%`, `░░░░░░░░░░ -15%`)."""
    if percent is None:
        return NONE
    clamped = min(max(percent, Decimal(0)), Decimal(100))
    full = int((clamped * cells / 100).to_integral_value(ROUND_FLOOR))
    return f"{'█' * full}{'░' * (cells - full)}{separator}{plain_number(percent)}%"


def _measure_cell(measure: Measure | Measurement | None, unit: str, one_line: bool) -> str:
    """The value over its date, or `61.5% (2022-03-31)` on one line."""
    if measure is None:
        return NONE
    value, when = format_value(measure.value, unit), measure.date.isoformat()
    return f"{value} ({when})" if one_line else f"{value}\n{when}"


def _expected_cell(status: IndicatorStatus) -> str:
    """`≥ 60%`: the value the indicator should be at or past on the as-of date."""
    if status.expected is None:
        return NONE
    unit = status.indicator.unit
    places = 2 if unit == Unit.POUNDS else 1
    sign = "≥" if status.indicator.better is Better.HIGHER else "≤"
    return f"{sign} {format_value(rounded(status.expected, places), unit)}"


def outcome_title(status: OutcomeStatus) -> str:
    outcome = status.outcome
    audience = f" (for {', '.join(outcome.for_)})" if outcome.for_ else ""
    return f"Outcome {outcome.id}: {outcome.title}{audience}"


SERVING_KINDS = {
    "service": "Services",
    "project": "Projects",
    "recommendation": "Recommendations",
    "action": "Actions",
}


def served_by_text(status: OutcomeStatus) -> str:
    """`Services: Advocacy; Legal surgery. Projects: #oktotalk.`, or that nothing serves it; an
    exempt item is marked `5.2 [exempt]` (as `owners` marks one)."""
    if not status.served_by:
        return (
            "Nothing in the plan names this outcome (no service, project, recommendation or "
            "action lists it under outcomes)."
        )
    parts = []
    for kind, label in SERVING_KINDS.items():
        names = [
            name + (" [exempt]" if (k, name) in status.exempt else "")
            for k, name in status.served_by
            if k == kind
        ]
        if names:
            parts.append(f"{label}: {'; '.join(names)}.")
    return " ".join(parts)


TRACK_STYLES = {
    Track.ON_TRACK.value: "bold white on green",
    Track.OFF_TRACK.value: "bold white on red",
    Track.NO_DATA.value: "dim",
}


def track_style(cell: str) -> str | None:
    """Rich style for a status cell (its words stay, for black-and-white print)."""
    return TRACK_STYLES.get(cell)


INDICATOR_COLUMNS = [
    Column("Indicator"),
    Column("Baseline"),
    Column("Latest"),
    Column("Target"),
    Column("Expected", align="right", no_wrap=True),
    Column("Progress", no_wrap=True),
    Column("Trend", no_wrap=True),
    Column("Status", style=track_style, no_wrap=True),
]


def indicator_row(status: IndicatorStatus, *, one_line: bool = False) -> list[str]:
    """Table cells for one indicator: two-line cells for a terminal, or `one_line` for documents."""
    indicator, latest = status.indicator, status.latest
    unit, sep = indicator.unit, " " if one_line else "\n"
    history = sparkline([m.value for m in status.measurements])
    return [
        indicator.name,
        _measure_cell(indicator.baseline, unit, one_line),
        _measure_cell(latest, unit, one_line) if latest else Track.NO_DATA.value,
        _measure_cell(indicator.target, unit, one_line),
        _expected_cell(status),
        progress_bar(status.progress, separator=sep),
        sep.join(filter(None, [status.trend.value if status.trend else NONE, history])),
        status.track.value,
    ]


def outcome_table(status: OutcomeStatus, *, one_line: bool = False) -> Table:
    """One outcome's indicators as a table, titled with the outcome, captioned with what serves
    it. `one_line` keeps each cell on one line, for Markdown and HTML."""
    rows = [indicator_row(s, one_line=one_line) for s in status.indicators]
    if not rows:
        rows = [["no indicators declared", *[NONE] * (len(INDICATOR_COLUMNS) - 1)]]
    return Table(
        columns=INDICATOR_COLUMNS,
        rows=rows,
        title=outcome_title(status),
        caption=served_by_text(status),
    )


def _text(value: Decimal | None) -> str:
    return "" if value is None else plain_number(value)


@dataclass(frozen=True)
class IndicatorRecord:
    """One indicator with the plan and outcome it belongs to: a CSV row."""

    plan: PlanOutcomes
    outcome: OutcomeStatus
    status: IndicatorStatus


def _expected_text(status: IndicatorStatus) -> str:
    return _text(rounded(status.expected, 2) if status.expected is not None else None)


# Values as exact decimals without £ or % (for spreadsheets); a missing value is an empty cell.
INDICATOR_FIELDS: list[Field[IndicatorRecord]] = [
    Field("plan", lambda r: r.plan.plan.plan.id),
    Field("outcome", lambda r: r.outcome.outcome.id),
    Field("for", lambda r: " ".join(r.outcome.outcome.for_)),
    Field("indicator", lambda r: r.status.indicator.id),
    Field("name", lambda r: r.status.indicator.name),
    Field("unit", lambda r: r.status.indicator.unit),
    Field("better", lambda r: r.status.indicator.better),
    Field("baseline", lambda r: _measure_value(r.status.indicator.baseline)),
    Field("baseline_date", lambda r: _measure_date(r.status.indicator.baseline)),
    Field("latest", lambda r: _measure_value(r.status.latest)),
    Field("latest_date", lambda r: _measure_date(r.status.latest)),
    Field("target", lambda r: _measure_value(r.status.indicator.target)),
    Field("target_date", lambda r: _measure_date(r.status.indicator.target)),
    Field("expected", lambda r: _expected_text(r.status)),
    Field("progress_percent", lambda r: _text(r.status.progress)),
    Field("trend", lambda r: r.status.trend),
    Field("status", lambda r: r.status.track),
    Field("measurements", lambda r: len(r.status.measurements)),
]


def _measure_value(measure: Measure | Measurement | None) -> str:
    return "" if measure is None else plain_number(measure.value)


def _measure_date(measure: Measure | Measurement | None) -> date | None:
    return None if measure is None else measure.date


def indicator_records(plans: list[PlanOutcomes]) -> Records[IndicatorRecord]:
    """One record per indicator of every outcome shown."""
    return Records(
        INDICATOR_FIELDS,
        [
            IndicatorRecord(plan, outcome, status)
            for plan in plans
            for outcome in plan.outcomes
            for status in outcome.indicators
        ],
    )


def _measure_json(measure: Measure | Measurement | None) -> dict[str, Any] | None:
    if measure is None:
        return None
    return {"value": plain_number(measure.value), "date": measure.date.isoformat()}


def outcomes_document(plans: list[PlanOutcomes], as_of: date) -> dict[str, Any]:
    """The report as a JSON-ready document: values are their exact decimal text, dates ISO."""
    return {
        "as_of": as_of.isoformat(),
        "plans": [
            {
                "path": plan.path,
                "plan": plan.plan.plan.id,
                "title": plan.plan.plan.title,
                "outcomes": [_outcome_json(o) for o in plan.outcomes],
            }
            for plan in plans
        ],
    }


def _outcome_json(status: OutcomeStatus) -> dict[str, Any]:
    outcome = status.outcome
    return {
        "id": outcome.id,
        "title": outcome.title,
        "for": list(outcome.for_),
        "served_by": [
            {"kind": kind, "name": name, "exempt": (kind, name) in status.exempt}
            for kind, name in status.served_by
        ],
        "indicators": [_indicator_json(s) for s in status.indicators],
    }


def _indicator_json(status: IndicatorStatus) -> dict[str, Any]:
    i = status.indicator
    return {
        "id": i.id,
        "name": i.name,
        "unit": i.unit,
        "better": i.better.value,
        "baseline": _measure_json(i.baseline),
        "target": _measure_json(i.target),
        "latest": _measure_json(status.latest),
        "expected": _text(rounded(status.expected, 2)) if status.expected is not None else None,
        "progress_percent": _text(status.progress) or None,
        "trend": status.trend.value if status.trend else None,
        "status": status.track.value,
        "measurements": [
            {**(_measure_json(m) or {}), "source": m.source} for m in status.measurements
        ],
    }


def plan_heading(plan: PlanOutcomes, as_of: date) -> str:
    """`Title (path): outcomes as of …`, or that the plan declares none."""
    info = plan.plan.plan
    if not plan.outcomes:
        return f"{info.title} ({plan.path}): no outcomes declared."
    return f"{info.title} ({plan.path}): outcomes as of {as_of.isoformat()}"


def outcomes_blocks(report: list[PlanOutcomes], as_of: date, *, one_line: bool) -> list[Block]:
    """Per plan its heading and a table per outcome, then the rules. On screen the heading is
    plain and cells take two lines; documents (`one_line`) keep each cell on one line."""
    blocks: list[Block] = []
    for plan in report:
        blocks.append(Heading(plan_heading(plan, as_of), bold=False))
        blocks += [outcome_table(status, one_line=one_line) for status in plan.outcomes]
    blocks.append(Lines([rule_key(as_of)]))
    return blocks


def outcomes_view(
    report: list[PlanOutcomes], as_of: date, *, withheld: Withheld | None = None
) -> View:
    """The outcomes report in every format; with exempt items `withheld` (a document), the line
    that says so."""
    return View(
        blocks=lambda: outcomes_blocks(report, as_of, one_line=False),
        document_blocks=lambda: with_exempt_line(
            outcomes_blocks(report, as_of, one_line=True), withheld
        ),
        csv=lambda: indicator_records(report),
        json=lambda: outcomes_document(report, as_of),
    )
