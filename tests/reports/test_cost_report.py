"""`reports.costs`: rows, totals, shares and groups as exact Decimals."""

from __future__ import annotations

from decimal import Decimal

from actionplan.model.plan import Recurrence
from actionplan.reports.costs import (
    GroupBy,
    Span,
    cost_rows,
    cost_summary,
    share_of,
    totals_by,
)
from cost_plans import MIXED, NO_STATED, SMALL


def test_rows_follow_the_plan_with_shares_of_the_plan_total() -> None:
    rows = cost_rows(MIXED)
    assert [(r.recommendation, r.label, r.amount, r.high, r.share) for r in rows] == [
        ("1", "Campaign", Decimal("5000.00"), Decimal("10000.00"), Decimal("36.4")),
        ("5", "Workshops", Decimal("3750.00"), None, Decimal("27.3")),
        ("5", "Practitioner", Decimal("5000.10"), None, Decimal("36.4")),
        ("6", "Evaluation", Decimal("0.00"), None, Decimal("0.0")),
    ]
    one_off, per_year = Recurrence.ONE_OFF, Recurrence.PER_YEAR
    assert [r.recurrence for r in rows] == [one_off, one_off, per_year, one_off]
    assert [r.shares_recommendation for r in rows] == [False, True, True, False]
    assert [r.theme for r in rows] == ["Prevention", "Perpetrators", "Perpetrators", "(no theme)"]


def test_owner_is_the_lines_own_else_the_actions_together_else_unassigned() -> None:
    assert [r.owner for r in cost_rows(MIXED)] == [
        "DSA Chair; Comms lead",
        "(unassigned)",
        "ICU lead",
        "(unassigned)",
    ]


def test_share_is_rounded_half_up_in_decimal_and_none_for_a_zero_total() -> None:
    assert share_of(Decimal("1"), Decimal("8")) == Decimal("12.5")
    assert share_of(Decimal("1"), Decimal("3")) == Decimal("33.3")
    assert share_of(Decimal("2"), Decimal("3")) == Decimal("66.7")
    assert share_of(Decimal("5"), Decimal("0.00")) is None


def test_totals_low_and_high_one_off_and_per_year_and_the_difference() -> None:
    summary = cost_summary([MIXED])
    (totals,) = summary.plans
    assert totals.total == Span(Decimal("13750.10"), Decimal("18750.10"))
    assert totals.one_off == Span(Decimal("8750.00"), Decimal("13750.00"))
    assert totals.per_year == Span(Decimal("5000.10"), Decimal("5000.10"))
    assert totals.stated_total == Decimal("13570.00")
    assert totals.difference == Decimal("180.10")
    assert totals.lines == 4
    assert summary.mismatched == [totals]


def test_several_plans_add_up_and_only_mismatched_plans_are_flagged() -> None:
    summary = cost_summary([MIXED, SMALL, NO_STATED])
    assert summary.total == Span(Decimal("15750.10"), Decimal("20750.10"))
    assert summary.one_off == Span(Decimal("10750.00"), Decimal("15750.00"))
    assert [(p.plan, p.difference) for p in summary.plans] == [
        ("demo", Decimal("180.10")),
        ("small", Decimal("0.00")),
        ("bare", None),
    ]
    assert [p.plan for p in summary.mismatched] == ["demo"]


def test_groups_never_split_an_amount_and_add_up_to_each_plans_total() -> None:
    summary = cost_summary([MIXED, SMALL])
    by_owner = totals_by(summary, GroupBy.OWNER)
    assert [(g.plan, g.group, g.total.low, g.lines, g.share) for g in by_owner] == [
        ("demo", "DSA Chair; Comms lead", Decimal("5000.00"), 1, Decimal("36.4")),
        ("demo", "(unassigned)", Decimal("3750.00"), 2, Decimal("27.3")),
        ("demo", "ICU lead", Decimal("5000.10"), 1, Decimal("36.4")),
        ("small", "(unassigned)", Decimal("2000.00"), 1, Decimal("100.0")),
    ]
    by_theme = totals_by(summary, GroupBy.THEME)
    assert [(g.plan, g.group, g.total) for g in by_theme] == [
        ("demo", "Prevention", Span(Decimal("5000.00"), Decimal("10000.00"))),
        ("demo", "Perpetrators", Span(Decimal("8750.10"), Decimal("8750.10"))),
        ("demo", "(no theme)", Span(Decimal("0.00"), Decimal("0.00"))),
        ("small", "(no theme)", Span(Decimal("2000.00"), Decimal("2000.00"))),
    ]
    assert sum((g.total.low for g in by_theme), Decimal(0)) == summary.total.low
