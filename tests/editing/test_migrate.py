"""`actionplan migrate`: format-1 files become format 2, line for line, and read the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from actionplan.editing.edit import FileHasErrors
from actionplan.editing.migrate import migrate_text
from conftest import DATA, RunCli, WritePlan

FORMAT_1 = sorted((DATA / "format-1").glob("*.yaml"))

V1 = """\
# An example plan, written for this test.
# Its header comment stays.

plan: {id: ex, title: Example plan, organisation: Exampleton, source: Invented for a test}
recommendations:
  - id: "1"
    title: First
    accepted: true   # the Y column
    actions:
      - {id: "1.1", text: Do it, owners: [Clerk]}
  - {id: "2", title: Second, accepted: false}
"""


def test_migrate_adds_the_version_and_rewrites_accepted_keeping_everything_else() -> None:
    migration = migrate_text("p.yaml", V1.encode())
    assert migration.new == (
        "# An example plan, written for this test.\n"
        "# Its header comment stays.\n"
        "\n"
        "format: 2\n"
        "plan: {id: ex, title: Example plan, organisation: Exampleton, source: Invented for a "
        "test}\n"
        "recommendations:\n"
        '  - id: "1"\n'
        "    title: First\n"
        "    acceptance: accepted   # the Y column\n"
        "    actions:\n"
        '      - {id: "1.1", text: Do it, owners: [Clerk]}\n'
        '  - {id: "2", title: Second, acceptance: not-accepted}\n'
    )
    assert migration.changes == [
        "line 4: format: 2 added",
        "line 9: recommendation 1: accepted: true → accepted",
        "line 12: recommendation 2: accepted: false → not-accepted",
    ]
    assert migration.introduced == []
    again = migrate_text("p.yaml", migration.new.encode())
    assert not again.needed


def test_crlf_and_bom_are_kept() -> None:
    raw = b"\xef\xbb\xbf" + V1.replace("\n", "\r\n").encode()
    migration = migrate_text("p.yaml", raw)
    assert migration.bom
    assert "\r\nformat: 2\r\nplan:" in migration.new
    assert migration.text_to_write.startswith("\ufeff# An example plan")
    assert "\n" not in migration.new.replace("\r\n", "")


def test_a_file_that_does_not_read_is_not_migrated() -> None:
    with pytest.raises(FileHasErrors) as error:
        migrate_text("p.yaml", b"plan: {id: a\n")
    assert [f.code for f in error.value.findings] == ["AP002"]


def test_cli_migrates_dry_run_then_writes(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(V1, "plan.yaml")
    dry = run("migrate", path, "--dry-run")
    assert dry.exit_code == 0
    assert "+format: 2\n" in dry.stdout and "-    accepted: true   # the Y column\n" in dry.stdout
    assert dry.stderr == "dry run: nothing written\n"
    assert path.read_text(encoding="utf-8") == V1
    done = run("migrate", path)
    assert done.exit_code == 0
    assert done.stdout == (
        f"Migrated {path} to format 2:\n"
        "  line 4: format: 2 added\n"
        "  line 9: recommendation 1: accepted: true → accepted\n"
        "  line 12: recommendation 2: accepted: false → not-accepted\n"
    )
    assert run("migrate", path).stdout == f"{path} is format 2 already: nothing to do\n"
    assert run("lint", path).exit_code == 0


def test_cli_refuses_a_broken_file_and_says_why(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan("plan: {id: a\n", "bad.yaml")
    result = run("migrate", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2:] == [
        f"Error: {path} not migrated: it does not read as a plan; fix the error(s) above "
        f"(actionplan lint {path}) and run migrate again",
        "Error: some files were not migrated (see above)",
    ]
    assert path.read_text(encoding="utf-8") == "plan: {id: a\n"


def _without_acceptance(value: object) -> object:
    """A JSON document with the acceptance taken out (format 1's `accepted`, 2's `acceptance`)."""
    if isinstance(value, dict):
        return {
            k: _without_acceptance(v)
            for k, v in value.items()
            if k not in ("acceptance", "accepted")
        }
    if isinstance(value, list):
        return [_without_acceptance(v) for v in value]
    return value


AS_OF = ("--as-of", "2020-03-01")
COMMANDS = [
    ("status", "--format", "json", *AS_OF),
    ("status", "--format", "csv", *AS_OF),
    ("owners", "--format", "json", *AS_OF),
    ("cost-summary", "--format", "json"),
    ("outcomes", "--format", "json", *AS_OF),
    ("show", "1", "--format", "json", *AS_OF),
    ("report", *AS_OF),
]


@pytest.mark.parametrize("plan", FORMAT_1, ids=lambda p: p.stem)
def test_bundled_format_1_plans_migrate_and_every_command_reports_the_same(
    plan: Path, tmp_path: Path, run: RunCli
) -> None:
    old = tmp_path / "v1" / plan.name
    new = tmp_path / "v2" / plan.name
    old.parent.mkdir()
    new.parent.mkdir()
    shutil.copy(plan, old)
    shutil.copy(plan, new)
    lint_before = run("lint", old, "--format", "json")
    assert run("migrate", new).exit_code == 0
    assert (
        new.read_text(encoding="utf-8").count("\n")
        == plan.read_text(encoding="utf-8").count("\n") + 1
    )  # one line added: format: 2
    lint_after = run("lint", new, "--format", "json")
    assert lint_after.exit_code == lint_before.exit_code
    # The same findings, one line lower (the format line is above them).
    before = json.loads(lint_before.stdout)
    after = json.loads(lint_after.stdout)
    assert [(f["code"], f["line"] + 1) for f in before["findings"]] == [
        (f["code"], f["line"]) for f in after["findings"]
    ]
    for command in COMMANDS:
        if command[0] == "show" and "southwark" in plan.name:
            continue  # Southwark's plan has no recommendations
        was = run(*command, old)
        now = run(*command, new)
        assert now.exit_code == was.exit_code == 0, command
        # Paths are the only other difference: the two files are in two folders.
        was.stdout = was.stdout.replace(str(old.parent), "DIR")
        now.stdout = now.stdout.replace(str(new.parent), "DIR")
        if "json" in command:
            assert _without_acceptance(json.loads(now.stdout)) == _without_acceptance(
                json.loads(was.stdout)
            ), command
        elif "csv" in command:
            # Format 2 adds the recommendation's acceptance as the last column (when there are
            # recommendations: Southwark's plan has none).
            rows = now.stdout.splitlines()
            header = rows[0].removesuffix(",acceptance")
            assert header == was.stdout.splitlines()[0]
            cut = ",accepted" if header != rows[0] else ""
            assert [r.removesuffix(cut) for r in rows[1:]] == was.stdout.splitlines()[1:]
        else:
            assert now.stdout.replace(" (accepted) —", " —") == was.stdout, command
