"""`show`: one recommendation or action in full, as blocks, CSV rows or a JSON document.

A recommendation shows its text, acceptance, roll-up, actions and costs, then each action in
full; an action shows its targets and their revisions, its rating and its dated progress history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from actionplan.model.plan import (
    NOT_RECORDED,
    Action,
    Closure,
    CostLine,
    Exempt,
    PlanFile,
    Recommendation,
    TargetRevision,
    recorded,
    routes_target,
)
from actionplan.reports.money import format_money
from actionplan.reports.status import ActionStatus, Found, RecommendationStatus, action_status
from actionplan.schedule import SOON_DAYS, STALE_DAYS, target_label
from actionplan.views.document import Block, Column, Heading, Lines, Rows, Table, View
from actionplan.views.status import (
    action_values,
    iso,
    overdue_cell,
    owners_cell,
    rag_cell,
    status_cells,
    status_columns,
    why_cell,
    with_exempt_line,
    withheld_line,
)

if TYPE_CHECKING:
    from actionplan.reports.board import Withheld


@dataclass
class Section:
    """One thing shown in full: a heading, `label: value` fields, and tables."""

    item: str  # "recommendation 3" or "action 3.5"
    title: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def show_sections(
    found: Found,
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    rows: Sequence[ActionStatus] | None = None,
    full: bool = False,
    listed: bool = False,
) -> list[Section]:
    """The found recommendation (then each of its actions) or the found action, in full; the
    recommendation's table of actions cuts their text to fit a terminal unless `full` (for a
    document). `rows`: the recommendation's actions' status, when the caller has them.

    With `listed` (a site's page of the recommendation), each action's section leaves out what
    the table of actions above it already gives in its row (owners, status, RAG and why,
    overdue, last update) and keeps what the row does not: its dates, closure, progress."""
    plan, rec = found.plan, found.recommendation
    where = ("Plan", f"{plan.plan.id} ({plan.plan.title})")
    if found.action is not None:
        row = action_status(plan, rec, found.action, as_of, soon=soon, stale=stale)
        section = _action_section(plan, rec, found.action, row)
        section.fields[:0] = [where, ("Recommendation", f"{rec.id} — {rec.title}")]
        return [section]
    if rows is None:
        rows = [action_status(plan, rec, a, as_of, soon=soon, stale=stale) for a in rec.actions]
    return [
        _recommendation_section(plan, rec, rows, where, full=full),
        *(
            _action_section(plan, rec, a, row, listed=listed)
            for a, row in zip(rec.actions, rows, strict=True)
        ),
    ]


def _recommendation_section(
    plan: PlanFile,
    rec: Recommendation,
    rows: Sequence[ActionStatus],
    where: tuple[str, str],
    *,
    full: bool,
) -> Section:
    section = Section(f"recommendation {rec.id}", f"Recommendation {rec.id}: {rec.title}")
    fields = [where]
    if rec.theme is not None:
        title = next((t.title for t in plan.plan.themes if t.id == rec.theme), None)
        fields.append(("Theme", f"{title} ({rec.theme})" if title else rec.theme))
    if plan.version >= 2:
        fields += _recommendation_terms(rec)
    else:
        accepted = {True: "yes", False: "no", None: "not recorded"}[rec.accepted]
        fields.append(("Accepted", accepted))
    if rec.text:
        fields.append(("Text", " ".join(rec.text.split())))
    fields += _written(
        ("Finding", rec.finding), ("Agreed management action", rec.management_action)
    )
    roll_up = RecommendationStatus(plan.plan.id, rec.id, rec.title, rec.theme, list(rows))
    if rows:
        worst = roll_up.worst_rag.value.upper() if roll_up.worst_rag else "none"
        fields.append(("Actions", f"{roll_up.progress_label}, worst {worst}"))
    else:
        fields.append(("Actions", "none"))
    fields += _extras(rec.outcomes, rec.notes)
    section.fields = fields
    if rows:
        section.tables.append(
            Table(
                status_columns(explain=True),
                [status_cells(r, explain=True, full=full) for r in rows],
                title="Actions",
            )
        )
    if rec.costs:
        section.tables.append(costs_table(rec.costs))
    return section


def costs_table(costs: Sequence[CostLine]) -> Table:
    """A recommendation's cost lines, with their total (a range when any line is one)."""
    rows = []
    for cost in costs:
        amount = format_money(cost.amount)
        if cost.high is not None:
            amount += f" to {format_money(cost.high)}"
        detail = [cost.detail] if cost.detail else []
        if cost.units is not None:
            detail.append(
                f"{cost.units.quantity} {cost.units.unit} × {format_money(cost.units.rate)}"
            )
        rows.append(
            [
                cost.label,
                amount,
                cost.recurrence.value,
                "; ".join(detail),
                ", ".join(cost.owners),
            ]
        )
    low = sum((c.amount for c in costs), Decimal("0.00"))
    high = sum((c.high or c.amount for c in costs), Decimal("0.00"))
    total = format_money(low) + (f" to {format_money(high)}" if high != low else "")
    return Table(list(_COST_COLUMNS), rows, title="Costs", footer=[["Total", total, "", "", ""]])


_COST_COLUMNS = (
    Column("Cost"),
    Column("Amount", align="right"),
    Column("Recurrence"),
    Column("Detail"),
    Column("Owner(s)"),
)


def _written(*pairs: tuple[str, str | None]) -> list[tuple[str, str]]:
    """The (label, text) pairs that have text, each on one line."""
    return [(label, " ".join(text.split())) for label, text in pairs if text]


def _recommendation_terms(rec: Recommendation) -> list[tuple[str, str]]:
    """Format 2's acceptance and audit fields, those the plan gives."""
    acceptance = rec.acceptance.value.replace("-", " ") if rec.acceptance else "not recorded"
    return [
        ("Acceptance", acceptance),
        *_written(
            ("Response", rec.response),
            ("Source", rec.source_kind),
            ("Audit", rec.audit),
            ("Assurance", rec.assurance),
            ("Priority", rec.priority),
        ),
        *_exempt(rec.exempt),
    ]


def _exempt(exempt: Exempt | None, *, of: str | None = None) -> list[tuple[str, str]]:
    """The Exempt field: the paragraph and the reason; `of` names whose exemption an action
    has when it is not its own ("its recommendation")."""
    if exempt is None:
        return []
    reason = f": {exempt.reason}" if exempt.reason else ""
    whose = f", as {of} is" if of else ""
    return [
        ("Exempt", f"paragraph {exempt.paragraph}{whose}{reason} (left out of published papers)")
    ]


def _closure(closure: Closure) -> str:
    """`implemented on 2026-05-01: Payroll reconciliations seen (verified by Head of Audit)`."""
    text = closure.kind.value.replace("-", " ")
    if closure.date is not None:
        text += f" on {closure.date.isoformat()}" if closure.date is not NOT_RECORDED else ""
    details = [
        d
        for d in (
            closure.evidence,
            closure.reason,
            f"superseded by {closure.superseded_by}" if closure.superseded_by else None,
        )
        if d
    ]
    whom = [
        f"{label} {name}"
        for label, name in (
            ("verified by", closure.verified_by),
            ("accepted by", closure.accepted_by),
        )
        if name
    ]
    if details:
        text += ": " + "; ".join(" ".join(d.split()) for d in details)
    return text + (f" ({', '.join(whom)})" if whom else "")


def _approval(revision: TargetRevision) -> str:
    """`Audit Committee, 2026-03-14`, `not recorded`, or `none` (AP219 says so)."""
    if revision.approved_at is NOT_RECORDED:
        return "not recorded"
    parts = [revision.approved_by, recorded(revision.approved_at)]
    words = [p.isoformat() if isinstance(p, date) else p for p in parts if p]
    return ", ".join(words) if words else "none"


def _extras(outcomes: Sequence[str], notes: str | None) -> list[tuple[str, str]]:
    extras = [("Outcomes", ", ".join(outcomes))] if outcomes else []
    return extras + ([("Notes", " ".join(notes.split()))] if notes else [])


def _action_section(
    plan: PlanFile, rec: Recommendation, action: Action, row: ActionStatus, *, listed: bool = False
) -> Section:
    section = Section(f"action {action.id}", f"Action {action.id}")
    written = target_label(action.target, action.target_text)
    if action.target is not None and written.casefold() != str(action.target).casefold():
        written += f" ({action.target})"
    elif action.target is None and action.funding:
        routes = routes_target(action.funding)
        written = f"{target_label(routes, action.target_wording)}, from its funding routes (below)"
    fields = [("What", row.text)]
    if not listed:
        fields.append(("Owner(s)", owners_cell(row.owners, row.no_owner)))
    fields.append(("Target", written))
    if action.revisions:
        count = f" in {row.revisions} revisions" if row.revisions > 1 else ""
        fields.append(
            ("Revised target", f"{row.target}, slipped {_days(row.slippage_days)}{count}")
        )
    if row.due_date is not None:
        due = row.due_date.isoformat()
    elif row.never_overdue:
        due = "never overdue (ongoing or dependent)"
    else:
        due = "no dated target"
    fields.append(("Due", due))
    if not listed or row.status_reason:  # the table's row gives the status, not its reason
        status = row.status.value + (f": {row.status_reason}" if row.status_reason else "")
        fields.append(("Status", status))
    if row.completed is not None:
        fields.append(("Completed", str(row.completed)))
    if action.closure is not None:
        fields.append(("Closure", _closure(action.closure)))
    fields += (
        _exempt(action.exempt)
        or _exempt(rec.exempt, of="its recommendation")
        or _exempt(plan.plan.exempt, of="its plan")
    )
    if not listed:
        fields += [
            ("RAG", f"{rag_cell(row)} — {why_cell(row)}"),
            ("Overdue", overdue_cell(row) or "no"),
            ("Last update", iso(row.last_update) or "none"),
        ]
    fields += _extras(action.outcomes, action.notes)
    section.fields = fields
    if action.revisions:
        approvals = any(r.approved_by or r.approved_at for r in action.revisions)
        section.tables.append(
            Table(
                [
                    Column("Date", no_wrap=True),
                    Column("New target"),
                    Column("Reason"),
                    Column("By"),
                    *([Column("Approved")] if approvals else []),
                ],
                [
                    [
                        r.date.isoformat(),
                        target_label(r.target, None),
                        r.reason,
                        r.by or "",
                        *([_approval(r)] if approvals else []),
                    ]
                    for r in action.revisions
                ],
                title="Target revisions",
            )
        )
    if action.funding:
        section.tables.append(
            Table(
                [Column("Funding route"), Column("Target")],
                [[r.route, target_label(r.target, r.target_text)] for r in action.funding],
                title="Funding routes",
            )
        )
    if action.progress:
        section.tables.append(
            Table(
                list(_PROGRESS_COLUMNS),
                [
                    [u.date.isoformat(), u.status.value if u.status else "", u.note, u.by or ""]
                    for u in action.progress
                ],
                title="Progress",
            )
        )
    else:
        section.fields.append(("Progress", "none recorded"))
    return section


_PROGRESS_COLUMNS = (Column("Date", no_wrap=True), Column("Status"), Column("Note"), Column("By"))


def _days(days: int) -> str:
    return f"{days} day{'' if abs(days) == 1 else 's'}"


def show_blocks(sections: list[Section], anchors: dict[str, str] | None = None) -> list[Block]:
    """The sections as blocks: a heading each (with the anchor `anchors` gives its title, if
    any: a site's page links to each action), its fields as a list, its tables."""
    blocks: list[Block] = []
    anchors = anchors or {}
    for section in sections:
        blocks.append(Heading(section.title, anchor=anchors.get(section.title)))
        blocks.append(Lines([f"{label}: {value}" for label, value in section.fields], bullets=True))
        blocks.extend(section.tables)
    return blocks


def show_rows(sections: list[Section]) -> Rows:
    """Long form, one `item, field, value` row per field and per table row."""
    rows = []
    for section in sections:
        rows += [[section.item, label, value] for label, value in section.fields]
        for table in section.tables:
            for cells in [*table.rows, *table.footer]:
                value = "; ".join(
                    f"{h}: {c}" for h, c in zip(table.headers, cells, strict=True) if c
                )
                rows.append([section.item, table.title or "", value])
    return Rows(["item", "field", "value"], rows)


def show_view(
    found: Found,
    as_of: date,
    *,
    soon: int = SOON_DAYS,
    stale: int = STALE_DAYS,
    withheld: Withheld | None = None,
) -> View:
    """The found recommendation or action in full, in every format; with exempt parts
    `withheld` from a document (or included in it), the line that says so."""

    def sections(full: bool = False) -> list[Section]:
        return show_sections(found, as_of, soon=soon, stale=stale, full=full)

    return View(
        blocks=lambda: show_blocks(sections()),
        document_blocks=lambda: with_exempt_line(show_blocks(sections(full=True)), withheld),
        csv=lambda: show_rows(sections()),
        json=lambda: show_json(found, as_of, soon=soon, stale=stale),
    )


def withheld_view(withheld: Withheld) -> View:
    """A document in place of an exempt item: the line that says it was withheld and under
    which paragraph (not even its id)."""
    return View(
        blocks=lambda: [Lines([withheld_line(withheld)])],
        nothing_to_show=withheld_line(withheld),
    )


# The action's status fields beside the plan's own text; status comes first because the plan
# leaves out the default, not-started, so the dump above may not have it.
AS_OF_STATUS = [
    "status",
    "target",
    "original_target",
    "slippage_days",
    "due_date",
    "rag",
    "rag_reason",
    "overdue",
    "days_overdue",
    "last_update",
]


def show_json(found: Found, as_of: date, *, soon: int = SOON_DAYS, stale: int = STALE_DAYS) -> Any:
    """The item as the plan writes it, each action with its status as of the date beside it."""
    plan, rec = found.plan, found.recommendation

    def action_json(action: Action) -> dict[str, Any]:
        row = action_status(plan, rec, action, as_of, soon=soon, stale=stale)
        return {
            **action.model_dump(mode="json", exclude_defaults=True),
            "as_of_status": action_values(row, AS_OF_STATUS),
        }

    document: dict[str, Any] = {
        "as_of": as_of.isoformat(),
        "plan": plan.plan.id,
        "kind": found.kind,
    }
    if found.action is not None:
        document["recommendation"] = {"id": rec.id, "title": rec.title}
        document["action"] = action_json(found.action)
    else:
        dumped = rec.model_dump(mode="json", exclude_defaults=True)
        dumped["actions"] = [action_json(a) for a in rec.actions]
        document["recommendation"] = dumped
    return document
