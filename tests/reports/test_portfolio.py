"""reports.portfolio: one row per plan, filters, sorting and the most overdue actions.

The two plans below, as of 2020-03-01: the audit tracker has 1.1 done, 1.2 overdue since
2020-01-31 (30 days, its target revised once from 2019-12), 2.1 overdue since 2019-12-31
(61 days), 2.2 due on 2020-03-20 (in 19 days) and a last update on 2020-02-10; the strategy
has one action, 1.1, overdue since 2020-02-15 (15 days), owned through an alias.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from actionplan.load import load_plan
from actionplan.model.plan import PlanFile
from actionplan.reports.portfolio import (
    PortfolioFilters,
    PortfolioRow,
    SortKey,
    portfolio_report,
    portfolio_rows,
    summarise_plan,
)
from actionplan.schedule import RagRating

if TYPE_CHECKING:
    from conftest import WritePlan

AS_OF = date(2020, 3, 1)

TRACKER = """
format: 2
plan:
  id: audit-tracker
  title: Audit tracker
  organisation: Exampleton
  source: invented
  kind: audit-tracker
  owned_by: Audit Committee
people:
  - {id: committee, name: Audit Committee, kind: body, aliases: [Audit and Governance]}
  - {id: cfo, name: Chief Finance Officer, kind: role, aliases: [CFO]}
recommendations:
  - id: "1"
    title: Payroll
    actions:
      - id: "1.1"
        text: Reconcile leavers
        owners: [CFO]
        target: 2020-01
        status: done
        completed: 2020-01-20
      - id: "1.2"
        text: Remove access
        owners: [Chief Finance Officer]
        target: 2019-12
        revisions:
          - date: 2019-12-15
            target: 2020-01
            reason: the upgrade
            approved_by: Audit Committee
            approved_at: 2019-12-16
  - id: "2"
    title: Waivers
    actions:
      - id: "2.1"
        text: Keep a register
        owners: [Head of Procurement]
        target: 2019-12
      - id: "2.2"
        text: Train budget holders
        owners: [Head of Procurement]
        target: 2020-03-20
        status: in-progress
        progress:
          - {date: 2020-02-10, note: First session held}
"""

STRATEGY = """
format: 2
plan:
  id: strategy
  title: A strategy
  organisation: Exampleton
  source: invented
  kind: strategy
people:
  - {id: police, name: Police, kind: body, aliases: [Hampshire Constabulary]}
recommendations:
  - id: "1"
    title: Awareness
    actions:
      - id: "1.1"
        text: Run a campaign
        owners: [Hampshire Constabulary]
        target: 2020-02-15
