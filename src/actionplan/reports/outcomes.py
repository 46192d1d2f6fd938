"""Outcome indicators as of a date: progress toward target, trend, and on track or off track.

The rules, printed in `actionplan outcomes --help` and under every outcomes table:

- only measurements dated on or before the as-of date count ("as of" means as known then);
  the latest of them is the indicator's current value;
- progress is how far the latest value has moved from the baseline toward the target, as a
  percentage: (latest − baseline) / (target − baseline) × 100. For a lower-is-better indicator
  that is the same as (baseline − latest) / (baseline − target). It is not clamped: 120% means
  past the target, −15% means worse than the baseline;
- the trend compares the latest measurement with the one before it: improving when it moved in
  the better direction, worsening when it moved the other way, flat when equal;
- the expected value on a date lies on the straight line from (baseline date, baseline value) to
  (target date, target value): the baseline before the baseline date, the target after the
  target date. An indicator is on track when its latest value is at or past (in the better
  direction) the expected value **on the as-of date**, so an indicator whose last measurement is
  old is judged against where it should be by now, not where it should have been then;
- with no measurements an indicator has "no data" (never zero); with data but no target or no
  baseline there is no line to judge against, and it says so.

Everything here is plain data and strings; nothing prints. Values stay `Decimal` as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any

from actionplan.model.plan import (
    Audience,
    Better,
    Indicator,
    Measure,
    Measurement,
    Outcome,
    PlanFile,
    Unit,
)
from actionplan.output.render import Column, Table
from actionplan.reports.money import format_money

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


class Track(StrEnum):
    ON_TRACK = "on track"
    OFF_TRACK = "off track"
    NO_DATA = "no data"
    NO_TARGET = "no target"
    NO_BASELINE = "no baseline"


class Trend(StrEnum):
    IMPROVING = "improving"
    WORSENING = "worsening"
    FLAT = "flat"


@dataclass(frozen=True)
class IndicatorStatus:
    """One indicator as of a date."""

    indicator: Indicator
    measurements: tuple[Measurement, ...]  # those dated on or before the as-of date, in order
    expected: Decimal | None
    progress: Decimal | None
    trend: Trend | None
    track: Track

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None


@dataclass(frozen=True)
class OutcomeStatus:
    """One outcome: its indicators' statuses and what in the plan serves it."""

    outcome: Outcome
    indicators: tuple[IndicatorStatus, ...]
    served_by: tuple[tuple[str, str], ...]  # (kind, name or id): service, project, action, …


@dataclass(frozen=True)
class PlanOutcomes:
    path: str
    plan: PlanFile
    outcomes: tuple[OutcomeStatus, ...]


# --- The arithmetic --------------------------------------------------------------------------


def expected_value(baseline: Measure, target: Measure, on: date) -> Decimal:
    """The value on the straight line from baseline to target on a date (flat outside it)."""
    if on <= baseline.date or target.date <= baseline.date:
        return baseline.value if on < target.date else target.value
    if on >= target.date:
        return target.value
    elapsed = Decimal((on - baseline.date).days)
    span = Decimal((target.date - baseline.date).days)
    return baseline.value + (target.value - baseline.value) * elapsed / span


def progress_percent(baseline: Decimal, target: Decimal, latest: Decimal) -> Decimal | None:
    """Percent of the way from baseline to target, to one decimal; None when they are equal."""
    if target == baseline:
        return None
    ratio = (latest - baseline) / (target - baseline) * 100
    return ratio.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def is_better_or_equal(value: Decimal, than: Decimal, better: Better) -> bool:
    return value >= than if better is Better.HIGHER else value <= than


def trend(values: list[Decimal], better: Better) -> Trend | None:
    """The latest change in the better or worse direction; None with fewer than two values."""
    if len(values) < 2:
        return None
    previous, latest = values[-2], values[-1]
    if latest == previous:
        return Trend.FLAT
    return Trend.IMPROVING if is_better_or_equal(latest, previous, better) else Trend.WORSENING


