"""The board report: the status and cost reports of the same plans, for one board paper.

Nothing is computed here that `status_report` or `cost_summary` does not already compute; the
sections, their order and their wording are `views.board`'s.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from actionplan.model.plan import PlanFile
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


def board_report(
    plans: Sequence[PlanFile],
    as_of: date,
    *,
    since: date | None = None,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
) -> BoardReport:
    """Every action's status (with what changed since the last meeting) and the cost summary.

    Raises CostReportError when the plans' costs cannot be summarised together.
    """
    status = status_report(plans, as_of, soon=soon, stale=stale, since=since)
    return BoardReport(as_of, since, list(plans), status, cost_summary(plans))
