"""Format 2 in the reports: people and aliases, funding routes, closures, unknown dates, exempt."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from actionplan.load import load_text
from actionplan.model.plan import PlanFile
from actionplan.reports.board import board_report
from actionplan.reports.status import NO_OWNER_SAID, owner_rows, status_report
from conftest import RunCli, WritePlan

AS_OF = date(2026, 11, 30)

# An example plan, invented for these tests.
PLAN = """\
format: 2
plan:
  id: example
  title: Example tracker
  organisation: Exampleton Borough Council
  source: Invented for a test
people:
  - id: cfo
    name: Chief Finance Officer
    kind: role
    aliases: [CFO, S151 officer]
  - id: ict
    name: Head of ICT
recommendations:
  - id: "1"
    title: Pay only current staff
    acceptance: accepted-in-principle
    priority: high
    assurance: limited
    actions:
      - id: "1.1"
        text: Find the money
        owners: [CFO]
        funding:
          - route: Council budget
            target: 2026-02
            target_text: Feb 2026
          - route: Government grant
            target: dependent
            target_text: As set by Government
      - id: "1.2"
        text: Reconcile leavers
        owners: [S151 officer]
        status: done
        completed: not-recorded
        closure:
          kind: implemented
          evidence: Reconciliations for March seen
          verified_by: Head of Internal Audit
      - id: "1.3"
        text: Review old waivers
        owners: [Chief Finance Officer]
        status: dropped
        closure:
          kind: risk-accepted
          accepted_by: Audit Committee
          reason: The waivers have all expired
      - id: "1.4"
        text: Monitor through the head teachers' forum
        no_owner: monitor through the Head teacher forum
  - id: "2"
    title: Private matter
    exempt: {paragraph: "1", reason: Information about an individual}
    actions:
      - {id: "2.1", text: Speak to the officer, owners: [Head of ICT], target: 2027-01}
"""


def _plan() -> PlanFile:
    loaded, findings = load_text("p.yaml", PLAN.encode())
    assert loaded is not None and findings == []
    return loaded.plan


def test_funding_routes_give_the_action_its_target_and_it_falls_due_at_the_first() -> None:
    report = status_report([_plan()], AS_OF)
    row = next(a for a in report.actions if a.id == "1.1")
    assert row.due_date == date(2026, 2, 28)
    assert row.days_overdue == 275
    assert row.rag_reason == "overdue: due 2026-02-28, 275 days ago"


def test_closures_and_unrecorded_dates_in_the_rating() -> None:
    rows = {a.id: a for a in status_report([_plan()], AS_OF).actions}
    assert rows["1.2"].rag_reason == "implemented (date not recorded)"
    assert rows["1.3"].rag_reason == "risk accepted by Audit Committee: not to be done"
    assert rows["1.2"].closure is not None and rows["1.2"].closure.value == "implemented"
    assert (rows["1.1"].acceptance, rows["1.1"].priority, rows["1.1"].assurance) == (
        "accepted-in-principle",
        "high",
        "limited",
    )


def test_an_unrecorded_completion_is_never_counted_as_since() -> None:
    report = status_report([_plan()], AS_OF, since=date(2000, 1, 1))
    assert report.summary.completed == []


def test_owners_group_aliases_as_their_person_and_say_who_owns_nothing_on_purpose() -> None:
    rows = owner_rows(status_report([_plan()], AS_OF).actions)
    assert [(r.owner, r.actions, r.done) for r in rows] == [
        ("Chief Finance Officer", 3, 1),
        ("Head of ICT", 1, 0),
        (NO_OWNER_SAID, 1, 0),
    ]


def test_an_owner_filter_finds_a_person_by_any_of_their_names() -> None:
    from actionplan.reports.status import StatusFilters

    report = status_report([_plan()], AS_OF, filters=StatusFilters(owner="chief finance officer"))
    assert [a.id for a in report.actions] == ["1.1", "1.2", "1.3"]


def test_the_board_report_leaves_exempt_items_out_unless_asked() -> None:
    board = board_report([_plan()], AS_OF)
    assert [a.id for a in board.status.actions] == ["1.1", "1.2", "1.3", "1.4"]
    assert board.exempt_left_out == 1
    everything = board_report([_plan()], AS_OF, include_exempt=True)
    assert [a.id for a in everything.status.actions][-1] == "2.1"
    assert everything.exempt_left_out == 0


def test_cli_status_owners_show_and_report(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(PLAN, "plan.yaml")
    status = run("status", path, "--as-of", "2026-11-30")
    assert status.exit_code == 0
    words = " ".join(status.stdout.split())  # as read, whatever the wrapping
    assert (
        "Recommendation 1: Pay only current staff (priority high, limited assurance, accepted "
        "in principle) — 1 of 4 actions done, 1 dropped, worst RED" in words
    )
    assert "Status: dropped (risk accepted)" in words
    assert "Owner(s): none: monitor through the Head teacher forum" in words
    records = json.loads(run("status", path, "--as-of", "2026-11-30", "-f", "json").stdout)
    first = records["actions"][0]
    assert {k: first[k] for k in ("people", "closure", "acceptance", "priority", "exempt")} == {
        "people": ["Chief Finance Officer"],
        "closure": None,
        "acceptance": "accepted-in-principle",
        "priority": "high",
        "exempt": False,
    }
    owners = csv.reader(
        io.StringIO(run("owners", path, "--as-of", "2026-11-30", "-f", "csv").stdout)
    )
    assert [row[0] for row in owners] == [
        "owner",
        "Chief Finance Officer",
        "Head of ICT",
        NO_OWNER_SAID,
    ]
    show = run("show", "1.2", path, "--as-of", "2026-11-30").stdout
    assert "Completed: not recorded" in show
    assert (
        "Closure: implemented: Reconciliations for March seen (verified by Head of Internal "
        "Audit)" in show
    )
    routes = run("show", "1.1", path, "--as-of", "2026-11-30").stdout
    assert "Target: Feb 2026, from its funding routes (below)" in routes
    shown = run("show", "1", path, "--as-of", "2026-11-30").stdout
    assert "Acceptance: accepted in principle" in shown
    assert "Funding routes" in shown and "As set by Government" in shown
    report = run("report", path, "--as-of", "2026-11-30").stdout
    assert "Private matter" not in report
    assert "1 exempt item withheld (Local Government Act 1972, Schedule 12A, paragraph 1)" in (
        report
    )
    private = run("report", path, "--as-of", "2026-11-30", "--include-exempt").stdout
    assert "Private matter" in private and "withheld" not in private
    assert "Not for publication: this paper includes 1 exempt item" in private
