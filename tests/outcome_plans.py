"""The outcomes fixture and indicators built in one line, for the tests of the outcome report
and of its views."""

from __future__ import annotations

from decimal import Decimal

from actionplan.load import load_plan
from actionplan.model.plan import Indicator, PlanFile
from conftest import DATA


def fixture_plan() -> PlanFile:
    loaded, findings = load_plan(DATA / "outcomes-fixture.yaml")
    assert loaded is not None and findings == []
    return loaded.plan


def indicator(
    better: str = "higher",
    measurements: list[tuple[str, str]] | None = None,
    baseline: tuple[str, str] | None = ("100", "2021-01-01"),
    target: tuple[str, str] | None = ("200", "2021-01-11"),
    unit: str = "count",
) -> Indicator:
    """An indicator whose line runs 100 → 200 over ten days: expected = 100 + 10 per day."""
    return Indicator.model_validate(
        {
            "id": "i",
            "name": "Test",
            "unit": unit,
            "better": better,
            "baseline": {"value": baseline[0], "date": baseline[1]} if baseline else None,
            "target": {"value": target[0], "date": target[1]} if target else None,
            "measurements": [{"date": d, "value": v} for d, v in measurements or []],
        }
    )


def D(text: str) -> Decimal:
    return Decimal(text)
