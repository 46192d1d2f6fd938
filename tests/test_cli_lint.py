"""`actionplan lint`: findings, exit codes and every output format."""

from __future__ import annotations

FOUR_PROBLEMS = """
plan:
  id: demo
  title: Demo plan
  organisation: Demo Council
  source: Written for this test
  themes:
    - id: prevention
      title: Prevention
recommendations:
  - id: "1"
    title: Communications
    theme: prevention
    actions:
      - id: "1.1"
        text: Plan the campaign
        ownrs: [DSA Chair]
        target: 2020-02
      - id: "1.2"
        text: Run the campaign
        target: 2020-02
        target: 2020-03
    costs:
      - label: Workshops
        amount: 3750
        units: {quantity: 5, unit: day, rate: 700}
      - label: Evaluation
        amount: 5000
    notes: adopted 2020-02-30
  - id: "2"
    title: Reporting
    actions:
      - id: "2.1"
        text: Report to the board
        completed: 2020-02-30
"""


def test_four_problems_four_findings(write_plan, run):
    path = write_plan(FOUR_PROBLEMS)
    result = run("lint", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:16:9: error AP101 unknown key 'ownrs' in recommendations[0].actions[0]: "
        "did you mean 'owners'?",
        f"{path}:21:9: error AP005 duplicate key 'target' (first at line 20): YAML would keep "
        "only one of them; merge them or rename one",
        f"{path}:25:16: error AP203 unit breakdown 5 day × £700 = £3,500, but the amount is "
        "£3,750: correct one of them",
        f"{path}:34:20: error AP104 recommendations[1].actions[0].completed: '2020-02-30' is not "
        "a real calendar date: check the month and day",
        "1 file checked: 4 errors, 0 warnings",
    ]
