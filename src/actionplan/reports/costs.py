"""The cost summary: one row per cost line, totals per plan, and the stated total reconciled.

Councils print a "Summary of estimated costs" table with a grand total; this report rebuilds that
table from the plan, adds up the rows itself (`costs.computed_total`, the one home of the sum) and
sets the printed total beside the computed one. Beyond the printed table it gives the high end of
ranges, one-off against per-year costs, each line's share of its plan's total, and totals by theme
or by responsible officer.

The functions here return plain data; `views.costs` words it for every output format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from actionplan.errors import ActionPlanError
from actionplan.model.plan import (
    PlanFile,
    Recommendation,
    Recurrence,
    UnitBreakdown,
    exempt_under,
)
from actionplan.reports.money import computed_total

ZERO = Decimal("0.00")
NO_THEME = "(no theme)"
UNASSIGNED = "(unassigned)"


class GroupBy(StrEnum):
    THEME = "theme"
    OWNER = "owner"


class CostReportError(ActionPlanError, ValueError):
    """The plans cannot be summarised together (their costs are in different currencies)."""


# --- Data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A total from the low end (each line's amount) to the high end (its range's top)."""

    low: Decimal = ZERO
    high: Decimal = ZERO

    def __add__(self, other: Span) -> Span:
        return Span(self.low + other.low, self.high + other.high)

    @property
    def is_range(self) -> bool:
        return self.high != self.low


@dataclass(frozen=True)
class CostRow:
    """One cost line, with what a board paper needs to place it."""

    plan: str
    recommendation: str
    title: str
    label: str
    amount: Decimal
    high: Decimal | None
    recurrence: Recurrence
    detail: str | None
    units: UnitBreakdown | None
    theme: str
    owner: str
    share: Decimal | None  # percent of its plan's total, one decimal place; None if that is £0
    shares_recommendation: bool  # the recommendation has other cost lines too
    exempt_under: str | None = None  # the paragraph its recommendation or plan is exempt under

    @property
    def span(self) -> Span:
        return Span(self.amount, self.amount if self.high is None else self.high)


@dataclass(frozen=True)
class PlanTotals:
    """One plan's totals, and the total its source document printed (if recorded)."""

    plan: str
    title: str
    total: Span
    one_off: Span
    per_year: Span
    stated_total: Decimal | None
    lines: int

    @property
    def difference(self) -> Decimal | None:
        """Computed minus stated: positive when the printed total is short of its rows."""
        return None if self.stated_total is None else self.total.low - self.stated_total


@dataclass(frozen=True)
class CostSummary:
    currency: str
    rows: list[CostRow]
    plans: list[PlanTotals]
    total: Span = field(default_factory=Span)
    one_off: Span = field(default_factory=Span)
    per_year: Span = field(default_factory=Span)

    @property
    def has_range(self) -> bool:
        return any(row.high is not None for row in self.rows)

    @property
    def has_per_year(self) -> bool:
        return any(row.recurrence is Recurrence.PER_YEAR for row in self.rows)

    @property
    def has_one_off(self) -> bool:
        return any(row.recurrence is Recurrence.ONE_OFF for row in self.rows)

    @property
    def has_units(self) -> bool:
        return any(row.units is not None for row in self.rows)

    @property
    def shown(self) -> list[PlanTotals]:
        """The plans the table shows: those with cost lines or a stated total (all, if none)."""
        costed = [p for p in self.plans if p.lines or p.stated_total is not None]
        return costed or self.plans

    @property
    def uncosted(self) -> list[PlanTotals]:
        """Plans left out of the table: no cost lines and no stated total."""
        shown = self.shown
        return [p for p in self.plans if p not in shown]

    @property
    def mismatched(self) -> list[PlanTotals]:
        """Plans whose stated total differs from the sum of their cost lines."""
        return [p for p in self.plans if p.difference]


@dataclass(frozen=True)
class GroupTotal:
    """The cost lines of one theme or one owner group within a plan."""

    plan: str
    group: str
    total: Span
    lines: int
    share: Decimal | None
    exempt: tuple[str, ...] = ()  # the paragraph of each of its lines that is exempt


# --- Computation -----------------------------------------------------------------------------


