"""`actionplan lint`: findings, exit codes and every output format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

FOUR_PROBLEMS = """
plan:
  id: demo
  title: Demo plan
  organisation: Demo Council
  source: Written for this test
  themes:
    - id: prevention
      title: Prevention
recommendations:
  - id: "1"
    title: Communications
    theme: prevention
    actions:
      - id: "1.1"
        text: Plan the campaign
        ownrs: [DSA Chair]
        target: 2020-02
      - id: "1.2"
        text: Run the campaign
        target: 2020-02
        target: 2020-03
    costs:
      - label: Workshops
        amount: 3750
        units: {quantity: 5, unit: day, rate: 700}
      - label: Evaluation
        amount: 5000
    notes: adopted 2020-02-30
  - id: "2"
    title: Reporting
    actions:
      - id: "2.1"
        text: Report to the board
        completed: 2020-02-30
"""


def test_four_problems_four_findings(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(FOUR_PROBLEMS)
    result = run("lint", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:16:9: error AP101 unknown key 'ownrs' in recommendations[0].actions[0]: "
        "did you mean 'owners'?",
        f"{path}:21:9: error AP005 duplicate key 'target' (first at line 20): YAML would keep "
        "only one of them; merge them or rename one",
        f"{path}:25:16: error AP203 unit breakdown 5 day × £700 = £3,500, but the amount is "
        "£3,750: correct one of them",
        f"{path}:34:20: error AP104 recommendations[1].actions[0].completed: '2020-02-30' is not "
        "a real calendar date: check the month and day",
        "1 file checked: 4 errors, 0 warnings",
    ]


CLEAN = """
plan:
  id: demo
  title: Demo plan
  organisation: Demo Council
  source: Written for this test
  stated_total: 5000
recommendations:
  - id: "1"
    title: Communications
    actions:
      - id: "1.1"
        text: Plan the campaign
        owners: [DSA Chair]
        target: 2020-02
    costs:
      - label: Campaign
        amount: 5000
"""

ONE_OF_EACH = """
plan:
  id: demo
  title: Demo plan
  organisation: Demo Council
  source: Written for this test
  stated_total: 4000
recommendations:
  - id: "1"
    title: Communications
    actions:
      - id: "1.1"
        text: Plan the campaign
        status: finished
    costs:
      - label: Campaign
        amount: 5000
