"""Where each value and key of a plan file is written: line and column, by path.

Only a file with findings needs positions, so they are worked out the first time one is asked
for, by walking the text again without building any data, into an index of a few bytes per
node (`_NodeIndex`): a 20 MB plan's positions cost about its own size, where a dict of path
tuples cost 13 times it.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Sequence
from typing import Any

import yaml

from actionplan.yaml.decode import line_column
from actionplan.yaml.walk import (
    DUPLICATE_KEY,
    END,
    KEY,
    OTHER,
    DuplicateKey,
    Loc,
    Walk,
    YamlParser,
    yaml_parser,
)


class Positions:
    """Line and column (1-based) of every value and mapping key of one file, by path.

    Loading may prune invalid items from lists to check the rest (`load.validate`); `removed`
    records each, so a path in the pruned data still finds the line it was written on.
    `parser` is the one the text was loaded with (by default `yaml_parser()`).
    """

    def __init__(self, text: str, parser: YamlParser | None = None) -> None:
        self._text = text
        self._parser = parser or yaml_parser()
        self._index: _NodeIndex | None = None
        # Per list (by its path as written): the written numbers of its removed items, sorted.
        self._removed: dict[Loc, list[int]] = {}

    def removed(self, list_loc: Loc, item: int) -> None:
        """Item `item` of the list at `list_loc` was removed from the data: later items moved up."""
        written = self.written(tuple(list_loc))
        gone = self._removed.setdefault(written, [])
        bisect.insort(gone, _written_item(gone, item))

    def written(self, loc: Loc) -> Loc:
        """Where `loc`, a path in the data as pruned so far, was written in the file."""
        if not self._removed:
            return tuple(loc)
        out: list[Any] = []
        for part in loc:
            gone = self._removed.get(tuple(out)) if isinstance(part, int) else None
            out.append(_written_item(gone, part) if gone else part)
        return tuple(out)

    def of(self, loc: Loc, *, key: bool = False, written: bool = False) -> tuple[int, int]:
        """Position of `loc` (of its key, with `key`), or of its nearest written ancestor.

        `loc` is a path in the data as pruned so far, or one already `written`.
        """
        if self._index is None:
            self._index = _NodeIndex(self._text, self._parser)
        return self._index.position(tuple(loc) if written else self.written(loc), key=key)


def _written_item(gone: list[int], item: int) -> int:
    """The written number of item `item` of a list whose written items `gone` were removed.

    It is `item` plus the number of removed items before it: the count of j with
    gone[j] - j <= item (gone is sorted, so gone[j] - j never decreases), by bisection.
    """
    low, high = 0, len(gone)
    while low < high:
        middle = (low + high) // 2
        if gone[middle] - middle <= item:
            low = middle + 1
        else:
            high = middle
    return item + low


class _NodeIndex:
    """Every node of a YAML document in document order (mapping keys are nodes too): its line,
    its column, where its subtree ends, and what it is. Finding a path walks from the root,
    stepping over siblings' subtrees, so no path is ever stored."""

    SCALAR, MAPPING, SEQUENCE, KEY = 0, 1, 2, 3  # a key is KEY + the number of its text

    def __init__(self, text: str, parser: YamlParser) -> None:
        self.lines = array("I")
        self.columns = array("H")  # widened to "I" if ever needed, as is `kinds`
        self.ends = array("I")  # one past the last node of each node's subtree
        self.kinds = array("H")
        self.key_numbers: dict[str, int] = {}
        self._text = text
        self._kept: dict[int, Sequence[int]] = {}  # see _children
        open_nodes: list[int] = []
        try:
            for place, event in Walk(text, parser):
                if place == OTHER:
                    continue
                if place == END:
                    self.ends[open_nodes.pop()] = len(self.lines)
                    continue
                kind = type(event)
                if kind is yaml.MappingStartEvent:
                    open_nodes.append(self._add(event, self.MAPPING))
                elif kind is yaml.SequenceStartEvent:
                    open_nodes.append(self._add(event, self.SEQUENCE))
                elif place in (KEY, DUPLICATE_KEY):
                    key = getattr(event, "value", "")  # an alias has none: refused anyway
                    number = self.key_numbers.setdefault(key, len(self.key_numbers))
                    self._add(event, self.KEY + number)
                else:
                    self._add(event, self.SCALAR)
        except yaml.YAMLError:  # only a file that composed is indexed; stop where it breaks
            for node in open_nodes:
                self.ends[node] = len(self.lines)

    def _add(self, event: Any, kind: int) -> int:
        node = len(self.lines)
        line, column = event.start_mark.line + 1, event.start_mark.column + 1
        if not getattr(event, "value", True) and not event.style:
            line, column = self._empty_at(event.start_mark.index)
        if column > _SHORT and self.columns.typecode == "H":
            self.columns = array("I", self.columns)  # a line of over 65,535 characters
        if kind > _SHORT and self.kinds.typecode == "H":
            self.kinds = array("I", self.kinds)  # over 65,532 different keys
        self.lines.append(line)
        self.columns.append(column)
        self.ends.append(node + 1)
        self.kinds.append(kind)
        return node

    def _empty_at(self, index: int) -> tuple[int, int]:
        """Where an empty plain scalar is: just after what comes before it. PyYAML places it
        there; libyaml sometimes at what comes after it (`{ ?` then `}` on the next line)."""
        text = self._text
        while index > 0 and text[index - 1] in " \t\r\n":
            index -= 1
        return line_column(text, index)

    def position(self, loc: Loc, *, key: bool) -> tuple[int, int]:
        if not self.lines:
            return 1, 1
        node, key_node = 0, -1
        for part in loc:
            child = self._child(node, part)
            if child is None:
                key_node = -1
                break
            node, key_node = child
        at = key_node if key and key_node >= 0 else node
        return self.lines[at], self.columns[at]

    def _child(self, node: int, part: Any) -> tuple[int, int] | None:
        """(value node, key node or -1) of `part` in the collection at `node`, if written."""
        kind = self.kinds[node]
        if kind == self.SEQUENCE:
            items = self._children(node)
            if isinstance(part, int) and 0 <= part < len(items):
                return items[part], -1
            return None
        key, nth = (part.key, part.nth) if isinstance(part, DuplicateKey) else (part, 1)
        if kind != self.MAPPING or not isinstance(key, str) or key not in self.key_numbers:
            return None
        wanted = self.KEY + self.key_numbers[key]
        children = self._children(node)
        for at in range(0, len(children), 2):  # keys; the first of duplicates is the one kept
            key_node = children[at]
            if self.kinds[key_node] == wanted:
                nth -= 1
                if nth == 0:
                    return self.ends[key_node], key_node
        return None

    def _children(self, node: int) -> Sequence[int]:
        """The nodes directly under `node` (keys and values alternate in a mapping).

        Found by stepping over each child's subtree; those of a long list or mapping are kept,
        so that a finding in each of a big plan's 20,000 recommendations does not step over
        10,000 others on average.
        """
        if node in self._kept:
            return self._kept[node]
        children = array("I")
        child, end, ends = node + 1, self.ends[node], self.ends
        while child < end:
            children.append(child)
            child = ends[child]
        if len(children) > _KEEP_CHILDREN:
            self._kept[node] = children
        return children


_SHORT = 0xFFFF  # the largest number an array("H") holds
_KEEP_CHILDREN = 64
