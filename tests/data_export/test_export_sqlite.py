"""The SQLite export against `status --format json` and the cost report, on the bundled plans
and the audit example: action for action, the overdue view, and money to the penny."""

from __future__ import annotations

import functools
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from actionplan.data import tables as t
from actionplan.data.sqlite import APPLICATION_ID, VIEWS
from actionplan.load import load_plan
from actionplan.reports.board import published_parts
from actionplan.reports.costs import GroupBy, cost_summary, totals_by
from cli_run import invoke
from conftest import ROOT
from export_run import run_export

PLANS = [ROOT / "plans", ROOT / "examples" / "internal-audit-tracker.yaml"]
DATES = ["2020-03-01", "2026-11-30"]  # the bundled plans' meeting, the example's


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled plans and the example exported with everything, as of each date."""
    folder = tmp_path_factory.mktemp("export")
    made = {}
    for day in DATES:
        made[day] = folder / f"plans-{day}.db"
        run_export(*PLANS, "-f", "sqlite", "-o", made[day], "--as-of", day, "--include-exempt")
    return made


@functools.cache
def status_json(day: str) -> dict[str, Any]:
    args = ["status", *map(str, PLANS), "--format", "json", "--as-of", day]
    result = invoke(args)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def query(db: Path, sql: str) -> list[dict[str, Any]]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    return [dict(row) for row in con.execute(sql)]


@pytest.mark.parametrize("day", DATES)
def test_every_action_is_as_status_has_it(exports: dict[str, Path], day: str) -> None:
    fields = ["target", "due_date", "status", "rag", "days_overdue", "last_update"]
    expected = {
        (a["plan"], a["recommendation"], a["id"]): {
            **{f: a[f] for f in fields},
            "owners": "; ".join(a["owners"]) or None,
        }
        for a in status_json(day)["actions"]
    }
    rows = query(exports[day], "SELECT * FROM action_status")
    got = {
        (r["plan_id"], r["recommendation"], r["id"]): {
            **{f: r["current_target" if f == "target" else f] for f in fields},
            "owners": r["owners"],
        }
        for r in rows
    }
    assert len(rows) == len(got) == 65
    assert got == expected


@pytest.mark.parametrize(
    ("day", "overdue"),
    [
        ("2020-03-01", 12),  # Southampton's, as its README example shows
        ("2026-11-30", 18),  # the example's 1.2 and 3.1, and 16 of Southampton's by then
    ],
)
def test_the_overdue_view_is_statuss_overdue_actions(
    exports: dict[str, Path], day: str, overdue: int
) -> None:
    expected = {
        (a["plan"], a["id"]): a["days_overdue"] for a in status_json(day)["actions"] if a["overdue"]
    }
    rows = query(exports[day], "SELECT plan_id, id, days_overdue FROM overdue_actions")
    assert {(r["plan_id"], r["id"]): r["days_overdue"] for r in rows} == expected
    assert len(rows) == overdue
    days = [r["days_overdue"] for r in rows]
    assert days == sorted(days, reverse=True)


def test_the_example_as_of_its_day(exports: dict[str, Path]) -> None:
    db = exports["2026-11-30"]
    overdue = query(
        db,
        "SELECT id, due_date, days_overdue, owners FROM overdue_actions "
        "WHERE plan_id = 'exampleton-audit-tracker'",
    )
    assert overdue == [
        {"id": "1.2", "due_date": "2026-09-30", "days_overdue": 61, "owners": "ICT Manager"},
        {"id": "3.1", "due_date": "2026-10-31", "days_overdue": 30, "owners": "Head of ICT"},
    ]
    slipped = query(
        db,
        "SELECT id, original_target, original_due, current_target, due_date, revision_count, "
        "slippage_days, last_revised FROM action_slippage WHERE revision_count > 0 "
        "AND plan_id = 'exampleton-audit-tracker'",
    )
    assert slipped[0] == {
        "id": "1.2",
        "original_target": "2026-06",
        "original_due": "2026-06-30",
        "current_target": "2026-09",
        "due_date": "2026-09-30",
        "revision_count": 1,
        "slippage_days": 92,
        "last_revised": "2026-06-20",
    }
    assert query(db, "SELECT value FROM metadata WHERE name = 'as_of'") == [{"value": "2026-11-30"}]


def test_money_is_exact_and_adds_up_as_the_cost_report_does(exports: dict[str, Path]) -> None:
    db = exports["2020-03-01"]
    money = [
        ("costs", "amount"),
        ("costs", "high"),
        ("costs", "units_rate"),
        ("plans", "stated_total"),
    ]
    for table, column in money:
        for row in query(db, f"SELECT {column} AS d, {column}_pence AS p FROM {table}"):
            assert (row["d"] is None) == (row["p"] is None)
            if row["d"] is not None:
                assert isinstance(row["d"], str) and isinstance(row["p"], int)
                assert Decimal(row["d"]) * 100 == row["p"], (table, column, row)
    plans = [loaded.plan for path in _files() if (loaded := load_plan(path)[0]) is not None]
    summary = cost_summary(plans)
    by_plan = {r["plan_id"]: r for r in query(db, "SELECT * FROM costs_by_plan")}
    assert len(by_plan) == 3
    for totals in summary.plans:
        row = by_plan[totals.plan]
        assert (Decimal(row["total"]), Decimal(row["high_total"])) == (
            totals.total.low,
            totals.total.high,
        )
        assert (Decimal(row["one_off"]), Decimal(row["per_year"])) == (
            totals.one_off.low,
            totals.per_year.low,
        )
        assert row["cost_lines"] == totals.lines
    assert by_plan["southampton-domestic-abuse-2019"]["total"] == "136317.00"
    assert by_plan["southampton-domestic-abuse-2019"]["difference_pence"] == 18000  # AP204's £180
    themes = {
        (r["plan_id"], r["theme_title"]): (Decimal(r["total"]), Decimal(r["high_total"]))
        for r in query(db, "SELECT * FROM costs_by_theme")
    }
    assert themes == {
        (g.plan, g.group): (g.total.low, g.total.high) for g in totals_by(summary, GroupBy.THEME)
    }


def _files() -> list[Path]:
    return [*sorted((ROOT / "plans").glob("*.yaml")), PLANS[1]]


def test_keys_hold_and_the_file_says_what_it_is(exports: dict[str, Path]) -> None:
    con = sqlite3.connect(exports["2020-03-01"])
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert con.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    names = con.execute(
        "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'view') "
        "AND name NOT LIKE 'sqlite%'"
    )
    assert sorted(names) == sorted(
        [*(("table", table.name) for table in t.TABLES), *(("view", v) for v in VIEWS)]
    )
    # Foreign keys are declared, so Datasette and other clients can follow them.
    declared = con.execute("PRAGMA foreign_key_list(actions)").fetchall()
    assert [(row[2], row[3], row[4]) for row in declared] == [
        ("recommendations", "recommendation_key", "recommendation_key")
    ]
    with pytest.raises(sqlite3.IntegrityError):
        con.execute("INSERT INTO action_owners VALUES (999999, 1, 'Nobody', NULL)")


def test_exempt_items_and_emails_are_left_out_unless_asked(tmp_path: Path) -> None:
    db = tmp_path / "published.db"
    result = run_export(*PLANS, "-f", "sqlite", "-o", db, "--as-of", "2026-11-30")
    assert result.stderr.splitlines() == [
        f"wrote {db}: 3 plans, 23 recommendations, 63 actions, 16 progress updates, 13 cost lines",
        "note: 1 exempt item left out (Schedule 12A: 3): add --include-exempt to keep it",
        "note: 1 email address left out: add --include-emails to keep it",
    ]
    kept, _withheld = published_parts([p.plan for f in _files() if (p := load_plan(f)[0])])
    expected = {(plan.plan.id, action.id) for plan in kept for _rec, action in plan.actions()}
    rows = query(
        db,
        "SELECT plan_id, a.id FROM actions a JOIN recommendations r USING (recommendation_key)",
    )
    assert {(r["plan_id"], r["id"]) for r in rows} == expected
    assert ("exampleton-audit-tracker", "5.1") not in expected  # recommendation 5 is exempt
    assert query(db, "SELECT count(email) AS n FROM people") == [{"n": 0}]
    assert query(db, "SELECT value FROM metadata WHERE name = 'withheld_items'") == [{"value": "1"}]


DOCS = ROOT / "docs" / "data.md"


def test_docs_data_md_is_generated_from_the_tables() -> None:
    from actionplan.data.__main__ import markdown

    assert DOCS.read_text(encoding="utf-8") == markdown(), "run: make data-docs"


def test_the_queries_in_docs_data_md_run(exports: dict[str, Path]) -> None:
    text = DOCS.read_text(encoding="utf-8")
    block = text.split("```sql\n", 1)[1].split("```", 1)[0]
    statements = [s.strip() for s in block.split(";") if s.strip()]
    assert len(statements) == 3
    con = sqlite3.connect(exports["2026-11-30"])
    results = [con.execute(statement).fetchall() for statement in statements]
    assert results[0] == [
        ("exampleton-audit-tracker", 2, 61),
        ("southampton-domestic-abuse-2019", 16, 2557),
    ]
    assert results[1][0] == ("DSA Chair", 10)  # as status --owner "DSA Chair" --overdue
    assert results[2] == [("exampleton-audit-tracker", "1.2", "2026-06", "2026-09", 1, 92)]
