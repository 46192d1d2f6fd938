"""Outcome indicators as of a date: progress toward target, trend, and on track or off track.

The rules, printed in `actionplan outcomes --help` and under every outcomes table
(`views.outcomes.rule_key`):

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

Everything here is plain data; nothing prints. Values stay `Decimal` as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from actionplan.errors import ActionPlanError
from actionplan.model.plan import (
    Better,
    Indicator,
    Measure,
    Measurement,
    Outcome,
    PlanFile,
    exempt_under,
)


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
    exempt: frozenset[tuple[str, str]] = frozenset()  # those of served_by that are exempt


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
    audience: str | None = None,
) -> tuple[OutcomeStatus, ...]:
    """Every outcome of a plan (or those matching the filters), with what serves each."""
    found = []
    for outcome in plan.outcomes:
        if outcome_id is not None and outcome.id != outcome_id:
            continue
        if audience is not None and audience.casefold() not in {w.casefold() for w in outcome.for_}:
            continue
        served = serving(plan, outcome.id)
        found.append(
            OutcomeStatus(
                outcome=outcome,
                indicators=tuple(indicator_status(i, as_of) for i in outcome.indicators),
                served_by=tuple(entry for entry, _exempt in served),
                exempt=frozenset(entry for entry, exempt in served if exempt),
            )
        )
    return tuple(found)


class OutcomeFilterError(ActionPlanError, ValueError):
    """A filter matched nothing; the message names what there is to choose from."""


def plans_outcomes(
    plans: list[tuple[str, PlanFile]],
    as_of: date,
    *,
    outcome_id: str | None = None,
    audience: str | None = None,
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
    served = sorted({a for o in declared for a in o.for_})
    raise OutcomeFilterError(
        f"no outcome in these plans is for {audience}: their outcomes are for "
        f"{', '.join(served) or 'no one named (no outcome has a for: list)'}"
    )


def serving(plan: PlanFile, outcome_id: str) -> list[tuple[tuple[str, str], bool]]:
    """What in the plan serves the outcome, in order, as ((kind, name or id), whether it is
    exempt: itself, under an exempt recommendation or in an exempt plan)."""
    private = plan.plan.exempt is not None
    serving = [(("service", s.name), private) for s in plan.services if outcome_id in s.outcomes]
    serving += [(("project", p.name), private) for p in plan.projects if outcome_id in p.outcomes]
    serving += [
        (("recommendation", rec.id), private or rec.exempt is not None)
        for rec in plan.recommendations
        if outcome_id in rec.outcomes
    ]
    serving += [
        (("action", a.id), exempt_under(a.exempt, rec.exempt, plan.plan.exempt) is not None)
        for rec, a in plan.actions()
        if outcome_id in a.outcomes
    ]
    return serving
