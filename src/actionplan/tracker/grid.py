"""Reading a tracker file into rows of cells: a .csv (its encoding, delimiter and line endings)
or an .xlsx (one of its sheets), within limits a council's tracker never comes near.

An .xlsx is read here from its XML, as a stream, by one guarded expat parser: the workbook, its
relationships, shared strings, styles (which number formats are dates) and the one sheet asked
for, nothing else. openpyxl (which export uses) builds an object per cell and takes a minute
and gigabytes over a row of millions of cells; this reads a 100,000-cell sheet in about a
second and refuses such a row at its 1,001st cell.

Nothing here can be made to fall over or to run away: a file that is not what its name says, is
larger than `Limits` allow, or holds what no spreadsheet saved by Excel or LibreOffice holds (a
DTD, entities) is a `TrackerError` whose message says what was found and what to do.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

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
    cell_chars: int = 131_072  # one cell (set as csv's limit on a field for the read)
    sheet_cells: int = 250_000  # in the sheet read (a tracker of 500 rows has ~15,000)


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
    # Cells given the value of a merged cell above them (row number → column indexes from 0).
    filled: dict[int, set[int]] = field(default_factory=dict)
    sheet: str | None = None  # the .xlsx sheet read


def read_grid(path: Path, sheet: str | None = None, limits: Limits = LIMITS) -> Grid:
    """Read a .csv (UTF-8, with or without a byte-order mark, UTF-16, or Windows-1252, as older
    Excel saves it; comma, semicolon or tab separated) or an .xlsx (its first sheet, or
    `sheet`)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise TrackerError(f"{path}: not a .csv or .xlsx file; save the tracker as one of those")
    _check_size(path, limits)
    if suffix == ".xlsx":
        return _open_xlsx(
            path, limits, lambda archive: _read_sheet(path.name, archive, sheet, limits)
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror or error}") from None
    return read_csv_bytes(path.name, raw, limits)


def _check_size(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror or error}") from None
    if size > limits.file_bytes:
        raise TrackerError(
            f"{path.name} is {size:,} bytes, more than the {limits.file_bytes:,} a tracker may "
            "be: nothing was read; split it, or remove what is not the tracker's table"
        )


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
    # csv's limit on a field is the process's, and other libraries raise it: the tracker's own
    # is set for its reads and put back after, so what is refused does not depend on them.
    before = csv.field_size_limit(limits.cell_chars)
    try:
        return _csv_rows_within_limit(name, text, limits)
    finally:
        csv.field_size_limit(before)


def _csv_rows_within_limit(name: str, text: str, limits: Limits) -> list[Row]:
    text = _line_endings(text)
    delimiter = sniff_delimiter(text[:65_536].split("\n"))
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


_T = TypeVar("_T")


def _open_xlsx(path: Path, limits: Limits, read: Callable[[Any], _T]) -> _T:
    """What `read` makes of the opened workbook; a workbook that cannot be read is a
    TrackerError."""
    import zipfile
    import zlib

    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile, NotImplementedError, ValueError, EOFError) as error:
        raise TrackerError(
            f"cannot read {path.name} as an .xlsx workbook ({error}): open it in Excel or "
            "LibreOffice and save it as .xlsx (or as CSV)"
        ) from None
    with archive:
        _check_parts(path.name, archive, limits)
        try:
            return read(archive)
        except (
            KeyError,
            ValueError,
            IndexError,
            OverflowError,
            EOFError,
            NotImplementedError,  # a compression method zipfile does not have
            OSError,  # an offset in the zip's directory beyond the file
            zipfile.BadZipFile,
            zlib.error,
        ) as error:
            raise TrackerError(
                f"cannot read {path.name} as an .xlsx workbook ({error}): open it in Excel or "
                "LibreOffice and save it again as .xlsx (or as CSV)"
            ) from None


