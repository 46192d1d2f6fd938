"""Rules across the objects of a valid plan, each with its own code.

Every check has the same shape, `check_x(loaded, as_of) -> Iterator[Finding]`, and sits in
`CHECKS`, so one run reports every broken rule. Checks that depend on the date run only when an
as-of date is given: a plan that passed CI yesterday must not fail today unchanged.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal, localcontext

from actionplan.findings import Finding, plural
from actionplan.load import LoadedPlan, Loc
from actionplan.model.plan import Action, Better, Rag, Status, TargetKind, Unit
from actionplan.reports.money import computed_total, format_money
from actionplan.schedule import days_overdue, due_date

Check = Callable[[LoadedPlan, date | None], Iterator[Finding]]


def _actions(loaded: LoadedPlan) -> Iterator[tuple[Loc, Action]]:
    for ri, rec in enumerate(loaded.plan.recommendations):
        for ai, action in enumerate(rec.actions):
            yield ("recommendations", ri, "actions", ai), action


def _ids(loaded: LoadedPlan) -> Iterator[tuple[str, str, Loc]]:
    """(kind, id, loc) of everything that has an id."""
    plan = loaded.plan
    for ti, theme in enumerate(plan.plan.themes):
        yield "theme", theme.id, ("plan", "themes", ti, "id")
    for ri, rec in enumerate(plan.recommendations):
        yield "recommendation", rec.id, ("recommendations", ri, "id")
    for loc, action in _actions(loaded):
        yield "action", action.id, (*loc, "id")
    for oi, outcome in enumerate(plan.outcomes):
        yield "outcome", outcome.id, ("outcomes", oi, "id")
        for ii, indicator in enumerate(outcome.indicators):
            yield "indicator", indicator.id, ("outcomes", oi, "indicators", ii, "id")
    for section in ("services", "projects"):
        for si, service in enumerate(getattr(plan, section)):
            yield "service or project", service.id, (section, si, "id")


def check_unique_ids(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    # Ids are counted first and placed only when repeated: a path for every id of a big plan
    # would take more memory than the plan itself.
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, ident, _loc in _ids(loaded):
        counts[kind][ident] += 1
    first: dict[tuple[str, str], Loc] = {}
    for kind, ident, loc in _ids(loaded):
        if counts[kind][ident] == 1:
            continue
        if (kind, ident) not in first:
            first[kind, ident] = loc
            continue
        line = loaded.positions.of(first[kind, ident])[0]
        yield loaded.finding(
            loc,
            "AP201",
            f"{kind} id '{ident}' is already used at line {line}: give each {kind} its own id",
        )


def check_themes_exist(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    themes = [theme.id for theme in loaded.plan.plan.themes]
    for ri, rec in enumerate(loaded.plan.recommendations):
        if rec.theme is not None and rec.theme not in themes:
            known = ", ".join(themes) if themes else "none are declared under plan.themes"
            yield loaded.finding(
                ("recommendations", ri, "theme"),
                "AP202",
                f"recommendation {rec.id} names theme '{rec.theme}', which is not declared "
                f"(themes: {known})",
            )


def check_costs(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    for ri, rec in enumerate(loaded.plan.recommendations):
        for ci, cost in enumerate(rec.costs):
            loc = ("recommendations", ri, "costs", ci)
            if cost.units is not None:
                # Enough digits for the largest quantity × rate the model admits (15 + 15
                # digits × 15 + 2): the default 28 would make quantize() raise.
                with localcontext(prec=100):
                    product = (cost.units.quantity * cost.units.rate).quantize(Decimal("0.01"))
                if product != cost.amount:
                    yield loaded.finding(
                        (*loc, "units"),
                        "AP203",
                        f"unit breakdown {cost.units.quantity:f} {cost.units.unit} × "
                        f"{format_money(cost.units.rate)} = {format_money(product)}, but the "
                        f"amount is {format_money(cost.amount)}: correct one of them",
                    )
            if cost.high is not None and cost.high < cost.amount:
                yield loaded.finding(
                    (*loc, "high"),
                    "AP208",
                    f"range upper bound {format_money(cost.high)} is below the amount "
                    f"{format_money(cost.amount)}: 'amount' is the low end, 'high' the high end",
                )


def check_stated_total(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    stated = loaded.plan.plan.stated_total
    if stated is None or not loaded.complete:  # pruned cost lines would skew the sum
        return
    computed = computed_total(loaded.plan)
    if stated != computed:
        side = "less" if stated < computed else "more"
        yield loaded.finding(
            ("plan", "stated_total"),
            "AP204",
            f"stated total {format_money(stated)} is {format_money(abs(computed - stated))} "
            f"{side} than the sum of the cost lines, {format_money(computed)}: keep the total "
            "as the document printed it and quote the computed one (actionplan cost-summary)",
        )


def check_statuses(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    for loc, action in _actions(loaded):
        if action.status is Status.DONE and action.completed is None:
            yield loaded.finding(
                (*loc, "status"),
                "AP205",
                f"action {action.id} is done but has no completion date: add "
                "'completed: YYYY-MM-DD'",
            )
        if action.completed is not None and action.status is not Status.DONE:
            yield loaded.finding(
                (*loc, "completed"),
                "AP211",
                f"action {action.id} has a completion date but its status is "
                f"{action.status}: set 'status: done' or remove 'completed'",
            )
        if action.status in (Status.BLOCKED, Status.DROPPED) and action.status_reason is None:
            yield loaded.finding(
                (*loc, "status"),
                "AP207",
                f"action {action.id} is {action.status} with no reason: add 'status_reason: …'",
            )
        if action.rag is not None and action.rag_reason is None:
            yield loaded.finding(
                (*loc, "rag"),
                "AP210",
                f"action {action.id} sets its RAG by hand to {action.rag} with no reason: add "
                "'rag_reason: …'",
            )
        target = action.current_target
        if (
            target is not None
            and target.kind is TargetKind.DEPENDENT
            and action.target_text is None
        ):
            yield loaded.finding(
                (*loc, "target"),
                "AP209",
                f"action {action.id} is dependent but does not say on what: add "
                "'target_text: …' (e.g. 'Await outcome of evaluation')",
            )
        said = [u for u in action.progress if u.status is not None]
        if said and said[-1].status is not action.status:
            index = action.progress.index(said[-1])
            yield loaded.finding(
                (*loc, "status"),
                "AP212",
                f"action {action.id} has status {action.status} but its latest progress update "
                f"({said[-1].date.isoformat()}, progress[{index}]) set {said[-1].status}: make "
                "them agree",
            )


def check_date_order(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    for loc, action in _actions(loaded):
        for field, entries in (("progress", action.progress), ("revisions", action.revisions)):
            for index in range(1, len(entries)):
                before, here = entries[index - 1].date, entries[index].date
                if here < before:
                    yield loaded.finding(
                        (*loc, field, index, "date"),
                        "AP206",
                        f"action {action.id}: {field} entry dated {here.isoformat()} comes "
                        f"after one dated {before.isoformat()}: keep entries in date order, "
                        "newest last",
                    )


def check_not_in_future(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    if as_of is None:
        return
    for loc, action in _actions(loaded):
        dated: list[tuple[Loc, date]] = [
            ((*loc, "progress", i, "date"), u.date) for i, u in enumerate(action.progress)
        ]
        dated += [((*loc, "revisions", i, "date"), r.date) for i, r in enumerate(action.revisions)]
        if action.completed is not None:
            dated.append(((*loc, "completed"), action.completed))
        for where, when in dated:
            if when > as_of:
                yield loaded.finding(
                    where,
                    "AP251",
                    f"action {action.id}: dated {when.isoformat()}, after the as-of date "
                    f"{as_of.isoformat()}: check the year",
                )


def check_overdue_without_progress(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    if as_of is None:
        return
    for loc, action in _actions(loaded):
        overdue = days_overdue(action, as_of)
        if overdue and not action.progress:
            due = due_date(action)
            assert due is not None
            yield loaded.finding(
                (*loc, "target"),
                "AP252",
                f"action {action.id} was due {due.isoformat()} ({plural(overdue, 'day')} before "
                f"{as_of.isoformat()}) and has no progress update: record progress or revise "
                "the target",
            )
        if overdue and action.rag is Rag.GREEN:
            yield loaded.finding(
                (*loc, "rag"),
                "AP253",
                f"action {action.id} is set green by hand but is {plural(overdue, 'day')} overdue: "
                "revise the target or the rating",
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
    for loc, action in _actions(loaded):
        yield (*loc, "outcomes"), ("action", action.id), action.outcomes
    for section in ("services", "projects"):
        for si, service in enumerate(getattr(plan, section)):
            yield (section, si, "outcomes"), (section[:-1], service.id), service.outcomes


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
    loaded: LoadedPlan, loc: Loc, name: str, unit: Unit, value: Decimal
) -> Iterable[Finding]:
    if unit is Unit.PERCENT and not Decimal(0) <= value <= Decimal(100):
        yield loaded.finding(
            loc,
            "AP305",
            f"{name}: {value}% is outside 0-100: write a percentage as a number from 0 to 100 "
            "(62.5 for 62.5%), or use another unit",
        )
    elif unit is Unit.COUNT and (value < 0 or value != value.to_integral_value()):
        yield loaded.finding(
            loc,
            "AP303",
            f"{name}: a count must be a whole number of 0 or more, not {value}: correct the "
            "value, or use unit 'score' for a figure that can have decimals",
        )
    elif unit is Unit.POUNDS and (value < 0 or value.as_tuple().exponent < -2):  # type: ignore[operator]
        yield loaded.finding(
            loc,
            "AP303",
            f"{name}: an amount in pounds must be 0 or more with at most two decimal places, "
            f"not {value}",
        )


CHECKS: list[Check] = [
    check_unique_ids,
    check_themes_exist,
    check_costs,
    check_stated_total,
    check_statuses,
    check_date_order,
    check_not_in_future,
    check_overdue_without_progress,
    check_outcome_links,
    check_indicators,
]


def run_checks(loaded: LoadedPlan, as_of: date | None = None) -> list[Finding]:
    """Every finding of every rule on one loaded plan."""
    return [finding for check in CHECKS for finding in check(loaded, as_of)]
