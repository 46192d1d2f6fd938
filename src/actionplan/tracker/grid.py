"""Reading a tracker file into rows of cells: a .csv (its encoding, delimiter and line endings)
or an .xlsx (one of its sheets), within limits a council's tracker never comes near.

Nothing here can be made to fall over or to run away: a file that is not what its name says, is
larger than `Limits` allow, or holds what no spreadsheet saved by Excel or LibreOffice holds (a
DTD, entities) is a `TrackerError` whose message says what was found and what to do.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from actionplan.errors import ActionPlanError
from actionplan.tracker.cells import Cell, Month

Row = tuple[int, list[Cell]]  # the row number the spreadsheet shows, and its cells


class TrackerError(ActionPlanError):
    """The spreadsheet cannot be read as a tracker at all; the message says what to do."""


@dataclass(frozen=True)
class Limits:
    """The most a tracker may hold. A council's tracker has tens or hundreds of rows; these
    bound the time and memory any file can cost (a few seconds, well under 200 MB)."""

    file_bytes: int = 20_000_000  # the .csv, or the .xlsx as stored
    unpacked_bytes: int = 100_000_000  # an .xlsx's parts, unpacked
    rows: int = 20_000  # per sheet
    columns: int = 1_000  # cells per row
    cell_chars: int = 131_072  # csv's own limit on one field
    sheet_cells: int = 400_000  # cells in the sheet read


LIMITS = Limits()


@dataclass
class Grid:
    """A spreadsheet's cells, row by row, with the row numbers it shows."""

    name: str
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    # Cells that hold a formula with no value saved (row number → cell references): the row
    # cannot be read as the spreadsheet shows it.
    formulas: dict[int, list[str]] = field(default_factory=dict)


def read_grid(path: Path, sheet: str | None = None, limits: Limits = LIMITS) -> Grid:
    """Read a .csv (UTF-8, with or without a byte-order mark, UTF-16, or Windows-1252, as older
    Excel saves it; comma, semicolon or tab separated) or an .xlsx (its first sheet, or
    `sheet`)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TrackerError(f"{path}: not a .csv or .xlsx file; save the tracker as one of those")
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror or error}") from None
    if size > limits.file_bytes:
        raise TrackerError(
            f"{path.name} is {size:,} bytes, more than the {limits.file_bytes:,} a tracker may "
            "be: nothing was read; split it, or remove what is not the tracker's table"
        )
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet, limits)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror or error}") from None
    return read_csv_bytes(path.name, raw, limits)


# --- CSV -----------------------------------------------------------------------------------


def read_csv_bytes(name: str, raw: bytes, limits: Limits = LIMITS) -> Grid:
    """A CSV file's bytes as rows: encoding, delimiter and line endings found from the bytes."""
    if raw.startswith(b"PK\x03\x04"):
        raise TrackerError(
            f"{name} is a zip file (an .xlsx workbook?), not CSV text: if it is a workbook, "
            "name it .xlsx"
        )
    notes: list[str] = []
    text = _decode(name, raw, notes)
    if "\x00" in text:
        raise TrackerError(
            f"{name} is not a text file (it holds NUL bytes, as binary files do): save the "
            "tracker as CSV, or as .xlsx"
        )
    return Grid(name, _csv_rows(name, text, limits), notes)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_REPORTED_BYTES = 5


def _decode(name: str, raw: bytes, notes: list[str]) -> str:
    """UTF-8 (with or without a byte-order mark) unless the file says UTF-16 by its mark. A file
    that is UTF-8 but for a few stray bytes stays UTF-8, each stray byte read as Windows-1252
    and reported by line; a file with no UTF-8 in it at all is Windows-1252 throughout."""
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as error:
            raise TrackerError(
                f"{name} starts as UTF-16 but byte {error.start:,} is not: save it again as "
                "'CSV UTF-8'"
            ) from None
    body = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    stray: list[int] = []

    def as_cp1252(error: UnicodeError) -> tuple[str, int]:
        assert isinstance(error, UnicodeDecodeError)
        stray.append(error.start)
        bad = error.object[error.start : error.start + 1]
        return bad.decode("cp1252", errors="replace"), error.start + 1

    import codecs

    codecs.register_error("actionplan-cp1252", as_cp1252)
    text = body.decode("utf-8", errors="actionplan-cp1252")
    utf8_sequences = len(re.findall(rb"[\xc2-\xf4][\x80-\xbf]+", body))
    if utf8_sequences == 0 or len(stray) > utf8_sequences:
        notes.append(f"{name} is not UTF-8: read it as Windows-1252 (Excel's 'CSV' format)")
        return body.decode("cp1252", errors="replace")
    for offset in stray[:_REPORTED_BYTES]:
        line = body.count(b"\n", 0, offset) + 1
        byte = body[offset]
        shown = bytes([byte]).decode("cp1252", errors="replace")
        notes.append(
            f"{name} line {line}: byte 0x{byte:02X} (at byte {offset:,}) is not UTF-8; the rest "
            f"of the file is, so it was read as '{shown}' (Windows-1252): check that cell"
        )
    if len(stray) > _REPORTED_BYTES:
        notes.append(f"{name}: {len(stray) - _REPORTED_BYTES} more such bytes, read the same way")
    return text


