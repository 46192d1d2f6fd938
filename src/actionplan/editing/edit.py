"""Record progress on an action by editing its plan file's text in place.

`actionplan update` appends a dated progress entry (and a target revision or hand-set RAG where
asked) and sets the action's current `status:`/`completed:` lines. Everything else in the file
stays byte for byte: comments, key order, quoting, blank lines, CRLF line endings and a UTF-8
byte-order mark.

Why text insertion and not ruamel.yaml: the loader's parser already gives the character offset
where every node starts and ends, which is all an append needs: new lines go after the last line
of a list (or of the key that precedes a new key in the model's order), and a scalar is replaced
between its own two offsets. ruamel.yaml would be a second YAML parser to depend on, and its
round-trip still re-emits the whole document (re-indenting sequences, re-wrapping long lines,
moving comments), so "every untouched line byte for byte" would depend on its emitter's
settings matching each file's style. Text insertion cannot touch a line it was not asked to.

What one update writes, and why:

- always one progress entry `{date, note, status?, by?}` appended to `progress:` (history);
  without --note, the note says what changed ("Status changed from in-progress to done.");
- `--status` also sets the `status:` line (current state), adding `completed:` (default: the
  update's date) for done and `status_reason:` (from --reason) for blocked or dropped;
- `--revise-target` appends `{date, target, reason, by?, approved_by?, approved_at?}` to
  `revisions:`; `target:` stays the
  original so slippage shows;
- `--rag` sets `rag:` and `rag_reason:` in place (a hand-set RAG is current state, replaced when
  set again); `--rag none` removes both lines;
- a status other than done removes `completed:` (reopening), and one other than blocked or
  dropped removes `status_reason:`.

What an update takes out of the action (a completion date, a status reason, a rating set by
hand) is written into its progress entry (after the officer's note, in brackets), so the
history keeps every rating and every completion.

The edited text is loaded and checked before anything is written: an edit that would add an
error is refused (the findings say why) and the file stays as it was.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml

from actionplan.editing.write import rewrite_file
from actionplan.findings import Finding, Severity
from actionplan.load import LoadedPlan
from actionplan.model.lookup import lookup
from actionplan.model.plan import Action, Rag, Status, Target
from actionplan.pipeline import check_text
from actionplan.yaml.decode import (
    BOM,
    LoadProblem,
    decode,
    ends_with_newline,
    line_end,
    line_number,
    line_start,
    newline_of,
    next_line,
)
from actionplan.yaml.walk import DUPLICATE_KEY, END, KEY, OTHER, VALUE, Loc, Walk
from actionplan.yaml.write import Raw, block, flow_mapping, scalar

ACTION_KEYS = list(Action.model_fields)


class EditError(Exception):
    """The edit cannot be made; the message says why and what to do."""


# --- Where every node is in the text ---------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """One YAML node's place in the text: character offsets of its value and of its key."""

    start: int
    end: int  # just past its last character; for a block collection, past its last child
    kind: Literal["scalar", "mapping", "sequence"]
    flow: bool = False
    value: str | None = None  # a scalar's text
    key_start: int | None = None


@dataclass
class _OpenCollection:
    """A collection whose end event has not come yet."""

    kind: Literal["mapping", "sequence"]
    loc: Loc
    event: Any
    key_start: int | None
    last_end: int = 0


def _offset(mark: Any) -> int:
    """The character offset of a parser's mark."""
    return int(mark.index)


