"""Approved revisions: `update --revise-target --approved-by --approved-at`, lint and show."""

from __future__ import annotations

from conftest import RunCli, WritePlan

# An example plan, invented for this test.
PLAN = """\
format: 2
plan: {id: ex, title: Example plan, organisation: Exampleton, source: Invented for a test}
recommendations:
  - id: "1"
    title: Raise awareness
    acceptance: accepted
    actions:
      - id: "1.1"
        text: Plan the campaign
        owners: [Clerk]
        target: 2026-03
"""


def test_update_records_who_approved_a_revised_target(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(PLAN, "plan.yaml")
    result = run(
        "update", "1.1", path, "--revise-target", "2026-06", "--reason", "Supplier delayed",
        "--approved-by", "Audit Committee", "--approved-at", "2026-03-14", "--date", "2026-03-16",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert text.endswith(
        "        revisions:\n"
        "          - date: 2026-03-16\n"
        "            target: 2026-06\n"
        "            reason: Supplier delayed\n"
        "            approved_by: Audit Committee\n"
        "            approved_at: 2026-03-14\n"
        "        progress:\n"
        "          - date: 2026-03-16\n"
        '            note: "Target revised from 2026-03 to 2026-06: Supplier delayed"\n'
    )
    lint = run("lint", path, "--strict")
    assert lint.exit_code == 0, lint.stdout
    shown = run("show", "1.1", path, "--as-of", "2026-03-20").stdout
    assert "| 2026-03-16 | 2026-06    | Supplier delayed |    | Audit Committee, 2026-03-14 |" in (
        shown
    )


def test_a_revision_without_approval_is_a_warning_and_a_second_revision_is_counted(
    run: RunCli, write_plan: WritePlan
) -> None:
    path = write_plan(PLAN, "plan.yaml")
    for target, on in (("2026-06", "2026-03-16"), ("2026-09", "2026-06-20")):
        done = run(
            "update", "1.1", path, "--revise-target", target, "--reason", "Late", "--date", on
        )
        assert done.exit_code == 0, done.stderr
    lint = run("lint", path)
    assert [line.split(" ")[2] for line in lint.stdout.splitlines()[:-1]] == ["AP219", "AP219"]
    status = run("status", path, "--as-of", "2026-07-01", "-f", "markdown").stdout
    assert (
        "| September 2026 (was March 2026, slipped 183 days in 2 revisions, 2 not approved) |"
        in status
    )


def test_approval_options_need_a_revised_target(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(PLAN, "plan.yaml")
    result = run(
        "update", "1.1", path, "--note", "x", "--approved-by", "Board", "--date", "2026-03-16"
    )
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: --approved-by and --approved-at are for --revise-target: give it too\n"
    )
