"""Dates (AP206, AP219-AP221, AP251-AP253): entries in date order, revisions approved and not
too many, and, with --as-of, nothing in the future.

Checks that depend on the date run only when an as-of date is given: a plan that passed CI
yesterday must not fail today unchanged.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

from actionplan.checks.declare import ERROR, NOTE, WARNING, check
from actionplan.checks.parts import actions
from actionplan.findings import Finding, Rule, plural
from actionplan.load import LoadedPlan, Loc
from actionplan.model.plan import NOT_RECORDED, Rag
from actionplan.schedule import days_overdue, due_date


@check(
    Rule(
        "AP206",
        ERROR,
        "progress updates or target revisions not in date order",
        doc="""
        An action's `progress` and `revisions` are histories: oldest first, newest last, so
        the latest is always the last entry.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    progress:
                      - date: 2020-02-01
                        note: Brief agreed
                      - date: 2020-01-15
                        note: Brief drafted

        Fix: put the entries in date order, newest last (or correct a mistyped date).
        """,
    )
)
def check_date_order(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    for loc, action in actions(loaded):
        for field, entries in (("progress", action.progress), ("revisions", action.revisions)):
            # An entry whose date was not recorded (format 2) has no place in the order.
            dated = [
                (i, when)
                for i, entry in enumerate(entries)
                if isinstance(when := getattr(entry, "date", None), date)
            ]
            for (_, before), (index, here) in itertools.pairwise(dated):
                if here < before:
                    yield loaded.finding(
                        (*loc, field, index, "date"),
                        "AP206",
                        f"action {action.id}: {field} entry dated {here.isoformat()} comes "
                        f"after one dated {before.isoformat()}: keep entries in date order, "
                        "newest last",
                    )


@check(
    Rule(
        "AP251",
        ERROR,
        "progress update, revision, completion or closure dated after the as-of date",
        doc="""
        With --as-of, no progress update, target revision, completion or closure is dated after
        that day: it cannot have happened yet. Runs only with --as-of.

        Example:
            # as-of: 2020-03-01
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: 2020-06
                    progress:
                      - date: 2021-01-10
                        note: Brief agreed

        Fix: check the year (here 2020-01-10 was meant).
        """,
    )
)
def check_not_in_future(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    if as_of is None:
        return
    for loc, action in actions(loaded):
        dated: list[tuple[Loc, date]] = [
            ((*loc, "progress", i, "date"), on)
            for i, u in enumerate(action.progress)
            if (on := u.on) is not None
        ]
        dated += [((*loc, "revisions", i, "date"), r.date) for i, r in enumerate(action.revisions)]
        if action.completed_on is not None:
            dated.append(((*loc, "completed"), action.completed_on))
        closed = action.closure.date if action.closure is not None else None
        if isinstance(closed, date):
            dated.append(((*loc, "closure", "date"), closed))
        for where, when in dated:
            if when > as_of:
                yield loaded.finding(
                    where,
                    "AP251",
                    f"action {action.id}: dated {when.isoformat()}, after the as-of date "
                    f"{as_of.isoformat()}: check the year",
                )


@check(
    Rule(
        "AP252",
        WARNING,
        "action past its target with no progress update",
        doc="""
        With --as-of, an action past its target date that has never had a progress update is
        reported: nobody has said what happened. Runs only with --as-of.

        Example:
            # as-of: 2020-03-01
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: 2020-01

        Fix: record progress (`progress: [{date: …, note: …}]`), or revise the target.
        """,
    ),
    Rule(
        "AP253",
        WARNING,
        "hand-set green RAG on an overdue action",
        doc="""
        With --as-of, an overdue action is not rated green by hand. Runs only with --as-of.

        Example:
            # as-of: 2020-03-01
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: 2020-01-31
                    rag: green
                    rag_reason: The board was told it is on track
                    progress:
                      - date: 2020-01-10
                        note: Brief drafted

        Fix: revise the target (under `revisions`) or the rating.
        """,
    ),
)
def check_overdue_without_progress(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    if as_of is None:
        return
    for loc, action in actions(loaded):
        overdue = days_overdue(action, as_of)
        if overdue and not action.progress:
            due = due_date(action)
            assert due is not None
            yield loaded.finding(
                (*loc, "target"),
                "AP252",
                f"action {action.id} was due {due.isoformat()} ({plural(overdue, 'day')} before "
                f"{as_of.isoformat()}) and has no progress update: record progress or revise "
                "the target",
            )
        if overdue and action.rag is Rag.GREEN:
            yield loaded.finding(
                (*loc, "rag"),
                "AP253",
                f"action {action.id} is set green by hand but is {plural(overdue, 'day')} overdue: "
                "revise the target or the rating",
            )


@check(
    Rule(
        "AP219",
        WARNING,
        "target revision with no approval",
        doc="""
        A format-2 plan says who approved each change of target and when (`approved_by` and
        `approved_at`): a date moved without an approval is the slippage audit committees ask
        about. A revision whose approval the source does not record says `approved_at:
        not-recorded` instead (AP220).

        Example:
            format: 2
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: 2026-03
                    revisions:
                      - date: 2026-02-20
                        target: 2026-06
                        reason: Supplier delayed

        Fix: add `approved_by: Audit Committee` and `approved_at: 2026-03-14` (the body and the
        date of the meeting that agreed it); `actionplan update --revise-target` takes
        `--approved-by` and `--approved-at`.
        """,
    ),
    Rule(
        "AP220",
        NOTE,
        "target revision whose approval is not recorded",
        doc="""
        A revision with `approved_at: not-recorded` (as an imported tracker's revisions are)
        is listed, never failed: it is worth knowing that nobody can say who agreed the new
        date.

        Example:
            format: 2
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: 2026-03
                    revisions:
                      - date: 2026-02-20
                        target: 2026-06
                        reason: Supplier delayed
                        approved_at: not-recorded

        Fix: when the approval is found (in the committee's minutes), write it in.
        """,
    ),
    Rule(
        "AP221",
        WARNING,
        "action revised more times than the settings allow",
        doc="""
        An action whose target has been revised more than `max_revisions` times (the settings
        file's `[rules]`, 2 by default) is one a committee calls its owner in about.

        Example:
            recommendations:
              - id: "1"
                title: Raise awareness
                actions:
                  - id: "1.1"
                    text: Plan the campaign
                    target: 2026-01
                    revisions:
                      - {date: 2026-01-10, target: 2026-03, reason: Late brief}
                      - {date: 2026-03-10, target: 2026-06, reason: Supplier}
                      - {date: 2026-06-10, target: 2026-09, reason: Staffing}

        Fix: bring the action to the committee; when a further revision is agreed, raise
        `max_revisions` in actionplan.toml only if the committee's rule allows it.
        """,
    ),
)
def check_revision_approvals(loaded: LoadedPlan, as_of: date | None) -> Iterator[Finding]:
    limit = loaded.settings.rules.max_revisions
    for loc, action in actions(loaded):
        if loaded.plan.version >= 2:
            for index, revision in enumerate(action.revisions):
                where = (*loc, "revisions", index)
                if revision.approved_at is NOT_RECORDED:
                    yield loaded.finding(
                        (*where, "approved_at"),
                        "AP220",
                        f"action {action.id}: the revision of {revision.date.isoformat()} (to "
                        f"{revision.target}) has no recorded approval",
                    )
                elif revision.approved_by is None or revision.approved_at is None:
                    missing = " and ".join(
                        key
                        for key in ("approved_by", "approved_at")
                        if getattr(revision, key) is None
                    )
                    yield loaded.finding(
                        where,
                        "AP219",
                        f"action {action.id}: the revision of {revision.date.isoformat()} (to "
                        f"{revision.target}) has no {missing}: say who approved the new target "
                        "and when (or approved_at: not-recorded)",
                    )
        if len(action.revisions) > limit:
            yield loaded.finding(
                (*loc, "revisions"),
                "AP221",
                f"action {action.id} has been revised {len(action.revisions)} times (the "
                f"settings allow {limit}): bring it to the committee",
                key=True,
            )
