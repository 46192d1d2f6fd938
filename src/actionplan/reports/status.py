"""The status of every action as of a date, as plain rows: for `status`, `owners`, `show`, `report`.

Nothing here prints, reads the clock or knows about output formats. Every rating and every
overdue count comes from `schedule` (the one rule); this module only gathers, filters and counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from typing import Protocol

from actionplan.errors import ActionPlanError
from actionplan.model.lookup import lookup
from actionplan.model.names import fold
from actionplan.model.people import NOBODY, Directory
from actionplan.model.plan import (
    Action,
    ClosureKind,
    NotRecorded,
    Person,
    PlanFile,
    Rag,
    Recommendation,
    Status,
    TargetKind,
    exempt_under,
)
from actionplan.schedule import (
    RAG_ORDER,
    SOON_DAYS,
    STALE_DAYS,
    RagRating,
    slippage_days,
    standing,
    target_label,
)

# --- One action ------------------------------------------------------------------------------


# Not frozen, though never changed once made: a portfolio makes one an action, and a frozen
# dataclass sets each of its fields through object.__setattr__ (twice the time to make); nor
# are the other rows a site makes by the thousand (RecommendationStatus, OwnerRow, Found).
@dataclass
class ActionStatus:
    """Where one action stands as of a date."""

    plan: str
    recommendation: str
    recommendation_title: str
    theme: str | None
    theme_title: str | None
    id: str
    text: str
    owners: tuple[str, ...]
    target: str  # the current target as written (the source's wording when not revised)
    original_target: str | None  # the target as first written, when revisions moved it
    slippage_days: int
    due_date: date | None
    never_overdue: bool  # ongoing or dependent
    status: Status
    status_reason: str | None
    completed: date | NotRecorded | None
    rag: RagRating
    rag_reason: str
    hand_rag: Rag | None
    hand_rag_reason: str | None
    days_overdue: int
    due_soon: bool  # open and due within the `soon` window (today included)
    last_update: date | None
    # Days since the last progress update (or the plan's adoption, when none); None when the
    # plan has neither. `stale`: open and quiet for `stale` days or more, whatever the RAG.
    quiet_days: int | None = None
    stale: bool = False
    # Format 2, where the plan says them (None otherwise):
    version: int = 1  # the plan's format
    revisions: int = 0  # how many times the target was revised
    unapproved: int = 0  # format 2: revisions with neither an approval nor 'not-recorded'
    people: tuple[str, ...] = ()  # the owners as declared people (their declared names)
    no_owner: str | None = None  # why no one owns it, when the plan says so
    closure: ClosureKind | None = None
    acceptance: str | None = None  # the recommendation's
    priority: str | None = None
    assurance: str | None = None
    exempt: bool = False  # the action, its recommendation or its plan is exempt
    exempt_under: str | None = None  # the Schedule 12A paragraph (or 'personal data') it is

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def closed(self) -> bool:
        return self.status in (Status.DONE, Status.DROPPED)


def action_status(
    plan: PlanFile,
    rec: Recommendation,
    action: Action,
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    people: Directory = NOBODY,
) -> ActionStatus:
    """The status row of one action; staleness counts from the plan's adoption when no update.

    `people` is the directory owners are matched against (the plan's and the settings').
    """
    now = standing(action, as_of, soon=soon, stale=stale, since=plan.plan.adopted)
    rating, due = now.rating, now.due
    current = action.current_target
    if action.revisions:
        target = target_label(current, None)
        original: str | None = target_label(action.target, action.target_text)
    else:
        target, original = target_label(current, action.target_wording), None
    theme_title = next((t.title for t in plan.plan.themes if t.id == rec.theme), None)
    return ActionStatus(
        plan=plan.plan.id,
        recommendation=rec.id,
        recommendation_title=rec.title,
        theme=rec.theme,
        theme_title=theme_title,
        id=action.id,
        text=" ".join(action.text.split()),
        owners=tuple(action.owners),
        target=target,
        original_target=original,
        slippage_days=slippage_days(action),
        due_date=due,
        never_overdue=current is not None
        and current.kind in (TargetKind.ONGOING, TargetKind.DEPENDENT),
        status=action.status,
        status_reason=action.status_reason,
        completed=action.completed,
        rag=rating.rag,
        rag_reason=rating.reason,
        hand_rag=action.rag,
        hand_rag_reason=action.rag_reason,
        days_overdue=now.days_overdue,
        version=plan.version,
        revisions=len(action.revisions),
        unapproved=sum(
            1
            for r in action.revisions
            if plan.version >= 2 and r.approved_at is None and r.approved_by is None
        ),
        people=tuple(dict.fromkeys(people.canonical(o) for o in action.owners)),
        no_owner=action.no_owner,
        closure=action.closure.kind if action.closure else None,
        acceptance=rec.acceptance.value if rec.acceptance else None,
        priority=rec.priority,
        assurance=rec.assurance,
        exempt=any(x is not None for x in (action.exempt, rec.exempt, plan.plan.exempt)),
        exempt_under=exempt_under(action.exempt, rec.exempt, plan.plan.exempt),
        due_soon=now.due_soon,
        last_update=now.last_update,
        quiet_days=now.quiet_days,
        stale=now.stale,
    )


# --- Filters ---------------------------------------------------------------------------------


def _fold(text: str) -> str:
    return fold(text)


@dataclass(frozen=True)
class StatusFilters:
    """Which actions to show; every filter given must match (owner and theme ignore case)."""

    owner: str | None = None
    theme: str | None = None
    recommendation: str | None = None
    status: Status | None = None
    rag: RagRating | None = None
    overdue: bool = False

    def matches(self, row: ActionStatus, people: Directory = NOBODY) -> bool:
        """Whether `row` passes. --owner names a person by any name `people` gives them (id,
        name or alias: `row.people` are the declared names), else an owner as written."""
        if self.owner is not None:
            person = people.find(self.owner)
            wanted = _fold(person.name if person is not None else self.owner)
            if wanted not in {_fold(o) for o in (*row.owners, *row.people)}:
                return False
        if self.theme is not None and _fold(self.theme) not in {
            _fold(t) for t in (row.theme, row.theme_title) if t
        }:
            return False
        if self.recommendation is not None and row.recommendation != self.recommendation.strip():
            return False
        if self.status is not None and row.status is not self.status:
            return False
        if self.rag is not None and row.rag is not self.rag:
            return False
        return not (self.overdue and not row.overdue)

    def describe(self) -> list[str]:
        """The filters given, as the options that set them: `--owner 'DSA Chair'`."""
        given = [
            ("--owner", self.owner),
            ("--theme", self.theme),
            ("--recommendation", self.recommendation),
            ("--status", self.status.value if self.status else None),
            ("--rag", self.rag.value if self.rag else None),
        ]
        described = [f"{option} '{value}'" for option, value in given if value is not None]
        return [*described, "--overdue"] if self.overdue else described


# --- The report ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionEvent:
    """Something that happened to an action in the --since window."""

    plan: str
    action: str
    date: date
    detail: str


@dataclass
class RecommendationStatus:
    """A recommendation's roll-up over the actions shown."""

    plan: str
    id: str
    title: str
    theme: str | None
    actions: list[ActionStatus]

    @property
    def done(self) -> int:
        return sum(1 for a in self.actions if a.status is Status.DONE)

    @property
    def dropped(self) -> int:
        return sum(1 for a in self.actions if a.status is Status.DROPPED)

    @property
    def worst_rag(self) -> RagRating | None:
        return min((a.rag for a in self.actions), key=RAG_ORDER.__getitem__, default=None)

    @property
    def progress_label(self) -> str:
        """`3 of 5 actions done` (dropped ones are named, not counted as done)."""
        total = len(self.actions)
        label = f"{self.done} of {total} action{'' if total == 1 else 's'} done"
        return f"{label}, {self.dropped} dropped" if self.dropped else label


