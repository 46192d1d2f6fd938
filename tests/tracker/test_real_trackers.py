"""Trackers as councils keep them: an internal-audit tracker with its own headers and status
words, comma or semicolon separated, UTF-8 or Windows-1252; a LibreOffice sheet with a title row,
date cells and £ cells; flat sheets of refs 1.1, 1.2, 2.1. Each imports whole, with no option but
--title and --organisation, and lints without an error."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from actionplan.findings import Finding
from actionplan.load import load_plan
from actionplan.model.plan import Recommendation

if TYPE_CHECKING:
    from conftest import RunCli

ORGANISATION = ("--organisation", "Exampleton Borough Council")

AUDIT_TRACKER = [
    ["Internal audit recommendations tracker 2025/26"],
    [],
    ["Ref", "Audit", "Assurance", "Priority", "Finding", "Agreed management action",
     "Responsible officer", "Original target date", "Revised target date", "Revisions",
     "Status", "Progress update"],
    ["1.1", "Payroll (IA-25-03)", "Limited", "High", "Leavers keep system access",
     "Remove access for leavers within 5 days", "Head of ICT", "30/06/2025", "30/09/2025", "1",
     "Delayed", "Two of five areas reviewed – £0 spent"],
    ["1.2", "Payroll (IA-25-03)", "Limited", "High", "Leavers keep system access",
     "Review access quarterly", "Head of ICT", "31/03/2026", "", "0", "Implemented",
     "Reviews now quarterly"],
    ["2.1", "Waivers (IA-25-07)", "Reasonable", "Medium", "Waivers are not recorded",
     "Keep a register of waivers", "Procurement Manager", "Dec 2025", "", "0", "Not started", ""],
    ["2.2", "Waivers (IA-25-07)", "Reasonable", "Medium", "Waivers are not recorded",
     "Review every past waiver", "Procurement Manager", "Jun 2026", "", "0", "Risk accepted",
     "The committee accepted the risk"],
    ["3.1", "Disaster recovery (IA-25-11)", "No assurance", "High", "The plan was never tested",
     "Keep backup tapes off site", "ICT Manager", "Apr 2026", "", "0", "Superseded",
     "Replaced by cloud backup"],
]  # fmt: skip


def write_csv(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> Path:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    path.write_bytes(out.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (",", "cp1252"), (";", "utf-8"), (";", "cp1252"), ("\t", "utf-8")],
)
def test_an_internal_audit_tracker_imports_whole(
    delimiter: str, encoding: str, tmp_path: Path, run: RunCli
) -> None:
    tracker = write_csv(tmp_path / "audit.csv", AUDIT_TRACKER, delimiter, encoding)
    out = tmp_path / "audit.yaml"
    result = run("import", tracker, *ORGANISATION, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert "cannot read" not in result.stderr and "skipped" not in result.stderr
    loaded, findings = load_plan(out)
    assert loaded is not None and findings == []
    lint = run("lint", out)  # the closures say no more than the status word: warnings only
    assert lint.exit_code == 0
    assert lint.stdout.splitlines()[-1].startswith("1 file checked: 0 errors, 2 warnings")
    plan = loaded.plan
    assert plan.version == 2
    assert plan.plan.title == "Internal audit recommendations tracker 2025/26"
    [one, _two, three] = plan.recommendations
    assert (one.id, one.audit, one.assurance, one.priority, one.finding) == (
        "1", "Payroll (IA-25-03)", "limited", "high", "Leavers keep system access"
    )  # fmt: skip
    assert three.assurance == "no-assurance"
    actions = {a.id: a for _, a in plan.actions()}
    assert list(actions) == ["1.1", "1.2", "2.1", "2.2", "3.1"]
    delayed = actions["1.1"]
    assert (str(delayed.target), str(delayed.current_target)) == ("2025-06-30", "2025-09-30")
    assert delayed.status.value == "in-progress"
    assert delayed.progress[0].on is None  # an undated note: date not recorded
    assert delayed.progress[0].note == "Two of five areas reviewed – £0 spent"
    assert delayed.notes == "Revisions in audit.csv: 1"
    assert (actions["1.2"].status.value, actions["1.2"].completed_on) == ("done", None)
    assert actions["1.2"].completed is not None  # not-recorded
    assert [
        (a.status.value, a.closure.kind.value if a.closure else None)
        for a in (actions["2.1"], actions["2.2"], actions["3.1"])
    ] == [("not-started", None), ("dropped", "risk-accepted"), ("dropped", "superseded")]

    status = run("status", out, "--as-of", "2025-12-01", "--format", "json")
    overdue = [a["id"] for a in json.loads(status.stdout)["actions"] if a["overdue"]]
    assert overdue == ["1.1"]  # against the revised date; the original kept
    assert result.stderr.splitlines()[-2] == (
        "note: column 'Agreed management action' is read as each row's action (the tracker has "
        "no Action column)"
    )


@pytest.mark.parametrize(
    ("cell", "level"),
    [("No", "no-assurance"), ("Nil", "no-assurance"), ("No assurance", "no-assurance"),
     ("Full", "substantial"), ("Substantial assurance", "substantial"),
     ("Moderate", "reasonable"), ("Adequate assurance", "reasonable"), ("Partial", "limited"),
     ("limited", "limited")],
)  # fmt: skip
def test_assurance_opinions_as_audit_reports_word_them(
    cell: str, level: str, tmp_path: Path, run: RunCli
) -> None:
    rows = [["Ref", "Agreed management action", "Assurance"], ["1.1", "Fix it", cell]]
    tracker = write_csv(tmp_path / "audit.csv", rows, ",", "utf-8")
    out = tmp_path / "audit.yaml"
    assert run("import", tracker, "--title", "T", *ORGANISATION, "-o", out).exit_code == 0
    loaded, findings = load_plan(out)
    assert loaded is not None and findings == []
    assert loaded.plan.recommendations[0].assurance == level


def test_a_councils_own_assurance_word_is_declared_not_refused(tmp_path: Path, run: RunCli) -> None:
    rows = [
        ["Ref", "Agreed management action", "Assurance", "Source kind"],
        ["1.1", "Fix it", "Amber", "Scrutiny panel"],
        ["2.1", "Mend it", "Limited", "Internal audit"],
        ["3.1", "Check it", "Amber", "Scrutiny panel"],
    ]
    tracker = write_csv(tmp_path / "audit.csv", rows, ",", "utf-8")
    out = tmp_path / "audit.yaml"
    result = run("import", tracker, "--title", "T", *ORGANISATION, "-o", out)
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "vocabularies" in line]
    assert notes == [
        "note: assurance 'amber' (recommendation 1, 3) is not one of substantial, reasonable, "
        "limited, no-assurance, so the plan declares it under vocabularies.assurance: keep it, "
        "or write one of those words in the tracker",
        "note: source kind 'scrutiny-panel' (recommendation 1, 3) is not one of internal-audit, "
        "external-audit, scrutiny, inspection, inquiry, annual-governance-statement, strategy, "
        "so the plan declares it under vocabularies.source_kinds: keep it, or write one of "
        "those words in the tracker",
    ]
    loaded, findings = load_plan(out)
    assert loaded is not None and findings == []
    assert [(r.assurance, r.source_kind) for r in loaded.plan.recommendations] == [
        ("amber", "scrutiny-panel"), ("limited", "internal-audit"), ("amber", "scrutiny-panel")
    ]  # fmt: skip
    assert run("lint", out).exit_code == 0


def test_flat_refs_group_into_recommendations(tmp_path: Path, run: RunCli) -> None:
    rows = [
        ["Ref", "Recommendation", "Action", "Lead officer"],
        ["1.1", "Communications", "Brief the board", "Jo"],
        ["1.2", "", "Run the campaign", "Jo"],
        ["2.1", "Evidence", "Commission an evaluation", "Al"],
    ]
    tracker = write_csv(tmp_path / "flat.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.lstrip().startswith(("- id:", "title:"))][1:] == [
        '  - id: "1"',
        "    title: Communications",
        '      - id: "1.1"',
        '      - id: "1.2"',
        '  - id: "2"',
        "    title: Evidence",
        '      - id: "2.1"',
    ]


def test_map_ref_to_action_id_works_as_documented(tmp_path: Path, run: RunCli) -> None:
    rows = [
        ["Ref", "Action", "Lead officer"],
        ["1.1", "Brief the board", "Jo"],
        ["1.2", "Run the campaign", "Jo"],
        ["2.1", "Commission an evaluation", "Al"],
    ]
    tracker = write_csv(tmp_path / "flat.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION, "--map", "Ref=action_id")
    assert result.exit_code == 0, result.stderr
    loaded, _ = load_plan_text(tmp_path, result.stdout)
    assert [(r.id, r.title, [a.id for a in r.actions]) for r in loaded] == [
        ("1", "Brief the board", ["1.1", "1.2"]),
        ("2", "Commission an evaluation", ["2.1"]),
    ]


def load_plan_text(tmp_path: Path, text: str) -> tuple[list[Recommendation], list[Finding]]:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, findings = load_plan(path)
    assert loaded is not None and [f for f in findings if f.severity.name == "ERROR"] == []
    return list(loaded.plan.recommendations), findings


def libreoffice_tracker(path: Path) -> Path:
    """Nine rows as a LibreOffice user keeps them: a title row above the header, real date
    cells, £ currency cells, council status words, completed rows with no date, undated notes."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Community safety action plan – tracker"])
    sheet.append([])
    sheet.append(["Rec No", "Recommendation", "Action", "Lead officer", "Target date", "Status",
                  "Progress update", "Cost"])  # fmt: skip
    rows = [
        [1, "Communications", "Agree the focus", "DSA Chair", date(2020, 2, 28), "Complete",
         "Focus agreed", 10000],
        [None, None, "Run the campaign", "DSA Chair", date(2020, 11, 30), "Delayed",
         "Launch moved to spring", None],
        [2, "Training", "Train frontline staff", "Hampton Trust", date(2021, 3, 31), "On track",
         "Two sessions held", 8000],
        [None, None, "Evaluate the training", "Public Health", date(2021, 6, 30), "Not started",
         None, None],
        [3, "Housing", "Agree a protocol", "Head of Housing", date(2020, 12, 31), "Implemented",
         "Protocol signed", None],
        [None, None, "Train housing officers", "Head of Housing", date(2021, 1, 31),
         "In progress", "Half trained", 2500],
        [4, "Evidence", "Commission an evaluation", "DSA Chair", "When funding is agreed",
         "Not started", None, None],
        [None, None, "Publish the evaluation", "DSA Chair", "Ongoing", "Not started", None, None],
        [5, "Governance", "Report to the board", "DSA Chair", date(2020, 6, 30), "Closed",
         "Reported in June", None],
    ]  # fmt: skip
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows(min_row=4):
        cells[4].number_format = "DD/MM/YYYY"
        cells[7].number_format = '"£"#,##0'
    book.save(path)
    return path


