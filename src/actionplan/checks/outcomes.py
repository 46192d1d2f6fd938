"""Outcomes (AP301-AP306, AP351): links to declared outcomes, indicators whose figures add up."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal

from actionplan.checks.declare import ERROR, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan, Loc
from actionplan.model.plan import Better, Unit


@check(
    Rule(
        "AP301",
        ERROR,
        "outcome referenced is not declared",
        doc="""
        Every outcome id named in the `outcomes` list of a recommendation, action, service or
        project is declared under the top-level `outcomes:`.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                outcomes: [safety]

        Fix: declare the outcome under `outcomes:` (id and title), or correct the id (the
        finding suggests a close match).
        """,
    )
)
def check_outcome_links(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    """AP301: every outcome id named by a recommendation, action, service or project exists."""
    plan = loaded.plan
    known = [outcome.id for outcome in plan.outcomes]
    for loc, (kind, owner_id), ids in _outcome_links(loaded):
        for index, ident in enumerate(ids):
            if ident in known:
                continue
            close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
            if close:
                hint = f"did you mean '{close[0]}'?"
            elif known:
                hint = f"use one of the declared outcome ids: {', '.join(known)}"
            else:
                hint = "the plan declares no outcomes: add it under 'outcomes:'"
            yield loaded.finding(
                (*loc, index),
                "AP301",
                f"{kind} {owner_id} serves outcome '{ident}', which is not declared under "
                f"outcomes: {hint}",
            )


def _outcome_links(loaded: LoadedPlan) -> Iterator[tuple[Loc, tuple[str, str], Sequence[str]]]:
    """(loc of the list, (what names them, its id), outcome ids) for every outcomes list."""
    plan = loaded.plan
    for ri, rec in enumerate(plan.recommendations):
        yield ("recommendations", ri, "outcomes"), ("recommendation", rec.id), rec.outcomes
    for loc, action in actions(loaded):
        yield (*loc, "outcomes"), ("action", action.id), action.outcomes
    for section in ("services", "projects"):
        for si, service in enumerate(getattr(plan, section)):
            yield (section, si, "outcomes"), (section[:-1], service.id), service.outcomes


@check(
    Rule(
        "AP302",
        ERROR,
        "measurements not in date order",
        doc="""
        An indicator's `measurements` are a history: oldest first, newest last.

        Example:
            outcomes:
              - id: safety
                title: Survivors are safer
                indicators:
                  - id: feel-safer
                    name: Survivors who feel safer
                    unit: percent
                    measurements:
                      - {date: 2021-07-01, value: 45}
                      - {date: 2021-04-01, value: 40}

        Fix: list the measurements in date order, newest last.
        """,
    ),
    Rule(
        "AP303",
        ERROR,
        "value not valid for the indicator's unit",
        doc="""
        A baseline, target or measurement value fits the indicator's `unit`: a count is a whole
        number of 0 or more; pounds are 0 or more with at most two decimal places.

        Example:
            outcomes:
              - id: safety
                title: Survivors are safer
                indicators:
                  - id: feel-safer
                    name: Survivors who feel safer
                    unit: count
                    baseline: {value: 12.5, date: 2021-04-01}

        Fix: correct the value, or use another unit (`score` for a figure with decimals).
        """,
    ),
    Rule(
        "AP304",
        ERROR,
        "indicator target date is not after its baseline date",
        doc="""
        An indicator's target is when it should reach its target value, so its date is after
        the baseline's.

        Example:
            outcomes:
              - id: safety
                title: Survivors are safer
                indicators:
                  - id: feel-safer
                    name: Survivors who feel safer
                    unit: percent
                    baseline: {value: 40, date: 2021-04-01}
                    target: {value: 80, date: 2021-01-01}

        Fix: correct the target date or the baseline date.
        """,
    ),
    Rule(
        "AP305",
        ERROR,
        "percent value outside 0-100",
        doc="""
        A value of an indicator with `unit: percent` is a number from 0 to 100.

        Example:
            outcomes:
              - id: safety
                title: Survivors are safer
                indicators:
                  - id: feel-safer
                    name: Survivors who feel safer
                    unit: percent
                    measurements:
                      - {date: 2021-07-01, value: 145}

        Fix: write the percentage as a number from 0 to 100 (62.5 for 62.5%), or use another
        unit.
        """,
    ),
    Rule(
        "AP306",
        ERROR,
        "indicator target is worse than its baseline in its better direction",
        doc="""
        The target improves on the baseline in the indicator's `better` direction: above it
        when higher is better, below it when lower is better.

        Example:
            outcomes:
              - id: safety
                title: Survivors are safer
                indicators:
                  - id: feel-safer
                    name: Survivors who feel safer
                    unit: percent
                    better: higher
                    baseline: {value: 40, date: 2021-04-01}
                    target: {value: 30, date: 2023-04-01}

        Fix: correct `better`, or the baseline or target value.
        """,
    ),
    Rule(
        "AP351",
        ERROR,
        "indicator measurement dated after the as-of date",
        doc="""
        With --as-of, no measurement is dated after that day: it cannot have been taken yet.
        Runs only with --as-of.

        Example:
            # as-of: 2022-04-01
            outcomes:
              - id: safety
                title: Survivors are safer
                indicators:
                  - id: feel-safer
                    name: Survivors who feel safer
                    unit: percent
                    measurements:
                      - {date: 2023-07-01, value: 45}

        Fix: check the year.
        """,
    ),
)
def check_indicators(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    """AP302-AP306 and, with an as-of date, AP351: each indicator's figures make sense."""
    for oi, outcome in enumerate(loaded.plan.outcomes):
        for ii, indicator in enumerate(outcome.indicators):
            loc = ("outcomes", oi, "indicators", ii)
            name = f"indicator {indicator.id}"
            values: list[tuple[Loc, Decimal]] = []
            baseline, target = indicator.baseline, indicator.target
            if baseline is not None:
                values.append(((*loc, "baseline", "value"), baseline.value))
            if target is not None:
                values.append(((*loc, "target", "value"), target.value))
            for mi, m in enumerate(indicator.measurements):
                values.append(((*loc, "measurements", mi, "value"), m.value))
                before = indicator.measurements[mi - 1].date if mi else None
                if before is not None and m.date < before:
                    yield loaded.finding(
                        (*loc, "measurements", mi, "date"),
                        "AP302",
                        f"{name}: the measurement dated {m.date.isoformat()} is listed after "
                        f"one dated {before.isoformat()}: list measurements oldest first, "
                        "newest last",
                    )
                if as_of is not None and m.date > as_of:
                    yield loaded.finding(
                        (*loc, "measurements", mi, "date"),
                        "AP351",
                        f"{name}: measurement dated {m.date.isoformat()}, after the as-of date "
                        f"{as_of.isoformat()}: check the year",
                    )
            for where, value in values:
                yield from _unit_findings(loaded, where, name, indicator.unit, value)
            if baseline is None or target is None:
                continue
            if target.date <= baseline.date:
                yield loaded.finding(
                    (*loc, "target", "date"),
                    "AP304",
                    f"{name}: target date {target.date.isoformat()} is not after the baseline "
                    f"date {baseline.date.isoformat()}: the target is when the indicator should "
                    "reach its target value, after the baseline was measured",
                )
            lower = indicator.better is Better.LOWER
            worse = target.value > baseline.value if lower else target.value < baseline.value
            if worse:
                side = "above" if lower else "below"
                yield loaded.finding(
                    (*loc, "target", "value"),
                    "AP306",
                    f"{name}: {indicator.better.value} is better, but the target "
                    f"{target.value} is {side} the baseline {baseline.value}: correct "
                    "'better' or the values",
                )


def _unit_findings(
    loaded: LoadedPlan, loc: Loc, name: str, unit: str, value: Decimal
) -> Iterable[Finding]:
    if unit == Unit.PERCENT and not Decimal(0) <= value <= Decimal(100):
        yield loaded.finding(
            loc,
            "AP305",
            f"{name}: {value}% is outside 0-100: write a percentage as a number from 0 to 100 "
            "(62.5 for 62.5%), or use another unit",
        )
    elif unit == Unit.COUNT and (value < 0 or value != value.to_integral_value()):
        yield loaded.finding(
            loc,
            "AP303",
            f"{name}: a count must be a whole number of 0 or more, not {value}: correct the "
            "value, or use unit 'score' for a figure that can have decimals",
        )
    elif unit == Unit.POUNDS and (value < 0 or value.as_tuple().exponent < -2):  # type: ignore[operator]
        yield loaded.finding(
            loc,
            "AP303",
            f"{name}: an amount in pounds must be 0 or more with at most two decimal places, "
            f"not {value}",
        )
