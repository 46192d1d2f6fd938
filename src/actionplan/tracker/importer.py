"""A tracker's rows into plan YAML text, checked before it is returned.

The table is found by its header row (the first row naming an action or recommendation column
and at least one other); columns are recognised by their header names, case and punctuation
ignored, or mapped by hand (`--map "Column=field"`). Rows above the header can carry the plan
block as "Label, value" rows (Plan ID, Title, Organisation, Source, …, and one "Theme, id, title,
text" row per theme), and a title line above a council's own table is taken as the plan's title.
Consecutive rows with the same Rec No (or none) belong to one recommendation; each row may hold
one action and one cost line, so nothing has to be merged.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from actionplan.editing.skeleton import plan_id_from
from actionplan.findings import Finding, Severity
from actionplan.model.plan import (
    DEFAULT_VOCABULARIES,
    ClosureKind,
    Rag,
    Recurrence,
    Status,
    TargetKind,
)
from actionplan.pipeline import check_text
from actionplan.tracker.cells import (
    CLOSURE_WORDS,
    NOT_RECORDED_TEXT,
    Cell,
    ReadCost,
    ReadTarget,
    RowError,
    assurance_level,
    cell_text,
    day_yaml,
    looks_like_a_date,
    money_yaml,
    parse_funding,
    parse_progress,
    parse_revisions,
    parse_span,
    parse_status,
    split_list,
    status_key,
    status_words,
    target_yaml,
)
from actionplan.tracker.columns import (
    COLUMNS,
    FIELDS,
    HEADER_FIELDS,
    IGNORE,
    PLAN_ROW_KEYS,
    PLAN_ROWS,
    Part,
    column_letter,
    normalise_header,
    read_cell,
)
from actionplan.tracker.grid import Grid, Row, TrackerError
from actionplan.yaml.positions import Positions
from actionplan.yaml.write import Quoted, Raw, block

_T = TypeVar("_T")


@dataclass
class ImportOptions:
    mapping: dict[str, str] = field(default_factory=dict)  # header (normalised) → field
    skip_bad: bool = False
    plan_id: str | None = None  # given on the command line: wins over the tracker's own
    default_id: str | None = None  # when neither gives one (from the output file's name)
    title: str | None = None
    organisation: str | None = None
    source: str | None = None
    updated: date | None = None
    imported: date = date(1970, 1, 1)  # the day of the import (the CLI gives today)
    status_map: dict[str, Status] = field(default_factory=dict)  # the user's own status words
    relative_from: date | None = None  # what "6 months" counts from (--from)


@dataclass
class Imported:
    """The plan text (None when rows could not be read), and what the import has to say."""

    text: str | None
    errors: list[str] = field(default_factory=list)  # rows not read (left out with skip_bad)
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # lint errors in the result
    # Each of `findings` as the tracker's user finds it: by row, not by a line of a plan file
    # that was never written.
    in_tracker: list[str] = field(default_factory=list)


def import_grid(grid: Grid, options: ImportOptions) -> Imported:
    """Read a tracker into plan YAML (format 2), checked by lint before it is returned."""
    return import_grids([grid], options)


def import_grids(grids: Sequence[Grid], options: ImportOptions) -> Imported:
    """Read the sheets of a tracker (one per owner or per audit, say) into one plan: each
    sheet's table under its own header, its recommendations under a theme named after the
    sheet unless a row names one. When sheets number their recommendations alike (each from
    1), each sheet's ids start with its name."""
    notes: list[str] = []
    tables = _tables(grids, options, notes)
    readers = _read_tables(tables, options, prefixed=False)
    if len(readers) > 1 and _ids_collide(readers):
        readers = _read_tables(tables, options, prefixed=True)
        notes.append(
            "the sheets number their recommendations alike, so each sheet's ids start with "
            f"its name (e.g. {next(iter(readers[0].recs), '?')})"
        )
    reader = _combined(readers)
    reader.notes.extend(notes)
    if reader.errors and not options.skip_bad:
        return Imported(None, reader.errors, reader.notes)
    _declare_own_words(reader)
    text = plan_yaml(reader, options)
    _loaded, findings = check_text("imported plan", text.encode("utf-8"))
    errors = [f for f in findings if f.severity is Severity.ERROR]
    where = [f"{at}: {f.severity} {f.code} {f.message}" for f, at in _rows_of(reader, text, errors)]
    return Imported(None if errors else text, reader.errors, reader.notes, errors, where)


def _rows_of(
    reader: _TrackerReader, text: str, findings: list[Finding]
) -> Iterator[tuple[Finding, str]]:
    """Each finding in the plan text with the tracker row it came from: the row of the
    action it is in, else of its recommendation's first row, else the plan rows."""
    positions = Positions(text)
    recs = list(reader.recs.values())
    starts = [positions.of(("recommendations", i))[0] for i in range(len(recs))]
    several = len({rec.sheet for rec in recs}) > 1
    for finding in findings:
        i = bisect.bisect_right(starts, finding.line) - 1
        if i < 0:
            yield finding, f"{reader.grid.name}: the plan rows above the table"
            continue
        rec = recs[i]
        row, what = rec.row, f"recommendation {rec.id}"
        action = _action_at(positions, i, rec, finding.line)
        if action is not None:
            row, what = reader.action_rows.get(action, row), f"action {action}"
        sheet = f"sheet '{rec.sheet}' " if several and rec.sheet else ""
        yield finding, f"{reader.grid.name}: {sheet}row {row} ({what})"


