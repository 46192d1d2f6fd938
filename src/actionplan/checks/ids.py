"""Ids and themes (AP201-AP202): every id is used once, every theme named is declared."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date

from actionplan.checks.declare import ERROR, WARNING, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan, Loc
from actionplan.model.names import fold, hidden_characters, mixed_scripts


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
    # Ids are the same when they fold the same: "1.1" and "1.1" with a zero-width space are one.
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for kind, ident, _loc in _ids(loaded):
        counts[kind][fold(ident)] += 1
    first: dict[tuple[str, str], Loc] = {}
    for kind, ident, loc in _ids(loaded):
        key = fold(ident)
        if counts[kind][key] == 1:
            continue
        if (kind, key) not in first:
            first[kind, key] = loc
            continue
        line = loaded.positions.of(first[kind, key])[0]
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


def _names(loaded: LoadedPlan) -> Iterator[tuple[str, str, Loc]]:
    """(what, text, loc) of every id, name and owner: the texts a report matches people by."""
    yield from _ids(loaded)
    plan = loaded.plan
    for pi, person in enumerate(plan.people):
        yield "person", person.name, ("people", pi, "name")
        for ai, alias in enumerate(person.aliases):
            yield "alias", alias, ("people", pi, "aliases", ai)
    for loc, action in actions(loaded):
        for oi, owner in enumerate(action.owners):
            yield "owner", owner, (*loc, "owners", oi)


@check(
    Rule(
        "AP218",
        WARNING,
        "invisible, bidi or mixed-script characters in an id, name or owner",
        doc="""
        Ids, names and owners are matched by what they look like, so they hold no invisible
        characters (zero-width spaces and joiners, U+200B-U+200F, U+2060, U+FEFF), no bidi
        controls that reorder text on screen (U+202A-U+202E, U+2066-U+2069), and do not mix
        Latin letters with Cyrillic or Greek ones that look the same.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    owners: ["DSA\u200bChair"]

        Fix: retype the name (here "DSA Chair"); text pasted from a web page or a PDF is the
        usual cause.
        """,
    )
)
def check_hidden_characters(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    for what, text, loc in _names(loaded):
        hidden = hidden_characters(text)
        if hidden:
            yield loaded.finding(
                loc,
                "AP218",
                f"{what} {text!a} holds {', '.join(hidden)}: retype it without "
                f"{'those characters' if len(hidden) > 1 else 'that character'} (unseen, but "
                "it makes the name differ)",
            )
        scripts = mixed_scripts(text)
        if scripts:
            yield loaded.finding(
                loc,
                "AP218",
                f"{what} {text!a} mixes {' and '.join(scripts)} letters that look alike: "
                "retype it in one script",
            )
