"""`actionplan update`: record progress from the command line, the file's layout kept."""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RunCli, WritePlan

PLAN = """
# Training plan: reported to the board each quarter.
plan:
  id: training
  title: Training plan
  organisation: Demo Council
  source: Written for this test

recommendations:
  - id: "5"
    title: Training
    actions:
      - id: "5.1"
        text: Train GPs
        target: 2020-06    # agreed in January
        status: in-progress
        progress:
          - date: 2020-01-10
            note: Training booked
      - id: "5.2"
        text: Evaluate the training
        target: 2020-09
"""

AFTER_DONE = PLAN.replace(
    "        status: in-progress\n",
    "        status: done\n        completed: 2020-03-31\n",
).replace(
    "            note: Training booked\n",
    "            note: Training booked\n"
    "          - date: 2020-04-02\n"
    "            note: All 40 practices trained\n"
    "            status: done\n"
    "            by: Jo Bloggs\n",
)


def test_mark_done_with_a_note(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run(
        "update", "5.1", path, "--status", "done", "--completed", "2020-03-31",
        "--note", "All 40 practices trained", "--by", "Jo Bloggs", "--date", "2020-04-02",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Updated action 5.1 in {path}:",
        "  progress 2020-04-02: All 40 practices trained (status done)",
        "  status: in-progress → done",
        "  completed: 2020-03-31",
    ]
    assert path.read_text(encoding="utf-8") == AFTER_DONE.lstrip("\n")
    assert run("lint", path, "--as-of", "2020-04-02").exit_code == 0


def test_revise_target_with_a_reason(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run(
        "update", "5.2", path, "--revise-target", "2021-06", "--reason", "Evaluator appointed late",
        "--date", "2020-08-14",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "  progress 2020-08-14: Target revised from 2020-09 to 2021-06: Evaluator appointed late",
        "  target revised: 2020-09 → 2021-06 (Evaluator appointed late)",
    ]
    assert path.read_text(encoding="utf-8") == PLAN.lstrip("\n") + (
        "        revisions:\n"
        "          - date: 2020-08-14\n"
        "            target: 2021-06\n"
        "            reason: Evaluator appointed late\n"
        "        progress:\n"
        "          - date: 2020-08-14\n"
        '            note: "Target revised from 2020-09 to 2021-06: Evaluator appointed late"\n'
    )


def test_dry_run_prints_the_diff_and_writes_nothing(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run("update", "5.2", path, "--note", "Evaluator chosen", "--date", "2020-05-01",
                 "--dry-run")  # fmt: skip
    assert result.exit_code == 0
    assert result.stdout == (
        f"--- {path}\n"
        f"+++ {path}\n"
        "@@ -19,3 +19,6 @@\n"
        '       - id: "5.2"\n'
        "         text: Evaluate the training\n"
        "         target: 2020-09\n"
        "+        progress:\n"
        "+          - date: 2020-05-01\n"
        "+            note: Evaluator chosen\n"
    )
    assert result.stderr == "dry run: nothing written\n"
    assert path.read_text(encoding="utf-8") == PLAN.lstrip("\n")


def test_an_update_that_would_add_an_error_writes_nothing(
    write_plan: WritePlan, run: RunCli
) -> None:
    path = write_plan(PLAN)
    result = run("update", "5.1", path, "--note", "Typo in the year", "--date", "2019-01-10")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:19:19: error AP206 action 5.1: progress entry dated 2019-01-10 comes after one "
        "dated 2020-01-10: keep entries in date order, newest last",
        f"Error: nothing written: this update would add the error(s) above to {path} (line "
        "numbers as they would be after the edit); check --date and the values given",
    ]
    assert path.read_text(encoding="utf-8") == PLAN.lstrip("\n")


def test_a_date_in_the_future_is_refused(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run("update", "5.2", path, "--note", "Next millennium", "--date", "2999-01-01")
    assert result.exit_code == 1
    assert "error AP251 action 5.2: dated 2999-01-01, after the as-of date" in result.stderr
    assert path.read_text(encoding="utf-8") == PLAN.lstrip("\n")


def test_unknown_id_suggests_close_ones(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run("update", "5.3", path, "--note", "x", "--date", "2020-05-01")
    assert result.exit_code == 1
    assert result.stderr == "Error: no action 5.3 in the plans: did you mean 5.2, 5.1?\n"


def test_ambiguous_id_lists_the_plans_and_plan_chooses(
    write_plan: WritePlan, run: RunCli, tmp_path: Path
) -> None:
    first = write_plan(PLAN, name="plans/a.yaml")
    second = write_plan(PLAN.replace("id: training", "id: training-2"), name="plans/b.yaml")
    result = run("update", "5.2", tmp_path / "plans", "--note", "x", "--date", "2020-05-01")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: action 5.2 is in 2 plans; choose one with --plan PLAN_ID:",
        f"  training: {first}",
        f"  training-2: {second}",
    ]
    result = run("update", "5.2", tmp_path / "plans", "--plan", "training-2",
                 "--note", "Evaluator chosen", "--date", "2020-05-01")  # fmt: skip
    assert result.exit_code == 0
    assert first.read_text(encoding="utf-8") == PLAN.lstrip("\n")
    assert second.read_text(encoding="utf-8").endswith("            note: Evaluator chosen\n")


def test_rag_by_hand_needs_a_reason(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run("update", "5.1", path, "--rag", "amber", "--date", "2020-05-01")
    assert result.exit_code == 1
    assert result.stderr == "Error: --rag needs --reason: say why, in a sentence\n"
    result = run("update", "5.1", path, "--rag", "amber", "--reason", "Venue lost",
                 "--date", "2020-05-01")  # fmt: skip
    assert result.exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert (
        "        status: in-progress\n        rag: amber\n        rag_reason: Venue lost\n" in text
    )
    assert text.endswith(
        "          - date: 2020-05-01\n"
        '            note: "RAG set by hand to amber: Venue lost"\n'
        '      - id: "5.2"\n'
        "        text: Evaluate the training\n"
        "        target: 2020-09\n"
    )


def test_bad_target_is_a_usage_error(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run("update", "5.2", path, "--revise-target", "June", "--reason", "x")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --revise-target 'June' is not a target: write a day (2020-02-14), a month "
        "(2020-02), a list of them for recurring milestones, 'ongoing' or 'dependent'\n"
    )


def test_crlf_and_byte_order_mark_survive(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "plan.yaml"
    text = PLAN.lstrip("\n").replace("\n", "\r\n")
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    result = run("update", "5.2", path, "--note", "Evaluator chosen", "--date", "2020-05-01")
    assert result.exit_code == 0, result.stderr
    assert path.read_bytes() == codecs.BOM_UTF8 + (
        text + "        progress:\r\n          - date: 2020-05-01\r\n"
        "            note: Evaluator chosen\r\n"
    ).encode("utf-8")


def test_done_and_revised_show_in_status_and_show(tmp_path: Path, run: RunCli) -> None:
    """The issue's 'done when': without an editor, mark 5.2 done with a note and revise a
    target with a reason; status and show see both, and the file's comments survive."""
    import difflib
    import json
    import shutil

    from conftest import ROOT

    path = tmp_path / "southampton.yaml"
    shutil.copy(ROOT / "plans" / "southampton-domestic-abuse-2019.yaml", path)
    before = path.read_text(encoding="utf-8")
    done = run("update", "5.2", path, "--status", "done", "--completed", "2020-02-26",
               "--note", "Agreed in the 2020/21 budget", "--date", "2020-03-02")  # fmt: skip
    assert done.exit_code == 0, done.stderr
    revised = run("update", "5.6", path, "--revise-target", "2020-06",
                  "--reason", "Partners set budgets in May", "--date", "2020-03-02")  # fmt: skip
    assert revised.exit_code == 0, revised.stderr

    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    diff = list(difflib.ndiff(before.splitlines(keepends=True), after))
    assert [line for line in diff if line.startswith("- ")] == []  # every line kept
    assert len([line for line in diff if line.startswith("+ ")]) == 13

    status = json.loads(
        run("status", path, "--as-of", "2020-03-10", "--since", "2020-03-01", "--format", "json")
        .stdout
    )  # fmt: skip
    rows = {a["id"]: a for a in status["actions"]}
    assert (rows["5.2"]["status"], rows["5.2"]["rag"]) == ("done", "complete")
    assert (rows["5.6"]["target"], rows["5.6"]["due_date"]) == ("2020-06", "2020-06-30")
    assert status["summary"]["revised_since"] == [
        {
            "plan": "southampton-domestic-abuse-2019",
            "id": "5.6",
            "date": "2020-03-02",
            "detail": "revised 2020-03-02: Feb 2020 → 2020-06 (Partners set budgets in May)",
        }
    ]

    shown = json.loads(run("show", "5.2", path, "--as-of", "2020-03-10", "-f", "json").stdout)
    action = shown["action"]
    assert (action["status"], action["completed"]) == ("done", "2020-02-26")
    assert action["progress"] == [
        {"date": "2020-03-02", "note": "Agreed in the 2020/21 budget", "status": "done"}
    ]
    shown = json.loads(run("show", "5.6", path, "--as-of", "2020-03-10", "-f", "json").stdout)
    assert shown["action"]["revisions"] == [
        {"date": "2020-03-02", "target": "2020-06", "reason": "Partners set budgets in May"}
    ]
    assert shown["action"]["as_of_status"]["slippage_days"] == 122


def test_reopen_a_done_action_and_clear_a_hand_set_rag(tmp_path: Path, run: RunCli) -> None:
    """Both take lines out of the action (`completed`, `rag`, `rag_reason`); the progress
    history records what they were."""
    import json
    import shutil

    from conftest import ROOT

    path = tmp_path / "plan.yaml"
    shutil.copy(ROOT / "tests" / "data" / "status-fixture.yaml", path)
    lint = run("lint", path, "--as-of", "2020-03-10", "--format", "json")
    assert [f["code"] for f in json.loads(lint.stdout)["findings"]] == ["AP253"]  # 3.5's green

    reopened = run("update", "1.1", path, "--status", "in-progress", "--note",
                   "Brief to be redone", "--date", "2020-03-01")  # fmt: skip
    assert reopened.exit_code == 0, reopened.stderr
    assert reopened.stdout.splitlines()[1:] == [
        "  progress 2020-03-01: Brief to be redone [Reopened: it was completed on 2019-12-10.] "
        "(status in-progress)",
        "  status: done → in-progress",
        "  completed: removed (was 2019-12-10)",
    ]
    cleared = run("update", "3.5", path, "--rag", "none", "--reason", "The delay is over",
                  "--date", "2020-03-02")  # fmt: skip
    assert cleared.exit_code == 0, cleared.stderr
    again = run("update", "3.5", path, "--rag", "none", "--reason", "Twice", "--date", "2020-03-02")
    assert again.exit_code == 1
    assert again.stderr.splitlines() == [
        "Error: action 3.5 has no RAG set by hand to clear: its RAG is worked out from its "
        "dates and status"
    ]

    lint = run("lint", path, "--as-of", "2020-03-10", "--format", "json")
    assert lint.exit_code == 0 and json.loads(lint.stdout)["findings"] == []
    shown = json.loads(run("show", "1.1", path, "--as-of", "2020-03-10", "-f", "json").stdout)
    assert (shown["action"]["status"], shown["action"].get("completed")) == ("in-progress", None)
    assert shown["action"]["as_of_status"]["rag"] == "red"  # open again, and past its target
    shown = json.loads(run("show", "3.5", path, "--as-of", "2020-03-10", "-f", "json").stdout)
    assert "rag" not in shown["action"] and "rag_reason" not in shown["action"]
    assert shown["action"]["progress"][-1] == {
        "date": "2020-03-02",
        "note": "RAG set by hand cleared: The delay is over. It was green by hand: The board "
        "agreed the delay at its January meeting.",
    }


def test_a_completion_after_the_update_date_is_refused(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAN)
    result = run("update", "5.1", path, "--status", "done", "--completed", "2020-04-01",
                 "--date", "2020-03-01")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --completed 2020-04-01 is after the update's date 2020-03-01: record a "
        "completion on or after the day it happened (check --completed and --date)\n"
    )
    assert path.read_text(encoding="utf-8") == PLAN.lstrip("\n")


def test_a_reopened_action_is_not_counted_as_completed_since(tmp_path: Path, run: RunCli) -> None:
    import json
    import shutil

    from conftest import DATA

    path = tmp_path / "plan.yaml"
    shutil.copy(DATA / "status-fixture.yaml", path)
    args = ("status", path, "--as-of", "2020-03-01", "--since", "2019-12-01", "-f", "json")
    before = json.loads(run(*args).stdout)["summary"]["completed_since"]
    assert [event["id"] for event in before] == ["1.1", "3.6"]
    run("update", "1.1", path, "--status", "in-progress", "--date", "2020-03-01")
    after = json.loads(run(*args).stdout)["summary"]["completed_since"]
    assert [event["id"] for event in after] == ["3.6"]


def test_a_directory_with_no_plans_says_so(run: RunCli, tmp_path: Path) -> None:
    result = run("update", "1.1", tmp_path, "--note", "x", "--date", "2020-03-01")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: no plan files found in {tmp_path} (looked for *.yaml and *.yml)\n",
    )


# Regression: with two `status:` lines the loader reads the first, and update used to edit the
# last, report "not-started → blocked", write the file and leave lint reading not-started. A
# file that does not read as a plan is now refused whatever its errors, before any edit.
TWO_STATUS_LINES = """
plan:
  id: dup
  title: Duplicate status
  organisation: Demo Council
  source: Written for this test
recommendations:
  - id: "1"
    title: Duplicates
    actions:
      - id: "1.1"
        text: Do it
        status: not-started
        status: in-progress
"""


def test_a_file_with_a_load_error_is_refused_whatever_the_count(
    write_plan: WritePlan, run: RunCli
) -> None:
    path = write_plan(TWO_STATUS_LINES)
    before = path.read_bytes()
    change = ["--status", "blocked", "--reason", "No budget", "--date", "2020-03-02"]
    result = run("update", "1.1", path, *change)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{path}:13:9: error AP005 duplicate key 'status' (first at line 12): YAML would keep "
        "only one of them; merge them or rename one",
        f"Error: nothing written: {path} already has an error at line 13 (AP005): fix it first "
        f"(actionplan lint {path}), then run the update again",
    ]
    assert path.read_bytes() == before


# Regression: a file with CR-only line endings linted clean, but update counted lines by "\n"
# only and failed with an AP002. It edits like an LF file, and keeps its line endings.
def test_a_file_with_cr_only_line_endings_updates_like_an_lf_one(
    tmp_path: Path, run: RunCli
) -> None:
    path = tmp_path / "plan.yaml"
    path.write_bytes(PLAN.lstrip("\n").replace("\n", "\r").encode("utf-8"))
    assert run("lint", path).stdout == "1 file checked: no problems\n"
    result = run("update", "5.2", path, "--note", "Evaluator chosen", "--date", "2020-05-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"Updated action 5.2 in {path}:",
        "  progress 2020-05-01: Evaluator chosen",
    ]
    assert path.read_bytes() == (
        PLAN.lstrip("\n") + "        progress:\n          - date: 2020-05-01\n"
        "            note: Evaluator chosen\n"
    ).replace("\n", "\r").encode("utf-8")
    assert run("lint", path).stdout == "1 file checked: no problems\n"
