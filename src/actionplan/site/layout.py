"""Where each page of a site lives, and the relative link from one page to another.

Every link is relative (`../owners/dsa-chair.html`), so the folder can be served from any
address: GitHub Pages under a project name, a SharePoint library, a council web server. A page's
file name comes from the id or name it shows, made safe for a URL (`slug`), and kept unique
within its folder (`Slugs`) in the order things are met, so the same plans give the same files.
"""

from __future__ import annotations

import functools
import re

INDEX = "index.html"
OWNERS = "owners/index.html"
MANIFEST = "site.json"
STYLE_SHEET = "style.css"  # the styles every page links to

_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def slug(text: str) -> str:
    """`text` as a file name part: lower case, letters, digits, '.', '_' and '-' only."""
    made = _UNSAFE.sub("-", text.casefold()).strip("-._")
    return made[:80].rstrip("-._") or "item"


class Slugs:
    """Unique slugs within one folder: the first `5.1` is `5.1`, a second `5 1` is `5-1-2`."""

    def __init__(self, taken: tuple[str, ...] = ("index",)) -> None:
        self._by_key: dict[str, str] = {}
        self._used = set(taken)

    def of(self, key: str) -> str:
        """The slug of `key`, the same each time it is asked for."""
        found = self._by_key.get(key)
        if found is not None:
            return found
        base = made = slug(key)
        number = 1
        while made in self._used:
            number += 1
            made = f"{base}-{number}"
        self._used.add(made)
        self._by_key[key] = made
        return made


def plan_page(plan: str) -> str:
    return f"plans/{plan}/index.html"


def recommendation_page(plan: str, recommendation: str) -> str:
    return f"plans/{plan}/{recommendation}.html"


def owner_page(owner: str) -> str:
    return f"owners/{owner}.html"


def href(page: str, target: str, fragment: str | None = None) -> str:
    """The relative link from `page` to `target` (both paths from the site's root, neither
    with '..' in it): `index.html`, `../owners/dsa-chair.html`, `5.1.html#action-5.1`."""
    folder = page.rpartition("/")[0]
    if folder and target.startswith(folder + "/"):
        link = target[len(folder) + 1 :]
    else:
        link = "../" * page.count("/") + target
    return f"{link}#{fragment}" if fragment else link


@functools.lru_cache(maxsize=4096)  # the same action ids (1.1, 5.2) in plan after plan
def action_anchor(action: str) -> str:
    """The id of an action's section on its recommendation's page."""
    return f"action-{slug(action)}"
