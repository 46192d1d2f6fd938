"""The data package: valid under the Frictionless validator, and the same rows as the database."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import frictionless
import pytest

from actionplan.data import tables as t
from conftest import ROOT
from export_run import run_export

PLANS = [ROOT / "plans", ROOT / "examples" / "internal-audit-tracker.yaml"]
EVERY_FIELD = Path(__file__).resolve().parent / "every-field.yaml"
EVERYTHING = ("--as-of", "2026-06-30", "--include-exempt", "--include-emails")


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("package") / "plans-data"
    run_export(*PLANS, EVERY_FIELD, "-f", "datapackage", "-o", folder, *EVERYTHING)
    return folder


def test_frictionless_finds_the_package_valid(package: Path) -> None:
    limit = csv.field_size_limit()
    try:
        report = frictionless.validate(package / "datapackage.json")
    finally:  # frictionless raises the csv module's limit for the whole process: put it back
        csv.field_size_limit(limit)
    errors = [f"{task.name}: {e.message}" for task in report.tasks for e in task.errors]
    assert errors == []
    assert report.valid
    assert len(report.tasks) == len(t.TABLES)


def test_the_descriptor_declares_each_table_once_with_its_keys(package: Path) -> None:
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["title"] == "Action plans and their progress, as of 2026-06-30"
    assert descriptor["description"] == (
        "4 action plans of Southampton City Council, Southwark Council, Exampleton Borough "
        "Council: their recommendations, actions, owners, target revisions, progress updates, "
        "costs and outcome indicators, exported by actionplan. Overdue and RAG are as of "
        "2026-06-30 (the metadata table's as_of)."
    )
    assert {"title": "Written for the data export tests", "path": "https://example.gov.uk/"
            "every-field.pdf"} in descriptor["sources"]  # fmt: skip
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert sorted(resources) == sorted(table.name for table in t.TABLES)
    actions = resources["actions"]["schema"]
    assert actions["primaryKey"] == ["action_key"]
    assert actions["foreignKeys"] == [
        {
            "fields": ["recommendation_key"],
            "reference": {"resource": "recommendations", "fields": ["recommendation_key"]},
        }
    ]
    types = {f["name"]: f["type"] for f in resources["costs"]["schema"]["fields"]}
    assert (types["amount"], types["amount_pence"], types["recurrence"]) == (
        "number",
        "integer",
        "string",
    )
    assert sorted(p.name for p in package.iterdir()) == sorted(
        ["datapackage.json", *(f"{table.name}.csv" for table in t.TABLES)]
    )


def test_each_csv_holds_the_rows_the_database_holds(package: Path, tmp_path: Path) -> None:
    db = tmp_path / "same.db"
    run_export(*PLANS, EVERY_FIELD, "-f", "sqlite", "-o", db, *EVERYTHING)
    con = sqlite3.connect(db)
    for table in t.TABLES:
        with open(package / f"{table.name}.csv", encoding="utf-8", newline="") as handle:
            header, *rows = list(csv.reader(handle))
        assert tuple(header) == table.column_names
        stored = con.execute(f'SELECT * FROM "{table.name}"').fetchall()
        expected = [
            [_as_csv(column, value) for column, value in zip(table.columns, row, strict=True)]
            for row in stored
        ]
        assert rows == expected, table.name
    # Text a spreadsheet would run is made inert in the CSV only; the database keeps it.
    texts = [r[0] for r in con.execute("SELECT text FROM actions WHERE text LIKE '=%'")]
    assert texts == []


def _as_csv(column: t.Column, value: object) -> str:
    if value is None:
        return ""
    if column.kind is t.Kind.BOOLEAN:
        return "true" if value else "false"
    text = str(value)
    if column.kind is t.Kind.TEXT and text.startswith(("=", "+", "-", "@")):
        return "'" + text
    return text


def test_money_in_the_csv_is_exact_text(package: Path) -> None:
    with open(package / "costs.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    every = [r for r in rows if r["label"] == "Reconciliation tool"]
    assert [(r["amount"], r["amount_pence"], r["high"], r["units_rate"]) for r in every] == [
        ("12345.50", "1234550", "20000.00", "4938.20")
    ]
