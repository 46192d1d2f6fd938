"""`status --as-of D --from-history`: a past meeting's status with one command, the same bytes
as `status --as-of D` on a checkout of that day's commit."""

from __future__ import annotations

from pathlib import Path

import pytest
from history_repo import git, shared_repo

from conftest import RunCli


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_repo(tmp_path_factory)


@pytest.mark.parametrize(
    ("day", "format"), [("2020-02-05", "table"), ("2020-03-09", "json"), ("2020-04-30", "table")]
)
def test_status_from_history_equals_status_on_a_checkout(
    repo: Path,
    tmp_path: Path,
    run: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    day: str,
    format: str,
) -> None:
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(repo), str(checkout))
    commit = git(checkout, "rev-list", "-1", "--first-parent", f"--before={day} 23:59:59", "HEAD")
    git(checkout, "checkout", "-q", commit.strip())
    monkeypatch.chdir(checkout)
    expected = run("status", "--as-of", day, "--format", format)
    assert expected.exit_code == 0, expected.stderr
    monkeypatch.chdir(repo)
    result = run("status", "--as-of", day, "--from-history", "--format", format)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout
    assert result.stderr.startswith(
        f"The plans as they were in git at {day} (the last commit on or before it: "
        f"{commit.strip()[:10]} of "
    )


def test_a_day_before_the_history_is_an_error(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = run("status", "--as-of", "2019-06-01", "--from-history")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: no commit on or before 2019-06-01: the history starts later (the oldest is "
    )