def layout(text: str) -> dict[Loc, Node]:
    """Every node of the document by path, with offsets: the paths of the one walk the loader
    composes from (`yaml.walk`), so the first of duplicate keys is the one found by its name,
    as it is the one the loader keeps."""
    nodes: dict[Loc, Node] = {}
    stack: list[_OpenCollection] = []
    key_start: int | None = None  # of the key whose value comes next

    def finish(loc: Loc, node: Node) -> None:
        nodes[loc] = node
        if stack:
            stack[-1].last_end = max(stack[-1].last_end, node.end)

    walk = Walk(text, paths=True)
    try:
        for place, event in walk:
            if place == OTHER:
                continue
            if isinstance(event, yaml.AliasEvent):
                raise EditError(
                    "the file uses YAML aliases; run 'actionplan lint' and fix it first"
                )
            if place == END:
                frame = stack.pop()
                start = frame.event.start_mark.index
                flow = bool(frame.event.flow_style)
                end = event.end_mark.index if flow else max(frame.last_end, start)
                finish(frame.loc, Node(start, end, frame.kind, flow, key_start=frame.key_start))
                continue
            if place in (KEY, DUPLICATE_KEY):
                if not isinstance(event, yaml.ScalarEvent):
                    raise EditError(
                        "the file has a list or mapping as a key; run 'actionplan lint' and fix "
                        "it first"
                    )
                key_start = _offset(event.start_mark)
                continue
            own_key, key_start = (key_start, None) if place == VALUE else (None, key_start)
            if isinstance(event, yaml.ScalarEvent):
                start, end = _offset(event.start_mark), _offset(event.end_mark)
                node = Node(start, end, "scalar", value=event.value, key_start=own_key)
                finish(walk.path(), node)
            else:
                kind: Literal["mapping", "sequence"] = (
                    "mapping" if isinstance(event, yaml.MappingStartEvent) else "sequence"
                )
                stack.append(_OpenCollection(kind, walk.path(), event, own_key))
    except yaml.YAMLError:
        raise EditError(
            "the file is not valid YAML; run 'actionplan lint' and fix it first"
        ) from None
    return nodes


# --- Text helpers: lines end with LF, CRLF or a lone CR (yaml.decode) -------------------------


def column_of(text: str, offset: int) -> int:
    return offset - line_start(text, offset)


def content_end(text: str, node: Node) -> int:
    """Offset just past the node's last non-blank character (block scalars own trailing
    blank lines; the insertion point must not)."""
    return node.start + len(text[node.start : node.end].rstrip())


def after_line(text: str, offset: int) -> int:
    """Offset of the start of the line after the one holding `offset - 1`."""
    return next_line(text, max(offset - 1, 0))


def dash_column(text: str, item: Node) -> int:
    """Column of the `-` that opens a block sequence item (the item's own start is after it)."""
    at = item.start - 1
    while at >= 0 and text[at] == " ":
        at -= 1
    if at >= 0 and text[at] == "-":
        return column_of(text, at)
    return column_of(text, item.start)


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Replace each span (none overlap), working from the end so offsets stay valid."""
    # Of two insertions at one point, the one asked for first ends up first.
    ordered = sorted(enumerate(edits), key=lambda ie: (ie[1].start, ie[1].end, ie[0]))
    for _index, edit in reversed(ordered):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


# --- Editing one action ----------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What an officer records about one action in one `update`."""

    when: date
    note: str | None = None
    by: str | None = None
    status: Status | None = None
    completed: date | None = None
    target: Target | None = None
    rag: Rag | None = None
    clear_rag: bool = False  # remove a RAG set by hand (`--rag none`)
    reason: str | None = None
    approved_by: str | None = None  # who approved a revised target (format 2)
    approved_at: date | None = None

    def is_empty(self) -> bool:
        return not (
            self.note or self.status or self.completed or self.target or self.rag or self.clear_rag
        )


