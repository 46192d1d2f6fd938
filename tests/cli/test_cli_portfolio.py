"""`actionplan portfolio`: one row per plan in every format, adding up to `status` on each plan,
the same over one process or several; and `lint --jobs`, the same over any number."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from actionplan.pipeline import PARALLEL_FROM, default_jobs, map_files
from test_bench import bench_module

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

from conftest import ROOT

AS_OF = ("--as-of", "2020-03-01")

TRACKER = """
format: 2
plan:
  id: audit-tracker
  title: Audit tracker
  organisation: Exampleton
  source: invented
  kind: audit-tracker
  owned_by: Audit Committee
people:
  - {id: committee, name: Audit Committee, kind: body}
  - {id: cfo, name: Chief Finance Officer, kind: role, aliases: [CFO]}
recommendations:
  - id: "1"
    title: Payroll
    actions:
      - id: "1.1"
        text: Reconcile leavers
        owners: [CFO]
        target: 2020-01
        status: done
        completed: 2020-01-20
      - id: "1.2"
        text: Remove access
        owners: [Chief Finance Officer]
        target: 2019-12
  - id: "2"
    title: Waivers
    exempt: {paragraph: "3"}
    actions:
      - id: "2.1"
        text: Keep a register
        owners: [Head of Procurement]
        target: 2019-12
"""

STRATEGY = """
plan:
  id: strategy
  title: A strategy
  organisation: Exampleton
  source: invented
recommendations:
  - id: "1"
    title: Awareness
    actions:
      - id: "1.1"
        text: Run a campaign
        owners: [Police]
        target: 2020-02-15
        progress:
          - {date: 2020-01-10, note: Planned}
      - id: "1.2"
        text: Evaluate it
        owners: [Police]
        target: 2020-03-20
"""


@pytest.fixture
def two_plans(write_plan: WritePlan) -> Path:
    write_plan(TRACKER, "plans/tracker.yaml")
    return write_plan(STRATEGY, "plans/strategy.yaml").parent


def cells(line: str) -> list[str]:
    """A Markdown table row's cells, stripped."""
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_markdown_leaves_exempt_items_out_and_says_so(run: RunCli, two_plans: Path) -> None:
    result = run("portfolio", two_plans, *AS_OF, "--format", "markdown", "--sort", "overdue")
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "## Portfolio as of 1 March 2020: 2 plans",
        "",
        "- 4 actions in 2 recommendations: 1 done, 2 overdue, 1 due in the next 30 days",
        "- Plans with an overdue action: 2",
        "",
        "### Plans, by overdue",
    ]
    assert [cells(line) for line in lines[7:8] + lines[9:12]] == [
        [
            "Plan",
            "Kind",
            "Owned by",
            "Recs",
            "Actions",
            "Done",
            "Overdue",
            "Due in 30 days",
            "Worst RAG",
            "Oldest overdue",
            "Revisions",
            "Last progress",
        ],
        [
            "Audit tracker (audit-tracker)",
            "audit-tracker",
            "Audit Committee",
            "1",
            "2",
            "1",
            "1",
            "0",
            "RED",
            "1.2 (61 days)",
            "0",
            "none",
        ],
        [
            "A strategy (strategy)",
            "",
            "",
            "1",
            "2",
            "0",
            "1",
            "1",
            "RED",
            "1.1 (15 days)",
            "0",
            "10 January 2020",
        ],
        ["Total (2 plans)", "", "", "2", "4", "1", "2", "1", "", "", "0", ""],
    ]
    assert [cells(line) for line in lines[17:18] + lines[19:21]] == [
        ["Action", "What", "Owner(s)", "Target", "RAG", "Overdue"],
        [
            "audit-tracker 1.2",
            "Remove access",
            "Chief Finance Officer",
            "December 2019",
            "RED",
            "61 days",
        ],
        ["strategy 1.1", "Run a campaign", "Police", "15 February 2020", "RED", "15 days"],
    ]
    assert lines[-1] == (
        "1 exempt item withheld (Local Government Act 1972, Schedule 12A, paragraph 3)"
    )


