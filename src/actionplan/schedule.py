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
    return _due(action, action.last_update)


def _due(action: Action, last_update: date | None) -> date | None:
    target = action.current_target
    return None if target is None else target.due_date(last_update)


def days_overdue(action: Action, as_of: date) -> int:
    """Days past due as of `as_of`; 0 when not overdue (closed, undated or not yet due)."""
    return _days_past(due_date(action), is_closed(action), as_of)


def _days_past(due: date | None, closed: bool, as_of: date) -> int:
    return 0 if due is None or closed or due >= as_of else (as_of - due).days


def days_without_progress(action: Action, as_of: date, since: date | None = None) -> int | None:
    """Days from the last progress update (or from `since`, the plan's adoption, when there is
    none) to `as_of`; None when there is neither."""
    return _quiet_days(action.last_update, since, as_of)


def _quiet_days(last_update: date | None, since: date | None, as_of: date) -> int | None:
    last = last_update or since
    return None if last is None else (as_of - last).days


def is_stale(
    action: Action, as_of: date, *, stale: int = STALE_DAYS, since: date | None = None
) -> bool:
    """Open, with no progress recorded for `stale` days or more (counted as
    `days_without_progress`): the staleness that makes an action AMBER, whatever its colour."""
    return _is_stale(is_closed(action), days_without_progress(action, as_of, since), stale)


def _is_stale(closed: bool, quiet: int | None, stale: int) -> bool:
    return not closed and quiet is not None and quiet >= stale


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


# Rating and Standing: made for every action of every report, so plain dataclasses, not frozen
# (why, in charts.scene), though never changed once made.
@dataclass(unsafe_hash=True)
class Rating:
    rag: RagRating
    reason: str


@dataclass(slots=True)
class Standing:
    """Where an action stands as of a date, each fact worked out once (a status row, the
    portfolio's counts and the RAG rating all read them from here)."""

    rating: Rating
    due: date | None  # `due_date`
    days_overdue: int  # `days_overdue`
    due_soon: bool  # open and due within the `soon` window (today included)
    last_update: date | None
    quiet_days: int | None  # `days_without_progress`
    stale: bool  # `is_stale`

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0


def standing(
    action: Action,
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    since: date | None = None,
) -> Standing:
    """Where `action` stands as of `as_of`: its RAG rating (`rate`), when it is due, how far
    overdue, whether due soon, its last update, and how long it has gone without progress.

    `since` is the date progress is counted from when the action has no update (the plan's
    adoption date); without it an action with no updates is never called stale.
    """
    last = action.last_update
    due = _due(action, last)
    closed = is_closed(action)
    overdue = _days_past(due, closed, as_of)
    quiet = _quiet_days(last, since, as_of)
    quiet_too_long = _is_stale(closed, quiet, stale)
    rating = _rating(action, as_of, due, overdue, quiet_too_long, last or since, soon, stale)
    due_soon = not closed and due is not None and 0 <= (due - as_of).days <= soon
    return Standing(rating, due, overdue, due_soon, last, quiet, quiet_too_long)


def rate(
    action: Action,
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    since: date | None = None,
) -> Rating:
    """The RAG rating of an action as of a date, with the reason it got it (`standing`)."""
    return standing(action, as_of, soon=soon, stale=stale, since=since).rating


def _rating(
    action: Action,
    as_of: date,
    due: date | None,
    overdue: int,
    quiet_too_long: bool,
    quiet_since: date | None,
    soon: int,
    stale: int,
) -> Rating:
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
    if quiet_too_long:
        assert quiet_since is not None
        what = "last progress update" if action.last_update else "no progress update since"
        return Rating(
            RagRating.AMBER,
            f"stale: {what} {quiet_since.isoformat()}, "
            f"{plural((as_of - quiet_since).days, 'day')} ago ({stale} or more)",
        )
    target = action.current_target
    if target is not None and target.kind in (TargetKind.ONGOING, TargetKind.DEPENDENT):
        return Rating(RagRating.GREEN, f"{target.kind.value}: never overdue")
    if due is None:
        return Rating(RagRating.GREEN, "no dated target")
    return Rating(RagRating.GREEN, f"on track: due {due.isoformat()}")
