"""The Southampton transcription, plans/southampton-domestic-abuse-2019.yaml, against its source.

The figures below were read from shared/seeds/003_7efebe3bd21f2488.txt by hand, row by row.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from actionplan.load import load_plan
from actionplan.model.plan import (
    Acceptance,
    FundingRoute,
    PersonKind,
    PlanFile,
    Recurrence,
    Status,
    Target,
    TargetKind,
    UnitBreakdown,
)
from actionplan.reports.money import computed_total
from actionplan.schedule import due_date

if TYPE_CHECKING:
    from conftest import RunCli

PLAN = Path(__file__).parent.parent.parent / "plans" / "southampton-domestic-abuse-2019.yaml"


@pytest.fixture(scope="module")
def plan() -> PlanFile:
    loaded, findings = load_plan(PLAN)
    assert findings == []
    assert loaded is not None and loaded.complete
    return loaded.plan


def test_plan_block(plan: PlanFile) -> None:
    info = plan.plan
    assert info.id == "southampton-domestic-abuse-2019"
    assert info.title == "Reducing domestic abuse: response to Scrutiny Inquiry recommendations"
    assert info.organisation == "Southampton City Council"
    assert info.adopted is None  # the document gives no date
    assert info.reports_to == ("DSA", "SCP")
    assert [(t.id, t.title) for t in info.themes] == [
        ("prevention", "Universal primary prevention"),
        ("perpetrators", "Perpetrator Services / Whole system approach"),
        ("evidence", "Evidence Based Decision Making"),
    ]
    assert info.themes[1].text is not None
    assert info.themes[1].text.startswith("We cannot reduce domestic abuse without reducing")


def test_sixteen_recommendations_under_their_themes_all_accepted(plan: PlanFile) -> None:
    recs = plan.recommendations
    assert [r.id for r in recs] == [str(n) for n in range(1, 17)]
    assert [r.theme for r in recs] == ["prevention"] * 4 + ["perpetrators"] * 5 + ["evidence"] * 7
    assert plan.version == 2
    # Every "Accepted by Executive? (Y/N)" cell reads "Y".
    assert all(r.acceptance is Acceptance.ACCEPTED and r.accepted is None for r in recs)
    assert [r.title for r in recs] == [
        "Communications Campaign",
        "Reporting Domestic Abuse",
        "Relationship Education",
        "Adverse Childhood Experiences",
        "Raise awareness of, and increase referrals to, perpetrator services",
        "Introduce routine enquiry for perpetrators",
        "Seek additional resources to support perpetrator services in Southampton",
        "MATAC (Multi-Agency Tasking and Co-ordination)",
        "Co-location of Hampton Trust staff within the key service areas",
        "Update the Domestic and Sexual Abuse Strategy (DSA)",
        "Evaluation of perpetrator services",
        "Return on Investment for Perpetrator Services",
        "Alcohol and Substance Misuse",
        "The role of Public Health",
        "Consideration of the impact on victims and perpetrators of domestic abuse when making "
        "Council decisions",
        "Working with Government",
    ]
    assert all(r.text for r in recs)


def test_cost_lines_in_the_summary_order(plan: PlanFile) -> None:
    rows = [
        (rec.id, cost.label, cost.amount, cost.high, cost.recurrence)
        for rec in plan.recommendations
        for cost in rec.costs
    ]
    once, yearly = Recurrence.ONE_OFF, Recurrence.PER_YEAR
    assert rows == [
        ("1", "Communications Campaign", Decimal("5000.00"), None, once),
        ("3", "Relationship Education", Decimal("10000.00"), None, once),
        (
            "5",
            "Raise awareness of, and increase referrals to, perpetrator services",
            Decimal("3750.00"),
            None,
            once,
        ),
        ("6", "Introduce routine enquiry for perpetrators", Decimal("5000.00"), None, once),
        ("7", "LINX service", Decimal("8000.00"), None, yearly),
        ("7", "Increased capacity", Decimal("53000.00"), None, once),
        (
            "9",
            "Co-location of Hampton Trust staff within the key service areas",
            Decimal("41567.00"),
            None,
            once,
        ),
        ("11", "Evaluation of perpetrator services", Decimal("5000.00"), None, once),
        (
            "12",
            "Return on Investment for Perpetrator Services",
            Decimal("5000.00"),
            Decimal("10000.00"),
            once,
        ),
    ]


def test_workshop_units_multiply_out(plan: PlanFile) -> None:
    (cost,) = plan.recommendations[4].costs
    assert cost.units == UnitBreakdown(
        quantity=Decimal("5"),
        unit="day",
        rate=Decimal("750.00"),
        note="10 workshops at 2 workshops per day",
    )
    assert cost.units.quantity * cost.units.rate == cost.amount == Decimal("3750")
    assert cost.detail == "£750 per day. Includes 2 workshops per day. Current rate paid by HCC"


def test_stated_total_kept_as_printed_and_differs_from_the_sum(plan: PlanFile) -> None:
    assert plan.plan.stated_total == Decimal("136137.00")
    assert computed_total(plan) == Decimal("136317.00")


def test_no_progress_recorded(plan: PlanFile) -> None:
    actions = [action for _, action in plan.actions()]
    # 63 before format 2: each of the seven funding lists (Recs 1, 4, 5, 6, 7, 8, 9) was three
    # actions and is now one.
    assert len(actions) == 49
    for action in actions:
        assert action.status is Status.NOT_STARTED
        assert action.progress == ()
        assert action.revisions == ()
        assert action.completed is None
        assert action.rag is None


# Every action: (id, owners, target as written, target_text). None: the source gives no target.
# The funding lists (1.1, 4.3, 5.2, 6.2, 7.1, 8.2, 9.1) have no target of their own: their
# routes carry the targets (see FUNDING_ROUTES).
ACTIONS = [
    ("1.1", ["DSA Chair"], None, None),
    ("1.4", ["DSA Chair"], "2020-02", "Feb 2020"),
    ("1.5", ["DSA Chair"], "2020-02", "Feb 2020"),
    ("1.6", ["DSA Chair"], "2019-11", "Plan by Nov 2019"),
    ("1.7", [], None, None),
    ("2.1", ["Head of communications"], "ongoing", "Ongoing"),
    ("2.2", ["SCC DSA leads"], "2019-11, 2020-11, 2021-11", "November 2019 / 2020 / 2021"),
    ("2.3", [], None, None),
    ("3.1", [], "ongoing", "Ongoing"),
    (
        "3.2",
        ["ICU and Public Health commissioners"],
        "dependent",
        "Await update of national PSHE programme of study",
    ),
    ("3.3", ["Derek Wiles - service lead for education"], "2021-04", "April 2021"),
    ("3.4", ["ICU and Public Health commissioners"], None, None),
    ("3.5", [], None, None),
    ("4.1", ["SCC lead for ACE"], "dependent", "ACE timescales"),
    ("4.2", [], None, None),
    ("4.3", ["DSA Chair"], None, None),
    ("4.6", ["SCC lead for ACE"], "dependent", "ACE timescales"),
    ("4.7", [], None, None),
    ("5.1", ["DSA Chair"], None, None),
    ("5.2", ["DSA Chair"], None, None),
    ("5.5", ["Hampton Trust"], "dependent", "Funding dependent"),
    ("5.6", ["Hampton Trust"], "2020-02", "Feb 2020"),
    ("5.7", ["Police"], None, None),
    ("5.8", [], None, None),
    ("6.1", ["Public Health"], None, None),
    ("6.2", ["DSA Chair"], None, None),
    ("6.5", [], None, None),
    ("7.1", ["DSA Chair"], None, None),
    ("7.4", ["ICU lead"], None, None),
    ("7.5", [], None, None),
    ("8.1", [], None, None),
    ("8.2", ["DSA Chair"], None, None),
    ("8.5", ["Police", "Hampton Trust"], "dependent", "Await outcome of evaluation."),
    ("9.1", ["DSA Chair"], None, None),
    ("9.4", ["ICU lead"], None, None),
    ("9.5", [], None, None),
    ("10.1", ["Strategy Unit SCC"], "2020-12", "Dec 2020"),
    ("11.1", ["Public Health"], "2021-01", "Jan 2021"),
    ("11.2", ["Public Health"], "2021-03", "March 2021"),
    ("11.3", ["DSA Chair", "ICU"], None, None),
    ("12.1", ["Public Health"], "dependent", "Dependent on resources available"),
    ("12.2", [], None, None),
    ("13.1", ["Public Health lead", "ICU DSA lead"], "dependent", "As required"),
    ("13.2", [], None, None),
    ("14.1", ["Public Health"], "dependent", "Announcement dependent."),
    ("14.2", [], None, None),
    ("15.1", ["SCC DSA leads"], None, None),
    ("15.2", [], None, None),
    (
        "16.1",
        ["Cllr Shields", "Cllr McEwing", "Public Health Director"],
        "dependent",
        "Aligned to Govt developments",
    ),
]

# The ids the funding lists held before format 2 (three actions each), retired, not reused.
RETIRED = ["1.2", "1.3", "4.4", "4.5", "5.3", "5.4", "6.3", "6.4", "7.2", "7.3", "8.3", "8.4"]
RETIRED += ["9.2", "9.3"]

# Each funding list's five bullets, with the target beside each: "Feb 2020" beside the first
# two, "As set by Govt./OPCC" beside the DA Bill and OPCC bullets, none beside the last.
FUNDING_ROUTES = [
    ("Local Authority (SCC) commitment (Budget setting 2020)", "2020-02", "Feb 2020"),
    ("Local agency commitments (campaigns budgets/external funding bids)", "2020-02", "Feb 2020"),
    ("DA Bill funding (when opportunity arises)", "dependent", "As set by Govt./OPCC"),
    ("OPCC funding (when opportunity arises)", "dependent", "As set by Govt./OPCC"),
    ("Charitable and academic funding routes", None, None),
]
FUNDING_LISTS = {
    "1.1": "Finance required {secure}",
    "4.3": "Where finance is required, it will need to be secured",
    "5.2": "Finance required {secure}",
    "6.2": "Finance required {secure}",
    "7.1": "Prioritise requests for funding from all available sources to address unmet need "
    "including",
    "8.2": "Finance required {secure}",
    "9.1": "Finance required {secure}",
}


def test_every_action_owners_and_target(plan: PlanFile) -> None:
    got = [
        (
            action.id,
            list(action.owners),
            None if action.target is None else str(action.target),
            action.target_text,
        )
        for _, action in plan.actions()
    ]
    assert got == ACTIONS
    assert not {ident for ident, *_ in ACTIONS} & set(RETIRED)


def test_each_funding_list_is_one_action_with_its_routes(plan: PlanFile) -> None:
    actions = {action.id: action for _, action in plan.actions()}
    assert {ident: a.text for ident, a in actions.items() if a.funding} == FUNDING_LISTS
    routes = tuple(
        FundingRoute(
            route=route,
            target=None if target is None else Target.parse(target),
            target_text=text,
        )
        for route, target, text in FUNDING_ROUTES
    )
    for ident in FUNDING_LISTS:
        assert actions[ident].funding == routes
        assert actions[ident].target is None
        # With no target of its own, the action falls due at its routes' dated target.
        assert str(actions[ident].current_target) == "2020-02"


def test_people_declared_once_with_only_the_aliases_the_source_gives(plan: PlanFile) -> None:
    people = [(p.id, p.name, p.kind, p.aliases) for p in plan.people]
    role, body, person = PersonKind.ROLE, PersonKind.BODY, PersonKind.PERSON
    assert people == [
        ("dsa-chair", "DSA Chair", role, ()),
        ("head-of-communications", "Head of communications", role, ()),
        ("scc-dsa-leads", "SCC DSA leads", role, ()),
        ("icu-and-public-health-commissioners", "ICU and Public Health commissioners", role, ()),
        ("derek-wiles", "Derek Wiles", person, ("Derek Wiles - service lead for education",)),
        ("scc-lead-for-ace", "SCC lead for ACE", role, ()),
        ("hampton-trust", "Hampton Trust", body, ()),
        ("police", "Police", body, ("Hampshire Constabulary",)),
        ("public-health", "Public Health", body, ()),
        ("icu-lead", "ICU lead", role, ()),
        ("strategy-unit-scc", "Strategy Unit SCC", body, ("Strategy unit",)),
        ("icu", "ICU", body, ("Integrated Commissioning Unit",)),
        ("public-health-lead", "Public Health lead", role, ()),
        ("icu-dsa-lead", "ICU DSA lead", role, ()),
        ("cllr-shields", "Cllr Shields", person, ()),
        ("cllr-mcewing", "Cllr McEwing", person, ()),
        ("public-health-director", "Public Health Director", role, ()),
    ]
    assert plan.people[4].role == "service lead for education"
    assert all(p.email is None for p in plan.people)  # the source gives none
    owners = {o for _, action in plan.actions() for o in action.owners}
    names = {n for p in plan.people for n in (p.name, *p.aliases)}
    assert owners <= names


def test_target_kinds(plan: PlanFile) -> None:
    kinds = {action.id: action.target.kind for _, action in plan.actions() if action.target}
    assert kinds["1.4"] is TargetKind.MONTH
    assert kinds["2.2"] is TargetKind.MILESTONES
    assert kinds["2.1"] is TargetKind.ONGOING
    assert kinds["8.5"] is TargetKind.DEPENDENT
    assert kinds["13.1"] is TargetKind.DEPENDENT  # "As required": when needed, not ongoing
    assert TargetKind.DAY not in kinds.values()  # the source dates nothing to the day


def test_owner_wording_kept(plan: PlanFile) -> None:
    actions = {action.id: action for _, action in plan.actions()}
    assert actions["3.1"].owners == ()
    assert actions["3.1"].no_owner == "No lead officer – monitor through Head teacher forum"
    assert actions["3.1"].notes is not None
    assert actions["3.1"].notes.startswith("Links in the source: https://www.safe4me.co.uk/")
    assert actions["5.5"].notes == "Responsible officer column: Hampton Trust (with funding)"
    assert actions["3.3"].notes == "Responsible officer column: Monitor through Head teacher forum."
    assert [a.id for a in actions.values() if a.no_owner is not None] == ["3.1"]


def test_run_continually_is_the_recommendations_not_an_action_target(plan: PlanFile) -> None:
    """Printed in the target column below 1.6's "Plan by Nov 2019", on no row of its own."""
    rec = plan.recommendations[0]
    assert rec.notes == "This recommendation should run continually"
    actions = {action.id: action for action in rec.actions}
    assert str(actions["1.6"].target) == "2019-11"
    assert actions["1.7"].target is None and actions["1.7"].target_text is None


def test_actions_due_before_march_2020(plan: PlanFile) -> None:
    """The actions a status report as of 2020-03-01 shows as overdue."""
    due = {action.id: due_date(action) for _, action in plan.actions()}
    overdue = [ident for ident, when in due.items() if when and when < date(2020, 3, 1)]
    feb = ["4.3", "5.2", "5.6", "6.2", "7.1", "8.2", "9.1"]
    assert overdue == ["1.1", "1.4", "1.5", "1.6", "2.2", *feb]
    assert due["1.6"] == due["2.2"] == date(2019, 11, 30)
    assert due["1.1"] == date(2020, 2, 29)


def test_lint_reports_only_the_printed_total_and_it_is_suppressed(run: RunCli) -> None:
    """The stated total is kept as printed; its line says so with an ignore comment."""
    result = run("lint", PLAN)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["1 file checked: no problems; 1 suppressed"]
    shown = run("lint", PLAN, "--show-suppressed")
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[0].startswith(
        f"{PLAN}:72:17: warning AP204 stated total £136,137 is £180 less than the sum of the "
        "cost lines, £136,317"
    )
