"""When actions fall due, whether they are overdue, and their RAG rating: one rule, used everywhere.

The rule (printed as the key under every status table):

- complete: the action is done (dropped actions are shown as dropped, never rated);
- red: overdue (its current target, the end of the month for a month target, is before the as-of
  date) or blocked;
- amber: due within `soon` days and not done, or no progress recorded for `stale` days (counted
  from the last progress update, or from the plan's adoption date when there is none);
- green: otherwise.

A rating set by hand in the plan (`rag:` with `rag_reason:`) is shown beside the computed one;
it never replaces it. Time is always a parameter: nothing here reads today's date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from actionplan.findings import plural
from actionplan.model.plan import Action, ClosureKind, Status, Target, TargetKind

SOON_DAYS = 30
STALE_DAYS = 90


class RagRating(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    COMPLETE = "complete"
    DROPPED = "dropped"


RAG_ORDER = {
    RagRating.RED: 0,
    RagRating.AMBER: 1,
    RagRating.GREEN: 2,
    RagRating.COMPLETE: 3,
    RagRating.DROPPED: 4,
}

RAG_KEY = (
    "RAG key: RED overdue or blocked; AMBER due within {soon} days, or no progress for {stale} "
    "days; GREEN on track; COMPLETE done; DROPPED no longer pursued. Ongoing and dependent "
    "targets are never overdue."
)


def is_closed(action: Action) -> bool:
    return action.status in (Status.DONE, Status.DROPPED)


def due_date(action: Action) -> date | None:
    """The date the action is due now: its latest target (revised or not), or None."""
    target = action.current_target
    if target is None:
        return None
    return target.due_date(action.last_update)


def days_overdue(action: Action, as_of: date) -> int:
    """Days past due as of `as_of`; 0 when not overdue (closed, undated or not yet due)."""
    due = due_date(action)
    if due is None or is_closed(action) or due >= as_of:
        return 0
    return (as_of - due).days


def days_without_progress(action: Action, as_of: date, since: date | None = None) -> int | None:
    """Days from the last progress update (or from `since`, the plan's adoption, when there is
    none) to `as_of`; None when there is neither."""
    last = action.last_update or since
    return None if last is None else (as_of - last).days


def is_stale(
    action: Action, as_of: date, *, stale: int = STALE_DAYS, since: date | None = None
) -> bool:
    """Open, with no progress recorded for `stale` days or more (counted as
    `days_without_progress`): the staleness that makes an action AMBER, whatever its colour."""
    quiet = days_without_progress(action, as_of, since)
    return not is_closed(action) and quiet is not None and quiet >= stale


def slippage_days(action: Action) -> int:
    """How far revisions have moved the target: latest due date minus the original's."""
    if not action.revisions or action.target is None:
        return 0
    original = action.target.due_date()
    revised = action.revisions[-1].target.due_date()
    if original is None or revised is None:
        return 0
    return (revised - original).days


def target_label(target: Target | None, text: str | None) -> str:
    """The target as written in the source when known, else as parsed."""
    if target is None:
        return text or "no target"
    if text:
        return text
    if target.kind is TargetKind.DEPENDENT:
        return "dependent"
    return str(target)


@dataclass(frozen=True)
class Rating:
    rag: RagRating
    reason: str


def rate(
    action: Action,
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    since: date | None = None,
) -> Rating:
    """The RAG rating of an action as of a date, with the reason it got it.

    `since` is the date progress is counted from when the action has no update (the plan's
    adoption date); without it an action with no updates is never called stale.
    """
    closure = action.closure
    if action.status is Status.DROPPED:
        if closure is not None and closure.kind is ClosureKind.RISK_ACCEPTED:
            by = f" by {closure.accepted_by}" if closure.accepted_by else ""
            return Rating(RagRating.DROPPED, f"risk accepted{by}: not to be done")
        if closure is not None and closure.kind is ClosureKind.SUPERSEDED:
            by = f" by {closure.superseded_by}" if closure.superseded_by else ""
            return Rating(RagRating.DROPPED, f"superseded{by}")
        return Rating(RagRating.DROPPED, "dropped: no longer pursued")
    if action.status is Status.DONE:
        if action.completed_on is not None:
            when = f" on {action.completed_on.isoformat()}"
        else:
            when = " (date not recorded)" if action.completed is not None else ""
        implemented = closure is not None and closure.kind is ClosureKind.IMPLEMENTED
        return Rating(RagRating.COMPLETE, f"{'implemented' if implemented else 'done'}{when}")
    overdue = days_overdue(action, as_of)
    due = due_date(action)
    if overdue:
        assert due is not None
        return Rating(
            RagRating.RED, f"overdue: due {due.isoformat()}, {plural(overdue, 'day')} ago"
        )
    if action.status is Status.BLOCKED:
        reason = f": {action.status_reason}" if action.status_reason else ""
        return Rating(RagRating.RED, f"blocked{reason}")
    if due is not None and (due - as_of).days <= soon:
        return Rating(RagRating.AMBER, f"due {due.isoformat()}, within {soon} days")
    if is_stale(action, as_of, stale=stale, since=since):
        last = action.last_update or since
        assert last is not None
        what = "last progress update" if action.last_update else "no progress update since"
        return Rating(
            RagRating.AMBER,
            f"stale: {what} {last.isoformat()}, {plural((as_of - last).days, 'day')} ago "
            f"({stale} or more)",
        )
    target = action.current_target
    if target is not None and target.kind in (TargetKind.ONGOING, TargetKind.DEPENDENT):
        return Rating(RagRating.GREEN, f"{target.kind.value}: never overdue")
    if due is None:
        return Rating(RagRating.GREEN, "no dated target")
    return Rating(RagRating.GREEN, f"on track: due {due.isoformat()}")
