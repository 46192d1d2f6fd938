"""The tracker's columns, each declared once for import and export: the field it fills, the
headers it is recognised by, the header the export gives it, and how its cell is written.

Import finds a column by any of its `headers` (compared after `normalise_header`); export writes
the `exported` columns in this order, under their `header`, one row per action and cost line.
The plan block above the table is declared the same way, one `PlanRow` per label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

from actionplan.model.plan import Action, CostLine, Recommendation
from actionplan.tracker.cells import (
    Cell,
    cell_text,
    day_yaml,
    funding_cell,
    list_cell,
    money_text,
    money_yaml,
    parse_accepted,
    parse_cost,
    parse_day,
    parse_money_cell,
    parse_rag,
    parse_recorded_day,
    parse_recurrence,
    parse_target,
    parse_units,
    progress_cell,
    revisions_cell,
    split_list,
    units_cell,
    vocabulary_word,
)


class Part(Enum):
    """The part of the plan a column describes; an exported row holds at most one of each."""

    RECOMMENDATION = "recommendation"
    ACTION = "action"
    COST = "cost"


@dataclass(frozen=True)
class Column:
    """One tracker column. `read` turns its cell into the plan's value (raising RowError);
    `write` makes the export's cell from the `part` (None: not exported); `wide` and `money`
    shape the .xlsx column."""

    field: str
    meaning: str  # for --map's list of fields
    headers: tuple[str, ...]  # as import recognises them, normalised
    read: Callable[[Cell], Any] | None = None  # None: the cell's text, or read with its row
    part: Part | None = None
    header: str | None = None  # as export writes it
    write: Callable[[Any], Cell] | None = None
    on_every_row: bool = False  # written on each row of its recommendation, not only the first
    wide: bool = False
    money: bool = False


def _names(cell: Cell) -> list[str]:
    return split_list(cell_text(cell))


def _closure(action: Action, key: str) -> Cell:
    if action.closure is None:
        return None
    value = getattr(action.closure, key)
    return value.isoformat() if hasattr(value, "isoformat") else cast("Cell", value)


def _rec(header: str, write: Callable[[Recommendation], Cell], **more: Any) -> dict[str, Any]:
    return {"part": Part.RECOMMENDATION, "header": header, "write": write, **more}


def _action(header: str, write: Callable[[Action], Cell], **more: Any) -> dict[str, Any]:
    return {"part": Part.ACTION, "header": header, "write": write, **more}


def _cost(header: str, write: Callable[[CostLine], Cell], **more: Any) -> dict[str, Any]:
    return {"part": Part.COST, "header": header, "write": write, **more}


COLUMNS: tuple[Column, ...] = (
    Column(
        "rec_id",
        "the recommendation's number",
        ("rec", "rec no", "rec number", "rec ref", "recommendation no", "recommendation number",
         "recommendation ref", "ref", "ref no", "no", "number", "reference", "rec id",
         "recommendation id"),
        **_rec("Rec No", lambda rec: rec.id, on_every_row=True),
    ),
    Column(
        "recommendation",
        "the recommendation's title (or its full text, cut to a title)",
        ("recommendation", "recommendations", "recommendation title", "title"),
        **_rec("Recommendation", lambda rec: rec.title),
    ),
    Column(
        "recommendation_text",
        "the recommendation in full",
        ("recommendation text", "recommendation detail", "recommendation in full"),
        **_rec("Recommendation text", lambda rec: rec.text, wide=True),
    ),
    Column(
        "theme",
        "the theme or priority it falls under",
        ("theme", "priority area", "section", "strand", "workstream"),
        **_rec("Theme", lambda rec: rec.theme),
    ),
    Column(
        "accepted",
        "how it was answered: accepted (Y), accepted in principle, partially accepted, not "
        "accepted (N), noted",
        ("accepted", "accepted y n", "accepted by executive", "accepted by executive y n",
         "agreed", "acceptance", "agreed y n", "accepted rejected"),
        **_rec(
            "Accepted",
            lambda rec: rec.acceptance_word,
            read=lambda cell: parse_accepted(cell_text(cell)),
        ),
    ),
    Column(
        "response",
        "the response's own words",
        ("response", "management response", "council response", "executive response",
         "cabinet response"),
        **_rec("Response", lambda rec: rec.response, wide=True),
    ),
    Column(
        "source_kind",
        "where it came from: internal-audit, external-audit, scrutiny, inspection, …",
        ("source kind", "source type", "recommendation source"),
        **_rec("Source kind", lambda rec: rec.source_kind, read=lambda c: vocabulary_word(c)),
    ),
    Column(
        "audit",
        "the audit or review it came from",
        ("audit", "audit title", "audit report", "review", "report", "audit name"),
        **_rec("Audit", lambda rec: rec.audit),
    ),
    Column(
        "assurance",
        "the assurance level the audit gave: substantial, reasonable, limited, no assurance",
        ("assurance", "assurance level", "audit opinion", "opinion", "assurance rating"),
        **_rec("Assurance", lambda rec: rec.assurance, read=lambda c: vocabulary_word(c)),
    ),
    Column(
        "priority",
        "its priority: high, medium, low (or 1-3); words that are not a priority are a theme",
        ("priority", "risk rating", "recommendation priority", "grade", "priority rating",
         "risk priority"),
        **_rec("Priority", lambda rec: rec.priority),
    ),
    Column(
        "finding",
        "the finding behind the recommendation",
        ("finding", "findings", "issue", "issue identified", "weakness", "observation",
         "audit finding"),
        **_rec("Finding", lambda rec: rec.finding, wide=True),
    ),
    Column(
        "management_action",
        "the agreed management action (the row's action when there is no Action column)",
        ("agreed management action", "management action", "agreed action",
         "agreed management actions", "management actions"),
        **_rec("Management action", lambda rec: rec.management_action, wide=True),
    ),
    Column(
        "recommendation_exempt",
        "exempt information: the Schedule 12A paragraph (or 'personal data')",
        ("exempt", "exempt paragraph", "recommendation exempt"),
        **_rec("Exempt", lambda rec: rec.exempt.paragraph if rec.exempt else None),
    ),
    Column(
        "recommendation_exempt_reason",
        "why it is exempt",
        ("exempt reason", "recommendation exempt reason"),
        **_rec("Exempt reason", lambda rec: rec.exempt.reason if rec.exempt else None),
    ),
    Column(
        "recommendation_notes",
        "notes on the recommendation",
        ("recommendation notes",),
        **_rec("Recommendation notes", lambda rec: rec.notes),
    ),
    Column(
        "action_id",
        "the action's number (default: Rec No.1, .2, …)",
        ("action no", "action number", "action ref", "action id"),
        **_action("Action No", lambda action: action.id),
    ),
    Column(
        "action",
        "what will be done",
        ("action", "actions", "key action", "key actions", "activity", "task",
         "how will the recommendation be achieved",
         "how will the recommendation be achieved key actions"),
        **_action("Action", lambda action: action.text, wide=True),
    ),
    Column(
        "owners",
        "lead or responsible officers (several: one per line or separated by ;)",
        ("lead officer", "lead officers", "responsible officer", "responsible officers", "owner",
         "owners", "lead", "responsible", "officer", "action owner", "lead responsible officer",
         "responsible manager", "responsible person", "officer responsible", "lead manager"),
        **_action("Lead officer", lambda action: list_cell(action.owners), read=_names),
    ),
    Column(
        "no_owner",
        "why no owner is named, when none is on purpose",
        ("no owner", "no owner reason"),
        **_action("No owner", lambda action: action.no_owner),
    ),
    Column(
        "target",
        "target date: 2020-02, Feb 2020, 31/03/2021, Q3 2020/21, Ongoing, …",
        ("target date", "target", "deadline", "due date", "due", "target date for completion",
         "timescale", "timescales", "by when", "original target", "original target date",
         "original deadline", "original date", "agreed target date", "implementation date",
         "original implementation date", "target implementation date"),
        **_action(
            "Target date",
            lambda action: None if action.target is None else str(action.target),
            read=parse_target,
        ),
    ),
    Column(
        "target_text",
        "the target in the source's own words",
        ("target as written", "target text"),
        **_action("Target (as written)", lambda action: action.target_text, wide=True),
    ),
    Column(
        "revisions",
        "revised targets, one per line",
        ("revised targets", "revised target", "revised target date", "revised date",
         "revised deadline", "revised implementation date", "current target date",
         "latest target date"),
        **_action("Revised targets", lambda action: revisions_cell(action.revisions), wide=True),
    ),
    Column(
        "revision_count",
        "how many times the target was revised (kept in the action's notes)",
        ("revisions", "number of revisions", "times revised", "no of revisions",
         "revision count", "number of extensions", "extensions"),
    ),
    Column(
        "funding",
        "funding routes, one per line: route [target 2027-04] [as written April 2027]",
        ("funding", "funding routes", "funding route"),
        **_action("Funding", lambda action: funding_cell(action.funding), wide=True),
    ),
    Column(
        "status",
        "not started, in progress, complete, blocked, dropped (or a RAG colour)",
        ("status", "current status", "progress status", "status rag", "implementation status",
         "action status"),
        **_action("Status", lambda action: action.status.value),
    ),
    Column(
        "completed",
        "the date a complete action was completed (or not-recorded)",
        ("completed", "date completed", "completion date", "completed on", "date implemented",
         "implemented on", "date closed"),
        **_action(
            "Completed",
            lambda action: action.completed.isoformat() if action.completed else None,
            read=lambda cell: parse_recorded_day(cell, "completion date"),
        ),
    ),
    Column(
        "closure",
        "how it was closed: implemented, risk-accepted, superseded",
        ("closure", "closed as", "closure kind", "closure type"),
        **_action("Closure", lambda action: action.closure.kind.value if action.closure else None),
    ),
    Column(
        "closure_date",
        "when the closure was verified or accepted (or not-recorded)",
        ("closure date", "date verified", "verified on"),
        **_action(
            "Closure date",
            lambda action: _closure(action, "date"),
            read=lambda cell: parse_recorded_day(cell, "closure date"),
        ),
    ),
    Column(
        "closure_evidence",
        "implemented: the evidence seen",
        ("evidence", "closure evidence", "evidence of implementation", "evidence seen"),
        **_action("Closure evidence", lambda action: _closure(action, "evidence"), wide=True),
    ),
    Column(
        "verified_by",
        "implemented: who verified it",
        ("verified by", "closure verified by"),
        **_action("Verified by", lambda action: _closure(action, "verified_by")),
    ),
    Column(
        "accepted_by",
        "risk accepted: who accepted the risk",
        ("risk accepted by", "accepted by", "risk owner"),
        **_action("Risk accepted by", lambda action: _closure(action, "accepted_by")),
    ),
    Column(
        "closure_reason",
        "risk accepted: why",
        ("closure reason", "reason risk accepted", "risk acceptance reason"),
        **_action("Closure reason", lambda action: _closure(action, "reason"), wide=True),
    ),
    Column(
        "superseded_by",
        "superseded: by what (an id or words)",
        ("superseded by", "replaced by"),
        **_action("Superseded by", lambda action: _closure(action, "superseded_by")),
    ),
    Column(
        "status_reason",
        "why an action is blocked or dropped",
        ("status reason", "reason for status"),
        **_action("Status reason", lambda action: action.status_reason),
    ),
    Column(
        "rag",
        "red, amber or green, as rated by hand",
        ("rag", "rag status", "rag rating", "r a g"),
        **_action(
            "RAG",
            lambda action: action.rag.value if action.rag else None,
            read=lambda cell: parse_rag(cell_text(cell)),
        ),
    ),
    Column(
        "rag_reason",
        "why it was rated so",
        ("rag reason", "rag comment"),
        **_action("RAG reason", lambda action: action.rag_reason),
    ),
    Column(
        "progress",
        "progress notes, one per line starting with a date, or the latest update",
        ("progress", "progress update", "progress updates", "progress notes", "progress to date",
         "update", "updates", "latest update", "comments", "commentary", "progress comments",
         "management update", "officer update", "progress commentary", "position statement"),
        **_action("Progress", lambda action: progress_cell(action.progress), wide=True),
    ),
    Column(
        "progress_date",
        "the date of the progress note in the same row",
        ("progress date", "update date", "date of update", "last updated", "date of last update",
         "last update"),
        read=lambda cell: parse_day(cell, "progress date"),
    ),
    Column(
        "action_notes",
        "notes on the action",
        ("action notes", "notes"),
        **_action("Action notes", lambda action: action.notes),
    ),
    Column(
        "action_exempt",
        "the action is exempt information: the Schedule 12A paragraph",
        ("action exempt", "action exempt paragraph"),
        **_action(
            "Action exempt", lambda action: action.exempt.paragraph if action.exempt else None
        ),
    ),
    Column(
        "action_exempt_reason",
        "why the action is exempt",
        ("action exempt reason",),
        **_action(
            "Action exempt reason", lambda action: action.exempt.reason if action.exempt else None
        ),
    ),
    Column(
        "cost_label",
        "what the money is for",
        ("cost item", "cost label", "cost line"),
        **_cost("Cost item", lambda cost: cost.label),
    ),
    Column(
        "cost",
        "the estimated cost: £5,000, £5k, £5k-£10k, £20k per year, …",
        ("cost", "costs", "estimated cost", "estimated costs", "cost estimate", "budget",
         "resource implications", "resource implications notes estimated", "resources"),
        **_cost("Cost", lambda cost: money_text(cost.amount), read=parse_cost, money=True),
    ),
    Column(
        "cost_high",
        "the upper end of a cost range",
        ("cost upper", "cost high", "upper estimate", "high estimate"),
        **_cost(
            "Cost upper",
            lambda cost: None if cost.high is None else money_text(cost.high),
            read=lambda cell: parse_money_cell(cell, "cost upper"),
            money=True,
        ),
    ),
    Column(
        "recurrence",
        "one-off or per-year",
        ("recurrence", "cost recurrence"),
        **_cost(
            "Recurrence",
            lambda cost: cost.recurrence.value,
            read=lambda cell: parse_recurrence(cell_text(cell)),
        ),
    ),
    Column(
        "cost_detail",
        "the basis of the estimate",
        ("cost detail", "cost basis", "cost notes"),
        **_cost("Cost detail", lambda cost: cost.detail, wide=True),
    ),
    Column(
        "cost_units",
        "quantity × rate, e.g. 5 day × £750",
        ("cost units", "unit costs"),
        **_cost(
            "Cost units",
            lambda cost: None if cost.units is None else units_cell(cost.units),
            read=lambda cell: parse_units(cell_text(cell)),
        ),
    ),
    Column(
        "cost_owners",
        "who holds the budget",
        ("cost owners", "budget holder", "budget holders"),
        **_cost("Cost owners", lambda cost: list_cell(cost.owners), read=_names),
    ),
    Column("ignore", "leave the column out", ()),
)  # fmt: skip

FIELDS: dict[str, str] = {column.field: column.meaning for column in COLUMNS}
HEADER_FIELDS: dict[str, str] = {
    header: column.field for column in COLUMNS for header in column.headers
}
_READERS = {column.field: column.read for column in COLUMNS if column.read is not None}


def read_cell(field: str, cells: Mapping[str, Cell]) -> Any:
    """A row's cell for `field` read as its column reads it (an empty cell if the row has none)."""
    return _READERS[field](cells.get(field))