def indicator_status(indicator: Indicator, as_of: date) -> IndicatorStatus:
    """The indicator as known on `as_of` (see the module docstring for the rules)."""
    measured = tuple(
        sorted((m for m in indicator.measurements if m.date <= as_of), key=lambda m: m.date)
    )
    baseline, target = indicator.baseline, indicator.target
    expected = progress = None
    if baseline is not None and target is not None:
        expected = expected_value(baseline, target, as_of)
    latest = measured[-1].value if measured else None
    if latest is not None and baseline is not None and target is not None:
        progress = progress_percent(baseline.value, target.value, latest)
    if latest is None:
        track = Track.NO_DATA
    elif target is None:
        track = Track.NO_TARGET
    elif expected is None:
        track = Track.NO_BASELINE
    elif is_better_or_equal(latest, expected, indicator.better):
        track = Track.ON_TRACK
    else:
        track = Track.OFF_TRACK
    return IndicatorStatus(
        indicator=indicator,
        measurements=measured,
        expected=expected,
        progress=progress,
        trend=trend([m.value for m in measured], indicator.better),
        track=track,
    )


def outcome_statuses(
    plan: PlanFile,
    as_of: date,
    *,
    outcome_id: str | None = None,
    audience: Audience | None = None,
) -> tuple[OutcomeStatus, ...]:
    """Every outcome of a plan (or those matching the filters), with what serves each."""
    found = []
    for outcome in plan.outcomes:
        if outcome_id is not None and outcome.id != outcome_id:
            continue
        if audience is not None and audience not in outcome.for_:
            continue
        found.append(
            OutcomeStatus(
                outcome=outcome,
                indicators=tuple(indicator_status(i, as_of) for i in outcome.indicators),
                served_by=_serving(plan, outcome.id),
            )
        )
    return tuple(found)


class OutcomeFilterError(ValueError):
    """A filter matched nothing; the message names what there is to choose from."""


def plans_outcomes(
    plans: list[tuple[str, PlanFile]],
    as_of: date,
    *,
    outcome_id: str | None = None,
    audience: Audience | None = None,
) -> list[PlanOutcomes]:
    """The outcomes of every plan (path, plan) as of a date, filtered by outcome id or audience.

    With a filter, plans with no matching outcome are left out, and a filter that matches
    nothing in any plan raises OutcomeFilterError. Without one, every plan is kept, including
    plans that declare no outcomes (the report says so).
    """
    found = [
        PlanOutcomes(
            path, plan, outcome_statuses(plan, as_of, outcome_id=outcome_id, audience=audience)
        )
        for path, plan in plans
    ]
    if outcome_id is None and audience is None:
        return found
    found = [p for p in found if p.outcomes]
    if found:
        return found
    declared = [o for _path, plan in plans for o in plan.outcomes]
    if outcome_id is not None:
        known = ", ".join(o.id for o in declared) or "none are declared"
        raise OutcomeFilterError(
            f"no outcome '{outcome_id}' in these plans: give one of their outcome ids ({known})"
        )
    assert audience is not None
    served = sorted({a.value for o in declared for a in o.for_})
    raise OutcomeFilterError(
        f"no outcome in these plans is for {audience.value}: their outcomes are for "
        f"{', '.join(served) or 'no one named (no outcome has a for: list)'}"
    )


def _serving(plan: PlanFile, outcome_id: str) -> tuple[tuple[str, str], ...]:
    serving: list[tuple[str, str]] = []
    serving += [("service", s.name) for s in plan.services if outcome_id in s.outcomes]
    serving += [("project", p.name) for p in plan.projects if outcome_id in p.outcomes]
    serving += [
        ("recommendation", rec.id) for rec in plan.recommendations if outcome_id in rec.outcomes
    ]
    serving += [("action", a.id) for _rec, a in plan.actions() if outcome_id in a.outcomes]
    return tuple(serving)