class ItemText:
    """The edits to one item's mapping (an action, by default) in one file's text; `keys` is
    the item's keys in the model's order, which says where a new key goes."""

    def __init__(
        self, text: str, nodes: dict[Loc, Node], loc: Loc, keys: list[str] = ACTION_KEYS
    ) -> None:
        self.text, self.nodes, self.loc, self.keys = text, nodes, loc, keys
        self.node = nodes[loc]
        self.newline = newline_of(text)
        self.edits: list[Edit] = []
        self.final_newline = False  # added to a file that lacked one
        if self.node.flow:
            line = line_number(text, self.node.start)
            raise EditError(
                f"the action at line {line} is written on one line in braces {{…}}; write it as "
                "one key per line to record progress with 'actionplan update'"
            )
        self.key_column = column_of(text, nodes[(*loc, "id")].key_start or self.node.start)
        # How this file indents a list under its key, and keys under a list item's dash.
        parent = nodes.get(loc[:-1])
        dash = dash_column(text, self.node)
        parent_key = parent.key_start if parent is not None else None
        key_col = column_of(text, parent_key) if parent_key is not None else dash
        self.list_indent = max(dash - key_col, 0)
        self.item_indent = max(self.key_column - dash, 2)

    def _lines(self, lines: list[str]) -> str:
        return "".join(line + self.newline for line in lines)

    def _insert_key_point(self, key: str) -> int:
        """Where a new `key:` goes: after the key that precedes it in the model's order."""
        before = self.keys[: self.keys.index(key)]
        for name in reversed(before):
            node = self.nodes.get((*self.loc, name))
            if node is not None:
                return self._line_after(node)
        return line_start(self.text, self.node.start)  # pragma: no cover - id is required

    def _line_after(self, node: Node) -> int:
        at = after_line(self.text, content_end(self.text, node))
        if at == len(self.text) and not ends_with_newline(self.text) and not self.final_newline:
            self.edits.append(Edit(at, at, self.newline))
            self.final_newline = True
        return at

    def set_value(self, key: str, rendered: str) -> None:
        """Replace `key`'s value in place, or add the key after its predecessor."""
        node = self.nodes.get((*self.loc, key))
        if node is None:
            at = self._insert_key_point(key)
            self.edits.append(Edit(at, at, self._lines([f"{self._pad()}{key}: {rendered}"])))
        elif node.kind == "scalar" and node.start == node.end:  # `key:` with nothing after it
            self.edits.append(Edit(node.start, node.end, f" {rendered}"))
        else:
            self.edits.append(Edit(node.start, content_end(self.text, node), rendered))

    def trailing_comment(self, key: str) -> str | None:
        """The comment written after `key`'s value on its last line, if any (`# per minutes`)."""
        node = self.nodes.get((*self.loc, key))
        if node is None:
            return None
        end = content_end(self.text, node)
        rest = self.text[end : line_end(self.text, end)].strip()
        return rest.removeprefix("#").strip() or None if rest.startswith("#") else None

    def remove_key(self, key: str) -> None:
        """Remove `key:` and its value: their lines, and a comment on them, go whole."""
        node = self.nodes[(*self.loc, key)]
        key_start = node.key_start if node.key_start is not None else node.start
        start = line_start(self.text, key_start)
        if self.text[start:key_start].strip():  # `- rag: red`: the line opens the list item
            line = line_number(self.text, key_start)
            raise EditError(
                f"'{key}' at line {line} is on the line that opens the action ('- {key}: …'); "
                f"move it below 'id' to let 'actionplan update' remove it"
            )
        self.edits.append(Edit(start, after_line(self.text, content_end(self.text, node)), ""))

    def _pad(self) -> str:
        return " " * self.key_column

    def append_item(self, key: str, item: dict[str, Any]) -> None:
        """Append `item` to the list at `key`, creating the key when the action has none."""
        node = self.nodes.get((*self.loc, key))
        dash = self.key_column + self.list_indent
        if node is not None and node.kind == "sequence" and node.flow:
            self._append_flow(node, item)
            return
        if node is not None and node.kind == "sequence":
            first = self.nodes[(*self.loc, key, 0)]
            dash = dash_column(self.text, first)
            keys = column_of(self.text, first.start) if first.kind == "mapping" else dash + 2
            at = self._line_after(node)
            self.edits.append(Edit(at, at, self._lines(item_lines(item, dash, keys - dash))))
            return
        lines = item_lines(item, dash, self.item_indent)
        if node is None:
            at = self._insert_key_point(key)
            self.edits.append(Edit(at, at, self._lines([f"{self._pad()}{key}:", *lines])))
        elif node.kind == "scalar" and not node.value:  # `progress:` left empty
            at = self._line_after(node) if node.start < node.end else self._key_line_end(node)
            self.edits.append(Edit(at, at, self._lines(lines)))
        else:
            line = line_number(self.text, node.start)
            raise EditError(
                f"'{key}' at line {line} is not a list; run 'actionplan lint' and fix it first"
            )

    def _key_line_end(self, node: Node) -> int:
        return self._line_after(Node(node.start, node.start + 1, "scalar"))

    def _append_flow(self, node: Node, item: dict[str, Any]) -> None:
        close = node.end - 1  # the `]`
        inside = self.text[node.start + 1 : close]
        if not inside.strip():
            # `progress: []` becomes a block list: drop the brackets, keep any comment.
            start, end = node.start, node.end
            while start > 0 and self.text[start - 1] == " ":
                start -= 1
            self.edits.append(Edit(start, end, ""))
            at = self._line_after(node)
            lines = item_lines(item, self.key_column + self.list_indent, self.item_indent)
            self.edits.append(Edit(at, at, self._lines(lines)))
            return
        comma = "" if inside.rstrip().endswith(",") else ","
        self.edits.append(Edit(close, close, f"{comma} {flow_mapping(item)}"))


