"""Statuses (AP205, AP207, AP209-AP214): an action's status, dates, reasons and closure agree."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from actionplan.checks.declare import ERROR, WARNING, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan
from actionplan.model.plan import Action, ClosureKind, Status, TargetKind


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
        if (
            action.status in (Status.BLOCKED, Status.DROPPED)
            and action.status_reason is None
            and action.closure is None  # a closure says why (who accepted the risk, what took over)
        ):
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
        target = action.revisions[-1].target if action.revisions else action.target
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
        for index, route in enumerate(action.funding):
            if (
                route.target is not None
                and route.target.kind is TargetKind.DEPENDENT
                and route.target_text is None
            ):
                yield loaded.finding(
                    (*loc, "funding", index, "target"),
                    "AP209",
                    f"action {action.id}: funding route {index + 1} is dependent but does not "
                    "say on what: add 'target_text: …' (e.g. 'As set by Govt./OPCC')",
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


# The status each kind of closure goes with, and what it must say.
CLOSURE_STATUS = {
    ClosureKind.IMPLEMENTED: Status.DONE,
    ClosureKind.RISK_ACCEPTED: Status.DROPPED,
    ClosureKind.SUPERSEDED: Status.DROPPED,
}
CLOSURE_DETAILS = {
    ClosureKind.IMPLEMENTED: ("evidence", "verified_by"),
    ClosureKind.RISK_ACCEPTED: ("accepted_by", "reason"),
    ClosureKind.SUPERSEDED: ("superseded_by",),
}


@check(
    Rule(
        "AP213",
        ERROR,
        "closure does not match the action's status",
        doc="""
        A closure says how a closed action was closed: `implemented` goes with `status: done`;
        `risk-accepted` and `superseded` go with `status: dropped` (the action will not be
        done). An open action has no closure.

        Example:
            format: 2
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    status: in-progress
                    closure:
                      kind: implemented
                      evidence: Campaign plan seen by internal audit
                      verified_by: Head of Internal Audit

        Fix: set the status the closure goes with (here `status: done` with `completed:`), or
        remove the closure while the action is open.
        """,
    ),
    Rule(
        "AP214",
        WARNING,
        "closure does not say what auditors need",
        doc="""
        An implemented action names the evidence seen and who verified it; a risk-accepted one
        names who accepted the risk and why; a superseded one names what superseded it.

        Example:
            format: 2
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    status: dropped
                    closure:
                      kind: risk-accepted
                      accepted_by: Audit Committee

        Fix: add the missing keys to the closure (here `reason: …`).
        """,
    ),
)
def check_closures(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    for loc, action in actions(loaded):
        closure = action.closure
        if closure is None:
            continue
        wanted = CLOSURE_STATUS[closure.kind]
        if action.status is not wanted:
            yield loaded.finding(
                (*loc, "closure", "kind"),
                "AP213",
                f"action {action.id} is closed as {closure.kind} but its status is "
                f"{action.status}: set 'status: {wanted}'{_or_remove(action)}",
            )
        missing = [key for key in CLOSURE_DETAILS[closure.kind] if getattr(closure, key) is None]
        if missing:
            yield loaded.finding(
                (*loc, "closure"),
                "AP214",
                f"action {action.id} is closed as {closure.kind} without "
                f"{' or '.join(repr(k) for k in missing)}: add "
                f"{' and '.join(f'{k}: …' for k in missing)} to the closure",
            )


def _or_remove(action: Action) -> str:
    if action.status in (Status.DONE, Status.DROPPED):
        return ""
    return " or remove the closure while it is open"