def test_a_libreoffice_tracker_of_nine_rows_imports_whole(tmp_path: Path, run: RunCli) -> None:
    tracker = libreoffice_tracker(tmp_path / "tracker.xlsx")
    out = tmp_path / "plan.yaml"
    result = run("import", tracker, *ORGANISATION, "--output", out)
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    loaded, findings = load_plan(out)
    assert loaded is not None and findings == []
    plan = loaded.plan
    assert plan.plan.title == "Community safety action plan – tracker"
    assert len(plan.actions()) == 9
    assert [(r.id, [str(c.amount) for c in r.costs]) for r in plan.recommendations] == [
        ("1", ["10000.00"]), ("2", ["8000.00"]), ("3", ["2500.00"]), ("4", []), ("5", []),
    ]  # fmt: skip
    actions = {a.id: a for _, a in plan.actions()}
    assert {i: a.status.value for i, a in actions.items()} == {
        "1.1": "done", "1.2": "in-progress", "2.1": "in-progress", "2.2": "not-started",
        "3.1": "done", "3.2": "in-progress", "4.1": "not-started", "4.2": "not-started",
        "5.1": "done",
    }  # fmt: skip
    assert str(actions["1.2"].target) == "2020-11-30"
    assert all(a.completed is not None and a.completed_on is None
               for a in actions.values() if a.status.value == "done")  # fmt: skip


