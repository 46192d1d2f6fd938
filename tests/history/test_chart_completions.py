"""report --from-history: a done action whose plan records no completion date is dated, in the
chart of completions, by the commit that marked it done (the last time, if it was reopened)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from history_repo import git

if TYPE_CHECKING:
    from conftest import RunCli

# Invented for this test: 1.1 is marked done with no date, reopened, then done again; 1.2 is
# done with its date.
PLAN = """\
format: 2
plan: {{id: dated, title: Dated plan, organisation: Testborough, source: Invented}}
recommendations:
  - id: "1"
    title: Two things
    actions:
      - id: "1.1"
        text: The first thing
        owners: [Officer]
        target: 2020-01
{one}
      - id: "1.2"
        text: The second thing
        owners: [Officer]
        target: 2020-02
{two}
"""
DONE = "        status: done"
DONE_ON = "        status: done\n        completed: 2020-02-08"
OPEN = "        status: in-progress"
COMMITS = [
    ("2020-01-06", OPEN, OPEN),
    ("2020-02-03", DONE, OPEN),
    ("2020-02-10", DONE, DONE_ON),
    ("2020-03-02", OPEN, DONE_ON),  # 1.1 reopened
    ("2020-03-09", DONE, DONE_ON),  # and done again
]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    plan = tmp_path / "plans" / "dated.yaml"
    plan.parent.mkdir()
    for day, one, two in COMMITS:
        plan.write_text(PLAN.format(one=one, two=two), encoding="utf-8")
        git(tmp_path, "add", "plans")
        git(tmp_path, "commit", "-q", "-m", f"as of {day}", when=day)
    return tmp_path


def completed_by_month(page: str) -> list[tuple[str, str]]:
    """The completion chart's points: (up to, completed)."""
    return re.findall(r'data-series="completed" data-until="([\d-]+)" data-count="(\d+)"', page)


def test_git_dates_the_completion_the_plan_does_not(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    args = ("report", "--as-of", "2020-03-15", "-f", "html")
    from_file = run(*args).stdout
    assert completed_by_month(from_file) == [
        ("2020-01-31", "0"),
        ("2020-02-29", "1"),
        ("2020-03-15", "1"),
    ]
    assert "Not counted: 1 done action with no completion date recorded." in from_file
    from_git = run(*args, "--from-history").stdout
    # 1.1 was first marked done on 3 February, but reopened: it counts from 9 March.
    assert completed_by_month(from_git) == [
        ("2020-01-31", "0"),
        ("2020-02-29", "1"),
        ("2020-03-15", "2"),
    ]
    assert (
        "1 completion with no date in the plan is dated by the commit that marked it done."
        in from_git
    )
    assert "Not counted" not in from_git
