"""Reading a tracker file into rows: an .xlsx month cell, and a CSV that is not UTF-8."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import RunCli


def test_excel_month_cells_and_windows_1252_csv(tmp_path: Path, run: RunCli) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Action", "Target date", "Lead officer", "Rec No", "Recommendation", "Cost"])
    sheet.append(["Launch", datetime(2020, 12, 1), "DSA Chair", 1, "Campaign", 5000])
    sheet["B2"].number_format = "mmm-yy"
    book.save(tmp_path / "t.xlsx")
    result = run("import", tmp_path / "t.xlsx", "--title", "T", "--organisation", "O")
    assert result.exit_code == 0, result.stderr
    assert "        target: 2020-12\n" in result.stdout
    assert "        amount: 5000\n" in result.stdout

    raw = "Rec No,Recommendation,Action,Cost\r\n1,Campaign,Launch,£5k\r\n".encode("cp1252")
    (tmp_path / "t.csv").write_bytes(raw)
    result = run("import", tmp_path / "t.csv", "--title", "T", "--organisation", "O")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: t.csv is not UTF-8: read it as Windows-1252 (Excel's 'CSV' format)\n"
    )
    assert "        amount: 5000\n" in result.stdout


def test_xlsx_read_from_its_xml_sheet_by_name_1904_dates_and_inline_text(
    tmp_path: Path,
) -> None:
    from datetime import date

    from openpyxl import Workbook

    from actionplan.tracker.cells import Month
    from actionplan.tracker.grid import read_grid

    book = Workbook()
    book.active.append(["not this sheet"])
    second = book.create_sheet("Second")
    second.append(["Rec No", "Action", "Target date", "Due", "Done?", "Cost"])
    second.append([1, "Brief", datetime(2021, 3, 31), datetime(2020, 2, 1), True, 1234.5])
    second["C2"].number_format = "DD/MM/YYYY"
    second["D2"].number_format = "mmm yyyy"
    second["F2"].number_format = '"£"#,##0.00'
    book.epoch = datetime(1904, 1, 1)  # a workbook from an old Mac counts days from 1904
    book.save(tmp_path / "two.xlsx")
    grid = read_grid(tmp_path / "two.xlsx", "Second")
    assert grid.rows == [
        (1, ["Rec No", "Action", "Target date", "Due", "Done?", "Cost"]),
        (2, [1, "Brief", date(2021, 3, 31), Month(2020, 2), True, 1234.5]),
    ]
