"""Merge conflicts (AP601): a `conflicts:` entry the merge driver recorded is an error until it
is resolved (`actionplan.editing.merge`, `actionplan merge-driver`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from actionplan.checks.declare import ERROR, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan, Loc
from actionplan.model.plan import Conflict


def _value(value: str | None) -> str:
    if value is None:
        return "deleted"
    one_line = " ".join(value.split())
    return one_line if len(one_line) <= 60 else one_line[:59] + "…"


@check(
    Rule(
        "AP601",
        ERROR,
        "unresolved merge conflict",
        doc="""
        When two branches change the same value differently (two officers revise the same
        target to different months, say), `actionplan merge-driver` keeps ours (the branch
        merged into) and records theirs in a `conflicts:` entry on the action, the
        recommendation or `plan:`, with both values and where each came from. The file stays a
        valid plan, and this error stands until someone decides.

        Example:
            format: 2
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: 2026-03
                    status: in-progress
                    conflicts:
                      - key: status
                        ours: in-progress
                        theirs: done
                        ours_from: 3f2a9c01d2 (main)
                        theirs_from: 8e1b7d4c09 (officer-b)

        Fix: make the item say what was agreed (keep ours, or write theirs' value in its place),
        then delete the entry (and `conflicts:`, once empty); `git add` the file to finish the
        merge.
        """,
    ),
)
def check_conflicts(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    plan = loaded.plan
    found: list[tuple[str, Loc, tuple[Conflict, ...]]] = [
        ("the plan", ("plan",), plan.plan.conflicts)
    ]
    for ri, rec in enumerate(plan.recommendations):
        found.append((f"recommendation {rec.id}", ("recommendations", ri), rec.conflicts))
    found += [(f"action {action.id}", loc, action.conflicts) for loc, action in actions(loaded)]
    for item, loc, conflicts in found:
        for index, conflict in enumerate(conflicts):
            yield loaded.finding(
                (*loc, "conflicts", index),
                "AP601",
                f"{item}: unresolved merge conflict on {conflict.key}: ours "
                f"({conflict.ours_from}) kept {_value(conflict.ours)}; theirs "
                f"({conflict.theirs_from}) had {_value(conflict.theirs)}: make {item} say what "
                "was agreed, then delete this conflicts entry",
            )
