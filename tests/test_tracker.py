"""Committee trackers: `actionplan import` and `actionplan export`, and the cell readers."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from actionplan.load import load_plan
from actionplan.tracker import (
    Month,
    ReadCost,
    ReadTarget,
    RowError,
    parse_cost,
    parse_deadline,
    parse_target,
)
from conftest import DATA, GOLDEN, ROOT

# --- Cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 2020", "2020-02"),
        ("February 2020", "2020-02"),
        ("Sept 2020", "2020-09"),
        ("Dec-20", "2020-12"),
        ("31/03/2021", "2021-03-31"),
        ("1/4/21", "2021-04-01"),
        ("31 March 2021", "2021-03-31"),
        ("03/2021", "2021-03"),
        ("End of March 2021", "2021-03"),
        ("Q1 2020/21", "2020-06"),
        ("Q3 2020/21", "2020-12"),
        ("Q3 2020-21", "2020-12"),
        ("Q4 2020/21", "2021-03"),
        ("2020/21", "2021-03"),
        ("2020-02", "2020-02"),
        ("2020-02-14", "2020-02-14"),
        ("Spring 2020", None),
        ("As set by Govt./OPCC", None),
    ],
)
def test_tracker_dates(text, expected):
    assert parse_deadline(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2021", "'31/02/2021' is not a real date: check the day and month"),
        ("2021-13", "'2021-13' is not a real month: the month must be 01 to 12"),
        (
            "Q3 2020",
            "'Q3 2020' is ambiguous: write the financial year, e.g. Q3 2020/21 (October to "
            "December 2020)",
        ),
        (
            "Q3 2020/22",
            "'Q3 2020/22' is not a financial year: write the two years in a row, e.g. Q3 2020/21",
        ),
    ],
)
def test_impossible_dates_are_row_errors(text, message):
    with pytest.raises(RowError) as error:
        parse_deadline(text)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Ongoing", ReadTarget("ongoing", "Ongoing")),
        ("ongoing", ReadTarget("ongoing", None)),
        ("Feb 2020", ReadTarget("2020-02", "Feb 2020")),
        ("2020-02", ReadTarget("2020-02", None)),
        ("Nov 2019, Nov 2020", ReadTarget(["2019-11", "2020-11"], "Nov 2019, Nov 2020")),
        ("As set by Govt./OPCC", ReadTarget("dependent", "As set by Govt./OPCC")),
        (datetime(2021, 3, 31), ReadTarget("2021-03-31", None)),
        (Month(2020, 12), ReadTarget("2020-12", None)),
        ("", ReadTarget(None, None)),
    ],
)
def test_tracker_targets(cell, expected):
    assert parse_target(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("£5k", ReadCost(Decimal("5000.00"))),
        ("5000", ReadCost(Decimal("5000.00"))),
        (41567.2, ReadCost(Decimal("41567.20"))),
        ("£5,000 - £10,000", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
        ("£5k-10k", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
        ("£20k per year", ReadCost(Decimal("20000.00"), per_year=True)),
        (
            "Estimated at £5k based on current investment",
            ReadCost(Decimal("5000.00"), detail="Estimated at £5k based on current investment"),
        ),
        (
            "Within existing resources",
            ReadCost(Decimal("0.00"), detail="Within existing resources"),
        ),
        ("Nil", None),
        ("-", None),
        ("5,000 - 10,000", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
        ("5 - 10k", ReadCost(Decimal("5000.00"), Decimal("10000.00"))),
    ],
)
def test_tracker_costs(cell, expected):
    assert parse_cost(cell) == expected


def test_a_cost_without_pounds_is_a_row_error():
    with pytest.raises(RowError) as error:
        parse_cost("5 days of training")
    assert str(error.value) == (
        "cost '5 days of training' is not an amount this can read: write it like £5,000, £5k "
        "or £5k-£10k"
    )


# --- Import of a council's own tracker ---------------------------------------------------------

HEADER = [
    "Rec No", "Recommendation", "Priority", "Accepted by Executive? (Y/N)", "Key actions",
    "Lead officer", "Target date", "Status", "RAG", "RAG trend", "Progress update",
    "Estimated cost", "Date completed",
]  # fmt: skip

# Twenty rows as a council keeps them: merged cells read as blanks, dates in several forms.
ROWS = [
    ["1", "Communications Campaign", "Universal primary prevention", "Y",
     "Agree a clear focus around perpetrators", "DSA Chair", "Feb 2020", "Complete", "", "",
     "Focus agreed at the DSA strategy group.", "£5k", "14/02/2020"],
    ["", "", "", "", "Deliver the communications campaign plan", "DSA Chair", "Nov 2019",
     "In progress", "Amber", "↓", "Plan drafted; launch moved to White Ribbon Day.", "", ""],
    ["", "", "", "", "Reporting through DSA to SCP", "", "Ongoing", "In progress", "Green", "",
     "", "", ""],
    ["2", "Reporting Domestic Abuse", "Universal primary prevention", "Y",
     "Lead the dialogue with media outlets", "Head of Communications", "Ongoing", "On track",
     "", "", "Two editors signed up to the Level Up guidelines.", "Nil", ""],
    ["", "", "", "", "Progress reports to DSA strategy group and SCP", "SCC DSA leads",
     "Nov 2019, Nov 2020, Nov 2021", "Not started", "", "", "", "", ""],
    ["3", "Relationship Education", "Universal primary prevention", "Y",
     "Ensure all schools are compliant with the statutory requirements",
     "Service lead for education", "April 2021", "In progress", "", "", "", "£10,000", ""],
    ["", "", "", "", "Support the PSHE network", "Public Health commissioners",
     "Await update of national PSHE programme", "Not started", "", "", "", "", ""],
    ["4", "Raise awareness of perpetrator services", "Perpetrator services", "Y",
     "Secure Local Authority commitment (budget setting 2020)", "DSA Chair", "Feb 2020",
     "Complete", "", "", "Agreed in the 2020/21 budget.", "£5k-£10k", "26/02/2020"],
    ["", "", "", "", "Train frontline staff to refer to the Hampton Trust", "Hampton Trust",
     "Q3 2020/21", "In progress", "Red", "", "Training paused during lockdown.", "", ""],
    ["5", "Routine enquiry for perpetrators", "Perpetrator services", "Y",
     "Pilot routine enquiry in two GP practices", "Public Health Director; Hampton Trust",
     "31/03/2021", "In progress", "", "", "", "£41,567.20", ""],
    ["", "", "", "", "Evaluate the pilot", "Public Health Director", "Q4 2020/21",
     "Not started", "", "", "", "", ""],
    ["6", "LINX service", "Perpetrator services", "Y", "Extend LINX to 18-25 year olds",
     "Children's Services", "Sept 2020", "Complete", "", "", "Service extended in September.",
     "£20k per year", "30/09/2020"],
    ["", "", "", "", "Report on LINX outcomes", "Children's Services", "2021/22",
     "Not started", "", "", "", "", ""],
    ["7", "Co-location of Hampton Trust staff", "Perpetrator services", "Y",
     "Place a Hampton Trust worker in the MASH", "MASH manager", "Dec-20", "In progress",
     "Amber", "", "Worker in post two days a week.",
     "Estimated at £3,750 (5 days at £750)", ""],
    ["8", "Evaluation of perpetrator services", "Evidence", "Y",
     "Commission an independent evaluation", "DSA Chair", "When funding is agreed",
     "Not started", "", "", "", "", ""],
    ["", "", "", "", "Publish the evaluation", "DSA Chair", "Ongoing", "Not started", "", "",
     "", "", ""],
    ["9", "Return on investment", "Evidence", "N",
     "Calculate the return on investment of perpetrator services", "Finance Business Partner",
     "31 March 2021", "In progress", "", "",
     "2020-06-30: Data request sent to the Hampton Trust.\n"
     "2020-09-30: Data received; model drafted.", "", ""],
    ["10", "Whole-family approach", "Evidence", "Y",
     "Include perpetrators in whole-family assessments", "Early Help lead", "Q2 2021/22",
     "Not started", "", "", "", "", ""],
    ["", "", "", "", "Review Early Help assessment forms", "Early Help lead", "Jun 2021",
     "Not started", "", "", "", "", ""],
    ["11", "Housing", "Evidence", "Y",
     "Agree a perpetrator housing protocol with housing providers", "Head of Housing",
     "Dec 2020", "In progress", "", "", "", "Within existing resources", ""],
]  # fmt: skip
TITLE = "Domestic Abuse Scrutiny Inquiry – action tracker"
IMPORT_OPTIONS = ("--organisation", "Southampton City Council", "--updated", "2020-10-01")


def write_csv(path: Path, rows: list[list[str]], *, bom: bool = True) -> Path:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path.write_text(("\ufeff" if bom else "") + out.getvalue(), encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append([None if cell == "" else cell for cell in row])
    book.save(path)
    return path


def tracker_rows() -> list[list[object]]:
    return [[TITLE], [], HEADER, *[list(row) for row in ROWS]]


def test_twenty_row_xlsx_tracker_imports_to_the_golden_plan(tmp_path, run):
    rows = tracker_rows()
    rows[3][12] = datetime(2020, 2, 14)  # Excel gives real dates as datetimes
    tracker = write_xlsx(tmp_path / "tracker.xlsx", rows)
    out = tmp_path / "plan.yaml"
    result = run("import", tracker, *IMPORT_OPTIONS, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "note: column 'RAG trend' (column J) is not recognised and was left out: read it with "
        '--map "RAG trend=FIELD" (fields: rec_id, recommendation, recommendation_text, theme, '
        "accepted, recommendation_notes, action_id, action, owners, target, target_text, "
        "revisions, status, completed, status_reason, rag, rag_reason, progress, progress_date, "
        "action_notes, cost_label, cost, cost_high, recurrence, cost_detail, cost_units, "
        "cost_owners, ignore)",
        f"wrote {out}",
    ]
    assert out.read_text(encoding="utf-8") == (GOLDEN / "tracker-import.yaml").read_text(
        encoding="utf-8"
    )
    lint = run("lint", out, "--strict")
    assert (lint.exit_code, lint.stdout) == (0, "1 file checked: no problems\n")


def test_the_same_tracker_as_csv_gives_the_same_plan(tmp_path, run):
    tracker = write_csv(tmp_path / "tracker.csv", tracker_rows())  # type: ignore[arg-type]
    out = tmp_path / "plan.yaml"
    result = run("import", tracker, *IMPORT_OPTIONS, "--map", "RAG trend=ignore", "-o", out)
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    golden = (GOLDEN / "tracker-import.yaml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == golden.replace("tracker.xlsx", "tracker.csv")


def test_unreadable_rows_are_reported_by_number_and_nothing_is_written(tmp_path, run):
    rows = tracker_rows()
    rows[5][6] = "31/02/2020"  # row 6
    rows[8][7] = "On hold"  # row 9: blocked, but no reason
    rows[12][11] = "5 days"  # row 13
    tracker = write_csv(tmp_path / "tracker.csv", rows)  # type: ignore[arg-type]
    out = tmp_path / "plan.yaml"
    result = run("import", tracker, *IMPORT_OPTIONS, "--map", "RAG trend=ignore", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "tracker.csv: cannot read row 6: '31/02/2020' is not a real date: check the day and month",
        "tracker.csv: cannot read row 9: the action is blocked with no reason: add a 'Status "
        "reason' column saying why",
        "tracker.csv: cannot read row 13: cost '5 days' is not an amount this can read: write it "
        "like £5,000, £5k or £5k-£10k",
        "Error: 3 row(s) cannot be read, so nothing was written: correct them in the "
        "spreadsheet, or add --skip-bad to leave them out",
    ]
    assert not out.exists()

    result = run("import", tracker, *IMPORT_OPTIONS, "--map", "RAG trend=ignore", "-o", out,
                 "--skip-bad")  # fmt: skip
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:3] == [
        "tracker.csv: skipped row 6: '31/02/2020' is not a real date: check the day and month",
        "tracker.csv: skipped row 9: the action is blocked with no reason: add a 'Status "
        "reason' column saying why",
        "tracker.csv: skipped row 13: cost '5 days' is not an amount this can read: write it "
        "like £5,000, £5k or £5k-£10k",
    ]
    loaded, findings = load_plan(out)
    assert loaded is not None and findings == []
    ids = [action.id for _rec, action in loaded.plan.actions()]
    assert len(ids) == 17
    assert {"1.3", "3.1", "5.1"} & set(ids) == set()  # rows 6, 9 and 13 left out
    assert {"1.2", "3.2", "5.2"} <= set(ids)  # the rows after them keep their numbers


def test_map_reads_a_column_with_an_unusual_header(tmp_path, run):
    rows = [
        ["Ref", "What we will do", "Who", "When"],
        ["1", "Agree the campaign focus", "DSA Chair", "Feb 2020"],
    ]
    tracker = write_csv(tmp_path / "tracker.csv", rows)
    options = ("--title", "Plan", "--organisation", "Council")
    result = run("import", tracker, *options)
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: tracker.csv: no header row found in the first 50 rows: the table needs a row of "
        "column names including 'Action' or 'Recommendation' (or map yours with --map \"Your "
        'header=action")\n'
    )
    result = run("import", tracker, *options, "--map", "What we will do=action",
                 "--map", "Who=owners", "--map", "When=target")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-7:] == [
        "    title: Recommendation 1",
        "    actions:",
        '      - id: "1.1"',
        "        text: Agree the campaign focus",
        "        owners: [DSA Chair]",
        "        target: 2020-02",
        "        target_text: Feb 2020",
    ]
    result = run("import", tracker, *options, "--map", "Who=boss")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --map 'Who=boss': 'boss' is not a field; fields: ")


def test_excel_month_cells_and_windows_1252_csv(tmp_path, run):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Action", "Target date", "Lead officer", "Rec No", "Recommendation", "Cost"])
    sheet.append(["Launch", datetime(2020, 12, 1), "DSA Chair", 1, "Campaign", 5000])
    sheet["B2"].number_format = "mmm-yy"
    book.save(tmp_path / "t.xlsx")
    result = run("import", tmp_path / "t.xlsx", "--title", "T", "--organisation", "O")
    assert result.exit_code == 0, result.stderr
    assert "        target: 2020-12\n" in result.stdout
    assert "        amount: 5000\n" in result.stdout

    raw = "Rec No,Recommendation,Action,Cost\r\n1,Campaign,Launch,£5k\r\n".encode("cp1252")
    (tmp_path / "t.csv").write_bytes(raw)
    result = run("import", tmp_path / "t.csv", "--title", "T", "--organisation", "O")
    assert result.exit_code == 0
    assert result.stderr == (
        "note: t.csv is not UTF-8: read it as Windows-1252 (Excel's 'CSV' format)\n"
    )
    assert "        amount: 5000\n" in result.stdout


def test_import_refuses_to_overwrite_without_force(tmp_path, run):
    tracker = write_csv(tmp_path / "tracker.csv", tracker_rows())  # type: ignore[arg-type]
    out = tmp_path / "plan.yaml"
    out.write_text("keep\n", encoding="utf-8")
    result = run("import", tracker, *IMPORT_OPTIONS, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out} already exists: choose another --output, or add --force to replace it\n"
    )
    assert run("import", tracker, *IMPORT_OPTIONS, "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Imported from tracker.csv")


# --- Export, and back again ------------------------------------------------------------------

ROUND_TRIP = DATA / "tracker-round-trip.yaml"
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"


def test_export_csv_is_the_plan_block_above_one_row_per_action(run):
    result = run("export", ROUND_TRIP)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "tracker-export.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("plan", [ROUND_TRIP, SOUTHAMPTON], ids=["fixture", "southampton"])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_import_of_export_gives_the_same_plan(plan, suffix, tmp_path, run):
    if not plan.exists():
        pytest.skip(f"{plan.name} is not written yet")
    sheet = tmp_path / f"tracker.{suffix}"
    assert run("export", plan, "--output", sheet).exit_code == 0
    again_path = tmp_path / "a-different-name.yaml"  # the tracker's Plan ID wins over it
    result = run("import", sheet, "--output", again_path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"wrote {again_path}\n"  # no note: every target read as written
    original, _ = load_plan(plan)
    again, findings = load_plan(again_path)
    assert original is not None and again is not None and findings == []
    assert again.plan == original.plan


def test_a_target_like_a_mistyped_date_is_kept_as_words_with_a_note(tmp_path, run):
    sheet = write_csv(
        tmp_path / "tracker.csv",
        [
            ["Rec No", "Recommendation", "Action", "Lead officer", "Target date"],
            ["1", "Comms", "Brief", "DSA Chair", "Febuary 2020"],
            ["1", "Comms", "Launch", "DSA Chair", "43891"],
            ["1", "Comms", "Evaluate", "DSA Chair", "When funding is agreed"],
        ],
    )
    result = run("import", sheet, "--title", "T", "--organisation", "O")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"note: row {row}: target '{target}' is not a date this can read, so it is kept as "
        "'dependent' (never overdue) with its wording; if it is a date, write it as Feb 2020, "
        "31/03/2021 or 2021-03-31"
        for row, target in ((2, "Febuary 2020"), (3, "43891"))
    ]
    assert result.stdout.count("target: dependent") == 3


def test_export_says_what_a_tracker_cannot_carry(write_plan, run, tmp_path):
    path = write_plan(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: One
            outcomes: [safer]
        outcomes:
          - id: safer
            title: Survivors are safer
        services:
          - id: idva
            name: IDVA service
        """
    )
    result = run("export", path, "--output", tmp_path / "t.xlsx")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "note: a tracker has no place for 1 outcome, 1 service, the outcome links of 1 "
        "recommendation or action; they were left out (keep the plan file as the master copy)",
        f"wrote {tmp_path / 't.xlsx'}",
    ]
    result = run("export", path, "--format", "xlsx")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: an .xlsx workbook cannot go to the terminal: add --output tracker.xlsx\n"
    )