"""


@pytest.fixture
def plans(write_plan: WritePlan) -> list[PlanFile]:
    loaded = [
        load_plan(write_plan(text, name))[0]
        for text, name in ((TRACKER, "a.yaml"), (STRATEGY, "b.yaml"))
    ]
    return [each.plan for each in loaded if each is not None]


def test_one_row_per_plan_with_every_figure(plans: list[PlanFile]) -> None:
    assert portfolio_rows(plans, AS_OF) == [
        PortfolioRow(
            plan="audit-tracker",
            title="Audit tracker",
            file="",
            kind="audit-tracker",
            owned_by="Audit Committee",
            recommendations=2,
            actions=4,
            done=1,
            overdue=2,
            due_soon=1,
            worst_rag=RagRating.RED,
            oldest_overdue="2.1",
            oldest_overdue_days=61,
            revisions=1,
            last_progress=date(2020, 2, 10),
        ),
        PortfolioRow(
            plan="strategy",
            title="A strategy",
            file="",
            kind="strategy",
            owned_by=None,
            recommendations=1,
            actions=1,
            done=0,
            overdue=1,
            due_soon=0,
            worst_rag=RagRating.RED,
            oldest_overdue="1.1",
            oldest_overdue_days=15,
            revisions=0,
            last_progress=None,
        ),
    ]


def test_the_most_overdue_actions_across_plans_most_days_first(plans: list[PlanFile]) -> None:
    summaries = [summarise_plan(plan, AS_OF) for plan in plans]
    report = portfolio_report(summaries, AS_OF, top=2)
    assert [(a.plan, a.id, a.days_overdue) for a in report.most_overdue] == [
        ("audit-tracker", "2.1", 61),
        ("audit-tracker", "1.2", 30),
    ]
    report = portfolio_report(summaries, AS_OF)
    assert [a.id for a in report.most_overdue] == ["2.1", "1.2", "1.1"]
    assert portfolio_report(summaries, AS_OF, top=0).most_overdue == []


@pytest.mark.parametrize(
    ("filters", "shown"),
    [
        (PortfolioFilters(kind="Audit-Tracker"), ["audit-tracker"]),
        (PortfolioFilters(kind="strategy"), ["strategy"]),
        # The owning body, by an alias the people directory gives it.
        (PortfolioFilters(owner="audit and governance"), ["audit-tracker"]),
        # A person who owns an action, by their declared name, id or alias.
        (PortfolioFilters(owner="Police"), ["strategy"]),
        (PortfolioFilters(owner="police"), ["strategy"]),
        (PortfolioFilters(owner="cfo"), ["audit-tracker"]),
        (PortfolioFilters(owner="Head of Procurement"), ["audit-tracker"]),
        (PortfolioFilters(overdue=True), ["audit-tracker", "strategy"]),
        (PortfolioFilters(kind="strategy", owner="CFO"), []),
    ],
)
def test_filters(plans: list[PlanFile], filters: PortfolioFilters, shown: list[str]) -> None:
    summaries = [summarise_plan(plan, AS_OF) for plan in plans]
    report = portfolio_report(summaries, AS_OF, filters=filters)
    assert [row.plan for row in report.rows] == shown
    assert report.plans_read == 2
    assert report.unknown_filters == []


def test_a_filter_that_names_nothing_is_told_apart_from_one_that_matches_nothing(
    plans: list[PlanFile],
) -> None:
    summaries = [summarise_plan(plan, AS_OF) for plan in plans]
    typo = PortfolioFilters(kind="audit-trackr", owner="Polise")
    assert portfolio_report(summaries, AS_OF, filters=typo).unknown_filters == [
        "--kind 'audit-trackr'",
        "--owner 'Polise'",
    ]


@pytest.mark.parametrize(
    ("key", "order"),
    [
        (SortKey.PLAN, ["audit-tracker", "strategy"]),
        (SortKey.OVERDUE, ["audit-tracker", "strategy"]),
        (SortKey.ACTIONS, ["audit-tracker", "strategy"]),
        (SortKey.DUE_SOON, ["audit-tracker", "strategy"]),
        (SortKey.KIND, ["audit-tracker", "strategy"]),
        (SortKey.OWNER, ["audit-tracker", "strategy"]),  # no owning body: last
        (SortKey.LAST_PROGRESS, ["strategy", "audit-tracker"]),  # none first
        (SortKey.OLDEST, ["audit-tracker", "strategy"]),
        (SortKey.REVISIONS, ["audit-tracker", "strategy"]),
        (SortKey.DONE, ["audit-tracker", "strategy"]),
        (SortKey.RAG, ["audit-tracker", "strategy"]),  # both RED: by id
    ],
)
def test_sort(plans: list[PlanFile], key: SortKey, order: list[str]) -> None:
    summaries = [summarise_plan(plan, AS_OF) for plan in reversed(plans)]
    assert [row.plan for row in portfolio_report(summaries, AS_OF, sort=key).rows] == order


def test_a_published_summary_leaves_exempt_parts_out_and_counts_them(
    write_plan: WritePlan,
) -> None:
    exempt = TRACKER.replace(
        "    title: Waivers\n",
        '    title: Waivers\n    exempt: {paragraph: "3", reason: commercial}\n',
    )
    loaded = load_plan(write_plan(exempt))[0]
    assert loaded is not None
    published = summarise_plan(loaded.plan, AS_OF, withhold_exempt=True)
    assert published.row is not None
    assert (published.row.recommendations, published.row.actions, published.row.overdue) == (
        1,
        2,
        1,
    )
    assert (published.withheld.count, published.withheld.paragraphs) == (1, ("3",))
    whole = summarise_plan(loaded.plan, AS_OF)
    assert whole.row is not None and whole.row.actions == 4
