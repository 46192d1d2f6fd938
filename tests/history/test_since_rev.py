"""`status/report --since-rev REV` and `--from-history` on owners, report and cost-summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from history_repo import git, shared_repo

from conftest import RunCli


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_repo(tmp_path_factory)


def test_status_since_rev_adds_the_difference_from_that_revision(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    plain = run("status", "--as-of", "2020-03-10")
    result = run("status", "--as-of", "2020-03-10", "--since-rev", "meeting/2020-01-15")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(plain.stdout)
    diff = run("diff", "meeting/2020-01-15", "--as-of", "2020-03-10")
    assert result.stdout[len(plain.stdout) :].lstrip("\n") == diff.stdout
    both = json.loads(
        run(
            "status", "--as-of", "2020-03-10", "--since-rev", "meeting/2020-01-15", "-f", "json"
        ).stdout
    )
    alone = json.loads(
        run("diff", "meeting/2020-01-15", "--as-of", "2020-03-10", "-f", "json").stdout
    )
    assert both["since_rev"] == alone
    plain_document = json.loads(run("status", "--as-of", "2020-03-10", "-f", "json").stdout)
    assert both["summary"] == plain_document["summary"]


def test_report_since_rev_ends_with_the_waterfall(
    repo: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    result = run("report", "--as-of", "2020-03-10", "--since-rev", "meeting/2020-01-15")
    assert result.exit_code == 0, result.stderr
    diff = run("diff", "meeting/2020-01-15", "--as-of", "2020-03-10", "-f", "markdown").stdout
    assert result.stdout.endswith(diff)


@pytest.mark.parametrize(
    "command",
    [("owners",), ("report",), ("cost-summary",), ("owners", "-f", "json")],
)
def test_from_history_equals_the_command_on_a_checkout(
    repo: Path,
    tmp_path: Path,
    run: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    command: tuple[str, ...],
) -> None:
    day = "2020-02-05"
    checkout = tmp_path / "checkout"
    git(tmp_path, "clone", "-q", str(repo), str(checkout))
    commit = git(checkout, "rev-list", "-1", "--first-parent", f"--before={day} 23:59:59", "HEAD")
    git(checkout, "checkout", "-q", commit.strip())
    monkeypatch.chdir(checkout)
    expected = run(*command, "--as-of", day) if command[0] != "cost-summary" else run(*command)
    assert expected.exit_code == 0, expected.stderr
    monkeypatch.chdir(repo)
    result = run(*command, "--as-of", day, "--from-history")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == expected.stdout
    assert "The plans as they were in git at 2020-02-05" in result.stderr


def test_cost_summary_as_of_alone_changes_nothing(
    run: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    plain = run("cost-summary")
    dated = run("cost-summary", "--as-of", "2020-02-05")
    assert (dated.exit_code, dated.stdout) == (plain.exit_code, plain.stdout)


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "internal-audit-tracker.yaml"


def test_since_rev_leaves_exempt_items_out_of_a_document(
    tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress on 2.2 and on exempt 5.2 after the last meeting: the published paper's changes
    name 2.2 only; with --include-exempt, 5.2 too (and the JSON, working data, always)."""
    plans = tmp_path / "plans"
    plans.mkdir()
    plan = plans / "audit.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "tracker", when="2026-11-01")
    git(tmp_path, "tag", "meeting")
    for entry in (
        '            by: Sam Example\n      - id: "2.3"',
        '            by: Sam Example\n\n  - id: "6"',
    ):
        assert text.count(entry) == 1, entry
        note = "          - {date: 2026-11-20, note: Recorded after the meeting}\n"
        text = text.replace(entry, entry.replace("Sam Example\n", f"Sam Example\n{note}", 1))
    plan.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ("--as-of", "2026-11-30", "--since-rev", "meeting")
    published = run("report", *args, "--charts", "none")
    assert published.exit_code == 0, published.stderr
    recorded = [line for line in published.stdout.splitlines() if "Recorded after" in line]
    assert [line.split("|")[1].strip() for line in recorded] == ["2.2"]
    private = run("report", *args, "--charts", "none", "--include-exempt").stdout
    recorded = [line for line in private.splitlines() if "Recorded after" in line]
    assert [line.split("|")[1].strip() for line in recorded] == ["2.2", "5.2"]
    data = json.loads(run("status", *args, "-f", "json").stdout)["since_rev"]
    assert [c["id"] for c in data["plans"][0]["changes"] if c["change"] == "progress"] == [
        "2.2",
        "5.2",
    ]
