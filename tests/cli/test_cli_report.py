"""`actionplan report`: the board document in Markdown and HTML, written atomically."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import DATA, GOLDEN, ROOT

if TYPE_CHECKING:
    from conftest import RunCli

FIXTURE = DATA / "status-fixture.yaml"
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
ARGS = ("report", FIXTURE, "--as-of", "2020-03-01", "--since", "2020-01-01")


@pytest.mark.parametrize(
    ("format", "golden"), [("markdown", "report-fixture.md"), ("html", "report-fixture.html")]
)
def test_report_matches_golden(run: RunCli, format: str, golden: str) -> None:
    # The charts (HTML and Word only) are checked against the report's data in tests/charts/.
    result = run(*ARGS, "--format", format, "--charts", "none")
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_report_sections_in_order(run: RunCli) -> None:
    headings = [line for line in run(*ARGS).stdout.splitlines() if line.startswith("#")]
    assert headings == [
        "# Action plan report as of 1 March 2020",
        "## Status as of 1 March 2020: 14 actions in 3 recommendations",
        "## Overdue actions (4)",
        "## Due in the next 30 days (1)",
        "## Progress by recommendation",
        "## Since the last meeting (1 January 2020)",
        "## Estimated costs",
    ]


def test_html_is_self_contained_and_colours_rag_cells_by_class(run: RunCli) -> None:
    page = run(*ARGS, "--format", "html").stdout
    assert page.startswith("<!DOCTYPE html>\n")
    # Nothing from elsewhere: a hatching's url() names a pattern in the page itself.
    assert not re.search(r"src=|href=|url\((?!#chart-)|@import|<script", page)
    assert re.search(r'fill="url\(#chart-[\w-]+-hatch-diagonal\)"', page)
    # The charts, drawn in the page itself: RAG, completed against due, 3 timelines.
    paper, charts = page.split("<h2>Charts</h2>")
    assert charts.count("<svg") == 5
    assert "@media print" in page
    # Three overdue actions computed RED (the fourth is set GREEN by hand), three roll-ups.
    assert paper.count('<td class="rag rag-red">RED') == 3 + 3
    assert '<td class="rag rag-green">GREEN (set by hand; computed RED)' in page


def test_southampton_report_names_the_overdue_and_the_180_gap(run: RunCli) -> None:
    result = run("report", SOUTHAMPTON, "--as-of", "2020-03-01")
    lines = result.stdout.splitlines()
    assert "## Overdue actions (12)" in lines
    assert "## Due in the next 30 days (0)" in lines
    assert (
        "Difference: the printed total is £180 less than the sum of its rows — the computed "
        "total is right." in lines
    )
    assert any(line.startswith("|       | Total ") and "£136,317" in line for line in lines)


def test_output_is_written_atomically(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "board.md"
    result = run(*ARGS, "--output", target)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == (GOLDEN / "report-fixture.md").read_text(
        encoding="utf-8"
    )


def test_a_failed_write_leaves_the_old_report_intact(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "board.md"
    target.write_bytes(b"last month's report\n")

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    # by dotted name: under --strict, mypy does not let tests reach write.os (no re-export)
    monkeypatch.setattr("actionplan.editing.write.os.replace", crash)
    result = run(*ARGS, "--output", target)
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {target}: No space left on device\n"
    assert target.read_bytes() == b"last month's report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.md"]


def test_since_must_be_before_as_of(run: RunCli) -> None:
    result = run("report", FIXTURE, "--as-of", "2020-03-01", "--since", "2020-03-01")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --since 2020-03-01 is not before the as-of date 2020-03-01: give the date of the "
        "last meeting\n"
    )
