"""A council's whole portfolio: one row per plan, and the actions most overdue across them.

Every figure comes from what `status_report` rates each action by (`schedule.standing`) and
counts them with (`status.figures_of`), so a plan's done, overdue and due-soon counts are the
ones `actionplan status PLAN` gives; a full status row is made only for the actions listed.
A plan is summarised on its own (`summarise_plan`) into a small value, so a run over thousands
of files can load a plan, summarise it and drop it: memory is that of the largest plan, and the
summaries can be made in other processes. `portfolio_rows` is the plain "plans in, rows out"
(the site's index uses it); `portfolio_report` filters, sorts and picks the most overdue
actions.

Nothing here prints, reads the clock or knows about output formats.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from actionplan.findings import Finding, Severity
from actionplan.model.names import fold
from actionplan.model.people import Directory
from actionplan.model.plan import Action, Person, PlanFile, Recommendation, Status
from actionplan.reports.board import Withheld, paragraph_order, published_parts
from actionplan.reports.status import (
    ActionStatus,
    PlanFigures,
    StatusReport,
    action_status,
    figures_of,
    plan_figures,
)
from actionplan.schedule import RAG_ORDER, SOON_DAYS, STALE_DAYS, RagRating, Standing, standing

TOP_ACTIONS = 10  # how many of the most overdue actions the report lists by default


@dataclass(frozen=True)
class PortfolioRow:
    """One plan as of a date: what it is, who owns it, and where its actions stand."""

    plan: str  # the plan's id
    title: str
    file: str
    kind: str | None  # format 2's kind and owning body, where the plan says them
    owned_by: str | None
    recommendations: int
    actions: int
    done: int
    overdue: int
    due_soon: int
    worst_rag: RagRating | None  # None when the plan has no actions
    oldest_overdue: str | None  # the id of the open action longest past its target
    oldest_overdue_days: int  # how long past it (0 when nothing is overdue)
    revisions: int  # target revisions across the plan's actions
    last_progress: date | None  # the latest progress update of any action


@dataclass(frozen=True)
class PlanSummary:
    """What the portfolio keeps of a plan once it is dropped: its row (None when the whole plan
    is exempt and withheld), its most overdue actions, the names it can be found by with
    --owner, and what was withheld from it."""

    plan: str  # the plan's id
    row: PortfolioRow | None
    most_overdue: tuple[ActionStatus, ...]
    owner_keys: frozenset[str]  # folded: the owning body's and every owner's names and aliases
    owner_names: tuple[str, ...]  # as declared, for a "did you mean"
    withheld: Withheld = field(default_factory=Withheld)


def summarise_plan(
    plan: PlanFile,
    as_of: date,
    *,
    file: str = "",
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    people: Sequence[Person] = (),
    top: int = TOP_ACTIONS,
    withhold_exempt: bool = False,
) -> PlanSummary:
    """One plan's row, its `top` most overdue actions and its owners' names.

    `people` are the settings file's declared people, matched after the plan's own. With
    `withhold_exempt` (a published paper) the plan's exempt parts are left out and counted.
    """
    keys, names = _owner_names(plan, Directory.of(plan.people, people))
    withheld = Withheld()
    if withhold_exempt:
        kept, withheld = published_parts([plan])
        if not kept:
            return PlanSummary(plan.plan.id, None, (), keys, names, withheld)
        plan = kept[0]
    # The figures `status_report` would give, from each action's standing alone: a status row
    # is made only for the most overdue actions the summary keeps.
    since = plan.plan.adopted
    facts = [
        _Fact(rec, action, standing(action, as_of, soon=soon, stale=stale, since=since))
        for rec in plan.recommendations
        for action in rec.actions
    ]
    figures = figures_of(plan.plan.id, sum(1 for rec in plan.recommendations if rec.actions), facts)
    overdue = [fact for fact in facts if fact.overdue]
    directory = Directory.of(plan.people, people)
    most = [
        action_status(plan, f.rec, f.action, as_of, soon=soon, stale=stale, people=directory)
        for f in heapq.nlargest(top, overdue, key=lambda f: f.now.days_overdue)
    ] if top else []  # fmt: skip
    oldest = max(overdue, key=lambda f: f.now.days_overdue, default=None)
    return _summary(
        plan,
        file,
        figures,
        most,
        (oldest.action.id, oldest.now.days_overdue) if oldest else None,
        sum(len(f.action.revisions) for f in facts),
        max((f.now.last_update for f in facts if f.now.last_update), default=None),
        (keys, names),
        withheld,
    )


@dataclass(frozen=True, slots=True)
class _Fact:
    """One action as a plan's figures count it (`reports.status.Counted`)."""

    rec: Recommendation
    action: Action
    now: Standing

    @property
    def status(self) -> Status:
        return self.action.status

    @property
    def overdue(self) -> bool:
        return self.now.overdue

    @property
    def due_soon(self) -> bool:
        return self.now.due_soon

    @property
    def rag(self) -> RagRating:
        return self.now.rating.rag


