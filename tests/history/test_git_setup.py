"""`actionplan git-setup`: the .gitattributes lines and git settings of the merge driver."""

from __future__ import annotations

from pathlib import Path

import pytest
from history_repo import git

from actionplan.cli.git_setup import attribute_lines
from conftest import RunCli

LINES = ["plans/**/*.yaml merge=actionplan", "plans/**/*.yml merge=actionplan"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_dry_run_shows_both_and_writes_nothing(repo: Path, run: RunCli) -> None:
    result = run("git-setup", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        ".gitattributes: would add",
        *(f"  {line}" for line in LINES),
        "git config (this clone): would set",
        "  merge.actionplan.name = actionplan: merge plan files by their ids",
        "  merge.actionplan.driver = actionplan merge-driver %O %A %B %P",
    ]
    assert result.stderr.startswith("dry run: nothing written\n")
    assert not (repo / ".gitattributes").exists()
    assert git(repo, "config", "--local", "--list").count("merge.actionplan") == 0


def test_setup_adds_to_existing_attributes_once(repo: Path, run: RunCli) -> None:
    (repo / ".gitattributes").write_text("*.png binary", encoding="utf-8")  # no final newline
    first = run("git-setup")
    assert first.exit_code == 0
    assert first.stdout.splitlines()[-1] == (
        "Commit .gitattributes, so that every clone merges the plans by their ids."
    )
    again = run("git-setup")
    assert again.stdout.splitlines() == [
        ".gitattributes: already has the merge driver's lines",
        "git config (this clone): already set",
    ]
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == "*.png binary\n" + "".join(
        f"{line}\n" for line in LINES
    )
    assert git(repo, "config", "--local", "merge.actionplan.driver") == (
        "actionplan merge-driver %O %A %B %P\n"
    )


def test_folders_are_named_from_the_top_of_the_repository(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "audit" / "trackers").mkdir(parents=True)
    monkeypatch.chdir(repo / "audit")
    assert run("git-setup", "trackers").exit_code == 0
    assert (repo / ".gitattributes").read_text(encoding="utf-8") == (
        "audit/trackers/**/*.yaml merge=actionplan\naudit/trackers/**/*.yml merge=actionplan\n"
    )


def test_attribute_lines_for_the_top_of_the_repository() -> None:
    assert attribute_lines([""]) == ["*.yaml merge=actionplan", "*.yml merge=actionplan"]


def test_outside_a_repository_is_one_clear_error(
    tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    result = run("git-setup")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path} is not in a git repository: git-setup sets git up to merge the "
        "plans by their ids; run it inside the repository that holds the plans (or 'git init' "
        "first)\n"
    )
