"""The export as one SQLite database (the standard library's sqlite3): tables, keys, views.

Every table of `tables` becomes a table with its primary and foreign keys declared (SQLite
enforces them where a client turns on `PRAGMA foreign_keys`; the export checks them itself before
it finishes). Text, dates and decimals are stored as TEXT, so `41567.20` stays exact; integers and
booleans as INTEGER. The views answer the common questions, as of the date the metadata table
records. The file is marked as an actionplan export in its header (`PRAGMA application_id`), so a
later export knows it may replace it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from actionplan.data import tables as t
from actionplan.data.rows import Rows
from actionplan.errors import ActionPlanError

APPLICATION_ID = 0x41504C4E  # "APLN", in the database header: this file is an actionplan export
_HEADER = b"SQLite format 3\x00"

_TYPES = {
    t.Kind.TEXT: "TEXT",
    t.Kind.DATE: "TEXT",
    t.Kind.DECIMAL: "TEXT",
    t.Kind.INTEGER: "INTEGER",
    t.Kind.BOOLEAN: "INTEGER",
}


def _name(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _names(identifiers: tuple[str, ...]) -> str:
    return ", ".join(_name(i) for i in identifiers)


def create_table(table: t.Table) -> str:
    """The CREATE TABLE statement of a table."""
    lines = []
    for column in table.columns:
        null = " NOT NULL" if column.required else ""
        check = f" CHECK ({_name(column.name)} IN (0, 1))" if column.kind is t.Kind.BOOLEAN else ""
        lines.append(f"  {_name(column.name)} {_TYPES[column.kind]}{null}{check}")
    lines.append(f"  PRIMARY KEY ({_names(table.primary_key)})")
    for key in table.foreign_keys:
        lines.append(
            f"  FOREIGN KEY ({_names(key.columns)}) REFERENCES {_name(key.table)} "
            f"({_names(key.references)})"
        )
    return f"CREATE TABLE {_name(table.name)} (\n" + ",\n".join(lines) + "\n)"


def create_indexes(table: t.Table) -> list[str]:
    """An index for each foreign key its primary key does not already begin with."""
    statements = []
    for key in table.foreign_keys:
        if table.primary_key[: len(key.columns)] == key.columns:
            continue
        name = f"{table.name}_by_{'_'.join(key.columns)}"
        statements.append(
            f"CREATE INDEX {_name(name)} ON {_name(table.name)} ({_names(key.columns)})"
        )
    return statements


def _pounds(pence: str) -> str:
    """SQL for an amount in pence as exact pounds text: 4156720 → '41567.20', -18000 → '-180.00'."""
    return (
        f"CASE WHEN {pence} IS NULL THEN NULL ELSE "
        f"(CASE WHEN {pence} < 0 THEN '-' ELSE '' END) || "
        f"printf('%d.%02d', abs({pence}) / 100, abs({pence}) % 100) END"
    )


_AS_OF = "(SELECT value FROM metadata WHERE name = 'as_of')"
_OWNERS = (
    "(SELECT group_concat(owner, '; ') FROM action_owners o WHERE o.action_key = a.action_key)"
)
_ACTION_FROM = (
    "FROM actions a JOIN recommendations r USING (recommendation_key) JOIN plans p USING (plan_id)"
)


def _cost_totals() -> str:
    low = "COALESCE(SUM(c.amount_pence), 0)"
    high = "COALESCE(SUM(COALESCE(c.high_pence, c.amount_pence)), 0)"
    one_off = "COALESCE(SUM(CASE WHEN c.recurrence = 'one-off' THEN c.amount_pence END), 0)"
    per_year = "COALESCE(SUM(CASE WHEN c.recurrence = 'per-year' THEN c.amount_pence END), 0)"
    return (
        f"COUNT(c.cost_key) AS cost_lines, {_pounds(low)} AS total, {low} AS total_pence, "
        f"{_pounds(high)} AS high_total, {high} AS high_total_pence, "
        f"{_pounds(one_off)} AS one_off, {one_off} AS one_off_pence, "
        f"{_pounds(per_year)} AS per_year, {per_year} AS per_year_pence"
    )


# The views, by name: what each answers, and its SELECT.
VIEWS: dict[str, tuple[str, str]] = {
    "action_status": (
        "Every action with its plan and recommendation, where it stands as of the metadata's "
        "as_of: its current target, due date, RAG and days overdue, and its owners.",
        "SELECT p.plan_id, r.id AS recommendation, r.title AS recommendation_title, a.id, "
        "a.text, " + _OWNERS + " AS owners, a.status, a.current_target, a.due_date, "
        "a.computed_rag AS rag, a.computed_rag_reason AS rag_reason, "
        "CASE WHEN a.status NOT IN ('done', 'dropped') AND a.due_date < " + _AS_OF + " "
        "THEN CAST(julianday(" + _AS_OF + ") - julianday(a.due_date) AS INTEGER) ELSE 0 END "
        "AS days_overdue, a.last_update, a.revision_count, a.slippage_days, a.action_key "
        + _ACTION_FROM,
    ),
    "overdue_actions": (
        "The actions overdue as of the metadata's as_of: open (neither done nor dropped) and "
        "due before that day; most overdue first.",
        "SELECT plan_id, recommendation, id, text, owners, status, current_target, due_date, "
        "days_overdue, last_update, action_key FROM action_status WHERE days_overdue > 0 "
        "ORDER BY days_overdue DESC, plan_id, action_key",
    ),
    "action_slippage": (
        "Each action's first target beside its current one: how often and how far it slipped.",
        "SELECT p.plan_id, r.id AS recommendation, a.id, a.text, a.status, "
        "a.target AS original_target, a.target_text AS original_target_text, "
        "a.target_due AS original_due, a.current_target, a.due_date, a.revision_count, "
        "a.slippage_days, (SELECT max(v.date) FROM revisions v WHERE v.action_key = "
        "a.action_key) AS last_revised, a.action_key " + _ACTION_FROM,
    ),
    "costs_by_plan": (
        "Each plan's cost lines added up in pence (exact), low and high ends, one-off and "
        "per-year, beside the total its source printed.",
        "SELECT p.plan_id, p.title, p.currency, "
        + _cost_totals()
        + ", p.stated_total, p.stated_total_pence, "
        "COALESCE(SUM(c.amount_pence), 0) - p.stated_total_pence AS difference_pence "
        "FROM plans p LEFT JOIN recommendations r ON r.plan_id = p.plan_id "
        "LEFT JOIN costs c ON c.recommendation_key = r.recommendation_key "
        "GROUP BY p.plan_id ORDER BY p.plan_id",
    ),
    "costs_by_theme": (
        "Each plan's cost lines added up by theme (the theme's title; '(no theme)' for "
        "recommendations with none), in pence (exact).",
        "SELECT p.plan_id, r.theme, COALESCE(th.title, r.theme, '(no theme)') AS theme_title, "
        + _cost_totals()
        + " FROM costs c JOIN recommendations r ON r.recommendation_key = c.recommendation_key "
        "JOIN plans p ON p.plan_id = r.plan_id "
        "LEFT JOIN themes th ON th.theme_key = r.theme_key "
        "GROUP BY p.plan_id, r.theme_key, r.theme ORDER BY p.plan_id, min(c.cost_key)",
    ),
}


class ExportCheckFailed(ActionPlanError):
    """The database broke one of its own keys: a fault in actionplan, not in the plans."""


class SqliteWriter:
    """Builds the database at `path` (a new, empty file): `write` each batch, then `finish`."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        # A temp file that is thrown away on any failure: no journal, no waiting on the disk.
        self.db.execute("PRAGMA journal_mode = OFF")
        self.db.execute("PRAGMA synchronous = OFF")
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self.db.execute(f"PRAGMA user_version = {int(t.SCHEMA_VERSION)}")
        self.db.execute("BEGIN")
        self.inserts: dict[str, str] = {}
        for table in t.TABLES:
            self.db.execute(create_table(table))
            marks = ", ".join("?" for _ in table.columns)
            self.inserts[table.name] = (
                f"INSERT INTO {_name(table.name)} ({_names(table.column_names)}) VALUES ({marks})"
            )

    def write(self, rows: Rows) -> None:
        for name, table_rows in rows.items():
            self.db.executemany(self.inserts[name], table_rows)

    def finish(self) -> None:
        """Index the foreign keys, add the views, check every key, and close the file."""
        for table in t.TABLES:
            for statement in create_indexes(table):
                self.db.execute(statement)
        for name, (_doc, select) in VIEWS.items():
            self.db.execute(f"CREATE VIEW {_name(name)} AS {select}")
        self.db.execute("COMMIT")
        broken = self.db.execute("PRAGMA foreign_key_check").fetchmany(5)
        if broken:
            raise ExportCheckFailed(
                f"the export broke its own foreign keys ({broken}): nothing written; please "
                "report this as a fault in actionplan"
            )
        self.db.execute("ANALYZE")
        self.close()

    def close(self) -> None:
        self.db.close()


def is_export(path: Path) -> bool:
    """Whether the file at `path` is a database an actionplan export wrote (by its header)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError:
        return False
    return (
        len(header) == 100
        and header.startswith(_HEADER)
        and int.from_bytes(header[68:72], "big") == APPLICATION_ID
    )


def describe_file(path: Path) -> str:
    """What an existing file at `path` is, for the message that refuses to replace it."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if header.startswith(_HEADER):
        return "a SQLite database, but not one actionplan exported"
    return "not a SQLite database"