@dataclass(frozen=True)
class StatusSummary:
    """The headline: counts by status and RAG, what is overdue and due soon, and the window."""

    plans: int
    recommendations: int
    actions: int
    by_status: dict[Status, int]
    by_rag: dict[RagRating, int]
    overdue: int
    due_soon: list[ActionStatus]  # by due date
    soon: int
    stale: int
    since: date | None = None
    completed: list[ActionEvent] = field(default_factory=list)
    newly_overdue: list[ActionEvent] = field(default_factory=list)
    revised: list[ActionEvent] = field(default_factory=list)
    # Actions with progress, a revision or a completion dated after the as-of date: the file
    # holds them, so they are counted, and the headline says so.
    recorded_later: list[ActionStatus] = field(default_factory=list)


@dataclass(frozen=True)
class PlanFigures:
    """A plan's figures over the actions shown, as the portfolio's row has them."""

    plan: str
    recommendations: int
    actions: int
    done: int
    overdue: int
    due_soon: int
    worst_rag: RagRating | None  # None when no action is shown


class Counted(Protocol):
    """What a plan's figures count of each action: an `ActionStatus`, or the portfolio's lighter
    record of one (`reports.portfolio`), which makes no status row for most actions."""

    @property
    def status(self) -> Status: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def due_soon(self) -> bool: ...
    @property
    def rag(self) -> RagRating: ...