def test_xlsx_cells_are_text_never_formulas(write_plan, run, tmp_path):
    from openpyxl import load_workbook

    path = write_plan(
        """
        plan: {id: p, title: P, organisation: O, source: S}
        recommendations:
          - id: "1"
            title: "=HYPERLINK(\\"http://evil\\")"
            costs:
              - label: Workshops
                amount: 41567.20
        """
    )
    out = tmp_path / "t.xlsx"
    assert run("export", path, "--output", out).exit_code == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet["A"][:5]] == ["Plan ID", "Title", "Organisation", "Source", None]
    header = [c.value for c in sheet[6]]
    row = {h: c for h, c in zip(header, sheet[7], strict=True)}
    assert (row["Recommendation"].value, row["Recommendation"].data_type) == (
        '=HYPERLINK("http://evil")',
        "s",
    )
    assert (row["Cost"].value, row["Cost"].number_format) == (41567.2, "£#,##0.00")


def test_a_map_for_a_column_the_tracker_does_not_have_is_an_error(tmp_path, run):
    sheet = write_csv(
        tmp_path / "tracker.csv",
        [["Rec No", "Recommendation", "Action"], ["1", "Comms", "Brief"]],
    )
    result = run("import", sheet, "--title", "T", "--organisation", "O", "--map", "Lead=owners")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: --map: the header row (row 1) has no column 'lead'; its columns: 'Rec No', "
        "'Recommendation', 'Action'\n",
    )