def item_lines(item: dict[str, Any], dash: int, gap: int) -> list[str]:
    inner = block(item, dash + gap)
    first = inner[0][dash + gap :]
    return [" " * dash + "-" + " " * (gap - 1) + first, *inner[1:]]


def _find_in_text(nodes: dict[Loc, Node], text: str, action_id: str) -> Loc:
    found = [
        loc[:-1]
        for loc, node in nodes.items()
        if len(loc) == 5
        and loc[0] == "recommendations"
        and loc[2] == "actions"
        and loc[4] == "id"
        and node.value == action_id
    ]
    if not found:
        raise EditError(f"action {action_id} is not in the file as written")
    if len(found) > 1:
        lines = ", ".join(str(line_number(text, nodes[loc].start)) for loc in found)
        raise EditError(
            f"action id {action_id} is used more than once in this file (lines {lines}): give "
            "each action its own id first"
        )
    return found[0]


def describe_target(target: Target | None) -> str:
    return "no target" if target is None else str(target)


def edit_action(text: str, action: Action, change: Change) -> tuple[str, list[str]]:
    """The file's text with `change` recorded on `action`, and a line per change made.

    Appends one progress entry (its note is the officer's, or says what changed), a target
    revision when the target is revised, and sets (or removes) `status`, `completed`,
    `status_reason`, `rag` and `rag_reason` in place. Earlier entries are never touched.
    """
    _check_change(action, change)
    nodes = layout(text)
    edits = ItemText(text, nodes, _find_in_text(nodes, text, action.id))
    removing = _keys_removed(action, change)
    comments = {key: edits.trailing_comment(key) for key in removing}
    done: list[str] = []
    when = Raw(change.when.isoformat())
    entry: dict[str, Any] = {"date": when, "note": _note(action, change, comments)}
    if change.status is not None:
        entry["status"] = Raw(change.status.value)
    if change.by:
        entry["by"] = change.by
    if change.target is not None:
        target = change.target.to_yaml()
        revision: dict[str, Any] = {
            "date": when,
            "target": [Raw(t) for t in target] if isinstance(target, list) else Raw(target),
            "reason": change.reason,
            "by": change.by,
        }
        if change.approved_by:
            revision["approved_by"] = change.approved_by
        if change.approved_at is not None:
            revision["approved_at"] = change.approved_at
        edits.append_item("revisions", revision)
        was = describe_target(action.current_target)
        done.append(f"target revised: {was} → {change.target} ({change.reason})")
    if change.status is not None and change.status is not action.status:
        edits.set_value("status", change.status.value)
        done.append(f"status: {action.status} → {change.status}")
    if "completed" in removing and action.completed is not None:
        edits.remove_key("completed")
        done.append(f"completed: removed (was {action.completed.isoformat()})")
    if "status_reason" in removing and action.status_reason is not None:
        edits.remove_key("status_reason")
        done.append(f"status_reason: removed (was: {_one_line(action.status_reason)})")
    completed = change.completed
    if completed is None and change.status is Status.DONE and action.completed is None:
        completed = change.when
    if completed is not None and completed != action.completed:
        edits.set_value("completed", completed.isoformat())
        done.append(f"completed: {completed.isoformat()}")
    if change.status in _NEEDS_REASON and change.reason:
        edits.set_value("status_reason", scalar(change.reason))
        was = f" (was: {_one_line(action.status_reason)})" if action.status_reason else ""
        done.append(f"status_reason: {change.reason}{was}")
    if change.rag is not None:
        edits.set_value("rag", change.rag.value)
        edits.set_value("rag_reason", scalar(change.reason))
        was = action.rag.value if action.rag else "not set"
        done.append(f"RAG set by hand: {was} → {change.rag} ({change.reason})")
    if "rag" in removing:
        edits.remove_key("rag")
        if "rag_reason" in removing:
            edits.remove_key("rag_reason")
        done.append(f"RAG set by hand: {action.rag} → cleared ({change.reason})")
    edits.append_item("progress", entry)
    status = f" (status {change.status})" if change.status else ""
    done.insert(0, f"progress {change.when.isoformat()}: {entry['note']}{status}")
    return apply_edits(text, edits.edits), done