"""


def test_clean_plan_prints_one_summary_line(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(CLEAN)
    result = run("lint", path)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "1 file checked: no problems\n",
        "",
    )


def test_warnings_pass_unless_strict(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(CLEAN.replace("stated_total: 5000", "stated_total: 5180"))
    warning = (
        f"{path}:6:17: warning AP204 stated total £5,180 is £180 more than the sum of the cost "
        "lines, £5,000: keep the total as the document printed it and quote the computed one "
        "(actionplan cost-summary)"
    )
    result = run("lint", path)
    assert (result.exit_code, result.stdout) == (
        0,
        f"{warning}\n1 file checked: 0 errors, 1 warning\n",
    )
    assert run("lint", "--strict", path).exit_code == 1


def test_date_rules_run_only_with_as_of(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(CLEAN)
    assert run("lint", path).exit_code == 0
    result = run("lint", "--as-of", "2020-03-01", path)
    assert result.stdout.splitlines() == [
        f"{path}:14:17: warning AP252 action 1.1 was due 2020-02-29 (1 day before 2020-03-01) "
        "and has no progress update: record progress or revise the target",
        "1 file checked: 0 errors, 1 warning",
    ]


def test_json_format(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(ONE_OF_EACH)
    result = run("lint", "--format", "json", path)
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {
        "files": 1,
        "errors": 1,
        "warnings": 0,
        "findings": [
            {
                "file": str(path),
                "line": 13,
                "column": 17,
                "severity": "error",
                "code": "AP107",
                "message": "recommendations[0].actions[0].status: 'finished' is not allowed: use "
                "one of 'not-started', 'in-progress', 'done', 'blocked' or 'dropped'",
            }
        ],
    }


def test_github_format_and_step_summary(
    write_plan: WritePlan, run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_plan(ONE_OF_EACH.replace("amount: 5000", "amount: 5000\n        high: 10"))
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("lint", "--format", "github", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::error file={path},line=13,col=17,title=AP107::recommendations[0].actions[0].status: "
        "'finished' is not allowed: use one of 'not-started', 'in-progress', 'done', 'blocked' "
        "or 'dropped'",
        f"::error file={path},line=17,col=15,title=AP208::range upper bound £10 is below the "
        "amount £5,000: 'amount' is the low end, 'high' the high end",
        "1 file checked: 2 errors, 0 warnings",
    ]
    assert summary.read_text(encoding="utf-8").splitlines() == [
        "earlier step",
        "## actionplan lint",
        "",
        "1 file checked: 2 errors, 0 warnings",
        "",
        "| File | Line | Col | Severity | Code | Message |",
        "|---|---:|---:|---|---|---|",
        f"| {path} | 13 | 17 | error | AP107 | recommendations[0].actions[0].status: 'finished' "
        "is not allowed: use one of 'not-started', 'in-progress', 'done', 'blocked' or "
        "'dropped' |",
        f"| {path} | 17 | 15 | error | AP208 | range upper bound £10 is below the amount £5,000: "
        "'amount' is the low end, 'high' the high end |",
        "",
    ]


def test_sarif_format(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(ONE_OF_EACH)
    result = run("lint", "--format", "sarif", path)
    document = json.loads(result.stdout)
    assert document["version"] == "2.1.0"
    (sarif_run,) = document["runs"]
    assert sarif_run["tool"]["driver"]["name"] == "actionplan"
    assert sarif_run["tool"]["driver"]["rules"] == [
        {
            "id": "AP107",
            "shortDescription": {"text": "value is not one of the allowed choices"},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    assert sarif_run["results"] == [
        {
            "ruleId": "AP107",
            "ruleIndex": 0,
            "level": "error",
            "message": {
                "text": "recommendations[0].actions[0].status: 'finished' is not allowed: use one "
                "of 'not-started', 'in-progress', 'done', 'blocked' or 'dropped'"
            },
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": str(path)},
                        "region": {"startLine": 13, "startColumn": 17},
                    }
                }
            ],
        }
    ]


def test_every_file_in_a_directory_is_linted(
    write_plan: WritePlan, run: RunCli, tmp_path: Path
) -> None:
    write_plan(CLEAN, "a.yaml")
    write_plan(ONE_OF_EACH, "nested/b.yml")
    (tmp_path / "notes.txt").write_text("not a plan", encoding="utf-8")
    result = run("lint", tmp_path)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == "2 files checked: 1 error, 0 warnings"
    assert result.stdout.splitlines()[0].startswith(
        f"{tmp_path / 'nested' / 'b.yml'}:13:17: error AP107"
    )


def test_missing_path_is_a_usage_error(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("lint", "nope.yaml")
    assert result.exit_code == 2
    assert "Invalid value for 'PATH': path 'nope.yaml' does not exist." in [
        line.strip("│ ") for line in result.stderr.splitlines()
    ]


def test_list_rules_names_every_code(run: RunCli) -> None:
    from actionplan.findings import RULES

    result = run("lint", "--list-rules")
    lines = result.stdout.splitlines()
    assert len(lines) == len(RULES)
    assert lines[0] == "AP001  error    file is not valid UTF-8 text"
    assert "AP204  warning  stated total differs from the sum of the cost lines" in lines
    assert [line.split()[0] for line in lines] == list(RULES)


SILENCED = """
plan:
  id: p
  title: T
  organisation: O
  source: S
  stated_total: 100  # actionplan: ignore[AP204] the source printed this total
