"""The board report: the status and cost reports of the same plans, for one board paper.

Nothing is computed here that `status_report` or `cost_summary` does not already compute; the
sections, their order and their wording are `views.board`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from actionplan.model.plan import Action, Person, PlanFile, Recommendation
from actionplan.reports.costs import CostSummary, cost_summary
from actionplan.reports.status import Found, StatusReport, status_report
from actionplan.schedule import SOON_DAYS, STALE_DAYS


@dataclass(frozen=True)
class BoardReport:
    as_of: date
    since: date | None  # the last meeting
    plans: list[PlanFile]
    status: StatusReport
    costs: CostSummary
    withheld: Withheld = field(default_factory=lambda: Withheld())

    @property
    def exempt_left_out(self) -> int:
        """How many exempt plans, recommendations and actions are not in the paper."""
        return 0 if self.withheld.included else self.withheld.count


@dataclass(frozen=True)
class Withheld:
    """The exempt items left out of a published paper: how many, and the Schedule 12A
    paragraphs (or 'personal data') they are exempt under, numbers first in order."""

    count: int = 0
    paragraphs: tuple[str, ...] = ()
    included: bool = False  # --include-exempt: in the paper, marked, not left out


def exempt_parts(
    plans: Sequence[PlanFile], *, include_exempt: bool = False
) -> tuple[list[PlanFile], Withheld]:
    """What a document shows: the plans without their exempt parts and what was left out, or
    with `include_exempt` the plans whole and what they hold that is exempt (`included`)."""
    kept, withheld = published_parts(plans)
    if include_exempt:
        return list(plans), replace(withheld, included=True)
    return kept, withheld


def exempt_parts_of(
    plans: Sequence[PlanFile],
    shows: Callable[[Recommendation], Recommendation | None],
    *,
    include_exempt: bool = False,
) -> tuple[list[PlanFile], Withheld]:
    """What a paper shows (`exempt_parts`), and what of it is exempt, counting only what the
    paper would show: `shows` cuts a recommendation to that part of it (None for nothing), so a
    paper with nothing exempt in it neither says it withheld any nor that it is private."""
    shown, _ = exempt_parts(plans, include_exempt=include_exempt)
    cut = []
    for plan in plans:
        recs = tuple(part for part in map(shows, plan.recommendations) if part is not None)
        if recs:
            cut.append(plan.model_copy(update={"recommendations": recs}))
    _, withheld = published_parts(cut)
    return shown, replace(withheld, included=include_exempt)


def costed_part(rec: Recommendation) -> Recommendation | None:
    """What of a recommendation a cost paper shows: its cost lines (none of its actions)."""
    return _with(rec, ()) if rec.costs else None


def serving_part(rec: Recommendation) -> Recommendation | None:
    """What of a recommendation the outcomes paper names: itself when it serves an outcome, and
    the actions that serve one."""
    actions = tuple(action for action in rec.actions if action.outcomes)
    return _with(rec, actions) if rec.outcomes or actions else None


def board_report(
    plans: Sequence[PlanFile],
    as_of: date,
    *,
    since: date | None = None,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    people: Sequence[Person] = (),
    include_exempt: bool = False,
) -> BoardReport:
    """Every action's status (with what changed since the last meeting) and the cost summary.

    A board paper is published: exempt plans, recommendations and actions (format 2's
    `exempt:`) are left out, and counted, unless `include_exempt`. Raises CostReportError when
    the plans' costs cannot be summarised together.
    """
    plans, withheld = exempt_parts(plans, include_exempt=include_exempt)
    status = status_report(plans, as_of, soon=soon, stale=stale, since=since, people=people)
    return BoardReport(as_of, since, list(plans), status, cost_summary(plans), withheld)


def published_parts(plans: Sequence[PlanFile]) -> tuple[list[PlanFile], Withheld]:
    """The plans without their exempt parts (what a published paper may show), and what was
    left out: an exempt plan or recommendation counts once, with everything under it."""
    kept: list[PlanFile] = []
    paragraphs: list[str] = []  # one per item left out
    for plan in plans:
        if plan.plan.exempt is not None:
            paragraphs.append(plan.plan.exempt.paragraph)
            continue
        recs = []
        before = len(paragraphs)
        for rec in plan.recommendations:
            if rec.exempt is not None:
                paragraphs.append(rec.exempt.paragraph)
                continue
            actions = tuple(a for a in rec.actions if a.exempt is None)
            paragraphs += [a.exempt.paragraph for a in rec.actions if a.exempt is not None]
            recs.append(rec if len(actions) == len(rec.actions) else _with(rec, actions))
        if len(paragraphs) > before:
            plan = plan.model_copy(update={"recommendations": tuple(recs)})
        kept.append(plan)
    return kept, Withheld(len(paragraphs), paragraph_order(paragraphs))


def paragraph_order(paragraphs: Iterable[str]) -> tuple[str, ...]:
    """The Schedule 12A paragraphs once each, numbers first in order, then other grounds."""
    return tuple(
        sorted(set(paragraphs), key=lambda p: (0, int(p), p) if p.isdigit() else (1, 0, p))
    )


def published_item(found: Found, *, include_exempt: bool = False) -> tuple[Found | None, Withheld]:
    """What a document may show of one recommendation or action (`show`): the item without its
    exempt parts, or None when it is exempt itself (or under an exempt recommendation or plan),
    and what was left out of it; with `include_exempt`, the item whole and what it holds that
    is exempt."""
    plan = found.plan.model_copy(update={"recommendations": (found.recommendation,)})
    kept, withheld = exempt_parts([plan], include_exempt=include_exempt)
    if include_exempt:
        return found, withheld
    recs = kept[0].recommendations if kept else ()
    if not recs:
        return None, withheld
    rec = recs[0]
    if found.action is None:
        return Found(found.plan, rec), withheld
    action = next((a for a in rec.actions if a.id == found.action.id), None)
    if action is None:  # the action is exempt itself: its recommendation and plan are not
        grounds = (found.action.exempt.paragraph,) if found.action.exempt else ()
        return None, Withheld(1, grounds)
    return Found(found.plan, rec, action), Withheld()


def _with(rec: Recommendation, actions: tuple[Action, ...]) -> Recommendation:
    return rec.model_copy(update={"actions": actions})
