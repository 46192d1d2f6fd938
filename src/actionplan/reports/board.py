"""The board report: the status and cost reports of the same plans, for one board paper.

Nothing is computed here that `status_report` or `cost_summary` does not already compute; the
sections, their order and their wording are `views.board`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from actionplan.model.plan import Action, Person, PlanFile, Recommendation
from actionplan.reports.costs import CostSummary, cost_summary
from actionplan.reports.status import StatusReport, status_report
from actionplan.schedule import SOON_DAYS, STALE_DAYS


@dataclass(frozen=True)
class BoardReport:
    as_of: date
    since: date | None  # the last meeting
    plans: list[PlanFile]
    status: StatusReport
    costs: CostSummary
    exempt_left_out: int = 0  # exempt plans, recommendations and actions not in the paper


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
    left_out = 0
    if not include_exempt:
        plans, left_out = published_parts(plans)
    status = status_report(plans, as_of, soon=soon, stale=stale, since=since, people=people)
    return BoardReport(as_of, since, list(plans), status, cost_summary(plans), left_out)


def published_parts(plans: Sequence[PlanFile]) -> tuple[list[PlanFile], int]:
    """The plans without their exempt parts, and how many parts were left out."""
    kept: list[PlanFile] = []
    left_out = 0
    for plan in plans:
        if plan.plan.exempt is not None:
            left_out += 1
            continue
        recs = []
        before = left_out
        for rec in plan.recommendations:
            if rec.exempt is not None:
                left_out += 1
                continue
            actions = tuple(a for a in rec.actions if a.exempt is None)
            left_out += len(rec.actions) - len(actions)
            recs.append(rec if len(actions) == len(rec.actions) else _with(rec, actions))
        if left_out > before:
            plan = plan.model_copy(update={"recommendations": tuple(recs)})
        kept.append(plan)
    return kept, left_out


def _with(rec: Recommendation, actions: tuple[Action, ...]) -> Recommendation:
    return rec.model_copy(update={"actions": actions})
