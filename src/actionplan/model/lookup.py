"""Finding an item by its id: the one matching rule `show` and `update` share.

An id matches exactly, else folded as `names.fold` folds it (ignoring case and invisible
characters: "1.1A" finds "1.1a" only when no "1.1A" exists); an id that matches nothing gets the
ids most like it, for a "did you mean" hint.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from actionplan.model.names import fold

T = TypeVar("T")


@dataclass(frozen=True)
class Lookup(Generic[T]):
    matches: list[T]
    close: list[str]  # when nothing matches: the ids most like the one asked for


def lookup(items: Sequence[T], ident: str, id_of: Callable[[T], str], *, close: int) -> Lookup[T]:
    """The items whose id is `ident`; when none, up to `close` ids most like it."""
    ident = ident.strip()
    matches = [item for item in items if id_of(item) == ident] or [
        item for item in items if fold(id_of(item)) == fold(ident)
    ]
    if matches:
        return Lookup(matches, [])
    ids = list(dict.fromkeys(id_of(item) for item in items))
    return Lookup([], difflib.get_close_matches(ident, ids, n=close, cutoff=0.5))
