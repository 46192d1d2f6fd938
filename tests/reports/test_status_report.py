"""`status_report`: every RAG path with its reason, the --since window, filters, owners, lookup."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest

from actionplan.load import load_plan, load_text
from actionplan.model.plan import PlanFile, Status
from actionplan.reports.status import (
    NO_OWNER,
    NotFound,
    StatusFilters,
    find_item,
    owner_rows,
    status_report,
)
from actionplan.schedule import RagRating
from conftest import DATA

AS_OF = date(2020, 3, 1)
LAST_MEETING = date(2020, 1, 1)


def fixture_plan() -> PlanFile:
    loaded, findings = load_plan(DATA / "status-fixture.yaml")
    assert loaded is not None and findings == []
    return loaded.plan


def plan_from(text: str) -> PlanFile:
    loaded, findings = load_text("inline.yaml", textwrap.dedent(text).encode())
    assert loaded is not None, findings
    return loaded.plan


def test_every_rag_path_with_its_reason() -> None:
    report = status_report([fixture_plan()], AS_OF)
    assert [(a.id, a.rag.value, a.rag_reason, a.days_overdue) for a in report.actions] == [
        ("1.1", "complete", "done on 2019-12-10", 0),
        ("1.2", "red", "overdue: due 2020-02-29, 1 day ago", 1),
        ("1.3", "amber", "due 2020-03-20, within 30 days", 0),
        ("2.1", "red", "overdue: due 2020-02-15, 15 days ago", 15),
        ("2.2", "red", "blocked: Waiting for the training budget to be agreed", 0),
        ("2.3", "amber", "stale: last progress update 2019-11-01, 121 days ago (90 or more)", 0),
        (
            "2.4",
            "amber",
            "stale: no progress update since 2019-10-01, 152 days ago (90 or more)",
            0,
        ),
        ("3.1", "green", "ongoing: never overdue", 0),
        ("3.2", "green", "dependent: never overdue", 0),
        ("3.3", "green", "on track: due 2020-11-30", 0),
        ("3.4", "red", "overdue: due 2019-11-30, 92 days ago", 92),
        ("3.5", "red", "overdue: due 2020-01-31, 30 days ago", 30),
        ("3.6", "complete", "done on 2020-02-05", 0),
        ("3.7", "dropped", "dropped: no longer pursued", 0),
    ]


def test_hand_set_rag_is_kept_beside_the_computed_one() -> None:
    row = next(a for a in status_report([fixture_plan()], AS_OF).actions if a.id == "3.5")
    assert (row.hand_rag, row.hand_rag_reason, row.rag) == (
        "green",
        "The board agreed the delay at its January meeting",
        RagRating.RED,
    )


def test_revised_target_keeps_the_original_and_the_slippage() -> None:
    rows = {a.id: a for a in status_report([fixture_plan()], AS_OF).actions}
    revised = rows["2.1"]
    assert (revised.target, revised.original_target, revised.slippage_days, revised.due_date) == (
        "2020-02-15",
        "Dec 2019",
        46,
        date(2020, 2, 15),
    )
    assert (rows["1.2"].target, rows["1.2"].original_target, rows["1.2"].slippage_days) == (
        "Feb 2020",
        None,
        0,
    )


def test_ongoing_and_dependent_are_never_overdue_even_years_later() -> None:
    rows = {a.id: a for a in status_report([fixture_plan()], date(2030, 1, 1)).actions}
    assert [(i, rows[i].never_overdue, rows[i].overdue) for i in ("3.1", "3.2", "3.3")] == [
        ("3.1", True, False),
        ("3.2", True, False),
        ("3.3", False, True),
    ]


def test_summary_counts() -> None:
    s = status_report([fixture_plan()], AS_OF).summary
    assert (s.plans, s.recommendations, s.actions, s.overdue) == (1, 3, 14, 4)
    assert {k.value: n for k, n in s.by_status.items()} == {
        "not-started": 2,
        "in-progress": 8,
        "done": 2,
        "blocked": 1,
        "dropped": 1,
    }
    assert {k.value: n for k, n in s.by_rag.items()} == {
        "red": 5,
        "amber": 3,
        "green": 3,
        "complete": 2,
        "dropped": 1,
    }
    assert [a.id for a in s.due_soon] == ["1.3"]
    assert (s.since, s.completed, s.newly_overdue, s.revised) == (None, [], [], [])


def test_since_lists_what_changed_after_the_last_meeting() -> None:
    s = status_report([fixture_plan()], AS_OF, since=LAST_MEETING).summary
    assert [(e.action, e.date.isoformat(), e.detail) for e in s.completed] == [
        ("3.6", "2020-02-05", "completed 2020-02-05"),
    ]
    assert [(e.action, e.detail) for e in s.newly_overdue] == [
        ("3.5", "due 2020-01-31"),
        ("2.1", "due 2020-02-15"),
        ("1.2", "due 2020-02-29"),
    ]
    assert [(e.action, e.detail) for e in s.revised] == [
        ("2.1", "revised 2020-01-20: Dec 2019 → 2020-02-15 (Trainer unavailable in December)"),
    ]


@pytest.mark.parametrize(
    ("since", "completed", "newly_overdue", "revised"),
    [
        # The window is (since, as_of]: an event on the since day belongs to the last meeting.
        (date(2020, 2, 5), [], ["2.1", "1.2"], []),
        (date(2020, 2, 4), ["3.6"], ["2.1", "1.2"], []),
        (date(2020, 1, 20), ["3.6"], ["3.5", "2.1", "1.2"], []),
        (date(2020, 1, 19), ["3.6"], ["3.5", "2.1", "1.2"], ["2.1"]),
        (date(2020, 2, 15), [], ["1.2"], []),
        # 3.4 fell due on 2019-11-30, before this window: overdue, but not newly.
        (date(2019, 12, 9), ["1.1", "3.6"], ["3.5", "2.1", "1.2"], ["2.1"]),
    ],
)
def test_since_window_edges(
    since: date, completed: list[str], newly_overdue: list[str], revised: list[str]
) -> None:
    s = status_report([fixture_plan()], AS_OF, since=since).summary
    assert [e.action for e in s.completed] == completed
    assert [e.action for e in s.newly_overdue] == newly_overdue
    assert [e.action for e in s.revised] == revised


def test_completed_from_a_progress_update_when_no_completion_date() -> None:
    plan = plan_from(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: R
            actions:
              - id: "1.1"
                text: Done by update
                target: 2020-02
                status: done
                progress:
                  - {date: 2019-12-01, note: Started, status: in-progress}
                  - {date: 2020-02-10, note: Finished, status: done}
        """
    )
    s = status_report([plan], AS_OF, since=LAST_MEETING).summary
    assert [(e.action, e.detail) for e in s.completed] == [("1.1", "reported done 2020-02-10")]