def _check_change(action: Action, change: Change) -> None:
    if change.is_empty():
        raise EditError(
            "nothing to record: give --note, --status, --completed, --revise-target or --rag"
        )
    needs_reason = [
        flag
        for flag, wanted in (
            ("--revise-target", change.target is not None),
            ("--rag", change.rag is not None),
            ("--rag none", change.clear_rag),
            (f"--status {change.status}", change.status in _NEEDS_REASON),
        )
        if wanted
    ]
    if needs_reason and not (change.reason and change.reason.strip()):
        raise EditError(f"{' and '.join(needs_reason)} needs --reason: say why, in a sentence")
    if (change.approved_by or change.approved_at) and change.target is None:
        raise EditError("--approved-by and --approved-at are for --revise-target: give it too")
    if change.approved_at is not None and change.approved_at > change.when:
        raise EditError(
            f"--approved-at {change.approved_at.isoformat()} is after the update's date "
            f"{change.when.isoformat()}: record an approval once it has been given"
        )
    if change.clear_rag and action.rag is None:
        raise EditError(
            f"action {action.id} has no RAG set by hand to clear: its RAG is worked out from "
            "its dates and status"
        )
    if change.completed is not None and change.completed > change.when:
        raise EditError(
            f"--completed {change.completed.isoformat()} is after the update's date "
            f"{change.when.isoformat()}: record a completion on or after the day it happened "
            "(check --completed and --date)"
        )
    if change.completed is not None and (change.status or action.status) is not Status.DONE:
        raise EditError(
            f"--completed is only for a done action, and action {action.id} is "
            f"{change.status or action.status}: add --status done"
        )


_NEEDS_REASON = (Status.BLOCKED, Status.DROPPED)


def _keys_removed(action: Action, change: Change) -> list[str]:
    """The action's keys this update takes out: a reopened action's completion date, the
    reason of one no longer blocked or dropped, a RAG set by hand that is cleared."""
    moved = change.status is not None and change.status is not action.status
    keys = []
    if moved and action.completed is not None and change.status is not Status.DONE:
        keys.append("completed")
    if moved and action.status_reason is not None and change.status not in _NEEDS_REASON:
        keys.append("status_reason")
    if change.clear_rag and action.rag is not None:
        keys += ["rag", "rag_reason"] if action.rag_reason is not None else ["rag"]
    return keys


def _note(action: Action, change: Change, comments: dict[str, str | None]) -> str:
    """The progress entry's note: the officer's own, or one saying what changed.

    What the update removes or replaces in the action (a completion date, a status reason, a
    RAG set by hand) is recorded either way, after the officer's note in brackets, so the
    progress history keeps what the current-state lines no longer show.
    """
    gone = _what_goes(action, change, comments)
    if change.note:
        return f"{change.note} [{_sentences(gone)}]" if gone else change.note
    return _sentences([*_what_changes(action, change), *gone])


def _sentences(parts: list[str]) -> str:
    """Join sentences, ending each but the last with a full stop where it has none."""
    return " ".join(
        part if index == len(parts) - 1 or part.endswith((".", "!", "?")) else part + "."
        for index, part in enumerate(parts)
    )


