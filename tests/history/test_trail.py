"""`lint --base REV`: the audit trail is append-only (AP501-AP505), on a real git repository."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from history_repo import git

from conftest import ROOT, RunCli

PLAN = "plans/southampton-domestic-abuse-2019.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled Southampton plan committed, then progress recorded on 5.6 (tag base)."""
    (tmp_path / "plans").mkdir()
    shutil.copy(ROOT / PLAN, tmp_path / PLAN)
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "plan", when="2020-01-06")
    monkeypatch.chdir(tmp_path)
    done = run("update", "5.6", PLAN, "--note", "Training booked", "--date", "2020-01-20")
    assert done.exit_code == 0, done.stderr
    git(tmp_path, "commit", "-q", "-am", "progress", when="2020-01-20")
    git(tmp_path, "tag", "base")
    return tmp_path


def test_silent_slippage_a_deletion_and_a_rewritten_entry_are_three_errors(
    repo: Path, run: RunCli
) -> None:
    plan = repo / PLAN
    moved = "        owners: [Hampton Trust]\n        target: 2020-0"
    _edit(plan, moved + "2\n", moved + "6\n")  # 5.6's target, edited in place
    _edit(plan, '      - id: "5.8"\n        text: Reporting through DSA to SCP\n', "")
    _edit(plan, "note: Training booked", "note: Training delivered")
    result = run("lint", PLAN, "--base", "base")
    assert result.exit_code == 1
    text = plan.read_text(encoding="utf-8").splitlines()
    target_line = text.index("        target: 2020-06") + 1
    rec_5 = text.index('  - id: "5"')
    actions_of_5 = next(i for i in range(rec_5, len(text)) if text[i] == "    actions:") + 1
    assert result.stdout.splitlines() == [
        f"{PLAN}:{actions_of_5}:5: error AP502 action 5.8 (line 472 at base) was deleted: "
        "keep it with 'status: dropped' and 'status_reason: …' (or a closure) instead",
        f"{PLAN}:{target_line}:17: error AP501 action 5.6: target changed from 2020-02 to "
        "2020-06 since base without a revision: keep the target and add the new one under "
        "revisions (actionplan update --revise-target)",
        f"{PLAN}:{target_line + 3}:13: error AP503 action 5.6: progress entry 1 (dated "
        "2020-01-20) was rewritten since base: put it back as it was and say what changed in a "
        "new entry",
        "1 file checked: 3 errors, 0 warnings; 1 suppressed",
    ]


def test_a_new_revision_dated_before_the_last_and_a_moved_completion(
    repo: Path, run: RunCli
) -> None:
    assert run(
        "update", "5.6", PLAN, "--revise-target", "2020-06", "--reason", "Late",
        "--status", "done", "--completed", "2020-02-20", "--date", "2020-02-20",
    ).exit_code == 0  # fmt: skip
    git(repo, "commit", "-q", "-am", "revised and done", when="2020-02-20")
    git(repo, "tag", "second")
    plan = repo / PLAN
    _edit(plan, "completed: 2020-02-20", "completed: 2020-02-25")
    _edit(
        plan,
        "            reason: Late\n",
        "            reason: Late\n          - date: 2020-02-01\n            target: 2020-09\n"
        "            reason: Later\n",
    )
    codes = [
        line.split(" ")[2]
        for line in run("lint", PLAN, "--base", "second").stdout.splitlines()[:-1]
    ]
    # AP504 and AP505 from the trail; the file itself also lists the revision out of date order
    # (AP206), and neither revision says who approved it (AP219).
    assert sorted(codes) == ["AP206", "AP219", "AP219", "AP504", "AP505"]


def test_base_outside_a_repository_is_one_line(
    tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "p.yaml").write_text((ROOT / PLAN).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("lint", "p.yaml", "--base", "HEAD")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "not in a git repository" in result.stderr


SCC_ROUTE = (
    '      - id: "5.2"\n'
    '        text: "Finance required {secure}"\n'
    "        owners: [DSA Chair]\n"
    "        funding:\n"
    "          - route: Local Authority (SCC) commitment (Budget setting 2020)\n"
    "            target: 2020-0"
)
ACTION_5_8 = '      - id: "5.8"\n        text: Reporting through DSA to SCP\n'


def test_one_commit_that_moves_5_2_deletes_5_8_and_rewrites_a_note_is_three_errors(
    repo: Path, run: RunCli
) -> None:
    plan = repo / PLAN
    _edit(plan, SCC_ROUTE + "2\n", SCC_ROUTE + "5\n")  # 5.2's target, moved in place
    _edit(plan, ACTION_5_8, "")
    _edit(plan, "note: Training booked", "note: Training delivered")
    git(repo, "commit", "-q", "-am", "quietly", when="2020-03-02")
    result = run("lint", PLAN, "--base", "base")
    assert result.exit_code == 1
    text = plan.read_text(encoding="utf-8").splitlines()
    route_target = text.index(SCC_ROUTE.splitlines()[0]) + 6
    note = text.index("            note: Training delivered")  # the line after the entry's dash
    actions_of_5 = text.index("    actions:", text.index('  - id: "5"')) + 1
    assert result.stdout.splitlines() == [
        f"{PLAN}:{actions_of_5}:5: error AP502 action 5.8 (line 472 at base) was deleted: "
        "keep it with 'status: dropped' and 'status_reason: …' (or a closure) instead",
        f"{PLAN}:{route_target}:21: error AP501 action 5.2: the target of funding route "
        "'Local Authority (SCC) commitment (Budget setting 2020)' changed from 2020-02 to "
        "2020-05 since base without a revision: keep it and add the new target under revisions",
        f"{PLAN}:{note}:13: error AP503 action 5.6: progress entry 1 (dated 2020-01-20) "
        "was rewritten since base: put it back as it was and say what changed in a new entry",
        "1 file checked: 3 errors, 0 warnings; 1 suppressed",
    ]


def test_the_same_changes_to_5_2_made_honestly_pass(repo: Path, run: RunCli) -> None:
    for args in (
        ("5.2", "--revise-target", "2020-05", "--reason", "Budget setting moved to May",
         "--approved-by", "Audit Committee", "--approved-at", "2020-02-27", "--date", "2020-03-02"),
        ("5.8", "--status", "dropped", "--reason", "Reported under 5.1", "--date", "2020-03-02"),
        ("5.6", "--note", "Training delivered", "--date", "2020-03-02"),
    ):  # fmt: skip
        done = run("update", *args, PLAN)
        assert done.exit_code == 0, done.stderr
    git(repo, "commit", "-q", "-am", "honestly", when="2020-03-02")
    result = run("lint", PLAN, "--base", "base")
    assert (result.exit_code, result.stdout) == (0, "1 file checked: no problems; 1 suppressed\n")
