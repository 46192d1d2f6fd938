"""The charts' data, from the report's rows: nothing here computes a status of its own.

Every RAG, due date and completion comes from `status_report` (which takes them from
`schedule`, the one rule); the targets an action had before its current one come from the
plan's `revisions:`; an indicator's line and track from `reports.outcomes`. The text
alternative of each chart is worded here too, from the same figures.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from actionplan.charts.model import (
    RAG_STACK,
    CompletionChart,
    IndicatorChart,
    Mark,
    MarkKind,
    MonthCounts,
    Point,
    RagBar,
    RagChart,
    TimelineChart,
    TimelineRow,
)
from actionplan.findings import plural
from actionplan.model.plan import Action, PlanFile, Status
from actionplan.reports.outcomes import IndicatorStatus, expected_value, outcome_statuses
from actionplan.reports.status import ActionStatus, RecommendationStatus, StatusReport
from actionplan.schedule import RagRating
from actionplan.views.outcomes import format_value, rounded

if TYPE_CHECKING:
    from actionplan.history.git import Commit
    from actionplan.load import LoadedPlan

# --- RAG per recommendation ------------------------------------------------------------------


def rag_chart(report: StatusReport) -> RagChart:
    """One stacked bar per recommendation: how many of its actions are RED, AMBER, GREEN,
    COMPLETE and DROPPED (the same ratings as the report's tables and `status --format json`)."""
    bars = tuple(
        RagBar(
            rec.plan,
            rec.id,
            rec.title,
            {r: sum(1 for a in rec.actions if a.rag is r) for r in RAG_STACK},
        )
        for rec in report.recommendations
    )
    many = len({rec.plan for rec in report.recommendations}) > 1
    totals = {r: sum(bar.counts[r] for bar in bars) for r in RAG_STACK}
    counts = ", ".join(f"{n} {r.value.upper()}" for r, n in totals.items() if n) or "none"
    summary = (
        f"Actions by RAG rating for {'each of ' if len(bars) > 1 else ''}"
        f"{plural(len(bars), 'recommendation')}, as of "
        f"{report.as_of.isoformat()}: {plural(sum(totals.values()), 'action')} in all, {counts}."
    )
    most = max((bar.counts[RagRating.RED] for bar in bars), default=0)
    if most and len(bars) > 1:
        tied = [b for b in bars if b.counts[RagRating.RED] == most]
        names = ", ".join(_rec_ref(b.plan, b.recommendation, many) for b in tied)
        if len(tied) == 1:
            summary += f" Most RED: recommendation {names} ({most})."
        else:
            summary += f" Most RED: recommendations {names} ({most} each)."
    return RagChart("RAG rating by recommendation", summary, bars, many)


def _rec_ref(plan: str, rec: str, many: bool) -> str:
    return f"{plan} {rec}" if many else rec


# --- Completed against due -------------------------------------------------------------------


def completion_chart(
    report: StatusReport, done_in_git: Mapping[tuple[str, str], date] | None = None
) -> CompletionChart:
    """By month, from the first month an action fell due or was completed to the as-of date:
    how many actions had fallen due (their current target's due date passed) and how many had
    been completed (their completion date), both counted from the start. Dropped actions are
    in neither; a done action with no completion date recorded is counted apart, unless
    `done_in_git` (`done_in_history`) has the day a commit marked it done."""
    as_of = report.as_of
    git = done_in_git or {}
    rows = [a for a in report.actions if a.status is not Status.DROPPED]
    due = sorted(a.due_date for a in rows if a.due_date is not None and a.due_date <= as_of)
    done = [a for a in rows if a.status is Status.DONE]
    from_git = [
        git[(a.plan, a.id)] for a in done if _completed_on(a) is None and (a.plan, a.id) in git
    ]
    completed = sorted([*(day for a in done if (day := _completed_on(a)) is not None), *from_git])
    later = sum(1 for day in completed if day > as_of)
    completed = [day for day in completed if day <= as_of]
    undated = sum(1 for a in done if _completed_on(a) is None) - len(from_git)
    months: list[MonthCounts] = []
    first = min([*due[:1], *completed[:1]], default=None)
    if first is not None:
        for month in _months(first, as_of):
            until = min(_month_end(month), as_of)
            months.append(
                MonthCounts(
                    month,
                    until,
                    due=sum(1 for d in due if d <= until),
                    completed=sum(1 for d in completed if d <= until),
                )
            )
    if months:
        last = months[-1]
        summary = (
            f"Actions fallen due against actions completed, counted from "
            f"{months[0].month.strftime('%B %Y')}: by {as_of.isoformat()}, "
            f"{plural(last.due, 'action')} had fallen due and {last.completed} had been completed."
        )
    else:
        summary = f"No action had fallen due or been completed by {as_of.isoformat()}."
    if from_git:
        summary += (
            f" {plural(len(from_git), 'completion')} with no date in the plan "
            f"{'is' if len(from_git) == 1 else 'are'} dated by the commit that marked it done."
        )
    notes = []
    if undated:
        notes.append(f"{plural(undated, 'done action')} with no completion date recorded")
    if later:
        notes.append(f"{plural(later, 'completion')} dated after {as_of.isoformat()}")
    if notes:
        summary += f" Not counted: {' and '.join(notes)}."
    return CompletionChart(
        "Actions completed against actions fallen due",
        summary,
        as_of,
        tuple(months),
        undated,
        later,
    )


def done_in_history(
    commits: Iterable[tuple[Commit, Sequence[LoadedPlan]]], until: date
) -> dict[tuple[str, str], date]:
    """The day each action (plan id, action id) was marked done in the plans' git history, up
    to `until`: the day of the first commit of its latest run of commits in which it is done
    (an action reopened and done again counts from the second time). `commits` oldest first,
    as `PlanReader.along` gives them."""
    done: dict[tuple[str, str], date] = {}
    for commit, plans in commits:
        if commit.day > until:
            break
        for loaded in plans:
            for _rec, action in loaded.plan.actions():
                key = (loaded.plan.plan.id, action.id)
                if action.status is Status.DONE:
                    done.setdefault(key, commit.day)
                else:
                    done.pop(key, None)
    return done


def _completed_on(row: ActionStatus) -> date | None:
    return row.completed if isinstance(row.completed, date) else None


def _months(first: date, last: date) -> Iterable[date]:
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = _next_month(month)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


# --- Timelines -------------------------------------------------------------------------------


def timeline_charts(plans: Sequence[PlanFile], report: StatusReport) -> list[TimelineChart]:
    """One timeline per recommendation with a dated action: each action's original target,
    the revised targets it had, its current target and, when done, its completion, on one time
    axis shared by every timeline (so slippage compares across recommendations), with the
    as-of date on it. `plans` are the plans the report was made from (their `revisions:`)."""
    actions = {
        (plan.plan.id, rec.id, action.id): action
        for plan in plans
        for rec in plan.recommendations
        for action in rec.actions
    }
    rows = {
        (rec.plan, rec.id): [
            _timeline_row(a, actions.get((rec.plan, rec.id, a.id))) for a in rec.actions
        ]
        for rec in report.recommendations
    }
    days = [m.day for each in rows.values() for row in each for m in row.marks]
    start = min([*days, report.as_of]).replace(day=1)
    end = _month_end(max([*days, report.as_of]))
    many = len({rec.plan for rec in report.recommendations}) > 1
    charts = []
    for rec in report.recommendations:
        drawn = tuple(row for row in rows[(rec.plan, rec.id)] if row.marks)
        if not drawn:
            continue
        undated = tuple(row.id for row in rows[(rec.plan, rec.id)] if not row.marks)
        charts.append(
            TimelineChart(
                plan=rec.plan,
                recommendation=rec.id,
                title=f"Targets of recommendation {_rec_ref(rec.plan, rec.id, many)}",
                summary=_timeline_summary(rec, drawn, undated, report.as_of, many),
                as_of=report.as_of,
                start=start,
                end=end,
                rows=drawn,
                undated=undated,
            )
        )
    return charts


def _timeline_row(row: ActionStatus, action: Action | None) -> TimelineRow:
    """The action's marks: the targets its revisions replaced (as `slippage_days` reads them),
    the current one (the report's due date) and its completion."""
    marks: list[tuple[MarkKind, date | None]] = []
    if action is not None and action.revisions and action.target is not None:
        marks.append((MarkKind.ORIGINAL, action.target.due_date()))
        marks += [(MarkKind.REVISED, r.target.due_date()) for r in action.revisions[:-1]]
    marks.append((MarkKind.CURRENT, row.due_date))
    if row.status is Status.DONE:
        marks.append((MarkKind.COMPLETED, _completed_on(row)))
    drawn = tuple(Mark(kind, day) for kind, day in marks if day is not None)
    return TimelineRow(row.id, row.text, row.rag, drawn, row.slippage_days)


def _timeline_summary(
    rec: RecommendationStatus,
    rows: tuple[TimelineRow, ...],
    undated: tuple[str, ...],
    as_of: date,
    many: bool,
) -> str:
    by_id = {a.id: a for a in rec.actions}
    overdue = [r.id for r in rows if by_id[r.id].overdue]
    done = [r.id for r in rows if by_id[r.id].status is Status.DONE]
    slipped = [r for r in rows if r.slippage_days]
    parts = [f"{len(overdue)} overdue", f"{len(done)} done"]
    if slipped:
        worst = max(slipped, key=lambda r: r.slippage_days)
        parts.append(
            f"{len(slipped)} with a revised target (most slipped: {worst.id}, "
            f"by {plural(worst.slippage_days, 'day')})"
        )
    summary = (
        f"The targets of the {plural(len(rows), 'dated action')} of recommendation "
        f"{_rec_ref(rec.plan, rec.id, many)} against {as_of.isoformat()}: {', '.join(parts)}."
    )
    if undated:
        summary += (
            f" Not drawn: {', '.join(undated)} (no dated target: ongoing, dependent or none)."
        )
    return summary


# --- Outcome indicators ----------------------------------------------------------------------


def indicator_charts(plans: Sequence[PlanFile], as_of: date) -> list[IndicatorChart]:
    """One chart per indicator with a measurement, or a baseline and a target: its
    measurements up to the as-of date against the straight line from baseline to target, as
    `actionplan outcomes` judges them (the same expected value and track)."""
    charts = []
    for plan in plans:
        for outcome in outcome_statuses(plan, as_of):
            for status in outcome.indicators:
                indicator = status.indicator
                has_line = indicator.baseline is not None and indicator.target is not None
                if not status.measurements and not has_line:
                    continue
                charts.append(_indicator_chart(plan.plan.id, outcome.outcome.id, status, as_of))
    return charts


def _indicator_chart(
    plan: str, outcome: str, status: IndicatorStatus, as_of: date
) -> IndicatorChart:
    indicator = status.indicator
    unit = str(indicator.unit)
    baseline = indicator.baseline
    target = indicator.target
    points = tuple(Point(m.date, m.value) for m in status.measurements)
    better = f"{indicator.better.value} is better"
    summary = f"{indicator.name} ({better})"
    latest = status.latest
    if latest is not None:
        summary += f": {format_value(latest.value, unit)} on {latest.date.isoformat()}"
    else:
        summary += ": no measurement yet"
    if status.expected is not None and baseline is not None and target is not None:
        summary += (
            f", against {format_value(rounded(status.expected), unit)} expected on "
            f"{as_of.isoformat()} on the line from {format_value(baseline.value, unit)} "
            f"({baseline.date.isoformat()}) to {format_value(target.value, unit)} "
            f"({target.date.isoformat()})"
        )
    summary += f": {status.track.value}."
    return IndicatorChart(
        plan=plan,
        outcome=outcome,
        indicator=indicator.id,
        title=f"{indicator.name} against its line to target",
        summary=summary,
        unit=unit,
        better=indicator.better.value,
        as_of=as_of,
        baseline=Point(baseline.date, baseline.value) if baseline else None,
        target=Point(target.date, target.value) if target else None,
        measurements=points,
        on_line=tuple(
            expected_value(baseline, target, p.day) if baseline and target else None for p in points
        ),
        expected=status.expected,
        track=status.track.value,
    )