recommendations:
  - id: "1"
    title: R  # actionplan: ignore[AP203]
    costs:
      - label: Workshops
        amount: 120
"""
SILENCED_AP204 = (
    "stated total £100 is £20 less than the sum of the cost lines, £120: keep the total as the "
    "document printed it and quote the computed one (actionplan cost-summary)"
)
SILENCED_AP404 = (
    "ignore[AP203] silences nothing: there is no AP203 finding on line 9; remove AP203 from "
    "the comment"
)
SILENCED_AP403 = (
    "ignore[AP203] gives no reason: write after it why the finding is kept, for whoever reviews "
    "the plan"
)


def test_a_suppressed_finding_is_not_printed_or_counted(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(SILENCED)
    result = run("lint", path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:9:15: warning AP403 {SILENCED_AP403}",
        f"{path}:9:15: warning AP404 {SILENCED_AP404}",
        "1 file checked: 0 errors, 2 warnings; 1 suppressed",
    ]


def test_show_suppressed_prints_them_with_their_reason(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(SILENCED)
    result = run("lint", "--show-suppressed", path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:6:17: warning AP204 {SILENCED_AP204} (suppressed: the source printed this total)",
        f"{path}:9:15: warning AP403 {SILENCED_AP403}",
        f"{path}:9:15: warning AP404 {SILENCED_AP404}",
        "1 file checked: 0 errors, 2 warnings; 1 suppressed",
    ]


def test_sarif_and_json_keep_the_suppressed_finding(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(SILENCED)
    sarif = json.loads(run("lint", "--format", "sarif", path).stdout)
    (first, *rest) = sarif["runs"][0]["results"]
    assert first["ruleId"] == "AP204"
    assert first["suppressions"] == [
        {"kind": "inSource", "justification": "the source printed this total"}
    ]
    assert [r["ruleId"] for r in rest] == ["AP403", "AP404"]
    assert all("suppressions" not in r for r in rest)
    document = json.loads(run("lint", "--format", "json", path).stdout)
    assert (document["errors"], document["warnings"]) == (0, 2)
    assert [f["code"] for f in document["findings"]] == ["AP403", "AP404"]
    assert document["suppressed"] == [
        {
            "file": str(path),
            "line": 6,
            "column": 17,
            "severity": "warning",
            "code": "AP204",
            "message": SILENCED_AP204,
            "suppressed": {"reason": "the source printed this total"},
        }
    ]


def test_the_settings_file_beside_the_plans_is_neither_a_plan_nor_a_note(
    write_plan: WritePlan, run: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "actionplan.toml").write_text('[severity]\nAP204 = "error"\n', encoding="utf-8")
    path = write_plan(
        SILENCED.replace("  # actionplan: ignore[AP204] the source printed this total", "").replace(
            "  # actionplan: ignore[AP203]", ""
        )
    )
    result = run("lint", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == ""
    assert result.stdout.splitlines() == [
        f"{path}:6:17: error AP204 {SILENCED_AP204}",
        "1 file checked: 1 error, 0 warnings",
    ]


def test_a_line_break_in_a_message_or_file_name_cannot_forge_a_finding() -> None:
    from actionplan.findings import Finding
    from actionplan.output.lint_formats import as_text, github_summary
    from actionplan.pipeline import LintResult

    forged = Finding("a\nb.yaml", 3, 5, "AP101", "unknown key 'x\nb.yaml:1:1: error AP999 y'")
    result = LintResult(1, [forged], [])
    assert as_text(result).splitlines() == [
        "a\\nb.yaml:3:5: error AP101 unknown key 'x\\nb.yaml:1:1: error AP999 y'",
        "1 file checked: 1 error, 0 warnings",
    ]
    assert "| a b.yaml | 3 | 5 | error | AP101 | unknown key 'x b.yaml:1:1: error AP999 y' |" in (
        github_summary(result)
    )
