"""`actionplan cost-summary`: every format, grouping, several plans and exit codes."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import GOLDEN, ROOT

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

DEMO = """
plan:
  id: demo
  title: Demo plan
  organisation: Demo Council
  source: Written for this test
  stated_total: 13,570
  themes:
    - id: prevention
      title: Prevention
    - id: perpetrators
      title: Perpetrators
recommendations:
  - id: "1"
    title: Communications campaign
    theme: prevention
    actions:
      - id: "1.1"
        text: Plan the campaign
        owners: [DSA Chair]
    costs:
      - label: Campaign
        amount: 5000
        high: 10000
        detail: Estimated at £5k-£10k
  - id: "5"
    title: Perpetrator workshops
    theme: perpetrators
    costs:
      - label: Workshops
        amount: 3750
        units: {quantity: 5, unit: day, rate: 750}
        detail: Rate <HCC> & partners
      - label: Practitioner
        amount: 5000
        recurrence: per-year
        owners: [ICU lead]
        detail: One day a week
"""

# A plan whose stated total matches, with cells a spreadsheet would run as formulas.
FORMULAS = """
plan:
  id: other
  title: Other plan
  organisation: Other Council
  source: Written for this test
  stated_total: 2000
recommendations:
  - id: "1"
    title: Training
    costs:
      - label: =HYPERLINK("http://x")
        amount: 1500
        detail: +£500 if repeated
      - label: Materials
        amount: 500
        detail: "@cost"
"""

PLAIN = """
plan:
  id: plain
  title: Plain plan
  organisation: Plain Council
  source: Written for this test
recommendations:
  - id: "1"
    title: Training
    costs:
      - label: Training
        amount: 2000