def test_csv_and_json_keep_exempt_items(run: RunCli, two_plans: Path) -> None:
    result = run("portfolio", two_plans, *AS_OF, "--format", "csv")
    assert result.stdout.splitlines() == [
        "plan,title,file,kind,owned_by,recommendations,actions,done,overdue,due_soon,worst_rag,"
        "oldest_overdue,oldest_overdue_days,revisions,last_progress",
        f"audit-tracker,Audit tracker,{two_plans / 'tracker.yaml'},audit-tracker,Audit Committee,"
        "2,3,1,2,0,red,1.2,61,0,",
        f"strategy,A strategy,{two_plans / 'strategy.yaml'},,,1,2,0,1,1,red,1.1,15,0,2020-01-10",
    ]
    document = json.loads(run("portfolio", two_plans, *AS_OF, "-f", "json", "--top", "2").stdout)
    assert document["plans"][1] == {
        "plan": "strategy",
        "title": "A strategy",
        "file": str(two_plans / "strategy.yaml"),
        "kind": None,
        "owned_by": None,
        "recommendations": 1,
        "actions": 2,
        "done": 0,
        "overdue": 1,
        "due_soon": 1,
        "worst_rag": "red",
        "oldest_overdue": "1.1",
        "oldest_overdue_days": 15,
        "revisions": 0,
        "last_progress": "2020-01-10",
    }
    # The two most overdue are 61 days overdue; the plans' own order breaks the tie.
    assert [(a["plan"], a["id"], a["days_overdue"]) for a in document["most_overdue"]] == [
        ("audit-tracker", "1.2", 61),
        ("audit-tracker", "2.1", 61),
    ]
    assert (document["plans_read"], document["exempt_withheld"], document["sort"]) == (2, 0, "plan")


def test_html_is_a_whole_page_and_word_a_document(
    run: RunCli, two_plans: Path, tmp_path: Path
) -> None:
    page = run("portfolio", two_plans, *AS_OF, "--format", "html").stdout
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    assert (
        '<h1>Portfolio as of <time datetime="2020-03-01">1 March 2020</time>: 2 plans</h1>' in page
    )
    assert "<caption>Plans, by plan</caption>" in page
    assert "<tfoot>" in page and page.endswith("</html>\n")
    paper = tmp_path / "portfolio.docx"
    result = run("portfolio", two_plans, *AS_OF, "--format", "docx", "--output", paper)
    assert (result.exit_code, result.stderr) == (0, f"wrote {paper}\n")
    with zipfile.ZipFile(paper) as docx:
        body = docx.read("word/document.xml").decode()
    assert "Audit tracker (audit-tracker)" in body and "Keep a register" not in body


def test_date_style_iso_keeps_the_documents_dates_iso(run: RunCli, two_plans: Path) -> None:
    def heading_and_strategy(*options: str) -> tuple[str, list[str]]:
        result = run("portfolio", two_plans, *AS_OF, "-f", "markdown", *options)
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        row = next(line for line in lines if line.startswith("| A strategy"))
        return lines[0], cells(row)[-3:]

    assert heading_and_strategy() == (
        "## Portfolio as of 1 March 2020: 2 plans",
        ["1.1 (15 days)", "0", "10 January 2020"],
    )
    assert heading_and_strategy("--date-style", "iso") == (
        "## Portfolio as of 2020-03-01: 2 plans",
        ["1.1 (15 days)", "0", "2020-01-10"],
    )


def test_filters_and_what_a_typo_gets(run: RunCli, two_plans: Path) -> None:
    def shown(*options: str) -> list[str]:
        result = run("portfolio", two_plans, *AS_OF, "-f", "json", *options)
        assert result.exit_code == 0, result.stderr
        return [row["plan"] for row in json.loads(result.stdout)["plans"]]

    assert shown("--kind", "AUDIT-TRACKER") == ["audit-tracker"]
    assert shown("--owner", "cfo") == ["audit-tracker"]  # an alias of a declared person
    assert shown("--owner", "audit committee") == ["audit-tracker"]  # the owning body
    assert shown("--owner", "Police") == ["strategy"]
    assert shown("--overdue", "--sort", "due-soon") == ["strategy", "audit-tracker"]
    result = run("portfolio", two_plans, *AS_OF, "--owner", "Polise")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: No plans match --owner 'Polise' as of 2020-03-01 (of 2 plans read). "
        "Did you mean 'Police'?\n"
    )
    result = run("portfolio", two_plans, *AS_OF, "--kind", "strategy")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: No plans match --kind 'strategy' as of 2020-03-01 (of 2 plans read). "
        "Kinds of plan: audit-tracker.\n"
    )
    # A name that is known but whose plans are all filtered out is no error.
    result = run("portfolio", two_plans, *AS_OF, "--owner", "Police", "--kind", "audit-tracker")
    assert (result.exit_code, result.stdout) == (
        0,
        "No plans match --kind 'audit-tracker' and --owner 'Police' as of 2020-03-01 "
        "(of 2 plans read).\n",
    )


def test_a_plan_that_does_not_load_or_is_copied_stops_the_run(run: RunCli, two_plans: Path) -> None:
    copy = two_plans / "copy.yaml"
    copy.write_text((two_plans / "strategy.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("portfolio", two_plans, *AS_OF)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: 2 plan files have the id 'strategy' ({copy}, {two_plans / 'strategy.yaml'}): a "
        "copy of the same plan would count every action twice; remove the copy, or give each "
        "plan its own 'id:' under 'plan:'\n"
    )
    copy.write_text("plan: [\n", encoding="utf-8")
    result = run("portfolio", two_plans, *AS_OF)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "Error: 1 problem above stops these plans from loading: fix them (run 'actionplan lint' "
        "for every finding)"
    )
    assert result.stderr.startswith(f"{copy}:")


