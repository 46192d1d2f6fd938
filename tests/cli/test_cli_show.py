"""`actionplan show ID`: a recommendation or an action in full, in every format; lookups.

The golden files tests/golden/show-fixture-* were checked by hand against
tests/data/status-fixture.yaml as of 2020-03-01.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import DATA, GOLDEN, ROOT

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

FIXTURE = DATA / "status-fixture.yaml"
AS_OF = ("--as-of", "2020-03-01")


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("ident", "args", "name"),
    [
        ("2.1", (), "show-fixture-2.1.txt"),
        ("3", ("--format", "markdown"), "show-fixture-3.md"),
        ("3.5", ("--format", "json"), "show-fixture-3.5.json"),
    ],
)
def test_show_matches_its_golden_file(
    run: RunCli, ident: str, args: tuple[str, ...], name: str
) -> None:
    result = run("show", ident, FIXTURE, *AS_OF, *args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == golden(name)


def test_action_with_no_progress_as_csv(run: RunCli) -> None:
    result = run("show", "2.4", FIXTURE, *AS_OF, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "item,field,value",
        "action 2.4,Plan,status-fixture (Status fixture plan)",
        "action 2.4,Recommendation,2 — Train professionals",
        "action 2.4,What,Offer training to school governors",
        "action 2.4,Owner(s),Education Lead",
        "action 2.4,Target,2020-12",
        "action 2.4,Due,2020-12-31",
        "action 2.4,Status,not-started",
        'action 2.4,RAG,"AMBER — stale: no progress update since 2019-10-01, 152 days ago '
        '(90 or more)"',
        "action 2.4,Overdue,no",
        "action 2.4,Last update,none",
        "action 2.4,Progress,none recorded",
    ]


def test_recommendation_csv_has_its_costs_and_each_actions_history(run: RunCli) -> None:
    lines = run("show", "3", FIXTURE, *AS_OF, "--format", "csv").stdout.splitlines()
    assert lines[:6] == [
        "item,field,value",
        "recommendation 3,Plan,status-fixture (Status fixture plan)",
        "recommendation 3,Theme,Support for survivors (support)",
        "recommendation 3,Accepted,yes",
        "recommendation 3,Text,Keep specialist support available to every survivor who needs it.",
        'recommendation 3,Actions,"1 of 7 actions done, 1 dropped, worst RED"',
    ]
    assert "recommendation 3,Costs,Cost: Total; Amount: £17,000 to £22,000" in [
        line.replace('"', "") for line in lines
    ]
    assert (
        "action 3.7,Progress,Date: 2020-01-30; Status: dropped; Note: Dropped at the January board"
    ) in lines


def test_html_escapes_plan_text(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: "<script>alert(1)</script>"
            actions:
              - {id: "1.1", text: "Tom & Jerry <b>", target: ongoing}
        """
    )
    result = run("show", "1", path, *AS_OF, "--format", "html")
    assert result.exit_code == 0
    assert "<script>" not in result.stdout and "<b>" not in result.stdout
    assert "<title>Recommendation 1: &lt;script&gt;alert(1)&lt;/script&gt;</title>" in result.stdout
    assert "<main>\n<h1>Recommendation 1: &lt;script&gt;alert(1)&lt;/script&gt;</h1>\n" in (
        result.stdout
    )
    assert "<li>What: Tom &amp; Jerry &lt;b&gt;</li>" in result.stdout


def test_unknown_id_suggests_close_ones(run: RunCli) -> None:
    result = run("show", "3.9", FIXTURE, *AS_OF)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: no recommendation or action has id '3.9' in plan status-fixture: "
        "did you mean 3.7, 3.6, 3.5?\n"
    )


def test_ambiguous_id_lists_the_candidates_and_plan_chooses(
    run: RunCli, write_plan: WritePlan
) -> None:
    other = write_plan(
        """
        plan: {id: other, title: Other plan, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: Elsewhere
            actions:
              - {id: "1.2", text: Same id in another plan, target: 2020-06}
        """
    )
    result = run("show", "1.2", FIXTURE, other, *AS_OF)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: '1.2' names 2 things: action 1.2 in plan status-fixture; action 1.2 in plan "
        "other. Add --plan PLAN_ID to choose one\n",
    )
    chosen = run("show", "1.2", FIXTURE, other, *AS_OF, "--plan", "other", "--format", "json")
    assert chosen.exit_code == 0
    document = json.loads(chosen.stdout)
    assert (document["plan"], document["kind"], document["action"]["text"]) == (
        "other",
        "action",
        "Same id in another plan",
    )
    by_file = run("show", "1.2", FIXTURE, other, *AS_OF, "--plan", other, "--format", "json")
    assert json.loads(by_file.stdout)["plan"] == "other"  # as update takes it: id or file
    wrong = run("show", "1.2", FIXTURE, other, *AS_OF, "--plan", "nope")
    assert (wrong.exit_code, wrong.stderr) == (
        1,
        "Error: no plan with id 'nope': the plans loaded are status-fixture, other\n",
    )


def test_recommendation_json_has_every_action_with_its_status(run: RunCli) -> None:
    document = json.loads(run("show", "2", FIXTURE, *AS_OF, "--format", "json").stdout)
    assert (document["kind"], document["recommendation"]["title"]) == (
        "recommendation",
        "Train professionals",
    )
    first = document["recommendation"]["actions"][0]
    assert first["revisions"] == [
        {
            "date": "2020-01-20",
            "target": "2020-02-15",
            "reason": "Trainer unavailable in December",
            "by": "DSA Coordinator",
        }
    ]
    assert first["as_of_status"] == {
        "status": "in-progress",
        "target": "2020-02-15",
        "original_target": "Dec 2019",
        "slippage_days": 46,
        "due_date": "2020-02-15",
        "rag": "red",
        "rag_reason": "overdue: due 2020-02-15, 15 days ago",
        "overdue": True,
        "days_overdue": 15,
        "last_update": "2020-01-20",
    }


def test_output_file(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "show.txt"
    result = run("show", "2.1", FIXTURE, *AS_OF, "--output", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == golden("show-fixture-2.1.txt")
    assert "\x1b" not in target.read_text(encoding="utf-8")


def test_json_gives_the_status_even_when_the_plan_leaves_out_not_started(run: RunCli) -> None:
    document = json.loads(run("show", "2.4", FIXTURE, *AS_OF, "--format", "json").stdout)
    assert "status" not in document["action"]  # the action as the plan writes it
    assert document["action"]["as_of_status"]["status"] == "not-started"


def test_plan_given_as_a_file_that_was_not_read_says_so(run: RunCli) -> None:
    result = run("show", "2.1", ROOT / "plans", *AS_OF, "--plan", FIXTURE)
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --plan {FIXTURE} is a file, but not one of the plans read "
        f"({ROOT / 'plans' / 'southampton-domestic-abuse-2019.yaml'}, "
        f"{ROOT / 'plans' / 'southwark-domestic-abuse-strategy-2015.yaml'}): give it as a path "
        "too, or give the plan's id\n",
    )
