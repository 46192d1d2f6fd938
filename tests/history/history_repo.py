"""A real git repository for the history tests, built from scripted edits to the Southampton plan
(format 1, as kept in tests/data/format-1), every commit dated so the figures never move.

    c0  2020-01-06  the plan is added                                   tag meeting/2020-01-06
    c1  2020-01-13  2.1 done (completed 2020-01-10)                     tag meeting/2020-01-15
    c2  2020-01-20  1.6 in progress, progress recorded
    c3  2020-02-03  1.4 done (completed 2020-02-01)
    c4  2020-02-10  2.1 reopened (in progress again)
    c5  2020-02-17  1.1's target revised: 2020-02 to 2020-06
    c6  2020-02-24  1.8 added
    c7  2020-03-02  1.7 deleted
    c8  2020-03-09  the file renamed to plans/southampton.yaml          tag meeting/2020-03-10
    c9  2020-04-06  1.1 revised again (2020-09), progress recorded
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCE = DATA / "format-1" / "southampton-domestic-abuse-2019.yaml"
FIRST = "plans/southampton-domestic-abuse-2019.yaml"
RENAMED = "plans/southampton.yaml"


def git(repo: Path, *args: str, when: str | None = None) -> str:
    """Run git in `repo` with a fixed identity (and commit date, `when`); its stdout."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(repo),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ann Officer",
        "GIT_AUTHOR_EMAIL": "ann@example.org",
        "GIT_COMMITTER_NAME": "Ann Officer",
        "GIT_COMMITTER_EMAIL": "ann@example.org",
        "LC_ALL": "C",
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+00:00"
    done = subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


A11 = '      - id: "1.1"\n'
A14 = '      - id: "1.4"\n'
A16 = '      - id: "1.6"\n'
A17 = (
    '      - id: "1.7"\n'
    "        text: Reporting through DSA to SCP\n"
    "        target: ongoing\n"
    "        target_text: This recommendation should run continually\n"
)
A18 = (
    '      - id: "1.8"\n'
    "        text: Evaluate the campaign's reach with the Hampton Trust\n"
    "        owners: [DSA Chair]\n"
    "        target: 2020-12\n"
)
A21 = '      - id: "2.1"\n'
DONE_21 = "        status: done\n        completed: 2020-01-10\n"
REOPENED_21 = (
    "        status: in-progress\n"
    "        progress:\n"
    "          - date: 2020-02-07\n"
    '            note: "Reopened: the press guidelines changed"\n'
    "            status: in-progress\n"
)
PROGRESS_16 = (
    "        status: in-progress\n"
    "        progress:\n"
    "          - date: 2020-01-17\n"
    "            note: Campaign plan drafted with the Hampton Trust\n"
)
DONE_14 = (
    "        status: done\n"
    "        completed: 2020-02-01\n"
    "        progress:\n"
    "          - date: 2020-02-01\n"
    "            note: Focus agreed at the DSA board\n"
    "            status: done\n"
)
REVISED_11 = (
    "        revisions:\n"
    "          - date: 2020-02-14\n"
    "            target: 2020-06\n"
    "            reason: Budget setting moved to June\n"
)
REVISED_11_AGAIN = REVISED_11 + (
    "          - date: 2020-04-03\n"
    "            target: 2020-09\n"
    "            reason: Budget deferred by the pandemic\n"
    "        status: in-progress\n"
    "        progress:\n"
    "          - date: 2020-04-03\n"
    "            note: Bid drafted for the September budget\n"
)


def build_repo(repo: Path) -> Path:
    """The repository of the module docstring, in `repo` (which must exist and be empty)."""
    git(repo, "init", "-q", "-b", "main")
    (repo / "plans").mkdir()
    plan = repo / FIRST
    plan.write_bytes(SOURCE.read_bytes())

    def commit(when: str, message: str) -> None:
        git(repo, "add", "-A", "plans")
        git(repo, "commit", "-q", "-m", message, when=when)

    commit("2020-01-06", "Add the Southampton plan")
    git(repo, "tag", "meeting/2020-01-06")
    _edit(plan, A21, A21 + DONE_21)
    commit("2020-01-13", "2.1 done")
    git(repo, "tag", "meeting/2020-01-15")
    _edit(plan, A16, A16 + PROGRESS_16)
    commit("2020-01-20", "1.6: campaign plan drafted")
    _edit(plan, A14, A14 + DONE_14)
    commit("2020-02-03", "1.4 done")
    _edit(plan, A21 + DONE_21, A21 + REOPENED_21)
    commit("2020-02-10", "2.1 reopened")
    _edit(plan, A11, A11 + REVISED_11)
    commit("2020-02-17", "1.1: target revised to June")
    _edit(plan, A17, A17 + A18)
    commit("2020-02-24", "1.8 added")
    _edit(plan, A17, "")
    commit("2020-03-02", "1.7 deleted")
    git(repo, "mv", FIRST, RENAMED)
    commit("2020-03-09", "Rename the plan file")
    git(repo, "tag", "meeting/2020-03-10")
    _edit(repo / RENAMED, A11 + REVISED_11, A11 + REVISED_11_AGAIN)
    commit("2020-04-06", "1.1: revised again, bid drafted")
    return repo


_BUILT: dict[Path, Path] = {}


def shared_repo(factory: pytest.TempPathFactory) -> Path:
    """The repository, built once per test process (the tests only read it)."""
    base = factory.getbasetemp()
    if base not in _BUILT:
        _BUILT[base] = build_repo(factory.mktemp("history-repo"))
    return _BUILT[base]
