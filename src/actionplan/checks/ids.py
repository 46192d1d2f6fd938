"""Ids and themes (AP201-AP202): every id is used once, every theme named is declared."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date

from actionplan.checks.declare import ERROR, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan, Loc


def _ids(loaded: LoadedPlan) -> Iterator[tuple[str, str, Loc]]:
    """(kind, id, loc) of everything that has an id."""
    plan = loaded.plan
    for ti, theme in enumerate(plan.plan.themes):
        yield "theme", theme.id, ("plan", "themes", ti, "id")
    for ri, rec in enumerate(plan.recommendations):
        yield "recommendation", rec.id, ("recommendations", ri, "id")
    for loc, action in actions(loaded):
        yield "action", action.id, (*loc, "id")
    for oi, outcome in enumerate(plan.outcomes):
        yield "outcome", outcome.id, ("outcomes", oi, "id")
        for ii, indicator in enumerate(outcome.indicators):
            yield "indicator", indicator.id, ("outcomes", oi, "indicators", ii, "id")
    for section in ("services", "projects"):
        for si, service in enumerate(getattr(plan, section)):
            yield "service or project", service.id, (section, si, "id")


@check(
    Rule(
        "AP201",
        ERROR,
        "id used more than once in the plan",
        doc="""
        Each theme, recommendation, action, outcome, indicator, service and project has its own
        id within its kind: reports, `actionplan update` and links between objects find things
        by id.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                  - id: "1.1"
                    text: Run the campaign

        Fix: give the second one its own id (here "1.2"); the finding names the line of the first.
        """,
    )
)
def check_unique_ids(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    # Ids are counted first and placed only when repeated: a path for every id of a big plan
    # would take more memory than the plan itself.
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, ident, _loc in _ids(loaded):
        counts[kind][ident] += 1
    first: dict[tuple[str, str], Loc] = {}
    for kind, ident, loc in _ids(loaded):
        if counts[kind][ident] == 1:
            continue
        if (kind, ident) not in first:
            first[kind, ident] = loc
            continue
        line = loaded.positions.of(first[kind, ident])[0]
        yield loaded.finding(
            loc,
            "AP201",
            f"{kind} id '{ident}' is already used at line {line}: give each {kind} its own id",
        )


@check(
    Rule(
        "AP202",
        ERROR,
        "theme referenced by a recommendation is not declared",
        doc="""
        A recommendation's `theme` names one of the themes declared under `plan.themes`.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                theme: prevention

        Fix: declare the theme under `plan.themes` (id and title), or correct the name to one
        that is declared.
        """,
    )
)
def check_themes_exist(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    themes = [theme.id for theme in loaded.plan.plan.themes]
    for ri, rec in enumerate(loaded.plan.recommendations):
        if rec.theme is not None and rec.theme not in themes:
            known = ", ".join(themes) if themes else "none are declared under plan.themes"
            yield loaded.finding(
                ("recommendations", ri, "theme"),
                "AP202",
                f"recommendation {rec.id} names theme '{rec.theme}', which is not declared "
                f"(themes: {known})",
            )
