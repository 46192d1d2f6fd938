"""`actionplan import`: a council's own tracker, as .xlsx and as .csv, into a plan file."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, cast

from actionplan.load import load_plan
from actionplan.tracker.columns import FIELDS
from conftest import GOLDEN

if TYPE_CHECKING:
    from conftest import RunCli

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


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, bom: bool = True) -> Path:
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
    return [[TITLE], [], cast("list[object]", HEADER), *[list[object](row) for row in ROWS]]


def test_twenty_row_xlsx_tracker_imports_to_the_golden_plan(tmp_path: Path, run: RunCli) -> None:
    rows = tracker_rows()
    rows[3][12] = datetime(2020, 2, 14)  # Excel gives real dates as datetimes
    tracker = write_xlsx(tmp_path / "tracker.xlsx", rows)
    out = tmp_path / "plan.yaml"
    result = run("import", tracker, *IMPORT_OPTIONS, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        "note: column 'RAG trend' (column J) is not recognised and was left out: read it with "
        f'--map "RAG trend=FIELD" (fields: {", ".join(FIELDS)})',
        f"wrote {out}",
    ]
    assert out.read_text(encoding="utf-8") == (GOLDEN / "tracker-import.yaml").read_text(
        encoding="utf-8"
    )
    lint = run("lint", out, "--strict")
    assert (lint.exit_code, lint.stdout) == (0, "1 file checked: no problems\n")


def test_the_same_tracker_as_csv_gives_the_same_plan(tmp_path: Path, run: RunCli) -> None:
    tracker = write_csv(tmp_path / "tracker.csv", tracker_rows())
    out = tmp_path / "plan.yaml"
    result = run("import", tracker, *IMPORT_OPTIONS, "--map", "RAG trend=ignore", "-o", out)
    assert (result.exit_code, result.stderr) == (0, f"wrote {out}\n")
    golden = (GOLDEN / "tracker-import.yaml").read_text(encoding="utf-8")
    assert out.read_text(encoding="utf-8") == golden.replace("tracker.xlsx", "tracker.csv")


def test_unreadable_rows_are_reported_by_number_and_nothing_is_written(
    tmp_path: Path, run: RunCli
) -> None:
    rows = tracker_rows()
    rows[5][6] = "31/02/2020"  # row 6
    rows[8][8] = "Purple"  # row 9
    rows[12][11] = "5 days"  # row 13
    tracker = write_csv(tmp_path / "tracker.csv", rows)
    out = tmp_path / "plan.yaml"
    result = run("import", tracker, *IMPORT_OPTIONS, "--map", "RAG trend=ignore", "-o", out)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "tracker.csv: cannot read row 6: '31/02/2020' is not a real date: check the day and month",
        "tracker.csv: cannot read row 9: RAG 'Purple' is not red, amber or green",
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
        "tracker.csv: skipped row 9: RAG 'Purple' is not red, amber or green; its cost line "
        "(£10,000) was kept",
        "tracker.csv: skipped row 13: cost '5 days' is not an amount this can read: write it "
        "like £5,000, £5k or £5k-£10k; its action 5.1 was kept",
    ]
    loaded, findings = load_plan(out)
    assert loaded is not None and findings == []
    ids = [action.id for _rec, action in loaded.plan.actions()]
    assert len(ids) == 18
    assert {"1.3", "3.1"} & set(ids) == set()  # rows 6 and 9 left out
    assert "5.1" in ids  # row 13's action kept: only its cost could not be read
    assert {"1.2", "3.2", "5.2"} <= set(ids)  # the rows after them keep their numbers


def test_map_reads_a_column_with_an_unusual_header(tmp_path: Path, run: RunCli) -> None:
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
        "    title: Agree the campaign focus",
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


def test_import_refuses_to_overwrite_without_force(tmp_path: Path, run: RunCli) -> None:
    tracker = write_csv(tmp_path / "tracker.csv", tracker_rows())
    out = tmp_path / "plan.yaml"
    out.write_text("keep\n", encoding="utf-8")
    result = run("import", tracker, *IMPORT_OPTIONS, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {out} already exists: choose another --output, or add --force to replace it\n"
    )
    assert run("import", tracker, *IMPORT_OPTIONS, "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("# Imported from tracker.csv")


def test_a_target_like_a_mistyped_date_is_kept_as_words_with_a_note(
    tmp_path: Path, run: RunCli
) -> None:
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


def test_a_map_for_a_column_the_tracker_does_not_have_is_an_error(
    tmp_path: Path, run: RunCli
) -> None:
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


def test_import_writes_only_a_yaml_file(tmp_path: Path, run: RunCli) -> None:
    sheet = write_csv(tmp_path / "t.csv", [["Rec No", "Recommendation", "Action"], ["1", "C", "B"]])
    result = run("import", sheet, "--title", "T", "--organisation", "O", "-o", tmp_path / "p.txt")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --output {tmp_path / 'p.txt'}: name the plan file with .yaml (e.g. "
        f"{tmp_path / 'p.yaml'}) so lint and the other commands find it\n",
    )
    assert not (tmp_path / "p.txt").exists()


def test_a_tracker_without_title_or_organisation_asks_for_both_at_once(
    tmp_path: Path, run: RunCli
) -> None:
    sheet = write_csv(tmp_path / "t.csv", [["Rec No", "Recommendation", "Action"], ["1", "C", "B"]])
    result = run("import", sheet)
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: the tracker does not give the plan's title or the organisation: add --title "
        "\"…\" and --organisation \"…\" (or a 'Title' row and an 'Organisation' row above the "
        "table)\n",
    )


def test_every_problem_in_a_row_is_reported_at_once(tmp_path: Path, run: RunCli) -> None:
    sheet = write_csv(
        tmp_path / "tracker.csv",
        [
            ["Rec No", "Recommendation", "Action", "Target date", "Status", "Progress", "Cost"],
            ["1", "Comms", "Brief", "2020-31", "Parked", "Note without a date", "5 days"],
        ],
    )
    result = run("import", sheet, "--title", "T", "--organisation", "O")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "tracker.csv: cannot read row 2: '2020-31' is not a real month: the month must be 01 to "
        "12; status 'Parked' is not one this tool knows: use not started, in progress, complete, "
        "blocked or dropped (or red, amber, green; 'import --list-status-words' lists them all), "
        "or say what it means with --status-map \"WORD=in-progress\"; cost '5 days' is not an "
        "amount this can read: write it like £5,000, £5k or £5k-£10k"
    )
