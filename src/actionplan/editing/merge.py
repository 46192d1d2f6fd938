"""A three-way merge of plan files by ids, made on the text of ours (`actionplan merge-driver`).

git gives a merge driver three versions of a file: base (the common ancestor), ours (the branch
being merged into, whose file the result replaces) and theirs. Lines are the wrong unit for a
plan: two officers who each append a progress entry to the same action touch the same lines,
and git's answer is a `<<<<<<<` marker inside the YAML. Here a plan is merged by what its parts
are:

- a mapping (the plan, a recommendation, an action, a closure) key by key;
- a list of items with ids (recommendations, actions, people, themes, outcomes, indicators,
  services, projects; funding routes by `route`, cost lines by `label`) item by id, each item
  merged in turn, a new one placed after the item it follows in theirs;
- the trail (`progress`, `revisions`, `measurements`, `conflicts`) as the union: each entry
  once (an entry both sides added is not doubled), theirs' new entries placed in date order
  among ours' new ones, after the entries base had;
- anything else (a text, a date, a list of owners, a flow `{…}` mapping) as one value, taken
  from the side that changed it.

When both sides changed one value differently, or one deleted what the other changed, ours is
kept and theirs is recorded in a `conflicts:` entry on the item (the action, the
recommendation, or `plan:` for what is outside them), with both values and where each came
from; lint reports the entry (AP601) until someone decides and deletes it. Two sides that each
revised a target are such a conflict when their revisions end at different targets (their
revisions are joined when they agree). The file is always a plan: no conflict marker is ever
written into it.

The result is made by editing ours' text, as `update` does (`editing.edit`): what comes from
theirs is copied from theirs' own text, comments included, re-indented to ours' columns; every
line of ours that the merge does not change stays byte for byte.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from actionplan.editing.edit import (
    ACTION_KEYS,
    Edit,
    EditError,
    ItemText,
    Node,
    after_line,
    apply_edits,
    column_of,
    content_end,
    is_load_error,
    layout,
)
from actionplan.errors import ActionPlanError
from actionplan.load import Loc, load_decoded
from actionplan.model.plan import PlanInfo, Recommendation
from actionplan.yaml.decode import ends_with_newline, line_start, newline_of
from actionplan.yaml.write import scalar

# The lists that are a trail: appended to, never rewritten, merged as a union.
TRAIL = frozenset({"progress", "revisions", "measurements", "conflicts"})
# What names an item in a list of mappings, in the order tried.
ID_KEYS = ("id", "route", "label")
OURS, THEIRS = "ours", "theirs"
_LINE_BREAK = re.compile(r"\r\n?|\n")  # the line breaks a plan may have (yaml.decode)
# The value a conflicts entry gives ours when ours changed an item theirs deleted: the item
# as the file has it (copying it into the entry would say it twice).
KEPT = "(kept as it is in this file)"
# A place in the plan from the top, a part per step: ('recommendations', '[5]', 'actions',
# '[5.2]', 'target'), as a conflicts entry names it.
Where = tuple[str, ...]


class MergeRefused(ActionPlanError):
    """A version cannot be merged (it does not load as a plan): nothing is written."""


class _CannotEdit(Exception):
    """This change cannot be made on ours' text as written: it is recorded as a conflict."""


# --- The three texts as trees of nodes --------------------------------------------------------


@dataclass(eq=False)
class Tree:
    """One node of a plan's text: its place (`edit.Node`) and its children, in the file's
    order (keys for a mapping, indexes for a list)."""

    loc: Loc
    node: Node
    in_flow: bool = False  # inside a `{…}` or `[…]`: edited in place, never by whole lines
    children: dict[str | int, Tree] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.node.kind

    @property
    def block(self) -> bool:
        return self.node.kind != "scalar" and not self.node.flow and not self.in_flow

    @cached_property
    def data(self) -> Any:
        """The node as plain data: every scalar as the text written (as the loader reads it)."""
        if self.node.kind == "scalar":
            return self.node.value
        if self.node.kind == "mapping":
            return {key: child.data for key, child in self.children.items()}
        return [child.data for child in self.children.values()]


