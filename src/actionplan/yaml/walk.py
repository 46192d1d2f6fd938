"""THE walk over a YAML document's events: loading, positions and editing all read text here.

PyYAML's parser (libyaml's C parser when present, the pure-Python one otherwise) produces a flat
stream of events. `Walk` drives it once and says, for each event, which place in the document it
fills: the root, a mapping key, a mapping value or a sequence item, or the end of a collection.
What a mapping key is, and which of two duplicate keys is *the* key (the first, as the loader
keeps it), is decided here only, so composing data, indexing positions and editing text can
never disagree about it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

import yaml

# A PyYAML parser class: yaml.CSafeLoader (libyaml's C parser) or yaml.SafeLoader (pure Python).
YamlParser = type[Any]
PURE_YAML_VARIABLE = "ACTIONPLAN_PURE_YAML"

Loc = tuple[Any, ...]


def yaml_parser(environ: Mapping[str, str] | None = None) -> YamlParser:
    """The parser every plan file is read with: libyaml's C parser, several times faster, when
    PyYAML has it; PyYAML's pure-Python parser when it has not, or when ACTIONPLAN_PURE_YAML=1
    is set in `environ` (os.environ by default).

    Both give the same findings (tests/test_rules_corpus.py holds them to it); the variable is
    for checking that, and for working around a fault in one of them. This is the one place it
    is read: loading, `update`'s edits and the YAML writer all ask here.
    """
    variables = os.environ if environ is None else environ
    if variables.get(PURE_YAML_VARIABLE, "").strip() == "1" or not hasattr(yaml, "CSafeLoader"):
        return yaml.SafeLoader
    parser: YamlParser = yaml.CSafeLoader
    return parser


# The place an event fills (`Walk` yields it with the event). A node is a scalar, an alias or
# the start of a mapping or sequence; END closes a collection; OTHER is a stream or document
# event. DUPLICATE_KEY is a mapping key written before in the same mapping: its value is read
# but is not the key's value.
ROOT, KEY, DUPLICATE_KEY, VALUE, ITEM, END, OTHER = range(7)

_SCALAR, _ALIAS = yaml.ScalarEvent, yaml.AliasEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


class DuplicateKey:
    """Stands in a path for the `nth` (2nd, 3rd…) writing of a key in one mapping: the value
    under it is not the key's value, but positions inside it can still be found."""

    __slots__ = ("key", "nth")

    def __init__(self, key: str, nth: int) -> None:
        self.key = key
        self.nth = nth

    def __repr__(self) -> str:
        return f"DuplicateKey({self.key!r}, {self.nth})"


class Walk:
    """One pass over the events of `text`: iterate it for (place, event) pairs.

    `depth` is the number of collections open around the event just yielded (a collection's
    start is not inside itself; its end is). With `paths`, `path()` is the path of the node
    just yielded as the file writes it: sequence items by number, keys by text, the 2nd and
    later writings of a key as `DuplicateKey`, a key node's path being that of its value (and
    an end's, that of the collection it closes). Raises yaml.YAMLError where the text stops
    being YAML; the events before it have been yielded.
    """

    def __init__(self, text: str, parser: YamlParser | None = None, *, paths: bool = False) -> None:
        self._text = text
        self._parser = parser or yaml_parser()
        self._paths = paths
        # Per open collection: KEY or VALUE (a mapping: which comes next) or ITEM (a sequence).
        self._expect: list[int] = []
        # Per open mapping: how many times each key has been written (duplicates are rare).
        self._keys: list[dict[str, int]] = []
        # With `paths`: per open collection, the part of the path of its current child.
        self._parts: list[Any] = []
        self.nth = 1  # of the DUPLICATE_KEY just yielded: which writing of its key it is

    @property
    def depth(self) -> int:
        return len(self._expect)

    def path(self) -> Loc:
        """The path of the node just yielded (with `paths` only)."""
        return tuple(self._parts)

    def __iter__(self) -> Iterator[tuple[int, Any]]:
        events = self._parser(_Source(self._text))
        next_event = events.get_event  # what yaml.parse() wraps, less a generator's overhead
        expect, keys, parts, paths = self._expect, self._keys, self._parts, self._paths
        given = 0  # events handed over so far
        try:
            while True:
                try:
                    event = next_event()
                except yaml.MarkedYAMLError as error:
                    if not _libyaml_block_tab(error):
                        raise
                    # libyaml refuses a tab that begins the text of a block scalar whose
                    # indentation it detects (`note: |` then ` <tab>text`), which YAML allows
                    # and PyYAML reads: read on from the same event with PyYAML.
                    events.dispose()
                    pure: YamlParser = yaml.SafeLoader
                    events = pure(_Source(self._text))
                    next_event = events.get_event
                    for _given in range(given):
                        next_event()
                    continue
                if event is None:
                    break
                given += 1
                kind = type(event)  # identity tests, the commonest kinds first: a hot loop
                if kind is _SCALAR:
                    is_start = False
                elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                    if expect.pop() != ITEM:
                        keys.pop()
                    if paths:
                        parts.pop()
                    yield END, event
                    continue
                elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                    is_start = True
                elif kind is _ALIAS:
                    is_start = False
                else:
                    yield OTHER, event
                    continue
                if not expect:
                    place = ROOT
                else:
                    place = expect[-1]
                    if place == KEY:
                        expect[-1] = VALUE
                        # An alias or a collection has no text: refused anyway, later.
                        key: str = event.value if kind is _SCALAR else ""
                        seen = keys[-1]
                        if key in seen:
                            place = DUPLICATE_KEY
                            self.nth = seen[key] = seen[key] + 1
                            if paths:
                                parts[-1] = DuplicateKey(key, self.nth)
                        else:
                            seen[key] = 1
                            if paths:
                                parts[-1] = key
                    elif place == VALUE:
                        expect[-1] = KEY
                    elif paths:
                        parts[-1] += 1
                yield place, event
                if is_start:  # opened after it is yielded: its depth and path are its parent's
                    if kind is _MAPPING_START:
                        expect.append(KEY)
                        keys.append({})
                        if paths:
                            parts.append(None)
                    else:
                        expect.append(ITEM)
                        if paths:
                            parts.append(-1)
        finally:
            events.dispose()  # as yaml.parse() does: the pure-Python parser's state is a cycle


def _libyaml_block_tab(error: yaml.MarkedYAMLError) -> bool:
    """Whether `error` is libyaml refusing a tab at the start of block text (PyYAML never
    words an error so)."""
    return (error.context or "").endswith("block scalar") and (error.problem or "").startswith(
        "found a tab character where an indentation space is expected"
    )


class _Source:
    """The text, handed to the parser a piece at a time: given a whole str, PyYAML's C parser
    copies all of it into UTF-8 first (a 20 MB plan: 20 MB more while it is parsed)."""

    name = "<unicode string>"  # as PyYAML names a str, in case a message quotes it

    def __init__(self, text: str) -> None:
        self._text = text
        # libyaml and PyYAML place the end of a file without a final line break differently.
        self._end = "" if text.endswith("\n") else "\n"
        self._at = 0

    def read(self, size: int = -1) -> str:
        if self._at >= len(self._text):
            end, self._end = self._end, ""
            return end
        if size < 0:
            size = len(self._text)
        piece = self._text[self._at : self._at + size]
        self._at += len(piece)
        return piece
