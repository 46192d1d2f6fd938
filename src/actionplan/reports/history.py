"""What changed between two revisions of the plans, and one item's life along the history.

Plans are matched by `plan.id` and actions by their id within it, never by path: a renamed file
is the same plan. The difference is worded the way a committee reconciles it, open at the start
+ added + reopened - closed - deleted = open at the end (the waterfall), and every list the
waterfall counts is given in full, so each figure can be checked against its rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from actionplan.errors import ActionPlanError
from actionplan.history.git import Commit
from actionplan.history.reader import Snapshot
from actionplan.load import LoadedPlan
from actionplan.model.lookup import lookup
from actionplan.model.plan import (
    Action,
    ClosureKind,
    PlanFile,
    ProgressUpdate,
    Recommendation,
    Status,
    Target,
)
from actionplan.schedule import (
    RAG_ORDER,
    SOON_DAYS,
    STALE_DAYS,
    RagRating,
    days_overdue,
    is_closed,
    rate,
    target_label,
)

# --- One action, in words both reports share -------------------------------------------------


def closed_how(action: Action) -> str:
    """How a closed action was closed: done, implemented, risk accepted, superseded, dropped."""
    kind = action.closure.kind if action.closure is not None else None
    if action.status is Status.DONE:
        return "implemented" if kind is ClosureKind.IMPLEMENTED else "done"
    if kind is ClosureKind.RISK_ACCEPTED:
        return "risk accepted"
    if kind is ClosureKind.SUPERSEDED:
        return "superseded"
    return "dropped"


def status_words(action: Action) -> str:
    """`in-progress`, or for a closed action how it closed: `done`, `dropped (superseded)`."""
    if not is_closed(action):
        return action.status.value
    how = closed_how(action)
    return how if how == action.status.value else f"{action.status.value} ({how})"


def current_target_label(action: Action) -> str:
    """The current target as parsed (`2020-06`), not the source's wording, which an edit of
    the target often leaves as it was."""
    return target_label(action.current_target, None)


def _due(target: Target | None) -> date | None:
    return target.due_date() if target is not None else None


def _closed_on(action: Action) -> date | None:
    if action.completed_on is not None:
        return action.completed_on
    closure = action.closure
    return closure.date if closure is not None and isinstance(closure.date, date) else None


# --- The difference between two revisions ----------------------------------------------------


@dataclass(frozen=True)
class ActionRef:
    plan: str
    recommendation: str
    id: str
    text: str


@dataclass(frozen=True)
class Closed:
    action: ActionRef
    how: str  # done, implemented, risk accepted, superseded or dropped
    on: date | None  # its completion (or closure) date, when the plan records one


@dataclass(frozen=True)
class Reopened:
    action: ActionRef
    was: str  # how it had been closed
    status: Status


@dataclass(frozen=True)
class Added:
    action: ActionRef
    status: str
    open: bool


@dataclass(frozen=True)
class Deleted:
    action: ActionRef
    status: str  # as it was at OLD
    was_open: bool


@dataclass(frozen=True)
class Slipped:
    action: ActionRef
    old: str
    new: str
    days: int | None  # later (+) or earlier (-), when both targets are dated
    approved: bool  # a `revisions:` entry was added for it
    reason: str | None  # the new revision's reason


@dataclass(frozen=True)
class RagChanged:
    """The computed RAG of an action open at both ends (a closure is listed as closed)."""

    action: ActionRef
    old: RagRating
    new: RagRating
    reason: str  # why it has its new rating


@dataclass(frozen=True)
class Recorded:
    """A progress entry present at NEW and not at OLD."""

    action: ActionRef
    on: date | None
    note: str
    status: Status | None
    by: str | None


@dataclass(frozen=True)
class Waterfall:
    """Open at OLD + added + reopened - closed - deleted = open at NEW (open actions only:
    one added already closed, or deleted once closed, moves nothing)."""

    open_old: int = 0
    added: int = 0
    reopened: int = 0
    closed: int = 0
    deleted: int = 0
    open_new: int = 0
    overdue_old: int = 0
    overdue_new: int = 0

    @property
    def reconciles(self) -> bool:
        return (
            self.open_old + self.added + self.reopened - self.closed - self.deleted == self.open_new
        )

    def __add__(self, other: Waterfall) -> Waterfall:
        return Waterfall(
            *(
                getattr(self, name) + getattr(other, name)
                for name in (
                    "open_old",
                    "added",
                    "reopened",
                    "closed",
                    "deleted",
                    "open_new",
                    "overdue_old",
                    "overdue_new",
                )
            )
        )


@dataclass(frozen=True)
class PlanDiff:
    plan: str
    title: str
    old_path: str | None  # None: the plan is new at NEW
    new_path: str | None  # None: the plan is gone at NEW
    closed: list[Closed] = field(default_factory=list)
    reopened: list[Reopened] = field(default_factory=list)
    added: list[Added] = field(default_factory=list)
    deleted: list[Deleted] = field(default_factory=list)
    slipped: list[Slipped] = field(default_factory=list)
    rag_changes: list[RagChanged] = field(default_factory=list)
    recorded: list[Recorded] = field(default_factory=list)
    waterfall: Waterfall = Waterfall()

    @property
    def renamed(self) -> bool:
        return None not in (self.old_path, self.new_path) and self.old_path != self.new_path

    @property
    def changed(self) -> bool:
        return self.renamed or any(
            (
                self.closed,
                self.reopened,
                self.added,
                self.deleted,
                self.slipped,
                self.rag_changes,
                self.recorded,
                self.old_path is None,
                self.new_path is None,
            )
        )


@dataclass(frozen=True)
class End:
    """One end of the difference: what was named, the commit (None: the working tree), and
    the date its RAG and overdue figures are computed as of."""

    label: str
    commit: str | None
    as_of: date


@dataclass(frozen=True)
class DiffReport:
    old: End
    new: End
    plans: list[PlanDiff]
    waterfall: Waterfall
    soon: int
    stale: int


def _ref(plan: PlanFile, rec: Recommendation, action: Action) -> ActionRef:
    return ActionRef(plan.plan.id, rec.id, action.id, " ".join(action.text.split()))


def _actions(loaded: LoadedPlan | None) -> dict[str, tuple[Recommendation, Action]]:
    if loaded is None:
        return {}
    return {action.id: (rec, action) for rec, action in loaded.plan.actions()}


def _entry_key(update: ProgressUpdate) -> tuple[str, str, str | None, str | None]:
    return (str(update.date), update.note, update.status, update.by)


def diff_plan(
    old: LoadedPlan | None,
    new: LoadedPlan | None,
    old_day: date,
    new_day: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
) -> PlanDiff:
    """What changed in one plan (known by its id) from `old` to `new`; either may be None."""
    either = new or old
    assert either is not None
    plan = either.plan
    before, after = _actions(old), _actions(new)
    diff = PlanDiff(
        plan.plan.id,
        plan.plan.title,
        old.path if old else None,
        new.path if new else None,
    )
    old_since = old.plan.plan.adopted if old else None
    new_since = new.plan.plan.adopted if new else None
    for ident, (rec, action) in after.items():
        ref = _ref(plan if new is None else new.plan, rec, action)
        was = before.get(ident)
        known = {_entry_key(u) for u in was[1].progress} if was else set()
        diff.recorded.extend(
            Recorded(ref, u.on, " ".join(u.note.split()), u.status, u.by)
            for u in action.progress
            if _entry_key(u) not in known
        )
        if was is None:
            diff.added.append(Added(ref, status_words(action), not is_closed(action)))
            continue
        previous = was[1]
        if not is_closed(previous) and is_closed(action):
            diff.closed.append(Closed(ref, closed_how(action), _closed_on(action)))
        elif is_closed(previous) and not is_closed(action):
            diff.reopened.append(Reopened(ref, closed_how(previous), action.status))
        if previous.current_target != action.current_target:
            old_due, new_due = _due(previous.current_target), _due(action.current_target)
            added_revisions = action.revisions[len(previous.revisions) :]
            approved = len(action.revisions) > len(previous.revisions)
            diff.slipped.append(
                Slipped(
                    ref,
                    current_target_label(previous),
                    current_target_label(action),
                    (new_due - old_due).days if old_due and new_due else None,
                    approved,
                    added_revisions[-1].reason if added_revisions else None,
                )
            )
        if not is_closed(previous) and not is_closed(action):
            then = rate(previous, old_day, soon=soon, stale=stale, since=old_since)
            now = rate(action, new_day, soon=soon, stale=stale, since=new_since)
            if then.rag is not now.rag:
                diff.rag_changes.append(RagChanged(ref, then.rag, now.rag, now.reason))
    for ident, (rec, action) in before.items():
        if ident not in after:
            assert old is not None
            diff.deleted.append(
                Deleted(_ref(old.plan, rec, action), status_words(action), not is_closed(action))
            )
    waterfall = Waterfall(
        open_old=sum(not is_closed(a) for _r, a in before.values()),
        added=sum(a.open for a in diff.added),
        reopened=len(diff.reopened),
        closed=len(diff.closed),
        deleted=sum(d.was_open for d in diff.deleted),
        open_new=sum(not is_closed(a) for _r, a in after.values()),
        overdue_old=sum(days_overdue(a, old_day) > 0 for _r, a in before.values()),
        overdue_new=sum(days_overdue(a, new_day) > 0 for _r, a in after.values()),
    )
    # Every open action at either end is counted by exactly one term: if this fails, a
    # category above is wrong, and the report must not be printed.
    assert waterfall.reconciles, waterfall
    return dataclasses.replace(diff, waterfall=waterfall)


def _end(snapshot: Snapshot) -> End:
    revision = snapshot.revision
    return End(snapshot.label, revision.commit.id if revision else None, snapshot.as_of)


def diff_report(
    old: Snapshot, new: Snapshot, *, soon: int = SOON_DAYS, stale: int = STALE_DAYS
) -> DiffReport:
    """The difference between the plans at two revisions, plan by plan, and overall."""
    before, after = old.by_id(), new.by_id()
    plans = [
        diff_plan(before.get(ident), after.get(ident), old.as_of, new.as_of, soon=soon, stale=stale)
        for ident in sorted(before.keys() | after.keys())
    ]
    total = sum((p.waterfall for p in plans), Waterfall())
    assert total.reconciles, total
    return DiffReport(_end(old), _end(new), plans, total, soon, stale)


# --- One item's life -------------------------------------------------------------------------


class ItemNotFound(ActionPlanError, LookupError):
    """An id that names nothing in the history, or more than one plan's item."""