def tree_of(text: str, nodes: dict[Loc, Node] | None = None) -> Tree:
    """The document of `text` as a tree (EditError when it cannot be laid out); `nodes`, its
    layout, when it is at hand."""
    nodes = layout(text) if nodes is None else nodes
    trees = {loc: Tree(loc, node) for loc, node in nodes.items()}

    def start(loc: Loc) -> int:
        node = nodes[loc]
        return node.key_start if node.key_start is not None else node.start

    for loc in sorted(trees, key=start):
        if loc:
            parent = trees[loc[:-1]]
            child = trees[loc]
            child.in_flow = parent.node.flow or parent.in_flow
            parent.children[loc[-1]] = child
    return trees[()]


def _data(tree: Tree | None) -> Any:
    return None if tree is None else tree.data


def _entry_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _date_of(value: Any) -> str:
    """A trail entry's date as written; entries without one sort last."""
    found = value.get("date") if isinstance(value, dict) else None
    return found if isinstance(found, str) else "~"


def id_key(*lists: list[Any]) -> str | None:
    """The key that names every item of these lists (unique in each), or None."""
    for key in ID_KEYS:
        ids = [
            [item.get(key) if isinstance(item, dict) else None for item in each] for each in lists
        ]
        if all(isinstance(i, str) for each in ids for i in each) and all(
            len(set(each)) == len(each) for each in ids
        ):
            return key
    return None


