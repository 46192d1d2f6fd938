"""`views.outcomes`: figures in their units, sparklines, bars and the CSV row of an indicator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from actionplan.reports.outcomes import (
    plans_outcomes,
)
from actionplan.views.outcomes import format_value, indicator_records, progress_bar, sparkline
from outcome_plans import D, fixture_plan

AS_OF = date(2022, 4, 1)


# --- The fixture, figure by figure -----------------------------------------------------------


def test_fixture_csv_rows() -> None:
    (report,) = plans_outcomes([("f.yaml", fixture_plan())], AS_OF)
    assert indicator_records([report]).csv_rows()[1] == [
        "outcomes-fixture",
        "quality-of-life",
        "survivors",
        "repeat-referrals",
        "Repeat referrals to MARAC",
        "count",
        "lower",
        "120",
        "2021-04-01",
        "104",
        "2022-03-31",
        "80",
        "2023-04-01",
        "100",
        "40.0",
        "improving",
        "off track",
        "2",
    ]


# --- The straight line and "that date" -------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "line"),
    [
        (["45", "52", "55", "61.5"], "▁▄▅█"),
        (["0", "1", "2", "3", "4", "5", "6", "7"], "▁▂▃▄▅▆▇█"),
        (["7", "7", "7"], "▄▄▄"),
        (["3"], "▄"),
        ([], ""),
    ],
)
def test_sparkline(values: list[str], line: str) -> None:
    assert sparkline([D(v) for v in values]) == line


def test_sparkline_draws_the_last_twelve() -> None:
    assert sparkline([Decimal(v) for v in range(20)]) == sparkline(
        [Decimal(v) for v in range(8, 20)]
    )
    assert len(sparkline([Decimal(v) for v in range(20)])) == 12


@pytest.mark.parametrize(
    ("percent", "bar"),
    [
        ("0", "░░░░░░░░░░ 0%"),
        ("53.8", "█████░░░░░ 53.8%"),
        ("99.9", "█████████░ 99.9%"),
        ("100.0", "██████████ 100.0%"),
        ("120.0", "██████████ 120.0%"),
        ("-15.0", "░░░░░░░░░░ -15.0%"),
    ],
)
def test_progress_bar_clamps_the_bar_not_the_figure(percent: str, bar: str) -> None:
    assert progress_bar(D(percent)) == bar


def test_progress_bar_without_progress() -> None:
    assert progress_bar(None) == "—"


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        ("61.5", "percent", "61.5%"),
        ("19500.50", "pounds", "£19,500.50"),
        ("25000", "pounds", "£25,000"),
        ("104", "count", "104"),
        ("6.0", "score", "6.0"),
    ],
)
def test_format_value(value: str, unit: str, text: str) -> None:
    from actionplan.model.plan import Unit

    assert format_value(D(value), Unit(unit)) == text


# --- Filters ---------------------------------------------------------------------------------