# --- The figures add up to `status` on each plan ---------------------------------------------

# The bundled plans and examples with the day they are written for, and a generated corpus.
EXAMPLES = {
    "plans/southampton-domestic-abuse-2019.yaml": "2020-03-01",
    "plans/southwark-domestic-abuse-strategy-2015.yaml": "2020-03-01",
    "examples/exampleton.yaml": "2020-03-01",
    "examples/internal-audit-tracker.yaml": "2026-11-30",
}
GENERATED = 36


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated plans (the benchmark's, smaller), with no planted typo so every one loads."""
    bench = bench_module()
    directory = tmp_path_factory.mktemp("corpus")
    for index in range(1, GENERATED + 1):
        text = bench.plan_text(index + (index >= 10), recommendations=3)
        (directory / f"plan-{index:02d}.yaml").write_text(text, encoding="utf-8")
    return directory


def status_counts(run: RunCli, files: list[Path], as_of: str) -> dict[str, tuple[int, int, int]]:
    """Each plan's done, overdue and due-soon counts in `status --format json` on the files."""
    document = json.loads(run("status", *files, "--as-of", as_of, "-f", "json").stdout)
    counts: dict[str, list[int]] = {}
    for action in document["actions"]:
        plan = counts.setdefault(action["plan"], [0, 0, 0])
        plan[0] += action["status"] == "done"
        plan[1] += action["overdue"]
    for action in document["summary"]["due_soon"]:
        counts[action["plan"]][2] += 1
    assert sum(plan[0] for plan in counts.values()) == document["summary"]["by_status"]["done"]
    assert sum(plan[1] for plan in counts.values()) == document["summary"]["overdue"]
    return {plan: (done, overdue, soon) for plan, (done, overdue, soon) in counts.items()}


# A slice of the bench corpus itself (20 recommendations x 3 actions a file), its planted
# misspelt key put right as bench/export_bench.py does, so that every file loads.
BENCH_SLICE = (0, 10, 999)


def test_every_plans_figures_are_its_status_counts(
    run: RunCli, corpus: Path, tmp_path: Path
) -> None:
    bench = bench_module()
    for index in BENCH_SLICE:
        text = bench.plan_text(index).replace("        ownrs: [", "        owners: [")
        (tmp_path / f"plan-{index:05d}.yaml").write_text(text, encoding="utf-8")
    groups = [([ROOT / path], day) for path, day in EXAMPLES.items()]
    groups.append((sorted(corpus.glob("*.yaml")), "2020-06-30"))
    groups.append((sorted(tmp_path.glob("*.yaml")), "2020-06-30"))
    checked = 0
    for files, day in groups:
        result = run("portfolio", *files, "--as-of", day, "-f", "json", "--jobs", "1")
        assert result.exit_code == 0, result.stderr
        status = status_counts(run, files, day)
        for row in json.loads(result.stdout)["plans"]:
            figures = (row["done"], row["overdue"], row["due_soon"])
            assert figures == status.get(row["plan"], (0, 0, 0)), row["plan"]
            checked += 1
    assert checked == len(EXAMPLES) + GENERATED + len(BENCH_SLICE)


# --- The same over any number of processes ---------------------------------------------------


def test_portfolio_over_two_processes_is_byte_for_byte_the_one_process_run(
    run: RunCli, corpus: Path
) -> None:
    for format in ("json", "table"):
        one, two = (
            run("portfolio", corpus, "--as-of", "2020-06-30", "-f", format, "--jobs", jobs)
            for jobs in ("1", "2")
        )
        assert (one.exit_code, two.exit_code) == (0, 0)
        assert one.stdout == two.stdout and one.stdout


def test_lint_over_two_processes_is_byte_for_byte_the_one_process_run(
    run: RunCli, tmp_path: Path
) -> None:
    bench = bench_module()
    for index in (0, 1, 10, 11, 50):  # findings planted in the 0th, 10th and 50th
        text = bench.plan_text(index, recommendations=3)
        (tmp_path / f"plan-{index:02d}.yaml").write_text(text, encoding="utf-8")
    for format in ("text", "sarif"):
        one, two = (
            run("lint", tmp_path, "--as-of", "2020-06-30", "-f", format, "--jobs", jobs)
            for jobs in ("1", "2")
        )
        assert (one.exit_code, two.exit_code) == (1, 1)
        assert one.stdout == two.stdout
    assert one.stdout.count('"ruleId"') == 5


def test_one_process_below_the_threshold_every_core_from_it() -> None:
    assert default_jobs(1) == default_jobs(PARALLEL_FROM - 1) == 1
    assert default_jobs(PARALLEL_FROM) >= 1
    assert list(map_files(str.upper, ["b", "a", "c"] * 20, 2)) == ["B", "A", "C"] * 20
