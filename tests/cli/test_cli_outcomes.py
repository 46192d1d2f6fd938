"""`actionplan outcomes`: every format on the fixture, the Southwark plan, filters and errors.

The golden files under tests/golden/outcomes-fixture.* were checked by hand against the figures
in tests/data/outcomes-fixture.yaml (see test_outcome_report.py for the arithmetic).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import GOLDEN, ROOT

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

FIXTURE = "tests/data/outcomes-fixture.yaml"
SOUTHWARK = "plans/southwark-domestic-abuse-strategy-2015.yaml"


@pytest.fixture(autouse=True)
def _in_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository root so paths in the output are the same everywhere."""
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("format", "golden"),
    [
        ("table", "outcomes-fixture.txt"),
        ("markdown", "outcomes-fixture.md"),
        ("html", "outcomes-fixture.html"),
        ("json", "outcomes-fixture.json"),
    ],
)
def test_every_format_matches_its_golden_file(run: RunCli, format: str, golden: str) -> None:
    result = run("outcomes", FIXTURE, "--as-of", "2022-04-01", "--format", format)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_table_lines(run: RunCli) -> None:
    lines = run("outcomes", FIXTURE, "--as-of", "2022-04-01").stdout.splitlines()
    assert (
        lines[0] == "Outcomes fixture (tests/data/outcomes-fixture.yaml): outcomes as of 2022-04-01"
    )
    assert lines[6:8] == [
        "| Service users reporting       | 40%        | 61.5%      | 80%        |    ≥ 60% | "
        "█████░░░░░ | improving | on track  |",
        "| improved quality of life      | 2021-04-01 | 2022-03-31 | 2023-04-01 |          | "
        "53.8%      | ▁▄▅█      |           |",
    ]
    assert "\x1b[" not in "\n".join(lines)  # no colour when piped


def test_csv(run: RunCli) -> None:
    result = run("outcomes", FIXTURE, "--as-of", "2022-04-01", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "plan,outcome,for,indicator,name,unit,better,baseline,baseline_date,latest,latest_date,"
        "target,target_date,expected,progress_percent,trend,status,measurements",
        "outcomes-fixture,quality-of-life,survivors,qol-improved,Service users reporting "
        "improved quality of life,percent,higher,40,2021-04-01,61.5,2022-03-31,80,2023-04-01,"
        "60,53.8,improving,on track,4",
        "outcomes-fixture,quality-of-life,survivors,repeat-referrals,Repeat referrals to MARAC,"
        "count,lower,120,2021-04-01,104,2022-03-31,80,2023-04-01,100,40.0,improving,off track,2",
        "outcomes-fixture,professional-response,professionals health-professionals,gp-confidence,"
        "GP confidence in asking about abuse,score,higher,6.0,2021-04-01,6.8,2022-03-01,8.0,"
        "2023-04-01,7,40.0,worsening,off track,3",
        "outcomes-fixture,professional-response,professionals health-professionals,"
        "training-income,Income from training sold to partners,pounds,higher,10000,2021-04-01,"
        "19500.50,2022-02-15,25000,2023-04-01,17500,63.3,,on track,1",
        "outcomes-fixture,children,children,children-completing,Children completing the "
        "therapeutic programme,count,higher,0,2021-04-01,,,50,2023-04-01,25,,,no data,0",
        "outcomes-fixture,children,children,children-wellbeing,Children's wellbeing score,"
        "score,higher,,,21,2022-03-01,,,,,flat,no target,2",
    ]


def test_json_values_are_exact_decimal_text(run: RunCli) -> None:
    document = json.loads(run("outcomes", FIXTURE, "--as-of", "2022-04-01", "-f", "json").stdout)
    income = document["plans"][0]["outcomes"][1]["indicators"][1]
    assert income["latest"] == {"value": "19500.50", "date": "2022-02-15"}
    assert (income["progress_percent"], income["trend"], income["status"]) == (
        "63.3",
        None,
        "on track",
    )


def test_as_of_changes_the_status(run: RunCli) -> None:
    """A year on, with no new figures, the on-track indicators have fallen behind the line."""
    result = run("outcomes", FIXTURE, "--as-of", "2023-04-01", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["indicator"], r["expected"], r["status"]) for r in rows] == [
        ("qol-improved", "80", "off track"),
        ("repeat-referrals", "80", "off track"),
        ("gp-confidence", "8", "off track"),
        ("training-income", "25000", "off track"),
        ("children-completing", "50", "no data"),
        ("children-wellbeing", "", "no target"),
    ]