# --- Words and pictures ----------------------------------------------------------------------


def plain_number(value: Decimal) -> str:
    """A decimal as written, never in exponent form: 61.5, 19500.50, 120."""
    return f"{value:f}"


def rounded(value: Decimal, places: int = 1) -> Decimal:
    """Round half up to `places`, dropping a fractional part of zeros (165.0 → 165)."""
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def format_value(value: Decimal, unit: Unit) -> str:
    """A value in its unit: 61.5%, £19,500.50, 104, 6.8."""
    if unit is Unit.POUNDS:
        return format_money(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
    if unit is Unit.PERCENT:
        return f"{plain_number(value)}%"
    return plain_number(value)


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


def _measure_cell(measure: Measure | Measurement | None, unit: Unit, one_line: bool) -> str:
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
    places = 2 if unit is Unit.POUNDS else 1
    sign = "≥" if status.indicator.better is Better.HIGHER else "≤"
    return f"{sign} {format_value(rounded(status.expected, places), unit)}"


def outcome_title(status: OutcomeStatus) -> str:
    outcome = status.outcome
    audience = f" (for {', '.join(a.value for a in outcome.for_)})" if outcome.for_ else ""
    return f"Outcome {outcome.id}: {outcome.title}{audience}"


SERVING_KINDS = {
    "service": "Services",
    "project": "Projects",
    "recommendation": "Recommendations",
    "action": "Actions",
}


def served_by_text(status: OutcomeStatus) -> str:
    """`Services: Advocacy; Legal surgery. Projects: #oktotalk.`, or that nothing serves it."""
    if not status.served_by:
        return (
            "Nothing in the plan names this outcome (no service, project, recommendation or "
            "action lists it under outcomes)."
        )
    parts = []
    for kind, label in SERVING_KINDS.items():
        names = [name for k, name in status.served_by if k == kind]
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


CSV_HEADERS = [
    "plan",
    "outcome",
    "for",
    "indicator",
    "name",
    "unit",
    "better",
    "baseline",
    "baseline_date",
    "latest",
    "latest_date",
    "target",
    "target_date",
    "expected",
    "progress_percent",
    "trend",
    "status",
    "measurements",
]


def _text(value: Decimal | None) -> str:
    return "" if value is None else plain_number(value)


def _day(when: date | None) -> str:
    return "" if when is None else when.isoformat()


def csv_rows(plans: list[PlanOutcomes]) -> list[list[str]]:
    """One row per indicator, values as exact decimals without £ or % (for spreadsheets)."""
    rows = []
    for plan in plans:
        for outcome in plan.outcomes:
            for s in outcome.indicators:
                i, latest = s.indicator, s.latest
                rows.append(
                    [
                        plan.plan.plan.id,
                        outcome.outcome.id,
                        " ".join(a.value for a in outcome.outcome.for_),
                        i.id,
                        i.name,
                        i.unit.value,
                        i.better.value,
                        _text(i.baseline.value if i.baseline else None),
                        _day(i.baseline.date if i.baseline else None),
                        _text(latest.value if latest else None),
                        _day(latest.date if latest else None),
                        _text(i.target.value if i.target else None),
                        _day(i.target.date if i.target else None),
                        _text(rounded(s.expected, 2) if s.expected is not None else None),
                        _text(s.progress),
                        s.trend.value if s.trend else "",
                        s.track.value,
                        str(len(s.measurements)),
                    ]
                )
    return rows


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
        "for": [a.value for a in outcome.for_],
        "served_by": [{"kind": kind, "name": name} for kind, name in status.served_by],
        "indicators": [_indicator_json(s) for s in status.indicators],
    }


def _indicator_json(status: IndicatorStatus) -> dict[str, Any]:
    i = status.indicator
    return {
        "id": i.id,
        "name": i.name,
        "unit": i.unit.value,
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
