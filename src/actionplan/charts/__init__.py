"""Charts for board papers: computed as plain data from a report's rows, drawn as inline SVG
for HTML (written here, no dependency) and as PNG for Word (matplotlib, the optional extra
`actionplan[charts]`, imported only when a Word paper draws a chart).

One public function per chart gives its data (`charts.model`); `to_svg` draws any of them:

- `rag_chart(report)`: a stacked bar of RAG ratings per recommendation;
- `completion_chart(report)`: actions completed against actions fallen due, by month;
- `timeline_charts(plans, report)`: a timeline of targets per recommendation;
- `indicator_charts(plans, as_of)`: each outcome indicator against its line to target;
- `to_svg(chart, ident=…)`: the chart as an accessible `<svg>` element (title, description);
- `charts.figures.chart_blocks(plans, report)`: every chart with its table, as document blocks.

`report` is a `reports.status.StatusReport`, `plans` the `PlanFile`s it was made from.
Nothing here is imported by a command that draws no chart.
"""

from __future__ import annotations

from actionplan.charts.build import (
    completion_chart,
    indicator_charts,
    rag_chart,
    timeline_charts,
)
from actionplan.charts.svg import to_svg

__all__ = ["completion_chart", "indicator_charts", "rag_chart", "timeline_charts", "to_svg"]