_IN_CELL_CR = "\ue000"  # a bare CR inside a line, kept through the csv module as a line break


def _line_endings(text: str) -> str:
    """LF, CRLF or CR-only ("CSV (Macintosh)") line endings as LF; a bare CR within a file of LF
    or CRLF lines is a line break inside a cell."""
    if "\n" not in text:
        return text.replace("\r", "\n")
    return text.replace("\r\n", "\n").replace("\r", _IN_CELL_CR)


_DELIMITERS = (",", ";", "\t")


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most of the first lines into the same number (above one)
    of cells: a comma in a sentence of a semicolon file does not split every row alike."""
    best, best_score = ",", (0, 0)
    sample = lines[:50]
    for delimiter in _DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(sample, delimiter=delimiter) if len(row) > 1]
        except csv.Error:
            continue
        if not widths:
            continue
        modal = max(set(widths), key=lambda w: (widths.count(w), w))
        score = (widths.count(modal), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(name: str, text: str, limits: Limits) -> list[Row]:
    text = _line_endings(text)
    lines = text.split("\n")
    delimiter = sniff_delimiter(lines)
    rows: list[Row] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            line = reader.line_num
            if "field larger than field limit" in str(error):
                raise TrackerError(
                    f"{name} line {line}: a cell is longer than {limits.cell_chars:,} "
                    "characters, the most a tracker cell may hold: nothing was read; shorten "
                    "it, or keep the long text in a document the plan links to"
                ) from None
            raise TrackerError(f"{name} line {line}: not CSV ({error})") from None
        number += 1
        if number > limits.rows:
            raise TrackerError(_too_many_rows(name, limits))
        if len(row) > limits.columns:
            raise TrackerError(_too_many_columns(name, number, len(row), limits))
        if any(len(cell) > limits.cell_chars for cell in row):
            raise TrackerError(
                f"{name} row {number}: a cell is longer than {limits.cell_chars:,} characters, "
                "the most a tracker cell may hold: nothing was read; shorten it"
            )
        rows.append((number, [cell.replace(_IN_CELL_CR, "\n") for cell in row]))
    return rows


def _too_many_rows(name: str, limits: Limits) -> str:
    return (
        f"{name} has more than {limits.rows:,} rows: {limits.rows:,} were read and the rest "
        "refused, so nothing was imported; split the tracker into smaller files, or delete "
        "the rows that are not the tracker's"
    )


def _too_many_columns(name: str, number: int, count: int, limits: Limits) -> str:
    return (
        f"{name} row {number} has {count:,} cells, more than the {limits.columns:,} a tracker "
        "row may have: nothing was read; delete the columns that are not the tracker's"
    )


# --- .xlsx ---------------------------------------------------------------------------------


def _read_xlsx(path: Path, sheet: str | None, limits: Limits) -> Grid:
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise TrackerError(
            f"cannot read {path.name} as an .xlsx workbook ({error}): open it in Excel or "
            "LibreOffice and save it as .xlsx (or as CSV)"
        ) from None
    with archive:
        _check_parts(path.name, archive, limits)
        return _read_sheet(path, archive, sheet, limits)


def _check_parts(name: str, archive: Any, limits: Limits) -> None:
    """Refuse a workbook whose parts unpack to more than the limit (a zip bomb), or hold a DTD
    (entities can expand without end): Excel and LibreOffice never write one."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > limits.unpacked_bytes:
            raise TrackerError(
                f"{name} unpacks to more than {limits.unpacked_bytes:,} bytes (at "
                f"{info.filename}): far more than a tracker holds, so nothing was read"
            )
    for info in archive.infolist():
        # Worksheets are scanned when one is read, counting its rows and cells as they come.
        is_sheet = info.filename.startswith("xl/worksheets/")
        if info.filename.endswith((".xml", ".rels", ".vml")) and not is_sheet:
            with archive.open(info) as part:
                _scan_xml(name, info.filename, part, None)