"""


def text(block: str) -> str:
    return textwrap.dedent(block).lstrip("\n")


NOTES = [
    "Stated total (as printed): £13,570",
    "Computed total (sum of the rows): £13,750",
    "Difference: the printed total is £180 less than the sum of its rows — the computed total "
    "is right.",
    "With the high end of each range, the total is £18,750 (£13,750 to £18,750).",
    "The total counts one year of each per-year cost.",
]


def warning(path: object) -> str:
    return (
        f"{path}:6:17: warning AP204 stated total £13,570 is £180 less than the sum of the cost "
        "lines, £13,750: keep the total as the document printed it and quote the computed one "
        "(actionplan cost-summary)\n"
    )


def test_table_lists_each_line_then_totals_then_the_reconciliation(
    write_plan: WritePlan, run: RunCli
) -> None:
    path = write_plan(DEMO)
    result = run("cost-summary", path)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "+-----+----------------------+----------------+---------+------------+--------"
        "+------------------+---------------------+",
        "| Rec | Recommendation       | Estimated cost |    High | Recurrence |  Share "
        "| Breakdown        | Detail              |",
        "+-----+----------------------+----------------+---------+------------+--------"
        "+------------------+---------------------+",
        "| 1   | Communications       |         £5,000 | £10,000 | one-off    |  36.4% "
        "|                  | Estimated at        |",
        "|     | campaign             |                |         |            |        "
        "|                  | £5k-£10k            |",
        "| 5   | Perpetrator          |         £3,750 |         | one-off    |  27.3% "
        "| 5 × £750 per day | Rate <HCC> &        |",
        "|     | workshops: Workshops |                |         |            |        "
        "|                  | partners            |",
        "| 5   | Perpetrator          |         £5,000 |         | per-year   |  36.4% "
        "|                  | One day a week      |",
        "|     | workshops:           |                |         |            |        "
        "|                  |                     |",
        "|     | Practitioner         |                |         |            |        "
        "|                  |                     |",
        "+-----+----------------------+----------------+---------+------------+--------"
        "+------------------+---------------------+",
        "|     | Total                |        £13,750 | £18,750 |            | 100.0% "
        "|                  |                     |",
        "|     | of which one-off     |         £8,750 | £13,750 |            |        "
        "|                  |                     |",
        "|     | of which per year    |         £5,000 |  £5,000 |            |        "
        "|                  |                     |",
        "+-----+----------------------+----------------+---------+------------+--------"
        "+------------------+---------------------+",
        *NOTES,
    ]
    assert result.stderr == warning(path)
    assert "\x1b" not in result.stdout


def test_markdown_for_a_board_paper(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(DEMO)
    result = run("cost-summary", path, "--format", "markdown")
    assert result.exit_code == 0
    assert (
        result.stdout
        == text(
            """
        # Estimated costs: Demo plan

        | Rec   | Recommendation                      |   Estimated cost |    High | Recurrence   |   Share | Breakdown        | Detail                 |
        |-------|-------------------------------------|------------------|---------|--------------|---------|------------------|------------------------|
        | 1     | Communications campaign             |           £5,000 | £10,000 | one-off      |   36.4% |                  | Estimated at £5k-£10k  |
        | 5     | Perpetrator workshops: Workshops    |           £3,750 |         | one-off      |   27.3% | 5 × £750 per day | Rate \\<HCC> & partners |
        | 5     | Perpetrator workshops: Practitioner |           £5,000 |         | per-year     |   36.4% |                  | One day a week         |
        |       | Total                               |          £13,750 | £18,750 |              |  100.0% |                  |                        |
        |       | of which one-off                    |           £8,750 | £13,750 |              |         |                  |                        |
        |       | of which per year                   |           £5,000 |  £5,000 |              |         |                  |                        |
        """  # noqa: E501
        )
        + "\n"
        + "\n\n".join(NOTES)
        + "\n"
    )
    assert result.stderr == warning(path)


def test_html_escapes_every_cell(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(DEMO)
    result = run("cost-summary", path, "--format", "html")
    assert result.exit_code == 0
    money = '<td class="num nowrap">'
    lines = result.stdout.splitlines()
    assert "<h1>Estimated costs: Demo plan</h1>" in lines  # the plan's title, not a generic one
    assert lines[lines.index("<table>") : lines.index("</main>")] == [
        "<table>",
        "<thead>",
        '<tr><th scope="col">Rec</th><th scope="col">Recommendation</th>'
        '<th scope="col" class="num nowrap">Estimated cost</th>'
        '<th scope="col" class="num nowrap">High</th><th scope="col" class="nowrap">Recurrence</th>'
        '<th scope="col" class="num nowrap">Share</th><th scope="col">Breakdown</th>'
        '<th scope="col">Detail</th></tr>',
        "</thead>",
        "<tbody>",
        f"<tr><td>1</td><td>Communications campaign</td>{money}£5,000</td>{money}£10,000</td>"
        f'<td class="nowrap">one-off</td>{money}36.4%</td><td></td>'
        "<td>Estimated at £5k-£10k</td></tr>",
        f"<tr><td>5</td><td>Perpetrator workshops: Workshops</td>{money}£3,750</td>{money}</td>"
        f'<td class="nowrap">one-off</td>{money}27.3%</td><td>5 × £750 per day</td>'
        "<td>Rate &lt;HCC&gt; &amp; partners</td></tr>",
        f"<tr><td>5</td><td>Perpetrator workshops: Practitioner</td>{money}£5,000</td>"
        f'{money}</td><td class="nowrap">per-year</td>{money}36.4%</td><td></td>'
        "<td>One day a week</td></tr>",
        "</tbody>",
        "<tfoot>",
        f"<tr><td></td><td>Total</td>{money}£13,750</td>{money}£18,750</td>"
        f'<td class="nowrap"></td>{money}100.0%</td><td></td><td></td></tr>',
        f'<tr><td></td><td>of which <span class="nowrap">one-off</span></td>{money}£8,750</td>'
        f'{money}£13,750</td><td class="nowrap"></td>{money}</td><td></td><td></td></tr>',
        f"<tr><td></td><td>of which per year</td>{money}£5,000</td>{money}£5,000</td>"
        f'<td class="nowrap"></td>{money}</td><td></td><td></td></tr>',
        "</tfoot>",
        "</table>",
        *(
            f"<p>{note}</p>".replace("per-year", '<span class="nowrap">per-year</span>')
            for note in NOTES
        ),
    ]


def test_csv_neutralises_formula_cells(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(FORMULAS)
    result = run("cost-summary", path, "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == text(
        """
        Rec,Recommendation,Estimated cost,Share,Detail
        1,"Training: =HYPERLINK(""http://x"")","£1,500",75.0%,'+£500 if repeated
        1,Training: Materials,£500,25.0%,'@cost
        ,Total,"£2,000",100.0%,
        "Stated total £2,000 matches the sum of the rows."
        All costs are one-off.
        """
    )
    assert result.stderr == ""


def test_csv_neutralises_a_label_that_starts_a_cell(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(FORMULAS.replace("title: Training", "title: =Training"))
    result = run("cost-summary", path, "--format", "csv")
    assert result.stdout.splitlines()[1] == (
        """1,"'=Training: =HYPERLINK(""http://x"")","£1,500",75.0%,'+£500 if repeated"""
    )