def _check_parts(name: str, archive: Any, limits: Limits) -> None:
    """Refuse a workbook whose parts unpack to more than the limit (a zip bomb)."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        if total > limits.unpacked_bytes:
            raise TrackerError(
                f"{name} unpacks to more than {limits.unpacked_bytes:,} bytes (at "
                f"{info.filename}): far more than a tracker holds, so nothing was read"
            )


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _parse_part(
    name: str,
    archive: Any,
    part_name: str,
    start: Any = None,
    end: Any = None,
    text: Any = None,
) -> None:
    """Parse one part of the workbook as a stream with expat, refusing a DTD (entities can
    expand without end; Excel and LibreOffice never write one)."""
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
    if start is not None:
        parser.StartElementHandler = start
    if end is not None:
        parser.EndElementHandler = end
    if text is not None:
        parser.CharacterDataHandler = text
    parser.buffer_text = True
    try:
        with archive.open(part_name) as part:
            while chunk := part.read(1 << 16):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise TrackerError(
            f"{name} is not a readable .xlsx workbook ({part_name}: {error}): open it in Excel "
            "or LibreOffice and save it again"
        ) from None


_RELATIONSHIP_ID = "http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_part(name: str, archive: Any, sheet: str | None) -> tuple[str, bool]:
    """The part holding the sheet named `sheet` (or the first), and whether the workbook counts
    dates from 1904."""
    worksheets, date1904 = _worksheets(name, archive)
    names = [title for title, _part in worksheets]
    if sheet is not None and sheet not in names:
        raise TrackerError(f"{name} has no sheet '{sheet}' (sheets: {', '.join(names)})")
    return worksheets[names.index(sheet) if sheet is not None else 0][1], date1904


def _worksheets(name: str, archive: Any) -> tuple[list[tuple[str, str]], bool]:
    """The workbook's worksheets in order, each (its name, its part), and whether the workbook
    counts dates from 1904."""
    sheets: list[tuple[str, str]] = []  # (name, relationship id)
    date1904 = [False]

    def workbook(tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "sheet":
            sheets.append((attributes.get("name", ""), attributes.get(_RELATIONSHIP_ID, "")))
        elif local == "workbookPr":
            date1904[0] = attributes.get("date1904", "0").lower() in ("1", "true")

    _parse_part(name, archive, "xl/workbook.xml", start=workbook)
    targets: dict[str, str] = {}

    def relationship(tag: str, attributes: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attributes.get("Type", "").endswith("/worksheet"):
            targets[attributes.get("Id", "")] = attributes.get("Target", "")

    _parse_part(name, archive, "xl/_rels/workbook.xml.rels", start=relationship)
    worksheets = [
        (title, target.lstrip("/") if target.startswith("/") else f"xl/{target}")
        for title, rid in sheets
        if (target := targets.get(rid)) is not None
    ]
    if not worksheets:
        raise TrackerError(f"{name} has no worksheet to read")
    return worksheets, date1904[0]


def _shared_strings(name: str, archive: Any) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    pieces: list[str] = []
    state = {"in_text": False, "phonetic": 0}

    def start(tag: str, _attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si":
            pieces.clear()
        elif local == "rPh":
            state["phonetic"] += 1  # the reading of East Asian text, not the text
        elif local == "t" and not state["phonetic"]:
            state["in_text"] = True

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "si":
            strings.append("".join(pieces))
        elif local == "rPh":
            state["phonetic"] -= 1
        elif local == "t":
            state["in_text"] = False

    def text(data: str) -> None:
        if state["in_text"]:
            pieces.append(data)

    _parse_part(name, archive, "xl/sharedStrings.xml", start, end, text)
    return strings


# Excel's built-in number formats that are dates (14-17 and 22), and those of them without a day.
_BUILT_IN_DATES = {14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "m/d/yy h:mm"}


def _date_styles(name: str, archive: Any) -> dict[int, bool]:
    """Cell style index → whether it shows a day (True) or only a month (False), for the
    styles that format a number as a date."""
    if "xl/styles.xml" not in archive.namelist():
        return {}
    formats: dict[int, str] = dict(_BUILT_IN_DATES)
    styles: dict[int, bool] = {}
    state = {"in_xfs": False, "index": 0}

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "numFmt":
            code = attributes.get("formatCode", "")
            if _is_date_format(code):
                formats[int(attributes.get("numFmtId", "-1"))] = code
        elif local == "cellXfs":
            state["in_xfs"] = True
        elif local == "xf" and state["in_xfs"]:
            shown = formats.get(int(attributes.get("numFmtId", "0") or 0))
            if shown is not None:
                styles[state["index"]] = "d" in _format_letters(shown)
            state["index"] += 1

    def end(tag: str) -> None:
        if _local(tag) == "cellXfs":
            state["in_xfs"] = False

    _parse_part(name, archive, "xl/styles.xml", start, end)
    return styles


def _format_letters(code: str) -> str:
    """A number format's letters that are format codes: not quoted, escaped or [bracketed]."""
    return re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", code).lower()


