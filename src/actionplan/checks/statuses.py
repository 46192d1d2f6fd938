"""Statuses (AP205, AP207, AP209-AP212): an action's status, dates and reasons agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from actionplan.checks.declare import ERROR, WARNING, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan
from actionplan.model.plan import Status, TargetKind


@check(
    Rule(
        "AP205",
        ERROR,
        "done action has no completion date",
        doc="""
        An action with `status: done` says when it was completed.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    status: done

        Fix: add `completed: YYYY-MM-DD`, the day the action was done.
        """,
    ),
    Rule(
        "AP211",
        ERROR,
        "completion date given for an action that is not done",
        doc="""
        Only a done action has a `completed` date.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    status: in-progress
                    completed: 2020-01-10

        Fix: set `status: done` if it is done, or remove `completed`.
        """,
    ),
    Rule(
        "AP207",
        ERROR,
        "blocked or dropped action gives no reason",
        doc="""
        An action that is blocked or dropped says why, so the board can act on it.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    status: blocked

        Fix: add `status_reason: …`, saying what blocks it or why it was dropped.
        """,
    ),
    Rule(
        "AP210",
        ERROR,
        "hand-set RAG has no reason",
        doc="""
        The RAG rating is worked out from the target and progress; an action that sets `rag`
        by hand says why.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    rag: amber

        Fix: add `rag_reason: …`, or remove `rag` to use the computed rating.
        """,
    ),
    Rule(
        "AP209",
        ERROR,
        "dependent target does not say what it depends on",
        doc="""
        An action with `target: dependent` has no date of its own: `target_text` says what
        it waits for.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: dependent

        Fix: add `target_text: …`, e.g. 'Await outcome of evaluation'.
        """,
    ),
    Rule(
        "AP212",
        WARNING,
        "status disagrees with the latest progress update that set one",
        doc="""
        When progress updates set a status, the action's own `status` is that of the latest
        one that did.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    status: in-progress
                    progress:
                      - date: 2020-01-10
                        note: Brief agreed
                        status: done

        Fix: make them agree: change the action's `status`, or the update's.
        """,
    ),
)
def check_statuses(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    for loc, action in actions(loaded):
        if action.status is Status.DONE and action.completed is None:
            yield loaded.finding(
                (*loc, "status"),
                "AP205",
                f"action {action.id} is done but has no completion date: add "
                "'completed: YYYY-MM-DD'",
            )
        if action.completed is not None and action.status is not Status.DONE:
            yield loaded.finding(
                (*loc, "completed"),
                "AP211",
                f"action {action.id} has a completion date but its status is "
                f"{action.status}: set 'status: done' or remove 'completed'",
            )
        if action.status in (Status.BLOCKED, Status.DROPPED) and action.status_reason is None:
            yield loaded.finding(
                (*loc, "status"),
                "AP207",
                f"action {action.id} is {action.status} with no reason: add 'status_reason: …'",
            )
        if action.rag is not None and action.rag_reason is None:
            yield loaded.finding(
                (*loc, "rag"),
                "AP210",
                f"action {action.id} sets its RAG by hand to {action.rag} with no reason: add "
                "'rag_reason: …'",
            )
        target = action.current_target
        if (
            target is not None
            and target.kind is TargetKind.DEPENDENT
            and action.target_text is None
        ):
            yield loaded.finding(
                (*loc, "target"),
                "AP209",
                f"action {action.id} is dependent but does not say on what: add "
                "'target_text: …' (e.g. 'Await outcome of evaluation')",
            )
        said = [u for u in action.progress if u.status is not None]
        if said and said[-1].status is not action.status:
            index = action.progress.index(said[-1])
            yield loaded.finding(
                (*loc, "status"),
                "AP212",
                f"action {action.id} has status {action.status} but its latest progress update "
                f"({said[-1].date.isoformat()}, progress[{index}]) set {said[-1].status}: make "
                "them agree",
            )
