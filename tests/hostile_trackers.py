"""The hostile import corpus: trackers made to break `actionplan import`, built on the fly from a
seed (nothing binary is committed), each with what the import must do with it.

Every kind the issue names is here: zip bombs, DTDs and entities, a row of 3 million cells,
binary files named .csv, NULs, CR-only files, a bare CR in a cell, cells longer than a tracker
cell may be, formula cells with no saved value, a stray Windows-1252 byte in UTF-8, UTF-16, a
byte-order mark, a 100 MB CSV. Each is refused with a message and exit 1, or (where the file is
a tracker as some program legitimately saves one) imported whole, within 5 s and 200 MB.

`make test` runs the cheap kinds (tests/tracker/test_hostile_corpus.py); `make bench` runs them
all, each in a process of its own timed and measured (bench/import_bench.py), and the slow test
runs all but the 100 MB CSV. The workbooks are written part by part with the standard library's
zipfile, as Excel lays them out (openpyxl would take longer to import than most files to build).
"""

from __future__ import annotations

import csv
import io
import random
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from actionplan.tracker.columns import column_letter

SEED = 15
HEADER = ["Rec No", "Recommendation", "Action", "Lead officer", "Target date", "Status", "Cost"]
ROWS = [
    ["1", "Communications", "Brief the board", "Head of Communications", "31/03/2026",
     "On track", "£5,000"],
    ["2", "Data sharing", "Agree the protocol", "Head of ICT", "Jun 2026", "Delayed", ""],
]  # fmt: skip


@dataclass(frozen=True)
class Hostile:
    """One kind of file: how to build it (into a folder, from a seeded generator), and what
    the import gives. `code` is the exit code; `expect` starts the import's stderr when it is
    refused (`code` 1), or is in its stdout when it is imported (`code` 0)."""

    name: str  # the file's name, which says what it is
    build: Callable[[Path, random.Random], None]
    code: int
    expect: str
    cheap: bool  # built and imported in well under 0.1 s: run by make test
    bench_only: bool = False  # too big to build in a test (the 100 MB CSV)


# --- Writing ---------------------------------------------------------------------------------


def csv_bytes(rows: Iterable[list[str]], delimiter: str = ",", terminator: str = "\r\n") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return out.getvalue().encode("utf-8")


def _cell(ref: str, value: str | int) -> str:
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_rows(rows: Iterable[Sequence[str | int]], first: int = 1) -> Iterator[bytes]:
    for number, row in enumerate(rows, first):
        cells = "".join(
            _cell(f"{column_letter(i)}{number}", v) for i, v in enumerate(row) if v != ""
        )
        yield f'<row r="{number}">{cells}</row>'.encode()


_SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
_SHEET_TAIL = b"</sheetData></worksheet>"
_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.'
        'openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://'
        'schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tracker" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type='
        '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def write_xlsx(
    path: Path,
    sheet: Iterable[bytes],
    head: bytes = _SHEET_HEAD,
    extra: Callable[[zipfile.ZipFile], None] | None = None,
) -> None:
    """A workbook of one sheet, its XML streamed into the zip piece by piece."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            part.write(head)
            for piece in sheet:
                part.write(piece)
            part.write(_SHEET_TAIL)
        if extra is not None:
            extra(archive)


def _table() -> list[list[str]]:
    return [list(HEADER), *[list(row) for row in ROWS]]


# --- The kinds -------------------------------------------------------------------------------


def _zip_bomb(path: Path, _rng: random.Random) -> None:
    """A part of 120 MB of zeros (120 KB deflated): past the unpacked limit."""

    def padding(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/media/image1.bin", "w") as part:
            for _ in range(120):
                part.write(bytes(1 << 20))

    write_xlsx(path, sheet_rows(_table()), extra=padding)


_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol0 "lol">'
    + b"".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">'.encode() for i in range(1, 10))
    + b"]>"
)


def _billion_laughs(path: Path, _rng: random.Random) -> None:
    rows = [*_table(), ["3", "&lol9;", "Laugh", "", "", "", ""]]
    pieces = [piece.replace(b"&amp;lol9;", b"&lol9;") for piece in sheet_rows(rows)]
    write_xlsx(path, pieces, head=_LAUGHS + _SHEET_HEAD.partition(b"\n")[2])


def _external_entity(path: Path, _rng: random.Random) -> None:
    head = b'<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    write_xlsx(path, sheet_rows(_table()), head=head + _SHEET_HEAD.partition(b"\n")[2])


def _wide_row(cells: int) -> Callable[[Path, random.Random], None]:
    def build(path: Path, _rng: random.Random) -> None:
        def pieces() -> Iterator[bytes]:
            yield from sheet_rows(_table())
            yield b'<row r="4">'
            chunk = b'<c t="n"><v>1</v></c>' * 10_000
            for _ in range(cells // 10_000):
                yield chunk
            yield b'<c t="n"><v>1</v></c>' * (cells % 10_000) + b"</row>"

        write_xlsx(path, pieces())

    return build


def _binary(path: Path, rng: random.Random) -> None:
    path.write_bytes(rng.randbytes(20_000))


def _nul_in_text(path: Path, _rng: random.Random) -> None:
    rows = [HEADER, *ROWS]
    rows[2] = [*rows[2][:2], "Agree\x00the protocol", *rows[2][3:]]
    path.write_bytes(csv_bytes(rows))


def _cr_only(path: Path, _rng: random.Random) -> None:
    path.write_bytes(csv_bytes([HEADER, *ROWS], terminator="\r"))


def _bare_cr_in_cell(path: Path, _rng: random.Random) -> None:
    rows = [HEADER, *ROWS]
    rows[1] = [*rows[1][:2], "Brief\rthe board", *rows[1][3:]]
    path.write_bytes(csv_bytes(rows, terminator="\n"))


def _long_csv_cell(path: Path, rng: random.Random) -> None:
    words = " ".join(rng.choice(("audit", "action", "board", "plan")) for _ in range(30_000))
    path.write_bytes(csv_bytes([HEADER, ROWS[0], [*ROWS[1][:2], words, *ROWS[1][3:]]]))


def _long_xlsx_cell(path: Path, _rng: random.Random) -> None:
    rows = [*_table(), ["3", "Long", "x" * 140_000, "", "", "", ""]]
    write_xlsx(path, sheet_rows(rows))


def _formula_without_value(path: Path, _rng: random.Random) -> None:
    formula = b'<row r="4"><c r="A4"><v>3</v></c><c r="B4" t="inlineStr"><is><t>Sum</t></is></c>'
    formula += b'<c r="C4" t="inlineStr"><is><t>Add up</t></is></c><c r="G4"><f>SUM(1,2)</f></c>'
    write_xlsx(path, [*sheet_rows(_table()), formula + b"</row>"])


def _stray_cp1252(path: Path, _rng: random.Random) -> None:
    text = csv_bytes([HEADER, *ROWS])
    path.write_bytes(text.replace(b"Delayed,", b'Delayed,"\xa38,000"', 1))


def _utf16(path: Path, _rng: random.Random) -> None:
    path.write_bytes(csv_bytes([HEADER, *ROWS], delimiter="\t").decode().encode("utf-16"))


def _bom(path: Path, _rng: random.Random) -> None:
    path.write_bytes(b"\xef\xbb\xbf" + csv_bytes([HEADER, *ROWS], delimiter=";"))


def _too_many_rows(path: Path, _rng: random.Random) -> None:
    rows = [[str(n), f"Rec {n}", f"Action {n}", "", "", "", ""] for n in range(1, 20_001)]
    path.write_bytes(csv_bytes([HEADER, *rows]))


def _huge_csv(path: Path, rng: random.Random) -> None:
    """100 MB of tracker rows, written in chunks."""
    line = csv_bytes([[str(rng.randint(1, 99)), "Rec", "Action " + "x" * 80, "Jo", "", "", ""]])
    with path.open("wb") as out:
        out.write(csv_bytes([HEADER]))
        block = line * 10_000
        for _ in range(100_000_000 // len(block) + 1):
            out.write(block)


_DTD = "holds a DTD (in xl/worksheets/sheet1.xml)"
KINDS: tuple[Hostile, ...] = (
    Hostile("zip-bomb.xlsx", _zip_bomb, 1, "Error: zip-bomb.xlsx unpacks to more than "
            "100,000,000 bytes (at xl/media/image1.bin)", cheap=False),
    Hostile("billion-laughs.xlsx", _billion_laughs, 1, f"Error: billion-laughs.xlsx {_DTD}",
            cheap=True),
    Hostile("external-entity.xlsx", _external_entity, 1, f"Error: external-entity.xlsx {_DTD}",
            cheap=True),
    Hostile("row-of-3-million-cells.xlsx", _wide_row(3_000_000), 1,
            "Error: row-of-3-million-cells.xlsx row 4 has more than 1,000 cells", cheap=False),
    Hostile("row-of-5000-cells.xlsx", _wide_row(5_000), 1,
            "Error: row-of-5000-cells.xlsx row 4 has more than 1,000 cells", cheap=True),
    Hostile("binary.csv", _binary, 1, "Error: binary.csv is not a text file (it holds NUL "
            "bytes", cheap=True),
    Hostile("nul-in-a-cell.csv", _nul_in_text, 1, "Error: nul-in-a-cell.csv is not a text "
            "file (it holds NUL bytes", cheap=True),
    Hostile("cr-only.csv", _cr_only, 0, '      - id: "2.1"\n        text: Agree the protocol\n',
            cheap=True),
    Hostile("bare-cr-in-a-cell.csv", _bare_cr_in_cell, 0,
            "        text: |-\n          Brief\n          the board\n", cheap=True),
    Hostile("long-cell.csv", _long_csv_cell, 1, "Error: long-cell.csv line 3: a cell is longer "
            "than 131,072 characters", cheap=True),
    Hostile("long-cell.xlsx", _long_xlsx_cell, 1, "Error: long-cell.xlsx cell C4: longer than "
            "131,072 characters", cheap=True),
    Hostile("formula-without-value.xlsx", _formula_without_value, 1,
            "formula-without-value.xlsx: cannot read row 4: cell G4 holds a formula with no "
            "value saved", cheap=True),
    Hostile("stray-cp1252-byte.csv", _stray_cp1252, 0, "        amount: 8000\n", cheap=True),
    Hostile("utf-16.csv", _utf16, 0, "        owners: [Head of Communications]\n", cheap=True),
    Hostile("utf-8-bom.csv", _bom, 0, "        amount: 5000\n", cheap=True),
    Hostile("20001-rows.csv", _too_many_rows, 1, "Error: 20001-rows.csv has more than 20,000 "
            "rows", cheap=False),
    Hostile("100-mb.csv", _huge_csv, 1, "Error: 100-mb.csv is ", cheap=False, bench_only=True),
)  # fmt: skip


def build(kind: Hostile, folder: Path) -> Path:
    """The file of `kind` in `folder`, the same bytes on every run (its own seed)."""
    path = folder / kind.name
    kind.build(path, random.Random(f"{SEED}:{kind.name}"))
    return path