def test_json_has_the_documented_keys_and_amounts_as_strings(
    write_plan: WritePlan, run: RunCli
) -> None:
    path = write_plan(DEMO)
    result = run("cost-summary", path, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "currency": "GBP",
        "rows": [
            {
                "plan": "demo",
                "recommendation": "1",
                "title": "Communications campaign",
                "label": "Campaign",
                "amount": "5000.00",
                "high": "10000.00",
                "recurrence": "one-off",
                "detail": "Estimated at £5k-£10k",
                "exempt": False,
            },
            {
                "plan": "demo",
                "recommendation": "5",
                "title": "Perpetrator workshops",
                "label": "Workshops",
                "amount": "3750.00",
                "high": None,
                "recurrence": "one-off",
                "detail": "Rate <HCC> & partners",
                "exempt": False,
            },
            {
                "plan": "demo",
                "recommendation": "5",
                "title": "Perpetrator workshops",
                "label": "Practitioner",
                "amount": "5000.00",
                "high": None,
                "recurrence": "per-year",
                "detail": "One day a week",
                "exempt": False,
            },
        ],
        "total": "13750.00",
        "total_high": "18750.00",
        "stated_total": "13570.00",
        "difference": "180.00",
        "plans": [
            {
                "plan": "demo",
                "title": "Demo plan",
                "lines": 3,
                "total": "13750.00",
                "total_high": "18750.00",
                "one_off": "8750.00",
                "per_year": "5000.00",
                "stated_total": "13570.00",
                "difference": "180.00",
            }
        ],
    }
    assert result.stderr == warning(path)


def test_json_without_a_stated_total_and_with_groups(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAIN)
    result = run("cost-summary", path, "--format", "json", "--by", "owner")
    document = json.loads(result.stdout)
    assert (document["total"], document["total_high"]) == ("2000.00", "2000.00")
    assert (document["stated_total"], document["difference"]) == (None, None)
    assert document["by"] == {
        "key": "owner",
        "groups": [
            {
                "plan": "plain",
                "group": "(unassigned)",
                "lines": 1,
                "amount": "2000.00",
                "high": "2000.00",
            }
        ],
    }


