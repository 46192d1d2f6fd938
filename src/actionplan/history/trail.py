"""The audit trail, enforced: what a plan may not do between two of its versions (AP501-AP505).

`actionplan lint --base REV` compares each plan with its version at REV (matched by `plan.id`):
a target moved without a revision, an action or recommendation deleted, a progress entry or
revision rewritten or removed, a completion date changed, a new revision dated before the one
before it. The trail is append-only; what changes is said in a new entry. The rules are declared,
with their documentation, in `actionplan.checks.trail`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from actionplan.findings import Finding
from actionplan.load import LoadedPlan, Loc
from actionplan.model.plan import Action

if TYPE_CHECKING:
    from actionplan.pipeline import LintResult


def _actions(loaded: LoadedPlan) -> dict[str, tuple[Loc, Action]]:
    found: dict[str, tuple[Loc, Action]] = {}
    for ri, rec in enumerate(loaded.plan.recommendations):
        for ai, action in enumerate(rec.actions):
            found.setdefault(action.id, (("recommendations", ri, "actions", ai), action))
    return found


def trail_findings(base: LoadedPlan, new: LoadedPlan, base_label: str) -> Iterator[Finding]:
    """Every way `new` rewrites the trail `base` (the same plan at an earlier revision) holds."""
    old_actions, new_actions = _actions(base), _actions(new)
    new_recs = {rec.id: ri for ri, rec in enumerate(new.plan.recommendations)}
    for ri, rec in enumerate(base.plan.recommendations):
        if rec.id not in new_recs:
            line = base.positions.of(("recommendations", ri))[0]
            yield new.finding(
                ("recommendations",),
                "AP502",
                f"recommendation {rec.id} (line {line} at {base_label}) was deleted: keep it, "
                "and drop or supersede its actions with a reason instead",
                key=True,
            )
    for ident, (old_loc, old) in old_actions.items():
        if ident not in new_actions:
            line = base.positions.of(old_loc)[0]
            rec_id = base.plan.recommendations[int(old_loc[1])].id
            where: Loc = (
                ("recommendations", new_recs[rec_id], "actions")
                if rec_id in new_recs
                else ("recommendations",)
            )
            yield new.finding(
                where,
                "AP502",
                f"action {ident} (line {line} at {base_label}) was deleted: keep it with "
                "'status: dropped' and 'status_reason: …' (or a closure) instead",
                key=True,
            )
            continue
        loc, action = new_actions[ident]
        yield from _action_trail(new, loc, old, action, base_label)


def _action_trail(
    new: LoadedPlan, loc: Loc, old: Action, action: Action, base_label: str
) -> Iterator[Finding]:
    if old.target != action.target:
        yield new.finding(
            (*loc, "target") if action.target is not None else loc,
            "AP501",
            f"action {action.id}: target changed from {old.target or 'none'} to "
            f"{action.target or 'none'} since {base_label} without a revision: keep the target "
            "and add the new one under revisions (actionplan update --revise-target)",
        )
    routes = {r.route: r.target for r in old.funding}
    for index, route in enumerate(action.funding):
        if route.route in routes and routes[route.route] != route.target:
            yield new.finding(
                (*loc, "funding", index, "target") if route.target is not None else loc,
                "AP501",
                f"action {action.id}: the target of funding route '{route.route}' changed from "
                f"{routes[route.route] or 'none'} to {route.target or 'none'} since "
                f"{base_label} without a revision: keep it and add the new target under "
                "revisions",
            )
    for field in ("progress", "revisions"):
        before, after = getattr(old, field), getattr(action, field)
        for index, entry in enumerate(before):
            if index >= len(after):
                yield new.finding(
                    (*loc, field) if after else loc,
                    "AP503",
                    f"action {action.id}: {field} entry {index + 1} (dated "
                    f"{entry.date.isoformat()}) at {base_label} was removed: the trail is "
                    "append-only; put it back",
                    key=bool(after),
                )
                break
            if after[index] != entry:
                yield new.finding(
                    (*loc, field, index),
                    "AP503",
                    f"action {action.id}: {field} entry {index + 1} (dated "
                    f"{entry.date.isoformat()}) was rewritten since {base_label}: put it back "
                    "as it was and say what changed in a new entry",
                )
    then, now = old.completed, action.completed
    if then is not None and now is not None and now != then:
        yield new.finding(
            (*loc, "completed"),
            "AP504",
            f"action {action.id}: completion date changed from {then.isoformat()} to "
            f"{now.isoformat()} since {base_label}: put it back, or record why in a progress "
            "entry",
        )
    last: date | None = old.revisions[-1].date if old.revisions else None
    for index in range(len(old.revisions), len(action.revisions)):
        revision = action.revisions[index]
        if last is not None and revision.date < last:
            yield new.finding(
                (*loc, "revisions", index, "date"),
                "AP505",
                f"action {action.id}: the new revision is dated {revision.date.isoformat()}, "
                f"before the last one at {base_label} ({last.isoformat()}): date it the day it "
                "was made",
            )
        last = revision.date


def trail_against(result: LintResult, rev: str, paths: Sequence[Path]) -> LintResult:
    """`result` (a lint of `paths`) with the trail findings of each plan against its version at
    revision `rev` (matched by plan id; a plan new since then has no trail to keep)."""
    from actionplan.history.git import Repository
    from actionplan.history.reader import PlanReader
    from actionplan.load import load_plans

    reader = PlanReader(Repository(), paths)
    revision = reader.repo.resolve(rev)
    base = {each.plan.plan.id: each for each in reader.at(revision).plans}
    plans, _findings, _found = load_plans(list(paths))
    found: list[Finding] = []
    for loaded in plans:
        old = base.get(loaded.plan.plan.id)
        if old is not None:
            found += loaded.settings.applied(list(trail_findings(old, loaded, rev)))
    return dataclasses.replace(result, findings=sorted([*result.findings, *found]))