def test_skip_bad_keeps_a_bad_rows_cost_and_says_so(tmp_path: Path, run: RunCli) -> None:
    rows = [
        ["Rec No", "Recommendation", "Action", "Target date", "Cost"],
        ["1", "Comms", "Brief the board", "31/02/2020", "£10,000"],
        ["2", "Data", "Share the data", "2020-05", "£8,000"],
    ]
    tracker = write_csv(tmp_path / "t.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION, "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "t.csv: skipped row 2: '31/02/2020' is not a real date: check the day and month; its "
        "cost line (£10,000) was kept"
    )
    assert "        amount: 10000\n" in result.stdout and "        amount: 8000\n" in result.stdout


def test_title_and_organisation_are_asked_for_before_the_rows(tmp_path: Path, run: RunCli) -> None:
    rows = [["Rec No", "Recommendation", "Action", "Target date"], ["1", "C", "B", "31/02/2020"]]
    tracker = write_csv(tmp_path / "t.csv", rows, ",", "utf-8")
    result = run("import", tracker)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: the tracker does not give the plan's title or the organisation: add --title "
        "\"…\" and --organisation \"…\" (or a 'Title' row and an 'Organisation' row above the "
        "table)\n"
    )


def test_status_words_of_ones_own_and_the_table(tmp_path: Path, run: RunCli) -> None:
    rows = [["Rec No", "Recommendation", "Action", "Status"], ["1", "C", "Brief", "Parked"]]
    tracker = write_csv(tmp_path / "t.csv", rows, ",", "utf-8")
    assert run("import", tracker, "--title", "T", *ORGANISATION).exit_code == 1
    result = run("import", tracker, "--title", "T", *ORGANISATION, "--status-map",
                 "Parked=blocked")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "        status: blocked\n" in result.stdout
    assert "        status_reason: \"'Parked' in t.csv, which gives no reason\"\n" in result.stdout
    listed = run("import", "--list-status-words").stdout.splitlines()
    assert "  delayed                  in-progress" in listed
    assert "  risk accepted            dropped (closure: risk-accepted)" in listed