def flow(value: Any) -> str:
    """A value as one line of YAML, for a conflicts entry."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return "null" if value is None else scalar(value, flow=True)


# --- The result ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """A conflict the merge recorded: on which item, about what, and both values."""

    item: str  # "action 5.2", "recommendation 5", "the plan"
    key: str
    ours: str | None
    theirs: str | None

    def describe(self) -> str:
        ours = self.ours if self.ours is not None else "deleted"
        theirs = self.theirs if self.theirs is not None else "deleted"
        return f"{self.item}: {self.key}: kept ours ({_clip(ours)}); theirs: {_clip(theirs)}"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class MergeResult:
    text: str
    conflicts: tuple[Recorded, ...] = ()

    @property
    def clean(self) -> bool:
        return not self.conflicts


# --- The merge -------------------------------------------------------------------------------


def check_loads(label: str, text: str) -> None:
    """Raise MergeRefused when `text` (`label`'s version) cannot be read as a plan."""
    loaded, findings = load_decoded(label, text)
    errors = [f for f in findings if is_load_error(f)]
    if loaded is None or errors:
        first = min(errors) if errors else findings[0] if findings else None
        where = f" (line {first.line}: {first.code} {first.message})" if first else ""
        raise MergeRefused(f"{label} does not load as a plan{where}")


def merge_plans(
    base: str, ours: str, theirs: str, *, ours_from: str = OURS, theirs_from: str = THEIRS
) -> MergeResult:
    """The three-way merge of a plan's texts: ours' text with theirs' changes made on it, and
    the conflicts recorded (ours kept; `ours_from` and `theirs_from` say where each side came
    from: a commit, a branch). Raises MergeRefused when a version does not load as a plan, or
    the merge would not (it never should)."""
    versions = (
        (_version("our version", ours_from, OURS), ours),
        (_version("their version", theirs_from, THEIRS), theirs),
        ("the base version", base),
    )
    for label, text in versions:
        if text is not base or base.strip():  # a file both sides added has an empty base
            check_loads(label, text)
    try:
        base_tree = tree_of(base if base.strip() else "{}")
        merger = _Merger(base_tree, ours, theirs, ours_from, theirs_from)
    except EditError as error:
        raise MergeRefused(str(error)) from None
    merger.value(merger.base, merger.ours, merger.theirs, ())
    text, recorded = merger.result()
    try:
        check_loads("the merged plan", text)
    except MergeRefused as error:
        raise MergeRefused(f"{error}; merge this file by hand") from None
    return MergeResult(text, recorded)


def _version(name: str, source: str, default: str) -> str:
    return name if source == default else f"{name} ({source})"


class _Merger:
    """Theirs' changes since base, as edits to ours' text, and the conflicts to record."""

    def __init__(
        self, base: Tree, ours_text: str, theirs_text: str, ours_from: str, theirs_from: str
    ) -> None:
        self.base = base
        self.a_text, self.b_text = ours_text, theirs_text
        self.a_nodes = layout(ours_text)
        self.ours, self.theirs = tree_of(ours_text, self.a_nodes), tree_of(theirs_text)
        self.ours_from, self.theirs_from = ours_from, theirs_from
        self.newline = newline_of(ours_text)
        self.edits: list[Edit] = []
        self.conflicts: dict[Loc, list[tuple[Where, Any, Any]]] = {}

    # --- What merges how -------------------------------------------------------------------

    def value(self, o: Tree | None, a: Tree, b: Tree, where: Where) -> None:
        """Bring theirs' change of the value at one place (`a` in ours, `b` in theirs) into
        ours; `where` names the place from the top, a part per step."""
        base, ours, theirs = _data(o), a.data, b.data
        if ours == theirs or theirs == base:
            return
        if ours == base and a.loc:  # (the top is merged key by key, to keep ours' comments)
            self._or_conflict(partial(self.replace, a, b), a.loc, where, ours, theirs)
            return
        same = o if o is not None and o.kind == a.kind else None
        if a.kind == b.kind == "mapping" and a.block and b.block:
            self.mapping(same, a, b, where)
            return
        if a.kind == b.kind == "sequence" and a.block and b.block:
            name = a.loc[-1] if a.loc else None
            if name in TRAIL:
                self.trail(same, a, b, where)
                return
            key = id_key(a.data, b.data, same.data if same else [])
            if key is not None:
                self.keyed(same, a, b, where, key)
                return
        self.conflict(a.loc, where, ours, theirs)

    def mapping(self, o: Tree | None, a: Tree, b: Tree, where: Where) -> None:
        for key in [*b.children, *(k for k in a.children if k not in b.children)]:
            oc = o.children.get(key) if o is not None else None
            ac, bc = a.children.get(key), b.children.get(key)
            here = (*where, str(key))
            if ac is not None and bc is not None:
                self.value(oc, ac, bc, here)
            elif bc is not None and oc is None:  # theirs added it
                insert = partial(self.insert_entry, a, b, str(key))
                self._or_conflict(insert, a.loc, here, None, bc.data)
            elif bc is not None and oc is not None and oc.data != bc.data:
                self.conflict(a.loc, here, None, bc.data)  # ours removed what theirs changed
            elif ac is not None and oc is not None and bc is None:  # theirs removed it
                if oc.data == ac.data:
                    self._or_conflict(partial(self.remove, ac), a.loc, here, ac.data, None)
                else:
                    self.conflict(a.loc, here, ac.data, None)

    def keyed(self, o: Tree | None, a: Tree, b: Tree, where: Where, key: str) -> None:
        def by_id(tree: Tree | None) -> dict[str, Tree]:
            if tree is None:
                return {}
            return {child.data[key]: child for child in tree.children.values()}

        base, ours, theirs = by_id(o), by_id(a), by_id(b)
        order = list(theirs)
        for index, ident in enumerate(order):
            bc, ac, oc = theirs[ident], ours.get(ident), base.get(ident)
            here = (*where, f"[{ident}]")
            if ac is not None:
                self.value(oc, ac, bc, here)
            elif oc is None:  # theirs added it: after the item it follows in theirs
                after = next((ours[i] for i in reversed(order[:index]) if i in ours), None)
                first = None if after is not None else next(iter(a.children.values()))
                insert = partial(self.insert_item, a, bc, after=after, before=first)
                self._or_conflict(insert, a.loc, here, None, bc.data)
            elif oc.data != bc.data:  # ours deleted what theirs changed: theirs' is recorded
                self.conflict(a.loc, here, None, bc.data)
        for ident, ac in ours.items():
            oc = base.get(ident)
            if ident in theirs or oc is None:
                continue
            here = (*where, f"[{ident}]")
            if oc.data == ac.data:  # theirs deleted it, ours left it as it was
                self._or_conflict(partial(self.remove, ac), a.loc, here, ac.data, None)
            else:  # theirs deleted what ours changed: ours (in the file) is kept
                self.conflict(a.loc, here, KEPT, None)

    def trail(self, o: Tree | None, a: Tree, b: Tree, where: Where) -> None:
        old = Counter(_entry_key(c.data) for c in (o.children.values() if o else ()))
        ours_new = _not_in(a, old)
        theirs_new = _not_in(b, old + Counter(_entry_key(c.data) for c in a.children.values()))
        if a.loc and a.loc[-1] == "revisions" and ours_new and theirs_new:
            ours_target = a.data[-1].get("target") if isinstance(a.data[-1], dict) else None
            theirs_target = b.data[-1].get("target") if isinstance(b.data[-1], dict) else None
            if ours_target != theirs_target:  # both moved the target, to different dates
                self.conflict(
                    a.loc,
                    where,
                    _one([c.data for c in ours_new]),
                    _one([c.data for c in theirs_new]),
                )
                return
        kept = Counter(_entry_key(c.data) for c in b.children.values())
        removed: set[int] = set()
        for gone in (old - kept).elements():  # theirs took an entry out of the trail
            match = next(
                (
                    c
                    for c in a.children.values()
                    if id(c) not in removed and _entry_key(c.data) == gone
                ),
                None,
            )
            if match is not None:
                removed.add(id(match))
                self._or_conflict(partial(self.remove, match), a.loc, where, a.data, b.data)
        fresh = {id(c) for c in ours_new}
        for entry in theirs_new:
            day = _date_of(entry.data)
            before = next(
                (c for c in a.children.values() if id(c) in fresh and _date_of(c.data) > day),
                None,
            )
            insert = partial(self.insert_item, a, entry, before=before)
            self._or_conflict(insert, a.loc, where, None, entry.data)

    # --- Conflicts -------------------------------------------------------------------------

    def _or_conflict(
        self, change: Callable[[], None], loc: Loc, where: Where, ours: Any, theirs: Any
    ) -> None:
        """Make `change` on ours' text, or, where ours is written so that it cannot be made
        (a flow `{…}` item, a key on a list item's first line), record a conflict instead."""
        try:
            change()
        except _CannotEdit:
            self.conflict(loc, where, ours, theirs)

    def conflict(self, loc: Loc, where: Where, ours: Any, theirs: Any) -> None:
        """Record a conflict at the item holding `loc` in ours (ours is kept)."""
        self.conflicts.setdefault(_item_loc(loc), []).append((where, ours, theirs))

    def result(self) -> tuple[str, tuple[Recorded, ...]]:
        """Ours' text with every change made and every conflict recorded, and the conflicts."""
        recorded: list[Recorded] = []
        for item, found in self.conflicts.items():
            host, text = self._host(item)
            for where, ours, theirs in found:
                name = _name(where[_own_parts(host, where) :]) or "(the whole item)"
                entry = {
                    "key": name,
                    "ours": None if ours is None else flow(ours),
                    "theirs": None if theirs is None else flow(theirs),
                    "ours_from": self.ours_from,
                    "theirs_from": self.theirs_from,
                }
                text.append_item("conflicts", entry)
                recorded.append(
                    Recorded(self._describe(host), name, entry["ours"], entry["theirs"])
                )
            self.edits.extend(text.edits)
        return apply_edits(self.a_text, self.edits), tuple(recorded)

    def _host(self, item: Loc) -> tuple[Loc, ItemText]:
        """The item that takes the conflicts entry: `item`, or the one holding it when it is
        written in braces (an action `- {id: "1.1", …}` takes no new key)."""
        host = item
        while True:
            try:
                return host, ItemText(self.a_text, self.a_nodes, host, _KEYS[len(host)])
            except EditError:
                if host == ("plan",):
                    raise MergeRefused(
                        "the plan: block is written in braces {…}, so the merge cannot record "
                        "a conflict in it; merge this file by hand"
                    ) from None
                host = host[:2] if len(host) == 4 else ("plan",)

    def _describe(self, item: Loc) -> str:
        if item == ("plan",):
            return "the plan"
        node = self.a_nodes[(*item, "id")]
        return f"{'action' if len(item) == 4 else 'recommendation'} {node.value}"

    # --- Edits of ours' text ---------------------------------------------------------------

    def _start(self, text: str, tree: Tree) -> int:
        """Where the entry of `tree` starts: its key, or the `-` of its list item."""
        if tree.node.key_start is not None:
            return tree.node.key_start
        if isinstance(tree.loc[-1], int) and not tree.in_flow:
            at = tree.node.start - 1
            while at >= 0 and text[at] == " ":
                at -= 1
            if at >= 0 and text[at] == "-":
                return at
        return tree.node.start

    def _copy(self, tree: Tree, column: int) -> str:
        """Theirs' text of `tree`'s entry, its first line starting at its key or dash and every
        later line moved to sit at `column` as it sat at its own column in theirs."""
        start = self._start(self.b_text, tree)
        delta = column - column_of(self.b_text, start)
        lines = _LINE_BREAK.split(self.b_text[start : content_end(self.b_text, tree.node)])
        moved = [lines[0]]
        for line in lines[1:]:
            if not line.strip():
                moved.append("")
            elif delta >= 0:
                moved.append(" " * delta + line)
            else:
                spaces = len(line) - len(line.lstrip(" "))
                moved.append(line[min(spaces, -delta) :])
        return self.newline.join(moved)

    def _clean_start(self, tree: Tree) -> int:
        """The start of the line the entry opens, when the entry opens it; else _CannotEdit."""
        start = self._start(self.a_text, tree)
        first = line_start(self.a_text, start)
        if tree.in_flow or self.a_text[first:start].strip():
            raise _CannotEdit
        return first

    def replace(self, a: Tree, b: Tree) -> None:
        start = self._start(self.a_text, a)
        if a.in_flow != b.in_flow:
            raise _CannotEdit
        copied = self._copy(b, column_of(self.a_text, start))
        self.edits.append(Edit(start, content_end(self.a_text, a.node), copied))

    def remove(self, a: Tree) -> None:
        start = self._clean_start(a)
        self.edits.append(
            Edit(start, after_line(self.a_text, content_end(self.a_text, a.node)), "")
        )

    def _insert_lines(self, at: int, text: str) -> None:
        if at == len(self.a_text) and not ends_with_newline(self.a_text):
            text = self.newline + text
        self.edits.append(Edit(at, at, text + self.newline))

    def insert_entry(self, a: Tree, b: Tree, key: str) -> None:
        """Add theirs' entry `key` to ours' mapping `a`, after the key it follows in theirs."""
        if not a.block or not a.children:
            raise _CannotEdit
        keys = list(b.children)
        before = [k for k in keys[: keys.index(key)] if k in a.children]
        first = next(iter(a.children.values()))
        column = column_of(self.a_text, self._start(self.a_text, first))
        if before:
            at = after_line(self.a_text, content_end(self.a_text, a.children[before[-1]].node))
        else:
            try:
                at = self._clean_start(first)
            except _CannotEdit:  # the first key opens a list item: go after it
                at = after_line(self.a_text, content_end(self.a_text, first.node))
        self._insert_lines(at, " " * column + self._copy(b.children[key], column))

    def insert_item(
        self, a: Tree, b: Tree, *, after: Tree | None = None, before: Tree | None = None
    ) -> None:
        """Add theirs' list item `b` to ours' list `a`: before `before`, after `after`, or
        (neither given) after its last item. Comment lines just above it in theirs come too."""
        if not a.block or not a.children:
            raise _CannotEdit
        first = next(iter(a.children.values()))
        column = column_of(self.a_text, self._start(self.a_text, first))
        if before is not None:
            at = self._clean_start(before)
        else:
            last = after if after is not None else a
            at = after_line(self.a_text, content_end(self.a_text, last.node))
        lines = [*self._comments_above(b, column), " " * column + self._copy(b, column)]
        self._insert_lines(at, self.newline.join(lines))

    def _comments_above(self, b: Tree, column: int) -> list[str]:
        text = self.b_text
        at = line_start(text, self._start(text, b))
        found: list[str] = []
        while at > 0:
            previous = line_start(text, at - 1)
            line = _LINE_BREAK.split(text[previous:at])[0]
            if not line.strip().startswith("#"):
                break
            found.insert(0, " " * column + line.strip())
            at = previous
        return found


def _not_in(tree: Tree, old: Counter[str]) -> list[Tree]:
    """The entries of the list `tree` that are not among `old` (counted: a repeat is new)."""
    left = Counter(old)
    new = []
    for child in tree.children.values():
        key = _entry_key(child.data)
        if left[key] > 0:
            left[key] -= 1
        else:
            new.append(child)
    return new


def _one(values: list[Any]) -> Any:
    return values[0] if len(values) == 1 else values


def _item_loc(loc: Loc) -> Loc:
    """The item that holds `loc`: an action, a recommendation, else the plan."""
    if len(loc) >= 2 and loc[0] == "recommendations" and isinstance(loc[1], int):
        if len(loc) >= 4 and loc[2] == "actions" and isinstance(loc[3], int):
            return loc[:4]
        return loc[:2]
    return ("plan",)


def _own_parts(item: Loc, where: Where) -> int:
    """How many of `where`'s parts name the item itself (for the plan: `plan`, if there)."""
    if item == ("plan",):
        return 1 if where[:1] == ("plan",) else 0
    return len(item)


def _name(parts: Where) -> str:
    """`funding[Local Authority].target` from ('funding', '[Local Authority]', 'target')."""
    return ".".join(parts).replace(".[", "[")


_KEYS = {1: list(PlanInfo.model_fields), 2: list(Recommendation.model_fields), 4: ACTION_KEYS}