def _is_date_format(code: str) -> bool:
    letters = _format_letters(code)
    if re.search(r"[dy]", letters):
        return True
    return "m" in letters and not re.search(r"[0#?hs]", letters)  # `mmm`, not `[h]:mm`


@dataclass
class _SheetReader:
    """A sheet's rows read from its XML as it streams, refused past the limits; formulas with
    no value saved are noted by row."""

    limits: Limits
    name: str
    strings: list[str]
    date_styles: dict[int, bool]
    date1904: bool
    rows: list[Row] = field(default_factory=list)
    formulas: dict[int, list[str]] = field(default_factory=dict)
    cells: int = 0
    row: list[Cell] = field(default_factory=list)
    row_number: int = 0
    row_cells: int = 0
    column: int = 0
    ref: str = ""
    kind: str = ""
    style: int = 0
    has_formula: bool = False
    value: list[str] = field(default_factory=list)
    in_value: bool = False
    has_value: bool = False
    merges: list[str] = field(default_factory=list)  # the ranges of merged cells, as A2:A4
    filled: dict[int, set[int]] = field(default_factory=dict)

    def fill_merged(self) -> None:
        """Give each merged range's value to the cells below it in its column: a Rec No merged
        down a recommendation's rows is on each of them. Across, the range stays one cell, as
        a title merged across the sheet is one title."""
        import bisect

        numbers = [number for number, _cells in self.rows]
        for ref in self.merges:
            match = _RANGE.fullmatch(ref.upper())
            if match is None:
                continue
            column, top, bottom = _column_index(match[1]) - 1, int(match[2]), int(match[4])
            at = bisect.bisect_left(numbers, top)
            if at == len(numbers) or numbers[at] != top:
                continue
            cells = self.rows[at][1]
            value = cells[column] if column < len(cells) else None
            if value is None:
                continue
            for index in range(at + 1, bisect.bisect_right(numbers, bottom)):
                self._count_sheet_cell()
                below = self.rows[index][1]
                below.extend([None] * (column + 1 - len(below)))
                below[column] = value
                self.filled.setdefault(numbers[index], set()).add(column)

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "mergeCell":
            self.merges.append(attributes.get("ref", ""))
            self._count_sheet_cell()
        elif local == "row":
            self.row_number = int(attributes.get("r", self.row_number + 1))
            self.row, self.row_cells, self.column = [], 0, 0
            if len(self.rows) >= self.limits.rows:
                raise TrackerError(_too_many_rows(self.name, self.limits))
        elif local == "c":
            self._count_cell()
            self.ref = attributes.get("r", "")
            letters = self.ref.rstrip("0123456789")
            self.column = _column_index(letters) if letters else self.column + 1
            if self.column > self.limits.columns:
                raise TrackerError(
                    f"{self.name} row {self.row_number} has a cell in column {letters}, beyond "
                    f"the {self.limits.columns:,} columns a tracker may have: nothing was read; "
                    "delete the columns that are not the tracker's"
                )
            self.kind = attributes.get("t", "n")
            self.style = int(attributes.get("s", "0") or 0)
            self.has_formula = self.has_value = False
            self.value = []
        elif local == "f":
            self.has_formula = True
        elif local in ("v", "t"):
            self.in_value = True

    def _count_cell(self) -> None:
        self.row_cells += 1
        if self.row_cells > self.limits.columns:
            raise TrackerError(
                f"{self.name} row {self.row_number} has more than {self.limits.columns:,} "
                "cells, the most a tracker row may have: nothing was read; delete the "
                "columns that are not the tracker's"
            )
        self._count_sheet_cell()

    def _count_sheet_cell(self) -> None:
        """Cells read, merged ranges and the cells they fill, against the sheet's limit."""
        self.cells += 1
        if self.cells > self.limits.sheet_cells:
            raise TrackerError(
                f"{self.name}'s sheet has more than {self.limits.sheet_cells:,} cells: far "
                "more than a tracker holds, so nothing was read"
            )

    def text(self, data: str) -> None:
        if self.in_value:
            self.value.append(data)
            if len(self.value) > 1 and sum(map(len, self.value)) > self.limits.cell_chars:
                raise TrackerError(
                    f"{self.name} cell {self.ref}: longer than {self.limits.cell_chars:,} "
                    "characters, the most a tracker cell may hold: nothing was read"
                )

    def end(self, tag: str) -> None:
        local = _local(tag)
        if local in ("v", "t"):
            self.in_value = False
        elif local == "c":
            raw = "".join(self.value)
            if self.has_formula and not raw.strip():
                self.formulas.setdefault(self.row_number, []).append(self.ref)
            while len(self.row) < self.column - 1:
                self.row.append(None)
            self.row.append(self._cell(raw))
        elif local == "row":
            self.rows.append((self.row_number, self.row))

    def _cell(self, raw: str) -> Cell:
        if raw == "":
            return None
        kind = self.kind
        if kind == "s":
            return self.strings[int(raw)]
        if kind in ("inlineStr", "str", "e"):
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            return _iso_cell(raw)
        number = float(raw)
        shows_day = self.date_styles.get(self.style)
        if shows_day is not None and 0 <= number < 2_958_466:  # up to 9999-12-31
            day = _serial_date(number, self.date1904)
            return day if shows_day else Month(day.year, day.month)
        return int(number) if number.is_integer() and "." not in raw and "E" not in raw else number


