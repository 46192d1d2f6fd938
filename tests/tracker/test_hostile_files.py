"""Files as they come, and files made to break the import: each gives the plan, or a message and
exit 1, never a traceback, and nothing is lost without being said. The hostile files are built
here in tmp_path (none is committed)."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from actionplan.tracker.grid import Limits, TrackerError, read_grid

if TYPE_CHECKING:
    from conftest import RunCli

OPTIONS = ("--title", "T", "--organisation", "O")
HEADER = b"Rec No,Recommendation,Action,Lead officer,Cost"


def imported(run: RunCli, path: Path, *more: str) -> str:
    result = run("import", path, *OPTIONS, *more)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def refused(run: RunCli, path: Path, *more: str) -> str:
    result = run("import", path, *OPTIONS, *more)
    assert result.exit_code == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_cr_only_csv_as_excel_for_mac_saves_it(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "mac.csv"
    path.write_bytes(HEADER + b"\r1,Comms,Brief the board,Jo,\r2,Data,Share it,Al,\r")
    out = imported(run, path)
    assert '      - id: "2.1"\n        text: Share it\n        owners: [Al]\n' in out


def test_a_bare_cr_inside_a_cell_is_a_line_break_in_it(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "cr.csv"
    path.write_bytes(HEADER + b"\n1,Comms,Brief\rthe board,Jo,\n")
    assert "        text: |-\n          Brief\n          the board\n" in imported(run, path)


def test_a_binary_file_named_csv_is_refused(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(bytes(range(256)) * 20)
    assert refused(run, path) == (
        "Error: photo.csv is not a text file (it holds NUL bytes, as binary files do): save the "
        "tracker as CSV, or as .xlsx\n"
    )


def test_a_workbook_named_csv_is_refused(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "book.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert refused(run, path) == (
        "Error: book.csv is a zip file (an .xlsx workbook?), not CSV text: if it is a workbook, "
        "name it .xlsx\n"
    )


def test_a_cell_longer_than_csv_allows_is_refused_by_line(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "long.csv"
    path.write_bytes(HEADER + b"\n1,Comms,Brief,Jo,\n2,Data," + b"x" * 131_073 + b",Al,\n")
    assert refused(run, path) == (
        "Error: long.csv line 3: a cell is longer than 131,072 characters, the most a tracker "
        "cell may hold: nothing was read; shorten it, or keep the long text in a document the "
        "plan links to\n"
    )


def test_the_cell_limit_holds_whatever_csv_s_global_limit_is(tmp_path: Path) -> None:
    """csv.field_size_limit is the process's, and other libraries raise it: the tracker's own
    limit holds either way, and the process's is left as it was."""
    import csv

    path = tmp_path / "long.csv"
    path.write_bytes(HEADER + b"\n1,Comms," + b"x" * 101 + b",Al,\n")
    before = csv.field_size_limit(10_000_000)
    try:
        with pytest.raises(TrackerError) as error:
            read_grid(path, limits=Limits(cell_chars=100))
        assert csv.field_size_limit() == 10_000_000
    finally:
        csv.field_size_limit(before)
    assert str(error.value) == (
        "long.csv line 2: a cell is longer than 100 characters, the most a tracker cell may "
        "hold: nothing was read; shorten it, or keep the long text in a document the plan "
        "links to"
    )


def test_one_stray_windows_1252_byte_leaves_the_rest_utf_8(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        HEADER + '\n1,Comms,Brief,Jo,"£5,000"\n2,Data,Share,Al,"'.encode() + b'\xa38,000"\n'
    )
    result = run("import", path, *OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: mixed.csv line 3: byte 0xA3 (at byte 91) is not UTF-8; the rest of the file is, "
        "so it was read as '£' (Windows-1252): check that cell\n"
    )
    assert "amount: 5000\n" in result.stdout and "amount: 8000\n" in result.stdout
    assert "Â" not in result.stdout


def test_a_file_of_windows_1252_throughout_is_read_as_such(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes((HEADER.decode() + '\n1,Comms,Brief – now,Jo,"£5,000"\n').encode("cp1252"))
    result = run("import", path, *OPTIONS)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "note: old.csv is not UTF-8: read it as Windows-1252 (Excel's 'CSV' format)\n"
    )
    assert "text: Brief – now\n" in result.stdout


def test_utf_16_with_its_mark_and_tabs_as_excel_saves_unicode_text(
    tmp_path: Path, run: RunCli
) -> None:
    path = tmp_path / "unicode.csv"
    path.write_bytes("Rec No\tRecommendation\tAction\n1\tComms\tBrief £\n".encode("utf-16"))
    assert "        text: Brief £\n" in imported(run, path)