EXPORTED: tuple[Column, ...] = tuple(column for column in COLUMNS if column.write is not None)
IGNORE = "ignore"


def normalise_header(text: str) -> str:
    """`Target Date (for completion)` → `target date for completion`."""
    return " ".join(re.sub(r"[^a-z0-9£]+", " ", text.lower().replace("£", " ")).split())


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- The plan block above the table ------------------------------------------------------------


@dataclass(frozen=True)
class PlanRow:
    """A "Label, value" row above the table, for one field of the plan block."""

    key: str  # the plan block's field
    label: str  # as export writes it (import reads it too, normalised)
    also: tuple[str, ...] = ()  # other labels import reads, normalised
    read: Callable[[str], Any] = lambda value: value  # from the row's first value
    write: Callable[[Any], Cell] = lambda value: value
    default: object = None  # a value export leaves out, as the plan file does


PLAN_ROWS: tuple[PlanRow, ...] = (
    PlanRow("id", "Plan ID", read=str.strip),
    PlanRow("title", "Title", also=("plan title",)),
    PlanRow("organisation", "Organisation", also=("organization",)),
    PlanRow("source", "Source"),
    PlanRow("source_url", "Source URL"),
    PlanRow(
        "adopted",
        "Adopted",
        read=lambda text: day_yaml(parse_day(text.strip(), "adopted")),
        write=lambda day: day.isoformat(),
    ),
    PlanRow("period", "Period"),
    PlanRow("kind", "Plan kind", also=("kind of plan",), read=lambda text: vocabulary_word(text)),
    PlanRow("owned_by", "Owned by", also=("plan owner",)),
    PlanRow("currency", "Currency", default="GBP"),
    PlanRow("reports_to", "Reports to", read=split_list, write=list_cell),
    PlanRow(
        "stated_total",
        "Stated total",
        read=lambda text: money_yaml(parse_money_cell(text.strip(), "stated total")),
        write=money_text,
    ),
    PlanRow("notes", "Plan notes"),
)
# One "Theme, id, title, text" row per theme; one "Person, id, name, kind, role, email,
# aliases" row per person; one "Vocabulary, name, words" row per vocabulary; and "Exempt,
# paragraph, reason" when the whole plan is exempt.
THEME_LABEL = "Theme"
PERSON_LABEL = "Person"
VOCABULARY_LABEL = "Vocabulary"
EXEMPT_LABEL = "Exempt"

PLAN_ROW_KEYS: dict[str, str] = {
    label: row.key for row in PLAN_ROWS for label in (normalise_header(row.label), *row.also)
}
PLAN_ROW_KEYS[normalise_header(THEME_LABEL)] = "theme"
PLAN_ROW_KEYS[normalise_header(PERSON_LABEL)] = "person"
PLAN_ROW_KEYS[normalise_header(VOCABULARY_LABEL)] = "vocabulary"
PLAN_ROW_KEYS[normalise_header(EXEMPT_LABEL)] = "exempt"
