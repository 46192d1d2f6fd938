"""Costs (AP203, AP204, AP208): cost lines that add up and ranges the right way round."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal, localcontext

from actionplan.checks.declare import ERROR, WARNING, check
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan
from actionplan.reports.money import computed_total, format_money


@check(
    Rule(
        "AP203",
        ERROR,
        "unit breakdown does not multiply out to the amount",
        doc="""
        A cost line with `units` says how its amount was reached: quantity × rate must equal the
        amount, to the penny.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                costs:
                  - label: Workshops
                    amount: 3750
                    units: {quantity: 5, unit: day, rate: 700}

        Fix: correct the amount, the quantity or the rate, whichever the source document got
        right.
        """,
    ),
    Rule(
        "AP208",
        ERROR,
        "range upper bound is below the amount",
        doc="""
        A cost given as a range has its low end in `amount` and its high end in `high`, so
        `high` is never below `amount`.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                costs:
                  - label: Workshops
                    amount: 10000
                    high: 5000

        Fix: swap the two figures: `amount` is the low end, `high` the high end.
        """,
    ),
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


@check(
    Rule(
        "AP204",
        WARNING,
        "stated total differs from the sum of the cost lines",
        doc="""
        `plan.stated_total` (the total as the document printed it) differs from the sum of the
        cost lines. A warning, not an error: published plans often add up wrongly, and the plan
        file records what was published.

        Example:
            plan:
              stated_total: 136137
            recommendations:
              - id: "1"
                title: Raise awareness
                costs:
                  - label: Workshops
                    amount: 136317

        Fix: check the cost lines against the document; if they are right, keep the total as
        printed and quote the computed one (`actionplan cost-summary`).
        """,
    )
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