def summary_of(
    plan: PlanFile,
    report: StatusReport,
    *,
    file: str = "",
    top: int = TOP_ACTIONS,
    owners: tuple[frozenset[str], tuple[str, ...]] = (frozenset(), ()),
    withheld: Withheld | None = None,
) -> PlanSummary:
    """The summary of a plan from its status report, made already (the site's pages show the
    same report): its row, its `top` most overdue actions, and `owners`, its owners' keys and
    names (`summarise_plan` finds them)."""
    actions = report.actions
    figures = plan_figures(plan.plan.id, report.recommendations)
    overdue = [a for a in actions if a.overdue]
    # The most overdue first; among equals, the plan's own order (nlargest is stable).
    most = heapq.nlargest(top, overdue, key=lambda a: a.days_overdue) if top else []
    oldest = max(overdue, key=lambda a: a.days_overdue, default=None)
    return _summary(
        plan,
        file,
        figures,
        most,
        (oldest.id, oldest.days_overdue) if oldest else None,
        sum(a.revisions for a in actions),
        max((a.last_update for a in actions if a.last_update), default=None),
        owners,
        withheld,
    )


def _summary(
    plan: PlanFile,
    file: str,
    figures: PlanFigures,
    most: Sequence[ActionStatus],
    oldest: tuple[str, int] | None,
    revisions: int,
    last_progress: date | None,
    owners: tuple[frozenset[str], tuple[str, ...]],
    withheld: Withheld | None,
) -> PlanSummary:
    """A plan's summary from its figures, its most overdue actions (`most`), the id and days
    of the oldest overdue one, its revisions and last progress."""
    keys, names = owners
    row = PortfolioRow(
        plan=plan.plan.id,
        title=plan.plan.title,
        file=file,
        kind=plan.plan.kind,
        owned_by=plan.plan.owned_by,
        recommendations=len(plan.recommendations),
        actions=figures.actions,
        done=figures.done,
        overdue=figures.overdue,
        due_soon=figures.due_soon,
        worst_rag=figures.worst_rag,
        oldest_overdue=oldest[0] if oldest else None,
        oldest_overdue_days=oldest[1] if oldest else 0,
        revisions=revisions,
        last_progress=last_progress,
    )
    return PlanSummary(plan.plan.id, row, tuple(most), keys, names, withheld or Withheld())


def _owner_names(plan: PlanFile, directory: Directory) -> tuple[frozenset[str], tuple[str, ...]]:
    """The folded names the plan answers to for --owner (its owning body and every action's
    owners, each with all the names its declared person goes by), and their declared names."""
    keys: set[str] = set()
    names: dict[str, None] = {}
    named = [plan.plan.owned_by] if plan.plan.owned_by else []
    named += [owner for _rec, action in plan.actions() for owner in action.owners]
    for name in named:
        person = directory.find(name)
        if person is None:
            keys.add(fold(name))
            names[" ".join(name.split())] = None
        else:
            keys.update(fold(n) for n in (person.id, person.name, *person.aliases))
            names[person.name] = None
    return frozenset(keys), tuple(names)


