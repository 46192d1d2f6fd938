"""The column spec: what export writes, import reads back as the same field."""

from __future__ import annotations

from actionplan.tracker.columns import (
    EXPORTED,
    HEADER_FIELDS,
    PLAN_ROW_KEYS,
    PLAN_ROWS,
    normalise_header,
)


def test_every_exported_header_is_read_back_as_its_own_field() -> None:
    assert {
        column.header: HEADER_FIELDS.get(normalise_header(column.header or ""))
        for column in EXPORTED
    } == {column.header: column.field for column in EXPORTED}


def test_every_plan_row_label_is_read_back_as_its_own_key() -> None:
    assert {row.label: PLAN_ROW_KEYS.get(normalise_header(row.label)) for row in PLAN_ROWS} == {
        row.label: row.key for row in PLAN_ROWS
    }


def test_headers_are_written_as_import_compares_them() -> None:
    headers = [header for column in EXPORTED for header in column.headers]
    assert [h for h in headers if normalise_header(h) != h] == []