def _what_changes(action: Action, change: Change) -> list[str]:
    parts = []
    if change.status is not None and change.status is not action.status:
        parts.append(f"Status changed from {action.status} to {change.status}.")
    elif change.status is not None:
        parts.append(f"Status confirmed as {change.status}.")
    if change.completed is not None:
        parts.append(f"Completed on {change.completed.isoformat()}.")
    if change.target is not None:
        parts.append(
            f"Target revised from {describe_target(action.current_target)} to "
            f"{change.target}: {change.reason}"
        )
    if change.rag is not None:
        parts.append(f"RAG set by hand to {change.rag}: {change.reason}")
    if change.clear_rag:
        parts.append(f"RAG set by hand cleared: {change.reason}")
    if change.status in _NEEDS_REASON and change.rag is None and not change.clear_rag:
        parts.append(f"Reason: {change.reason}")
    return parts


def _what_goes(action: Action, change: Change, comments: dict[str, str | None]) -> list[str]:
    """Sentences for the values this update takes out of the action's current state, or
    replaces, with any comment written on the lines removed."""

    def noted(*keys: str) -> str:
        found = [comment for key in keys if (comment := comments.get(key))]
        return f" ({'; '.join(found)})" if found else ""

    parts = []
    if "completed" in comments and action.completed is not None:
        completed = action.completed.isoformat()
        parts.append(f"Reopened: it was completed on {completed}{noted('completed')}.")
    if "status_reason" in comments and action.status_reason is not None:
        reason = _one_line(action.status_reason).removesuffix(".")
        parts.append(f"No longer {action.status}: {reason}{noted('status_reason')}.")
    elif (
        change.status in _NEEDS_REASON
        and change.reason
        and action.status_reason
        and _one_line(action.status_reason) != _one_line(change.reason)
    ):  # a new reason replaces the old one
        parts.append(f"It was {action.status}: {_one_line(action.status_reason)}")
    if action.rag is not None and (change.rag is not None or change.clear_rag):
        reason = f": {_one_line(action.rag_reason).removesuffix('.')}" if action.rag_reason else ""
        parts.append(f"It was {action.rag} by hand{reason}{noted('rag', 'rag_reason')}.")
    return parts


def _one_line(text: str) -> str:
    """A stored text (perhaps a folded block) as one line ending in a full stop."""
    line = " ".join(text.split())
    return line if line.endswith((".", "!", "?")) else line + "."


# --- Finding the action and checking the result ----------------------------------------------


def find_action(
    plans: list[LoadedPlan], action_id: str, plan: str | None = None
) -> tuple[LoadedPlan, Action]:
    """The one action with this id (in the plan named by id or path, when given)."""
    if plan is not None:
        chosen = [p for p in plans if plan in (p.plan.plan.id, p.path) or _same_file(p.path, plan)]
        if not chosen:
            known = ", ".join(f"{p.plan.plan.id} ({p.path})" for p in plans) or "none"
            raise EditError(f"no plan '{plan}' here: give a plan id or file (plans: {known})")
        plans = chosen
    every = [(p, a) for p in plans for _rec, a in p.plan.actions()]
    result = lookup(every, action_id, lambda pair: pair[1].id, close=5)
    found = result.matches
    if len(found) == 1:
        return found[0]
    if not found:
        close = result.close
        hint = f"did you mean {', '.join(close)}?" if close else "check the id in the plan file"
        where = f"plan {plans[0].plan.plan.id}" if plan and len(plans) == 1 else "the plans"
        raise EditError(f"no action {action_id} in {where}: {hint}")
    lines = [f"  {p.plan.plan.id}: {p.path}" for p, _a in found]
    raise EditError(
        f"action {action_id} is in {len(found)} plans; choose one with --plan PLAN_ID:\n"
        + "\n".join(lines)
    )


def _same_file(path: str, other: str) -> bool:
    try:
        return Path(path).samefile(other)
    except OSError:
        return False