def test_no_adoption_date_and_no_updates_is_never_stale() -> None:
    plan = plan_from(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: R
            actions:
              - {id: "1.1", text: Quiet, target: 2021-12}
        """
    )
    (row,) = status_report([plan], AS_OF).actions
    assert (row.rag, row.rag_reason) == (RagRating.GREEN, "on track: due 2021-12-31")


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (StatusFilters(owner="dsa COORDINATOR"), ["1.2", "2.1", "2.3", "3.3"]),
        (StatusFilters(owner=" Public  Health Consultant "), ["1.3", "3.2"]),
        (StatusFilters(theme="prevention"), ["1.1", "1.2", "1.3"]),
        (StatusFilters(theme="SUPPORT FOR SURVIVORS", status=Status.DONE), ["3.6"]),
        (StatusFilters(recommendation="2"), ["2.1", "2.2", "2.3", "2.4"]),
        (StatusFilters(rag=RagRating.AMBER), ["1.3", "2.3", "2.4"]),
        (StatusFilters(overdue=True), ["1.2", "2.1", "3.4", "3.5"]),
        (StatusFilters(owner="Housing Manager", overdue=True), ["3.4", "3.5"]),
        (StatusFilters(owner="Nobody"), []),
    ],
)
def test_filters(filters: StatusFilters, ids: list[str]) -> None:
    assert [a.id for a in status_report([fixture_plan()], AS_OF, filters=filters).actions] == ids


def test_filters_describe_themselves_as_options() -> None:
    filters = StatusFilters(owner="DSA Chair", status=Status.BLOCKED, overdue=True)
    assert filters.describe() == ["--owner 'DSA Chair'", "--status 'blocked'", "--overdue"]


def test_recommendation_roll_ups() -> None:
    recs = status_report([fixture_plan()], AS_OF).recommendations
    assert [(r.id, r.progress_label, r.worst_rag) for r in recs] == [
        ("1", "1 of 3 actions done", RagRating.RED),
        ("2", "0 of 4 actions done", RagRating.RED),
        ("3", "1 of 7 actions done, 1 dropped", RagRating.RED),
    ]
    only_done = status_report([fixture_plan()], AS_OF, filters=StatusFilters(status=Status.DONE))
    assert [(r.id, r.progress_label, r.worst_rag) for r in only_done.recommendations] == [
        ("1", "1 of 1 action done", RagRating.COMPLETE),
        ("3", "1 of 1 action done", RagRating.COMPLETE),
    ]


def test_owner_rows_group_ignoring_case_and_count_shared_actions_for_each() -> None:
    rows = owner_rows(status_report([fixture_plan()], AS_OF).actions)
    assert [
        (
            r.owner,
            r.actions,
            r.done,
            r.open,
            r.overdue,
            r.due_soon,
            r.next_due,
            [a.id for a in r.next_actions],
        )
        for r in rows
    ] == [
        ("Communications Manager", 2, 1, 1, 1, 0, date(2020, 2, 29), ["1.2"]),
        ("DSA Coordinator", 4, 0, 4, 2, 0, date(2020, 2, 15), ["2.1"]),
        ("Education Lead", 1, 0, 1, 0, 0, date(2020, 12, 31), ["2.4"]),
        ("Housing Manager", 3, 0, 3, 2, 0, date(2019, 11, 30), ["3.4"]),
        ("Public Health Consultant", 2, 0, 2, 0, 1, date(2020, 3, 20), ["1.3"]),
        ("Support Services Manager", 4, 1, 2, 0, 0, None, []),
    ]


def test_owner_rows_name_actions_without_an_owner_last_and_count_a_repeat_once() -> None:
    plan = plan_from(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: R
            actions:
              - {id: "1.1", text: A, owners: [Zed, ZED], target: 2020-05}
              - {id: "1.2", text: B, target: 2020-04}
              - {id: "1.3", text: C, owners: [abe], target: 2020-04}
        """
    )
    rows = owner_rows(status_report([plan], AS_OF).actions)
    assert [(r.owner, r.actions, r.next_due) for r in rows] == [
        ("abe", 1, date(2020, 4, 30)),
        ("Zed", 1, date(2020, 5, 31)),
        (NO_OWNER, 1, date(2020, 4, 30)),
    ]


