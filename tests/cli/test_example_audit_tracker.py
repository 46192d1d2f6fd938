"""Every command on examples/internal-audit-tracker.yaml, the format-2 example, as of 2026-11-30.

The figures were worked out by hand from the file. As of 2026-11-30 (due soon: within 30 days;
stale: no progress for 90 days):

- done: 1.1, 2.1 (completed not-recorded), 4.2, 7.1; dropped: 2.3 (risk accepted), 3.2
  (superseded by 3.3); blocked: 3.4; not-started: 4.1; in-progress: the other eight.
- overdue: 1.2 (revised from 2026-06 to 2026-09, due 2026-09-30: 61 days) and 3.1 (due
  2026-10-31: 30 days); due soon: 3.3 (2026-12-15); stale: 5.2 (last update 2026-06-15).
- RED 1.2, 3.1, 3.4 (blocked); AMBER 3.3, 5.2; GREEN 2.2, 4.1 (its funding route's 2027-04),
  5.1, 6.1 (ongoing), 7.2 (due 2026-12-31, 31 days away); COMPLETE and DROPPED as above.
- costs: £1,500 (to £2,500) + £18,500 + £3,900 one-off, £4,200 a year: £28,100 (to £29,100).
- days to pay: baseline 34 (2025-03-31), target 25 (2027-03-31), latest 27 (2026-09-30); the
  straight line is at 34 - 9 × 609/730 = 26.49 on 2026-11-30, so 27 is off track; progress
  7/9 = 77.8%.
- recommendation 8 (not accepted) has no actions, so status counts 7 recommendations.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from actionplan.load import load_plan
from conftest import ROOT

if TYPE_CHECKING:
    from conftest import RunCli

EXAMPLE = ROOT / "examples" / "internal-audit-tracker.yaml"
AS_OF = ("--as-of", "2026-11-30")

HEADLINE = [
    "By status: 1 not-started, 8 in-progress, 4 done, 1 blocked, 2 dropped",
    "By RAG: 3 RED, 2 AMBER, 5 GREEN, 4 COMPLETE, 2 DROPPED",
    "Overdue: 2 (1.2, 3.1)",
    "Due in the next 30 days: 1 (3.3 on 2026-12-15)",
]
# A document (Markdown, HTML, Word) writes its dates in words.
IN_WORDS = [*HEADLINE[:3], "Due in the next 30 days: 1 (3.3 on 15 December 2026)"]
RAG = {
    "1.1": "complete",
    "1.2": "red",
    "2.1": "complete",
    "2.2": "green",
    "2.3": "dropped",
    "3.1": "red",
    "3.2": "dropped",
    "3.3": "amber",
    "3.4": "red",
    "4.1": "green",
    "4.2": "complete",
    "5.1": "green",
    "5.2": "amber",
    "6.1": "green",
    "7.1": "complete",
    "7.2": "green",
}
STATUS = {
    "1.1": "done",
    "1.2": "in-progress",
    "2.1": "done",
    "2.2": "in-progress",
    "2.3": "dropped",
    "3.1": "in-progress",
    "3.2": "dropped",
    "3.3": "in-progress",
    "3.4": "blocked",
    "4.1": "not-started",
    "4.2": "done",
    "5.1": "in-progress",
    "5.2": "in-progress",
    "6.1": "in-progress",
    "7.1": "done",
    "7.2": "in-progress",
}


def ok(run: RunCli, *args: str | Path) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def as_json(run: RunCli, *args: str | Path) -> Any:
    return json.loads(ok(run, *args, "--format", "json"))


def test_lint_is_clean_even_strict(run: RunCli) -> None:
    result = run("lint", EXAMPLE, *AS_OF, "--strict")
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems\n")


def test_the_example_is_format_2_and_uses_what_format_2_adds() -> None:
    loaded, findings = load_plan(EXAMPLE)
    assert loaded is not None and findings == []
    plan = loaded.plan
    assert plan.version == 2
    assert (plan.plan.kind, plan.plan.owned_by) == (
        "audit-tracker",
        "Audit and Governance Committee",
    )
    recs = {rec.id: rec for rec in plan.recommendations}
    assert [rec.acceptance_word for rec in plan.recommendations] == [
        "accepted",
        "partially-accepted",
        "accepted",
        "accepted-in-principle",
        "accepted",
        "noted",
        "accepted",
        "not-accepted",
    ]
    assert all(rec.response for rec in plan.recommendations)
    assert recs["5"].exempt is not None and recs["5"].exempt.paragraph == "3"
    closures = {a.id: a.closure.kind.value for _, a in plan.actions() if a.closure is not None}
    assert closures == {
        "1.1": "implemented",
        "2.3": "risk-accepted",
        "3.2": "superseded",
        "4.2": "implemented",
    }
    actions = {a.id: a for _, a in plan.actions()}
    assert actions["2.1"].completed_on is None and actions["2.1"].completed is not None
    assert actions["6.1"].owners == () and actions["6.1"].no_owner is not None
    assert [r.route for r in actions["4.1"].funding] == [
        "Capital programme bid 2027/28",
        "ICT earmarked reserve",
    ]


def test_status_table_headline(run: RunCli) -> None:
    lines = ok(run, "status", EXAMPLE, *AS_OF).splitlines()
    assert lines[0] == "Status as of 2026-11-30: 16 actions in 7 recommendations"
    assert lines[2:6] == [f"  {line}" for line in HEADLINE]
    # The slipped target and the days overdue, on the two lines under the action's own.
    at = lines.index("1.2  Remove payroll system access from staff who no longer need…")
    assert "Target: 2026-09 (was June 2026, slipped 92 days)" in lines[at + 1]
    assert "Overdue: 61 days · Last update: 2026-10-15" in lines[at + 2]


def test_status_json_counts_every_action(run: RunCli) -> None:
    data = as_json(run, "status", EXAMPLE, *AS_OF)
    summary = data["summary"]
    assert (summary["recommendations"], summary["actions"], summary["overdue"]) == (7, 16, 2)
    assert summary["by_status"] == {
        "not-started": 1,
        "in-progress": 8,
        "done": 4,
        "blocked": 1,
        "dropped": 2,
    }
    assert summary["by_rag"] == {"red": 3, "amber": 2, "green": 5, "complete": 4, "dropped": 2}
    assert summary["due_soon"] == [
        {"plan": "exampleton-audit-tracker", "id": "3.3", "due_date": "2026-12-15"}
    ]
    actions = {a["id"]: a for a in data["actions"]}
    assert {i: a["rag"] for i, a in actions.items()} == RAG
    assert {i: a["status"] for i, a in actions.items()} == STATUS
    assert {i: a["days_overdue"] for i, a in actions.items() if a["overdue"]} == {
        "1.2": 61,
        "3.1": 30,
    }
    assert actions["1.2"]["due_date"] == "2026-09-30"
    assert actions["4.1"]["due_date"] == "2027-04-30"  # from its dated funding route
    assert actions["2.1"]["last_update"] is None  # its one update has no recorded date


def test_status_overdue_filter(run: RunCli) -> None:
    data = as_json(run, "status", EXAMPLE, *AS_OF, "--overdue")
    assert [a["id"] for a in data["actions"]] == ["1.2", "3.1"]


def test_status_csv_has_a_row_per_action(run: RunCli) -> None:
    rows = list(csv.DictReader(io.StringIO(ok(run, "status", EXAMPLE, *AS_OF, "-f", "csv"))))
    assert [r["id"] for r in rows] == list(STATUS)
    assert {r["id"]: r["status"] for r in rows} == STATUS
    assert {r["id"]: r["days_overdue"] for r in rows if r["overdue"] == "yes"} == {
        "1.2": "61",
        "3.1": "30",
    }
    assert {r["id"]: r["original_target"] for r in rows if r["slippage_days"] != "0"} == {
        "1.2": "June 2026"
    }


def test_status_markdown_and_html_headline(run: RunCli) -> None:
    markdown = ok(run, "status", EXAMPLE, *AS_OF, "-f", "markdown", "--include-exempt").splitlines()
    assert markdown[0] == "## Status as of 30 November 2026: 16 actions in 7 recommendations"
    assert markdown[2] == (
        "Not for publication: this paper includes 1 exempt item (Local Government Act 1972, "
        "Schedule 12A, paragraph 3), each marked Exempt."
    )
    assert markdown[4:8] == [f"- {line}" for line in IN_WORDS]
    html = ok(run, "status", EXAMPLE, *AS_OF, "-f", "html", "--include-exempt").splitlines()
    main = html.index("<main>")
    assert html[main + 1] == (
        '<h1>Status as of <time datetime="2026-11-30">30 November 2026</time>: 16 actions in 7 '
        "recommendations</h1>"
    )
    assert html[main + 2].startswith("<p>Not for publication: ")
    assert html[main + 3 : main + 9] == [
        "<ul>",
        '<li>By status: 1 <span class="nowrap">not-started</span>, 8 '
        '<span class="nowrap">in-progress</span>, 4 done, 1 blocked, 2 dropped</li>',
        f"<li>{HEADLINE[1]}</li>",
        f"<li>{HEADLINE[2]}</li>",
        '<li>Due in the next 30 days: 1 (3.3 on <time datetime="2026-12-15">15 December 2026'
        "</time>)</li>",
        "</ul>",
    ]


def test_owners_group_aliases_under_the_declared_person(run: RunCli) -> None:
    data = as_json(run, "owners", EXAMPLE, *AS_OF)
    rows = {
        o["owner"]: (o["actions"], o["done"], o["overdue"], o["due_soon"], o["next_target"])
        for o in data["owners"]
    }
    # CFO and Section 151 Officer are the Chief Finance Officer; ICT Manager is the Head of ICT;
    # Procurement Manager is Sam Example; Accounts Payable Team is Exchequer Services.
    assert {k: v for k, v in rows.items() if not k.startswith("(")} == {
        "Chief Finance Officer": (3, 1, 0, 0, "2027-04-30"),
        "Exchequer Services": (2, 1, 0, 0, "2026-12-31"),
        "Head of HR": (2, 1, 0, 0, "2027-01-31"),
        "Head of ICT": (4, 0, 2, 1, "2026-09-30"),
        "Sam Example": (4, 1, 0, 0, "2027-02-28"),
    }
    # 6.1 says it has no owner, and why: it is counted on a row of its own.
    assert [v for k, v in rows.items() if k.startswith("(")] == [(1, 0, 0, 0, None)]


def test_owners_table(run: RunCli) -> None:
    lines = ok(run, "owners", EXAMPLE, *AS_OF).splitlines()
    assert lines[0] == "Owners as of 2026-11-30"
    cells = [[c.strip() for c in line.split("|")[1:-1]] for line in lines if line.startswith("| ")]
    assert cells[0][:5] == ["Owner", "Actions", "Done", "Overdue", "Due in 30 days"]
    assert {row[0]: row[1:5] for row in cells[1:]}["Head of ICT"] == ["4", "0", "2", "1"]


def test_show_recommendation(run: RunCli) -> None:
    lines = ok(run, "show", "3", EXAMPLE, *AS_OF).splitlines()
    assert lines[0] == "Recommendation 3: Be able to recover ICT systems after a disaster"
    assert "  Actions: 0 of 4 actions done, 1 dropped, worst RED" in lines
    assert [line for line in lines if line.startswith("Action ")] == [
        "Action 3.1",
        "Action 3.2",
        "Action 3.3",
        "Action 3.4",
    ]
    assert "  RAG: DROPPED — superseded by 3.3" in lines


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        (
            "2.3",
            [
                "  Status: dropped",
                "  RAG: DROPPED — risk accepted by Audit and Governance Committee: not to be done",
                "  Overdue: no",
            ],
        ),
        (
            "1.1",
            [
                "  Status: done",
                "  Completed: 2026-03-31",
                "  RAG: COMPLETE — implemented on 2026-03-31",
            ],
        ),
        (
            "2.1",
            [
                "  Status: done",
                "  RAG: COMPLETE — done (date not recorded)",
                "  Last update: none",
            ],
        ),
        ("1.2", ["  Due: 2026-09-30", "  Overdue: 61 days", "  Last update: 2026-10-15"]),
    ],
)
def test_show_action(action: str, expected: list[str], run: RunCli) -> None:
    lines = ok(run, "show", action, EXAMPLE, *AS_OF).splitlines()
    assert lines[0] == f"Action {action}"
    assert [line for line in lines if line in expected] == expected


def test_show_an_unrecorded_completion(run: RunCli) -> None:
    lines = ok(run, "show", "2.1", EXAMPLE, *AS_OF).splitlines()
    [completed] = [line for line in lines if line.startswith("  Completed: ")]
    assert completed.removeprefix("  Completed: ") in ("not recorded", "not-recorded")
    assert any(line.startswith("| not-recorded | done ") for line in lines)  # its progress


def test_report_lists_the_overdue_and_the_costs(run: RunCli) -> None:
    text = ok(run, "report", EXAMPLE, *AS_OF)
    lines = text.splitlines()
    assert lines[0] == "# Action plan report as of 30 November 2026"
    assert "- Internal audit recommendations tracker (Exampleton Borough Council)" in lines
    assert "- Overdue: 2 (1.2, 3.1)" in lines
    assert "- Due in the next 30 days: 1 (3.3 on 15 December 2026)" in lines
    overdue = lines[lines.index("## Overdue actions (2)") :]
    rows = overdue[: overdue.index("## Due in the next 30 days (1)")]
    assert [row.split("|")[1].strip() for row in rows if row.startswith("| ")][1:] == [
        "1.2",
        "3.1",
    ]
    assert "With the high end of each range, the total is £29,100 (£28,100 to £29,100)." in lines


def test_cost_summary_totals(run: RunCli) -> None:
    data = as_json(run, "cost-summary", EXAMPLE)
    rows = [(r["recommendation"], r["amount"], r["high"], r["recurrence"]) for r in data["rows"]]
    assert rows == [
        ("2", "1500.00", "2500.00", "one-off"),
        ("4", "18500.00", None, "one-off"),
        ("4", "3900.00", None, "one-off"),
        ("4", "4200.00", None, "per-year"),
    ]
    assert (data["total"], data["total_high"]) == ("28100.00", "29100.00")
    lines = ok(run, "cost-summary", EXAMPLE).splitlines()
    assert "With the high end of each range, the total is £29,100 (£28,100 to £29,100)." in lines
    assert any(line.startswith("|     | of which one-off ") and "£23,900" in line for line in lines)


def test_outcomes_in_the_plans_own_unit(run: RunCli) -> None:
    data = as_json(run, "outcomes", EXAMPLE, *AS_OF)
    [plan] = data["plans"]
    [outcome] = plan["outcomes"]
    assert (outcome["id"], outcome["for"]) == ("on-time-payment", ["suppliers"])
    [indicator] = outcome["indicators"]
    assert {k: indicator[k] for k in ("unit", "better", "latest", "expected", "status")} == {
        "unit": "days",
        "better": "lower",
        "latest": {"value": "27", "date": "2026-09-30"},
        "expected": "26.49",
        "status": "off track",
    }
    assert indicator["progress_percent"] == "77.8"
    lines = ok(run, "outcomes", EXAMPLE, *AS_OF).splitlines()
    assert "Outcome on-time-payment: Suppliers are paid on time (for suppliers)" in lines
    assert any("| 34 days " in line and "| ≤ 26.5 days |" in line for line in lines)


def test_export_csv(run: RunCli) -> None:
    result = run("export", EXAMPLE)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert rows[0] == ["Plan ID", "exampleton-audit-tracker"]
    header = rows.index(next(r for r in rows if r[:2] == ["Rec No", "Recommendation"]))
    table = [dict(zip(rows[header], r, strict=True)) for r in rows[header + 1 :]]
    assert [r["Action No"] for r in table if r["Action No"]] == list(STATUS)
    assert {r["Action No"]: r["Status"] for r in table if r["Action No"]} == STATUS
    assert [r["Rec No"] for r in table][-1] == "8"  # the recommendation with no actions
    assert result.stderr == (
        "note: a tracker has no place for 1 outcome, the outcome links of 2 recommendation or "
        "actions; they were left out (keep the plan file as the master copy)\n"
    )


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_keeps_the_rows_a_tracker_can_carry(
    suffix: str, tmp_path: Path, run: RunCli
) -> None:
    sheet = tmp_path / f"tracker.{suffix}"
    assert run("export", EXAMPLE, "--output", sheet).exit_code == 0
    again = tmp_path / "again.yaml"
    result = run("import", sheet, "--output", again, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    # Every row reads back (format 2's tracker carries closures and unrecorded dates): with
    # --skip-bad there is nothing to skip.
    assert not any(line.startswith(f"{sheet.name}:") for line in result.stderr.splitlines())
    loaded, findings = load_plan(again)
    original, _ = load_plan(EXAMPLE)
    assert loaded is not None and original is not None and findings == []
    assert [a.id for _, a in loaded.plan.actions()] == list(STATUS)
    kept = {a.id: a for _, a in original.plan.actions()}
    for _, action in loaded.plan.actions():
        assert (action.text, action.owners, action.status, action.target, action.revisions) == (
            kept[action.id].text,
            kept[action.id].owners,
            kept[action.id].status,
            kept[action.id].target,
            kept[action.id].revisions,
        )
    status = as_json(run, "status", again, *AS_OF)
    assert [a["id"] for a in status["actions"] if a["overdue"]] == ["1.2", "3.1"]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_export_then_import_gives_the_same_plan(suffix: str, tmp_path: Path, run: RunCli) -> None:
    sheet = tmp_path / f"tracker.{suffix}"
    assert run("export", EXAMPLE, "--output", sheet).exit_code == 0
    again = tmp_path / "again.yaml"
    result = run("import", sheet, "--output", again)
    assert result.exit_code == 0, result.stderr
    original, _ = load_plan(EXAMPLE)
    loaded, findings = load_plan(again)
    assert original is not None and loaded is not None and findings == []
    assert [(r.id, r.acceptance_word) for r in loaded.plan.recommendations] == [
        (r.id, r.acceptance_word) for r in original.plan.recommendations
    ]
    assert [(a.id, a.status, a.completed, a.funding) for _, a in loaded.plan.actions()] == [
        (a.id, a.status, a.completed, a.funding) for _, a in original.plan.actions()
    ]


def test_schema_describes_every_key_the_example_uses(run: RunCli) -> None:
    """jsonschema is not installed, so the schema is checked key by key, not validated."""
    import yaml

    schema = json.loads(ok(run, "schema"))
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    definitions = schema["$defs"]

    def keys_of(name: str) -> set[str]:
        return set(definitions[name]["properties"])

    assert set(data) <= set(schema["properties"])
    assert schema["properties"]["format"]["anyOf"][0]["enum"] == [1, 2]
    assert data["format"] == 2
    assert set(data["plan"]) <= keys_of("PlanInfo")
    assert {k for p in data["people"] for k in p} <= keys_of("Person")
    assert set(data["vocabularies"]) <= keys_of("Vocabularies")
    recs = data["recommendations"]
    assert {k for r in recs for k in r} <= keys_of("Recommendation")
    actions = [a for r in recs for a in r.get("actions", [])]
    assert {k for a in actions for k in a} <= keys_of("Action")
    assert {k for a in actions if "closure" in a for k in a["closure"]} <= keys_of("Closure")
    assert {k for a in actions for f in a.get("funding", []) for k in f} <= keys_of("FundingRoute")
    assert {k for r in recs if "exempt" in r for k in r["exempt"]} <= keys_of("Exempt")
    acceptance = set(definitions["Acceptance"]["enum"])
    assert {r["acceptance"] for r in recs} == acceptance  # the example uses every answer


# --- Format 2's fields in the reports -------------------------------------------------------


def test_status_json_carries_format_2_fields(run: RunCli) -> None:
    actions = {a["id"]: a for a in as_json(run, "status", EXAMPLE, *AS_OF)["actions"]}
    by_rec = {
        a["recommendation"]: (a["acceptance"], a["priority"], a["assurance"])
        for a in actions.values()
    }
    assert by_rec == {
        "1": ("accepted", "high", "limited"),
        "2": ("partially-accepted", "medium", "reasonable"),
        "3": ("accepted", "high", "no-assurance"),
        "4": ("accepted-in-principle", "high", None),
        "5": ("accepted", "medium", "limited"),
        "6": ("noted", "low", "reasonable"),
        "7": ("accepted", "low", "substantial"),
    }
    assert {i: a["closure"] for i, a in actions.items() if a["closure"]} == {
        "1.1": "implemented",
        "2.3": "risk-accepted",
        "3.2": "superseded",
        "4.2": "implemented",
    }
    assert [i for i, a in actions.items() if a["exempt"]] == ["5.1", "5.2"]
    # Owners resolved to the declared people, whatever name the action used.
    assert {i: a["people"] for i, a in actions.items() if a["people"] != a["owners"]} == {
        "1.2": ["Head of ICT"],
        "2.1": ["Sam Example"],
        "2.3": ["Sam Example"],
        "3.2": ["Head of ICT"],
        "4.2": ["Chief Finance Officer"],
        "5.1": ["Chief Finance Officer"],
        "7.1": ["Exchequer Services"],
    }
    assert (actions["6.1"]["people"], actions["6.1"]["no_owner"]) == (
        [],
        "The response names no officer; the Health and Safety Committee monitors it",
    )


def test_status_table_shows_how_closed_actions_were_closed(run: RunCli) -> None:
    lines = ok(run, "status", EXAMPLE, *AS_OF).splitlines()
    line_of = {line[:3]: lines[i + 1] for i, line in enumerate(lines) if line[:5] in STATUS_IDS}
    assert "Status: done (implemented)" in line_of["1.1"]
    assert "Status: dropped (risk accepted)" in line_of["2.3"]
    assert "Status: dropped (superseded)" in line_of["3.2"]
    assert "Status: done ·" in line_of["7.1"]  # done, with no closure recorded
    assert "Owner(s): none: The response names no officer" in line_of["6.1"]


STATUS_IDS = {f"{i}  " for i in STATUS}


def test_status_since_never_counts_an_unrecorded_completion(run: RunCli) -> None:
    summary = as_json(run, "status", EXAMPLE, *AS_OF, "--since", "2025-01-01")["summary"]
    # 2.1 is done, but when is not recorded: it was not "completed since" any date.
    assert [e["id"] for e in summary["completed_since"]] == ["4.2", "7.1", "1.1"]
    assert [e["id"] for e in summary["newly_overdue"]] == ["1.2", "3.1"]
    assert [e["id"] for e in summary["revised_since"]] == ["1.2"]


def test_show_recommendation_gives_the_audit_fields(run: RunCli) -> None:
    lines = ok(run, "show", "5", EXAMPLE, *AS_OF).splitlines()
    assert lines[0] == "Recommendation 5: Check the leisure contractor's financial resilience"
    assert lines[4:14] == [
        "  Acceptance: accepted",
        "  Response: Accepted.",
        "  Source: internal-audit",
        "  Audit: Leisure contract management (IA-26-02)",
        "  Assurance: limited",
        "  Priority: medium",
        "  Exempt: paragraph 3: Information about the financial affairs of the leisure contractor "
        "(left out of published papers)",
        "  Finding: The council does not receive the contractor's accounts and has no plan if it "
        "fails.",
        "  Agreed management action: Review the contractor's accounts every quarter and agree a "
        "contingency plan.",
        "  Actions: 0 of 2 actions done, worst AMBER",
    ]
    lines = ok(run, "show", "2", EXAMPLE, *AS_OF).splitlines()
    assert "  Acceptance: partially accepted" in lines


def test_show_action_gives_its_closure_and_funding_routes(run: RunCli) -> None:
    lines = ok(run, "show", "2.3", EXAMPLE, *AS_OF).splitlines()
    assert (
        "  Closure: risk accepted on 2026-07-14: Reviewing some 400 old waivers costs more than "
        "the risk; the register covers new ones (accepted by Audit and Governance Committee)"
    ) in lines
    lines = ok(run, "show", "4.1", EXAMPLE, *AS_OF).splitlines()
    assert "  Due: 2027-04-30" in lines
    routes = lines[lines.index("Funding routes") : lines.index("Progress")]
    assert [[c.strip() for c in r.split("|")[1:-1]] for r in routes if r.startswith("| ")] == [
        ["Funding route", "Target"],
        ["Capital programme bid 2027/28", "April 2027"],
        ["ICT earmarked reserve", "Only if the capital bid fails, as Cabinet agrees"],
    ]


def test_report_leaves_the_exempt_recommendation_out(run: RunCli) -> None:
    lines = ok(run, "report", EXAMPLE, *AS_OF).splitlines()
    # Recommendation 5 (exempt, paragraph 3) and its actions 5.1 (GREEN) and 5.2 (AMBER) go.
    assert "## Status as of 30 November 2026: 14 actions in 6 recommendations" in lines
    assert "- By status: 1 not-started, 6 in-progress, 4 done, 1 blocked, 2 dropped" in lines
    assert "- By RAG: 3 RED, 1 AMBER, 4 GREEN, 4 COMPLETE, 2 DROPPED" in lines
    assert lines[-1] == (
        "1 exempt item withheld (Local Government Act 1972, Schedule 12A, paragraph 3)"
    )
    assert not [line for line in lines if "leisure" in line.lower()]
    lines = ok(run, "report", EXAMPLE, *AS_OF, "--include-exempt").splitlines()
    assert "## Status as of 30 November 2026: 16 actions in 7 recommendations" in lines
    assert lines[2].startswith("Not for publication: this paper includes 1 exempt item")
    assert [f"- {line}" for line in IN_WORDS] == lines[8:12]
    assert [line for line in lines if line.startswith("| 5 ")] == [
        line for line in lines if "Check the leisure contractor's financial resilience" in line
    ]
    assert not [line for line in lines if "withheld" in line]