@dataclass(frozen=True)
class Step:
    """One commit that changed the item: the item as it stood after it, and what changed."""

    commit: str
    day: date
    author: str
    subject: str
    path: str | None  # None: the item is gone
    target: str
    due: date | None
    status: str
    rag: RagRating | None
    rag_reason: str
    changes: tuple[str, ...]
    notes: tuple[str, ...]  # the progress notes the commit added


@dataclass(frozen=True)
class ItemHistory:
    plan: str
    id: str
    kind: str  # action or recommendation
    text: str
    steps: list[Step]
    slippage_days: int | None  # the last due date minus the first, when both are dated
    first_target: str | None
    last_target: str | None
    until: str  # the commit the walk ended at


def _find_in(
    plans: Sequence[LoadedPlan], ident: str, plan_id: str | None
) -> list[tuple[LoadedPlan, Recommendation, Action | None]]:
    items: list[tuple[LoadedPlan, Recommendation, Action | None]] = []
    for loaded in plans:
        if plan_id is not None and loaded.plan.plan.id != plan_id:
            continue
        for rec in loaded.plan.recommendations:
            items.append((loaded, rec, None))
            items.extend((loaded, rec, action) for action in rec.actions)
    found = lookup(items, ident, lambda item: (item[2] or item[1]).id, close=3)
    return found.matches


