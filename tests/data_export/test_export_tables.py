"""The tables hold every field of the format, and the every-field plan fills every column."""

from __future__ import annotations

import sqlite3
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from actionplan.data import tables as t
from actionplan.model.plan import PlanFile
from export_run import run_export

HERE = Path(__file__).resolve().parent
EVERY_FIELD = HERE / "every-field.yaml"


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if get_origin(annotation) in (tuple, list, Union, types.UnionType) or get_args(annotation):
        return [m for arg in get_args(annotation) for m in _models_in(arg)]
    return []


def field_paths(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every leaf field of `model`, dotted as a file writes it (`plan.exempt.paragraph`)."""
    paths = set()
    for name, info in model.model_fields.items():
        path = prefix + (info.alias or name)
        inner = _models_in(info.annotation)
        if inner:
            for each in inner:
                paths |= field_paths(each, path + ".")
        else:
            paths.add(path)
    return paths


def test_every_field_of_the_format_has_a_column_and_every_source_is_a_field() -> None:
    sources = {s for table in t.TABLES for column in table.columns for s in column.sources}
    fields = field_paths(PlanFile)
    assert len(fields) == 136
    assert sorted(fields - sources) == []
    assert sorted(sources - fields) == []


def test_keys_name_columns_of_their_tables_in_an_order_that_refers_back() -> None:
    by_name = {table.name: table for table in t.TABLES}
    assert len(by_name) == len(t.TABLES) == 24
    seen: set[str] = set()
    for table in t.TABLES:
        names = set(table.column_names)
        assert len(names) == len(table.columns), table.name
        assert set(table.primary_key) <= names, table.name
        for key in table.foreign_keys:
            assert set(key.columns) <= names, table.name
            assert key.table in seen or key.table == table.name, (table.name, key.table)
            assert key.references == by_name[key.table].primary_key
        seen.add(table.name)


def test_the_every_field_plan_fills_every_column(tmp_path: Path) -> None:
    """With --include-exempt and --include-emails nothing is withheld: every column of every
    table has a value in some row, and every 'not recorded' flag is set somewhere."""
    db = tmp_path / "every.db"
    run_export(
        EVERY_FIELD, "-f", "sqlite", "-o", db, "--as-of", "2026-06-30",
        "--include-exempt", "--include-emails",
    )  # fmt: skip
    con = sqlite3.connect(db)
    empty = []
    for table in t.TABLES:
        for column in table.columns:
            name = column.name
            query = f'SELECT count("{name}") FROM "{table.name}"'
            if column.kind is t.Kind.BOOLEAN:
                query += f' WHERE "{name}"'
            if con.execute(query).fetchone()[0] == 0:
                empty.append(f"{table.name}.{name}")
    assert empty == []