def _action_at(positions: Positions, i: int, rec: _ReadRecommendation, line: int) -> str | None:
    """The id of the action of recommendation `i` whose lines hold `line`, if any."""
    actions = rec.data["actions"]
    starts = [positions.of(("recommendations", i, "actions", j))[0] for j in range(len(actions))]
    j = bisect.bisect_right(starts, line) - 1
    if j < 0:
        return None
    # The last action's lines end where the recommendation's next key (costs, …) begins.
    later = [positions.of(("recommendations", i, key), key=True)[0] for key in _AFTER_ACTIONS]
    end = min((n for n in later if n > starts[-1]), default=None)
    if j == len(actions) - 1 and end is not None and line >= end:
        return None
    return str(actions[j]["id"].text)


_AFTER_ACTIONS = ("costs", "exempt", "notes")  # the keys `_new_recommendation` writes after


_Table = tuple[Grid, int, list[str | None]]  # a sheet, its header's index, its columns' fields


def _tables(grids: Sequence[Grid], options: ImportOptions, notes: list[str]) -> list[_Table]:
    """Each sheet's header and fields; of several sheets, one with no table is left out (and
    said so in `notes`)."""
    tables: list[_Table] = []
    unread: list[str] = []
    for grid in grids:
        try:
            header_index = find_header(grid, options.mapping)
        except TrackerError:
            if len(grids) == 1:
                raise
            unread.append(grid.sheet or grid.name)
            continue
        number, header = grid.rows[header_index]
        if len(grids) == 1:
            _check_mapping(number, header, options.mapping)
        tables.append((grid, header_index, _header_fields(header, options.mapping)))
    if not tables:
        raise TrackerError(
            f"{grids[0].name}: no sheet has a header row in its first 50 rows: each table needs "
            "a row of column names including 'Action' or 'Recommendation'"
        )
    if unread:
        several = len(unread) > 1
        notes.append(
            f"sheet{'s' if several else ''} {_quoted(unread)} {'have' if several else 'has'} no "
            "table (no header row naming an Action or Recommendation column), so "
            f"{'they were' if several else 'it was'} left out"
        )
    return tables


def _read_tables(
    tables: list[_Table], options: ImportOptions, prefixed: bool
) -> list[_TrackerReader]:
    """A reader per sheet, sharing the plan block, themes and people; the plan's title and
    organisation are asked for once every sheet's plan rows are read, before any table."""
    readers: list[_TrackerReader] = []
    several = len(tables) > 1
    for grid, header_index, _fields in tables:
        reader = _TrackerReader(grid, options)
        if readers:
            first = readers[0]
            reader.plan, reader.themes, reader.people = first.plan, first.themes, first.people
            reader.vocabularies = first.vocabularies
        if several and grid.sheet:
            reader.sheet_theme = grid.sheet
            reader.id_prefix = f"{_slug(grid.sheet)}-" if prefixed else ""
        reader.read_plan_rows(grid.rows[:header_index])
        readers.append(reader)
    # Asked for before any row is read, so that one run says all a tracker lacks.
    _require_title_and_organisation(
        options.title or next((r.plan.get("title") or r.title_line for r in readers), None),
        options.organisation or readers[0].plan.get("organisation"),
    )
    for reader, (grid, header_index, fields) in zip(readers, tables, strict=True):
        header = grid.rows[header_index][1]
        fields = list(fields)
        reader.leave_out_unread_columns(header, fields)
        reader.read_table(grid.rows[header_index + 1 :], fields, header)
    return readers


def _ids_collide(readers: list[_TrackerReader]) -> bool:
    recs: set[str] = set()
    actions: set[str] = set()
    for reader in readers:
        if recs & reader.recs.keys() or actions & reader.action_rows.keys():
            return True
        recs |= reader.recs.keys()
        actions |= reader.action_rows.keys()
    return False


def _combined(readers: list[_TrackerReader]) -> _TrackerReader:
    """The first sheet's reader with every sheet's recommendations, problems and notes (each
    named by its sheet when there are several)."""
    first = readers[0]
    if len(readers) == 1:
        return first
    errors: list[str] = []
    notes: list[str] = []
    for reader in readers:
        where = f"sheet '{reader.grid.sheet}' "
        errors.extend(where + error for error in reader.errors)
        notes.extend(where + note for note in reader.notes)
        if reader is not first:
            first.recs.update(reader.recs)
    first.errors, first.notes = errors, notes
    return first


# The vocabularies a tracker's own words may fall outside of: (vocabulary, recommendation key,
# what a word of a council's own means in the plan's words, if anything).
_OWN_WORDS: tuple[tuple[str, str, Callable[[str], str | None]], ...] = (
    ("assurance", "assurance", assurance_level),
    ("source_kinds", "source_kind", lambda _word: None),
)


