"""Reading a tracker file into rows of cells: a .csv (its encoding) or an .xlsx (its sheets)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from actionplan.errors import ActionPlanError
from actionplan.tracker.cells import Cell, Month

Row = tuple[int, list[Cell]]  # the row number the spreadsheet shows, and its cells


class TrackerError(ActionPlanError):
    """The spreadsheet cannot be read as a tracker at all; the message says what to do."""


@dataclass
class Grid:
    """A spreadsheet's cells, row by row, with the row numbers it shows."""

    name: str
    rows: list[Row]
    notes: list[str] = field(default_factory=list)


MAX_ROWS = 100_000


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read a .csv (UTF-8, with or without a byte-order mark; else Windows-1252, as older Excel
    saves it) or an .xlsx (its first sheet, or `sheet`)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet)
    if suffix != ".csv":
        raise TrackerError(f"{path}: not a .csv or .xlsx file; save the tracker as one of those")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror or error}") from None
    notes = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        notes.append(f"{path.name} is not UTF-8: read it as Windows-1252 (Excel's 'CSV' format)")
    rows: list[Row] = [
        (number, list(row)) for number, row in enumerate(csv.reader(io.StringIO(text)), 1)
    ]
    return Grid(path.name, rows[:MAX_ROWS], notes)


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TrackerError(f"cannot read {path} as an .xlsx workbook: {error}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TrackerError(
                f"{path.name} has no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)})"
            )
        worksheet = book[sheet] if sheet else book.worksheets[0]
        rows: list[Row] = []
        for number, cells in enumerate(worksheet.iter_rows(), 1):
            if number > MAX_ROWS:
                break
            rows.append((number, [_xlsx_value(cell) for cell in cells]))
    finally:
        book.close()
    return Grid(path.name, rows)


def _xlsx_value(cell: Any) -> Cell:
    value = cell.value
    if isinstance(value, datetime):
        number_format = str(getattr(cell, "number_format", "") or "").lower()
        if "d" not in number_format.replace("[red]", ""):
            return Month(value.year, value.month)
        return value.date()
    if isinstance(value, str | int | float | bool | date) or value is None:
        return value
    return str(value)
