"""The export as a Frictionless data package: one CSV per table and a `datapackage.json`.

The same tables as the database (`tables`), with the same keys: `datapackage.json` gives each
CSV's table schema (its fields and their types, which must be given, the primary key and the
foreign keys), so `frictionless validate` can check every row. The CSVs are UTF-8, RFC 4180, with
a header line; empty is none; booleans are true/false. Text that a spreadsheet would run as a
formula gets a leading `'`, as in every CSV actionplan writes (`output.escape.csv_line`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from actionplan.data import tables as t
from actionplan.data.export import GENERATOR
from actionplan.data.rows import Rows, Value
from actionplan.output.escape import csv_cell, csv_field, csv_line

DESCRIPTOR = "datapackage.json"
MARKER = "x-actionplan"  # the descriptor's key that says an actionplan export wrote it

_TYPES = {
    t.Kind.TEXT: "string",
    t.Kind.DATE: "date",
    t.Kind.DECIMAL: "number",
    t.Kind.INTEGER: "integer",
    t.Kind.BOOLEAN: "boolean",
}


def csv_name(table: t.Table) -> str:
    return f"{table.name}.csv"


def _cell(value: Value) -> str:
    """A number, date, boolean or key: nothing in it to quote or to make inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _text_cell(value: Value) -> str:
    """Text: made inert for a spreadsheet and quoted as RFC 4180 says (`escape`'s rules)."""
    return "" if value is None else csv_field(csv_cell(str(value)))


def _formatters(table: t.Table) -> tuple[Callable[[Value], str], ...]:
    return tuple(_text_cell if c.kind is t.Kind.TEXT else _cell for c in table.columns)


def field_descriptor(column: t.Column) -> dict[str, Any]:
    described: dict[str, Any] = {
        "name": column.name,
        "type": _TYPES[column.kind],
        "description": column.doc,
    }
    if column.kind is t.Kind.BOOLEAN:
        described.update(trueValues=["true"], falseValues=["false"])
    if column.required:
        described["constraints"] = {"required": True}
    return described


def resource_descriptor(table: t.Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [field_descriptor(column) for column in table.columns],
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": list(key.columns),
                "reference": {"resource": key.table, "fields": list(key.references)},
            }
            for key in table.foreign_keys
        ]
    return {
        "name": table.name,
        "path": csv_name(table),
        "profile": "tabular-data-resource",
        "title": table.name.replace("_", " ").capitalize(),
        "description": table.doc,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


def package_descriptor(
    *, as_of: str, plans: int, organisations: list[str], sources: list[dict[str, str]]
) -> dict[str, Any]:
    """`datapackage.json`: what the package is, and each table's schema."""
    shown = organisations[:5]
    more = len(organisations) - len(shown)
    by = ", ".join(shown) + (f" and {more} more" if more else "")
    return {
        "profile": "tabular-data-package",
        "name": "actionplan-export",
        "title": f"Action plans and their progress, as of {as_of}",
        "description": (
            f"{plans} action plan{'' if plans == 1 else 's'}"
            + (f" of {by}" if by else "")
            + ": their recommendations, actions, owners, target revisions, progress updates, "
            "costs and outcome indicators, exported by actionplan. Overdue and RAG are as of "
            f"{as_of} (the metadata table's as_of)."
        ),
        "sources": sources,
        MARKER: {"generator": GENERATOR, "schema_version": t.SCHEMA_VERSION, "as_of": as_of},
        "resources": [resource_descriptor(table) for table in t.TABLES],
    }


class PackageWriter:
    """Writes the package into `directory` (new and empty): `write` each batch, then `finish`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.files: dict[str, IO[str]] = {}
        self.organisations: dict[str, None] = {}
        self.sources: dict[tuple[str, str | None], None] = {}
        self.as_of = ""
        self.plans = 0
        self.formatters = {table.name: _formatters(table) for table in t.TABLES}
        for table in t.TABLES:
            # Open until `finish`: one file per table, written plan by plan.
            handle = open(directory / csv_name(table), "w", encoding="utf-8", newline="")  # noqa: SIM115
            self.files[table.name] = handle
            handle.write(csv_line(list(table.column_names)))

    def write(self, rows: Rows) -> None:
        for name, table_rows in rows.items():
            cells = self.formatters[name]
            self.files[name].write(
                "".join(
                    ",".join([f(v) for f, v in zip(cells, row, strict=True)]) + "\n"
                    for row in table_rows
                )
            )
            if name == t.PLANS.name:
                self._describe(table_rows)
            elif name == t.METADATA.name:
                self.as_of = str(dict((row[0], row[1]) for row in table_rows).get("as_of", ""))

    def _describe(self, plans: list[tuple[Value, ...]]) -> None:
        columns = t.PLANS.column_names
        for row in plans:
            values = dict(zip(columns, row, strict=True))
            self.plans += 1
            self.organisations.setdefault(str(values["organisation"]), None)
            url = values["source_url"]
            self.sources.setdefault((str(values["source"]), None if url is None else str(url)))

    def finish(self) -> None:
        """Close the CSVs and write `datapackage.json`."""
        self.close()
        sources = [
            {"title": title, **({"path": url} if url else {})} for title, url in self.sources
        ]
        descriptor = package_descriptor(
            as_of=self.as_of,
            plans=self.plans,
            organisations=list(self.organisations),
            sources=sources,
        )
        text = json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n"
        (self.directory / DESCRIPTOR).write_text(text, encoding="utf-8")

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


def is_package(directory: Path) -> bool:
    """Whether `directory` holds an actionplan export and nothing else (so it may be replaced)."""
    try:
        descriptor = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
        names = {entry.name for entry in directory.iterdir()}
    except (OSError, ValueError):
        return False
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get(MARKER), dict):
        return False
    if descriptor[MARKER].get("generator") != GENERATOR:
        return False
    resources = descriptor.get("resources")
    listed = (
        [r.get("path") for r in resources if isinstance(r, dict)]
        if isinstance(resources, list)
        else []
    )
    return names <= {DESCRIPTOR, *(p for p in listed if isinstance(p, str))}
