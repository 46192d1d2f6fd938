"""The cost summary as a table with its reconciliation notes under it, and as a JSON document.

The CSV is the table as printed (rows, totals, then each note in a row of its own), so a
spreadsheet shows what the board paper shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from actionplan.findings import plural
from actionplan.model.plan import UnitBreakdown
from actionplan.reports.costs import (
    CostSummary,
    GroupBy,
    GroupTotal,
    Span,
    totals_by,
)
from actionplan.reports.money import format_money
from actionplan.views.document import Block, Column, Lines, Rows, Table, View, plans_named
from actionplan.views.status import exempt_mark, with_exempt_line

if TYPE_CHECKING:
    from actionplan.reports.board import Withheld

_SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$"}


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
            title = exempt_mark(row.exempt_under) + title
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
                line(plan.plan, group_name(group), group.lines, group.total, _percent(group.share))
            )
        if several:
            full = "100.0%" if plan.total.low else ""
            rows.append(line(plan.plan, f"Total {plan.plan}", plan.lines, plan.total, full))
    name = "Grand total" if several else "Total"
    full = "" if several or not summary.total.low else "100.0%"
    footer = [line("", name, len(summary.rows), summary.total, full)]
    return Table(columns=columns, rows=rows, footer=footer)


def group_name(group: GroupTotal) -> str:
    """A group's name, marked when cost lines in it are exempt: `Exempt (paragraph 3): Finance`
    when all are (under one paragraph), `Finance (1 of 3 cost lines exempt)` when some are."""
    grounds = set(group.exempt)
    if len(group.exempt) == group.lines and len(grounds) == 1:
        return exempt_mark(grounds.pop()) + group.group
    if group.exempt:
        return f"{group.group} ({len(group.exempt)} of {plural(group.lines, 'cost line')} exempt)"
    return group.group


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
                "exempt": row.exempt_under is not None,
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


def summary_table(summary: CostSummary, by: GroupBy | None = None) -> Table:
    """A row per cost line, or with `by` the totals by theme or owner."""
    if by is None:
        return cost_table(summary)
    return group_table(summary, totals_by(summary, by), by)


def cost_summary_title(summary: CostSummary) -> str:
    """`Estimated costs: <the plan's title>`, or how many plans, for a page or a paper."""
    return f"Estimated costs: {plans_named([plan.title for plan in summary.plans])}"


def cost_summary_view(
    summary: CostSummary, by: GroupBy | None = None, *, withheld: Withheld | None = None
) -> View:
    """The table with the reconciliation under it, in every format; a page or Word paper is
    titled with the plan's title and, with exempt items `withheld`, says so."""

    def blocks() -> list[Block]:
        return [summary_table(summary, by), Lines(reconciliation(summary), attached=True)]

    def document_blocks() -> list[Block]:
        return with_exempt_line(blocks(), withheld)

    def csv_rows() -> Rows:
        table, notes = summary_table(summary, by), reconciliation(summary)
        return Rows(table.headers, [*table.rows, *table.footer, *([note] for note in notes)])

    return View(
        blocks=blocks,
        document_blocks=document_blocks,
        csv=csv_rows,
        json=lambda: summary_document(summary, by),
        page_title=cost_summary_title(summary),
    )
