"""Plans with cost lines, written for the tests of the cost report and of its views."""

from __future__ import annotations

import textwrap

from actionplan.load import load_text
from actionplan.model.plan import PlanFile


def plan(text: str) -> PlanFile:
    loaded, findings = load_text("plan.yaml", textwrap.dedent(text).lstrip("\n").encode())
    assert loaded is not None, findings
    return loaded.plan


MIXED = plan(
    """
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
            owners: [DSA Chair, Comms lead]
          - id: "1.2"
            text: Run the campaign
            owners: [Comms lead]
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
          - label: Practitioner
            amount: 5000.10
            recurrence: per-year
            owners: [ICU lead]
      - id: "6"
        title: Evaluation
        costs:
          - label: Evaluation
            amount: "0"
    """
)

SMALL = plan(
    """
    plan:
      id: small
      title: Small plan
      organisation: Small Council
      source: Written for this test
      stated_total: 2000
    recommendations:
      - id: "1"
        title: Training
        costs:
          - label: Training
            amount: 2000
    """
)

NO_STATED = plan(
    """
    plan:
      id: bare
      title: Bare plan
      organisation: Bare Council
      source: Written for this test
    recommendations:
      - id: "1"
        title: Nothing costed
    """
)