def share_of(amount: Decimal, total: Decimal) -> Decimal | None:
    """`amount` as a percentage of `total`, to one decimal place (None when the total is £0)."""
    if not total:
        return None
    return (amount * 100 / total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def owner_group(rec: Recommendation, owners: Sequence[str]) -> str:
    """Who answers for a cost line: its own owners, else its recommendation's action owners.

    The owners together are one group ("DSA Chair; ICU lead"): an amount is never split, so the
    groups add up to the total.
    """
    if not owners:
        owners = [owner for action in rec.actions for owner in action.owners]
    unique = list(dict.fromkeys(owner.strip() for owner in owners))
    return "; ".join(unique) if unique else UNASSIGNED


def cost_rows(plan: PlanFile) -> list[CostRow]:
    """One row per cost line, in the order the plan lists them."""
    total = computed_total(plan)
    themes = {theme.id: theme.title for theme in plan.plan.themes}
    rows = []
    for rec in plan.recommendations:
        theme = NO_THEME if rec.theme is None else themes.get(rec.theme, rec.theme)
        for cost in rec.costs:
            rows.append(
                CostRow(
                    plan=plan.plan.id,
                    recommendation=rec.id,
                    title=rec.title,
                    label=cost.label,
                    amount=cost.amount,
                    high=cost.high,
                    recurrence=cost.recurrence,
                    detail=cost.detail,
                    units=cost.units,
                    theme=theme,
                    owner=owner_group(rec, cost.owners),
                    share=share_of(cost.amount, total),
                    shares_recommendation=len(rec.costs) > 1,
                    exempt_under=exempt_under(rec.exempt, plan.plan.exempt),
                )
            )
    return rows


def _sum(rows: Sequence[CostRow]) -> Span:
    return sum((row.span for row in rows), Span())


def plan_totals(plan: PlanFile) -> PlanTotals:
    """A plan's totals low and high, one-off and per-year, beside its stated total."""
    rows = cost_rows(plan)
    return PlanTotals(
        plan=plan.plan.id,
        title=plan.plan.title,
        total=Span(computed_total(plan), _sum(rows).high),
        one_off=_sum([r for r in rows if r.recurrence is Recurrence.ONE_OFF]),
        per_year=_sum([r for r in rows if r.recurrence is Recurrence.PER_YEAR]),
        stated_total=plan.plan.stated_total,
        lines=len(rows),
    )


def cost_summary(plans: Sequence[PlanFile]) -> CostSummary:
    """Every cost line of every plan, each plan's totals, and the grand totals.

    The per-plan totals are keyed by plan id: the plans must have one id each, which the
    commands make sure of when they load them. Raises CostReportError when the plans are not all
    in one currency.
    """
    costed = [
        p
        for p in plans
        if p.plan.stated_total is not None or any(r.costs for r in p.recommendations)
    ]
    currencies = list(dict.fromkeys(plan.plan.currency for plan in costed))
    if len(currencies) > 1:
        which = ", ".join(f"{plan.plan.id} in {plan.plan.currency}" for plan in costed)
        raise CostReportError(
            f"the plans are in different currencies ({which}), so they cannot share one "
            "total: summarise each currency separately"
        )
    totals = [plan_totals(plan) for plan in plans]
    return CostSummary(
        currency=currencies[0] if currencies else plans[0].plan.currency if plans else "GBP",
        rows=[row for plan in plans for row in cost_rows(plan)],
        plans=totals,
        total=sum((p.total for p in totals), Span()),
        one_off=sum((p.one_off for p in totals), Span()),
        per_year=sum((p.per_year for p in totals), Span()),
    )


def totals_by(summary: CostSummary, by: GroupBy) -> list[GroupTotal]:
    """Totals by theme or by owner group, within each plan, in order of first appearance."""
    plan_total = {p.plan: p.total.low for p in summary.plans}
    groups: dict[tuple[str, str], list[CostRow]] = {}
    for row in summary.rows:
        key = row.theme if by is GroupBy.THEME else row.owner
        groups.setdefault((row.plan, key), []).append(row)
    return [
        GroupTotal(
            plan=plan,
            group=group,
            total=_sum(rows),
            lines=len(rows),
            share=share_of(_sum(rows).low, plan_total[plan]),
            exempt=tuple(row.exempt_under for row in rows if row.exempt_under is not None),
        )
        for (plan, group), rows in groups.items()
    ]
