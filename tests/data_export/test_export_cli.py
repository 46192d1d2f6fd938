"""`actionplan export --format sqlite|datapackage`: what it refuses, replaces, and leaves."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from actionplan.data.export import export_plans
from actionplan.data.rows import ExportOptions, Rows
from conftest import ROOT, WritePlan
from export_run import run_export

SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
AS_OF = ("--as-of", "2020-03-01")
PLAN = """
    plan:
      id: {id}
      title: A plan
      organisation: Exampleton Council
      source: Written for the tests
    recommendations:
      - id: "1"
        title: Do it
        actions:
          - id: "1.1"
            text: Do it
            target: 2020-01
"""


def test_an_export_is_replaced_and_the_message_says_so(tmp_path: Path) -> None:
    db = tmp_path / "plans.db"
    run_export(SOUTHAMPTON, "-o", db, *AS_OF)  # .db: sqlite, without --format
    result = run_export(SOUTHAMPTON, "-o", db, *AS_OF)
    assert result.stderr.splitlines()[0] == f"note: replaced {db}, an earlier actionplan export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plans.db"]  # no temp file left


def test_another_file_is_replaced_only_with_force(tmp_path: Path) -> None:
    db = tmp_path / "plans.db"
    db.write_text("notes\n", encoding="utf-8")
    result = run_export(SOUTHAMPTON, "-f", "sqlite", "-o", db, *AS_OF, code=1)
    assert result.stderr == (
        f"Error: --output {db} already exists and is not a SQLite database: choose another "
        "file, or add --force to replace it\n"
    )
    assert db.read_text(encoding="utf-8") == "notes\n"
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    result = run_export(SOUTHAMPTON, "-f", "sqlite", "-o", other, *AS_OF, "--force")
    assert result.stderr.splitlines()[0] == (
        f"note: replaced {other} (--force), which was a SQLite database, but not one "
        "actionplan exported"
    )
    tables = sqlite3.connect(other).execute("SELECT count(*) FROM actions").fetchone()
    assert tables == (49,)


def test_a_plan_that_does_not_load_stops_the_export_and_nothing_is_written(
    tmp_path: Path, write_plan: WritePlan
) -> None:
    good = write_plan(PLAN.format(id="good"), "good.yaml")
    bad = write_plan(PLAN.format(id="bad").replace("target: 2020-01", "target: soon"), "bad.yaml")
    db = tmp_path / "out" / "plans.db"
    db.parent.mkdir()
    result = run_export(good, bad, "-f", "sqlite", "-o", db, *AS_OF, code=1)
    assert result.stderr.splitlines() == [
        f"{bad}:12:17: error AP105 recommendations[0].actions[0].target: 'soon' is not a "
        "target: write a day (2020-02-14), a month (2020-02), a list of them for recurring "
        "milestones, 'ongoing' or 'dependent'",
        "Error: 1 problem above stops these plans from loading, so nothing was exported: fix "
        "them (run 'actionplan lint' for every finding)",
    ]
    assert list(db.parent.iterdir()) == []


def test_two_plans_with_one_id_are_refused(tmp_path: Path, write_plan: WritePlan) -> None:
    one = write_plan(PLAN.format(id="same"), "one.yaml")
    two = write_plan(PLAN.format(id="same"), "two.yaml")
    result = run_export(one, two, "-f", "sqlite", "-o", tmp_path / "x.db", *AS_OF, code=1)
    assert result.stderr == (
        f"Error: two plan files have the id 'same' ({one}, {two}): a copy of the same plan "
        "would count every action twice; remove the copy, or give each plan its own 'id:' "
        "under 'plan:'\n"
    )
    assert not (tmp_path / "x.db").exists()


def test_output_is_required_and_never_a_plan_file(tmp_path: Path) -> None:
    assert run_export(SOUTHAMPTON, "-f", "sqlite", code=1).stderr == (
        "Error: --format sqlite writes a file: add -o plans.db\n"
    )
    result = run_export(SOUTHAMPTON, "-f", "sqlite", "-o", tmp_path / "x.yaml", code=1)
    assert result.stderr == (
        f"Error: --output {tmp_path / 'x.yaml'} is named like a plan file: name the database "
        f"e.g. {tmp_path / 'x.db'}\n"
    )
    two = run_export(SOUTHAMPTON, ROOT / "plans", "-f", "csv", code=1)
    assert two.stderr == "Error: --format csv exports one plan file at a time: give one PLAN\n"


def test_a_package_folder_is_replaced_only_when_it_is_an_export(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    run_export(SOUTHAMPTON, "-f", "datapackage", "-o", folder, *AS_OF)
    again = run_export(SOUTHAMPTON, "-f", "datapackage", "-o", folder, *AS_OF)
    assert again.stderr.splitlines()[0] == f"note: replaced {folder}, an earlier actionplan export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine\n", encoding="utf-8")
    refused = run_export(SOUTHAMPTON, "-f", "datapackage", "-o", mine, *AS_OF, code=1)
    assert refused.stderr == (
        f"Error: --output {mine} already holds files and is not an actionplan export: choose "
        "another folder, or add --force to replace it\n"
    )
    (mine / "plan.yaml").write_text("plan: {}\n", encoding="utf-8")
    forced = run_export(SOUTHAMPTON, "-f", "datapackage", "-o", mine, *AS_OF, "--force", code=1)
    assert forced.stderr == (
        f"Error: --output {mine} holds plan files (plan.yaml), so it is never replaced, even "
        "with --force: give a new folder's name\n"
    )
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt", "plan.yaml"]


class Batches:
    """A writer that keeps what it is given: which plans each batch holds."""

    def __init__(self) -> None:
        self.plans: list[list[str]] = []

    def write(self, rows: Rows) -> None:
        self.plans.append([str(row[0]) for row in rows.get("plans", [])])


def test_plans_are_written_one_at_a_time(tmp_path: Path, write_plan: WritePlan) -> None:
    """Each plan's rows go to the writer before the next plan is read (memory is that of one
    plan), and the metadata last."""
    for name in ("a", "b", "c"):
        write_plan(PLAN.format(id=name), f"plans/{name}.yaml")
    batches = Batches()
    summary = export_plans([tmp_path / "plans"], batches, ExportOptions(date(2020, 3, 1)))
    assert batches.plans == [["a"], ["b"], ["c"], []]
    assert (summary.plans, summary.rows["actions"], summary.rows["metadata"]) == (3, 3, 11)


def test_people_the_settings_file_declares_are_exported_once(
    tmp_path: Path, write_plan: WritePlan
) -> None:
    (tmp_path / "actionplan.toml").write_text(
        '[[people]]\nid = "chair"\nname = "DSA Chair"\nkind = "role"\n'
        'email = "chair@example.org"\naliases = ["Chair"]\n',
        encoding="utf-8",
    )
    for name in ("a", "b"):
        text = PLAN.format(id=name).replace("target:", "owners: [Chair]\n            target:")
        write_plan(text, f"plans/{name}.yaml")
    db = tmp_path / "people.db"
    result = run_export(tmp_path / "plans", "-o", db, *AS_OF)
    assert result.stderr.splitlines()[-1] == (
        "note: 1 email address left out: add --include-emails to keep it"
    )
    con = sqlite3.connect(db)
    people = con.execute("SELECT person_key, plan_id, name, email FROM people").fetchall()
    assert people == [(1, None, "DSA Chair", None)]
    owners = con.execute(
        "SELECT r.plan_id, o.owner, o.person_key FROM action_owners o "
        "JOIN actions USING (action_key) JOIN recommendations r USING (recommendation_key)"
    ).fetchall()
    assert owners == [("a", "Chair", 1), ("b", "Chair", 1)]


def test_a_failed_export_leaves_the_earlier_one_as_it_was(
    tmp_path: Path, write_plan: WritePlan
) -> None:
    db = tmp_path / "plans.db"
    run_export(SOUTHAMPTON, "-o", db, *AS_OF)
    before = db.read_bytes()
    bad = write_plan(PLAN.format(id="bad").replace("target: 2020-01", "target: soon"), "bad.yaml")
    run_export(SOUTHAMPTON, bad, "-o", db, *AS_OF, code=1)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "plans.db"]


def test_a_tracker_refuses_the_options_only_data_takes() -> None:
    result = run_export(SOUTHAMPTON, "-f", "csv", "--as-of", "2020-03-01", "--force", code=1)
    assert result.stderr == (
        "Error: --as-of, --force: only --format sqlite and datapackage take them; a csv "
        "tracker holds one plan as it is\n"
    )


def test_two_processes_export_the_same_bytes_as_one(tmp_path: Path) -> None:
    plans = (ROOT / "plans", ROOT / "examples" / "internal-audit-tracker.yaml")
    for fmt, name in (("sqlite", "plans.db"), ("datapackage", "plans")):
        one, two = tmp_path / "one" / name, tmp_path / "two" / name
        for out, jobs in ((one, "1"), (two, "2")):
            out.parent.mkdir(exist_ok=True)
            run_export(*plans, "-f", fmt, "-o", out, *AS_OF, "--jobs", jobs)
        if fmt == "sqlite":
            assert one.read_bytes() == two.read_bytes()
            continue
        files = sorted(p.name for p in one.iterdir())
        assert files == sorted(p.name for p in two.iterdir()) and "actions.csv" in files
        for each in files:
            assert (one / each).read_bytes() == (two / each).read_bytes(), each


def test_jobs_is_refused_for_a_tracker(tmp_path: Path) -> None:
    result = run_export(SOUTHAMPTON, "-f", "csv", "--jobs", "2", code=1)
    assert result.stderr == (
        "Error: --jobs: only --format sqlite and datapackage take it; a csv tracker holds one "
        "plan as it is\n"
    )
