"""Who to chase before a meeting, and for what: per owner, the actions that need an update.

An action is chased when it is open and overdue, due within `soon` days, or has had no progress
for `stale` days, as of a date. The rows and their ratings are `status_report`'s (the one rule
is `schedule`'s); this module only picks the rows and groups them by person, as the people
directory has them (an alias counts as its person), then by plan. Nothing here writes mail:
`output.mail` words each owner's chaser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from actionplan.model.people import Directory
from actionplan.model.plan import Person, PlanFile
from actionplan.reports.board import Withheld, published_parts
from actionplan.reports.status import ActionStatus, names_by_key, owner_names, status_report
from actionplan.schedule import SOON_DAYS, STALE_DAYS


class Why(StrEnum):
    """Why an action is chased (an action may be chased for more than one reason)."""

    OVERDUE = "overdue"
    DUE_SOON = "due-soon"
    STALE = "stale"


def chase_reasons(row: ActionStatus) -> tuple[Why, ...]:
    """Why `row` needs an update, as its status row says; none for a closed action."""
    if row.closed:
        return ()
    reasons = []
    if row.overdue:
        reasons.append(Why.OVERDUE)
    if row.due_soon:
        reasons.append(Why.DUE_SOON)
    if row.stale:
        reasons.append(Why.STALE)
    return tuple(reasons)


@dataclass(frozen=True)
class Chased:
    """One action to chase, and why."""

    row: ActionStatus
    reasons: tuple[Why, ...]


@dataclass(frozen=True)
class PlanChased:
    """An owner's chased actions in one plan; `path` is the file `actionplan update` edits."""

    plan: str
    title: str
    path: str
    actions: tuple[Chased, ...]


@dataclass(frozen=True)
class Owner:
    """Who a chaser goes to: a declared person (by id), or a name no directory declares."""

    name: str
    id: str | None = None  # the person's id, when declared
    email: str | None = None

    @property
    def declared(self) -> bool:
        return self.id is not None


@dataclass(frozen=True)
class Chaser:
    """One owner's chaser: their chased actions, plan by plan."""

    owner: Owner
    plans: tuple[PlanChased, ...]

    @property
    def actions(self) -> list[Chased]:
        return [each for plan in self.plans for each in plan.actions]


@dataclass(frozen=True)
class ChaseReport:
    as_of: date
    soon: int
    stale: int
    chasers: list[Chaser]  # by owner's name
    unowned: tuple[PlanChased, ...] = ()  # the chased actions no one owns, by plan
    withheld: Withheld = field(default_factory=Withheld)

    @property
    def no_email(self) -> list[Chaser]:
        return [c for c in self.chasers if c.owner.email is None]

    @property
    def unowned_actions(self) -> list[Chased]:
        return [each for plan in self.unowned for each in plan.actions]


def chase_report(
    plans: Sequence[PlanFile],
    paths: Mapping[str, str],
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    people: Sequence[Person] = (),
    include_exempt: bool = False,
) -> ChaseReport:
    """Each owner's actions to chase as of `as_of`, grouped by person, then plan.

    `paths` maps each plan's id to its file; `people` are the settings files' declared people,
    matched after each plan's own (as `status_report` matches them). Exempt items are left out,
    and counted, unless `include_exempt`. Actions with no owner are gathered in `unowned`.
    """
    withheld = Withheld()
    if not include_exempt:
        plans, withheld = published_parts(plans)
    status = status_report(plans, as_of, soon=soon, stale=stale, people=people)
    directories = {plan.plan.id: Directory.of(plan.people, people) for plan in plans}
    titles = {plan.plan.id: plan.plan.title for plan in plans}
    owners: dict[str, Owner] = {}
    owned: dict[str, list[Chased]] = {}
    unowned: list[Chased] = []
    for row in status.actions:
        reasons = chase_reasons(row)
        if not reasons:
            continue
        chased = Chased(row, reasons)
        names = names_by_key(owner_names(row))
        if not names:
            unowned.append(chased)
        for key, name in names.items():
            owners[key] = _merged(owners.get(key), _owner(directories[row.plan], name))
            owned.setdefault(key, []).append(chased)
    chasers = [
        Chaser(owners[key], _by_plan(actions, titles, paths)) for key, actions in owned.items()
    ]
    chasers.sort(key=lambda c: c.owner.name.casefold())
    return ChaseReport(
        as_of,
        soon,
        stale,
        chasers,
        _by_plan(unowned, titles, paths),
        withheld,
    )


def _owner(directory: Directory, name: str) -> Owner:
    person = directory.find(name)
    if person is None:
        return Owner(name)
    email = " ".join(person.email.split()) if person.email else None
    return Owner(person.name, person.id, email or None)


def _merged(known: Owner | None, met: Owner) -> Owner:
    """The owner as first met, with an email another plan's directory gives them."""
    if known is None:
        return met
    if known.email is None and met.email is not None:
        return Owner(known.name, known.id or met.id, met.email)
    return known


def _by_plan(
    actions: Sequence[Chased], titles: Mapping[str, str], paths: Mapping[str, str]
) -> tuple[PlanChased, ...]:
    """The actions gathered by plan, plans and actions in the order the report has them."""
    grouped: dict[str, list[Chased]] = {}
    for each in actions:
        grouped.setdefault(each.row.plan, []).append(each)
    return tuple(
        PlanChased(plan, titles[plan], paths[plan], tuple(rows)) for plan, rows in grouped.items()
    )
