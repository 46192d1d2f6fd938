"""`report --format docx`: a Word board paper, read back with python-docx (headings in order as
Word heading styles, tables cell by cell, the header row repeated, the properties, A4)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from conftest import DATA, ROOT

if TYPE_CHECKING:
    from docx.table import Table

    from conftest import RunCli

FIXTURE = DATA / "status-fixture.yaml"
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
AS_OF = ("--as-of", "2020-03-01")
HEADER = ["ID", "What", "Owner(s)", "Target", "Status", "RAG", "Overdue", "Last update"]


def owners(action: dict[str, Any]) -> str:
    """The owners cell as status words it from the JSON record."""
    if action["owners"]:
        return ", ".join(action["owners"])
    return f"none: {action['no_owner']}" if action["no_owner"] else "none named"


def cells(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def git(repo: Path, *args: str, when: str) -> None:
    """Run git in `repo` with a fixed identity and commit date."""
    stamp = f"{when}T12:00:00+00:00"
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1"}
    env |= {"GIT_AUTHOR_NAME": "Ann Officer", "GIT_AUTHOR_EMAIL": "ann@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Ann Officer", "GIT_COMMITTER_EMAIL": "ann@example.org"}
    env |= {"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "LC_ALL": "C"}
    subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, check=True)


def paper(run: RunCli, tmp_path: Path, *args: str | Path) -> docx.document.Document:
    """The Word paper, without charts (their pictures and tables: tests/charts/)."""
    target = tmp_path / "paper.docx"
    result = run("report", *args, "--format", "docx", "--output", target, "--charts", "none")
    assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n")
    return docx.Document(str(target))


def test_headings_are_word_heading_styles_in_order(run: RunCli, tmp_path: Path) -> None:
    document = paper(run, tmp_path, FIXTURE, *AS_OF, "--since", "2020-01-01")
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and (p.style.name or "").startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Action plan report as of 1 March 2020"),
        ("Heading 2", "Status as of 1 March 2020: 14 actions in 3 recommendations"),
        ("Heading 2", "Overdue actions (4)"),
        ("Heading 2", "Due in the next 30 days (1)"),
        ("Heading 2", "Progress by recommendation"),
        ("Heading 2", "Since the last meeting (1 January 2020)"),
        ("Heading 2", "Estimated costs"),
    ]
    bullets = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "List Bullet"
    ]
    assert bullets[5] == "Completed since 1 January 2020: 1 (3.6 completed 5 February 2020)"


def test_tables_read_back_cell_by_cell(run: RunCli, tmp_path: Path) -> None:
    document = paper(run, tmp_path, FIXTURE, *AS_OF, "--since", "2020-01-01")
    overdue, due_soon, progress = document.tables[:3]
    assert cells(overdue)[0] == HEADER
    assert cells(overdue)[2:] == [
        ["2.1", "Train GP practice staff to recognise and refer", "DSA Coordinator",
         "15 February 2020 (was Dec 2019, slipped 46 days)", "in-progress", "RED", "15 days",
         "20 January 2020"],
        ["3.4", "Publish the annual refuge review", "Housing Manager", "November 2019 / 2020",
         "in-progress", "RED", "92 days", "10 November 2019"],
        ["3.5", "Open a second refuge", "Housing Manager", "January 2020", "in-progress",
         "GREEN (set by hand; computed RED)", "30 days", "25 January 2020"],
    ]  # fmt: skip
    assert cells(due_soon) == [
        HEADER,
        ["1.3", "Evaluate the campaign's reach", "Public Health Consultant", "20 March 2020",
         "in-progress", "AMBER", "", "20 February 2020"],
    ]  # fmt: skip
    assert cells(progress) == [
        ["Rec", "Recommendation", "Progress", "Overdue", "Worst RAG"],
        ["1", "Raise awareness", "1 of 3 actions done", "1", "RED"],
        ["2", "Train professionals", "0 of 4 actions done", "1", "RED"],
        ["3", "Support services", "1 of 7 actions done, 1 dropped", "2", "RED"],
    ]


def test_header_rows_repeat_rag_cells_are_shaded_and_amounts_right_aligned(
    run: RunCli, tmp_path: Path
) -> None:
    document = paper(run, tmp_path, FIXTURE, *AS_OF)
    for table in document.tables:
        header = table.rows[0]._tr.trPr
        assert header is not None and header.find(qn("w:tblHeader")) is not None
    red = document.tables[0].rows[1].cells[5]
    shading = red._tc.tcPr.find(qn("w:shd")) if red._tc.tcPr is not None else None
    assert (red.text, shading is not None and shading.get(qn("w:fill"))) == ("RED", "F4CDC6")
    costs = document.tables[3]
    assert cells(costs)[0][2] == "Estimated cost"
    assert costs.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_properties_and_a4_landscape(run: RunCli, tmp_path: Path) -> None:
    document = paper(run, tmp_path, FIXTURE, *AS_OF)
    properties = document.core_properties
    assert (properties.title, properties.language) == (
        "Action plan report as of 1 March 2020",
        "en-GB",
    )
    section = document.sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)


def appendix_row(action: dict[str, Any]) -> list[str]:
    """An action's row in the report's appendix, worded from its `status --format json` record:
    id, text, owners, target, status, RAG, days overdue (`never` for a target that cannot fall
    due: no due date, yet a target other than none), last update (`none` when there is none)."""
    if action["overdue"]:
        days = action["days_overdue"]
        overdue = f"{days} day" if days == 1 else f"{days} days"
    elif action["due_date"] is None and action["target"] != "no target":
        overdue = "never"
    else:
        overdue = ""
    return [
        action["id"],
        action["text"],
        owners(action),
        action["target"],
        action["status"],
        action["rag"].upper(),
        overdue,
        action["last_update"] or "none",
    ]


def test_southampton_appendix_is_status_json_action_by_action(run: RunCli, tmp_path: Path) -> None:
    actions = json.loads(run("status", SOUTHAMPTON, *AS_OF, "-f", "json").stdout)["actions"]
    # Nothing here that the JSON words differently from the paper: no revised target (its
    # cell would add "was …"), no update (a date, in words in the paper).
    assert not any(a.get("revisions") or a["last_update"] for a in actions)
    document = paper(run, tmp_path, SOUTHAMPTON, *AS_OF, "--whole")
    headings = [p.text for p in document.paragraphs]
    assert "Appendix: the whole tracker (49 actions)" in headings
    appendix = document.tables[-16:]  # one table per recommendation
    assert all(cells(table)[0] == HEADER for table in appendix)
    rows = [row for table in appendix for row in cells(table)[1:]]
    assert len(rows) == len(actions) == 49
    for row, action in zip(rows, actions, strict=True):
        assert row == appendix_row(action), action["id"]
    assert [row[6] for row in rows].count("1 day") == 10  # every cell, not only the first few
    assert [row[6] for row in rows].count("never") == 11


def test_a_word_document_needs_a_file(run: RunCli) -> None:
    result = run("report", FIXTURE, *AS_OF, "--format", "docx")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (
        result.stderr
        == "Error: a Word document cannot go to the terminal: add --output report.docx\n"
    )


def test_status_writes_word_too(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "status.docx"
    result = run("status", FIXTURE, *AS_OF, "--format", "docx", "--output", target)
    assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n")
    document = docx.Document(str(target))
    headings = [(p.style.name if p.style else None, p.text) for p in document.paragraphs[:3]]
    assert headings[0] == (
        "Heading 1",
        "Status as of 1 March 2020: 14 actions in 3 recommendations",
    )
    assert [p.text for p in document.paragraphs if p.style and p.style.name == "Heading 2"] == [
        "Recommendation 1: Raise awareness — 1 of 3 actions done, worst RED",
        "Recommendation 2: Train professionals — 0 of 4 actions done, worst RED",
        "Recommendation 3: Support services — 1 of 7 actions done, 1 dropped, worst RED",
    ]
    assert [len(table.rows) for table in document.tables] == [1 + 3, 1 + 4, 1 + 7]
    assert cells(document.tables[0])[1] == [
        "1.1", "Agree the campaign brief with the Safe City Partnership", "Communications Manager",
        "Dec 2019", "done", "COMPLETE", "", "10 December 2019",
    ]  # fmt: skip


def word(run: RunCli, tmp_path: Path, *args: str | Path) -> docx.document.Document:
    """`actionplan ARGS --format docx` written to a file and read back."""
    target = tmp_path / "paper.docx"
    result = run(*args, "--format", "docx", "--output", target)
    assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n"), result.stderr
    return docx.Document(str(target))


def headings(document: docx.document.Document) -> list[tuple[str | None, str]]:
    return [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style is not None and (p.style.name or "").startswith("Heading")
    ]


def test_owners_writes_word(run: RunCli, tmp_path: Path) -> None:
    document = word(run, tmp_path, "owners", FIXTURE, *AS_OF)
    assert headings(document) == [
        ("Heading 1", "Owners as of 1 March 2020: Status fixture plan"),
        ("Heading 2", "Actions by owner"),
    ]
    assert cells(document.tables[0])[:2] == [
        ["Owner", "Actions", "Done", "Overdue", "Due in 30 days", "Next target"],
        ["Communications Manager", "2", "1", "1", "0", "29 February 2020 (1.2)"],
    ]


def test_cost_summary_writes_word(run: RunCli, tmp_path: Path) -> None:
    document = word(run, tmp_path, "cost-summary", FIXTURE)
    assert headings(document) == [("Heading 1", "Estimated costs: Status fixture plan")]
    assert cells(document.tables[0])[:2] == [
        ["Rec", "Recommendation", "Estimated cost", "High", "Recurrence", "Share", "Detail"],
        ["3", "Support services: Helpline weekend cover", "£12,000", "", "per-year", "70.6%", ""],
    ]


def test_outcomes_writes_word(run: RunCli, tmp_path: Path) -> None:
    plan = DATA / "outcomes-fixture.yaml"
    document = word(run, tmp_path, "outcomes", plan, "--as-of", "2022-04-01")
    assert headings(document) == [
        ("Heading 1", f"Outcomes fixture ({plan}): outcomes as of 1 April 2022"),
        ("Heading 2", "Outcome quality-of-life: Survivors' quality of life improves "
         "(for survivors)"),
        ("Heading 2", "Outcome professional-response: Professionals recognise abuse and refer "
         "(for professionals, health-professionals)"),
        ("Heading 2", "Outcome children: Children recover from living with abuse (for children)"),
    ]  # fmt: skip
    assert cells(document.tables[0])[:2] == [
        ["Indicator", "Baseline", "Latest", "Target", "Expected", "Progress", "Trend", "Status"],
        ["Service users reporting improved quality of life", "40% (1 April 2021)",
         "61.5% (31 March 2022)", "80% (1 April 2023)", "≥ 60%", "█████░░░░░ 53.8%",
         "improving ▁▄▅█", "on track"],
    ]  # fmt: skip


def test_diff_writes_word(run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two commits of the fixture, 1.2 done in the second."""
    repo = tmp_path / "repo"
    (repo / "plans").mkdir(parents=True)
    plan = repo / "plans" / "fixture.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    git(repo, "init", "-q", "-b", "main", when="2020-01-06")
    git(repo, "add", ".", when="2020-01-06")
    git(repo, "commit", "-q", "-m", "plan", when="2020-01-06")
    launched = "        target_text: Feb 2020\n        status: in-progress\n"
    assert text.count(launched) == 1
    plan.write_text(text.replace(launched, launched.replace("in-progress", "done")), "utf-8")
    git(repo, "commit", "-q", "-am", "1.2 done", when="2020-02-10")
    monkeypatch.chdir(repo)
    document = word(run, tmp_path, "diff", "HEAD~1", "HEAD")
    assert headings(document) == [
        ("Heading 1", "Changes from HEAD~1 to HEAD"),
        ("Heading 2", "Open actions: start + added + reopened − closed − deleted = end"),
        ("Heading 2", "status-fixture: Status fixture plan (plans/fixture.yaml)"),
        ("Heading 3", "Closed (1)"),
        ("Heading 3", "RAG changes (3)"),
    ]
    assert cells(document.tables[0])[:2] == [
        ["Plan", "Open at start", "+ Added", "+ Reopened", "− Closed", "− Deleted",
         "= Open at end", "Overdue at start", "Overdue at end"],
        ["status-fixture", "11", "0", "0", "1", "0", "10", "1", "2"],
    ]  # fmt: skip
