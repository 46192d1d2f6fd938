"""Reading one tracker cell: dates, targets and costs, and the errors that name the fix."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from actionplan.tracker.cells import (
    Cell,
    Month,
    ReadCost,
    ReadTarget,
    RowError,
    parse_cost,
    parse_deadline,
    parse_span,
    parse_target,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 2020", "2020-02"),
        ("February 2020", "2020-02"),
        ("Sept 2020", "2020-09"),
        ("Dec-20", "2020-12"),
        ("31/03/2021", "2021-03-31"),
        ("1/4/21", "2021-04-01"),
        ("31 March 2021", "2021-03-31"),
        ("03/2021", "2021-03"),
        ("End of March 2021", "2021-03"),
        ("Q1 2020/21", "2020-06"),
        ("Q3 2020/21", "2020-12"),
        ("Q3 2020-21", "2020-12"),
        ("Q4 2020/21", "2021-03"),
        ("2020/21", "2021-03"),
        ("2020-02", "2020-02"),
        ("2020-02-14", "2020-02-14"),
        ("Spring 2020", None),
        ("As set by Govt./OPCC", None),
    ],
)
def test_tracker_dates(text: str, expected: str | None) -> None:
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2021", "'31/02/2021' is not a real date: check the day and month"),
        ("2021-13", "'2021-13' is not a real month: the month must be 01 to 12"),
        (
            "Q3 2020",
            "'Q3 2020' is ambiguous: write the financial year, e.g. Q3 2020/21 (October to "
            "December 2020)",
        ),
        (
            "Q3 2020/22",
            "'Q3 2020/22' is not a financial year: write the two years in a row, e.g. Q3 2020/21",
        ),
    ],
)
def test_impossible_dates_are_row_errors(text: str, message: str) -> None:
    with pytest.raises(RowError) as error:
        parse_deadline(text)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ongoing", ReadTarget("ongoing", "Ongoing")),
        ("ongoing", ReadTarget("ongoing", None)),
        ("Feb 2020", ReadTarget("2020-02", "Feb 2020")),
        ("2020-02", ReadTarget("2020-02", None)),
        ("Nov 2019, Nov 2020", ReadTarget(["2019-11", "2020-11"], "Nov 2019, Nov 2020")),
        ("As set by Govt./OPCC", ReadTarget("dependent", "As set by Govt./OPCC")),
        (datetime(2021, 3, 31), ReadTarget("2021-03-31", None)),
        (Month(2020, 12), ReadTarget("2020-12", None)),
        ("", ReadTarget(None, None)),
    ],
)
def test_tracker_targets(cell: Cell, expected: ReadTarget) -> None:
    assert parse_target(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("£5k", ReadCost(Decimal("5000.00"))),
        ("5000", ReadCost(Decimal("5000.00"))),
        (41567.2, ReadCost(Decimal("41567.20"))),
        ("£5,000 - £10,000", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
        ("£5k-10k", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
        ("£20k per year", ReadCost(Decimal("20000.00"), per_year=True)),
        (
            "Estimated at £5k based on current investment",
            ReadCost(Decimal("5000.00"), detail="Estimated at £5k based on current investment"),
        ),
        (
            "Within existing resources",
            ReadCost(Decimal("0.00"), detail="Within existing resources"),
        ),
        ("Nil", None),
        ("-", None),
        ("5,000 - 10,000", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
        ("5 - 10k", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
    ],
)
def test_tracker_costs(cell: Cell, expected: ReadCost | None) -> None:
    assert parse_cost(cell) == expected


def test_a_cost_without_pounds_is_a_row_error() -> None:
    with pytest.raises(RowError) as error:
        parse_cost("5 days of training")
    assert str(error.value) == (
        "cost '5 days of training' is not an amount this can read: write it like £5,000, £5k "
        "or £5k-£10k"
    )


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("£ 2 000", "is not an amount this can read"),  # not £2
        ("£2 500.50", "is not an amount this can read"),  # not £2
        ("£5,00", "is not an amount this can read"),  # not £500
        ("£abc", "is not an amount this can read"),  # not £0
        ("£1,234.567", "has fractions of a penny"),  # not £1,234.56
        ("£5k + £2k", "adds up amounts"),  # not £5,000
        ("£5k + 2k", "adds up amounts"),
    ],
)
def test_a_cost_is_read_whole_or_refused_never_half_read(cell: str, message: str) -> None:
    with pytest.raises(RowError) as error:
        parse_cost(cell)
    assert str(error.value).startswith(f"cost '{cell}' {message}")


def test_an_amount_with_its_breakdown_in_words_is_read() -> None:
    assert parse_cost("£3,750 (5 days at £750)") == ReadCost(
        Decimal("3750.00"), detail="£3,750 (5 days at £750)"
    )
    assert parse_cost("£10k and 2 staff") == ReadCost(
        Decimal("10000.00"), detail="£10k and 2 staff"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6 months", date(2020, 7, 31)),
        ("within 3 months", date(2020, 4, 30)),
        ("1 month", date(2020, 2, 29)),
        ("in 2 years", date(2022, 1, 31)),
        ("six weeks", date(2020, 3, 13)),
        ("12 months' time", date(2021, 1, 31)),
        ("0 months", None),
        ("When funding is agreed", None),
    ],
)
def test_relative_targets_count_from_a_start(text: str, expected: date | None) -> None:
    span = parse_span(text)
    assert (span.after(date(2020, 1, 31)) if span else None) == expected