def test_import_writes_only_a_yaml_file(tmp_path, run):
    sheet = write_csv(tmp_path / "t.csv", [["Rec No", "Recommendation", "Action"], ["1", "C", "B"]])
    result = run("import", sheet, "--title", "T", "--organisation", "O", "-o", tmp_path / "p.txt")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --output {tmp_path / 'p.txt'}: name the plan file with .yaml (e.g. "
        f"{tmp_path / 'p.yaml'}) so lint and the other commands find it\n",
    )
    assert not (tmp_path / "p.txt").exists()


def test_export_format_and_file_name_must_agree(tmp_path, run):
    result = run("export", SOUTHAMPTON, "--format", "xlsx", "--output", tmp_path / "t.csv")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --format xlsx but --output {tmp_path / 't.csv'}: name the file "
        f"{tmp_path / 't.xlsx'} so it opens as what it is\n",
    )
    assert not (tmp_path / "t.csv").exists()


def test_a_tracker_without_title_or_organisation_asks_for_both_at_once(tmp_path, run):
    sheet = write_csv(tmp_path / "t.csv", [["Rec No", "Recommendation", "Action"], ["1", "C", "B"]])
    result = run("import", sheet)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: the tracker does not give the plan's title or the organisation: add --title "
        "\"…\" and --organisation \"…\" (or a 'Title' row and an 'Organisation' row above the "
        "table)\n",
    )


