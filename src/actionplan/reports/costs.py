"""The cost summary: one row per cost line, totals per plan, and the stated total reconciled.

Councils print a "Summary of estimated costs" table with a grand total; this report rebuilds that
table from the plan, adds up the rows itself (`costs.computed_total`, the one home of the sum) and
sets the printed total beside the computed one. Beyond the printed table it gives the high end of
ranges, one-off against per-year costs, each line's share of its plan's total, and totals by theme
or by responsible officer.

The functions here return plain data; `cost_table`, `group_table` and `reconciliation` turn that
data into the strings of a `render.Table`, which every output format draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from actionplan.model.plan import PlanFile, Recommendation, Recurrence, UnitBreakdown
from actionplan.output.render import Column, Table
from actionplan.reports.money import computed_total, format_money

ZERO = Decimal("0.00")
NO_THEME = "(no theme)"
UNASSIGNED = "(unassigned)"
_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


class GroupBy(StrEnum):
    THEME = "theme"
    OWNER = "owner"


class CostReportError(ValueError):
    """The plans cannot be summarised together (mixed currencies, one id for two plans)."""


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

    Raises CostReportError when the plans are not all in one currency, or two share an id (the
    per-plan totals are keyed by id).
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
    ids = [plan.plan.id for plan in plans]
    for ident in dict.fromkeys(i for i in ids if ids.count(i) > 1):
        raise CostReportError(
            f"{ids.count(ident)} plan files have the id '{ident}': give each plan its own "
            "'id:' under 'plan:' so their totals can be told apart"
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
        )
        for (plan, group), rows in groups.items()
    ]


# --- Presentation: the strings of a table and the lines under it -----------------------------


def currency_symbol(currency: str) -> str:
    """£ for GBP, € and $; otherwise the code and a space ("CHF 5,000")."""
    return _SYMBOLS.get(currency.upper(), f"{currency} ")


def _percent(share: Decimal | None) -> str:
    return "" if share is None else f"{share}%"


def breakdown_text(units: UnitBreakdown, symbol: str = "£") -> str:
    """`5 × £750 per day`, with the breakdown's note after it."""
    text = f"{units.quantity} × {format_money(units.rate, symbol)} per {units.unit}"
    return f"{text} ({units.note})" if units.note else text


def cost_table(summary: CostSummary) -> Table:
    """The summary of estimated costs: a row per cost line, then the totals.

    A plan column and a total per plan appear when there are several plans; the high end, the
    recurrence and the unit breakdown only when some line has one. A recommendation's title
    carries the cost line's label when the recommendation has several lines, to tell them apart.
    """
    symbol = currency_symbol(summary.currency)

    def money(amount: Decimal) -> str:
        return format_money(amount, symbol)

    several = len(summary.shown) > 1
    ranges, recurring, units = summary.has_range, summary.has_per_year, summary.has_units

    columns = [Column("Plan")] if several else []
    columns += [Column("Rec"), Column("Recommendation", max_width=40)]
    columns.append(Column("Estimated cost", "right", no_wrap=True))
    if ranges:
        columns.append(Column("High", "right", no_wrap=True))
    if recurring:
        columns.append(Column("Recurrence", no_wrap=True))
    columns.append(Column("Share", "right", no_wrap=True))
    if units:
        columns.append(Column("Breakdown"))
    columns.append(Column("Detail"))

    def line(
        plan: str,
        rec: str,
        title: str,
        span: Span,
        *,
        high: Decimal | None,
        recurrence: str,
        share: str,
        breakdown: str = "",
        detail: str = "",
    ) -> list[str]:
        cells = [plan] if several else []
        cells += [rec, title, money(span.low)]
        if ranges:
            cells.append("" if high is None else money(high))
        if recurring:
            cells.append(recurrence)
        cells.append(share)
        if units:
            cells.append(breakdown)
        cells.append(detail)
        return cells

    def totals(plan: str, name: str, span: Span, share: str) -> list[str]:
        return line(plan, "", name, span, high=span.high, recurrence="", share=share)

    rows: list[list[str]] = []
    for plan in summary.shown:
        for row in (r for r in summary.rows if r.plan == plan.plan):
            title = f"{row.title}: {row.label}" if row.shares_recommendation else row.title
            rows.append(
                line(
                    row.plan,
                    row.recommendation,
                    title,
                    row.span,
                    high=row.high,
                    recurrence=row.recurrence.value,
                    share=_percent(row.share),
                    breakdown="" if row.units is None else breakdown_text(row.units, symbol),
                    detail=row.detail or "",
                )
            )
        if several:
            full = "100.0%" if plan.total.low else ""
            rows.append(totals(plan.plan, f"Total {plan.plan}", plan.total, full))

    if several:
        footer = [totals("", "Grand total", summary.total, "")]
    else:
        footer = [totals("", "Total", summary.total, "100.0%" if summary.total.low else "")]
    if recurring and summary.has_one_off:
        footer.append(totals("", "of which one-off", summary.one_off, ""))
        footer.append(totals("", "of which per year", summary.per_year, ""))
    return Table(columns=columns, rows=rows, footer=footer)