def portfolio_rows(
    plans: Iterable[PlanFile],
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    people: Sequence[Person] = (),
) -> list[PortfolioRow]:
    """One row per plan, in the order given (plans in, rows out: exempt parts included)."""
    rows = []
    for plan in plans:
        row = summarise_plan(plan, as_of, soon=soon, stale=stale, people=people, top=0).row
        assert row is not None  # only a withheld plan has none
        rows.append(row)
    return rows


# --- Filters, sorting and the report ---------------------------------------------------------


class SortKey(StrEnum):
    """What `--sort` orders the plans by; each in its most useful direction, ties by plan id."""

    PLAN = "plan"  # the plan's id, A to Z
    KIND = "kind"  # A to Z, plans of no kind last
    OWNER = "owner"  # the owning body, A to Z, plans owned by no body last
    ACTIONS = "actions"  # most first
    DONE = "done"  # most first
    OVERDUE = "overdue"  # most first
    DUE_SOON = "due-soon"  # most first
    RAG = "rag"  # worst first
    OLDEST = "oldest"  # the oldest overdue action, most days first
    REVISIONS = "revisions"  # most first
    LAST_PROGRESS = "last-progress"  # longest ago first, plans with none first


SORT_HELP = (
    "plan (id, A to Z), kind and owner (A to Z, none last), actions, done, overdue, due-soon "
    "and revisions (most first), rag (worst first), oldest (the oldest overdue action, most "
    "days first), last-progress (longest ago first)"
)


def _text_key(text: str | None) -> tuple[bool, str]:
    return (text is None, fold(text) if text else "")


def _sort_key(key: SortKey) -> Any:
    """A function giving each row its place for `key` (the plan id breaks ties)."""
    by: dict[SortKey, Any] = {
        SortKey.PLAN: lambda r: (),
        SortKey.KIND: lambda r: _text_key(r.kind),
        SortKey.OWNER: lambda r: _text_key(r.owned_by),
        SortKey.ACTIONS: lambda r: -r.actions,
        SortKey.DONE: lambda r: -r.done,
        SortKey.OVERDUE: lambda r: -r.overdue,
        SortKey.DUE_SOON: lambda r: -r.due_soon,
        SortKey.RAG: lambda r: RAG_ORDER[r.worst_rag] if r.worst_rag else len(RAG_ORDER),
        SortKey.OLDEST: lambda r: -r.oldest_overdue_days,
        SortKey.REVISIONS: lambda r: -r.revisions,
        SortKey.LAST_PROGRESS: lambda r: (r.last_progress is not None, r.last_progress),
    }
    first = by[key]
    return lambda row: (first(row), fold(row.plan))


@dataclass(frozen=True)
class PortfolioFilters:
    """Which plans to show; every filter given must match (kind and owner ignore case).

    `owner` is a body or a person: a plan matches when it is owned by them or they own one of
    its actions, under any name the people directory gives them.
    """

    kind: str | None = None
    owner: str | None = None
    overdue: bool = False

    def matches(self, summary: PlanSummary) -> bool:
        row = summary.row
        if row is None:
            return False
        if self.kind is not None and (row.kind is None or fold(row.kind) != fold(self.kind)):
            return False
        if self.owner is not None and fold(self.owner) not in summary.owner_keys:
            return False
        return not (self.overdue and not row.overdue)

    def describe(self) -> list[str]:
        """The filters given, as the options that set them: `--kind 'audit-tracker'`."""
        given = [("--kind", self.kind), ("--owner", self.owner)]
        described = [f"{option} '{value}'" for option, value in given if value is not None]
        return [*described, "--overdue"] if self.overdue else described