def plan_figures(plan: str, recommendations: Sequence[RecommendationStatus]) -> PlanFigures:
    """The figures of `plan` over its recommendations' actions shown: `status` heads each
    plan's part with them across many plans, and the portfolio's row is made of them."""
    actions = [a for rec in recommendations for a in rec.actions]
    return figures_of(plan, len(recommendations), actions)


def figures_of(plan: str, recommendations: int, actions: Sequence[Counted]) -> PlanFigures:
    """`plan_figures` of `actions` in that many recommendations (those with actions shown)."""
    return PlanFigures(
        plan,
        recommendations,
        len(actions),
        sum(1 for a in actions if a.status is Status.DONE),
        sum(1 for a in actions if a.overdue),
        sum(1 for a in actions if a.due_soon),
        min((a.rag for a in actions), key=RAG_ORDER.__getitem__, default=None),
    )


@dataclass(frozen=True)
class StatusReport:
    as_of: date
    summary: StatusSummary
    recommendations: list[RecommendationStatus]
    filters: StatusFilters
    people: tuple[Person, ...] = ()  # the settings' people it was given: known owners too

    @property
    def actions(self) -> list[ActionStatus]:
        return [a for rec in self.recommendations for a in rec.actions]


def status_report(
    plans: Sequence[PlanFile],
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    since: date | None = None,
    filters: StatusFilters | None = None,
    people: Sequence[Person] = (),
) -> StatusReport:
    """Every action that passes `filters`, rated as of `as_of`, with the headline summary.

    `since` (the last meeting) adds what changed in the window (since, as_of]: actions completed,
    actions that became overdue, and target revisions. `people` are the settings file's
    declared people, matched after each plan's own.
    """
    filters = filters or StatusFilters()
    recs: list[RecommendationStatus] = []
    completed: list[ActionEvent] = []
    newly_overdue: list[ActionEvent] = []
    revised: list[ActionEvent] = []
    later: list[ActionStatus] = []
    for plan in plans:
        directory = Directory.of(plan.people, people)
        for rec in plan.recommendations:
            rows = []
            for action in rec.actions:
                row = action_status(
                    plan, rec, action, as_of, soon=soon, stale=stale, people=directory
                )
                if not filters.matches(row, directory):
                    continue
                rows.append(row)
                if _recorded_after(action, as_of):
                    later.append(row)
                if since is not None:
                    completed += _completed_in(row.plan, action, since, as_of)
                    newly_overdue += _newly_overdue(row, since)
                    revised += _revised_in(row.plan, action, since, as_of)
            if rows:
                recs.append(RecommendationStatus(plan.plan.id, rec.id, rec.title, rec.theme, rows))
    actions = [a for rec in recs for a in rec.actions]
    summary = StatusSummary(
        plans=len({rec.plan for rec in recs}),
        recommendations=len(recs),
        actions=len(actions),
        by_status={s: sum(1 for a in actions if a.status is s) for s in Status},
        by_rag={r: sum(1 for a in actions if a.rag is r) for r in RagRating},
        overdue=sum(1 for a in actions if a.overdue),
        due_soon=sorted((a for a in actions if a.due_soon), key=_by_due_date),
        soon=soon,
        stale=stale,
        since=since,
        completed=sorted(completed, key=lambda e: e.date),
        newly_overdue=sorted(newly_overdue, key=lambda e: e.date),
        revised=sorted(revised, key=lambda e: e.date),
        recorded_later=later,
    )
    return StatusReport(as_of, summary, recs, filters, tuple(people))


