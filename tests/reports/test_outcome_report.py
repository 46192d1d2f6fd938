"""The outcome report: progress, trend, on/off track, sparklines and bars, with exact figures."""

from __future__ import annotations

from datetime import date

import pytest

from actionplan.model.plan import Audience, Better, Measure
from actionplan.reports.outcomes import (
    OutcomeFilterError,
    Track,
    Trend,
    expected_value,
    indicator_status,
    plans_outcomes,
    progress_percent,
    trend,
)
from outcome_plans import D, fixture_plan, indicator

AS_OF = date(2022, 4, 1)


# --- The fixture, figure by figure -----------------------------------------------------------


def test_fixture_figures_as_of_2022_04_01() -> None:
    plan = fixture_plan()
    got = {
        s.indicator.id: (
            s.latest and str(s.latest.value),
            s.expected and str(s.expected),
            s.progress and str(s.progress),
            s.trend and s.trend.value,
            s.track.value,
        )
        for o in plan.outcomes
        for s in (indicator_status(i, AS_OF) for i in o.indicators)
    }
    assert got == {
        # (61.5 - 40) / (80 - 40) = 53.75% → 53.8; halfway on the line: 60.
        "qol-improved": ("61.5", "60", "53.8", "improving", "on track"),
        # lower is better: (120 - 104) / (120 - 80) = 40%; 104 is above the expected 100.
        "repeat-referrals": ("104", "100", "40.0", "improving", "off track"),
        # 7.2 → 6.8 is worsening; 6.8 is short of the expected 7.0.
        "gp-confidence": ("6.8", "7.0", "40.0", "worsening", "off track"),
        # one measurement: no trend; (19500.50 - 10000) / 15000 = 63.336…% → 63.3.
        "training-income": ("19500.50", "17500", "63.3", None, "on track"),
        "children-completing": (None, "25", None, None, "no data"),
        "children-wellbeing": ("21", None, None, "flat", "no target"),
    }


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2020, 12, 1), "100"),  # before the baseline: the baseline
        (date(2021, 1, 1), "100"),
        (date(2021, 1, 4), "130"),
        (date(2021, 1, 11), "200"),
        (date(2022, 1, 1), "200"),  # after the target date: the target
    ],
)
def test_expected_value_on_the_line(on: date, expected: str) -> None:
    line = indicator()
    assert line.baseline is not None and line.target is not None
    assert expected_value(line.baseline, line.target, on) == D(expected)


def test_expected_value_with_target_before_baseline_does_not_divide_by_zero() -> None:
    baseline = Measure.model_validate({"value": "10", "date": "2021-01-01"})
    target = Measure.model_validate({"value": "20", "date": "2021-01-01"})
    assert expected_value(baseline, target, date(2021, 1, 1)) == D("20")


@pytest.mark.parametrize(
    ("better", "latest", "track"),
    [
        ("higher", "150", Track.ON_TRACK),  # exactly on the line on 2021-01-06
        ("higher", "149.9", Track.OFF_TRACK),
        ("higher", "150.1", Track.ON_TRACK),
        ("lower", "150", Track.ON_TRACK),  # line 200 → 100: on the line
        ("lower", "150.1", Track.OFF_TRACK),
        ("lower", "149.9", Track.ON_TRACK),
    ],
)
def test_on_the_line_is_on_track(better: str, latest: str, track: Track) -> None:
    if better == "lower":
        made = indicator(
            better, [("2021-01-06", latest)], ("200", "2021-01-01"), ("100", "2021-01-11")
        )
    else:
        made = indicator(better, [("2021-01-06", latest)])
    assert indicator_status(made, date(2021, 1, 6)).track is track


def test_the_line_is_read_on_the_as_of_date_not_the_measurement_date() -> None:
    made = indicator(measurements=[("2021-01-06", "150")])
    on_the_day = indicator_status(made, date(2021, 1, 6))
    three_days_on = indicator_status(made, date(2021, 1, 9))
    assert (on_the_day.expected, on_the_day.track) == (D("150"), Track.ON_TRACK)
    assert (three_days_on.expected, three_days_on.track) == (D("180"), Track.OFF_TRACK)


