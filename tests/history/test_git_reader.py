"""The git reader: revisions as a committee names them, the messages that say what to do, and
plans read at a revision with each distinct blob parsed once (history_repo.py has the history)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from history_repo import FIRST, RENAMED, git, shared_repo

from actionplan.history.git import GitProblem, Repository
from actionplan.history.reader import PlanReader, is_plan
from conftest import RunCli


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_repo(tmp_path_factory)


def commit_of(repo: Path, rev: str) -> str:
    return git(repo, "rev-parse", f"{rev}^{{commit}}").strip()


def test_a_tag_a_branch_and_a_commit_resolve(repo: Path) -> None:
    git_repo = Repository(repo)
    tag = git_repo.resolve("meeting/2020-01-15")
    assert tag.commit.id == commit_of(repo, "meeting/2020-01-15")
    assert (tag.commit.day, tag.commit.author, tag.commit.subject) == (
        date(2020, 1, 13),
        "Ann Officer",
        "2.1 done",
    )
    assert tag.describe() == f"meeting/2020-01-15 ({tag.commit.id[:10]}, 2020-01-13)"
    assert git_repo.resolve("main").commit.subject == "1.1: revised again, bid drafted"
    short = tag.commit.id[:7]
    assert git_repo.resolve(short).describe() == f"{tag.commit.id[:10]} (2020-01-13)"


def test_a_date_is_the_last_first_parent_commit_on_or_before_its_end(repo: Path) -> None:
    git_repo = Repository(repo)
    # c3 is of 2020-02-03 at noon: that day itself, and any day up to c4's, resolve to it.
    for day in ("2020-02-03", "2020-02-05", "2020-02-09"):
        revision = git_repo.resolve(day)
        assert revision.commit.id == commit_of(repo, "main~6"), day
        assert revision.describe() == (
            f"{day} (the last commit on or before it: {revision.commit.id[:10]} of "
            "2020-02-03, '1.4 done')"
        )


@pytest.mark.parametrize(
    ("rev", "message"),
    [
        (
            "meeting/1999",
            "revision 'meeting/1999' does not exist: give a commit, a tag (e.g. "
            "meeting/2026-03-14), a branch or a date YYYY-MM-DD ('git tag' lists the tags)",
        ),
        ("2019-12-31", "no commit on or before 2019-12-31: the history starts later (the oldest "),
        ("2020-02-30", "'2020-02-30' is not a real calendar date: check the month and day"),
    ],
)
def test_a_revision_that_does_not_exist_is_named(repo: Path, rev: str, message: str) -> None:
    with pytest.raises(GitProblem) as raised:
        Repository(repo).resolve(rev)
    assert str(raised.value).startswith(message)


def test_not_in_a_repository(tmp_path: Path) -> None:
    with pytest.raises(GitProblem) as raised:
        Repository(tmp_path)
    assert str(raised.value) == (
        f"{tmp_path} is not in a git repository: the history commands read the plans' past "
        "from git; run them inside the repository that holds the plans (or 'git init' and "
        "commit the plans first)"
    )


def test_git_not_installed(repo: Path) -> None:
    with pytest.raises(GitProblem) as raised:
        Repository(repo, git="no-such-git-here")
    assert str(raised.value).startswith("git is not installed (or not on PATH)")


def test_a_shallow_clone_says_to_fetch_more_history(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    git_repo = Repository(shallow)
    assert git_repo.shallow
    old = commit_of(repo, "meeting/2020-01-15")
    for rev in ("meeting/2020-01-15", old):
        with pytest.raises(GitProblem) as raised:
            git_repo.resolve(rev)
        assert str(raised.value) == (
            f"revision '{rev}' is not in this shallow clone: fetch more history ('git fetch "
            "--unshallow', or 'git fetch --tags --deepen=N') and run again"
        )
    with pytest.raises(GitProblem) as raised:
        git_repo.resolve("2020-02-01")
    assert "in this shallow clone" in str(raised.value)
    assert "git fetch --unshallow" in str(raised.value)


def test_history_in_a_shallow_clone_says_it_may_be_short(
    repo: Path, tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    monkeypatch.chdir(shallow)
    result = run("history", "1.1")
    assert result.exit_code == 0
    assert "1 commit changed it" in result.stdout
    assert result.stderr == (
        "This is a shallow clone: its history starts at the first commit above, which may not "
        "be where the item began; run 'git fetch --unshallow' for all of it.\n"
    )
    result = run("diff", "meeting/2020-01-15")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: revision 'meeting/2020-01-15' is not in this shallow clone: fetch more history "
        "('git fetch --unshallow', or 'git fetch --tags --deepen=N') and run again\n"
    )


def test_plans_at_a_revision_are_read_by_their_id_whatever_the_path(repo: Path) -> None:
    reader = PlanReader(Repository(repo), [Path("plans")])
    git_repo = reader.repo
    before = reader.at(git_repo.resolve("meeting/2020-01-15")).check()
    after = reader.at(git_repo.resolve("meeting/2020-03-10")).check()
    assert [p.path for p in before.plans] == [FIRST]
    assert [p.path for p in after.plans] == [RENAMED]
    assert before.by_id().keys() == after.by_id().keys() == {"southampton-domestic-abuse-2019"}
    assert (before.as_of, after.as_of) == (date(2020, 1, 13), date(2020, 3, 9))


def test_each_distinct_blob_is_parsed_once(repo: Path) -> None:
    reader = PlanReader(Repository(repo), [Path("plans")])
    states = [(c.subject, [p.path for p in plans]) for c, plans in reader.along()]
    assert len(states) == 10
    assert states[-2] == ("Rename the plan file", [RENAMED])
    # Ten commits, nine distinct blobs: the rename changed no byte, so it is not parsed again.
    assert reader.parses == 9
    reader.at(reader.repo.resolve("meeting/2020-03-10"))
    assert reader.parses == 9


def test_which_files_are_plans_is_discovers_rule() -> None:
    named = ["plans", "other/named.txt"]
    assert is_plan("plans/a.yaml", named)
    assert is_plan("plans/sub/b.yml", named)
    assert is_plan("other/named.txt", named)  # named on the command line: always read
    assert not is_plan("plans/notes.txt", named)
    assert not is_plan("plans/.hidden/a.yaml", named)
    assert not is_plan("plans/actionplan.toml", named)
    assert not is_plan("plans/mkdocs.yml", named)
    assert not is_plan("elsewhere/a.yaml", named)
    assert is_plan("a.yaml", ["."])
