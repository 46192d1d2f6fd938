"""The difference between two revisions and one item's history, as blocks and records.

The waterfall comes first, as a committee reads it (open at the start, + added, + reopened,
- closed, - deleted, = open at the end), then each plan's changes, every list the waterfall
counts given in full. Nothing is computed here: `reports.history` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any

from actionplan.findings import plural
from actionplan.reports.history import (
    ActionRef,
    DiffReport,
    End,
    ItemHistory,
    PlanDiff,
    Step,
    Waterfall,
)
from actionplan.schedule import RAG_KEY
from actionplan.views.document import Block, Column, Field, Heading, Lines, Records, Table, View
from actionplan.views.status import WHAT_WIDTH, rag_style, shorten


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _days(days: int | None) -> str:
    if days is None:
        return ""
    return f"+{days}" if days > 0 else str(days)


# --- diff: blocks ----------------------------------------------------------------------------

WATERFALL_HEADERS = (
    "Open at start",
    "+ Added",
    "+ Reopened",
    "− Closed",
    "− Deleted",
    "= Open at end",
    "Overdue at start",
    "Overdue at end",
)


def _waterfall_cells(w: Waterfall) -> list[str]:
    return [
        str(n)
        for n in (
            w.open_old,
            w.added,
            w.reopened,
            w.closed,
            w.deleted,
            w.open_new,
            w.overdue_old,
            w.overdue_new,
        )
    ]


def waterfall_table(report: DiffReport) -> Table:
    many = len(report.plans) > 1
    return Table(
        columns=[
            Column("Plan", min_width=20),
            *(Column(h, align="right") for h in WATERFALL_HEADERS),
        ],
        rows=[[p.plan, *_waterfall_cells(p.waterfall)] for p in report.plans],
        footer=[["All plans", *_waterfall_cells(report.waterfall)]] if many else [],
        title="Open actions: start + added + reopened − closed − deleted = end",
        caption=f"Start: {report.old.label}, as of {report.old.as_of.isoformat()}. "
        f"End: {report.new.label}, as of {report.new.as_of.isoformat()}. Overdue as of each "
        "end's date.",
    )


def _end_line(word: str, end: End) -> str:
    return f"{word}: {end.label}, as of {end.as_of.isoformat()}"


def diff_title(report: DiffReport) -> str:
    return f"Changes from {report.old.label.split(' (')[0]} to {report.new.label.split(' (')[0]}"


def _whole(text: str, _width: int = WHAT_WIDTH) -> str:
    """`text` on one line and whole: what a document prints where a terminal `shorten`s."""
    return " ".join(text.split())


def diff_blocks(report: DiffReport, *, full: bool = False) -> list[Block]:
    """The ends, the waterfall, then per plan its changes; texts whole with `full` (for a
    document), else cut to fit a terminal."""
    blocks: list[Block] = [
        Heading(diff_title(report)),
        Lines([_end_line("From", report.old), _end_line("To", report.new)], bullets=True),
        waterfall_table(report),
    ]
    for plan in report.plans:
        blocks += plan_blocks(plan, full=full)
    blocks.append(
        Lines(
            [
                "Closed, reopened, added and deleted count open actions only in the waterfall; "
                "RAG changes list actions open at both ends (as computed on each end's date). "
                + RAG_KEY.format(soon=report.soon, stale=report.stale)
            ]
        )
    )
    return blocks


def _where(plan: PlanDiff) -> str:
    if plan.old_path is None:
        return f"new plan, {plan.new_path}"
    if plan.new_path is None:
        return f"removed, was {plan.old_path}"
    if plan.renamed:
        return f"renamed from {plan.old_path} to {plan.new_path}"
    return plan.new_path


@dataclass(frozen=True)
class _Part:
    """One kind of change: its heading, columns and cells (shared by blocks and records)."""

    title: str
    headers: tuple[str, ...]
    rows: Callable[[PlanDiff], Sequence[Any]]
    cells: Callable[[Any, Callable[[str, int], str]], list[str]]  # a row, and how to fit text


def _ident(ref: ActionRef) -> str:
    return ref.id


PARTS = (
    _Part(
        "Closed",
        ("ID", "What", "How", "On"),
        lambda p: p.closed,
        lambda c, fit: [_ident(c.action), fit(c.action.text, WHAT_WIDTH), c.how, _iso(c.on)],
    ),
    _Part(
        "Reopened",
        ("ID", "What", "Was", "Now"),
        lambda p: p.reopened,
        lambda r, fit: [_ident(r.action), fit(r.action.text, WHAT_WIDTH), r.was, r.status.value],
    ),
    _Part(
        "Added",
        ("ID", "What", "Status"),
        lambda p: p.added,
        lambda a, fit: [_ident(a.action), fit(a.action.text, WHAT_WIDTH), a.status],
    ),
    _Part(
        "Deleted",
        ("ID", "What", "Status then"),
        lambda p: p.deleted,
        lambda d, fit: [_ident(d.action), fit(d.action.text, WHAT_WIDTH), d.status],
    ),
    _Part(
        "Targets moved",
        ("ID", "From", "To", "Days", "Revision"),
        lambda p: p.slipped,
        lambda s, _fit: [
            _ident(s.action),
            s.old,
            s.new,
            _days(s.days),
            f"recorded: {s.reason}" if s.approved else "none recorded",
        ],
    ),
    _Part(
        "RAG changes",
        ("ID", "From", "To", "Why"),
        lambda p: p.rag_changes,
        lambda r, _fit: [_ident(r.action), r.old.value.upper(), r.new.value.upper(), r.reason],
    ),
    _Part(
        "Progress recorded",
        ("ID", "Date", "Status", "Note"),
        lambda p: p.recorded,
        lambda r, fit: [
            _ident(r.action),
            _iso(r.on) or "not recorded",
            r.status.value if r.status else "",
            fit(r.note, 80),
        ],
    ),
)

_STYLED = {"From", "To"}


def _column(header: str, part: str) -> Column:
    if header == "What" or header == "Note":
        return Column(header, max_width=WHAT_WIDTH, min_width=30)
    if part == "RAG changes" and header in _STYLED:
        return Column(header, style=rag_style, no_wrap=True)
    if header == "Days":
        return Column(header, align="right")
    return Column(header, no_wrap=header in ("ID", "Date", "On"))


def plan_blocks(plan: PlanDiff, *, full: bool = False) -> list[Block]:
    blocks: list[Block] = [Heading(f"{plan.plan}: {plan.title} ({_where(plan)})")]
    if not plan.changed:
        return [*blocks, Lines(["No changes."])]
    for part in PARTS:
        rows = part.rows(plan)
        if rows:
            blocks.append(
                Table(
                    columns=[_column(h, part.title) for h in part.headers],
                    rows=[part.cells(row, _whole if full else shorten) for row in rows],
                    title=f"{part.title} ({len(rows)})",
                )
            )
    return blocks


# --- diff: records and JSON ------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeRow:
    """One change, flat, for CSV: the plan, the kind of change, the action and the details."""

    plan: str
    change: str
    recommendation: str
    id: str
    text: str
    before: str
    after: str
    days: int | None
    date: date | None
    detail: str


def change_rows(report: DiffReport) -> list[ChangeRow]:
    rows: list[ChangeRow] = []
    for plan in report.plans:
        for c in plan.closed:
            rows.append(_row(plan, "closed", c.action, "open", c.how, None, c.on, ""))
        for r in plan.reopened:
            rows.append(_row(plan, "reopened", r.action, r.was, r.status.value, None, None, ""))
        for a in plan.added:
            rows.append(_row(plan, "added", a.action, "", a.status, None, None, ""))
        for d in plan.deleted:
            rows.append(_row(plan, "deleted", d.action, d.status, "", None, None, ""))
        for s in plan.slipped:
            detail = f"revision: {s.reason}" if s.approved else "no revision recorded"
            rows.append(_row(plan, "target moved", s.action, s.old, s.new, s.days, None, detail))
        for g in plan.rag_changes:
            rows.append(_row(plan, "rag", g.action, g.old.value, g.new.value, None, None, g.reason))
        for p in plan.recorded:
            status = p.status.value if p.status else ""
            rows.append(_row(plan, "progress", p.action, "", status, None, p.on, p.note))
    return rows


def _row(
    plan: PlanDiff,
    change: str,
    ref: ActionRef,
    before: str,
    after: str,
    days: int | None,
    on: date | None,
    detail: str,
) -> ChangeRow:
    return ChangeRow(
        plan.plan, change, ref.recommendation, ref.id, ref.text, before, after, days, on, detail
    )


CHANGE_FIELDS: list[Field[ChangeRow]] = [
    Field(name, attrgetter(name))
    for name in (
        "plan",
        "change",
        "recommendation",
        "id",
        "text",
        "before",
        "after",
        "days",
        "date",
        "detail",
    )
]


def _end_json(end: End) -> dict[str, Any]:
    return {"revision": end.label, "commit": end.commit, "as_of": end.as_of.isoformat()}


def _waterfall_json(w: Waterfall) -> dict[str, int]:
    return {
        "open_at_start": w.open_old,
        "added": w.added,
        "reopened": w.reopened,
        "closed": w.closed,
        "deleted": w.deleted,
        "open_at_end": w.open_new,
        "overdue_at_start": w.overdue_old,
        "overdue_at_end": w.overdue_new,
    }


def diff_json(report: DiffReport) -> dict[str, Any]:
    rows = change_rows(report)
    return {
        "from": _end_json(report.old),
        "to": _end_json(report.new),
        "waterfall": _waterfall_json(report.waterfall),
        "plans": [
            {
                "plan": plan.plan,
                "title": plan.title,
                "old_path": plan.old_path,
                "new_path": plan.new_path,
                "waterfall": _waterfall_json(plan.waterfall),
                "changes": Records(
                    [f for f in CHANGE_FIELDS if f.name != "plan"],
                    [r for r in rows if r.plan == plan.plan],
                ).json(),
            }
            for plan in report.plans
        ],
    }


def diff_view(report: DiffReport) -> View:
    """The difference in every format; CSV is one row per change."""
    return View(
        blocks=lambda: diff_blocks(report),
        document_blocks=lambda: diff_blocks(report, full=True),
        csv=lambda: Records(CHANGE_FIELDS, change_rows(report)),
        json=lambda: diff_json(report),
        page_title=diff_title(report),
    )


# --- history ---------------------------------------------------------------------------------


def history_title(item: ItemHistory) -> str:
    return f"History of {item.kind} {item.id} (plan {item.plan})"


def history_blocks(item: ItemHistory, *, full: bool = False) -> list[Block]:
    """The item's text, its slippage, and a row per commit; texts whole with `full` (for a
    document), else cut to fit a terminal."""
    fit = _whole if full else shorten
    lines = [fit(item.text, 100)] if item.text else []
    lines.append(
        f"{plural(len(item.steps), 'commit')} changed it, up to {item.until}. "
        + slippage_sentence(item)
    )
    return [
        Heading(history_title(item)),
        Lines(lines),
        Table(
            columns=[
                Column("Commit", no_wrap=True),
                Column("Date", no_wrap=True),
                Column("Author", max_width=20),
                Column("Target", max_width=14),
                Column("Status", max_width=16),
                Column("RAG", style=rag_style, no_wrap=True),
                Column("Changes", max_width=50, min_width=24),
                Column("Notes added", max_width=40),
            ],
            rows=[_step_cells(step, fit) for step in item.steps],
        ),
        Lines(["RAG as computed on each commit's date."]),
    ]


def slippage_sentence(item: ItemHistory) -> str:
    if item.slippage_days is None:
        return f"Target: first {item.first_target or 'none'}, last {item.last_target or 'none'}."
    days = item.slippage_days
    how = (
        "no slippage"
        if days == 0
        else plural(abs(days), "day") + (" later" if days > 0 else " earlier")
    )
    return f"Total slippage: {how} (first target {item.first_target}, last {item.last_target})."


def _step_cells(step: Step, fit: Callable[[str, int], str]) -> list[str]:
    return [
        step.commit,
        step.day.isoformat(),
        step.author,
        step.target,
        step.status,
        step.rag.value.upper() if step.rag else "",
        "; ".join(step.changes),
        "; ".join(fit(n, 80) for n in step.notes),
    ]


STEP_FIELDS: list[Field[Step]] = [
    Field("commit", lambda s: s.commit),
    Field("date", lambda s: s.day),
    Field("author", lambda s: s.author),
    Field("subject", lambda s: s.subject),
    Field("path", lambda s: s.path),
    Field("target", lambda s: s.target),
    Field("due_date", lambda s: s.due),
    Field("status", lambda s: s.status),
    Field("rag", lambda s: s.rag),
    Field("rag_reason", lambda s: s.rag_reason),
    Field("changes", lambda s: s.changes),
    Field("notes", lambda s: s.notes),
]


def history_json(item: ItemHistory) -> dict[str, Any]:
    return {
        "plan": item.plan,
        "id": item.id,
        "kind": item.kind,
        "text": item.text,
        "until": item.until,
        "first_target": item.first_target,
        "last_target": item.last_target,
        "slippage_days": item.slippage_days,
        "steps": Records(STEP_FIELDS, item.steps).json(),
    }


def history_view(item: ItemHistory) -> View:
    return View(
        blocks=lambda: history_blocks(item),
        document_blocks=lambda: history_blocks(item, full=True),
        csv=lambda: Records(STEP_FIELDS, item.steps),
        json=lambda: history_json(item),
        page_title=history_title(item),
    )


def with_changes_since(view: View, report: DiffReport) -> View:
    """A report's view with the changes since the last meeting (a revision in git) after it:
    its blocks followed by the difference's, its JSON with `since_rev` beside it."""

    def json_document() -> Any:
        document = view.json() if view.json is not None else {}
        return {**document, "since_rev": diff_json(report)}

    def blocks() -> list[Block]:
        return [*view.blocks(), *diff_blocks(report)]

    def document_blocks() -> list[Block]:
        return [*(view.document_blocks or view.blocks)(), *diff_blocks(report, full=True)]

    return View(
        blocks=blocks,
        document_blocks=document_blocks,
        csv=view.csv,
        json=json_document,
        nothing_to_show=view.nothing_to_show,
        page_title=view.page_title,
    )