def test_measurements_after_the_as_of_date_do_not_count() -> None:
    made = indicator(measurements=[("2021-01-02", "110"), ("2021-01-08", "190")])
    status = indicator_status(made, date(2021, 1, 5))
    assert [str(m.value) for m in status.measurements] == ["110"]
    assert (status.track, status.trend) == (Track.OFF_TRACK, None)
    assert indicator_status(made, date(2020, 12, 31)).track is Track.NO_DATA


def test_no_data_no_target_no_baseline() -> None:
    assert indicator_status(indicator(), AS_OF).track is Track.NO_DATA
    assert indicator_status(indicator(), AS_OF).progress is None
    no_target = indicator(measurements=[("2021-01-02", "5")], target=None)
    assert indicator_status(no_target, AS_OF).track is Track.NO_TARGET
    no_baseline = indicator(measurements=[("2021-01-02", "5")], baseline=None)
    status = indicator_status(no_baseline, AS_OF)
    assert (status.track, status.progress, status.expected) == (Track.NO_BASELINE, None, None)


# --- Progress, trend, pictures ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "percent"),
    [
        ("40", "80", "61.5", "53.8"),
        ("120", "80", "104", "40.0"),  # lower is better: (120 - 104) / (120 - 80)
        ("40", "80", "88", "120.0"),  # past the target: not capped
        ("120", "80", "126", "-15.0"),  # worse than the baseline: negative
        ("0", "3", "1", "33.3"),
        ("0", "3", "2", "66.7"),
        ("50", "50", "60", None),  # a target equal to the baseline: no percentage
    ],
)
def test_progress_percent(baseline: str, target: str, latest: str, percent: str | None) -> None:
    result = progress_percent(D(baseline), D(target), D(latest))
    assert (str(result) if result is not None else None) == percent


@pytest.mark.parametrize(
    ("values", "better", "expected"),
    [
        (["1", "2"], Better.HIGHER, Trend.IMPROVING),
        (["2", "1"], Better.HIGHER, Trend.WORSENING),
        (["2", "1"], Better.LOWER, Trend.IMPROVING),
        (["1", "2"], Better.LOWER, Trend.WORSENING),
        (["5", "1", "1"], Better.HIGHER, Trend.FLAT),  # only the latest change counts
        (["1", "9", "5"], Better.HIGHER, Trend.WORSENING),
        (["3"], Better.HIGHER, None),
        ([], Better.HIGHER, None),
    ],
)
def test_trend(values: list[str], better: Better, expected: Trend | None) -> None:
    assert trend([D(v) for v in values], better) is expected


def test_filters() -> None:
    plans = [("f.yaml", fixture_plan())]
    by_id = plans_outcomes(plans, AS_OF, outcome_id="children")
    assert [o.outcome.id for o in by_id[0].outcomes] == ["children"]
    by_audience = plans_outcomes(plans, AS_OF, audience=Audience.HEALTH_PROFESSIONALS)
    assert [o.outcome.id for o in by_audience[0].outcomes] == ["professional-response"]
    assert [kind for kind, _ in by_id[0].outcomes[0].served_by] == ["project", "action"]


def test_filters_that_match_nothing_say_what_there_is() -> None:
    plans = [("f.yaml", fixture_plan())]
    with pytest.raises(OutcomeFilterError) as error:
        plans_outcomes(plans, AS_OF, outcome_id="chidlren")
    assert str(error.value) == (
        "no outcome 'chidlren' in these plans: give one of their outcome ids "
        "(quality-of-life, professional-response, children)"
    )
    with pytest.raises(OutcomeFilterError) as error:
        plans_outcomes(plans, AS_OF, audience=Audience.PERPETRATORS)
    assert str(error.value) == (
        "no outcome in these plans is for perpetrators: their outcomes are for children, "
        "health-professionals, professionals, survivors"
    )
