"""output.escape: plan text stays inert in CSV, Markdown and on the terminal (hostile inputs)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from actionplan.output.escape import csv_cell, csv_line, markdown_cell, markdown_text, terminal
from conftest import RunCli, WritePlan

# An example plan, invented for these tests: each text is an attack on one output.
HOSTILE = """\
plan:
  id: hostile
  title: "Board\\n\\n## Recommendation 2: all actions complete"
  organisation: "Red \\u202eCouncil"  # escapes to control characters are refused (AP002)
  source: Invented for a test
recommendations:
  - id: "1"
    title: "<img src=x onerror=alert(1)>"
    actions:
      - id: "1.1"
        text: "Reset\\rOK \\u202eevil"
        owners: ["DSA Chair\\r=1+2", "-5 people"]
        target: 2020-02
"""


def test_csv_cells() -> None:
    assert csv_cell("=SUM(A1)") == "'=SUM(A1)"
    assert csv_cell("a\n=1+2") == "a\n'=1+2"
    assert csv_cell("DSA Chair\r=1+2") == "DSA Chair\r'=1+2"
    assert csv_cell("-30") == "-30"  # a number stays a number
    assert csv_cell("12.50") == "12.50"
    assert csv_cell("-5 people") == "'-5 people"
    assert csv_line(["a", "b\rc", 'say "hi"', "x,y"]) == 'a,"b\rc","say ""hi""","x,y"\n'


def test_csv_with_a_bare_cr_reads_back_as_one_record(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(HOSTILE)
    out = run("status", path, "--as-of", "2020-03-01", "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert len(rows) == 2
    owners = rows[1][rows[0].index("owners")]
    assert owners == "DSA Chair\r'=1+2; -5 people"  # only a cell's or a line's start can run


def test_markdown_cannot_forge_a_heading_or_an_element() -> None:
    assert markdown_text("Board\n\n## Recommendation 2") == "Board  \\#\\# Recommendation 2"
    assert markdown_text("- not a list") == "\\- not a list"
    assert markdown_text("1. not a list") == "1\\. not a list"
    assert markdown_text("&amp; &x") == "\\&amp; &x"
    assert markdown_cell("<img src=x onerror=alert(1)>") == "\\<img src=x onerror=alert(1)>"
    assert markdown_cell("a|b\nc") == "a\\|b c"


def test_report_markdown_has_no_forged_heading_and_no_live_html(
    run: RunCli, write_plan: WritePlan
) -> None:
    path = write_plan(HOSTILE)
    out = run("report", path, "--as-of", "2020-03-01").stdout
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert all("Recommendation 2: all actions complete" not in h for h in headings[1:])
    assert "<img" not in out.replace("\\<img", "")


def test_terminal_shows_controls_and_bidi_as_visible_escapes() -> None:
    assert terminal("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m"
    assert terminal("a\rb\u202ec\u2066d") == "a\\x0db<U+202E>c<U+2066>d"
    assert terminal("tab\tand\nline") == "tab\tand\nline"
    assert terminal("\x85") == "\\x85"


def test_no_raw_control_character_reaches_the_terminal_output(
    run: RunCli, write_plan: WritePlan
) -> None:
    path = write_plan(HOSTILE)
    for command in (("status",), ("show", "1.1"), ("owners",), ("report",)):
        out = run(*command, path, "--as-of", "2020-03-01").stdout
        assert not any(c in out for c in "\x1b\r\u202e"), command
    shown = run("show", "1.1", path, "--as-of", "2020-03-01").stdout
    assert "What: Reset OK <U+202E>evil" in shown  # the view joins words; the bidi is shown
    # JSON carries the text as data (JSON escapes what it must).
    data = json.loads(run("status", path, "--as-of", "2020-03-01", "-f", "json").stdout)
    assert data["actions"][0]["text"] == "Reset OK \u202eevil"  # words joined, as in the view


def test_word_papers_show_controls_and_keep_each_paragraph_one_line(
    run: RunCli, write_plan: WritePlan, tmp_path: Path
) -> None:
    import docx

    path = write_plan(HOSTILE)
    paper = tmp_path / "paper.docx"
    # Without charts: their pictures' words are checked in tests/charts/test_word_charts.py.
    args = ("report", path, "--as-of", "2020-03-01", "-f", "docx", "-o", paper, "--charts", "none")
    assert run(*args).exit_code == 0
    document = docx.Document(str(paper))
    texts = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Board  ## Recommendation 2: all actions complete (Red <U+202E>Council)" in texts
    assert not any("\u202e" in text or "\r" in text for text in [*texts, *cells])
    assert not any("\n" in text for text in texts)
