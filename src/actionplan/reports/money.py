"""Cost arithmetic: the sum of a plan's cost lines, in one place."""

from __future__ import annotations

from decimal import Decimal

from actionplan.model.plan import PlanFile


def computed_total(plan: PlanFile) -> Decimal:
    """The sum of every cost line's amount (the low end of ranges)."""
    return sum((cost.amount for rec in plan.recommendations for cost in rec.costs), Decimal("0.00"))


def format_money(amount: Decimal, symbol: str = "£") -> str:
    """£5,000 for whole pounds, £41,567.20 otherwise; negative amounts as -£180."""
    sign = "-" if amount < 0 else ""
    amount = amount.copy_abs()  # exact: abs() would round to the context's 28 digits
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{sign}{symbol}{text}"