@dataclass(frozen=True)
class PortfolioReport:
    as_of: date
    rows: list[PortfolioRow]  # the plans shown, sorted
    most_overdue: list[ActionStatus]  # across the plans shown, most days first
    plans_read: int  # before filtering
    filters: PortfolioFilters
    sort: SortKey
    top: int
    soon: int
    stale: int
    withheld: Withheld
    kinds: tuple[str, ...]  # every kind and owner name in the plans read, for a "did you mean"
    owner_names: tuple[str, ...]
    owner_found: bool  # whether --owner names anyone in the plans read

    @property
    def unknown_filters(self) -> list[str]:
        """The --kind or --owner given that names nothing in any plan read (a typo, most
        likely: not the same as a name whose plans are all filtered out)."""
        unknown = []
        kind, owner = self.filters.kind, self.filters.owner
        if kind is not None and fold(kind) not in {fold(k) for k in self.kinds}:
            unknown.append(f"--kind '{kind}'")
        if owner is not None and not self.owner_found:
            unknown.append(f"--owner '{owner}'")
        return unknown


def portfolio_report(
    summaries: Iterable[PlanSummary],
    as_of: date,
    *,
    filters: PortfolioFilters | None = None,
    sort: SortKey = SortKey.PLAN,
    top: int = TOP_ACTIONS,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
) -> PortfolioReport:
    """The plans that pass `filters`, sorted by `sort`, and the `top` most overdue actions
    across them (ties in the order the plans were read). `summaries` may be a generator: each
    is looked at once, and only its small summary is kept."""
    filters = filters or PortfolioFilters()
    rows: list[PortfolioRow] = []
    overdue: list[ActionStatus] = []
    read = 0
    kinds: dict[str, None] = {}
    names: dict[str, None] = {}
    owner_known = False
    count, paragraphs = 0, set[str]()
    for summary in summaries:
        read += 1
        count += summary.withheld.count
        paragraphs.update(summary.withheld.paragraphs)
        names.update(dict.fromkeys(summary.owner_names))
        if filters.owner is not None and fold(filters.owner) in summary.owner_keys:
            owner_known = True
        if summary.row is not None and summary.row.kind:
            kinds[summary.row.kind] = None
        if not filters.matches(summary):
            continue
        assert summary.row is not None
        rows.append(summary.row)
        overdue = heapq.nlargest(
            top, [*overdue, *summary.most_overdue], key=lambda a: a.days_overdue
        )
    return PortfolioReport(
        as_of=as_of,
        rows=sorted(rows, key=_sort_key(sort)),
        most_overdue=overdue,
        plans_read=read,
        filters=filters,
        sort=sort,
        top=top,
        soon=soon,
        stale=stale,
        withheld=Withheld(count, paragraph_order(paragraphs)),
        kinds=tuple(kinds),
        owner_names=tuple(names),
        owner_found=owner_known,
    )


# --- A plan file at a time -------------------------------------------------------------------


@dataclass(frozen=True)
class SummaryOptions:
    """How each plan is summarised: the same for every file of a run (and every process)."""

    as_of: date
    soon: int = SOON_DAYS
    stale: int = STALE_DAYS
    top: int = TOP_ACTIONS
    withhold_exempt: bool = False


@dataclass(frozen=True)
class FileSummary:
    """A plan file summarised, or the errors that stop it from loading (the plan's id kept to
    find copies of one plan)."""

    path: str
    summary: PlanSummary | None
    errors: tuple[Finding, ...] = ()


def summarise_file(path: Path, options: SummaryOptions) -> FileSummary:
    """Load one plan file as the reports do (its settings file's people and all), summarise it
    and drop it. A file that does not load gives its errors, as `load_or_fail` would print."""
    from actionplan.config import settings_for
    from actionplan.load import load_plan
    from actionplan.model.people import settings_people

    loaded, findings = load_plan(path)
    errors = tuple(f for f in findings if f.severity is Severity.ERROR)
    if loaded is None or errors or not loaded.complete:
        return FileSummary(str(path), None, errors)
    settings = settings_for(Path(loaded.path))[0]
    summary = summarise_plan(
        loaded.plan,
        options.as_of,
        file=loaded.path,
        soon=options.soon,
        stale=options.stale,
        people=settings_people([settings]),
        top=options.top,
        withhold_exempt=options.withhold_exempt,
    )
    return FileSummary(loaded.path, summary)
