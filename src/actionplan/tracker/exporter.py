"""A plan as a tracker: the plan block above a table with one row per action (and cost line),
as a grid of cells and then as CSV or an .xlsx workbook.

Cells that hold several entries (progress, revised targets) put one entry per line:
`2020-03-31 (done; by Jo Bloggs): note` and `2020-05-01 (target 2021-06; by Jo): reason`.
What a tracker cannot carry (outcomes, services, projects, the links to outcomes) is listed in
`Exported.left_out`; importing the export gives the same plan for everything else.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from actionplan.model.plan import PlanFile, PlanInfo, Recommendation
from actionplan.tracker.cells import Cell, cell_text, list_cell
from actionplan.tracker.columns import (
    EXEMPT_LABEL,
    EXPORTED,
    PERSON_LABEL,
    PLAN_ROWS,
    THEME_LABEL,
    VOCABULARY_LABEL,
    Column,
    Part,
    column_letter,
)


@dataclass
class Exported:
    rows: list[list[Cell]]
    header_row: int  # index of the header row in `rows`
    left_out: list[str]
    columns: list[Column]  # the table's columns, in order
    # What each row of the table holds, by part ("action 1.1"), for messages about its cells.
    items: list[dict[Part, str]] = field(default_factory=list)


# The columns format 2 added, written only when a plan has something to put in them.
FORMAT_2_FIELDS = frozenset(
    ("response", "source_kind", "audit", "assurance", "priority", "finding", "management_action",
     "recommendation_exempt", "recommendation_exempt_reason", "no_owner", "funding", "closure",
     "closure_date", "closure_evidence", "verified_by", "accepted_by", "closure_reason",
     "superseded_by", "action_exempt", "action_exempt_reason")
)  # fmt: skip


def tracker_grid(plan: PlanFile) -> Exported:
    """A plan as a tracker: the plan block (with its people and vocabularies) above a table
    with one row per action (and cost). A plan with merge conflicts left to resolve is refused
    (TrackerError): a tracker has no place for them."""
    _refuse_conflicts(plan)
    rows = _plan_rows(plan.plan)
    for person in plan.people:
        rows.append(
            [PERSON_LABEL, person.id, person.name, person.kind.value, person.role, person.email,
             list_cell(person.aliases) or None]
        )  # fmt: skip
    vocabularies = plan.vocabularies
    if vocabularies is not None:
        for name in type(vocabularies).model_fields:
            words = getattr(vocabularies, name)
            if words is not None:
                rows.append([VOCABULARY_LABEL, name, list_cell(words)])
    rows.append([])
    header_row = len(rows)
    table = [row for rec in plan.recommendations for row in _table_rows(rec)]
    items = [names for rec in plan.recommendations for names in _table_items(rec)]
    # Format 2's columns only when the plan uses them: a format-1 plan's tracker stays narrow.
    kept = [
        index
        for index, column in enumerate(EXPORTED)
        if column.field not in FORMAT_2_FIELDS or any(row[index] is not None for row in table)
    ]
    rows.append([EXPORTED[index].header for index in kept])
    rows.extend([row[index] for index in kept] for row in table)
    columns = [EXPORTED[index] for index in kept]
    return Exported(rows, header_row, _left_out(plan), columns, items)


def _refuse_conflicts(plan: PlanFile) -> None:
    found = [(f"recommendation {rec.id}", rec.conflicts) for rec in plan.recommendations]
    found += [(f"action {action.id}", action.conflicts) for _rec, action in plan.actions()]
    unresolved = [
        f"{item} (on {conflict.key})"
        for item, conflicts in [("the plan block", plan.plan.conflicts), *found]
        for conflict in conflicts
    ]
    if unresolved:
        from actionplan.tracker.grid import TrackerError

        more = f" and {len(unresolved) - 3} more" if len(unresolved) > 3 else ""
        raise TrackerError(
            f"the plan has unresolved merge conflicts: {', '.join(unresolved[:3])}{more}; a "
            "tracker has no place for them, so nothing was exported: resolve them first (make "
            "each item say what was agreed and delete its conflicts entry; 'actionplan lint' "
            "lists them)"
        )


def _plan_rows(info: PlanInfo) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    for plan_row in PLAN_ROWS:
        value = getattr(info, plan_row.key)
        if value is None or value == () or value == plan_row.default:
            continue
        rows.append([plan_row.label, plan_row.write(value)])
    for theme in info.themes:
        rows.append([THEME_LABEL, theme.id, theme.title, *([theme.text] if theme.text else [])])
    if info.exempt is not None:
        rows.append([EXEMPT_LABEL, info.exempt.paragraph, info.exempt.reason])
    return rows


def _table_rows(rec: Recommendation) -> Iterator[list[Cell]]:
    """A recommendation's rows: its first with the recommendation, each with an action and a
    cost line while there are any."""
    for index in range(max(len(rec.actions), len(rec.costs), 1)):
        parts: dict[Part, object] = {
            Part.RECOMMENDATION: rec if index == 0 else None,
            Part.ACTION: rec.actions[index] if index < len(rec.actions) else None,
            Part.COST: rec.costs[index] if index < len(rec.costs) else None,
        }
        yield [_cell(column, rec, parts) for column in EXPORTED]


def _table_items(rec: Recommendation) -> Iterator[dict[Part, str]]:
    """What each of a recommendation's rows holds, as `_table_rows` lays them out."""
    for index in range(max(len(rec.actions), len(rec.costs), 1)):
        names = {Part.RECOMMENDATION: f"recommendation {rec.id}"}
        if index < len(rec.actions):
            names[Part.ACTION] = f"action {rec.actions[index].id}"
        if index < len(rec.costs):
            names[Part.COST] = f"cost line {index + 1} of recommendation {rec.id}"
        yield names


