"""The charts of a board paper as document blocks: each chart with its table of numbers.

`chart_blocks` is what `views.board` appends to the report; each table holds exactly the
figures its chart draws (the points, the bars and their dates), so a reader who cannot see the
picture, or prints in black and white, loses nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal

from actionplan.charts.build import completion_chart, indicator_charts, rag_chart, timeline_charts
from actionplan.charts.model import (
    RAG_STACK,
    Chart,
    CompletionChart,
    IndicatorChart,
    MarkKind,
    Point,
    RagChart,
    TimelineChart,
)
from actionplan.model.plan import PlanFile
from actionplan.reports.status import StatusReport
from actionplan.views.document import Block, Column, Figure, Heading, Lines, Table
from actionplan.views.outcomes import format_value, rounded


def report_charts(
    plans: Sequence[PlanFile],
    report: StatusReport,
    done_in_git: Mapping[tuple[str, str], date] | None = None,
    *,
    timelines: bool = True,
) -> list[Chart]:
    """Every chart of a report, in the order the paper shows them: RAG by recommendation,
    completed against due (with `done_in_git`, completions the plan leaves undated are dated by
    git), each recommendation's timeline (unless not `timelines`), each indicator against its
    line."""
    return [
        rag_chart(report),
        completion_chart(report, done_in_git),
        *(timeline_charts(plans, report) if timelines else ()),
        *indicator_charts(plans, report.as_of),
    ]


def chart_blocks(
    plans: Sequence[PlanFile],
    report: StatusReport,
    done_in_git: Mapping[tuple[str, str], date] | None = None,
    *,
    timelines: bool = True,
) -> list[Block]:
    """A `Charts` section: each chart (`report_charts`) as a figure with its table."""
    if not report.recommendations:
        return []
    blocks: list[Block] = [Heading("Charts")]
    charts = report_charts(plans, report, done_in_git, timelines=timelines)
    blocks += [figure(chart) for chart in charts]
    if not any(
        isinstance(block, Figure) and isinstance(block.chart, IndicatorChart) for block in blocks
    ):
        blocks.append(Lines(["No outcome indicator has a measurement or a line to target."]))
    return blocks


def figure(chart: Chart) -> Figure:
    """The chart with the table of its figures."""
    return Figure(chart, chart_table(chart))


def chart_table(chart: Chart) -> Table:
    if isinstance(chart, RagChart):
        return _rag_table(chart)
    if isinstance(chart, CompletionChart):
        return _completion_table(chart)
    if isinstance(chart, TimelineChart):
        return _timeline_table(chart)
    return _indicator_table(chart)


def _title(chart: Chart) -> str:
    return f"{chart.title}: the figures"


def _rag_table(chart: RagChart) -> Table:
    columns = [
        *([Column("Plan")] if chart.many_plans else []),
        Column("Rec"),
        Column("Recommendation"),
        *(Column(r.value.upper(), align="right") for r in RAG_STACK),
        Column("Actions", align="right"),
    ]
    rows = [
        [
            *([bar.plan] if chart.many_plans else []),
            bar.recommendation,
            bar.title,
            *(str(bar.counts[r]) for r in RAG_STACK),
            str(bar.total),
        ]
        for bar in chart.bars
    ]
    return Table(columns, rows, title=_title(chart))


def _completion_table(chart: CompletionChart) -> Table:
    columns = [
        Column("Up to", no_wrap=True),
        Column("Fallen due", align="right"),
        Column("Completed", align="right"),
    ]
    rows = [[m.until.isoformat(), str(m.due), str(m.completed)] for m in chart.months]
    return Table(
        columns,
        rows,
        title=_title(chart),
        caption="Counted from the start: each "
        "month adds to the one before. Fallen due: the current target's due date has "
        "passed. Dropped actions are in neither column.",
    )


def _timeline_table(chart: TimelineChart) -> Table:
    columns = [
        Column("ID", no_wrap=True),
        Column("What"),
        Column("Original target", no_wrap=True),
        Column("Revised targets"),
        Column("Current target", no_wrap=True),
        Column("Completed", no_wrap=True),
        Column("Slippage", align="right"),
        Column("RAG"),
    ]
    rows = []
    for row in chart.rows:
        original = row.mark(MarkKind.ORIGINAL)
        current = row.mark(MarkKind.CURRENT)
        completed = row.mark(MarkKind.COMPLETED)
        revised = [m.day.isoformat() for m in row.marks if m.kind is MarkKind.REVISED]
        rows.append(
            [
                row.id,
                row.text,
                original.day.isoformat() if original else "",
                ", ".join(revised),
                current.day.isoformat() if current else "",
                completed.day.isoformat() if completed else "",
                f"{row.slippage_days} days" if row.slippage_days else "",
                row.rag.value.upper(),
            ]
        )
    return Table(columns, rows, title=_title(chart))


def _indicator_table(chart: IndicatorChart) -> Table:
    columns = [
        Column("Date", no_wrap=True),
        Column("What"),
        Column("Value", align="right"),
        Column("On the line", align="right"),
    ]
    unit = chart.unit
    b, t = chart.baseline, chart.target
    rows = []
    if b is not None:
        rows.append(
            [b.day.isoformat(), "baseline", format_value(b.value, unit), _line(b.value, t, unit)]
        )
    for point, line in zip(chart.measurements, chart.on_line, strict=True):
        on_line = format_value(rounded(line), unit) if line is not None else ""
        rows.append([point.day.isoformat(), "measured", format_value(point.value, unit), on_line])
    if chart.expected is not None:
        expected = format_value(rounded(chart.expected), unit)
        rows.append([chart.as_of.isoformat(), f"expected ({chart.track})", "", expected])
    if t is not None:
        rows.append(
            [t.day.isoformat(), "target", format_value(t.value, unit), _line(t.value, b, unit)]
        )
    return Table(columns, rows, title=_title(chart))


def _line(value: Decimal, other_end: Point | None, unit: str) -> str:
    """A baseline or target is on its own line, when there is a line (both ends)."""
    return format_value(value, unit) if other_end is not None else ""
