"""The portfolio report as blocks, and as records for CSV and JSON (no computing here).

One row per plan, a totals row that is the sum of the rows, then the actions most overdue
across the plans shown, worded as `status` words an action (`views.status`).
"""

from __future__ import annotations

import difflib
from typing import Any

from actionplan.findings import plural
from actionplan.model.names import fold
from actionplan.reports.portfolio import PortfolioReport, PortfolioRow
from actionplan.schedule import RAG_KEY
from actionplan.views.document import Block, Column, Field, Heading, Lines, Records, Table, View
from actionplan.views.status import (
    action_fields,
    figures_line,
    iso,
    owners_cell,
    rag_cell,
    rag_style,
    shorten,
    target_cell,
    withheld_line,
)


def _oldest(row: PortfolioRow) -> str:
    """`1.6 (92 days)`: the open action longest past its target."""
    if row.oldest_overdue is None:
        return ""
    return f"{row.oldest_overdue} ({plural(row.oldest_overdue_days, 'day')})"


def _rag(row: PortfolioRow) -> str:
    return row.worst_rag.value.upper() if row.worst_rag else "no actions"


def plans_table(report: PortfolioReport, *, titles: bool = False) -> Table:
    """One row per plan and a totals row; with `titles` (a page) the plan's title, else its id."""
    soon = report.soon
    columns = [
        Column("Plan", min_width=20 if titles else None, no_wrap=not titles),
        Column("Kind", max_width=18),
        Column("Owned by", max_width=22),
        Column("Recs", align="right"),
        Column("Actions", align="right"),
        Column("Done", align="right"),
        Column("Overdue", align="right"),
        Column(f"Due in {soon} days", align="right"),
        Column("Worst RAG", style=rag_style, no_wrap=True),
        Column("Oldest overdue", max_width=18),
        Column("Revisions", align="right"),
        Column("Last progress", no_wrap=True),
    ]
    rows = [
        [
            f"{row.title} ({row.plan})" if titles else row.plan,
            row.kind or "",
            row.owned_by or "",
            str(row.recommendations),
            str(row.actions),
            str(row.done),
            str(row.overdue),
            str(row.due_soon),
            _rag(row),
            _oldest(row),
            str(row.revisions),
            iso(row.last_progress) or "none",
        ]
        for row in report.rows
    ]

    def total(count: Any) -> str:
        return str(sum(count(row) for row in report.rows))

    footer = [
        [
            f"Total ({plural(len(report.rows), 'plan')})",
            "",
            "",
            total(lambda r: r.recommendations),
            total(lambda r: r.actions),
            total(lambda r: r.done),
            total(lambda r: r.overdue),
            total(lambda r: r.due_soon),
            "",
            "",
            total(lambda r: r.revisions),
            "",
        ]
    ]
    return Table(
        columns,
        rows,
        title=f"Plans, by {report.sort.value}",
        footer=footer,
        caption="Oldest overdue: the open action longest past its target. Revisions: target "
        "revisions across the plan's actions. Last progress: the latest progress update.",
    )


def most_overdue_table(report: PortfolioReport, *, full: bool = False) -> Table:
    """The actions most overdue across the plans shown; their text whole with `full` (for a
    document), else cut to fit a terminal."""
    return Table(
        columns=[
            Column("Action", no_wrap=True),
            Column("What", max_width=50, min_width=24),
            Column("Owner(s)", max_width=24),
            Column("Target", max_width=14),
            Column("RAG", style=rag_style, max_width=14),
            Column("Overdue", align="right"),
        ],
        rows=[
            [
                f"{a.plan} {a.id}",
                a.text if full else shorten(a.text, 50),
                owners_cell(a.owners, a.no_owner),
                target_cell(a),
                rag_cell(a),
                plural(a.days_overdue, "day"),
            ]
            for a in report.most_overdue
        ],
        title=f"The {plural(len(report.most_overdue), 'action')} most overdue",
    )


