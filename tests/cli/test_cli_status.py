"""`actionplan status`: every format, filters, --since, --explain, --fail-on-overdue, terminals.

The golden files under tests/golden/status-fixture.* were checked by hand against
tests/data/status-fixture.yaml as of 2020-03-01 (day counts, due dates of month targets and
milestones, the --since window, the hand-set RAG).
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from actionplan.load import load_plan
from actionplan.output.render import console, fit_widths, print_blocks
from actionplan.reports.status import status_report
from actionplan.views.document import Column, Table
from actionplan.views.status import status_blocks
from conftest import DATA, GOLDEN, ROOT

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

FIXTURE = DATA / "status-fixture.yaml"
AS_OF = ("--as-of", "2020-03-01")
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"


def golden(name: str) -> str:
    return (GOLDEN / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((), "status-fixture.txt"),
        (("--explain", "--format", "markdown"), "status-fixture-explain.md"),
        (("--format", "html"), "status-fixture.html"),
        (("--format", "json"), "status-fixture.json"),
    ],
)
def test_formats_match_their_golden_files(run: RunCli, args: tuple[str, ...], name: str) -> None:
    result = run("status", FIXTURE, *AS_OF, "--since", "2020-01-01", *args)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == golden(name)


def test_a_narrow_terminal_gets_one_record_an_action(
    run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns a table would leave each action's text a few letters a line: every
    action is drawn as a record instead (checked by hand against the 120-column golden)."""
    monkeypatch.setenv("COLUMNS", "80")
    result = run("status", FIXTURE, *AS_OF, "--since", "2020-01-01", "--explain")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == golden("status-fixture-80-explain.txt")


def test_column_widths_give_way_widest_first_down_to_words_and_the_minimum() -> None:
    table = Table(
        [Column("ID", no_wrap=True), Column("What", min_width=10), Column("Owner")],
        [["1", "alpha beta gamma delta", "Jo Bloggs"]],
    )
    assert fit_widths(table, 40) == [2, 22, 9]  # room to spare: each as wide as it wants
    assert fit_widths(table, 25) == [2, 14, 9]  # the widest gives way first
    assert fit_widths(table, 18) == [2, 10, 6]  # text to its minimum, owner to its longest word
    assert fit_widths(table, 17) is None  # any narrower would split 'Bloggs': draw records


def test_csv_has_every_field_of_every_action(run: RunCli) -> None:
    result = run("status", FIXTURE, *AS_OF, "--format", "csv")
    assert (result.exit_code, result.stdout) == (0, golden("status-fixture.csv"))


def test_headline_and_key_on_screen(run: RunCli) -> None:
    lines = run("status", FIXTURE, *AS_OF).stdout.splitlines()
    assert lines[:6] == [
        "Status as of 2020-03-01: 14 actions in 3 recommendations",
        "",
        "  By status: 2 not-started, 8 in-progress, 2 done, 1 blocked, 1 dropped",
        "  By RAG: 5 RED, 3 AMBER, 3 GREEN, 2 COMPLETE, 1 DROPPED",
        "  Overdue: 4 (1.2, 2.1, 3.4, 3.5)",
        "  Due in the next 30 days: 1 (1.3 on 2020-03-20)",
    ]
    assert lines[-2:] == [
        "RAG key: RED overdue or blocked; AMBER due within 30 days, or no progress for 90 days; "
        "GREEN on track; COMPLETE done; DROPPED no longer pursued. Ongoing and dependent targets "
        "are never overdue.",
        "A RAG set by hand in the plan is shown first, with the computed one in brackets.",
    ]


def test_json_keys_are_exactly_the_documented_ones(run: RunCli) -> None:
    document = json.loads(run("status", FIXTURE, *AS_OF, "--format", "json").stdout)
    assert list(document) == ["as_of", "summary", "actions"]
    assert {tuple(action) for action in document["actions"]} == {
        (
            "plan",
            "recommendation",
            "id",
            "text",
            "owners",
            "target",
            "due_date",
            "status",
            "rag",
            "overdue",
            "days_overdue",
            "last_update",
        )
    }
    assert document["summary"]["since"] is None
    assert document["summary"]["completed_since"] is None


def amber_ids(run: RunCli, *args: str) -> list[str]:
    result = run("status", FIXTURE, *AS_OF, *args, "--rag", "amber", "--format", "csv")
    return [line.split(",")[2] for line in result.stdout.splitlines()[1:]]


