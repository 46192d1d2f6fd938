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
    from conftest import RunCli, WritePlan

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


def written(run: RunCli, tmp_path: Path, format: str, *args: str | Path) -> str:
    """The text of `actionplan ARGS -f FORMAT`: its stdout, or a Word paper's paragraphs and
    cells."""
    if format != "docx":
        result = run(*args, "-f", format)
        assert result.exit_code == 0, result.stderr
        return result.stdout
    target = tmp_path / "paper.docx"
    result = run(*args, "-f", "docx", "-o", target)
    assert result.exit_code == 0, result.stderr
    return docx_text(target)


def document(run: RunCli, tmp_path: Path, command: str, format: str, *more: str) -> str:
    return written(run, tmp_path, format, command, EXAMPLE, *AS_OF, *more)


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


MARKED = "Exempt (paragraph 3): Agree a contingency plan should the contractor fail"
NOT_FOR_PUBLICATION = (
    "Not for publication: this paper includes 1 exempt item (Local Government Act 1972, "
    "Schedule 12A, paragraph 3), each marked Exempt."
)


@pytest.mark.parametrize(
    ("command", "format"),
    [("status", "markdown"), ("status", "docx"), ("report", "html"), ("show", "markdown")],
)
def test_included_exempt_items_are_marked_and_the_paper_says_it_is_not_for_publication(
    run: RunCli, tmp_path: Path, command: str, format: str
) -> None:
    more = ("--whole", "--charts", "none") if command == "report" else ()
    if command == "show":  # the recommendation, its table of actions and each action
        result = run("show", "5", EXAMPLE, *AS_OF, "-f", format, "--include-exempt")
        assert result.exit_code == 0, result.stderr
        text = result.stdout
    else:
        text = document(run, tmp_path, command, format, "--include-exempt", *more)
    assert MARKED in text
    if command != "show":
        assert text.count(NOT_FOR_PUBLICATION) == 1
        assert "Recommendation 5: Exempt (paragraph 3): Check the leisure contractor" in text


def test_owners_marks_an_exempt_next_target(run: RunCli) -> None:
    result = run("owners", EXAMPLE, *AS_OF, "-f", "markdown", "--include-exempt")
    [sam] = [line for line in result.stdout.splitlines() if line.startswith("| Sam Example ")]
    assert sam.split("|")[-2].strip() == "28 February 2027 (5.2 [exempt])"


@pytest.mark.parametrize("format", ["markdown", "html"])
def test_show_withholds_an_exempt_item_from_a_document(run: RunCli, format: str) -> None:
    for ident in ("5", "5.2"):
        result = run("show", ident, EXAMPLE, *AS_OF, "-f", format)
        assert result.exit_code == 0, result.stderr
        assert ids_in(result.stdout) == set() and "leisure" not in result.stdout
        assert LINE in result.stdout
        assert "--include-exempt" in result.stderr
    table = run("show", "5.2", EXAMPLE, *AS_OF).stdout  # working data: the terminal shows it
    assert "Agree a contingency plan" in table


def test_no_document_carries_an_email_address(run: RunCli, tmp_path: Path) -> None:
    """The audit example declares Sam Example with an email address: no document shows it."""
    papers = [
        # The report's Word charts are pictures drawn from the same rows as its HTML charts,
        # which are checked here as text: the Word paper leaves them out, to keep the test quick.
        document(run, tmp_path, command, format, "--include-exempt", *more)
        for command, more in (("status", ()), ("owners", ()), ("report", ("--whole",)))
        for format in ("markdown", "html", "docx")
        for more in [
            (*more, "--charts", "none") if (command, format) == ("report", "docx") else more
        ]
    ]
    papers += [
        run("show", ident, EXAMPLE, *AS_OF, "-f", format, "--include-exempt").stdout
        for ident in ("2", "5.2")
        for format in ("markdown", "html")
    ]
    papers += [run("cost-summary", EXAMPLE, "-f", "html").stdout]
    papers += [run("outcomes", EXAMPLE, *AS_OF, "-f", "html").stdout]
    assert all("Sam Example" in paper for paper in papers[:9])
    assert [re.findall(r"[\w.+-]+@[\w-]+\.\w+", paper) for paper in papers] == [[]] * 15


# Recommendation 2's costs are exempt; an exempt action (1.2) withholds no cost line of its
# recommendation, which stays public.
COSTED = """
format: 2
plan:
  id: costed
  title: Costed tracker
  organisation: Exampleton
  source: invented
  themes:
    - {id: finance, title: Finance}
recommendations:
  - id: "1"
    title: Payroll
    theme: finance
    actions:
      - id: "1.1"
        text: Reconcile leavers
        owners: [CFO]
      - id: "1.2"
        text: Check the contractor
        owners: [CFO]
        exempt: {paragraph: "1"}
    costs:
      - {label: Payroll audit, amount: 2000}
  - id: "2"
    title: Leisure contract
    theme: finance
    exempt: {paragraph: "3"}
    actions:
      - id: "2.1"
        text: Review the accounts
        owners: [CFO]
    costs:
      - {label: Accountant, amount: 3000}
"""
MARKED_COST = "Exempt (paragraph 3): Leisure contract"
PRIVATE = (
    "Not for publication: this paper includes 1 exempt item (Local Government Act 1972, "
    "Schedule 12A, paragraph 3), each marked Exempt."
)


