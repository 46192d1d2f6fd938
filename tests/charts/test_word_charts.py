"""The Word paper's charts: PNG pictures whose alt text (docPr descr and title) is the chart's
text alternative and title, each followed by its table; without matplotlib, words and tables
only, and stderr says how to get the pictures. Read back with python-docx."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest
from chart_plans import PLAN
from docx.oxml.ns import qn

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

TITLES = [
    "RAG rating by recommendation",
    "Actions completed against actions fallen due",
    "Targets of recommendation 1",
]


def paper(run: RunCli, write_plan: WritePlan, tmp_path: Path) -> tuple[docx.document.Document, str]:
    target = tmp_path / "paper.docx"
    result = run("report", write_plan(PLAN), "--as-of", "2020-06-01", "-f", "docx", "-o", target)
    assert result.exit_code == 0
    return docx.Document(str(target)), result.stderr


def test_each_chart_is_a_picture_with_alt_text_and_its_table(
    run: RunCli, write_plan: WritePlan, tmp_path: Path
) -> None:
    document, stderr = paper(run, write_plan, tmp_path)
    assert stderr == f"wrote {tmp_path / 'paper.docx'}\n"
    pictures = document.element.body.findall(".//" + qn("wp:docPr"))
    assert [p.get("title") for p in pictures] == TITLES
    paragraphs = [p.text for p in document.paragraphs]
    for picture in pictures:
        # The alt text is the summary printed under the chart's heading, word for word.
        heading = paragraphs.index(picture.get("title"))
        assert picture.get("descr") == paragraphs[heading + 1]
    assert pictures[2].get("descr") == (
        "The targets of the 2 dated actions of recommendation 1 against 1 June 2020: 1 overdue, "
        "1 done, 1 with a revised target (most slipped: 1.1, by 105 days). Not drawn: 1.3 (no "
        "dated target: ongoing, dependent or none)."
    )
    # The timeline's table: the original, revised and current targets and the completion.
    timeline = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert timeline[1][:7] == [
        "1.1",
        "Do it </svg><script>alert(1)</script>",
        "31 January 2020",
        "31 March 2020",
        "15 May 2020",
        "20 May 2020",
        "105 days",
    ]
    assert timeline[2][1] == "Line one line two"


def test_without_matplotlib_the_paper_has_words_and_tables_and_says_how_to_draw(
    run: RunCli, write_plan: WritePlan, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # what an import finds uninstalled
    document, stderr = paper(run, write_plan, tmp_path)
    assert stderr == (
        "Note: the Word paper's charts are written as text and tables, without pictures: "
        "matplotlib is not installed. To draw them: pip install 'actionplan[charts]'\n"
        f"wrote {tmp_path / 'paper.docx'}\n"
    )
    assert document.element.body.findall(".//" + qn("wp:docPr")) == []
    headings = [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 3"]
    assert headings == TITLES