def test_by_theme(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(DEMO)
    result = run("cost-summary", path, "--by", "theme", "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout.split("\n\n")[:2] == [
        "# Estimated costs: Demo plan",
        text(
            """
            | Theme        |   Cost lines |   Estimated cost |    High |   Share |
            |--------------|--------------|------------------|---------|---------|
            | Prevention   |            1 |           £5,000 | £10,000 |   36.4% |
            | Perpetrators |            2 |           £8,750 |  £8,750 |   63.6% |
            | Total        |            3 |          £13,750 | £18,750 |  100.0% |"""
        ),
    ]


def test_by_owner_in_the_terminal(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(DEMO)
    result = run("cost-summary", path, "--by", "owner")
    assert result.stdout.splitlines() == [
        "+---------------------+------------+----------------+---------+--------+",
        "| Responsible officer | Cost lines | Estimated cost |    High |  Share |",
        "+---------------------+------------+----------------+---------+--------+",
        "| DSA Chair           |          1 |         £5,000 | £10,000 |  36.4% |",
        "| (unassigned)        |          1 |         £3,750 |  £3,750 |  27.3% |",
        "| ICU lead            |          1 |         £5,000 |  £5,000 |  36.4% |",
        "+---------------------+------------+----------------+---------+--------+",
        "| Total               |          3 |        £13,750 | £18,750 | 100.0% |",
        "+---------------------+------------+----------------+---------+--------+",
        *NOTES,
    ]


def test_several_plans_get_a_plan_column_a_total_each_and_a_grand_total(
    write_plan: WritePlan, run: RunCli
) -> None:
    demo = write_plan(DEMO, "a/demo.yaml")
    write_plan(FORMULAS, "a/other.yaml")
    result = run("cost-summary", demo.parent, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == text(
        """
        # Estimated costs: 2 plans

        | Plan   | Rec   | Recommendation                      |   Estimated cost |    High | Recurrence   |   Share | Breakdown        | Detail                 |
        |--------|-------|-------------------------------------|------------------|---------|--------------|---------|------------------|------------------------|
        | demo   | 1     | Communications campaign             |           £5,000 | £10,000 | one-off      |   36.4% |                  | Estimated at £5k-£10k  |
        | demo   | 5     | Perpetrator workshops: Workshops    |           £3,750 |         | one-off      |   27.3% | 5 × £750 per day | Rate \\<HCC> & partners |
        | demo   | 5     | Perpetrator workshops: Practitioner |           £5,000 |         | per-year     |   36.4% |                  | One day a week         |
        | demo   |       | Total demo                          |          £13,750 | £18,750 |              |  100.0% |                  |                        |
        | other  | 1     | Training: =HYPERLINK("http://x")    |           £1,500 |         | one-off      |   75.0% |                  | +£500 if repeated      |
        | other  | 1     | Training: Materials                 |             £500 |         | one-off      |   25.0% |                  | @cost                  |
        | other  |       | Total other                         |           £2,000 |  £2,000 |              |  100.0% |                  |                        |
        |        |       | Grand total                         |          £15,750 | £20,750 |              |         |                  |                        |
        |        |       | of which one-off                    |          £10,750 | £15,750 |              |         |                  |                        |
        |        |       | of which per year                   |           £5,000 |  £5,000 |              |         |                  |                        |

        demo: Stated total (as printed): £13,570

        demo: Computed total (sum of the rows): £13,750

        demo: Difference: the printed total is £180 less than the sum of its rows — the computed total is right.

        other: Stated total £2,000 matches the sum of the rows.

        With the high end of each range, the total is £20,750 (£15,750 to £20,750).

        The total counts one year of each per-year cost.
        """  # noqa: E501
    )
    assert result.stderr == warning(demo)


def test_several_plans_by_theme_total_each_plan(write_plan: WritePlan, run: RunCli) -> None:
    demo = write_plan(DEMO, "a/demo.yaml")
    write_plan(FORMULAS, "a/other.yaml")
    result = run("cost-summary", demo.parent, "--by", "theme", "--format", "csv")
    assert result.stdout.split('"demo:')[0] == text(
        """
        Plan,Theme,Cost lines,Estimated cost,High,Share
        demo,Prevention,1,"£5,000","£10,000",36.4%
        demo,Perpetrators,2,"£8,750","£8,750",63.6%
        demo,Total demo,3,"£13,750","£18,750",100.0%
        other,(no theme),2,"£2,000","£2,000",100.0%
        other,Total other,2,"£2,000","£2,000",100.0%
        ,Grand total,5,"£15,750","£20,750",
        """
    )


def test_a_plan_with_no_costs_is_left_out_and_named(write_plan: WritePlan, run: RunCli) -> None:
    plain = write_plan(PLAIN, "a/plain.yaml")
    write_plan(
        "plan: {id: strategy, title: Strategy, organisation: X Council, source: Test}\n",
        "a/strategy.yaml",
    )
    result = run("cost-summary", plain.parent, "--format", "markdown")
    assert result.stdout == text(
        """
        # Estimated costs: 2 plans

        | Rec   | Recommendation   |   Estimated cost |   Share | Detail   |
        |-------|------------------|------------------|---------|----------|
        | 1     | Training         |           £2,000 |  100.0% |          |
        |       | Total            |           £2,000 |  100.0% |          |

        Left out of the table, with no cost lines: strategy.

        All costs are one-off.
        """
    )


@pytest.mark.parametrize(
    ("plan", "check", "code"),
    [(DEMO, True, 1), (DEMO, False, 0), (FORMULAS, True, 0), (PLAIN, True, 0)],
)
def test_check_fails_only_when_a_stated_total_differs(
    write_plan: WritePlan, run: RunCli, plan: str, check: bool, code: int
) -> None:
    path = write_plan(plan)
    result = run("cost-summary", path, *(["--check"] if check else []), "--format", "json")
    assert result.exit_code == code


def test_output_is_written_to_a_file(write_plan: WritePlan, run: RunCli, tmp_path: Path) -> None:
    path = write_plan(PLAIN)
    target = tmp_path / "costs.md"
    result = run("cost-summary", path, "--format", "markdown", "--output", target)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == text(
        """
        # Estimated costs: Plain plan

        | Rec   | Recommendation   |   Estimated cost |   Share | Detail   |
        |-------|------------------|------------------|---------|----------|
        | 1     | Training         |           £2,000 |  100.0% |          |
        |       | Total            |           £2,000 |  100.0% |          |

        All costs are one-off.
        """
    )


def test_table_to_a_file_has_no_colour(write_plan: WritePlan, run: RunCli, tmp_path: Path) -> None:
    path = write_plan(PLAIN)
    target = tmp_path / "costs.txt"
    assert run("cost-summary", path, "--output", target).exit_code == 0
    assert target.read_text(encoding="utf-8").splitlines()[3] == (
        "| 1   | Training       |         £2,000 | 100.0% |        |"
    )


def test_plans_in_different_currencies_are_refused(write_plan: WritePlan, run: RunCli) -> None:
    plain = write_plan(PLAIN, "a/plain.yaml")
    write_plan(
        PLAIN.replace("id: plain", "id: euro").replace("source:", "currency: EUR\n  source:"),
        "a/euro.yaml",
    )
    result = run("cost-summary", plain.parent)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Error: the plans are in different currencies (euro in EUR, plain in GBP), so they "
        "cannot share one total: summarise each currency separately\n"
    )


def test_a_plan_that_does_not_load_is_named(write_plan: WritePlan, run: RunCli) -> None:
    path = write_plan(PLAIN.replace("amount: 2000", "amount: lots"))
    result = run("cost-summary", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:11:17: error AP106 recommendations[0].costs[0].amount: 'lots' is not an "
        "amount: write pounds and pence as digits, e.g. 5000 or 41567.20 (no minus sign, at "
        "most two decimal places)",
        "Error: 1 problem above stops these plans from loading: fix them (run 'actionplan lint' "
        "for every finding)",
    ]


def test_help_shows_an_example(run: RunCli) -> None:
    result = run("cost-summary", "--help")
    assert result.exit_code == 0
    assert "Example: actionplan cost-summary plans/ --format markdown --output costs.md" in (
        " ".join(result.stdout.split())
    )


SOUTHAMPTON = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"


def test_southampton_reproduces_the_sources_table(run: RunCli) -> None:
    """The golden file was checked by hand against the source's "Summary of estimated costs":
    nine rows (Rec 7 twice), their amounts and details, £136,317 against the printed £136,137."""
    result = run("cost-summary", SOUTHAMPTON, "--format", "markdown")
    assert result.exit_code == 0
    assert result.stdout == (GOLDEN / "cost-summary-southampton.md").read_text(encoding="utf-8")
    assert result.stderr == (
        f"{SOUTHAMPTON}:72:17: warning AP204 stated total £136,137 is £180 less than the sum of "
        "the cost lines, £136,317: keep the total as the document printed it and quote the "
        "computed one (actionplan cost-summary)\n"
    )


def test_southampton_json_and_check(run: RunCli) -> None:
    result = run("cost-summary", SOUTHAMPTON, "--format", "json", "--check")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert len(document["rows"]) == 9
    assert [row["amount"] for row in document["rows"]] == [
        "5000.00",
        "10000.00",
        "3750.00",
        "5000.00",
        "8000.00",
        "53000.00",
        "41567.00",
        "5000.00",
        "5000.00",
    ]
    assert (document["total"], document["total_high"]) == ("136317.00", "141317.00")
    assert (document["stated_total"], document["difference"]) == ("136137.00", "180.00")


@pytest.mark.parametrize("command", ["cost-summary", "report"])
def test_a_copy_of_a_plan_is_refused_before_its_costs_are_added_twice(
    run: RunCli, tmp_path: Path, command: str
) -> None:
    import shutil

    plan = ROOT / "plans" / "southampton-domestic-abuse-2019.yaml"
    copy = tmp_path / "copy.yaml"
    shutil.copy(plan, copy)
    result = run(command, plan, copy)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: 2 plan files have the id 'southampton-domestic-abuse-2019' ({plan}, {copy}): a "
        "copy of the same plan would count every action twice; remove the copy, or give each "
        "plan its own 'id:' under 'plan:'\n"
    )