def _recorded_after(action: Action, as_of: date) -> bool:
    """Whether the action holds progress, a revision or a completion dated after `as_of`."""
    dates = [*(on for p in action.progress if (on := p.on)), *(r.date for r in action.revisions)]
    if action.completed_on is not None:
        dates.append(action.completed_on)
    return any(when > as_of for when in dates)


def _by_due_date(row: ActionStatus) -> date:
    assert row.due_date is not None
    return row.due_date


def _in_window(when: date, since: date, as_of: date) -> bool:
    return since < when <= as_of


def _completed_in(plan: str, action: Action, since: date, as_of: date) -> list[ActionEvent]:
    """Completed in the window: by its completion date, else a progress update saying done.
    An action reopened since (not done now) is not counted."""
    if action.status is not Status.DONE:
        return []
    when = action.completed_on
    if when is not None and _in_window(when, since, as_of):
        return [ActionEvent(plan, action.id, when, f"completed {when.isoformat()}")]
    # A completion or update whose date was not recorded is never counted as "since".
    for update in action.progress:
        if update.status is Status.DONE and update.on and _in_window(update.on, since, as_of):
            detail = f"reported done {update.on.isoformat()}"
            return [ActionEvent(plan, action.id, update.on, detail)]
    return []


def _newly_overdue(row: ActionStatus, since: date) -> list[ActionEvent]:
    """Fell due in the window and still open (so it was not overdue at the last meeting)."""
    if row.overdue and row.due_date is not None and row.due_date > since:
        return [ActionEvent(row.plan, row.id, row.due_date, f"due {row.due_date.isoformat()}")]
    return []


def _revised_in(plan: str, action: Action, since: date, as_of: date) -> list[ActionEvent]:
    events = []
    before = target_label(action.target, action.target_text)
    for revision in action.revisions:
        after = target_label(revision.target, None)
        if _in_window(revision.date, since, as_of):
            detail = f"revised {revision.date.isoformat()}: {before} → {after} ({revision.reason})"
            events.append(ActionEvent(plan, action.id, revision.date, detail))
        before = after
    return events


def unknown_filters(
    filters: StatusFilters, plans: Iterable[PlanFile], people: Sequence[Person] = ()
) -> list[str]:
    """The --owner, --theme or --recommendation given that names nothing in the plans (a
    typo, most likely: not the same as a name whose actions are all filtered out). An owner
    is known by any name a declared person goes by: the plans' `people` and the settings'."""
    plans = list(plans)
    owners = {_fold(owner) for owner in known_owners(plans)}
    declared = [*(person for plan in plans for person in plan.people), *people]
    owners.update(
        _fold(n) for person in declared for n in (person.id, person.name, *person.aliases)
    )
    themes = {_fold(t) for p in plans for theme in p.plan.themes for t in (theme.id, theme.title)}
    recommendations = {rec.id for p in plans for rec in p.recommendations}
    unknown = []
    if filters.owner is not None and _fold(filters.owner) not in owners:
        unknown.append(f"--owner '{filters.owner}'")
    if filters.theme is not None and _fold(filters.theme) not in themes:
        unknown.append(f"--theme '{filters.theme}'")
    if filters.recommendation is not None and filters.recommendation.strip() not in recommendations:
        unknown.append(f"--recommendation '{filters.recommendation}'")
    return unknown


def known_owners(plans: Iterable[PlanFile]) -> list[str]:
    """Every owner named in the plans, first spelling kept, in the order first met."""
    seen: dict[str, str] = {}
    for plan in plans:
        for _rec, action in plan.actions():
            for owner in action.owners:
                seen.setdefault(_fold(owner), " ".join(owner.split()))
    return list(seen.values())


# --- Owners ----------------------------------------------------------------------------------

NO_OWNER = "(no owner named)"
NO_OWNER_SAID = "(no owner, as the plan says)"  # format 2's no_owner: on purpose, with a reason


@dataclass(unsafe_hash=True)
class OwnerRow:
    """One responsible officer: what they own and what to chase them for."""

    owner: str
    actions: int
    done: int
    open: int  # neither done nor dropped
    overdue: int
    due_soon: int
    next_due: date | None  # the earliest due date among their open actions
    next_actions: tuple[ActionStatus, ...]  # the open actions due on that date


def owner_names(row: ActionStatus) -> list[str]:
    """The owners an action counts for: the declared people they are (an alias as its person),
    or the names as written; empty when no owner is named."""
    return list(row.people or row.owners)