def test_a_date_cell_with_a_time_and_a_serial_number(tmp_path: Path, run: RunCli) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Rec No", "Recommendation", "Action", "Target date", "Completed",
                        "Status"])  # fmt: skip
    book.active.append([1, "C", "Brief", datetime(2021, 3, 31, 0, 0), datetime(2021, 3, 1),
                        "Done"])  # fmt: skip
    book.active["D2"].number_format = "dd/mm/yyyy"
    book.active["E2"].number_format = "dd/mm/yyyy"
    book.save(tmp_path / "t.xlsx")
    result = run("import", tmp_path / "t.xlsx", "--title", "T", *ORGANISATION)
    assert result.exit_code == 0, result.stderr
    assert "        target: 2021-03-31\n" in result.stdout
    assert "        completed: 2021-03-01\n" in result.stdout


def test_dry_run_shows_the_columns_the_status_words_and_the_rows(
    tmp_path: Path, run: RunCli
) -> None:
    rows = [
        ["Ref", "Action", "Responsible officer", "Target date", "Status"],
        ["1.1", "Brief the board", "Jo", "October 2020 to March 2021", "Delayed"],
        ["1.2", "Run the campaign", "Jo", "Ongoing", "Risk accepted"],
    ]
    tracker = write_csv(tmp_path / "t.csv", rows, ";", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION, "--dry-run", "-o",
                 tmp_path / "p.yaml")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "t.csv: the header is row 1; its columns:",
        "  A  Ref → rec_id",
        "  B  Action → action",
        "  C  Responsible officer → owners",
        "  D  Target date → target",
        "  E  Status → status",
        "Status words:",
        "  Delayed → in-progress",
        "  Risk accepted → dropped, closure risk-accepted",
        "The first rows as read (of 2):",
        "  row 2: rec_id=1.1; action=Brief the board; owners=Jo; target=October 2020 to March "
        "2021; status=Delayed",
        "  row 3: rec_id=1.2; action=Run the campaign; owners=Jo; target=Ongoing; "
        "status=Risk accepted",
    ]
    assert result.stderr.splitlines()[-2:] == [
        "note: recommendation 1 has no title in the tracker, so it is titled by its first action "
        "(or 'Recommendation N' when it has none): write the titles in the plan file, or add a "
        "'Recommendation' column",
        "dry run: the plan passes lint; nothing written",
    ]
    assert not (tmp_path / "p.yaml").exists()
    plan = run("import", tracker, "--title", "T", *ORGANISATION).stdout
    assert "        target: 2021-03\n        target_text: October 2020 to March 2021\n" in plan