def headline(report: PortfolioReport) -> list[Block]:
    title = f"Portfolio as of {report.as_of.isoformat()}: {plural(len(report.rows), 'plan')}"
    if report.filters.describe():
        title += f" of {report.plans_read} (only {', '.join(report.filters.describe())})"
    rows = report.rows
    lines = [
        figures_line(
            sum(r.actions for r in rows),
            sum(r.recommendations for r in rows),
            sum(r.done for r in rows),
            sum(r.overdue for r in rows),
            sum(r.due_soon for r in rows),
            report.soon,
        ),
        f"Plans with an overdue action: {sum(1 for r in rows if r.overdue)}",
    ]
    return [Heading(title), Lines(lines, bullets=True)]


def portfolio_blocks(report: PortfolioReport, *, titles: bool = False) -> list[Block]:
    blocks = [*headline(report), plans_table(report, titles=titles)]
    if report.most_overdue:
        blocks.append(most_overdue_table(report, full=titles))
    elif report.top:
        blocks.append(Lines(["No action is overdue in these plans."]))
    blocks.append(Lines([RAG_KEY.format(soon=report.soon, stale=report.stale)]))
    if report.withheld.count:
        blocks.append(Lines([withheld_line(report.withheld)]))
    return blocks


# --- Records ---------------------------------------------------------------------------------

PLAN_FIELDS: list[Field[PortfolioRow]] = [
    Field("plan", lambda row: row.plan),
    Field("title", lambda row: row.title),
    Field("file", lambda row: row.file),
    Field("kind", lambda row: row.kind),
    Field("owned_by", lambda row: row.owned_by),
    Field("recommendations", lambda row: row.recommendations),
    Field("actions", lambda row: row.actions),
    Field("done", lambda row: row.done),
    Field("overdue", lambda row: row.overdue),
    Field("due_soon", lambda row: row.due_soon),
    Field("worst_rag", lambda row: row.worst_rag),
    Field("oldest_overdue", lambda row: row.oldest_overdue),
    Field("oldest_overdue_days", lambda row: row.oldest_overdue_days),
    Field("revisions", lambda row: row.revisions),
    Field("last_progress", lambda row: row.last_progress),
]


def portfolio_json(report: PortfolioReport) -> dict[str, Any]:
    """`{"as_of", "soon_days", "sort", "filters", "plans", "most_overdue"}`."""
    overdue = report.most_overdue
    return {
        "as_of": report.as_of.isoformat(),
        "soon_days": report.soon,
        "stale_days": report.stale,
        "sort": report.sort.value,
        "filters": report.filters.describe(),
        "plans_read": report.plans_read,
        "plans": Records(PLAN_FIELDS, report.rows).json(),
        "most_overdue": Records(action_fields(overdue), overdue).json(),
        "exempt_withheld": report.withheld.count,
    }


def no_match_message(report: PortfolioReport) -> str:
    """What to print instead of an empty table: which filter, and the names it could take."""
    described = report.filters.describe()
    if not described:
        return "No plans to show: every plan read is exempt (add --include-exempt)."
    message = (
        f"No plans match {' and '.join(described)} as of {report.as_of.isoformat()} "
        f"(of {plural(report.plans_read, 'plan')} read)."
    )
    unknown = report.unknown_filters
    kind, owner = report.filters.kind, report.filters.owner
    if kind is not None and f"--kind '{kind}'" in unknown:
        kinds = ", ".join(report.kinds) if report.kinds else "none say their kind"
        message += f" Kinds of plan: {kinds}."
    if owner is not None and f"--owner '{owner}'" in unknown:
        folded = {fold(name): name for name in report.owner_names}
        close = difflib.get_close_matches(fold(owner), folded, n=3, cutoff=0.5)
        if close:
            message += f" Did you mean {' or '.join(repr(folded[o]) for o in close)}?"
        else:
            message += " 'actionplan owners' lists the owners of actions."
    return message


def portfolio_view(report: PortfolioReport) -> View:
    """The portfolio in every format; a page names each plan by its title."""
    return View(
        blocks=lambda: portfolio_blocks(report),
        document_blocks=lambda: portfolio_blocks(report, titles=True),
        csv=lambda: Records(PLAN_FIELDS, report.rows),
        json=lambda: portfolio_json(report),
        nothing_to_show=None if report.rows else no_match_message(report),
    )