def test_find_item_recommendation_action_and_plan_choice() -> None:
    plan = fixture_plan()
    other = plan.model_copy(update={"plan": plan.plan.model_copy(update={"id": "other"})})
    found = find_item([plan], "3.5")
    assert (found.kind, found.id, found.recommendation.id) == ("action", "3.5", "3")
    assert find_item([plan], " 2 ").kind == "recommendation"
    assert find_item([plan, other], "2.1", "other").plan.plan.id == "other"
    with pytest.raises(NotFound) as ambiguous:
        find_item([plan, other], "2.1")
    assert str(ambiguous.value) == (
        "'2.1' names 2 things: action 2.1 in plan status-fixture; action 2.1 in plan other. "
        "Add --plan PLAN_ID to choose one"
    )


@pytest.mark.parametrize(
    ("ident", "plan_id", "message"),
    [
        (
            "3.9",
            None,
            "no recommendation or action has id '3.9' in plan status-fixture: "
            "did you mean 3.7, 3.6, 3.5?",
        ),
        (
            "zzz",
            None,
            "no recommendation or action has id 'zzz' in plan status-fixture: "
            "run 'actionplan status' to see the ids",
        ),
        ("1", "nope", "no plan with id 'nope': the plans loaded are status-fixture"),
    ],
)
def test_find_item_unknown(ident: str, plan_id: str | None, message: str) -> None:
    with pytest.raises(NotFound) as problem:
        find_item([fixture_plan()], ident, plan_id)
    assert str(problem.value) == message


BOUNDARY = """
    plan: {id: p, title: P, organisation: O, source: S, adopted: 2019-12-02}
    recommendations:
      - id: "1"
        title: R
        actions:
          - id: "1.1"
            text: Due in exactly 30 days
            target: 2020-03-31
            progress: [{date: 2020-02-20, note: Going}]
          - id: "1.2"
            text: Due in 31 days
            target: 2020-04-01
            progress: [{date: 2020-02-20, note: Going}]
          - id: "1.3"
            text: Due today
            target: 2020-03-01
            progress: [{date: 2020-02-20, note: Going}]
          - id: "1.4"
            text: Last update exactly 90 days ago
            target: 2020-12
            progress: [{date: 2019-12-02, note: Started}]
          - id: "1.5"
            text: Last update 89 days ago
            target: 2020-12
            progress: [{date: 2019-12-03, note: Started}]
          - {id: "1.6", text: No update, adopted exactly 90 days ago, target: 2020-12}
"""


def test_boundaries_of_soon_stale_and_overdue() -> None:
    rows = status_report([plan_from(BOUNDARY)], AS_OF).actions
    assert [(a.id, a.rag.value, a.overdue, a.due_soon) for a in rows] == [
        ("1.1", "amber", False, True),
        ("1.2", "green", False, False),
        ("1.3", "amber", False, True),  # due today is not yet overdue
        ("1.4", "amber", False, False),
        ("1.5", "green", False, False),
        ("1.6", "amber", False, False),
    ]