def names_by_key(names: Iterable[str]) -> dict[str, str]:
    """Each name under the key it is grouped by (`fold`; a name given twice counts once), with
    its first spelling, its runs of spaces as one."""
    keyed: dict[str, str] = {}
    for name in names:
        keyed.setdefault(_fold(name), " ".join(name.split()))
    return keyed


def owner_keys(row: ActionStatus) -> dict[str, str]:
    """Whom an action counts for in the owners report, by key (`names_by_key`): its owners, or
    NO_OWNER_SAID or NO_OWNER when it has none."""
    return names_by_key(owner_names(row) or [NO_OWNER_SAID if row.no_owner else NO_OWNER])


def owner_rows(actions: Iterable[ActionStatus]) -> list[OwnerRow]:
    """One row per owner, names grouped ignoring case (first spelling kept), by name.

    Owners are grouped as the declared people they are (an alias counts as its person). An
    action with several owners counts for each; one with none is gathered under NO_OWNER_SAID
    when the plan says why, else NO_OWNER, listed last.
    """
    spelling: dict[str, str] = {}
    owned: dict[str, list[ActionStatus]] = {}
    for row in actions:
        for key, name in owner_keys(row).items():
            spelling.setdefault(key, name)
            owned.setdefault(key, []).append(row)
    result = []
    for key, rows in owned.items():
        open_dated = [r for r in rows if not r.closed and r.due_date is not None]
        next_due = min((r.due_date for r in open_dated if r.due_date), default=None)
        result.append(
            OwnerRow(
                owner=spelling[key],
                actions=len(rows),
                done=sum(1 for r in rows if r.status is Status.DONE),
                open=sum(1 for r in rows if not r.closed),
                overdue=sum(1 for r in rows if r.overdue),
                due_soon=sum(1 for r in rows if r.due_soon),
                next_due=next_due,
                next_actions=tuple(r for r in open_dated if r.due_date == next_due),
            )
        )
    return sorted(result, key=lambda r: (r.owner in (NO_OWNER, NO_OWNER_SAID), r.owner.casefold()))


def owner_rows_by_plan(
    actions: Iterable[ActionStatus], plans: Sequence[str]
) -> list[tuple[str, list[OwnerRow]]]:
    """`owner_rows` of each of `plans` (their ids, in order): none for a plan with no actions."""
    owned = {plan: owner_rows(rows) for plan, rows in groupby(actions, key=lambda a: a.plan)}
    return [(plan, owned.get(plan, [])) for plan in plans]


# --- Finding one recommendation or action ----------------------------------------------------


class NotFound(ActionPlanError, LookupError):
    """An id that names nothing, or more than one thing; the message says what to do."""


@dataclass
class Found:
    plan: PlanFile
    recommendation: Recommendation
    action: Action | None = None

    @property
    def kind(self) -> str:
        return "recommendation" if self.action is None else "action"

    @property
    def id(self) -> str:
        return self.recommendation.id if self.action is None else self.action.id


def find_item(plans: Sequence[PlanFile], ident: str, plan_id: str | None = None) -> Found:
    """The recommendation or action with this id; `plan_id` chooses among plans.

    Raises NotFound naming the candidates when the id is ambiguous, and close ids when unknown.
    """
    ident = ident.strip()
    if plan_id is not None:
        chosen = [p for p in plans if p.plan.id == plan_id]
        if not chosen:
            known = ", ".join(p.plan.id for p in plans)
            raise NotFound(f"no plan with id '{plan_id}': the plans loaded are {known}")
        plans = chosen
    everything: list[Found] = []
    for plan in plans:
        for rec in plan.recommendations:
            everything.append(Found(plan, rec))
            everything += [Found(plan, rec, action) for action in rec.actions]
    found = lookup(everything, ident, lambda f: f.id, close=3)
    matches = found.matches
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(f"{f.kind} {f.id} in plan {f.plan.plan.id}" for f in matches)
        raise NotFound(
            f"'{ident}' names {len(matches)} things: {listed}. Add --plan PLAN_ID to choose one"
        )
    close = found.close
    where = f"plan {plans[0].plan.id}" if len(plans) == 1 else f"{len(plans)} plans"
    hint = (
        f"did you mean {', '.join(close)}?" if close else "run 'actionplan status' to see the ids"
    )
    raise NotFound(f"no recommendation or action has id '{ident}' in {where}: {hint}")
