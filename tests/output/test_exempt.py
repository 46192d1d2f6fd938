"""Published means public: status and owners leave exempt items out of every document
(Markdown, HTML, Word) unless --include-exempt, and say how many and under which Schedule 12A
paragraph; the table, CSV and JSON are working data and keep everything. The audit example's
recommendation 5 is exempt under paragraph 3; its actions are 5.1 and 5.2."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest

from actionplan.reports.board import Withheld
from actionplan.views.status import withheld_line
from conftest import ROOT

if TYPE_CHECKING:
    from conftest import RunCli

EXAMPLE = ROOT / "examples" / "internal-audit-tracker.yaml"
AS_OF = ("--as-of", "2026-11-30")
EXEMPT = {"5.1", "5.2"}
LINE = "1 exempt item withheld (Local Government Act 1972, Schedule 12A, paragraph 3)"


def ids_in(text: str) -> set[str]:
    """The action ids 5.x that appear as words in the text."""
    return set(re.findall(r"(?<![\d.])5\.[12](?![\d.])", text))


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def document(run: RunCli, tmp_path: Path, command: str, format: str, *more: str) -> str:
    if format != "docx":
        result = run(command, EXAMPLE, *AS_OF, "-f", format, *more)
        assert result.exit_code == 0, result.stderr
        return result.stdout
    target = tmp_path / "paper.docx"
    result = run(command, EXAMPLE, *AS_OF, "-f", "docx", "-o", target, *more)
    assert result.exit_code == 0, result.stderr
    return docx_text(target)


# owners names an action only as an owner's next target: 5.2 is the next for Sam Example.
@pytest.mark.parametrize(
    ("command", "format", "private_ids"),
    [
        ("status", "markdown", EXEMPT),
        ("status", "html", EXEMPT),
        ("status", "docx", EXEMPT),
        ("owners", "markdown", {"5.2"}),
    ],
)
def test_documents_withhold_exempt_items(
    run: RunCli, tmp_path: Path, command: str, format: str, private_ids: set[str]
) -> None:
    published = document(run, tmp_path, command, format)
    assert ids_in(published) == set()
    assert published.count(LINE) == 1
    private = document(run, tmp_path, command, format, "--include-exempt")
    assert ids_in(private) == private_ids
    assert "withheld" not in private


def test_working_data_keeps_everything(run: RunCli) -> None:
    actions = json.loads(run("status", EXAMPLE, *AS_OF, "-f", "json").stdout)["actions"]
    assert {a["id"] for a in actions if a["exempt"]} == EXEMPT
    assert ids_in(run("status", EXAMPLE, *AS_OF, "-f", "csv").stdout) == EXEMPT
    table = run("status", EXAMPLE, *AS_OF).stdout
    assert ids_in(table) == EXEMPT and "withheld" not in table


@pytest.mark.parametrize(
    ("withheld", "line"),
    [
        (Withheld(2, ("3",)), "2 exempt items withheld (Local Government Act 1972, Schedule 12A, "
         "paragraph 3)"),
        (Withheld(3, ("1", "3", "7")), "3 exempt items withheld (Local Government Act 1972, "
         "Schedule 12A, paragraphs 1, 3 and 7)"),
        (Withheld(2, ("1", "personal data")), "2 exempt items withheld (Local Government Act "
         "1972, Schedule 12A, paragraph 1; personal data)"),
        (Withheld(1, ("personal data",)), "1 exempt item withheld (personal data)"),
    ],
)  # fmt: skip
def test_the_withheld_line_names_the_paragraphs(withheld: Withheld, line: str) -> None:
    assert withheld_line(withheld) == line
