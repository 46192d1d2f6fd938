"""`actionplan git-setup` and `actionplan merge-driver`, with `git merge` on a real repository.

One repository for the module (the bundled Southampton plan, committed on main, set up with
git-setup); each test branches from `start` and merges with git itself, which runs the driver as
git-setup configured it (`actionplan merge-driver %O %A %B %P`, found on PATH).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from history_repo import git

from actionplan.editing.edit import Change, edit_action
from actionplan.load import load_decoded, load_plan
from actionplan.model.plan import Target
from cli_run import invoke
from conftest import ROOT

PLAN = "plans/southampton-domestic-abuse-2019.yaml"
# The `actionplan` command of the environment running the tests: git runs the driver by name.
BIN = Path(sys.executable).parent


def actionplan(repo: Path, *args: str) -> tuple[int, str, str]:
    """Run `actionplan ARGS…` in-process, in `repo`."""
    here = Path.cwd()
    os.chdir(repo)
    try:
        result = invoke(args)
    finally:
        os.chdir(here)
    return result.exit_code, result.stdout, result.stderr


def merge(repo: Path, branch: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "LC_ALL": "C",
    }
    identity = ["-c", "user.name=Ann Officer", "-c", "user.email=ann@example.org"]
    return subprocess.run(
        ["git", *identity, "merge", "--no-edit", "-q", branch],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def record(repo: Path, action_id: str, change: Change) -> None:
    """Record `change` on the action as `actionplan update` does (its text edit; the suite
    tests update's checks elsewhere, and they cost more than this whole module)."""
    path = repo / PLAN
    text = path.read_text(encoding="utf-8")
    loaded, findings = load_decoded(PLAN, text)
    assert loaded is not None, findings
    action = next(a for _r, a in loaded.plan.actions() if a.id == action_id)
    path.write_text(edit_action(text, action, change)[0], encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    assert (BIN / "actionplan").exists(), f"no actionplan command in {BIN}"
    top = tmp_path_factory.mktemp("merge-repo")
    (top / "plans").mkdir()
    shutil.copy(ROOT / PLAN, top / PLAN)
    git(top, "init", "-q", "-b", "main")
    code, out, _err = actionplan(top, "git-setup")
    assert code == 0, out
    git(top, "add", ".")
    git(top, "commit", "-q", "-m", "plan", when="2020-01-06")
    git(top, "tag", "start")
    yield top


def branch(repo: Path, name: str, *updates: tuple[str, Change]) -> None:
    """Commit `updates` (an action id and what is recorded on it) on a new branch `name` from
    `start`."""
    git(repo, "checkout", "-q", "-b", name, "start")
    for action_id, change in updates:
        record(repo, action_id, change)
    git(repo, "commit", "-q", "-am", name, when="2020-03-09")


def test_git_setup_wrote_the_attributes_and_the_settings(repo: Path) -> None:
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == (
        "plans/**/*.yaml merge=actionplan\nplans/**/*.yml merge=actionplan\n"
    )
    assert git(repo, "config", "--get-regexp", "^merge\\.actionplan").splitlines() == [
        "merge.actionplan.name actionplan: merge plan files by their ids",
        "merge.actionplan.driver actionplan merge-driver %O %A %B %P",
    ]
    assert git(repo, "check-attr", "merge", "--", PLAN) == f"{PLAN}: merge: actionplan\n"


def test_progress_on_the_same_action_from_two_branches_merges_with_no_conflict(
    repo: Path,
) -> None:
    branch(
        repo,
        "officer-a",
        ("1.1", Change(date(2020, 2, 3), note="Campaign brief drafted", by="Ann")),
        ("2.1", Change(date(2020, 2, 4), note="Press guidelines shared", by="Ann")),
    )
    branch(repo, "officer-b", ("1.1", Change(date(2020, 2, 5), note="Agencies agreed", by="Bob")))
    git(repo, "checkout", "-q", "officer-a")
    merged = merge(repo, "officer-b")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert merged.stderr == f"actionplan: merged {PLAN} by ids, with no conflicts\n"
    assert git(repo, "status", "--porcelain") == ""
    loaded, _findings = load_plan(repo / PLAN)
    assert loaded is not None
    actions = {a.id: a for _r, a in loaded.plan.actions()}
    assert [(p.date.isoformat(), p.note, p.by) for p in actions["1.1"].progress] == [
        ("2020-02-03", "Campaign brief drafted", "Ann"),
        ("2020-02-05", "Agencies agreed", "Bob"),
    ]
    assert [p.note for p in actions["2.1"].progress] == ["Press guidelines shared"]
    assert actionplan(repo, "lint", "plans") == (
        0,
        "1 file checked: no problems; 1 suppressed\n",
        "",
    )


def test_two_revisions_of_5_2_to_different_months_are_one_recorded_conflict(repo: Path) -> None:
    def revise(target: str, on: date) -> Change:
        return Change(
            on,
            target=Target.parse(target),
            reason="Budget setting moved",
            approved_by="Audit Committee",
            approved_at=on,
        )

    branch(repo, "revise-may", ("5.2", revise("2020-05", date(2020, 3, 2))))
    branch(repo, "revise-july", ("5.2", revise("2020-07", date(2020, 3, 3))))
    ours, theirs = (
        git(repo, "rev-parse", "--short=10", b).strip() for b in ("revise-may", "revise-july")
    )
    git(repo, "checkout", "-q", "revise-may")
    merged = merge(repo, "revise-july")
    assert merged.returncode == 1
    assert f"CONFLICT (content): Merge conflict in {PLAN}" in merged.stdout
    assert merged.stderr.splitlines()[0] == (
        f"actionplan: merged {PLAN} by ids; 1 conflict(s) recorded under 'conflicts:' (our "
        "value kept, theirs beside it):"
    )
    assert git(repo, "status", "--porcelain") == f"UU {PLAN}\n"
    text = (repo / PLAN).read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    loaded, _findings = load_plan(repo / PLAN)
    assert loaded is not None
    action = {a.id: a for _r, a in loaded.plan.actions()}["5.2"]
    assert [str(r.target) for r in action.revisions] == ["2020-05"]  # ours
    (conflict,) = action.conflicts
    assert (conflict.key, conflict.ours_from, conflict.theirs_from) == (
        "revisions",
        f"{ours} (revise-may)",
        f"{theirs} (revise-july)",
    )
    line = text.splitlines().index("          - key: revisions") + 1
    code, out, _err = actionplan(repo, "lint", "plans")
    assert code == 1
    assert out.splitlines() == [
        f"{PLAN}:{line}:13: error AP601 action 5.2: unresolved merge conflict on revisions: ours "
        f"({ours} (revise-may)) kept {{date: 2020-03-02, target: 2020-05, reason: Budget setting "
        f"…; theirs ({theirs} (revise-july)) had {{date: 2020-03-03, target: 2020-07, reason: "
        "Budget setting …: make action 5.2 say what was agreed, then delete this conflicts entry",
        "1 file checked: 1 error, 0 warnings; 1 suppressed",
    ]
    git(repo, "merge", "--abort")


def test_a_version_that_is_not_a_plan_leaves_ours_untouched(tmp_path: Path) -> None:
    base, ours, theirs = (tmp_path / name for name in ("base.yaml", "ours.yaml", "theirs.yaml"))
    original = (ROOT / PLAN).read_bytes()
    base.write_bytes(original)
    ours.write_bytes(original)
    theirs.write_bytes(
        original.replace(b"recommendations:\n", b"recommendations:\n<<<<<<< HEAD\n", 1)
    )
    code, out, err = actionplan(tmp_path, "merge-driver", str(base), str(ours), str(theirs), PLAN)
    assert (code, out) == (1, "")
    assert err.startswith(
        f"Error: cannot merge {PLAN} by ids: their version does not load as a plan (line "
    )
    assert err.endswith(
        f"{PLAN} is left as our version, and git marks it conflicted: bring in their changes by "
        f"hand (git diff MERGE_HEAD -- {PLAN} shows them), run 'actionplan lint {PLAN}', then "
        f"'git add {PLAN}'\n"
    )
    assert ours.read_bytes() == original