def test_soon_and_stale_change_the_amber_window(run: RunCli) -> None:
    assert amber_ids(run) == ["1.3", "2.3", "2.4"]
    # 2.3 and 2.4 have gone 121 and 152 days without progress; 1.3 is due in 19 days.
    assert amber_ids(run, "--stale", "122") == ["1.3", "2.4"]
    assert amber_ids(run, "--stale", "200") == ["1.3"]
    assert amber_ids(run, "--soon", "18", "--stale", "200") == []
    assert amber_ids(run, "--soon", "19", "--stale", "200") == ["1.3"]


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        (("--owner", "dsa coordinator"), ["1.2", "2.1", "2.3", "3.3"]),
        (("--theme", "prevention"), ["1.1", "1.2", "1.3"]),
        (("--theme", "Support for Survivors", "--status", "blocked"), ["2.2"]),
        (("--recommendation", "3", "--rag", "GREEN"), ["3.1", "3.2", "3.3"]),
        (("--overdue",), ["1.2", "2.1", "3.4", "3.5"]),
    ],
)
def test_filters(run: RunCli, args: tuple[str, ...], ids: list[str]) -> None:
    result = run("status", FIXTURE, *AS_OF, *args, "--format", "csv")
    assert result.exit_code == 0
    assert [line.split(",")[2] for line in result.stdout.splitlines()[1:]] == ids


def test_filtered_headline_says_what_is_filtered(run: RunCli) -> None:
    result = run("status", FIXTURE, *AS_OF, "--owner", "Housing Manager", "--overdue")
    assert result.stdout.splitlines()[0] == (
        "Status as of 2020-03-01: 2 actions in 1 recommendation "
        "(only --owner 'Housing Manager', --overdue)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--owner", "DSA Coordinater"),
            "No actions match --owner 'DSA Coordinater' as of 2020-03-01. "
            "Did you mean 'DSA Coordinator'?",
        ),
        (
            ("--owner", "Mayor"),
            "No actions match --owner 'Mayor' as of 2020-03-01. Owners named in these plans: "
            "Communications Manager, DSA Coordinator, Public Health Consultant, Housing Manager, "
            "Education Lead, Support Services Manager.",
        ),
        (
            ("--theme", "housing", "--overdue"),
            "No actions match --theme 'housing' and --overdue as of 2020-03-01. "
            "Themes: prevention, support.",
        ),
        (
            ("--recommendation", "9", "--fail-on-overdue"),
            "No actions match --recommendation '9' as of 2020-03-01. Recommendations: 1, 2, 3.",
        ),
    ],
)
def test_a_filter_naming_nothing_in_the_plans_is_an_error(
    run: RunCli, args: tuple[str, ...], message: str
) -> None:
    """A misspelt name exits 1: with --fail-on-overdue, a scheduled job must not pass."""
    result = run("status", FIXTURE, *AS_OF, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: {message}\n")


def test_filters_that_match_nothing_together_say_so(run: RunCli) -> None:
    result = run("status", FIXTURE, *AS_OF, "--recommendation", "1", "--status", "blocked")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "No actions match --recommendation '1' and --status 'blocked' as of 2020-03-01.\n",
        "",
    )


def test_no_match_in_json_is_still_a_document(run: RunCli) -> None:
    args = ("--owner", "Education Lead", "--overdue", "--format", "json")
    result = run("status", FIXTURE, *AS_OF, *args)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["actions"] == []
    assert result.stderr == (
        "No actions match --owner 'Education Lead' and --overdue as of 2020-03-01.\n"
    )


