"""`actionplan export`: a plan as a tracker, and back again through `actionplan import`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from actionplan.load import load_plan
from actionplan.model.plan import Acceptance, PlanFile
from conftest import DATA, GOLDEN, ROOT

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

ROUND_TRIP = DATA / "tracker-round-trip.yaml"
SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"


def test_export_csv_is_the_plan_block_above_one_row_per_action(run: RunCli) -> None:
    result = run("export", ROUND_TRIP)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (GOLDEN / "tracker-export.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "plan",
    [
        pytest.param(ROUND_TRIP, id="fixture"),
        pytest.param(DATA / "tracker-format-2.yaml", id="format-2"),
        pytest.param(SOUTHAMPTON, id="southampton"),
    ],
)
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_import_of_export_gives_the_same_plan(
    plan: Path, suffix: str, tmp_path: Path, run: RunCli
) -> None:
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


def test_export_says_what_a_tracker_cannot_carry(
    write_plan: WritePlan, run: RunCli, tmp_path: Path
) -> None:
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


def test_xlsx_cells_are_text_never_formulas(
    write_plan: WritePlan, run: RunCli, tmp_path: Path
) -> None:
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


def test_export_format_and_file_name_must_agree(tmp_path: Path, run: RunCli) -> None:
    result = run("export", SOUTHAMPTON, "--format", "xlsx", "--output", tmp_path / "t.csv")
    assert (result.exit_code, result.stderr) == (
        1,
        f"Error: --format xlsx but --output {tmp_path / 't.csv'}: name the file "
        f"{tmp_path / 't.xlsx'} so it opens as what it is\n",
    )
    assert not (tmp_path / "t.csv").exists()


def _what_a_tracker_carries(plan: PlanFile) -> PlanFile:
    """The plan less what export says it leaves out, in format 2 (as import writes it)."""
    recs = tuple(
        rec.model_copy(
            update={
                "outcomes": (),
                "accepted": None,
                "acceptance": Acceptance(rec.acceptance_word) if rec.acceptance_word else None,
                "actions": tuple(a.model_copy(update={"outcomes": ()}) for a in rec.actions),
            }
        )
        for rec in plan.recommendations
    )
    empty = {"outcomes": (), "services": (), "projects": (), "format": 2}
    return plan.model_copy(update={**empty, "recommendations": recs})


BUNDLED = sorted((ROOT / "plans").glob("*.yaml")) + [
    path for path in sorted((ROOT / "examples").glob("*.yaml")) if path.name != "demo.yaml"
]  # demo.yaml is broken on purpose


@pytest.mark.parametrize("plan", BUNDLED, ids=[path.name for path in BUNDLED])
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_every_bundled_plan_comes_back_from_its_tracker(
    plan: Path, suffix: str, tmp_path: Path, run: RunCli
) -> None:
    sheet = tmp_path / f"tracker.{suffix}"
    assert run("export", plan, "--output", sheet).exit_code == 0
    again = tmp_path / "again.yaml"
    result = run("import", sheet, "--output", again)
    assert result.exit_code == 0, result.stderr
    original, _ = load_plan(plan)
    loaded, findings = load_plan(again)
    assert original is not None and loaded is not None and findings == []
    assert loaded.plan == _what_a_tracker_carries(original.plan)


def test_a_revisions_approval_comes_back_from_the_export(tmp_path: Path, run: RunCli) -> None:
    from actionplan.model.plan import TargetRevision

    if "approved_at" not in TargetRevision.model_fields:
        pytest.skip("this model has no approval of revisions")
    plan = tmp_path / "p.yaml"
    plan.write_text(
        "format: 2\nplan: {id: p, title: P, organisation: O, source: S}\n"
        'recommendations:\n  - id: "1"\n    title: One\n    actions:\n'
        '      - id: "1.1"\n        text: Do it\n        target: 2020-06\n'
        "        revisions:\n"
        "          - {date: 2020-05-01, target: 2020-09, reason: Late, approved_by: Audit "
        "Committee (May), approved_at: 2020-05-10}\n",
        encoding="utf-8",
    )
    sheet = tmp_path / "t.csv"
    assert run("export", plan, "--output", sheet).exit_code == 0
    again = tmp_path / "again.yaml"
    assert run("import", sheet, "--output", again).exit_code == 0
    original, _ = load_plan(plan)
    loaded, findings = load_plan(again)
    assert original is not None and loaded is not None and findings == []
    assert loaded.plan == original.plan


def test_every_fixture_that_lints_clean_comes_back_from_its_tracker() -> None:
    """import(export(plan)) == plan for each plan of tests/data that lint finds no error in (the
    rest are the rules' corpus, refused by import on purpose), through the CSV in memory."""
    from actionplan.findings import Severity
    from actionplan.pipeline import check_text
    from actionplan.tracker import ImportOptions, grid_csv, import_grid, tracker_grid
    from actionplan.tracker.grid import read_csv_bytes

    differ, checked = [], []
    for path in sorted(DATA.rglob("*.yaml")):
        loaded, findings = check_text(str(path), path.read_bytes())
        if loaded is None or any(f.severity is Severity.ERROR for f in findings):
            continue
        sheet = grid_csv(tracker_grid(loaded.plan)).encode("utf-8")
        imported = import_grid(read_csv_bytes(f"{path.stem}.csv", sheet), ImportOptions())
        again = check_text("again", (imported.text or "").encode("utf-8"))[0]
        checked.append(path.relative_to(DATA).as_posix())
        if again is None or again.plan != _what_a_tracker_carries(loaded.plan):
            differ.append(checked[-1])
    assert differ == []
    assert len(checked) == 21 and "tracker-format-2.yaml" in checked
