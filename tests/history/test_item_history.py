"""`actionplan history ID`: one action's life along the scripted history (history_repo.py)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from history_repo import FIRST, RENAMED, git, shared_repo

from actionplan.history.git import Repository
from actionplan.history.reader import PlanReader
from actionplan.reports.history import ItemHistory, ItemNotFound, item_history
from actionplan.schedule import RagRating
from conftest import RunCli


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_repo(tmp_path_factory)


def life(repo: Path, ident: str) -> ItemHistory:
    reader = PlanReader(Repository(repo), [Path("plans")])
    return item_history(reader.along(containing=[ident]), ident)


def test_the_revised_action_shows_each_step(repo: Path) -> None:
    item = life(repo, "1.1")
    assert (item.plan, item.kind) == ("southampton-domestic-abuse-2019", "action")
    steps = [(s.day, s.path, s.target, s.status, s.rag, s.changes, s.notes) for s in item.steps]
    assert steps == [
        (date(2020, 1, 6), FIRST, "2020-02", "not-started", RagRating.GREEN, ("added",), ()),
        (
            date(2020, 2, 17),
            FIRST,
            "2020-06",
            "not-started",
            RagRating.GREEN,
            ("target 2020-02 → 2020-06, +122 days (revised: Budget setting moved to June)",),
            (),
        ),
        (
            date(2020, 4, 6),
            RENAMED,
            "2020-09",
            "in-progress",
            RagRating.GREEN,
            (
                "status not-started → in-progress",
                "target 2020-06 → 2020-09, +92 days (revised: Budget deferred by the pandemic)",
                "progress recorded",
            ),
            ("2020-04-03: Bid drafted for the September budget",),
        ),
    ]
    assert [s.author for s in item.steps] == ["Ann Officer"] * 3
    # 2020-02-29 to 2020-09-30; the rename in between changed nothing of 1.1's.
    assert (item.first_target, item.last_target, item.slippage_days) == ("2020-02", "2020-09", 214)


def test_reopened_and_deleted_actions(repo: Path) -> None:
    reopened = life(repo, "2.1")
    assert [(s.day, s.status, s.rag, s.changes) for s in reopened.steps] == [
        (date(2020, 1, 6), "not-started", RagRating.GREEN, ("added",)),
        (date(2020, 1, 13), "done", RagRating.COMPLETE, ("status not-started → done",)),
        (
            date(2020, 2, 10),
            "in-progress",
            RagRating.GREEN,
            ("reopened: done → in-progress", "progress recorded"),
        ),
    ]
    deleted = life(repo, "1.7")
    assert [(s.day, s.status, s.changes) for s in deleted.steps] == [
        (date(2020, 1, 6), "not-started", ("added",)),
        (date(2020, 3, 2), "deleted", ("deleted",)),
    ]


def test_a_recommendation_rolls_up_its_actions(repo: Path) -> None:
    item = life(repo, "1")
    assert item.kind == "recommendation"
    assert [(s.day, s.status, s.changes) for s in item.steps] == [
        (date(2020, 1, 6), "0 of 7 closed", ("added",)),
        (
            date(2020, 1, 20),
            "0 of 7 closed",
            ("1.6: status not-started → in-progress", "1.6: progress recorded"),
        ),
        (
            date(2020, 2, 3),
            "1 of 7 closed",
            ("1.4: status not-started → done", "1.4: progress recorded"),
        ),
        (
            date(2020, 2, 17),
            "1 of 7 closed",
            ("1.1: target 2020-02 → 2020-06, +122 days (revised: Budget setting moved to June)",),
        ),
        (date(2020, 2, 24), "1 of 8 closed", ("1.8: added (not-started, target 2020-12)",)),
        (date(2020, 3, 2), "1 of 7 closed", ("1.7: deleted",)),
        (
            date(2020, 4, 6),
            "1 of 7 closed",
            (
                "1.1: status not-started → in-progress",
                "1.1: target 2020-06 → 2020-09, +92 days (revised: Budget deferred by the "
                "pandemic)",
                "1.1: progress recorded",
            ),
        ),
    ]


def test_an_unknown_id(repo: Path) -> None:
    with pytest.raises(ItemNotFound) as raised:
        life(repo, "99.9")
    assert str(raised.value) == (
        "no recommendation or action has id '99.9' in any commit of these plans' history: run "
        "'actionplan status' to see the ids"
    )


def test_the_cli(repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    head = git(repo, "rev-parse", "HEAD").strip()
    result = run("history", "1.1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        "History of action 1.1 (plan southampton-domestic-abuse-2019)",
        "",
        "Finance required {secure}: Local Authority (SCC) commitment (Budget setting 2020)",
        f"3 commits changed it, up to {head[:10]}. Total slippage: 214 days later (first target "
        "2020-02, last 2020-09).",
    ]
    data = json.loads(run("history", "1.1", "plans", "--until", "2020-03-01", "-f", "json").stdout)
    assert [s["date"] for s in data["steps"]] == ["2020-01-06", "2020-02-17"]
    assert data["slippage_days"] == 122
    assert run("history", "1.1", "--until", "nowhere").stderr.startswith(
        "Error: revision 'nowhere' does not exist"
    )