def _declare_own_words(reader: _TrackerReader) -> None:
    """A tracker's assurance level or source kind that is none of the plan's words (its own
    vocabularies, else format 2's) is read as the word it means (`No` as `no-assurance`), or
    else declared under the plan's vocabularies with a note: no row is refused for a
    council's own wording, and none is changed without a word."""
    for vocabulary, key, meaning in _OWN_WORDS:
        declared = reader.vocabularies.get(vocabulary)
        known = [w.text for w in declared] if declared else list(DEFAULT_VOCABULARIES[vocabulary])
        own: dict[str, list[str]] = {}
        for rec in reader.recs.values():
            word = rec.data.get(key)
            if not isinstance(word, str) or word in known:
                continue
            if meaning(word) in known:
                rec.data[key] = meaning(word)
            else:
                own.setdefault(word, []).append(rec.id)
        if not own:
            continue
        reader.vocabularies[vocabulary] = [Quoted(w) for w in [*known, *own]]
        where = "; ".join(f"'{w}' (recommendation {', '.join(ids)})" for w, ids in own.items())
        reader.notes.append(
            f"{key.replace('_', ' ')} {where} is not one of {', '.join(known)}, so the plan "
            f"declares it under vocabularies.{vocabulary}: keep it, or write one of those words "
            "in the tracker"
        )


def dry_run_sheets(grids: Sequence[Grid], options: ImportOptions) -> list[str]:
    """`dry_run_lines` for each sheet that has a table (of several, each named)."""
    if len(grids) == 1:
        return dry_run_lines(grids[0], options)
    lines = []
    for grid, _index, _fields in _tables(grids, options, []):
        lines.append(f"sheet '{grid.sheet}':")
        lines.extend(dry_run_lines(grid, options))
    return lines


def dry_run_lines(grid: Grid, options: ImportOptions, first: int = 5) -> list[str]:
    """What an import would read, for `import --dry-run`: which column went where, what each
    status word is read as, and the first rows of the table as read."""
    header_index = find_header(grid, options.mapping)
    number, header = grid.rows[header_index]
    fields = _header_fields(header, options.mapping)
    lines = [f"{grid.name}: the header is row {number}; its columns:"]
    for index, (cell, name) in enumerate(zip(header, fields, strict=True)):
        if cell_text(cell):
            read_as = "left out" if name in (None, IGNORE) else name
            lines.append(f"  {column_letter(index)}  {_clip(cell_text(cell), 40)} → {read_as}")
    table = grid.rows[header_index + 1 :]
    if "status" in fields:
        at = fields.index("status")
        words = sorted({cell_text(row[at]) for _n, row in table if at < len(row)} - {""})
        lines.append("Status words:" if words else "Status words: none")
        for word in words:
            try:
                status, rag = parse_status(word, options.status_map)
            except RowError:
                lines.append(f"  {_clip(word, 30)} → not known (use --status-map)")
                continue
            closed = CLOSURE_WORDS.get(status_key(word))
            more = f", closure {closed.value}" if closed else f", RAG {rag.value}" if rag else ""
            lines.append(f"  {_clip(word, 30)} → {status}{more}")
    lines.append(f"The first rows as read (of {len(table)}):")
    shown = 0
    for row_number, row in table:
        cells = [
            f"{name}={_clip(cell_text(cell), 30)}"
            for name, cell in zip(fields, row, strict=False)
            if name and name != IGNORE and cell_text(cell)
        ]
        if cells and shown < first:
            lines.append(f"  row {row_number}: {'; '.join(cells)}")
            shown += 1
    return lines


# --- The header row ----------------------------------------------------------------------------


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """`--map "Column=field"` options as {column: field}."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, name = item.rpartition("=")
        name = name.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not column.strip():
            raise TrackerError(f"--map '{item}': write it as \"Column header=field\"")
        if name not in FIELDS:
            raise TrackerError(
                f"--map '{item}': '{name}' is not a field; fields: {', '.join(FIELDS)}"
            )
        mapping[normalise_header(column)] = name
    return mapping


def parse_status_map(items: Iterable[str]) -> dict[str, Status]:
    """`--status-map "Word=status"` options as {word (normalised): status}."""
    statuses = {status.value: status for status in Status}
    mapping: dict[str, Status] = {}
    for item in items:
        word, sep, name = item.rpartition("=")
        status = statuses.get(name.strip().lower().replace(" ", "-"))
        if not sep or not word.strip() or status is None:
            raise TrackerError(
                f"--status-map '{item}': write it as \"Word=status\", the status one of "
                f"{', '.join(statuses)}"
            )
        mapping[status_key(word)] = status
    return mapping


def status_word_lines() -> list[str]:
    """The status-word table, as `import --list-status-words` prints it."""
    lines = ["Status words (case and punctuation ignored) and what import reads them as:"]
    for word, status, closure in status_words():
        closed = f" (closure: {closure.value})" if closure else ""
        lines.append(f"  {word:<24} {status.value}{closed}")
    lines.append("  red, amber, green, r, a, g  in-progress, with that RAG")
    return lines


def _header_fields(row: list[Cell], mapping: dict[str, str]) -> list[str | None]:
    fields: list[str | None] = []
    for cell in row:
        header = normalise_header(cell_text(cell))
        fields.append(mapping.get(header) or HEADER_FIELDS.get(header))
    return fields


_TABLE_FIELDS = {"action", "recommendation", "management_action", "action_id", "finding"}
# The fields of a row's action: filled in a row whose Action cell is empty, they are reported.
_COST_FIELDS = {column.field for column in COLUMNS if column.part is Part.COST}
_ACTION_FIELDS = {column.field for column in COLUMNS if column.part is Part.ACTION} | {
    "progress_date",
    "revision_count",
}


def find_header(grid: Grid, mapping: dict[str, str]) -> int:
    """Index (in grid.rows) of the header row."""
    for index, (_number, row) in enumerate(grid.rows[:50]):
        fields = {f for f in _header_fields(row, mapping) if f and f != IGNORE}
        if len(fields) >= 2 and fields & _TABLE_FIELDS:
            return index
    raise TrackerError(
        f"{grid.name}: no header row found in the first 50 rows: the table needs a row of "
        "column names including 'Action' or 'Recommendation' (or map yours with --map "
        '"Your header=action")'
    )


def _check_mapping(number: int, header: list[Cell], mapping: dict[str, str]) -> None:
    headers = {normalise_header(cell_text(cell)) for cell in header}
    for column in mapping:
        if column not in headers:
            labels = ", ".join(f"'{cell_text(cell)}'" for cell in header if cell_text(cell))
            raise TrackerError(
                f"--map: the header row (row {number}) has no column '{column}'; its columns: "
                f"{labels}"
            )


# --- Reading the rows --------------------------------------------------------------------------


class _Problems:
    """Every problem found in a row, so that the row is refused once, naming them all, and one
    correction pass fixes the spreadsheet."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def add(self, message: str) -> None:
        self.messages.append(message)

    def attempt(self, read: Callable[[], _T], instead: _T) -> _T:
        """What `read` returns, or `instead` when it raises a RowError (kept as a problem)."""
        try:
            return read()
        except RowError as error:
            self.add(str(error))
            return instead

    def raise_any(self) -> None:
        if self.messages:
            raise RowError("; ".join(self.messages))


