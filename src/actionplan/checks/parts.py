"""The parts of a plan that several families of checks walk, each with its location."""

from __future__ import annotations

from collections.abc import Iterator

from actionplan.load import LoadedPlan, Loc
from actionplan.model.plan import Action


def actions(loaded: LoadedPlan) -> Iterator[tuple[Loc, Action]]:
    """(loc, action) for every action of every recommendation."""
    for ri, rec in enumerate(loaded.plan.recommendations):
        for ai, action in enumerate(rec.actions):
            yield ("recommendations", ri, "actions", ai), action