_RANGE = re.compile(r"([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)")


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index


def _serial_date(serial: float, date1904: bool) -> date:
    from datetime import timedelta

    if date1904:
        return date(1904, 1, 1) + timedelta(days=int(serial))
    # Excel counts 1900 as a leap year: serials from 61 (1 March 1900) on are a day ahead.
    return date(1899, 12, 30 if serial >= 61 else 31) + timedelta(days=int(serial))


def _iso_cell(raw: str) -> Cell:
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        return raw


def _read_sheet(name: str, archive: Any, sheet: str | None, limits: Limits) -> Grid:
    # Every part read is parsed by the one guarded parser; parts not needed are never parsed.
    part, date1904 = _sheet_part(name, archive, sheet)
    reader = _SheetReader(
        limits, name, _shared_strings(name, archive), _date_styles(name, archive), date1904
    )
    return _sheet_grid(reader, archive, part, sheet)


def _sheet_grid(reader: _SheetReader, archive: Any, part: str, sheet: str | None) -> Grid:
    _parse_part(reader.name, archive, part, reader.start, reader.end, reader.text)
    reader.fill_merged()
    return Grid(
        reader.name, reader.rows, formulas=reader.formulas, filled=reader.filled, sheet=sheet
    )


def _read_sheets(name: str, archive: Any, limits: Limits) -> list[Grid]:
    """Every worksheet, within one budget of cells for the whole workbook."""
    worksheets, date1904 = _worksheets(name, archive)
    strings, styles = _shared_strings(name, archive), _date_styles(name, archive)
    grids, cells = [], 0
    for title, part in worksheets:
        reader = _SheetReader(limits, name, strings, styles, date1904, cells=cells)
        grids.append(_sheet_grid(reader, archive, part, title))
        cells = reader.cells
    return grids


ALL_SHEETS = "all"


def read_grids(path: Path, sheet: str | None = None, limits: Limits = LIMITS) -> list[Grid]:
    """The grids `read_grid` reads, or with `sheet` "all", every sheet of an .xlsx."""
    if sheet != ALL_SHEETS or path.suffix.lower() != ".xlsx":
        return [read_grid(path, None if sheet == ALL_SHEETS else sheet, limits)]
    _check_size(path, limits)
    return _open_xlsx(path, limits, lambda archive: _read_sheets(path.name, archive, limits))