@pytest.mark.parametrize("format", ["markdown", "html", "docx"])
def test_cost_summary_withholds_exempt_costs_or_marks_them(
    write_plan: WritePlan, run: RunCli, tmp_path: Path, format: str
) -> None:
    path = write_plan(COSTED)

    def costs(*more: str) -> str:
        return written(run, tmp_path, format, "cost-summary", path, *more)

    published = costs()
    assert "Leisure contract" not in published and "3,000" not in published
    assert "Payroll" in published and "£2,000" in published
    # The exempt action 1.2 holds no cost: one item withheld from the costs, rec 2.
    assert (
        published.count(
            "1 exempt item withheld (Local Government Act 1972, Schedule 12A, paragraph 3)"
        )
        == 1
    )
    private = costs("--include-exempt")
    assert private.count(MARKED_COST) == 1
    assert "Payroll" in private and "Exempt (paragraph 3): Payroll" not in private
    assert private.count(PRIVATE) == 1 and "withheld" not in private


def test_cost_summary_json_keeps_every_cost_line_and_says_which_are_exempt(
    write_plan: WritePlan, run: RunCli
) -> None:
    document = json.loads(run("cost-summary", write_plan(COSTED), "-f", "json").stdout)
    assert [(row["label"], row["exempt"]) for row in document["rows"]] == [
        ("Payroll audit", False), ("Accountant", True)
    ]  # fmt: skip


def test_cost_summary_marks_exempt_costs_in_its_totals_by_group(
    write_plan: WritePlan, run: RunCli
) -> None:
    path = write_plan(COSTED)
    # CSV is working data: everything, and the exempt marked as the papers mark it.
    result = run("cost-summary", path, "--by", "theme", "-f", "csv")
    assert result.stdout.splitlines()[:3] == [
        "Theme,Cost lines,Estimated cost,Share",
        'Finance (1 of 2 cost lines exempt),2,"£5,000",100.0%',
        'Total,2,"£5,000",100.0%',
    ]
    rows = run("cost-summary", path, "-f", "csv").stdout.splitlines()
    assert rows[2] == '2,Exempt (paragraph 3): Leisure contract,"£3,000",60.0%,'
    private = run("cost-summary", path, "--by", "theme", "-f", "markdown", "--include-exempt")
    assert "| Finance (1 of 2 cost lines exempt) |" in private.stdout


def test_cost_summary_of_the_audit_example_withholds_nothing(run: RunCli) -> None:
    """Its exempt recommendation (5) has no cost lines: the costs paper is all public."""
    for more in ((), ("--include-exempt",)):
        paper = run("cost-summary", EXAMPLE, "-f", "markdown", *more).stdout
        assert "exempt" not in paper.lower() and "withheld" not in paper


# What serves the outcome: 1.2 is exempt itself, recommendation 2 (and so 2.1) under paragraph 3;
# recommendation 3 is exempt too, but serves no outcome, so the outcomes paper has nothing of it.
SERVED = """
format: 2
plan:
  id: served
  title: Served tracker
  organisation: Exampleton
  source: invented
recommendations:
  - id: "1"
    title: Payroll
    outcomes: [paid]
    actions:
      - id: "1.1"
        text: Reconcile leavers
        owners: [CFO]
        outcomes: [paid]
      - id: "1.2"
        text: Check the contractor
        owners: [CFO]
        outcomes: [paid]
        exempt: {paragraph: "1"}
  - id: "2"
    title: Leisure contract
    exempt: {paragraph: "3"}
    outcomes: [paid]
    actions:
      - id: "2.1"
        text: Review the accounts
        owners: [CFO]
        outcomes: [paid]
      - id: "2.2"
        text: Agree a plan
        owners: [CFO]
  - id: "3"
    title: Not serving
    exempt: {paragraph: "7"}
    actions:
      - id: "3.1"
        text: Something else
        owners: [CFO]
outcomes:
  - id: paid
    title: Staff are paid right
"""


@pytest.mark.parametrize("format", ["markdown", "docx"])
def test_outcomes_withhold_exempt_items_from_what_serves_an_outcome(
    write_plan: WritePlan, run: RunCli, tmp_path: Path, format: str
) -> None:
    path = write_plan(SERVED)

    def paper(*more: str) -> str:
        return written(run, tmp_path, format, "outcomes", path, *AS_OF, *more)

    escaped = "\\" if format == "markdown" else ""  # Markdown escapes the brackets
    published = paper()
    assert "Recommendations: 1. Actions: 1.1." in published
    assert (
        published.count(
            "2 exempt items withheld (Local Government Act 1972, Schedule 12A, paragraphs 1 and 3)"
        )
        == 1
    )
    private = paper("--include-exempt")
    exempt = f"{escaped}[exempt{escaped}]"
    assert f"Recommendations: 1; 2 {exempt}. Actions: 1.1; 1.2 {exempt}; 2.1 {exempt}." in private
    assert (
        private.count(
            "Not for publication: this paper includes 2 exempt items (Local Government Act 1972, "
            "Schedule 12A, paragraphs 1 and 3), each marked Exempt."
        )
        == 1
    )


def test_outcomes_working_data_names_everything_that_serves(
    write_plan: WritePlan, run: RunCli
) -> None:
    path = write_plan(SERVED)
    document = json.loads(run("outcomes", path, *AS_OF, "-f", "json").stdout)
    served = document["plans"][0]["outcomes"][0]["served_by"]
    assert [(entry["name"], entry["exempt"]) for entry in served] == [
        ("1", False), ("2", True), ("1.1", False), ("1.2", True), ("2.1", True)
    ]  # fmt: skip
    assert "[exempt]" in run("outcomes", path, *AS_OF).stdout  # the terminal marks them


def test_show_marks_an_action_exempt_under_its_recommendation(run: RunCli) -> None:
    result = run("show", "5.2", EXAMPLE, *AS_OF, "-f", "markdown", "--include-exempt")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert NOT_FOR_PUBLICATION in lines
    assert (
        "- Exempt: paragraph 3, as its recommendation is: Information about the financial "
        "affairs of the leisure contractor (left out of published papers)"
    ) in lines
