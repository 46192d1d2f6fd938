"""The board report as one document: headline, what needs attention, progress, what changed
since the last meeting, the costs and the RAG key. Markdown, or a whole HTML page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from actionplan.findings import plural
from actionplan.reports.board import BoardReport
from actionplan.reports.costs import CostSummary
from actionplan.reports.status import ActionStatus, RecommendationStatus, StatusReport
from actionplan.views.costs import cost_table, reconciliation
from actionplan.views.document import Block, Column, Heading, Lines, Table, View
from actionplan.views.status import (
    headline,
    key_lines,
    recommendation_mark,
    recommendation_tables,
    status_cells,
    status_columns,
    withheld_line,
)


def board_blocks(
    board: BoardReport,
    *,
    whole: bool = False,
    charts: bool = False,
    done_in_git: Mapping[tuple[str, str], date] | None = None,
) -> list[Block]:
    """Headline; overdue and due-soon actions; progress per recommendation; what changed since
    the last meeting; the cost summary; the RAG key; with `charts`, the charts (each with its
    table; `done_in_git` dates the completions the plans leave undated); with `whole`, the
    whole tracker as an appendix. Every action's text is in full: a paper is not a terminal."""
    report = board.status
    titles = [f"{p.plan.title} ({p.plan.organisation})" for p in board.plans]
    included = board.withheld.included and board.withheld.count
    blocks: list[Block] = [
        Heading(board_title(board)),
        *([Lines([withheld_line(board.withheld)])] if included else []),
        Lines(titles, bullets=True),
        *headline(report),
        *_attention(report),
        Heading("Progress by recommendation"),
        _progress_table(report.recommendations, many=report.summary.plans > 1),
    ]
    if board.since is not None:
        blocks += _since(report, board.since)
    blocks += _costs(board.costs)
    blocks.append(Lines(key_lines(report)))
    if board.withheld.count and not board.withheld.included:
        blocks.append(Lines([withheld_line(board.withheld)]))
    if charts:  # imported only when drawn: a paper without charts never loads them
        from actionplan.charts.figures import chart_blocks

        blocks += chart_blocks(board.plans, report, done_in_git)
    if whole:
        blocks += _whole_tracker(report)
    return blocks


def board_title(board: BoardReport) -> str:
    return f"Action plan report as of {board.as_of.isoformat()}"


def board_view(
    board: BoardReport,
    *,
    whole: bool = False,
    charts: bool = False,
    done_in_git: Mapping[tuple[str, str], date] | None = None,
) -> View:
    """Markdown, or with HTML a self-contained page titled like the report; `charts` adds the
    charts, `whole` appends the whole tracker."""
    return View(
        blocks=lambda: board_blocks(board, whole=whole, charts=charts, done_in_git=done_in_git),
        page_title=board_title(board),
    )


def _whole_tracker(report: StatusReport) -> list[Block]:
    """Every action of every recommendation, in full: the tracker a committee appends."""
    heading = Heading(f"Appendix: the whole tracker ({plural(report.summary.actions, 'action')})")
    return [heading, *recommendation_tables(report, full=True)]


def _attention(report: StatusReport) -> list[Block]:
    def cells(row: ActionStatus) -> list[str]:
        return status_cells(row, full=True)

    overdue = [a for a in report.actions if a.overdue]
    due_soon = report.summary.due_soon
    blocks: list[Block] = [Heading(f"Overdue actions ({len(overdue)})")]
    if overdue:
        blocks.append(Table(status_columns(), [cells(a) for a in overdue]))
    else:
        blocks.append(Lines(["None."]))
    blocks.append(
        Heading(f"Due in the next {plural(report.summary.soon, 'day')} ({len(due_soon)})")
    )
    if due_soon:
        blocks.append(Table(status_columns(), [cells(a) for a in due_soon]))
    else:
        blocks.append(Lines(["None."]))
    return blocks


def _progress_table(recs: Sequence[RecommendationStatus], *, many: bool) -> Block:
    if not recs:
        return Lines(["These plans have no actions."])
    columns = [
        *([Column("Plan")] if many else []),
        Column("Rec"),
        Column("Recommendation"),
        Column("Progress"),
        Column("Overdue", align="right"),
        Column("Worst RAG"),
    ]
    rows = [
        [
            *([rec.plan] if many else []),
            rec.id,
            recommendation_mark(rec) + rec.title,
            rec.progress_label,
            str(sum(1 for a in rec.actions if a.overdue)),
            rec.worst_rag.value.upper() if rec.worst_rag else "",
        ]
        for rec in recs
    ]
    return Table(columns, rows)


def _since(report: StatusReport, since: date) -> list[Block]:
    s = report.summary
    many = s.plans > 1
    lines = []
    for label, events in (
        ("Completed", s.completed),
        ("Newly overdue", s.newly_overdue),
        ("Target revised", s.revised),
    ):
        lines += [f"{label}: {f'{e.plan} ' if many else ''}{e.action} {e.detail}" for e in events]
    return [
        Heading(f"Since the last meeting ({since.isoformat()})"),
        Lines(
            lines or ["Nothing was completed, fell overdue or had its target revised."],
            bullets=bool(lines),
        ),
    ]


def _costs(summary: CostSummary) -> list[Block]:
    if not summary.rows:
        return [Heading("Estimated costs"), Lines(["These plans record no costs."])]
    return [Heading("Estimated costs"), cost_table(summary), Lines(reconciliation(summary))]