def test_fail_on_overdue(run: RunCli) -> None:
    result = run("status", FIXTURE, *AS_OF, "--fail-on-overdue", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["summary"]["overdue"] == 4
    assert result.stderr == (
        "4 actions overdue as of 2020-03-01 (1.2, 2.1, 3.4, 3.5): exit 1 (--fail-on-overdue)\n"
    )
    one = run("status", FIXTURE, *AS_OF, "--fail-on-overdue", "--owner", "Communications Manager")
    assert (one.exit_code, one.stderr) == (
        1,
        "1 action overdue as of 2020-03-01 (1.2): exit 1 (--fail-on-overdue)\n",
    )
    clean = run("status", FIXTURE, "--as-of", "2019-10-01", "--fail-on-overdue")
    assert (clean.exit_code, clean.stderr) == (0, "")
    filtered = run("status", FIXTURE, *AS_OF, "--fail-on-overdue", "--theme", "Prevention")
    assert filtered.exit_code == 1
    without = run("status", FIXTURE, *AS_OF, "--fail-on-overdue", "--rag", "amber")
    assert (without.exit_code, without.stderr) == (0, "")


def test_csv_neutralises_formula_cells(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: R
            actions:
              - id: "1.1"
                text: "=HYPERLINK(\\"http://evil.example\\")"
                owners: ["@admin", "+Lead"]
                target: dependent
                target_text: "-1 month"
                status: blocked
                status_reason: "=1+1"
        """
    )
    result = run("status", path, *AS_OF, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1] == (
        'p,1,1.1,"\'=HYPERLINK(""http://evil.example"")",\'@admin; +Lead,\'-1 month,,0,,'
        "blocked,'=1+1,red,blocked: =1+1,,,no,0,"
    )


def test_several_plans_prefix_ids_with_the_plan(run: RunCli, write_plan: WritePlan) -> None:
    other = write_plan(
        """
        plan: {id: other, title: Other, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: Only
            actions:
              - {id: "1.1", text: Late, target: 2020-01}
        """,
        name="plans/other.yaml",
    )
    result = run("status", FIXTURE, other, *AS_OF, "--overdue")
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Status as of 2020-03-01: 5 actions in 4 recommendations of 2 plans (only --overdue)"
    )
    assert lines[4] == (
        "  Overdue: 5 (status-fixture 1.2, status-fixture 2.1, status-fixture 3.4, "
        "status-fixture 3.5, other 1.1)"
    )
    assert "other: Recommendation 1: Only — 0 of 1 action done, worst RED" in lines


def test_output_file_is_written_and_announced(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "status.md"
    result = run(
        "status",
        FIXTURE,
        *AS_OF,
        "--since",
        "2020-01-01",
        "--explain",
        "-f",
        "markdown",
        "--output",
        target,
    )
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == golden("status-fixture-explain.md")
    table = tmp_path / "status.txt"
    run("status", FIXTURE, *AS_OF, "--since", "2020-01-01", "--output", table)
    assert table.read_text(encoding="utf-8") == golden("status-fixture.txt")


def test_since_must_be_before_the_as_of_date(run: RunCli) -> None:
    result = run("status", FIXTURE, *AS_OF, "--since", "2020-03-01")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: --since 2020-03-01 is not before the as-of date 2020-03-01: give the date of "
        "the last meeting\n"
    )


def test_a_plan_that_does_not_load_is_named_with_its_line(
    run: RunCli, write_plan: WritePlan
) -> None:
    path = write_plan(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: R
            actions:
              - {id: "1.1", text: A, target: 2020-13}
        """
    )
    result = run("status", path, *AS_OF)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:6:38: error AP105 recommendations[0].actions[0].target: '2020-13' is not a real "
        "month: the month must be 01 to 12"
    )
    assert "Traceback" not in result.stderr


def test_piped_output_has_no_ansi_codes(run: RunCli) -> None:
    assert "\x1b" not in run("status", FIXTURE, *AS_OF, "--explain").stdout


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def draw_on_terminal() -> str:
    loaded, _ = load_plan(FIXTURE)
    assert loaded is not None
    report = status_report([loaded.plan], date(2020, 3, 1))
    screen = FakeTerminal()
    print_blocks(status_blocks(report), console(screen))
    return screen.getvalue()


def test_a_terminal_gets_colour_and_keeps_the_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    drawn = draw_on_terminal()
    assert "\x1b[" in drawn
    plain = re.sub(r"\x1b\[[0-9;]*m", "", drawn)
    assert "RED" in plain and "AMBER" in plain and "COMPLETE" in plain


def test_no_color_is_honoured_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    drawn = draw_on_terminal()
    assert "\x1b" not in drawn
    assert "| 3.5 " in drawn and "| GREEN (set " in drawn


# --- The Southampton plan ---------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
MONTH_YEAR = re.compile(r"\b([A-Za-z]+)\.? (\d{4})\b")


def first_written_month(wording: str | None) -> tuple[int, int] | None:
    """(year, month) of the first 'Month YYYY' in the source's wording of a target."""
    for name, year in MONTH_YEAR.findall(wording or ""):
        if name.lower() in MONTHS:
            return int(year), MONTHS[name.lower()]
    return None


def test_southampton_overdue_on_1_march_2020_is_exactly_the_targets_dated_before_march(
    run: RunCli,
) -> None:
    """Expected from the source's wording alone ('Feb 2020', 'Plan by Nov 2019', 'November
    2019 / 2020 / 2021'), read with yaml.safe_load, not through actionplan's model. An action
    with no target of its own (a funding list) is due at its funding routes' targets."""
    data = yaml.safe_load(SOUTHAMPTON.read_text(encoding="utf-8"))
    actions = [a for rec in data["recommendations"] for a in rec.get("actions", [])]

    def wording(action: dict[str, Any]) -> str | None:
        if "target" in action:
            return action.get("target_text")
        return " / ".join(r["target_text"] for r in action.get("funding", []) if "target" in r)

    expected = {
        str(a["id"])
        for a in actions
        if (month := first_written_month(wording(a))) and month < (2020, 3)
    }
    undated = {str(a["id"]) for a in actions if str(a.get("target")) in ("ongoing", "dependent")}
    result = run("status", SOUTHAMPTON, *AS_OF, "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["actions"]
    overdue = {row["id"] for row in rows if row["overdue"]}
    assert overdue == expected
    assert len(overdue) == 12
    assert len(undated) == 11
    assert not overdue & undated
    assert {
        row["id"] for row in rows if row["id"] in undated and row["due_date"] is None
    } == undated
    assert {row["days_overdue"] for row in rows if row["overdue"]} == {1, 92}


def test_fixture_lints_clean_but_for_the_deliberate_hand_set_green(run: RunCli) -> None:
    assert run("lint", FIXTURE).stdout == "1 file checked: no problems\n"
    result = run("lint", FIXTURE, "--as-of", "2020-03-01")
    assert result.stdout.splitlines() == [
        f"{FIXTURE}:164:14: warning AP253 action 3.5 is set green by hand but is 30 days overdue: "
        "revise the target or the rating",
        "1 file checked: 0 errors, 1 warning",
    ]


def test_a_plan_named_twice_is_read_once(run: RunCli) -> None:
    result = run("status", ROOT / "plans", ROOT / "plans" / "southampton-domestic-abuse-2019.yaml",
                 *AS_OF, "-f", "json")  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["actions"] == 49
    path = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
    assert result.stderr == f"{path}: skipped: the same file as {path}\n"


def test_a_copy_of_a_plan_is_refused_not_counted_twice(run: RunCli, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy.yaml"
    shutil.copy(ROOT / "plans" / "southampton-domestic-abuse-2019.yaml", copy)
    result = run("owners", ROOT / "plans", copy, *AS_OF)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 2 plan files have the id 'southampton-domestic-abuse-2019' "
        f"({ROOT / 'plans' / 'southampton-domestic-abuse-2019.yaml'}, {copy}): a copy of the "
        "same plan would count every action twice; remove the copy, or give each plan its own "
        "'id:' under 'plan:'\n"
    )


@pytest.mark.parametrize(
    ("option", "value", "why"),
    [
        (
            "--as-of",
            "Feb 2020",
            "'Feb 2020' is not a date: write it as YYYY-MM-DD, e.g. 2020-02-14",
        ),
        (
            "--since",
            "2020-02-30",
            "'2020-02-30' is not a real calendar date: check the month and day",
        ),
    ],
)
def test_a_bad_date_option_is_named_with_what_is_wrong(
    run: RunCli, option: str, value: str, why: str
) -> None:
    args = ("--as-of", value) if option == "--as-of" else (*AS_OF, "--since", value)
    result = run("status", FIXTURE, *args)
    assert result.exit_code == 2
    assert f"{option} {why}" in [line.strip("│ ") for line in result.stderr.splitlines()]


def test_updates_dated_after_the_as_of_date_are_named_in_the_headline(
    run: RunCli, tmp_path: Path
) -> None:
    import shutil

    path = tmp_path / "plan.yaml"
    shutil.copy(FIXTURE, path)
    assert run("update", "1.3", path, "--note", "Evaluated", "--date", "2020-03-05").exit_code == 0
    lines = run("status", path, *AS_OF).stdout.splitlines()
    assert lines[6] == (
        "  Recorded after 2020-03-01 and included: 1 (1.3): for the plans as they stood that "
        "day, run this on their version from then (e.g. git checkout)"
    )
    summary = json.loads(run("status", path, *AS_OF, "-f", "json").stdout)["summary"]
    assert summary["recorded_after_as_of"] == [{"plan": "status-fixture", "id": "1.3"}]
    later = json.loads(run("status", path, "--as-of", "2020-03-05", "-f", "json").stdout)
    assert later["summary"]["recorded_after_as_of"] == []


AUDIT = ROOT / "examples" / "internal-audit-tracker.yaml"


@pytest.mark.parametrize("name", ["head-of-ict", "Head of ICT", "ict manager", "HEAD OF  ICT"])
def test_owner_is_a_person_by_id_name_or_alias(run: RunCli, name: str) -> None:
    """The audit example writes 1.2 and 3.2 as 'ICT Manager', Head of ICT's alias."""
    result = run("status", AUDIT, "--as-of", "2026-11-30", "--owner", name, "-f", "json")
    assert result.exit_code == 0, result.stderr
    shown = [(a["id"], a["owners"]) for a in json.loads(result.stdout)["actions"]]
    assert shown == [
        ("1.2", ["ICT Manager"]),
        ("3.1", ["Head of ICT"]),
        ("3.2", ["ICT Manager"]),
        ("3.3", ["Head of ICT"]),
    ]


def test_owner_by_a_settings_files_alias_and_a_known_id_with_nothing_left(
    run: RunCli, write_plan: WritePlan
) -> None:
    write_plan('[[people]]\nid = "dsa-chair"\nname = "DSA Chair"\nkind = "role"\n'
               'aliases = ["Chair of the DSA group"]\n', "plans/actionplan.toml")  # fmt: skip
    plan = write_plan((DATA / "status-fixture.yaml").read_text("utf-8"), "plans/plan.yaml")
    text = plan.read_text("utf-8").replace("[Housing Manager]", "[DSA Chair]", 1)
    plan.write_text(text, encoding="utf-8")
    by_alias = run("status", plan, *AS_OF, "--owner", "chair of the dsa group", "-f", "json")
    assert by_alias.exit_code == 0, by_alias.stderr
    assert [a["owners"] for a in json.loads(by_alias.stdout)["actions"]] == [["DSA Chair"]]
    # Known, but its one action is not done: an empty answer, not a typo.
    none = run("status", plan, *AS_OF, "--owner", "dsa-chair", "--status", "done")
    assert (none.exit_code, none.stdout) == (
        0,
        "No actions match --owner 'dsa-chair' and --status 'done' as of 2020-03-01.\n",
    )


def test_across_plans_each_plans_part_is_headed_with_its_portfolio_figures(run: RunCli) -> None:
    """The figures over the actions a published paper shows (the audit example's exempt item
    left out), as portfolio's published paper has them; recommendations are those shown."""
    plans, day = (ROOT / "plans", AUDIT), ("--as-of", "2026-11-30")
    lines = run("status", *plans, *day, "-f", "markdown").stdout.splitlines()
    parts = [(line, lines[i + 2]) for i, line in enumerate(lines) if line.startswith("## ")][1:]
    assert parts == [
        (
            "## Reducing domestic abuse: response to Scrutiny Inquiry recommendations "
            "(southampton-domestic-abuse-2019)",
            "49 actions in 16 recommendations: 0 done, 16 overdue, 0 due in the next 30 days; "
            "worst RAG RED",
        ),
        (
            "## Internal audit recommendations tracker (exampleton-audit-tracker)",
            "14 actions in 6 recommendations: 4 done, 2 overdue, 1 due in the next 30 days; "
            "worst RAG RED",
        ),
    ]
    paper = run("portfolio", *plans, *day, "-f", "markdown", "--jobs", "1").stdout.splitlines()
    named = ("(exampleton-audit-tracker) ", "(southampton-domestic-abuse-2019) ")
    rows = [cells(line) for line in paper if any(name in line for name in named)]
    assert [row[4:9] for row in rows] == [
        ["14", "4", "2", "1", "RED"],  # the plans by id: exampleton-audit-tracker first
        ["49", "0", "16", "0", "RED"],
    ]


def cells(line: str) -> list[str]:
    """A Markdown table row's cells, stripped."""
    return [cell.strip() for cell in line.strip("|").split("|")]