def _action_changes(old: Action | None, new: Action | None, prefix: str = "") -> list[str]:
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [f"{prefix}added ({status_words(new)}, target {current_target_label(new)})"]
    if new is None:
        return [f"{prefix}deleted"]
    changes = []
    if old.status is not new.status or closed_how(old) != closed_how(new):
        if is_closed(old) and not is_closed(new):
            changes.append(f"{prefix}reopened: {status_words(old)} → {status_words(new)}")
        else:
            changes.append(f"{prefix}status {status_words(old)} → {status_words(new)}")
    if old.current_target != new.current_target:
        old_due, new_due = _due(old.current_target), _due(new.current_target)
        days = f", {_signed_days((new_due - old_due).days)}" if old_due and new_due else ""
        revised = len(new.revisions) > len(old.revisions)
        how = f" (revised: {new.revisions[-1].reason})" if revised else " (no revision recorded)"
        changes.append(
            f"{prefix}target {current_target_label(old)} → {current_target_label(new)}{days}{how}"
        )
    known = {_entry_key(u) for u in old.progress}
    if any(_entry_key(u) not in known for u in new.progress):
        changes.append(f"{prefix}progress recorded")
    if not changes and old != new:
        changes.append(f"{prefix}edited")
    return changes


def _signed_days(days: int) -> str:
    word = "day" if abs(days) == 1 else "days"
    return f"+{days} {word}" if days > 0 else f"{days} {word}"


def _new_notes(old: Action | None, new: Action | None) -> list[str]:
    if new is None:
        return []
    known = {_entry_key(u) for u in old.progress} if old else set()
    return [
        f"{u.date if u.on is None else u.on.isoformat()}: {' '.join(u.note.split())}"
        for u in new.progress
        if _entry_key(u) not in known
    ]


@dataclass(frozen=True)
class _State:
    path: str
    rec: Recommendation
    action: Action | None
    adopted: date | None