def test_filters(run: RunCli) -> None:
    by_id = run("outcomes", FIXTURE, "--as-of", "2022-04-01", "--outcome", "children", "-f", "csv")
    assert [r["indicator"] for r in csv.DictReader(io.StringIO(by_id.stdout))] == [
        "children-completing",
        "children-wellbeing",
    ]
    by_who = run("outcomes", FIXTURE, "--as-of", "2022-04-01", "--for", "health-professionals")
    titles = [line for line in by_who.stdout.splitlines() if line.startswith("Outcome ")]
    assert titles == [
        "Outcome professional-response: Professionals recognise abuse and refer (for "
        "professionals, health-professionals)"
    ]


def test_unknown_outcome_is_an_error_naming_the_choices(run: RunCli) -> None:
    result = run("outcomes", FIXTURE, "--as-of", "2022-04-01", "--outcome", "qol")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: no outcome 'qol' in these plans: give one of their outcome ids "
        "(quality-of-life, professional-response, children)\n"
    )


def test_output_writes_the_file(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "outcomes.md"
    result = run("outcomes", FIXTURE, "--as-of", "2022-04-01", "-f", "markdown", "-o", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "outcomes-fixture.md").read_text(
        encoding="utf-8"
    )


def test_a_plan_with_no_outcomes_says_so(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(
        """
        plan:
          id: bare
          title: Bare plan
          organisation: Example Council
          source: Written for this test
        """
    )
    result = run("outcomes", path, "--as-of", "2022-04-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"Bare plan ({path}): no outcomes declared."


# --- The Southwark plan ----------------------------------------------------------------------


def test_southwark_plan_lints_clean(run: RunCli) -> None:
    result = run("lint", SOUTHWARK, "--as-of", "2020-03-31")
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems\n")


def test_southwark_shows_every_declared_indicator_with_no_data(run: RunCli) -> None:
    result = run("outcomes", SOUTHWARK, "--as-of", "2020-03-31", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # The one measure the source names: "how many people would improve their quality of life".
    assert [(r["outcome"], r["indicator"], r["latest"], r["status"]) for r in rows] == [
        ("quality-of-life", "quality-of-life-improved", "", "no data"),
    ]


def test_southwark_table_never_shows_zero_for_no_data(run: RunCli) -> None:
    result = run("outcomes", SOUTHWARK, "--as-of", "2020-03-31", "--outcome", "quality-of-life")
    assert result.stdout.splitlines()[2:9] == [
        "Outcome quality-of-life: Survivors' quality of life improves through their contact "
        "with the service (for survivors)",
        "+------------------------------------------------+----------+---------+--------+"
        "----------+----------+-------+---------+",
        "| Indicator                                      | Baseline | Latest  | Target | "
        "Expected | Progress | Trend | Status  |",
        "+------------------------------------------------+----------+---------+--------+"
        "----------+----------+-------+---------+",
        "| People whose quality of life improved as a     | —        | no data | —      | "
        "       — | —        | —     | no data |",
        "| result of their interaction with the service   |          |         |        | "
        "         |          |       |         |",
        "+------------------------------------------------+----------+---------+--------+"
        "----------+----------+-------+---------+",
    ]
    children = run("outcomes", SOUTHWARK, "--as-of", "2020-03-31", "--outcome", "children")
    lines = children.stdout.splitlines()
    assert lines[6] == (
        "| no indicators declared | —        | —      | —      |        — | —        | —     "
        "| —      |"
    )
    assert lines[8] == "Services: Children's therapeutic intervention."


def test_southwark_services_and_projects_serve_each_outcome(run: RunCli) -> None:
    document = json.loads(run("outcomes", SOUTHWARK, "--as-of", "2020-03-31", "-f", "json").stdout)
    served = {
        o["id"]: [f"{s['kind']}: {s['name']}" for s in o["served_by"]]
        for o in document["plans"][0]["outcomes"]
    }
    assert served["prevention"] == [
        "project: #oktotalk",
        "project: DA community champions programme",
    ]
    assert served["perpetrator-behaviour"] == [
        "service: A new perpetrator intervention",
        "project: DA community champions programme",
    ]
    assert len(served["quality-of-life"]) == 8
    # In the source's order; only quality-of-life names a measure.
    outcomes = document["plans"][0]["outcomes"]
    assert [(o["id"], len(o["indicators"])) for o in outcomes] == [
        ("perpetrator-behaviour", 0),
        ("professionals-trained", 0),
        ("health-professionals", 0),
        ("children", 0),
        ("quality-of-life", 1),
        ("prevention", 0),
    ]