@dataclass
class UpdateResult:
    """An update worked out but not yet written: the old and new file text, what changed, and
    any errors the new text would bring in (nothing may be written when there are some)."""

    path: str
    old: str
    new: str
    changes: list[str]
    introduced: list[Finding] = field(default_factory=list)
    bom: bool = False
    written: bool = False
    attempts: int = 1  # more than one when the file changed under the edit and it was redone

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.old.splitlines(keepends=True),
                self.new.splitlines(keepends=True),
                fromfile=self.path,
                tofile=self.path,
            )
        )

    @property
    def text_to_write(self) -> str:
        return ("\ufeff" if self.bom else "") + self.new


class FileHasErrors(EditError):
    """The plan file cannot be read as a plan as it stands (a finding AP0xx or AP1xx): an edit
    could not be checked against what the file means, so it is refused whatever the edit."""

    def __init__(self, path: str, findings: list[Finding]) -> None:
        first = findings[0]
        super().__init__(
            f"{path} already has an error at line {first.line} ({first.code}): fix it first "
            f"(actionplan lint {path}), then run the update again"
        )
        self.findings = findings


def update_action(
    path: str, action_id: str, change: Change, as_of: date, *, write: bool = True
) -> UpdateResult:
    """Record `change` on action `action_id` in the plan file at `path`, safely.

    The file is locked and read once; the action is found, and the edit made and linted, on
    exactly the bytes read. When `write` and the edit adds no error, the result is written
    through `rewrite_file`, which checks the file is unchanged just before the rename: if
    another program changed it meanwhile, the edit is made again on the new text (so neither
    change is lost). Raises FileHasErrors when the file already has a load error, EditError
    when the change cannot be made, WriteError when the file cannot be written.
    """
    made: list[UpdateResult] = []

    def edit(raw: bytes) -> bytes | None:
        result = update_text(path, raw, action_id, change, as_of)
        made.append(result)
        if not write or result.introduced:
            return None
        return result.text_to_write.encode("utf-8")

    written = rewrite_file(Path(path), edit)
    result = made[-1]
    result.written = written
    result.attempts = len(made)
    return result


def update_text(path: str, raw: bytes, action_id: str, change: Change, as_of: date) -> UpdateResult:
    """`change` recorded on action `action_id` in the plan file's bytes `raw`, and linted.

    Raises FileHasErrors when the file has a load error, EditError when the action is not in
    it or the change cannot be made.
    """
    try:
        old = decode(path, raw)
    except LoadProblem as problem:
        raise FileHasErrors(path, [problem.finding]) from None
    loaded, findings = check_text(path, old.encode("utf-8"), as_of)
    before = [f for f in findings if f.severity is Severity.ERROR]
    unreadable = [f for f in before if is_load_error(f)]
    if unreadable:
        raise FileHasErrors(path, unreadable)
    actions = [a for _rec, a in loaded.plan.actions() if a.id == action_id] if loaded else []
    if len(actions) != 1:
        raise EditError(
            f"action {action_id} is no longer in {path} (it changed since it was read): run "
            "the update again"
        )
    new, changes = edit_action(old, actions[0], change)
    result = UpdateResult(path, old, new, changes, bom=raw.startswith(BOM))
    result.introduced = _introduced(before, _errors(path, new, as_of))
    return result


def is_load_error(finding: Finding) -> bool:
    """Whether `finding` says the file cannot be read as a plan as written (AP0xx, AP1xx)."""
    return finding.code.startswith(("AP0", "AP1")) and finding.severity is Severity.ERROR


def _errors(path: str, text: str, as_of: date) -> list[Finding]:
    _loaded, findings = check_text(path, text.encode("utf-8"), as_of)
    return [f for f in findings if f.severity is Severity.ERROR]


def introduced_errors(path: str, old: str, new: str, as_of: date) -> list[Finding]:
    """Errors in `new` that `old` did not have (counted by rule, since lines move)."""
    return _introduced(_errors(path, old, as_of), _errors(path, new, as_of))


def _introduced(before: list[Finding], after: list[Finding]) -> list[Finding]:
    extra = Counter(f.code for f in after) - Counter(f.code for f in before)
    return sorted(f for f in after if extra[f.code] > 0)
