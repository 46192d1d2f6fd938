"""The format's version and open vocabularies (AP112-AP114).

A file without `format:` is version 1 and reads as it always has; the keys format 2 adds are
refused there with a hint to migrate, and format 1's `accepted: true/false` is refused in a
format-2 file. Open vocabularies (audiences, units, priorities, assurance levels, source and
plan kinds) are checked against the plan's own declaration, else the settings file's, else the
format's default.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from pydantic import BaseModel

from actionplan.checks.declare import ERROR, check
from actionplan.config import vocabulary
from actionplan.findings import Finding, Rule, dotted
from actionplan.load import FORMAT_2_KEYS, LoadedPlan, Loc
from actionplan.model.plan import NOT_RECORDED


def _format_2_keys(model: BaseModel, loc: Loc) -> Iterator[Loc]:
    for key in FORMAT_2_KEYS.get(type(model).__name__, ()):
        if key in model.model_fields_set:
            yield (*loc, key)


def _not_recorded(loaded: LoadedPlan) -> Iterator[Loc]:
    for ri, rec in enumerate(loaded.plan.recommendations):
        for ai, action in enumerate(rec.actions):
            loc = ("recommendations", ri, "actions", ai)
            if action.completed is NOT_RECORDED:
                yield (*loc, "completed")
            for pi, update in enumerate(action.progress):
                if update.date is NOT_RECORDED:
                    yield (*loc, "progress", pi, "date")
            for vi, revision in enumerate(action.revisions):
                if revision.approved_at is NOT_RECORDED:
                    yield (*loc, "revisions", vi, "approved_at")


@check(
    Rule(
        "AP112",
        ERROR,
        "format-2 key or value in a format-1 file",
        doc="""
        A file without `format: 2` is read as format 1, which has none of format 2's keys
        (acceptance, priority, assurance, closure, funding, people, vocabularies, exempt, ...)
        and no `not-recorded` dates.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                acceptance: accepted-in-principle

        Fix: add `format: 2` as the file's first key; `actionplan migrate FILE` does it for you
        and rewrites format 1's `accepted: true/false` as `acceptance:`.
        """,
    ),
    Rule(
        "AP113",
        ERROR,
        "format-1 'accepted' in a format-2 file",
        doc="""
        Format 2 says how a recommendation was answered with `acceptance:` (accepted,
        accepted-in-principle, partially-accepted, not-accepted or noted) instead of format 1's
        `accepted: true/false`.

        Example:
            format: 2
            recommendations:
              - id: "1"
                title: Raise awareness
                accepted: true

        Fix: write `acceptance: accepted` (for true) or `acceptance: not-accepted` (for false).
        """,
    ),
)
def check_format_version(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    plan = loaded.plan
    if plan.version >= 2:
        for ri, rec in enumerate(plan.recommendations):
            if "accepted" in rec.model_fields_set:
                word = "accepted" if rec.accepted else "not-accepted"
                yield loaded.finding(
                    ("recommendations", ri, "accepted"),
                    "AP113",
                    f"recommendation {rec.id}: 'accepted' is format 1's; format 2 writes "
                    f"'acceptance: {word}'",
                    key=True,
                )
        return
    found: list[Loc] = [*_format_2_keys(plan, ()), *_format_2_keys(plan.plan, ("plan",))]
    for ri, rec in enumerate(plan.recommendations):
        found += _format_2_keys(rec, ("recommendations", ri))
        for ai, action in enumerate(rec.actions):
            found += _format_2_keys(action, ("recommendations", ri, "actions", ai))
            for vi, revision in enumerate(action.revisions):
                loc = ("recommendations", ri, "actions", ai, "revisions", vi)
                found += _format_2_keys(revision, loc)
    for loc in found:
        yield loaded.finding(
            loc,
            "AP112",
            f"'{loc[-1]}' is a format-2 key and this file is format 1: add 'format: 2' at the "
            "top of the file (actionplan migrate FILE does it)",
            key=True,
        )
    for loc in _not_recorded(loaded):
        yield loaded.finding(
            loc,
            "AP112",
            "'not-recorded' is a format-2 date and this file is format 1: add 'format: 2' at "
            "the top of the file (actionplan migrate FILE does it)",
        )


def _choices(words: tuple[str, ...]) -> str:
    quoted = [f"'{w}'" for w in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _words(loaded: LoadedPlan) -> Iterator[tuple[str, Loc, str]]:
    """(vocabulary, loc, word) for every word of an open vocabulary the plan uses."""
    plan = loaded.plan
    if plan.plan.kind is not None:
        yield "plan_kinds", ("plan", "kind"), plan.plan.kind
    for ri, rec in enumerate(plan.recommendations):
        loc: Loc = ("recommendations", ri)
        for name, key, value in (
            ("priorities", "priority", rec.priority),
            ("assurance", "assurance", rec.assurance),
            ("source_kinds", "source_kind", rec.source_kind),
        ):
            if value is not None:
                yield name, (*loc, key), value
    for oi, outcome in enumerate(plan.outcomes):
        for wi, who in enumerate(outcome.for_):
            yield "audiences", ("outcomes", oi, "for", wi), who
        for ii, indicator in enumerate(outcome.indicators):
            yield "units", ("outcomes", oi, "indicators", ii, "unit"), indicator.unit


@check(
    Rule(
        "AP114",
        ERROR,
        "word not in the plan's vocabulary",
        doc="""
        Audiences (`for:`), indicator units, priorities, assurance levels and source and plan
        kinds are words of a vocabulary: the plan's own (`vocabularies:`), else the settings
        file's, else the format's default (audiences: survivors, perpetrators, professionals,
        health-professionals, children, community; units: count, percent, score, pounds;
        priorities: high, medium, low; assurance: substantial, reasonable, limited,
        no-assurance).

        Example:
            outcomes:
              - id: climate
                title: Lower emissions
                for: [residents]

        Fix: use a word of the vocabulary, or declare the plan's own, e.g. `format: 2` and
        `vocabularies: {audiences: [residents, businesses]}`.
        """,
    )
)
def check_vocabularies(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    known: dict[str, tuple[str, ...]] = {}
    for name, loc, word in _words(loaded):
        if name not in known:
            known[name] = vocabulary(loaded.plan, loaded.settings, name)
        if word not in known[name]:
            declared = "declared" if _declared(loaded, name) else "default"
            yield loaded.finding(
                loc,
                "AP114",
                f"{dotted(loc)}: '{word}' is not in the {declared} {name.replace('_', ' ')}: "
                f"use {_choices(known[name])}, or declare it under vocabularies",
            )


def _declared(loaded: LoadedPlan, name: str) -> bool:
    for declared in (loaded.plan.vocabularies, loaded.settings.vocabularies):
        if declared is not None and getattr(declared, name) is not None:
            return True
    return False