def _workbook(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Rec No", "Recommendation", "Action", "Cost"])
    book.active.append([1, "Comms", "Brief", 5000])
    book.save(path)
    return path


def _rewrite(source: Path, path: Path, part: str, change: bytes, at_start: bool = False) -> Path:
    """A copy of the workbook with one part changed: `change` before its root element."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == part:
                head, sep, rest = data.partition(b"?>")
                data = change + (rest if sep else head) if at_start else data
            new.writestr(info.filename, data)
    return path


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/worksheets/sheet1.xml"])
def test_a_workbook_with_a_dtd_is_refused(part: str, tmp_path: Path, run: RunCli) -> None:
    base = _workbook(tmp_path / "base.xlsx")
    laughs = b'<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">' + b"".join(
        f'<!ENTITY lol{i} "{"&lol;" * 10}">'.encode() for i in range(1, 10)
    )
    path = _rewrite(base, tmp_path / "dtd.xlsx", part, laughs + b"]>", at_start=True)
    assert refused(run, path) == (
        f"Error: dtd.xlsx holds a DTD (in {part}), which no spreadsheet saved by Excel or "
        "LibreOffice has, and which can expand without end: refused; open it in a spreadsheet "
        "and save it again as .xlsx\n"
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 2_000_000)
    with pytest.raises(TrackerError) as error:
        read_grid(path, limits=Limits(unpacked_bytes=1_000_000))
    assert str(error.value) == (
        "bomb.xlsx unpacks to more than 1,000,000 bytes (at xl/media/padding.bin): far more "
        "than a tracker holds, so nothing was read"
    )


def test_rows_past_the_limit_are_refused_with_the_count(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_bytes(HEADER + b"\n" + b"".join(b"%d,R,A,,\n" % n for n in range(1, 20)))
    with pytest.raises(TrackerError) as error:
        read_grid(path, limits=Limits(rows=10))
    assert str(error.value) == (
        "many.csv has more than 10 rows: 10 were read and the rest refused, so nothing was "
        "imported; split the tracker into smaller files, or delete the rows that are not the "
        "tracker's"
    )
    book = _workbook(tmp_path / "many.xlsx")
    with pytest.raises(TrackerError, match=r"many\.xlsx has more than 1 rows: 1 were read"):
        read_grid(book, limits=Limits(rows=1))


def test_a_file_larger_than_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_bytes(HEADER + b"\n" + b"1,R,A,,\n" * 2_000)
    with pytest.raises(TrackerError) as error:
        read_grid(path, limits=Limits(file_bytes=10_000))
    assert str(error.value) == (
        "huge.csv is 16,047 bytes, more than the 10,000 a tracker may be: nothing was read; "
        "split it, or remove what is not the tracker's table"
    )


def test_a_row_wider_than_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes(HEADER + b"\n" + b"," * 50 + b"\n")
    with pytest.raises(TrackerError, match=r"wide.csv row 2 has 51 cells, more than the 20 a"):
        read_grid(path, limits=Limits(columns=20))


def test_formula_cells_with_no_saved_value_are_named(tmp_path: Path, run: RunCli) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Rec No", "Recommendation", "Action", "Cost"])
    sheet.append([1, "Comms", "Brief", "=SUM(5000,0)"])  # openpyxl saves no value for it
    sheet.append([2, "Data", "Share", 300])
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    stderr = refused(run, path)
    assert stderr.splitlines()[0] == (
        "formulas.xlsx: cannot read row 2: cell D2 holds a formula with no value saved (the file "
        "was written by a program that does not calculate): open it in Excel or LibreOffice and "
        "save it again"
    )
    result = run("import", path, *OPTIONS, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0].endswith("save it again; read without cell D2")
    assert "text: Brief\n" in result.stdout and "amount: 300\n" in result.stdout


def test_a_row_with_an_empty_action_cell_is_reported(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "gap.csv"
    path.write_bytes(
        b"Rec No,Recommendation,Action,Lead officer,Target date\n"
        b"1,Comms,Brief,Jo,2020-02\n,,,Al,2020-04\n"
    )
    assert refused(run, path).splitlines()[0] == (
        "gap.csv: cannot read row 3: the Action cell is empty but 'Lead officer', 'Target date' "
        "are filled: write the action, or clear the row's action cells"
    )


def test_a_name_with_brackets_comes_back_from_the_export(tmp_path: Path, run: RunCli) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "format: 2\nplan: {id: p, title: P, organisation: O, source: S}\n"
        "recommendations:\n"
        '  - id: "1"\n    title: One\n    actions:\n'
        '      - id: "1.1"\n        text: Do it\n        status: in-progress\n'
        "        revisions:\n"
        "          - {date: 2020-05-01, target: 2020-09, reason: Late, by: Jo (HR)}\n"
        "        progress:\n"
        "          - {date: 2020-06-01, note: Begun (slowly), status: in-progress, by: Jo (HR)}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "t.csv"
    assert run("export", plan, "--output", sheet).exit_code == 0
    again = tmp_path / "again.yaml"
    result = run("import", sheet, "--output", again)
    assert result.exit_code == 0, result.stderr
    text = again.read_text(encoding="utf-8")
    assert "            by: Jo (HR)\n" in text and "note: Begun (slowly)\n" in text


def test_xlsx_export_refuses_text_a_cell_cannot_hold(tmp_path: Path, run: RunCli) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "format: 2\nplan: {id: p, title: P, organisation: O, source: S}\n"
        f'recommendations:\n  - id: "1"\n    title: One\n    text: {"word " * 7000}\n',
        encoding="utf-8",
    )
    result = run("export", plan, "--output", tmp_path / "t.xlsx")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: recommendation 1's Recommendation text (cell C7) is 34,999 characters long, "
        "more than the 32,767 an Excel cell holds, and would be cut: nothing was written; "
        "shorten it in the plan (the full text can go in a document the plan links to)\n"
    )
    assert not (tmp_path / "t.xlsx").exists()
    assert run("export", plan, "--output", tmp_path / "t.csv").exit_code == 0


def test_export_refuses_text_longer_than_import_reads_back(tmp_path: Path, run: RunCli) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "format: 2\nplan: {id: p, title: P, organisation: O, source: S}\n"
        'recommendations:\n  - id: "1"\n    title: One\n    actions:\n'
        '      - id: "1.1"\n        text: Do it\n'
        '      - id: "1.2"\n        text: Then this\n'
        f"        notes: {'word ' * 30_000}\n",
        encoding="utf-8",
    )
    result = run("export", plan, "--output", tmp_path / "t.csv")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: action 1.2's Action notes (cell S8) is 149,999 characters long, more than the "
        "131,072 a tracker cell (as import reads it) holds, and would be cut: nothing was "
        "written; shorten it in the plan (the full text can go in a document the plan links "
        "to)\n",
    )
    assert not (tmp_path / "t.csv").exists()


def test_export_refuses_a_plan_with_merge_conflicts_to_resolve(run: RunCli) -> None:
    from conftest import DATA

    result = run("export", DATA / "AP601-unresolved-merge-conflict.yaml")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        "",
        "Error: the plan has unresolved merge conflicts: action 1.1 (on status); a tracker has "
        "no place for them, so nothing was exported: resolve them first (make each item say "
        "what was agreed and delete its conflicts entry; 'actionplan lint' lists them)\n",
    )


def test_a_seeded_corpus_of_mangled_trackers_never_gives_a_traceback(tmp_path: Path) -> None:
    """Workbooks with bytes of one XML part changed, with bytes of the zip itself changed, and
    CSVs of random separators, quotes, line endings and stray bytes: each imports, or is an
    ActionPlanError with a message. None is committed; the seed makes the corpus the same on
    every run."""
    import io
    import random

    from actionplan.errors import ActionPlanError
    from actionplan.tracker import ImportOptions, import_grid

    chance = random.Random(15)
    base = _workbook(tmp_path / "base.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    options = ImportOptions(title="T", organisation="O", skip_bad=True)
    unexpected: list[str] = []

    def attempt(path: Path) -> None:
        try:
            import_grid(read_grid(path), options)
        except ActionPlanError:
            pass
        except Exception as error:  # the test is that there is none
            unexpected.append(f"{path.name}: {type(error).__name__}: {error}")

    for n in range(150):
        name = chance.choice(sorted(parts))
        data = bytearray(parts[name])
        for _ in range(chance.randint(1, 5)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        mangled = tmp_path / f"part-{n}.xlsx"
        with zipfile.ZipFile(mangled, "w") as archive:
            for part, content in parts.items():
                archive.writestr(part, bytes(data) if part == name else content)
        attempt(mangled)
        raw = bytearray(base)
        for _ in range(chance.randint(1, 3)):
            raw[chance.randrange(len(raw))] = chance.randrange(256)
        (tmp_path / f"zip-{n}.xlsx").write_bytes(bytes(raw))
        attempt(tmp_path / f"zip-{n}.xlsx")
        alphabet = b'ab,;\t\r\n"\xa3\xc2\x00 1.-/'
        body = bytes(chance.choice(alphabet) for _ in range(chance.randint(0, 300)))
        (tmp_path / f"text-{n}.csv").write_bytes(
            b"Rec No,Recommendation,Action,Target date,Status,Progress,Cost\n" + body
        )
        attempt(tmp_path / f"text-{n}.csv")
    assert unexpected == []
