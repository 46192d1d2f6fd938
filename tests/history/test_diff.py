"""`actionplan diff` between two meetings' tags of the scripted history (history_repo.py): every
change listed, exactly, and the waterfall reconciling with the figures counted by hand."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from history_repo import FIRST, RENAMED, git, shared_repo

from actionplan.history.git import Repository
from actionplan.history.reader import PlanReader
from actionplan.model.plan import Status
from actionplan.reports.history import (
    ActionRef,
    Added,
    Closed,
    Deleted,
    DiffReport,
    Recorded,
    Reopened,
    Slipped,
    Waterfall,
    diff_report,
)
from actionplan.schedule import RagRating
from conftest import RunCli

PLAN = "southampton-domestic-abuse-2019"
# The actions whose target is February 2020: GREEN on 2020-01-13 (due in more than 30 days),
# RED on 2020-03-09 (due 2020-02-29). 1.1 was revised to June and 1.4 is done: not among them.
FEBRUARY = ["1.2", "1.5", "4.3", "4.4", "5.2", "5.3", "5.6", "6.2", "6.3", "7.1", "7.2"]
FEBRUARY += ["8.2", "8.3", "9.1", "9.2"]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_repo(tmp_path_factory)


def between(repo: Path, old: str, new: str) -> DiffReport:
    reader = PlanReader(Repository(repo), [Path("plans")])
    return diff_report(
        reader.at(reader.repo.resolve(old)).check(), reader.at(reader.repo.resolve(new)).check()
    )


def ref(rec: str, ident: str, text: str) -> ActionRef:
    return ActionRef(PLAN, rec, ident, text)


def test_diff_between_two_meetings_lists_exactly_the_edits(repo: Path) -> None:
    report = between(repo, "meeting/2020-01-15", "meeting/2020-03-10")
    (plan,) = report.plans
    assert (plan.plan, plan.old_path, plan.new_path, plan.renamed) == (PLAN, FIRST, RENAMED, True)
    focus = "Focus: Agree a clear focus around perpetrators and where focus is aimed at"
    media = (
        "Communications Team to lead the dialogue with media outlets /press, supported by SCC "
        "leads for DSA"
    )
    assert plan.closed == [Closed(ref("1", "1.4", focus), "done", date(2020, 2, 1))]
    assert plan.reopened == [Reopened(ref("2", "2.1", media), "done", Status.IN_PROGRESS)]
    assert plan.added == [
        Added(
            ref("1", "1.8", "Evaluate the campaign's reach with the Hampton Trust"),
            "not-started",
            True,
        )
    ]
    assert plan.deleted == [
        Deleted(ref("1", "1.7", "Reporting through DSA to SCP"), "not-started", True)
    ]
    finance = "Finance required {secure}: Local Authority (SCC) commitment (Budget setting 2020)"
    # 2020-02-29 to 2020-06-30: 122 days, with a `revisions:` entry.
    assert plan.slipped == [
        Slipped(
            ref("1", "1.1", finance),
            "2020-02",
            "2020-06",
            122,
            True,
            "Budget setting moved to June",
        )
    ]
    assert [(r.action.id, r.old, r.new) for r in plan.rag_changes] == [
        (ident, RagRating.GREEN, RagRating.RED) for ident in FEBRUARY
    ]
    assert plan.rag_changes[0].reason == "overdue: due 2020-02-29, 9 days ago"
    campaign = ref("1", "1.6", "")
    assert [(r.action.id, r.on, r.note, r.status) for r in plan.recorded] == [
        ("1.4", date(2020, 2, 1), "Focus agreed at the DSA board", Status.DONE),
        (campaign.id, date(2020, 1, 17), "Campaign plan drafted with the Hampton Trust", None),
        ("2.1", date(2020, 2, 7), "Reopened: the press guidelines changed", Status.IN_PROGRESS),
    ]
    assert all(isinstance(r, Recorded) for r in plan.recorded)


def test_the_waterfall_reconciles(repo: Path) -> None:
    report = between(repo, "meeting/2020-01-15", "meeting/2020-03-10")
    # 63 actions, 2.1 done: 62 open. + 1.8 + 2.1 - 1.4 - 1.7 = 62. Overdue on 2020-01-13: the
    # two due November 2019 (1.6; 2.2's first milestone); on 2020-03-09 the fifteen of February
    # as well.
    assert report.waterfall == Waterfall(
        open_old=62,
        added=1,
        reopened=1,
        closed=1,
        deleted=1,
        open_new=62,
        overdue_old=2,
        overdue_new=17,
    )
    assert report.waterfall.reconciles
    assert report.plans[0].waterfall == report.waterfall


def test_a_waterfall_that_does_not_add_up_says_so() -> None:
    assert not Waterfall(open_old=3, closed=1, open_new=3).reconciles
    assert Waterfall(open_old=3, closed=1, open_new=2).reconciles


def test_from_the_first_commit_to_the_last_every_term_is_counted(repo: Path) -> None:
    report = between(repo, "meeting/2020-01-06", "main")
    w = report.waterfall
    assert (w.open_old, w.added, w.reopened, w.closed, w.deleted, w.open_new) == (
        63,
        1,
        0,
        1,
        1,
        62,
    )
    assert [s.action.id for s in report.plans[0].slipped] == ["1.1"]
    assert (report.plans[0].slipped[0].new, report.plans[0].slipped[0].days) == ("2020-09", 214)


def test_the_cli_names_each_end_and_the_commit_a_date_resolved_to(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    old = git(repo, "rev-parse", "main~6").strip()
    new = git(repo, "rev-parse", "meeting/2020-03-10^{commit}").strip()
    result = run("diff", "2020-02-05", "meeting/2020-03-10")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:5] == [
        "Changes from 2020-02-05 to meeting/2020-03-10",
        "",
        f"  From: 2020-02-05 (the last commit on or before it: {old[:10]} of 2020-02-03, "
        "'1.4 done'), as of 2020-02-03",
        f"  To: meeting/2020-03-10 ({new[:10]}, 2020-03-09), as of 2020-03-09",
        "",
    ]
    data = json.loads(run("diff", "2020-02-05", "meeting/2020-03-10", "-f", "json").stdout)
    assert data["from"] == {
        "revision": f"2020-02-05 (the last commit on or before it: {old[:10]} of 2020-02-03, "
        "'1.4 done')",
        "commit": old,
        "as_of": "2020-02-03",
    }
    assert data["waterfall"] == {
        "open_at_start": 61,  # 1.4 and 2.1 done by then
        "added": 1,
        "reopened": 1,
        "closed": 0,
        "deleted": 1,
        "open_at_end": 62,
        "overdue_at_start": 2,
        "overdue_at_end": 17,
    }
    changes = data["plans"][0]["changes"]
    assert [(c["change"], c["id"]) for c in changes if c["change"] != "rag"] == [
        ("reopened", "2.1"),
        ("added", "1.8"),
        ("deleted", "1.7"),
        ("target moved", "1.1"),
        ("progress", "2.1"),
    ]


def test_markdown_html_and_csv_come_through_the_one_render(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    args = ("diff", "meeting/2020-01-15", "meeting/2020-03-10")
    markdown = run(*args, "--format", "markdown").stdout
    assert markdown.startswith("# Changes from meeting/2020-01-15 to meeting/2020-03-10\n")
    row = [c.strip() for c in markdown.splitlines()[9].split("|")]
    assert row == ["", PLAN, "62", "1", "1", "1", "1", "62", "2", "17", ""]
    html = run(*args, "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Changes from meeting/2020-01-15 to meeting/2020-03-10</title>" in html
    csv = run(*args, "--format", "csv").stdout.splitlines()
    assert csv[0] == "plan,change,recommendation,id,text,before,after,days,date,detail"
    assert csv[5] == (
        f"{PLAN},target moved,1,1.1,Finance required {{secure}}: Local Authority (SCC) "
        "commitment (Budget setting 2020),2020-02,2020-06,122,,revision: Budget setting moved "
        "to June"
    )


def test_new_defaults_to_the_working_tree(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = run("diff", "meeting/2020-03-10", "--as-of", "2020-04-06", "-f", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["to"] == {"revision": "the working tree", "commit": None, "as_of": "2020-04-06"}
    assert [(c["change"], c["id"]) for c in data["plans"][0]["changes"]] == [
        ("target moved", "1.1"),
        ("progress", "1.1"),
    ]


def test_from_a_subdirectory_the_plan_in_its_place_is_not_renamed(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo / "plans")
    result = run("diff", "meeting/2020-03-10", "--path", ".", "--as-of", "2020-04-06", "-f", "json")
    assert result.exit_code == 0, result.stderr
    plan = json.loads(result.stdout)["plans"][0]
    assert (plan["old_path"], plan["new_path"]) == (RENAMED, RENAMED)


def test_errors_are_one_line_and_exit_1(
    repo: Path, tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = run("diff", "meeting/1999")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: revision 'meeting/1999' does not exist")
    monkeypatch.chdir(tmp_path)
    result = run("diff", "meeting/2020-01-15")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path} is not in a git repository: the history commands read the plans' "
        "past from git; run them inside the repository that holds the plans (or 'git init' "
        "and commit the plans first)\n"
    )