def test_relative_targets_count_from_the_date_given_else_are_noted(
    tmp_path: Path, run: RunCli
) -> None:
    rows = [
        ["Rec No", "Recommendation", "Action", "Target date"],
        ["1", "Comms", "Brief the board", "6 months"],
        ["2", "Data", "Share the data", "within 3 months"],
        ["3", "Staff", "Train the staff", "12 months"],
    ]
    tracker = write_csv(tmp_path / "t.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION, "--from", "2025-08-31")
    assert (result.exit_code, result.stderr) == (0, "")
    assert [line.strip() for line in result.stdout.splitlines() if "target" in line] == [
        "target: 2026-02-28", "target_text: 6 months",
        "target: 2025-11-30", "target_text: within 3 months",
        "target: 2026-08-31", "target_text: 12 months",
    ]  # fmt: skip
    result = run("import", tracker, "--title", "T", *ORGANISATION)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[1] == (
        "note: row 3: target 'within 3 months' counts from a date the tracker does not give, so "
        "it was imported with no target date (its wording kept): give --from YYYY-MM-DD (the "
        "day the plan was agreed) to read it as a date"
    )
    assert len(result.stderr.splitlines()) == 3
    assert [line.strip() for line in result.stdout.splitlines() if "target" in line] == [
        "target_text: 6 months", "target_text: within 3 months", "target_text: 12 months",
    ]  # fmt: skip


def test_merged_cells_read_as_their_value(tmp_path: Path, run: RunCli) -> None:
    """A Rec No, a title and a lead officer merged down a recommendation's rows are on each
    row; a cost merged so is one cost; a title merged across the sheet is the plan's title."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Community safety plan"])
    sheet.append(["Rec No", "Recommendation", "Action", "Lead officer", "Cost"])
    sheet.append([1, "Comms", "Brief the board", "Jo", 10000])
    sheet.append([None, None, "Run the campaign", None, None])
    sheet.append([2, "Data", "Share it", "Al", None])
    for merged in ("A1:E1", "A3:A4", "B3:B4", "D3:D4", "E3:E4"):
        sheet.merge_cells(merged)
    book.save(tmp_path / "merged.xlsx")
    result = run("import", tmp_path / "merged.xlsx", *ORGANISATION)
    assert (result.exit_code, result.stderr) == (0, "")
    assert "  title: Community safety plan\n" in result.stdout
    assert result.stdout.split("recommendations:\n")[1] == (
        '  - id: "1"\n    title: Comms\n    actions:\n'
        '      - id: "1.1"\n        text: Brief the board\n        owners: [Jo]\n'
        '      - id: "1.2"\n        text: Run the campaign\n        owners: [Jo]\n'
        "    costs:\n      - label: Comms\n        amount: 10000\n\n"
        '  - id: "2"\n    title: Data\n    actions:\n'
        '      - id: "2.1"\n        text: Share it\n        owners: [Al]\n'
    )


def _workbook_of_sheets(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


AUDIT_HEADER = ["Ref", "Agreed management action", "Responsible officer", "Status"]


def test_sheet_all_reads_a_sheet_per_audit_into_one_plan(tmp_path: Path, run: RunCli) -> None:
    tracker = _workbook_of_sheets(
        tmp_path / "audits.xlsx",
        {
            "Payroll": [["Internal audit tracker"], AUDIT_HEADER,
                        ["1.1", "Remove access for leavers", "Head of ICT", "Delayed"],
                        ["1.2", "Review access quarterly", "Head of ICT", "Implemented"]],
            "Waivers": [AUDIT_HEADER,
                        ["1.1", "Keep a register of waivers", "Procurement Manager", "Open"]],
            "Lookups": [["Status words"], ["Delayed"]],
        },
    )  # fmt: skip
    out = tmp_path / "audits.yaml"
    result = run("import", tracker, "--sheet", "all", *ORGANISATION, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-3:] == [
        "note: sheet 'Lookups' has no table (no header row naming an Action or Recommendation "
        "column), so it was left out",
        "note: the sheets number their recommendations alike, so each sheet's ids start with "
        "its name (e.g. payroll-1)",
        f"wrote {out}",
    ]
    loaded, findings = load_plan(out)
    assert loaded is not None and findings == []
    plan = loaded.plan
    assert plan.plan.title == "Internal audit tracker"
    assert [(t.id, t.title) for t in plan.plan.themes] == [
        ("payroll", "Payroll"),
        ("waivers", "Waivers"),
    ]
    assert [(r.id, r.theme, [a.id for a in r.actions]) for r in plan.recommendations] == [
        ("payroll-1", "payroll", ["payroll-1.1", "payroll-1.2"]),
        ("waivers-1", "waivers", ["waivers-1.1"]),
    ]


def test_sheet_all_keeps_ids_the_sheets_do_not_share(tmp_path: Path, run: RunCli) -> None:
    tracker = _workbook_of_sheets(
        tmp_path / "owners.xlsx",
        {
            "Jo Bloggs": [AUDIT_HEADER, ["1.1", "Brief the board", "Jo Bloggs", "Open"]],
            "Al Smith": [AUDIT_HEADER, ["2.1", "Share the data", "Al Smith", "Bad word"]],
        },
    )
    result = run("import", tracker, "--sheet", "all", "--title", "T", *ORGANISATION)
    assert result.exit_code == 1
    assert next(line for line in result.stderr.splitlines() if "cannot read" in line).startswith(
        "owners.xlsx: cannot read sheet 'Al Smith' row 2: status 'Bad word' is not one"
    )
    result = run("import", tracker, "--sheet", "all", "--title", "T", *ORGANISATION,
                 "--status-map", "Bad word=blocked")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert '  - id: "1"\n    title: Brief the board\n    theme: jo-bloggs\n' in result.stdout
    assert '  - id: "2"\n    title: Share the data\n    theme: al-smith\n' in result.stdout


def test_a_title_made_up_for_a_recommendation_is_said(tmp_path: Path, run: RunCli) -> None:
    rows = [["Rec No", "Action", "Cost"], ["1", "Brief the board", ""], ["2", "", "£5,000"]]
    tracker = write_csv(tmp_path / "t.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION)
    assert (result.exit_code, result.stderr) == (
        0,
        "note: recommendations 1, 2 have no title in the tracker, so each is titled by its "
        "first action (or 'Recommendation N' when it has none): write the titles in the plan "
        "file, or add a 'Recommendation' column\n",
    )
    assert '  - id: "2"\n    title: Recommendation 2\n    costs:\n' in result.stdout


def test_a_lint_error_in_the_plan_a_tracker_makes_is_said_by_its_row(
    tmp_path: Path, run: RunCli
) -> None:
    rows = [
        ["Plan kind", "Weird kind"],
        ["Vocabulary", "priorities", "p1; p2"],
        [],
        ["Ref", "Recommendation", "Action", "Lead officer", "Priority", "Cost"],
        ["1", "Comms", "Brief the board", "Jo", "p1", ""],
        ["", "", "Tell the press", "Jo", "", ""],
        ["2", "Evidence", "Run it", "Jo", "High", "£500"],
    ]
    tracker = write_csv(tmp_path / "k.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION, "-o", tmp_path / "k.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "k.csv: the plan rows above the table: error AP114 plan.kind: 'weird-kind' is not in "
        "the default plan kinds: use 'audit-tracker', 'scrutiny-response', "
        "'inspection-action-plan', 'inquiry-response', 'strategy' or 'action-plan', or declare "
        "it under vocabularies",
        "k.csv: row 7 (recommendation 2): error AP114 recommendations[1].priority: 'high' is not "
        "in the declared priorities: use 'p1' or 'p2', or declare it under vocabularies",
        "Error: the plan the tracker makes does not pass lint (above), so nothing was written: "
        "correct those rows in the spreadsheet",
    ]
    assert not (tmp_path / "k.yaml").exists()


def test_a_lint_error_in_an_action_is_said_by_the_actions_row(tmp_path: Path, run: RunCli) -> None:
    rows = [
        ["Ref", "Recommendation", "Action", "Lead officer", "Status", "Closure", "Cost"],
        ["1", "Comms", "Brief the board", "Jo", "In progress", "", ""],
        ["", "", "Tell the press", "Jo", "Not started", "risk-accepted", ""],
        ["", "", "Write it up", "Jo", "In progress", "", "£5"],
    ]
    tracker = write_csv(tmp_path / "s.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "s.csv: row 3 (action 1.2): error AP213 action 1.2 is closed as risk-accepted but its "
        "status is not-started: set 'status: dropped' or remove the closure while it is open"
    )


def test_an_empty_action_on_a_flat_sheet_names_the_columns_as_headed(
    tmp_path: Path, run: RunCli
) -> None:
    rows = [["Ref", "Action", "Lead officer"], ["1.1", "Brief", "Jo"], ["1.2", "", "Al"]]
    tracker = write_csv(tmp_path / "flat.csv", rows, ",", "utf-8")
    result = run("import", tracker, "--title", "T", *ORGANISATION)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-2] == (
        "flat.csv: cannot read row 3: the Action cell is empty but 'Lead officer', 'Ref' are "
        "filled: write the action, or clear the row's action cells"
    )