def reconciliation(summary: CostSummary) -> list[str]:
    """The lines printed under the table: the stated total against the computed one, ranges and
    recurrence, each a sentence an officer can quote."""
    symbol = currency_symbol(summary.currency)
    several = len(summary.shown) > 1
    notes: list[str] = []
    for plan in summary.shown:
        if plan.stated_total is None:
            continue
        prefix = f"{plan.plan}: " if several else ""
        stated = format_money(plan.stated_total, symbol)
        computed = format_money(plan.total.low, symbol)
        if not plan.difference:
            notes.append(f"{prefix}Stated total {stated} matches the sum of the rows.")
            continue
        gap = format_money(abs(plan.difference), symbol)
        side = "less" if plan.difference > 0 else "more"
        notes += [
            f"{prefix}Stated total (as printed): {stated}",
            f"{prefix}Computed total (sum of the rows): {computed}",
            f"{prefix}Difference: the printed total is {gap} {side} than the sum of its rows "
            "— the computed total is right.",
        ]
    if summary.uncosted:
        names = ", ".join(p.plan for p in summary.uncosted)
        notes.append(f"Left out of the table, with no cost lines: {names}.")
    if summary.total.is_range:
        low, high = (
            format_money(summary.total.low, symbol),
            format_money(summary.total.high, symbol),
        )
        notes.append(f"With the high end of each range, the total is {high} ({low} to {high}).")
    if summary.rows and not summary.has_per_year:
        notes.append("All costs are one-off.")
    elif summary.has_per_year and summary.has_one_off:
        notes.append("The total counts one year of each per-year cost.")
    elif summary.has_per_year:
        notes.append("All costs are per year.")
    return notes


def group_table(summary: CostSummary, groups: Sequence[GroupTotal], by: GroupBy) -> Table:
    """Totals by theme or owner: the groups of each plan add up to that plan's total."""
    symbol = currency_symbol(summary.currency)
    several = len(summary.shown) > 1
    ranges = summary.has_range
    columns = [Column("Plan")] if several else []
    columns += [
        Column("Theme" if by is GroupBy.THEME else "Responsible officer", max_width=50),
        Column("Cost lines", "right"),
        Column("Estimated cost", "right", no_wrap=True),
    ]
    if ranges:
        columns.append(Column("High", "right", no_wrap=True))
    columns.append(Column("Share", "right", no_wrap=True))

    def line(plan: str, name: str, lines: int, span: Span, share: str) -> list[str]:
        cells = [plan] if several else []
        cells += [name, str(lines), format_money(span.low, symbol)]
        if ranges:
            cells.append(format_money(span.high, symbol))
        cells.append(share)
        return cells

    rows: list[list[str]] = []
    for plan in summary.shown:
        for group in (g for g in groups if g.plan == plan.plan):
            rows.append(
                line(plan.plan, group.group, group.lines, group.total, _percent(group.share))
            )
        if several:
            full = "100.0%" if plan.total.low else ""
            rows.append(line(plan.plan, f"Total {plan.plan}", plan.lines, plan.total, full))
    name = "Grand total" if several else "Total"
    full = "" if several or not summary.total.low else "100.0%"
    footer = [line("", name, len(summary.rows), summary.total, full)]
    return Table(columns=columns, rows=rows, footer=footer)


def summary_document(summary: CostSummary, by: GroupBy | None = None) -> dict[str, object]:
    """The JSON document: amounts are Decimals, written by `render.to_json` as "5000.00"."""
    single = summary.shown[0] if len(summary.shown) == 1 else None
    document: dict[str, object] = {
        "currency": summary.currency,
        "rows": [
            {
                "plan": row.plan,
                "recommendation": row.recommendation,
                "title": row.title,
                "label": row.label,
                "amount": row.amount,
                "high": row.high,
                "recurrence": row.recurrence.value,
                "detail": row.detail,
            }
            for row in summary.rows
        ],
        "total": summary.total.low,
        "total_high": summary.total.high,
        "stated_total": single.stated_total if single else None,
        "difference": single.difference if single else None,
        "plans": [
            {
                "plan": plan.plan,
                "title": plan.title,
                "lines": plan.lines,
                "total": plan.total.low,
                "total_high": plan.total.high,
                "one_off": plan.one_off.low,
                "per_year": plan.per_year.low,
                "stated_total": plan.stated_total,
                "difference": plan.difference,
            }
            for plan in summary.plans
        ],
    }
    if by is not None:
        document["by"] = {
            "key": by.value,
            "groups": [
                {
                    "plan": group.plan,
                    "group": group.group,
                    "lines": group.lines,
                    "amount": group.total.low,
                    "high": group.total.high,
                }
                for group in totals_by(summary, by)
            ],
        }
    return document