@dataclass
class _ReadRecommendation:
    data: dict[str, Any]
    row: int
    sheet: str | None = None
    action_rows: int = 0  # rows with an action, read or not, so later ids do not shift

    @property
    def id(self) -> str:
        return str(self.data["id"].text)


class _TrackerReader:
    """The plan a tracker's rows make, read row by row; rows that cannot be read are `errors`."""

    def __init__(self, grid: Grid, options: ImportOptions) -> None:
        self.grid, self.options = grid, options
        self.themes: dict[str, dict[str, Any]] = {}  # id → theme
        self.plan: dict[str, Any] = {}
        self.title_line: str | None = None  # a lone cell above the table
        self.recs: dict[str, _ReadRecommendation] = {}
        self.current: _ReadRecommendation | None = None
        self.action_rows: dict[str, int] = {}  # action id → its row
        self.errors: list[str] = []
        self.notes: list[str] = list(grid.notes)
        self.people: list[dict[str, Any]] = []
        self.vocabularies: dict[str, list[Quoted]] = {}
        self.untitled: list[str] = []  # recommendations titled by their first action
        self.sheet_theme = ""  # of a workbook read sheet by sheet: the theme of its rows
        self.id_prefix = ""  # the sheet's name, when sheets number their recommendations alike

    # The rows above the header: the plan block.

    def read_plan_rows(self, rows: Sequence[Row]) -> None:
        for number, row in rows:
            cells = [cell_text(c) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            key = PLAN_ROW_KEYS.get(normalise_header(cells[0]))
            values = cells[1:]
            if key is None or not any(values):
                if self.title_line is None and len([c for c in cells if c]) == 1:
                    self.title_line = next(c for c in cells if c)
                continue
            self._unless_refused(number, partial(self._plan_row, key, values))

    def _unless_refused(self, number: int, read: Callable[[], None]) -> None:
        """Read one row; a row refused is kept in `errors` by its number."""
        try:
            read()
        except RowError as error:
            self.errors.append(f"row {number}: {error}")

    def _plan_row(self, key: str, values: list[str]) -> None:
        value = partial(_value, values)
        if key == "person":
            self.people.append(
                {"id": Quoted(value(0) or ""), "name": value(1) or value(0), "kind": value(2),
                 "role": value(3), "email": value(4), "aliases": split_list(value(5) or "")}
            )  # fmt: skip
        elif key == "vocabulary":
            name = (value(0) or "").lower()
            self.vocabularies[name] = [Quoted(w) for w in split_list(value(1) or "")]
        elif key == "exempt":
            self.plan["exempt"] = {"paragraph": Quoted(value(0) or ""), "reason": value(1)}
        elif key == "theme":
            theme_id = values[0].strip()
            title = values[1].strip() if len(values) > 1 and values[1].strip() else theme_id
            text = values[2] if len(values) > 2 and values[2] else None
            self.themes[theme_id] = {"id": theme_id, "title": title, "text": text}
        else:
            row = next(row for row in PLAN_ROWS if row.key == key)
            self.plan[key] = row.read(values[0])

    def theme_id(self, text: str) -> str:
        """The id of the theme named `text`, declared when it is new."""
        wanted = text.strip()
        for theme_id, theme in self.themes.items():
            if wanted.lower() in (theme_id.lower(), str(theme["title"]).lower()):
                return theme_id
        base = _slug(wanted, "theme")
        theme_id, n = base, 2
        while theme_id in self.themes:
            theme_id, n = f"{base}-{n}", n + 1
        self.themes[theme_id] = {"id": theme_id, "title": wanted}
        return theme_id

    # The header row: columns that are not read.

    def leave_out_unread_columns(self, header: list[Cell], fields: list[str | None]) -> None:
        """Note the columns not recognised, and leave out the second column of one field."""
        used: dict[str, int] = {}
        for index, (cell, name) in enumerate(zip(header, fields, strict=True)):
            label = cell_text(cell)
            where = f"'{label}' (column {column_letter(index)})"
            if name is None and label:
                self.notes.append(
                    f"column {where} is not recognised and was left out: read it with "
                    f'--map "{label}=FIELD" (fields: {", ".join(FIELDS)})'
                )
            elif name is not None and name != IGNORE and name in used:
                first = cell_text(header[used[name]])
                self.notes.append(
                    f"column {where} reads as {name} like '{first}' before it, and was left "
                    f'out: use --map "{label}=FIELD" to read it as something else'
                )
                fields[index] = None
            elif name is not None:
                used[name] = index

    # The table, one row at a time.

    def read_table(self, rows: Sequence[Row], fields: list[str | None], header: list[Cell]) -> None:
        if "action" not in fields and "management_action" in fields:
            index = fields.index("management_action")
            fields[index] = "action"
            self.notes.append(
                f"column '{cell_text(header[index])}' is read as each row's action (the "
                "tracker has no Action column)"
            )
        labels = {name: cell_text(cell) for name, cell in zip(fields, header, strict=False) if name}
        self.labels = labels
        for number, row in rows:
            formulas = self.grid.formulas.get(number, [])
            filled = self.grid.filled.get(number, set())
            values = {
                name: cell
                for index, (name, cell) in enumerate(zip(fields, row, strict=False))
                if name
                and name != IGNORE
                and cell_text(cell)
                # A cost merged down a recommendation's rows is one cost, read once.
                and not (index in filled and name in _COST_FIELDS)
            }
            if formulas:
                verb = "holds a formula" if len(formulas) == 1 else "hold formulas"
                message = (
                    f"{_cells(formulas)} {verb} with no value saved (the file was written by "
                    "a program that does not calculate): open it in Excel or LibreOffice and "
                    "save it again"
                )
                if not self.options.skip_bad:
                    self.errors.append(f"row {number}: {message}")
                    continue
                self.errors.append(f"row {number}: {message}; read without {_cells(formulas)}")
            if not values:
                continue
            self._unless_refused(number, partial(self.read_row, number, values))
        if self.untitled:
            self.notes.append(_untitled_note(self.untitled))

    def _label(self, name: str) -> str:
        """A field's column as the tracker heads it (a flat sheet's action number is its Ref)."""
        if name == "action_id" and name not in self.labels:
            return self.labels.get("rec_id", name)
        return self.labels.get(name, name)

    def read_row(self, number: int, values: dict[str, Cell]) -> None:
        text = {name: cell_text(value) for name, value in values.items()}
        rec = self._recommendation(number, text)
        # A recommendation read is kept even when the rest of its row is not.
        self.recs.setdefault(rec.id, rec)
        self.current = rec
        problems = _Problems()  # the action's and the cost's together
        action = cost = None
        if text.get("action"):
            rec.action_rows += 1
            action = problems.attempt(lambda: self._action(rec, number, values, text), None)
        else:
            filled = [self._label(name) for name in text if name in _ACTION_FIELDS]
            if filled:
                problems.add(
                    f"the Action cell is empty but {_quoted(filled)} "
                    f"{'is' if len(filled) == 1 else 'are'} filled: write the action, or clear "
                    "the row's action cells"
                )
        if text.get("cost") or text.get("cost_label"):
            cost = problems.attempt(lambda: _cost(rec, values, text), None)
        kept = []
        if action is not None:
            self._add_action(rec, number, action)
            kept.append(f"its action {action['id'].text} was kept")
        if cost is not None:
            rec.data["costs"].append(cost)
            kept.append(f"its cost line ({_money(cost)}) was kept")
        if problems.messages and kept and self.options.skip_bad:
            problems.add("; ".join(kept))  # --skip-bad drops only what could not be read
        problems.raise_any()

    def _add_action(self, rec: _ReadRecommendation, number: int, action: dict[str, Any]) -> None:
        ident = str(action["id"].text)
        if ident in self.action_rows:
            raise RowError(
                f"action id {ident} is also used at row {self.action_rows[ident]}: give "
                "each action its own number"
            )
        self.action_rows[ident] = number
        rec.data["actions"].append(action)

    # A row's recommendation: a new one, or one read before.

    def _recommendation(self, number: int, text: dict[str, str]) -> _ReadRecommendation:
        ident, title = _rec_id_and_title(text)
        full = text.get("recommendation_text")
        flat = _FLAT_REF.fullmatch(ident)
        if flat and not text.get("action_id"):
            # A flat sheet's refs (1.1, 1.2, 2.1): the action 1.1 of recommendation 1.
            text["action_id"], ident = ident, flat[1]
        if (
            not ident
            and not title
            and (action_ref := _FLAT_REF.fullmatch(_number(text, "action_id")))
        ):
            ident = action_ref[1]
        ident = self.id_prefix + ident if ident else ident
        if not ident:
            if not title or (self.current is not None and title == self.current.data["title"]):
                if self.current is None:
                    raise RowError(
                        "no recommendation: fill in 'Rec No' or 'Recommendation' on the first row"
                    )
                return self.current
            ident = self._next_rec_id()
        if ident in self.recs:
            return _same_recommendation(self.recs[ident], title, full)
        return self._new_recommendation(number, ident, title, full, text)

    def _next_rec_id(self) -> str:
        ident = f"{self.id_prefix}{len(self.recs) + 1}"
        while ident in self.recs:
            ident += "a"
        return ident

    def _new_recommendation(
        self, number: int, ident: str, title: str, full: str | None, text: dict[str, str]
    ) -> _ReadRecommendation:
        named = title or full or text.get("finding") or text.get("management_action")
        if not named and text.get("action"):
            named = _clip(text["action"], 100)
            self.untitled.append(ident)
        rec_title, rec_text = _title_of(named or f"Recommendation {ident}", full)
        if not named:
            self.untitled.append(ident)
        data: dict[str, Any] = {"id": Quoted(ident), "title": rec_title, "text": rec_text}
        theme = text.get("theme", "").strip()
        priority = text.get("priority", "").strip()
        if priority and _word_key(priority) not in _PRIORITY_WORDS and not theme:
            theme, priority = priority, ""  # e.g. "Universal primary prevention": a theme
        theme = theme or self.sheet_theme
        if theme:
            data["theme"] = self.theme_id(theme)
        acceptance = read_cell("accepted", text)
        data["acceptance"] = Raw(acceptance.value) if acceptance else None
        data["response"] = text.get("response") or None
        data["source_kind"] = read_cell("source_kind", text)
        data["audit"] = text.get("audit") or None
        data["assurance"] = read_cell("assurance", text)
        level = _word_key(priority).replace(" ", "-")
        data["priority"] = (Quoted(level) if level.isdigit() else level) if priority else None
        data["finding"] = text.get("finding") or None
        data["management_action"] = text.get("management_action") or None
        data["actions"] = []
        data["costs"] = []
        data["exempt"] = _exempt(text, "recommendation_exempt")
        data["notes"] = text.get("recommendation_notes") or None
        return _ReadRecommendation(data, number, self.grid.sheet)

    # A row's action.

    def _action(
        self, rec: _ReadRecommendation, number: int, values: dict[str, Cell], text: dict[str, str]
    ) -> dict[str, Any]:
        """The action of one row; every problem in it is found before it is refused."""
        problems = _Problems()
        given = _number(text, "action_id")
        ident = self.id_prefix + given if given else f"{rec.id}.{rec.action_rows}"
        read = self._target(number, values, text, problems)
        target_text = text.get("target_text") or read.text
        progress_day = (
            problems.attempt(lambda: read_cell("progress_date", values), None)
            if text.get("progress_date")
            else self.options.updated
        )
        status, rag, completed, reason, closure = self._status(values, text, problems)
        source = self.grid.name
        revisions: list[dict[str, Any]] = []
        if text.get("revisions"):
            revisions = problems.attempt(
                lambda: parse_revisions(
                    values["revisions"], progress_day, source, self.options.imported
                ),
                [],
            )
            if len(revisions) == 1 and _same_target(revisions[0]["target"], read.target):
                revisions = []  # "revised" to the target it already has
        statuses = self.options.status_map
        progress = _entries(
            text, "progress", problems, lambda cell: parse_progress(cell, progress_day, statuses)
        )
        funding = _entries(text, "funding", problems, parse_funding)
        problems.raise_any()
        notes = text.get("action_notes") or None
        if text.get("revision_count") and text["revision_count"] not in ("0", "-"):
            count = f"Revisions in {source}: {text['revision_count']}"
            notes = f"{notes}\n{count}" if notes else count
        return {
            "id": Quoted(ident),
            "text": text["action"],
            "owners": read_cell("owners", values),
            "no_owner": text.get("no_owner") or None,
            "target": target_yaml(read.target),
            "target_text": target_text,
            "funding": funding,
            "revisions": revisions,
            "status": Raw(status.value) if status and status is not Status.NOT_STARTED else None,
            "completed": completed,
            "closure": closure,
            "status_reason": reason,
            "rag": Raw(rag.value) if rag else None,
            "rag_reason": (text.get("rag_reason") or f"as rated in {source}") if rag else None,
            "progress": progress,
            "exempt": _exempt(text, "action_exempt"),
            "notes": notes,
        }

    def _status(
        self, values: dict[str, Cell], text: dict[str, str], problems: _Problems
    ) -> tuple[Status | None, Rag | None, Raw | None, str | None, dict[str, Any] | None]:
        """An action's status, RAG, completion date, status reason and closure, which must
        agree. A status word that says the action is done, with no date, gives a completion
        date `not-recorded` (or --updated); one that says it was dropped gives the word as
        the reason when the tracker gives none."""
        unread: tuple[Status | None, Rag | None] = (None, None)
        word = text.get("status", "")
        status, status_rag = problems.attempt(
            lambda: parse_status(word, self.options.status_map), unread
        )
        rag = problems.attempt(lambda: read_cell("rag", values), None) or status_rag
        completed = (
            problems.attempt(lambda: read_cell("completed", values), None)
            if text.get("completed")
            else None
        )
        if completed is not None and status is None:
            status = Status.DONE
        if status is Status.DONE and completed is None and not text.get("completed"):
            updated = self.options.updated
            completed = updated if updated is not None else Raw(NOT_RECORDED_TEXT)
        if completed is not None and status is not Status.DONE:
            problems.add(f"a completion date is given but the status is {status}")
        kind = text.get("closure", "").strip().lower().replace(" ", "-") or None
        closed_as = CLOSURE_WORDS.get(_word_key(word))
        if kind is None and closed_as is not None:
            kind = closed_as.value
        if kind is not None and kind not in {k.value for k in ClosureKind}:
            problems.add(
                f"closure '{text['closure']}' is not implemented, risk-accepted or superseded"
            )
            kind = None
        closure = None
        if kind is not None:
            closure = {
                "kind": Raw(kind),
                "date": (
                    problems.attempt(lambda: read_cell("closure_date", values), None)
                    if text.get("closure_date")
                    else None
                ),
                "evidence": text.get("closure_evidence") or None,
                "verified_by": text.get("verified_by") or None,
                "accepted_by": text.get("accepted_by") or None,
                "reason": text.get("closure_reason") or None,
                "superseded_by": Quoted(text["superseded_by"])
                if text.get("superseded_by")
                else None,
            }
        reason = text.get("status_reason") or None
        if status in (Status.BLOCKED, Status.DROPPED) and not reason and closure is None:
            reason = f"'{word}' in {self.grid.name}, which gives no reason"
        day = completed if isinstance(completed, Raw) or completed is None else day_yaml(completed)
        return status, rag, day, reason, closure

    def _target(
        self, number: int, values: dict[str, Cell], text: dict[str, str], problems: _Problems
    ) -> ReadTarget:
        read = problems.attempt(lambda: read_cell("target", values), ReadTarget(None, None))
        dependent = read.target == TargetKind.DEPENDENT
        span = parse_span(read.text) if dependent and read.text else None
        if span is not None and read.text is not None:
            start = self.options.relative_from
            if start is not None:
                return ReadTarget(span.after(start).isoformat(), read.text)
            self.notes.append(
                f"row {number}: target '{_clip(read.text, 30)}' counts from a date the tracker "
                "does not give, so it was imported with no target date (its wording kept): "
                "give --from YYYY-MM-DD (the day the plan was agreed) to read it as a date"
            )
            return ReadTarget(None, read.text)
        if dependent and read.text and looks_like_a_date(read.text):
            self.notes.append(
                f"row {number}: target '{read.text}' is not a date this can read, so it is kept "
                "as 'dependent' (never overdue) with its wording; if it is a date, write it as "
                "Feb 2020, 31/03/2021 or 2021-03-31"
            )
        if dependent and not (text.get("target_text") or read.text):
            problems.add(
                "target 'dependent' does not say on what: write the event in the target cell "
                "(e.g. 'When funding is agreed')"
            )
        return read


def _number(text: dict[str, str], name: str) -> str:
    """A Rec No or Action No as the plan holds it: `3.` is 3."""
    return text.get(name, "").strip().rstrip(".")


def _rec_id_and_title(text: dict[str, str]) -> tuple[str, str]:
    """A row's Rec No and recommendation title; `3. Title` in the title gives both."""
    ident = _number(text, "rec_id")
    title = text.get("recommendation", "").strip()
    if not ident and title:
        numbered = re.match(r"(\d+[a-z]?)[.)]\s+(.*)", title, re.DOTALL)
        if numbered:
            ident, title = numbered[1], numbered[2]
    return ident, title


def _same_recommendation(
    rec: _ReadRecommendation, title: str, full: str | None
) -> _ReadRecommendation:
    """A recommendation read before, when the row gives it no other title."""
    if title and _title_of(title, full)[0] != rec.data["title"]:
        raise RowError(
            f"recommendation {rec.id} is titled '{rec.data['title']}' at row {rec.row}, "
            f"but '{_clip(title)}' here: give it one title, or a new Rec No"
        )
    return rec


def _entries(
    text: dict[str, str],
    name: str,
    problems: _Problems,
    read: Callable[[str], list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """The entries of a cell of several (progress, funding), [] when it is empty or unread."""
    if not text.get(name):
        return []
    none: list[dict[str, Any]] = []
    return problems.attempt(lambda: read(text[name]), none)


def _cost(
    rec: _ReadRecommendation, values: dict[str, Cell], text: dict[str, str]
) -> dict[str, Any] | None:
    """The cost line of one row (None when it says there is no cost)."""
    read: ReadCost | None = read_cell("cost", values)
    if read is None:
        if text.get("cost_label"):
            raise RowError(f"cost item '{text['cost_label']}' has no amount in 'Cost'")
        return None
    high = read.high
    if text.get("cost_high"):
        high = read_cell("cost_high", values)
    if high is not None and high < read.amount:
        raise RowError("the cost's upper end is below its amount: put the lower amount first")
    recurrence = Recurrence.PER_YEAR if read.per_year else Recurrence.ONE_OFF
    if text.get("recurrence"):
        recurrence = read_cell("recurrence", values)
    return {
        "label": text.get("cost_label") or rec.data["title"],
        "amount": money_yaml(read.amount),
        "high": money_yaml(high) if high is not None else None,
        "recurrence": Raw(recurrence.value) if recurrence is Recurrence.PER_YEAR else None,
        "detail": text.get("cost_detail") or read.detail,
        "units": read_cell("cost_units", values) if text.get("cost_units") else None,
        "owners": read_cell("cost_owners", values),
    }


_FLAT_REF = re.compile(r"(\d+[a-z]?)\.(\d+[a-z]?)")
_PRIORITY_WORDS = {
    "high", "medium", "low", "critical", "urgent", "essential", "important", "significant",
    "moderate", "minor", "major", "merits attention", "1", "2", "3", "4", "p1", "p2", "p3",
    "p4", "priority 1", "priority 2", "priority 3", "red", "amber", "green",
}  # fmt: skip


def _word_key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def _slug(text: str, empty: str = "sheet") -> str:
    """Text as an id: `Payroll (IA-25)` → `payroll-ia-25`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or empty


def _value(values: list[str], index: int) -> str | None:
    return values[index].strip() or None if index < len(values) else None


def _exempt(text: dict[str, str], name: str) -> dict[str, Any] | None:
    if not text.get(name):
        return None
    return {"paragraph": Quoted(text[name]), "reason": text.get(f"{name}_reason") or None}


def _same_target(revised: Any, original: str | list[str] | None) -> bool:
    if isinstance(revised, list) or isinstance(original, list):
        return False
    return isinstance(revised, Raw) and revised.text == original


def _untitled_note(ids: list[str]) -> str:
    several = len(ids) > 1
    shown = ", ".join(ids[:10]) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    return (
        f"recommendation{'s' if several else ''} {shown} {'have' if several else 'has'} no "
        f"title in the tracker, so {'each is' if several else 'it is'} titled by its first "
        "action (or 'Recommendation N' when it has none): write the titles in the plan file, "
        "or add a 'Recommendation' column"
    )


def _cells(references: list[str]) -> str:
    shown = ", ".join(references[:5]) + (
        f" and {len(references) - 5} more" if len(references) > 5 else ""
    )
    return f"cell{'s' if len(references) > 1 else ''} {shown}"


def _quoted(labels: list[str]) -> str:
    return ", ".join(f"'{label}'" for label in labels)


def _money(cost: dict[str, Any]) -> str:
    from decimal import Decimal

    from actionplan.reports.money import format_money

    return format_money(Decimal(cost["amount"].text))


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title_of(title: str, full: str | None) -> tuple[str, str | None]:
    """A recommendation's title and text from its cells: a long cell is cut to a title at its
    first dash, colon or full stop, and kept whole as the text."""
    if full is not None or (len(title) <= 100 and "\n" not in title):
        return title, full
    head = re.split(r"\s[–—-]\s|:\s|\.\s|\n", title, maxsplit=1)[0].strip()
    if len(head) > 100:
        head = head[:99].rsplit(" ", 1)[0] + "…"
    return head, title


# --- The plan file -----------------------------------------------------------------------------


def plan_yaml(reader: _TrackerReader, options: ImportOptions) -> str:
    """The plan file's text: a header comment and the plan in block YAML."""
    name = reader.grid.name
    lines = [
        f"# Imported from {name} by 'actionplan import'; check it with",
        "# 'actionplan lint' and record progress with 'actionplan update'.",
        "",
        "format: 2",
        *block({"plan": _plan_block(reader, options)}),
    ]
    if reader.people:
        lines.extend(["", *block({"people": reader.people})])
    if reader.vocabularies:
        lines.extend(["", *block({"vocabularies": reader.vocabularies})])
    lines.extend(["", "recommendations:"])
    for rec in reader.recs.values():
        lines.extend(block({"recommendations": [rec.data]})[1:])
        lines.append("")
    if not reader.recs:
        lines[-1] = "recommendations: []"
    return "\n".join(lines).rstrip("\n") + "\n"


def _plan_block(reader: _TrackerReader, options: ImportOptions) -> dict[str, Any]:
    plan = reader.plan
    title = options.title or plan.get("title") or reader.title_line
    organisation = options.organisation or plan.get("organisation")
    plan_id = (
        options.plan_id
        or plan.get("id")
        or options.default_id
        or plan_id_from(Path(reader.grid.name))
    )
    return {
        "id": plan_id,
        "title": title,
        "organisation": organisation,
        "source": options.source or plan.get("source") or f"Imported from {reader.grid.name}",
        "source_url": plan.get("source_url"),
        "adopted": plan.get("adopted"),
        "period": plan.get("period"),
        "kind": plan.get("kind"),
        "owned_by": plan.get("owned_by"),
        "currency": plan.get("currency"),
        "reports_to": plan.get("reports_to"),
        "themes": list(reader.themes.values()),
        "stated_total": plan.get("stated_total"),
        "exempt": plan.get("exempt"),
        "notes": plan.get("notes"),
    }


def _require_title_and_organisation(title: str | None, organisation: str | None) -> None:
    """Both missing are asked for at once, so one run says all that is needed."""
    missing = [
        (what, option, row)
        for what, option, row, value in (
            ("the plan's title", "--title", "Title", title),
            ("the organisation", "--organisation", "Organisation", organisation),
        )
        if not value
    ]
    if missing:
        raise TrackerError(
            f"the tracker does not give {' or '.join(what for what, _o, _r in missing)}: add "
            + " and ".join(f'{option} "…"' for _w, option, _r in missing)
            + " (or "
            + " and ".join(
                f"{'an' if row[0] in 'AEIOU' else 'a'} '{row}' row" for *_, row in missing
            )
            + " above the table)"
        )
