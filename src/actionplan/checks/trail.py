"""The audit trail's rules (AP501-AP505), raised by `lint --base REV` (`actionplan.history.trail`).

Declared here, with their documentation, so the registry holds every code actionplan can report;
they compare two versions of a plan, so no single file shows them (tests/history proves them).
"""

from __future__ import annotations

from actionplan.checks.declare import ERROR
from actionplan.findings import Rule

_ACTION = """
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign"""

RULES: tuple[Rule, ...] = (
    Rule(
        "AP501",
        ERROR,
        "target changed without a revision (silent slippage)",
        doc=f"""
        With --base, an action's `target` is what it was at the base revision: a new target is
        a new entry under `revisions:` (date, target, reason), so the slippage shows.

        Example:
            # base: target: 2020-02{_ACTION}
                    target: 2020-06

        Fix: put `target` back as it was and add the new one as a revision (`actionplan update
        ID --revise-target 2020-06 --reason …`).
        """,
    ),
    Rule(
        "AP502",
        ERROR,
        "action or recommendation deleted",
        doc="""
        With --base, every action and recommendation of the base revision is still in the plan:
        one that will not be done is dropped or superseded, with a reason, so the record keeps it.

        Example:
            # base: actions 1.1 and 1.2; here 1.2 is gone

        Fix: restore it with `status: dropped` and `status_reason: …` (or, in format 2, a
        `closure:` of kind superseded or risk-accepted).
        """,
    ),
    Rule(
        "AP503",
        ERROR,
        "progress entry or revision rewritten or removed",
        doc="""
        With --base, the progress entries and revisions of the base revision are still there,
        word for word, in their order: the trail is appended to, never rewritten.

        Example:
            # base: progress: [{date: 2020-01-10, note: Brief drafted}]{_ACTION}
                    progress:
                      - date: 2020-01-10
                        note: Brief agreed

        Fix: put the entry back as it was, and say what changed in a new entry.
        """.replace("{_ACTION}", _ACTION),
    ),
    Rule(
        "AP504",
        ERROR,
        "completion date changed",
        doc=f"""
        With --base, a completion date recorded at the base revision stays as it was (an action
        reopened since has none; one done again gets a new one).

        Example:
            # base: completed: 2020-02-01{_ACTION}
                    status: done
                    completed: 2020-03-01

        Fix: put the date back, or record the change as a progress entry saying why.
        """,
    ),
    Rule(
        "AP505",
        ERROR,
        "new revision dated before the one before it",
        doc=f"""
        With --base, a revision added since the base revision is dated on or after the last one
        the base already had: revisions are added as they happen.

        Example:
            # base: revisions: [{{date: 2020-03-01, target: 2020-06, reason: Late}}]{_ACTION}
                    target: 2020-02
                    revisions:
                      - {{date: 2020-03-01, target: 2020-06, reason: Late}}
                      - {{date: 2020-01-15, target: 2020-09, reason: Later}}

        Fix: date the new revision the day it was made (or correct a mistyped date).
        """,
    ),
)
