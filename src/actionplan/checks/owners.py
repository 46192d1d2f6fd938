"""Owners and the people directory (AP215-AP217): every action says who owns it, or that no one
does and why; declared people are declared once; owners are people the plan declares."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import date

from actionplan.checks.declare import ERROR, WARNING, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan
from actionplan.model.people import Directory, name_key


@check(
    Rule(
        "AP215",
        ERROR,
        "action names owners and says it has none",
        doc="""
        `no_owner:` says the source names no owner on purpose, and why (e.g. "monitor through
        Head teacher forum"); an action that has owners does not say it has none.

        Example:
            format: 2
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    owners: [DSA Chair]
                    no_owner: monitor through the DSA group

        Fix: keep `owners:` or `no_owner:`, not both.
        """,
    ),
    Rule(
        "AP216",
        WARNING,
        "owner is not one of the declared people",
        doc="""
        When a plan (or the settings file) declares its people, every owner is one of them, by
        id, name or alias, so that reports group each person's actions together.

        Example:
            format: 2
            people:
              - id: dsa-chair
                name: DSA Chair
                kind: role
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    owners: [DSA Chiar]

        Fix: correct the name, add it to the person's `aliases`, or declare the person.
        """,
    ),
    Rule(
        "AP217",
        ERROR,
        "name declared for two people",
        doc="""
        Each id, name and alias in `people:` belongs to one person: otherwise an owner named
        that way could be either.

        Example:
            format: 2
            people:
              - id: icu-lead
                name: ICU lead
              - id: icu-dsa-lead
                name: ICU DSA lead
                aliases: [ICU lead]

        Fix: remove the alias from one of them, or merge the two into one person.
        """,
    ),
)
def check_owners(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    plan = loaded.plan
    seen: dict[str, str] = {}
    for pi, person in enumerate(plan.people):
        for key, names in (("id", [person.id]), ("name", [person.name])):
            yield from _claim(loaded, seen, person.id, names, ("people", pi, key))
        for ai, alias in enumerate(person.aliases):
            yield from _claim(loaded, seen, person.id, [alias], ("people", pi, "aliases", ai))
    directory = Directory.of(plan.people, loaded.settings.people)
    names = [n for p in directory.people for n in (p.name, *p.aliases)]
    for loc, action in actions(loaded):
        if action.owners and action.no_owner is not None:
            yield loaded.finding(
                (*loc, "no_owner"),
                "AP215",
                f"action {action.id} names owners ({', '.join(action.owners)}) and says "
                "no_owner: keep one of them",
                key=True,
            )
        if not directory:
            continue
        for oi, owner in enumerate(action.owners):
            if directory.find(owner) is None:
                close = difflib.get_close_matches(owner, names, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "declare them under people"
                yield loaded.finding(
                    (*loc, "owners", oi),
                    "AP216",
                    f"action {action.id}: owner '{owner}' is not one of the declared people: "
                    f"{hint} (or add it to someone's aliases)",
                )


def _claim(
    loaded: LoadedPlan,
    seen: dict[str, str],
    person: str,
    names: list[str],
    loc: tuple[str | int, ...],
) -> Iterator[Finding]:
    for name in names:
        key = name_key(name)
        if key in seen and seen[key] != person:
            yield loaded.finding(
                loc,
                "AP217",
                f"people: '{name}' is already a name of {seen[key]}: each id, name and alias "
                "belongs to one person",
            )
        seen.setdefault(key, person)
