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