def test_every_problem_in_a_row_is_reported_at_once(tmp_path, run):
    sheet = write_csv(
        tmp_path / "tracker.csv",
        [
            ["Rec No", "Recommendation", "Action", "Target date", "Status", "Progress", "Cost"],
            ["1", "Comms", "Brief", "2020-02", "Complete", "Note without a date", "5 days"],
        ],
    )
    result = run("import", sheet, "--title", "T", "--organisation", "O")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "tracker.csv: cannot read row 2: the action is complete but has no completion date: add "
        "a 'Completed' column with the date (e.g. 31/03/2021); the progress note has no date: "
        "start the note with its date (2020-03-31: …), add a 'Progress date' column, or give "
        "--updated YYYY-MM-DD; cost '5 days' is not an amount this can read: write it like "
        "£5,000, £5k or £5k-£10k"
    )


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("£ 2 000", "is not an amount this can read"),  # not £2
        ("£2 500.50", "is not an amount this can read"),  # not £2
        ("£5,00", "is not an amount this can read"),  # not £500
        ("£abc", "is not an amount this can read"),  # not £0
        ("£1,234.567", "has fractions of a penny"),  # not £1,234.56
        ("£5k + £2k", "adds up amounts"),  # not £5,000
        ("£5k + 2k", "adds up amounts"),
    ],
)
def test_a_cost_is_read_whole_or_refused_never_half_read(cell, message):
    with pytest.raises(RowError) as error:
        parse_cost(cell)
    assert str(error.value).startswith(f"cost '{cell}' {message}")


def test_an_amount_with_its_breakdown_in_words_is_read():
    assert parse_cost("£3,750 (5 days at £750)") == ReadCost(
        Decimal("3750.00"), detail="£3,750 (5 days at £750)"
    )
    assert parse_cost("£10k and 2 staff") == ReadCost(
        Decimal("10000.00"), detail="£10k and 2 staff"
    )
