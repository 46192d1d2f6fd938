"""`actionplan owners`: one row per responsible officer, in every format.

The golden files tests/golden/owners-fixture* were checked by hand against
tests/data/status-fixture.yaml as of 2020-03-01 (2.3's "dsa coordinator" grouped with
"DSA Coordinator"; shared actions counted for each owner).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from conftest import DATA, GOLDEN

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

FIXTURE = DATA / "status-fixture.yaml"
AS_OF = ("--as-of", "2020-03-01")


def test_table(run: RunCli) -> None:
    result = run("owners", FIXTURE, *AS_OF)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (GOLDEN / "owners-fixture.txt").read_text(encoding="utf-8")


def test_markdown(run: RunCli) -> None:
    result = run("owners", FIXTURE, *AS_OF, "--format", "markdown", "--soon", "20")
    assert result.stdout == (GOLDEN / "owners-fixture-soon20.md").read_text(encoding="utf-8")


def test_html(run: RunCli) -> None:
    lines = run("owners", FIXTURE, *AS_OF, "--format", "html").stdout.splitlines()
    main = lines.index("<main>")
    as_of = '<time datetime="2020-03-01">1 March 2020</time>'
    # The h1 is the paper's title (the day and the plan); the caption says what the table is.
    assert lines[main + 1 : main + 4] == [
        f"<h1>Owners as of {as_of}: Status fixture plan</h1>",
        "<table>",
        "<caption>Actions by owner</caption>",
    ]
    assert lines[main + 8] == (
        '<tr><td>Communications Manager</td><td class="num">2</td><td class="num">1</td>'
        '<td class="num">1</td><td class="num">0</td>'
        '<td><time datetime="2020-02-29">29 February 2020</time> (1.2)</td></tr>'
    )
    assert lines[-4] == (
        '<p class="note">An action with several owners counts for each. Next target: the '
        "earliest due date among the owner&#x27;s open actions.</p>"
    )


def test_csv(run: RunCli) -> None:
    assert run("owners", FIXTURE, *AS_OF, "--format", "csv").stdout.splitlines() == [
        "owner,actions,done,overdue,due_soon,next_target,next_actions",
        "Communications Manager,2,1,1,0,2020-02-29,status-fixture 1.2",
        "DSA Coordinator,4,0,2,0,2020-02-15,status-fixture 2.1",
        "Education Lead,1,0,0,0,2020-12-31,status-fixture 2.4",
        "Housing Manager,3,0,2,0,2019-11-30,status-fixture 3.4",
        "Public Health Consultant,2,0,0,1,2020-03-20,status-fixture 1.3",
        "Support Services Manager,4,1,0,0,,",
    ]


def test_json(run: RunCli) -> None:
    document = json.loads(run("owners", FIXTURE, *AS_OF, "--format", "json").stdout)
    assert (document["as_of"], document["soon_days"], len(document["owners"])) == (
        "2020-03-01",
        30,
        6,
    )
    assert document["owners"][1] == {
        "owner": "DSA Coordinator",
        "actions": 4,
        "done": 0,
        "overdue": 2,
        "due_soon": 0,
        "next_target": "2020-02-15",
        "next_actions": [{"plan": "status-fixture", "id": "2.1"}],
    }
    assert document["owners"][5]["next_target"] is None


def test_csv_neutralises_an_owner_that_looks_like_a_formula(
    run: RunCli, write_plan: WritePlan
) -> None:
    path = write_plan(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: R
            actions:
              - {id: "1.1", text: A, owners: ["=cmd|' /C calc'!A0"], target: 2020-04}
              - {id: "1.2", text: B, target: 2020-05}
        """
    )
    assert run("owners", path, *AS_OF, "--format", "csv").stdout.splitlines() == [
        "owner,actions,done,overdue,due_soon,next_target,next_actions",
        "'=cmd|' /C calc'!A0,1,0,0,0,2020-04-30,p 1.1",
        "(no owner named),1,0,0,0,2020-05-31,p 1.2",
    ]


def test_a_plan_with_no_actions_says_so(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan("plan: {id: p, title: P, organisation: O, source: S}\n")
    result = run("owners", path, *AS_OF)
    assert (result.exit_code, result.stdout) == (
        0,
        "No actions in these plans, so no owners: add actions with 'owners:'.\n",
    )


SECOND = """
format: 2
plan: {id: second, title: Second plan, organisation: O, source: S}
recommendations:
  - id: "1"
    title: R
    acceptance: accepted
    actions:
      - {id: "1.1", text: A, owners: [Communications Manager], target: 2020-01}
      - {id: "1.2", text: B, owners: [Auditor], target: 2020-06, status: done,
         completed: 2020-02-01}
"""


def test_by_plan_gives_each_plans_owners_and_they_add_up_to_by_person(
    run: RunCli, write_plan: WritePlan
) -> None:
    second = write_plan(SECOND)
    by_plan = run("owners", FIXTURE, second, *AS_OF, "--by", "plan", "-f", "csv")
    assert by_plan.exit_code == 0, by_plan.stderr
    lines = by_plan.stdout.splitlines()
    assert lines[0] == "plan,owner,actions,done,overdue,due_soon,next_target,next_actions"
    assert lines[1] == "status-fixture,Communications Manager,2,1,1,0,2020-02-29,status-fixture 1.2"
    assert lines[-2:] == [
        "second,Auditor,1,1,0,0,,",
        "second,Communications Manager,1,0,1,0,2020-01-31,second 1.1",
    ]
    by_person = run("owners", FIXTURE, second, *AS_OF, "-f", "json").stdout
    totals: dict[str, list[int]] = {}
    for row in json.loads(run("owners", FIXTURE, second, *AS_OF, "--by", "plan", "-f", "json")
                          .stdout)["plans"]:  # fmt: skip
        for owner in row["owners"]:
            sums = totals.setdefault(owner["owner"], [0, 0, 0, 0])
            for i, key in enumerate(("actions", "done", "overdue", "due_soon")):
                sums[i] += owner[key]
    assert {
        o["owner"]: [o["actions"], o["done"], o["overdue"], o["due_soon"]]
        for o in json.loads(by_person)["owners"]
    } == totals
    assert totals["Communications Manager"] == [3, 1, 2, 0]


def test_by_plan_heads_each_plan_in_a_document(run: RunCli, write_plan: WritePlan) -> None:
    second = write_plan(SECOND)
    none = write_plan(SECOND.replace("id: second", "id: none").split("recommendations:")[0]
                      + "recommendations: []\n", "none.yaml")  # fmt: skip
    text = run("owners", FIXTURE, second, none, *AS_OF, "--by", "plan", "-f", "markdown").stdout
    lines = [line for line in text.splitlines() if line.startswith("#") or "No actions" in line]
    assert lines == [
        "# Owners as of 1 March 2020: 3 plans",
        "## Status fixture plan (status-fixture)",
        "### Actions by owner",
        "## Second plan (second)",
        "### Actions by owner",
        "## Second plan (none)",
        "No actions in this plan, so no owners.",
    ]
