"""Each page of a site as a title, a trail of breadcrumbs and document blocks.

The blocks are the reports' own (`headline`, `show_blocks`, `history_blocks`,
`owners_table`), with links added to their cells; nothing is computed or drawn here:
`output.site` makes each page whole.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from actionplan.charts.figures import chart_blocks
from actionplan.findings import plural
from actionplan.model.plan import PlanFile, Recommendation
from actionplan.reports.board import Withheld
from actionplan.reports.history import ItemHistory
from actionplan.reports.portfolio import PortfolioReport
from actionplan.reports.status import (
    ActionStatus,
    OwnerRow,
    RecommendationStatus,
    StatusReport,
)
from actionplan.schedule import RAG_KEY
from actionplan.site import layout
from actionplan.views.document import Block, Column, Heading, Lines, Table
from actionplan.views.history import history_blocks
from actionplan.views.portfolio import portfolio_blocks
from actionplan.views.show import Section, show_blocks
from actionplan.views.status import (
    headline,
    key_lines,
    owners_table,
    status_cells,
    status_columns,
    withheld_line,
)

SITE_NAME = "Action plans"


@dataclass(frozen=True)
class Page:
    """One page: where it lives, its title (the `<title>` and the `h1`), the pages above it
    (label and path, the site's index first), its blocks and what follows them as HTML."""

    path: str
    title: str
    trail: tuple[tuple[str, str], ...]
    blocks: Iterable[Block]  # taken once, as the page is written
    as_of: date
    rendered: Iterable[str] = ()  # HTML made already, after the blocks (`owner_page`)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "none"


def _withheld(withheld: Withheld) -> list[Block]:
    return [Lines([withheld_line(withheld)])] if withheld.count else []


def _key(soon: int, stale: int) -> Lines:
    return Lines([RAG_KEY.format(soon=soon, stale=stale)])


# --- The index -------------------------------------------------------------------------------


def index_page(
    report: PortfolioReport,
    pages: dict[str, str],
    action_pages: dict[tuple[str, str, str], str],
) -> Page:
    """The portfolio of the plans (`portfolio`'s blocks), each plan linked to its page and each
    of the most overdue actions to its place on its recommendation's page. `pages` gives each
    plan's page by id, `action_pages` each action's page by (plan, recommendation, action)."""
    path = layout.INDEX
    blocks = list(portfolio_blocks(report, titles=True))
    tables = [block for block in blocks if isinstance(block, Table)]
    tables[0].links = {
        (index, 0): layout.href(path, pages[row.plan])
        for index, row in enumerate(report.rows)
        if row.plan in pages
    }
    if report.most_overdue:
        tables[1].links = {
            (index, 0): layout.href(
                path,
                action_pages[(a.plan, a.recommendation, a.id)],
                layout.action_anchor(a.id),
            )
            for index, a in enumerate(report.most_overdue)
            if (a.plan, a.recommendation, a.id) in action_pages
        }
    return Page(path, SITE_NAME, (), blocks, report.as_of)


# --- A plan ----------------------------------------------------------------------------------


def plan_facts(plan: PlanFile) -> Lines:
    """What the plan is: its organisation, kind, owning body, source and dates."""
    info = plan.plan
    facts = [
        ("Plan id", info.id),
        ("Organisation", info.organisation),
        ("Kind", info.kind),
        ("Owned by", info.owned_by),
        ("Source", info.source),
        ("Adopted", info.adopted.isoformat() if info.adopted else None),
        ("Period", info.period),
        ("Reports to", ", ".join(info.reports_to) or None),
    ]
    return Lines([f"{label}: {' '.join(value.split())}" for label, value in facts if value], True)


def plan_page(
    plan: PlanFile,
    report: StatusReport,
    pages: dict[str, str],
    *,
    path: str,
    withheld: Withheld,
) -> Page:
    """A plan: what it is, its recommendations (each linked to its page), its charts (as the
    board report draws them, each with its table, but for the timeline of each recommendation:
    a site gives each action's targets, their revisions and its slippage on the
    recommendation's page), then its status as `status` opens it (the counts, what is overdue
    and due soon) with a table of the actions overdue or due soon, each linked to its place on
    its recommendation's page. Every action is on its recommendation's page, in a table of its
    own, so the plan's page does not repeat them all. `pages` gives each recommendation's page."""
    by_id = {rec.id: rec for rec in report.recommendations}
    recs = list(plan.recommendations)
    table = Table(
        columns=[
            Column("ID", no_wrap=True),
            Column("Recommendation"),
            Column("Actions", align="right"),
            Column("Done", align="right"),
            Column("Overdue", align="right"),
            Column("Worst RAG"),
        ],
        rows=[_recommendation_cells(rec, by_id.get(rec.id)) for rec in recs],
        title="Recommendations",
        links={
            (index, 1): layout.href(path, pages[rec.id])
            for index, rec in enumerate(recs)
            if rec.id in pages
        },
    )
    blocks: list[Block] = [plan_facts(plan), table]
    if report.actions:
        blocks += chart_blocks([plan], report, timelines=False)
        blocks += headline(report)
        blocks.append(_attention(report, pages, path))
        blocks.append(Lines(key_lines(report)))
    else:
        blocks.append(Lines(["No actions yet."]))
    blocks += _withheld(withheld)
    trail = ((SITE_NAME, layout.INDEX),)
    return Page(path, plan.plan.title, trail, blocks, report.as_of)


def _attention(report: StatusReport, pages: dict[str, str], path: str) -> Block:
    """The actions overdue (most overdue first), then those due soon (soonest first), a row
    each as `status` gives it, each linked to its place on its recommendation's page."""
    overdue = sorted((a for a in report.actions if a.overdue), key=_by_days_overdue)
    rows = [*overdue, *report.summary.due_soon]
    within = f"due in the next {plural(report.summary.soon, 'day')}"
    if not rows:
        return Lines([f"No action is overdue or {within}."])
    return Table(
        columns=status_columns(explain=True),
        rows=[status_cells(a, explain=True, full=True) for a in rows],
        title=f"Actions overdue or {within}",
        links={
            (index, 0): layout.href(path, pages[a.recommendation], layout.action_anchor(a.id))
            for index, a in enumerate(rows)
            if a.recommendation in pages
        },
    )


def _by_days_overdue(action: ActionStatus) -> int:
    return -action.days_overdue


def _recommendation_cells(rec: Recommendation, status: RecommendationStatus | None) -> list[str]:
    actions = status.actions if status else []
    worst = status.worst_rag if status else None
    return [
        rec.id,
        " ".join(rec.title.split()),
        str(len(actions)),
        str(status.done if status else 0),
        str(sum(1 for a in actions if a.overdue)),
        worst.value.upper() if worst else "no actions",
    ]


# --- A recommendation ------------------------------------------------------------------------


def recommendation_page(
    plan: PlanFile,
    rec: Recommendation,
    sections: list[Section],
    history: ItemHistory | str,
    *,
    path: str,
    plan_path: str,
    as_of: date,
) -> Page:
    """A recommendation in full (`show`), each action under an anchor the owners' pages link
    to, then its history in git, or the sentence that says why there is none."""
    anchors = {f"Action {a.id}": layout.action_anchor(a.id) for a in rec.actions}
    blocks = show_blocks(sections, anchors)
    title = (
        blocks[0].text if blocks and isinstance(blocks[0], Heading) else f"Recommendation {rec.id}"
    )
    blocks.append(Heading("History", anchor="history"))
    if isinstance(history, str):
        blocks.append(Lines([history]))
    else:
        for block in history_blocks(history)[1:]:
            if isinstance(block, Table) and not block.title:
                block = dataclasses.replace(block, title="Commits that changed it")
            blocks.append(block)
    trail = ((SITE_NAME, layout.INDEX), (plan.plan.title, plan_path))
    return Page(path, title, trail, blocks, as_of)


# --- Owners ----------------------------------------------------------------------------------


def owner_actions_table(plan_title: str, rows: list[list[str]], links: list[str]) -> Table:
    """One owner's actions in one plan, as their page lists them (`status_cells`, full): each
    row's action linked to its place on its recommendation's page (`links`, a row each)."""
    return Table(
        columns=status_columns(),
        rows=rows,
        title=f"Actions in {plan_title}",
        links={(index, 0): link for index, link in enumerate(links)},
    )


def owners_index_page(
    rows: Sequence[OwnerRow], pages: dict[str, str], as_of: date, *, soon: int
) -> Page:
    """Every owner across the plans (the owners report), each linked to their page; `pages`
    gives each owner's page by name."""
    path = layout.OWNERS
    table = owners_table(list(rows), as_of, soon, many_plans=True)
    table.links = {
        (index, 0): layout.href(path, pages[row.owner])
        for index, row in enumerate(rows)
        if row.owner in pages
    }
    blocks: list[Block] = [table] if rows else [Lines(["No actions, so no owners."])]
    return Page(path, "Owners", ((SITE_NAME, layout.INDEX),), blocks, as_of)


def owner_page(
    owner: OwnerRow,
    about: list[str],
    plans: Iterable[str],
    *,
    path: str,
    as_of: date,
    soon: int,
) -> Page:
    """One owner: who they are (`about`), their figures, and their actions plan by plan, each
    linked to its recommendation's page: `plans` is each plan's `owner_actions_table` as HTML,
    made where the plan was built and taken as the page is written, so an owner of thousands
    of actions is never held whole."""
    figures = (
        f"{plural(owner.actions, 'action')} as of {as_of.isoformat()}: {owner.done} done, "
        f"{owner.overdue} overdue, {owner.due_soon} due in the next {plural(soon, 'day')}."
    )
    trail = ((SITE_NAME, layout.INDEX), ("Owners", layout.OWNERS))
    return Page(path, owner.owner, trail, [Lines([*about, figures])], as_of, rendered=plans)