def item_history(
    along: Iterable[tuple[Commit, list[LoadedPlan]]],
    ident: str,
    *,
    plan_id: str | None = None,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
) -> ItemHistory:
    """Each commit (oldest first) that changed the action or recommendation `ident`, with its
    target, status and RAG as computed on that commit's day, and the total slippage."""
    steps: list[Step] = []
    previous: _State | None = None
    chosen: str | None = plan_id
    kind = text = ""
    first_due: date | None = None
    last_due: date | None = None
    first_target: str | None = None
    last_target: str | None = None
    until = ""
    for commit, plans in along:
        until = commit.short
        matches = _find_in(plans, ident, chosen)
        owners = {loaded.plan.plan.id for loaded, _r, _a in matches}
        if len(owners) > 1:
            listed = ", ".join(sorted(owners))
            raise ItemNotFound(
                f"'{ident}' is an item of {len(owners)} plans ({listed}) at {commit.short}: "
                "add --plan PLAN_ID to choose one"
            )
        if len(matches) > 1:
            raise ItemNotFound(
                f"'{ident}' names {len(matches)} items of plan {owners.pop()} at {commit.short}: "
                "give the id exactly as written"
            )
        state = None
        if matches:
            loaded, rec, action = matches[0]
            chosen = loaded.plan.plan.id
            kind = "recommendation" if action is None else "action"
            state = _State(loaded.path, rec, action, loaded.plan.plan.adopted)
        if state is None and previous is None:
            continue
        if state is not None and previous is not None and _same(previous, state):
            continue
        step = _step(commit, previous, state, soon=soon, stale=stale)
        steps.append(step)
        if state is not None:
            words = state.action.text if state.action else state.rec.text or state.rec.title
            text = " ".join(words.split())
            if first_target is None:
                first_target, first_due = step.target, step.due
            last_target, last_due = step.target, step.due
        previous = state
    if not steps:
        raise ItemNotFound(
            f"no recommendation or action has id '{ident}' in any commit of these plans' "
            "history: run 'actionplan status' to see the ids"
        )
    assert chosen is not None
    slippage = (last_due - first_due).days if first_due and last_due else None
    return ItemHistory(
        chosen, ident.strip(), kind, text, steps, slippage, first_target, last_target, until
    )


def _same(old: _State, new: _State) -> bool:
    return old.rec == new.rec if new.action is None else old.action == new.action


def _rec_changes(old: Recommendation | None, new: Recommendation | None) -> list[str]:
    before = {a.id: a for a in old.actions} if old else {}
    after = {a.id: a for a in new.actions} if new else {}
    changes = []
    for ident in [*after, *(i for i in before if i not in after)]:
        changes += _action_changes(before.get(ident), after.get(ident), f"{ident}: ")
    if not changes and old != new:
        changes.append("edited")
    return changes


def _step(commit: Commit, old: _State | None, new: _State | None, *, soon: int, stale: int) -> Step:
    day = commit.day
    if new is None:
        assert old is not None
        return Step(
            commit.short,
            day,
            commit.author,
            commit.subject,
            None,
            "",
            None,
            "deleted",
            None,
            "",
            ("deleted",),
            (),
        )
    if new.action is not None:
        action = new.action
        before = old.action if old else None
        rating = rate(action, day, soon=soon, stale=stale, since=new.adopted)
        changes = _action_changes(before, action) if old else ["added"]
        return Step(
            commit.short,
            day,
            commit.author,
            commit.subject,
            new.path,
            current_target_label(action),
            _due(action.current_target),
            status_words(action),
            rating.rag,
            rating.reason,
            tuple(changes),
            tuple(_new_notes(before, action)),
        )
    rec = new.rec
    ratings = [rate(a, day, soon=soon, stale=stale, since=new.adopted) for a in rec.actions]
    worst = min(ratings, key=lambda r: RAG_ORDER[r.rag]) if ratings else None
    dues = [d for d in (_due(a.current_target) for a in rec.actions) if d is not None]
    latest = max(dues) if dues else None
    closed = sum(is_closed(a) for a in rec.actions)
    notes = []
    for action in rec.actions:
        before_action = (
            next((a for a in old.rec.actions if a.id == action.id), None) if old else None
        )
        notes += [f"{action.id} {n}" for n in _new_notes(before_action, action)]
    return Step(
        commit.short,
        day,
        commit.author,
        commit.subject,
        new.path,
        latest.isoformat() if latest else "no dated target",
        latest,
        f"{closed} of {len(rec.actions)} closed",
        worst.rag if worst else None,
        worst.reason if worst else "no actions",
        tuple(_rec_changes(old.rec if old else None, rec) if old else ["added"]),
        tuple(notes),
    )