@dataclass
class _SheetScan:
    """What a scan of a sheet's XML found: its size, and formulas with no value saved."""

    limits: Limits
    name: str
    rows: int = 0
    cells: int = 0
    row_cells: int = 0
    row_number: int = 0
    formulas: dict[int, list[str]] = field(default_factory=dict)
    cell_ref: str = ""
    has_formula: bool = False
    has_value: bool = False
    in_value: bool = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        tag = tag.rpartition("}")[2] if "}" in tag else tag.rpartition(":")[2]
        if tag == "row":
            self.rows += 1
            self.row_cells = 0
            self.row_number = int(attributes.get("r", self.row_number + 1))
            if self.rows > self.limits.rows:
                raise TrackerError(_too_many_rows(self.name, self.limits))
        elif tag == "c":
            self.row_cells += 1
            self.cells += 1
            if self.row_cells > self.limits.columns:
                raise TrackerError(
                    f"{self.name} row {self.row_number} has more than {self.limits.columns:,} "
                    "cells, the most a tracker row may have: nothing was read; delete the "
                    "columns that are not the tracker's"
                )
            if self.cells > self.limits.sheet_cells:
                raise TrackerError(
                    f"{self.name}'s sheet has more than {self.limits.sheet_cells:,} cells: far "
                    "more than a tracker holds, so nothing was read"
                )
            self.cell_ref = attributes.get("r", "")
            self.has_formula = self.has_value = False
            if attributes.get("t") == "inlineStr":
                self.has_value = True
        elif tag == "f":
            self.has_formula = True
        elif tag == "v":
            self.in_value = True

    def text(self, data: str) -> None:
        if self.in_value and data.strip():
            self.has_value = True

    def end(self, tag: str) -> None:
        tag = tag.rpartition("}")[2] if "}" in tag else tag.rpartition(":")[2]
        if tag == "v":
            self.in_value = False
        elif tag == "c" and self.has_formula and not self.has_value:
            self.formulas.setdefault(self.row_number, []).append(self.cell_ref)


def _scan_xml(name: str, part_name: str, part: IO[bytes], scan: _SheetScan | None) -> None:
    """Parse one part of the workbook as a stream, refusing a DTD, and counting a sheet's rows
    and cells (refused past the limits) when `scan` is given."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*_args: object) -> None:
        raise TrackerError(
            f"{name} holds a DTD (in {part_name}), which no spreadsheet saved by Excel or "
            "LibreOffice has, and which can expand without end: refused; open it in a "
            "spreadsheet and save it again as .xlsx"
        )

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    if scan is not None:
        parser.StartElementHandler = scan.start
        parser.EndElementHandler = scan.end
        parser.CharacterDataHandler = scan.text
    try:
        while chunk := part.read(1 << 16):
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise TrackerError(
            f"{name} is not a readable .xlsx workbook ({part_name}: {error}): open it in Excel "
            "or LibreOffice and save it again"
        ) from None


def _read_sheet(path: Path, archive: Any, sheet: str | None, limits: Limits) -> Grid:
    import warnings
    import zipfile

    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's warnings about styles it cannot read
            book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError, SyntaxError) as error:
        raise TrackerError(
            f"cannot read {path.name} as an .xlsx workbook ({error}): open it in Excel or "
            "LibreOffice and save it as .xlsx (or as CSV)"
        ) from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TrackerError(
                f"{path.name} has no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)})"
            )
        worksheet = book[sheet] if sheet else book.worksheets[0]
        scan = _SheetScan(limits, path.name)
        part_name = str(getattr(worksheet, "_worksheet_path", "")).lstrip("/")
        if part_name in archive.namelist():
            with archive.open(part_name) as part:
                _scan_xml(path.name, part_name, part, scan)
        rows = list(_sheet_rows(worksheet, limits))
    finally:
        book.close()
    return Grid(path.name, rows, formulas=scan.formulas)


def _sheet_rows(worksheet: Any, limits: Limits) -> Iterator[Row]:
    for number, cells in enumerate(worksheet.iter_rows(max_col=limits.columns), 1):
        yield (number, [_xlsx_value(cell) for cell in cells])


def _xlsx_value(cell: Any) -> Cell:
    value = getattr(cell, "value", None)
    if isinstance(value, datetime):
        number_format = str(getattr(cell, "number_format", "") or "").lower()
        if "d" not in number_format.replace("[red]", ""):
            return Month(value.year, value.month)
        return value.date()
    if isinstance(value, str | int | float | bool | date) or value is None:
        return value
    return str(value)
