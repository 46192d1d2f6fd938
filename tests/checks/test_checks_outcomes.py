"""Lint rules on outcomes and indicators (AP301-AP306, AP351), as whole output lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

HEADER = """
plan:
  id: demo
  title: Demo plan
  organisation: Demo Council
  source: Written for this test
"""


def lint(write_plan: WritePlan, run: RunCli, body: str, *args: str) -> tuple[int, list[str]]:
    path = write_plan(HEADER + body)
    result = run("lint", path, *args)
    return result.exit_code, [line.replace(f"{path}:", "") for line in result.stdout.splitlines()]


def test_ap301_links_to_undeclared_outcomes(write_plan: WritePlan, run: RunCli) -> None:
    code, lines = lint(
        write_plan,
        run,
        """
outcomes:
  - id: quality-of-life
    title: Better lives
  - id: children
    title: Children recover
recommendations:
  - id: "1"
    title: Support
    outcomes: [quality-of-lfe]
    actions:
      - id: "1.1"
        text: Commission advocacy
        outcomes: [children, safety]
services:
  - id: advocacy
    name: Advocacy
    outcomes: [children]
projects:
  - id: oktotalk
    name: "#oktotalk"
    outcomes: [prevention]
""",
    )
    assert code == 1
    assert lines == [
        "15:16: error AP301 recommendation 1 serves outcome 'quality-of-lfe', which is not "
        "declared under outcomes: did you mean 'quality-of-life'?",
        "19:30: error AP301 action 1.1 serves outcome 'safety', which is not declared under "
        "outcomes: use one of the declared outcome ids: quality-of-life, children",
        "27:16: error AP301 project oktotalk serves outcome 'prevention', which is not declared "
        "under outcomes: use one of the declared outcome ids: quality-of-life, children",
        "1 file checked: 3 errors, 0 warnings",
    ]


def test_ap301_when_no_outcomes_are_declared(write_plan: WritePlan, run: RunCli) -> None:
    _code, lines = lint(
        write_plan,
        run,
        """
services:
  - id: advocacy
    name: Advocacy
    outcomes: [safety]
""",
    )
    assert lines[0] == (
        "10:16: error AP301 service advocacy serves outcome 'safety', which is not declared "
        "under outcomes: the plan declares no outcomes: add it under 'outcomes:'"
    )


def test_ap302_to_ap306_indicator_figures(write_plan: WritePlan, run: RunCli) -> None:
    code, lines = lint(
        write_plan,
        run,
        """
outcomes:
  - id: o
    title: An outcome
    indicators:
      - id: referrals
        name: Repeat referrals
        unit: count
        better: lower
        baseline: {value: 120, date: 2021-04-01}
        target: {value: 140, date: 2021-04-01}
        measurements:
          - {date: 2021-10-01, value: 118}
          - {date: 2021-07-01, value: 12.5}
      - id: satisfaction
        name: Satisfied service users
        unit: percent
        baseline: {value: 40, date: 2021-04-01}
        target: {value: 80, date: 2023-04-01}
        measurements:
          - {date: 2021-10-01, value: 105}
      - id: income
        name: Income
        unit: pounds
        measurements:
          - {date: 2021-10-01, value: 10.505}
      - id: wellbeing
        name: Wellbeing score
        unit: score
        baseline: {value: 10, date: 2021-04-01}
        target: {value: 10, date: 2022-04-01}
        measurements:
          - {date: 2021-10-01, value: -3.25}
""",
    )
    assert code == 1
    assert lines == [
        "16:25: error AP306 indicator referrals: lower is better, but the target 140 is above "
        "the baseline 120: correct 'better' or the values",
        "16:36: error AP304 indicator referrals: target date 2021-04-01 is not after the "
        "baseline date 2021-04-01: the target is when the indicator should reach its target "
        "value, after the baseline was measured",
        "19:20: error AP302 indicator referrals: the measurement dated 2021-07-01 is listed "
        "after one dated 2021-10-01: list measurements oldest first, newest last",
        "19:39: error AP303 indicator referrals: a count must be a whole number of 0 or more, "
        "not 12.5: correct the value, or use unit 'score' for a figure that can have decimals",
        "26:39: error AP305 indicator satisfaction: 105% is outside 0-100: write a percentage "
        "as a number from 0 to 100 (62.5 for 62.5%), or use another unit",
        "31:39: error AP303 indicator income: an amount in pounds must be 0 or more with at "
        "most two decimal places, not 10.505",
        "1 file checked: 6 errors, 0 warnings",
    ]


def test_ap351_measurement_after_the_as_of_date_only_with_as_of(
    write_plan: WritePlan, run: RunCli
) -> None:
    body = """
outcomes:
  - id: o
    title: An outcome
    indicators:
      - id: calls
        name: Calls to the helpline
        unit: count
        measurements:
          - {date: 2202-03-31, value: 10}
"""
    assert lint(write_plan, run, body) == (0, ["1 file checked: no problems"])
    assert lint(write_plan, run, body, "--as-of", "2022-04-01") == (
        1,
        [
            "15:20: error AP351 indicator calls: measurement dated 2202-03-31, after the as-of "
            "date 2022-04-01: check the year",
            "1 file checked: 1 error, 0 warnings",
        ],
    )
