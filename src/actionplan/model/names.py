"""How names, ids and owners are compared, and the characters that let two look the same.

"DSA Chair" and "DSA\u200bChair" (a zero-width space inside) print alike; so do a Latin "a" and
a Cyrillic "а". Everything that matches a name or an id compares it folded: NFKC-normalised,
without default-ignorable characters, with runs of spaces as one, and case folded. Lint warns
on the characters that would otherwise let a name hide (AP218).
"""

from __future__ import annotations

import functools
import re
import unicodedata

# Default-ignorable characters that have no look of their own (zero-width spaces and joiners,
# word joiners, the BOM as a zero-width no-break space, the soft hyphen).
_IGNORABLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
# Characters that reorder text on screen, or are invisible: what AP218 names.
_HIDDEN = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


@functools.lru_cache(maxsize=4096)  # the same few owners' names, action after action
def fold(text: str) -> str:
    """The form in which two names or ids are the same: NFKC, no ignorables, one space, folded."""
    normal = _IGNORABLE.sub("", unicodedata.normalize("NFKC", text))
    return " ".join(normal.split()).casefold()


def hidden_characters(text: str) -> list[str]:
    """`U+200B ZERO WIDTH SPACE` for each invisible or bidi character in `text`, in order."""
    found = dict.fromkeys(_HIDDEN.findall(text))
    return [f"U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in found]


def mixed_scripts(text: str) -> list[str]:
    """The scripts (Latin, Cyrillic, Greek) of `text`'s letters, when it mixes them."""
    seen = dict.fromkeys(
        name.partition(" ")[0]
        for c in text
        if c.isalpha() and (name := unicodedata.name(c, "")).partition(" ")[0] in _SCRIPTS
    )
    return [s.title() for s in seen] if len(seen) > 1 else []
