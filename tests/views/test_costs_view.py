"""`views.costs`: the cost table, its reconciliation notes, the group table and the JSON."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

import pytest

from actionplan.reports.costs import (
    CostReportError,
    GroupBy,
    cost_summary,
    totals_by,
)
from actionplan.views.costs import cost_table, group_table, reconciliation, summary_document
from cost_plans import MIXED, NO_STATED, SMALL


def test_table_shows_label_only_where_a_recommendation_has_several_lines() -> None:
    table = cost_table(cost_summary([MIXED]))
    assert table.headers == [
        "Rec",
        "Recommendation",
        "Estimated cost",
        "High",
        "Recurrence",
        "Share",
        "Breakdown",
        "Detail",
    ]
    assert [row[:3] for row in table.rows] == [
        ["1", "Communications campaign", "£5,000"],
        ["5", "Perpetrator workshops: Workshops", "£3,750"],
        ["5", "Perpetrator workshops: Practitioner", "£5,000.10"],
        ["6", "Evaluation", "£0"],
    ]
    assert table.rows[1][6] == "5 × £750 per day"
    assert table.footer == [
        ["", "Total", "£13,750.10", "£18,750.10", "", "100.0%", "", ""],
        ["", "of which one-off", "£8,750", "£13,750", "", "", "", ""],
        ["", "of which per year", "£5,000.10", "£5,000.10", "", "", "", ""],
    ]


def test_plain_plan_has_only_the_sources_columns_and_share() -> None:
    table = cost_table(cost_summary([SMALL]))
    assert table.headers == ["Rec", "Recommendation", "Estimated cost", "Share", "Detail"]
    assert table.rows == [["1", "Training", "£2,000", "100.0%", ""]]
    assert table.footer == [["", "Total", "£2,000", "100.0%", ""]]


def test_reconciliation_lines() -> None:
    assert reconciliation(cost_summary([MIXED])) == [
        "Stated total (as printed): £13,570",
        "Computed total (sum of the rows): £13,750.10",
        "Difference: the printed total is £180.10 less than the sum of its rows — the computed "
        "total is right.",
        "With the high end of each range, the total is £18,750.10 (£13,750.10 to £18,750.10).",
        "The total counts one year of each per-year cost.",
    ]
    assert reconciliation(cost_summary([SMALL, MIXED]))[0] == (
        "small: Stated total £2,000 matches the sum of the rows."
    )
    assert reconciliation(cost_summary([SMALL, NO_STATED])) == [
        "Stated total £2,000 matches the sum of the rows.",
        "Left out of the table, with no cost lines: bare.",
        "All costs are one-off.",
    ]
    assert reconciliation(cost_summary([NO_STATED])) == []


def test_a_stated_total_above_the_rows_says_more() -> None:
    over = SMALL.model_copy(
        update={"plan": SMALL.plan.model_copy(update={"stated_total": Decimal("2500.00")})}
    )
    assert reconciliation(cost_summary([over]))[2] == (
        "Difference: the printed total is £500 more than the sum of its rows — the computed "
        "total is right."
    )
    assert over.plan.stated_total is not None
    assert cost_summary([over]).plans[0].difference == Decimal("-500.00")


def test_group_table_for_one_plan() -> None:
    summary = cost_summary([MIXED])
    table = group_table(summary, totals_by(summary, GroupBy.THEME), GroupBy.THEME)
    assert table.headers == ["Theme", "Cost lines", "Estimated cost", "High", "Share"]
    assert table.rows == [
        ["Prevention", "1", "£5,000", "£10,000", "36.4%"],
        ["Perpetrators", "2", "£8,750.10", "£8,750.10", "63.6%"],
        ["(no theme)", "1", "£0", "£0", "0.0%"],
    ]
    assert table.footer == [["Total", "4", "£13,750.10", "£18,750.10", "100.0%"]]


def test_a_plan_with_no_costs_is_left_out_of_the_table() -> None:
    summary = cost_summary([SMALL, NO_STATED])
    assert [p.plan for p in summary.shown] == ["small"]
    assert [p.plan for p in summary.uncosted] == ["bare"]
    assert cost_table(summary).headers == [
        "Rec",
        "Recommendation",
        "Estimated cost",
        "Share",
        "Detail",
    ]
    assert cost_table(cost_summary([NO_STATED])).footer == [["", "Total", "£0", "", ""]]


def test_json_document_for_several_plans_keeps_stated_totals_per_plan() -> None:
    document = summary_document(cost_summary([SMALL, MIXED]))
    assert document["stated_total"] is None
    assert document["difference"] is None
    plans = cast("list[dict[str, object]]", document["plans"])  # the document is dict[str, object]
    assert [p["difference"] for p in plans] == [Decimal("0.00"), Decimal("180.10")]


def test_json_document_lists_every_plan_and_quotes_the_only_costed_one() -> None:
    document = summary_document(cost_summary([SMALL, NO_STATED]))
    assert document["stated_total"] == Decimal("2000.00")
    assert document["difference"] == Decimal("0.00")
    assert document["plans"] == [
        {
            "plan": "small",
            "title": "Small plan",
            "lines": 1,
            "total": Decimal("2000.00"),
            "total_high": Decimal("2000.00"),
            "one_off": Decimal("2000.00"),
            "per_year": Decimal("0.00"),
            "stated_total": Decimal("2000.00"),
            "difference": Decimal("0.00"),
        },
        {
            "plan": "bare",
            "title": "Bare plan",
            "lines": 0,
            "total": Decimal("0.00"),
            "total_high": Decimal("0.00"),
            "one_off": Decimal("0.00"),
            "per_year": Decimal("0.00"),
            "stated_total": None,
            "difference": None,
        },
    ]


def test_plans_in_different_currencies_are_refused() -> None:
    euro = SMALL.model_copy(
        update={"plan": SMALL.plan.model_copy(update={"id": "euro", "currency": "EUR"})}
    )
    with pytest.raises(CostReportError, match=r"different currencies \(small in GBP, euro in EUR"):
        cost_summary([SMALL, euro])
    assert cost_table(cost_summary([euro])).rows[0][2] == "€2,000"
