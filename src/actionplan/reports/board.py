"""The board report: one document for the board papers, built from the status and cost reports.

Nothing is computed here that `status_report` or `cost_report` does not already compute: this
module chooses the sections and their order, and wraps the Markdown or HTML for printing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import date

from actionplan.findings import plural
from actionplan.model.plan import PlanFile
from actionplan.output.render import Column, Format, Table
from actionplan.reports.costs import cost_summary, cost_table, reconciliation
from actionplan.reports.status import RecommendationStatus, StatusReport, status_report
from actionplan.schedule import SOON_DAYS, STALE_DAYS
from actionplan.views.document import Block, Heading, Lines, blocks_to_html, blocks_to_markdown
from actionplan.views.status import headline, key_lines, status_cells, status_columns


def board_blocks(
    plans: Sequence[PlanFile],
    as_of: date,
    *,
    since: date | None = None,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
) -> list[Block]:
    """Headline; overdue and due-soon actions; progress per recommendation; what changed since
    the last meeting; the cost summary; the RAG key."""
    report = status_report(plans, as_of, soon=soon, stale=stale, since=since)
    titles = [f"{p.plan.title} ({p.plan.organisation})" for p in plans]
    blocks: list[Block] = [
        Heading(f"Action plan report as of {as_of.isoformat()}"),
        Lines(titles, bullets=True),
        *headline(report),
        *_attention(report),
        Heading("Progress by recommendation"),
        _progress_table(report.recommendations, many=report.summary.plans > 1),
    ]
    if since is not None:
        blocks += _since(report, since)
    blocks += _costs(plans)
    blocks.append(Lines(key_lines(report)))
    return blocks


def _attention(report: StatusReport) -> list[Block]:
    overdue = [a for a in report.actions if a.overdue]
    due_soon = report.summary.due_soon
    blocks: list[Block] = [Heading(f"Overdue actions ({len(overdue)})")]
    if overdue:
        blocks.append(Table(status_columns(), [status_cells(a) for a in overdue]))
    else:
        blocks.append(Lines(["None."]))
    blocks.append(
        Heading(f"Due in the next {plural(report.summary.soon, 'day')} ({len(due_soon)})")
    )
    if due_soon:
        blocks.append(Table(status_columns(), [status_cells(a) for a in due_soon]))
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
            rec.title,
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


def _costs(plans: Sequence[PlanFile]) -> list[Block]:
    summary = cost_summary(plans)
    if not summary.rows:
        return [Heading("Estimated costs"), Lines(["These plans record no costs."])]
    return [Heading("Estimated costs"), cost_table(summary), Lines(reconciliation(summary))]


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font-family: Arial, Helvetica, sans-serif; font-size: 11pt; margin: 2em; color: #000; }}
h2 {{ font-size: 14pt; margin-top: 1.6em; border-bottom: 1px solid #888; }}
h3 {{ font-size: 12pt; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; }}
th, td {{ border: 1px solid #999; padding: 3px 6px; vertical-align: top; text-align: left; }}
th {{ background: #eee; }}
td.rag-red {{ background: #f4c7c3; font-weight: bold; }}
td.rag-amber {{ background: #fce8b2; font-weight: bold; }}
td.rag-green {{ background: #b7e1cd; font-weight: bold; }}
td.rag-complete {{ font-weight: bold; }}
@media print {{
  body {{ margin: 0; font-size: 9pt; }}
  h2 {{ break-after: avoid; }}
  tr {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
</style>
</head>
<body>
{body}</body>
</html>
"""

_RAG_CELL = re.compile(r'<td( style="[^"]*")?>(RED|AMBER|GREEN|COMPLETE|DROPPED)\b')


def _rag_classes(body: str) -> str:
    """Colour RAG cells by class; the word stays, so a black-and-white print still reads."""
    return _RAG_CELL.sub(
        lambda m: f'<td class="rag-{m.group(2).lower()}"{m.group(1) or ""}>{m.group(2)}', body
    )


def render_board(blocks: Sequence[Block], format: Format) -> str:
    """Markdown, or a self-contained HTML page (no network resources; prints cleanly)."""
    if format is Format.HTML:
        first = blocks[0]
        title = first.text if isinstance(first, Heading) else "Action plan report"
        return _PAGE.format(title=html.escape(title), body=_rag_classes(blocks_to_html(blocks)))
    return blocks_to_markdown(blocks)