def _cell(column: Column, rec: Recommendation, parts: dict[Part, object]) -> Cell:
    assert column.write is not None and column.part is not None  # as EXPORTED holds
    part = rec if column.on_every_row else parts[column.part]
    return None if part is None else (column.write(part) or None)


def _left_out(plan: PlanFile) -> list[str]:
    from actionplan.findings import plural

    out = []
    for name, items in (
        ("outcome", plan.outcomes),
        ("service", plan.services),
        ("project", plan.projects),
    ):
        if items:
            out.append(plural(len(items), name))
    links = sum(1 for r in plan.recommendations if r.outcomes) + sum(
        1 for _r, a in plan.actions() if a.outcomes
    )
    if links:
        out.append(f"the outcome links of {plural(links, 'recommendation or action')}")
    return out


def _refuse_long_text(exported: Exported, most: int, holder: str) -> None:
    """Refuse (TrackerError) a cell longer than `most` characters, naming the item and the
    field it holds: the spreadsheet (`holder`) would cut it, or import would refuse it."""
    header = exported.header_row
    for r, row in enumerate(exported.rows):
        for c, value in enumerate(row):
            if not isinstance(value, str) or len(value) <= most:
                continue
            where = f"cell {column_letter(c)}{r + 1}"
            if r > header:
                column = exported.columns[c]
                assert column.part is not None  # every exported column has one
                part = Part.RECOMMENDATION if column.on_every_row else column.part
                what = f"{exported.items[r - header - 1][part]}'s {column.header}"
            else:
                what = f"the plan's {row[0]}"
            from actionplan.tracker.grid import TrackerError

            raise TrackerError(
                f"{what} ({where}) is {len(value):,} characters long, more than the {most:,} "
                f"{holder} holds, and would be cut: nothing was written; shorten it in the "
                "plan (the full text can go in a document the plan links to)"
            )


def grid_csv(exported: Exported) -> str:
    """The grid as CSV (formula-like cells neutralised), with a byte-order mark so that Excel
    reads it as UTF-8 (without one it shows £ as Â£). Text longer than import reads back from
    a cell is refused (TrackerError), never cut."""
    from actionplan.output.render import to_csv
    from actionplan.tracker.grid import LIMITS

    _refuse_long_text(exported, LIMITS.cell_chars, "a tracker cell (as import reads it)")

    rows = [[cell_text(c) if c is not None else "" for c in row] for row in exported.rows]
    return "\ufeff" + to_csv(rows[0], rows[1:])


# The most characters a cell of Excel holds: longer text is cut when the workbook is opened.
XLSX_CELL_CHARS = 32_767


def grid_xlsx(exported: Exported) -> bytes:
    """The grid as an .xlsx workbook: one 'Tracker' sheet, the header bold and frozen, text
    kept as text (never a formula), amounts as numbers. Text longer than a cell holds is
    refused (TrackerError), never cut."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    _refuse_long_text(exported, XLSX_CELL_CHARS, "an Excel cell")
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    money = {index for index, column in enumerate(exported.columns) if column.money}
    for r, row in enumerate(exported.rows, 1):
        for c, value in enumerate(row, 1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c)
            in_table = r > exported.header_row + 1
            if in_table and c - 1 in money and isinstance(value, str):
                amount = Decimal(value)
                if abs(amount) < 10**12:
                    cell.value = float(amount)
                    cell.number_format = "£#,##0.00"
                    continue
            cell.value = str(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if in_table:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    header = exported.header_row + 1
    for c, column in enumerate(exported.columns, 1):
        sheet.cell(row=header, column=c).font = Font(bold=True)
        sheet.column_dimensions[column_letter(c - 1)].width = 60 if column.wide else 18
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
