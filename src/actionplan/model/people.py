"""The people directory: who each owner named in a plan is, declared once (format 2).

A plan's `people:` and the settings file's `[[people]]` declare people, posts and bodies with
their aliases; every report groups owners by the person a name resolves to, so "ICU lead" and
"ICU DSA lead" are one row when an alias says they are one person, and stay two when nothing
says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from actionplan.model.names import fold
from actionplan.model.plan import Person

if TYPE_CHECKING:
    from actionplan.config import Settings


def name_key(name: str) -> str:
    """How names are matched: as `names.fold` has them (case, spaces and invisible characters
    do not matter)."""
    return fold(name)


@dataclass(frozen=True)
class Directory:
    """People by every name they go by (id, name, aliases); the plan's own come first."""

    people: tuple[Person, ...] = ()
    _by_name: dict[str, Person] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, *groups: Iterable[Person]) -> Directory:
        by_name: dict[str, Person] = {}
        people: list[Person] = []
        for group in groups:
            for person in group:
                names = [person.id, person.name, *person.aliases]
                if any(name_key(n) in by_name for n in names):
                    continue  # declared in the plan already (or twice: lint says so)
                people.append(person)
                for name in names:
                    by_name[name_key(name)] = person
        return cls(tuple(people), by_name)

    def __bool__(self) -> bool:
        return bool(self.people)

    def find(self, name: str) -> Person | None:
        return self._by_name.get(name_key(name))

    def canonical(self, name: str) -> str:
        """The declared name of whoever `name` means, or `name` itself when undeclared."""
        person = self.find(name)
        return person.name if person is not None else name


NOBODY = Directory()


def settings_people(settings: Iterable[Settings]) -> tuple[Person, ...]:
    """The people declared by each distinct settings file (the plans of a run may share one)."""
    files = {s.path: s for s in settings}
    return tuple(person for each in files.values() for person in each.people)
