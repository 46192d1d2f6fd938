"""Load plan files: bytes → YAML events → plain data with positions → validated `PlanFile`.

PyYAML's parser (libyaml's C parser when present, the pure-Python one otherwise) produces a flat
stream of events; this module composes them into dicts, lists and text itself, iteratively, so that:

- every node keeps its line and column, and a Pydantic error at
  `recommendations.4.actions.1.target` is reported where that value is written;
- a duplicate key is an error at any depth instead of silently keeping the last value;
- tags that would construct Python objects, anchors and aliases (the "billion laughs") and absurd
  nesting are refused before anything is built: nothing is executed, nothing explodes, no
  RecursionError;
- scalars stay the text that was written (or None/bool), so amounts and dates are parsed from
  their text by the model and never pass through a binary float.
"""

from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from .findings import Finding
from .model import PlanFile, type_name

Loc = tuple[Any, ...]

MAX_DEPTH = 64
_PLAIN_TAGS = {
    None,
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULL = re.compile(r"~|null|Null|NULL|")
_TRUE = re.compile(r"true|True|TRUE|yes|Yes|YES|on|On|ON")
_FALSE = re.compile(r"false|False|FALSE|no|No|NO|off|Off|OFF")

try:  # libyaml's C parser is several times faster; positions are the same either way.
    from yaml import CSafeLoader as _FastLoader

    HAVE_LIBYAML = True
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _FastLoader  # type: ignore[assignment]

    HAVE_LIBYAML = False


@dataclass
class Positions:
    """Line and column (1-based) of every value and mapping key, by path."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def of(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Position of `loc`, or of its nearest written ancestor."""
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc:
            if loc in self.values:
                return self.values[loc]
            loc = loc[:-1]
        return self.values.get((), (1, 1))


@dataclass
class LoadedPlan:
    path: str
    plan: PlanFile
    positions: Positions
    complete: bool = True  # False when invalid parts were pruned away to check the rest

    def finding(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Finding:
        """A finding at the position of `loc` in this plan's file."""
        line, column = self.positions.of(loc, key=key)
        return Finding(self.path, line, column, code, message)


class LoadProblem(Exception):
    """The file cannot be read as a plan; carries the one finding that says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding


# --- Bytes to text ---------------------------------------------------------------------------


def decode(path: str, raw: bytes) -> str:
    """UTF-8 text (a byte-order mark is allowed and dropped); otherwise AP001 at the bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start
        line = raw.count(b"\n", 0, offset) + 1
        column = offset - (raw.rfind(b"\n", 0, offset) + 1) + 1
        raise LoadProblem(
            Finding(
                path,
                line,
                column,
                "AP001",
                f"byte 0x{raw[offset]:02x} at offset {offset} is not UTF-8: save the file as "
                "UTF-8 (a Latin-1 '£' is a common cause)",
            )
        ) from None


# --- Text to data ----------------------------------------------------------------------------


def _resolve_plain(value: str) -> Any:
    if _NULL.fullmatch(value):
        return None
    if _TRUE.fullmatch(value):
        return True
    if _FALSE.fullmatch(value):
        return False
    return value


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Finding:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    elif isinstance(getattr(error, "position", None), int):
        position = error.position  # type: ignore[attr-defined]
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
    else:
        line, column = 1, 1
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    lines = text.splitlines()
    here = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in here[: len(here) - len(here.lstrip(" \t"))] or ("'\\t'" in problem and "\t" in here):
        tab = here.index("\t") + 1
        return Finding(
            path,
            line,
            tab,
            "AP011",
            "tab character used for indentation: YAML indents with spaces only; "
            "replace the tab with spaces",
        )
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else problem
    return Finding(
        path,
        line,
        column,
        "AP002",
        f"YAML syntax error: {detail}; check the indentation, colons and quotes on this line "
        "or the one before it",
    )


def compose(path: str, text: str) -> tuple[Any, Positions, list[Finding]]:
    """Build plain data from YAML text, keeping positions; refuse what a plan never needs.

    Returns the data, the positions and any duplicate-key findings (data is still usable). Raises
    LoadProblem when the file cannot be read as data at all.
    """
    positions = Positions()
    findings: list[Finding] = []
    # Each open collection: [container, its loc, pending key or None].
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0

    def place(value: Any, event: Any) -> bool:
        """Attach a finished value to its parent; return False when it was a mapping key."""
        nonlocal root
        if not stack:
            root = value
            positions.values[()] = _mark(event)
            return True
        frame = stack[-1]
        container, loc = frame[0], frame[1]
        if isinstance(container, list):
            positions.values[(*loc, len(container))] = _mark(event)
            container.append(value)
            return True
        if frame[2] is None:  # this value is a key
            if isinstance(value, dict | list):
                raise LoadProblem(
                    Finding(
                        path,
                        *_mark(event),
                        "AP012",
                        "a mapping key must be plain text, not a list or mapping",
                    )
                )
            key = "" if value is None else str(value).lower() if isinstance(value, bool) else value
            key_loc = (*loc, key)
            if key in container:
                first_line = positions.keys[key_loc][0]
                findings.append(
                    Finding(
                        path,
                        *_mark(event),
                        "AP005",
                        f"duplicate key '{key}' (first at line {first_line}): YAML would keep "
                        "only one of them; merge them or rename one",
                    )
                )
                key_loc = (*loc, _Duplicate(key))
            else:
                positions.keys[key_loc] = _mark(event)
            frame[2] = key_loc
            return False
        key_loc = frame[2]
        frame[2] = None
        if not isinstance(key_loc[-1], _Duplicate):
            positions.values[key_loc] = _mark(event)
            container[key_loc[-1]] = value
        return True

    try:
        event: Any
        for event in yaml.parse(text, Loader=_FastLoader):
            kind = type(event)
            if kind is yaml.ScalarEvent:
                _check_tag(path, event)
                value = _resolve_plain(event.value) if event.implicit[0] else event.value
                if event.tag == "tag:yaml.org,2002:null":
                    value = None
                place(value, event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                _check_tag(path, event)
                if len(stack) >= MAX_DEPTH:
                    raise LoadProblem(
                        Finding(
                            path,
                            *_mark(event),
                            "AP008",
                            f"nesting deeper than {MAX_DEPTH} levels: a plan file never "
                            "needs this; check for runaway brackets or indentation",
                        )
                    )
                container: Any = {} if kind is yaml.MappingStartEvent else []
                loc = _loc_of_new(stack)
                stack.append([container, loc, None, event])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, loc, _pending, start = stack.pop()
                place(container, start)
            elif kind is yaml.AliasEvent:
                raise LoadProblem(
                    Finding(
                        path,
                        *_mark(event),
                        "AP007",
                        f"alias '*{event.anchor}' refused: anchors and aliases are not "
                        "allowed in plan files; write the value out in full",
                    )
                )
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise LoadProblem(
                        Finding(
                            path,
                            *_mark(event),
                            "AP009",
                            "a second YAML document ('---') in the file: keep one plan per file",
                        )
                    )
    except yaml.YAMLError as error:
        raise LoadProblem(_syntax_problem(path, text, error)) from None
    if documents == 0 or root is None:
        only = "holds only comments" if text.strip() else "is empty"
        raise LoadProblem(
            Finding(
                path,
                1,
                1,
                "AP003",
                f"the file {only}: a plan file starts with a 'plan:' block (see 'actionplan new')",
            )
        )
    if not isinstance(root, dict):
        raise LoadProblem(
            Finding(
                path,
                *positions.values[()],
                "AP004",
                f"the top level is {type_name(root)}, not a mapping: a plan file starts "
                "with 'plan:' followed by 'recommendations:'",
            )
        )
    return root, positions, findings


class _Duplicate:
    """Stands for a duplicate key in a loc, so its value is parsed but neither stored nor
    allowed to overwrite the positions of the first one."""

    def __init__(self, key: str) -> None:
        self.key = key


def _loc_of_new(stack: list[list[Any]]) -> Loc:
    if not stack:
        return ()
    container, loc, pending = stack[-1][0], stack[-1][1], stack[-1][2]
    if isinstance(container, list):
        return (*loc, len(container))
    if pending is None:
        return (*loc, "?")  # a collection used as a key; refused in place()
    return tuple(pending)


def _check_tag(path: str, event: Any) -> None:
    if event.tag not in _PLAIN_TAGS:
        raise LoadProblem(
            Finding(
                path,
                *_mark(event),
                "AP006",
                f"tag '{event.tag}' refused: plan files hold plain data only; remove the "
                "tag (nothing was executed)",
            )
        )


# --- Data to plan ----------------------------------------------------------------------------


def validate(
    path: str, data: Any, positions: Positions
) -> tuple[PlanFile | None, list[Finding], bool]:
    """Validate plain data against the model; every error becomes a positioned finding.

    So that one run reports every problem, an invalid plan is pruned (a bad optional key
    dropped, an item missing a required key removed) and validated again: the checks across the
    plan still run on what is left. Returns (plan or None, findings, complete).
    """
    try:
        return PlanFile.model_validate(data), [], True
    except ValidationError as error:
        errors: list[dict[str, Any]] = [dict(e) for e in error.errors()]
    findings = [_finding_from_error(path, positions, e) for e in errors]
    if len(errors) > MAX_PRUNED:
        return None, findings, False
    pruned = copy.deepcopy(data)
    for _round in range(4):
        problems: set[tuple[Loc, bool]] = {
            (tuple(e["loc"]), e["type"] == "missing") for e in errors
        }
        for loc, missing in sorted(problems, key=_loc_order, reverse=True):
            if not _prune(pruned, loc, missing, positions):
                return None, findings, False
        try:
            return PlanFile.model_validate(pruned), findings, False
        except ValidationError as again:
            errors = [dict(e) for e in again.errors()]
    return None, findings, False


MAX_PRUNED = 200


def _loc_order(item: tuple[Loc, bool]) -> list[tuple[int, Any]]:
    return [(0, p) if isinstance(p, int) else (1, str(p)) for p in item[0]]


def _prune(data: Any, loc: Loc, missing: bool, positions: Positions) -> bool:
    """Remove what `loc` points at (or the list item around it); shift positions to match."""
    if missing:
        loc = loc[:-1]
    parents = [data]
    for part in loc[:-1]:
        node = parents[-1]
        try:
            parents.append(node[part])
        except (KeyError, IndexError, TypeError):
            return True  # already removed with an enclosing item
    if not loc:
        return False
    parent, last = parents[-1], loc[-1]
    if isinstance(parent, dict) and not missing and last in parent:
        del parent[last]
        return True
    # Remove the innermost list item that holds the problem.
    for depth in range(len(loc) - 1, -1, -1):
        if isinstance(loc[depth], int) and isinstance(parents[depth], list):
            items = parents[depth]
            if loc[depth] < len(items):
                del items[loc[depth]]
                _shift_positions(positions, loc[:depth], loc[depth])
            return True
    return False


def _shift_positions(positions: Positions, list_loc: Loc, removed: int) -> None:
    """After removing item `removed` of the list at `list_loc`, renumber later items' paths."""
    size = len(list_loc)
    for table in (positions.values, positions.keys):
        moved = {}
        for loc in list(table):
            if len(loc) > size and loc[:size] == list_loc and isinstance(loc[size], int):
                index = loc[size]
                if index >= removed:
                    value = table.pop(loc)
                    if index > removed:
                        moved[(*list_loc, index - 1, *loc[size + 1 :])] = value
        table.update(moved)


def _finding_from_error(path: str, positions: Positions, error: dict[str, Any]) -> Finding:
    loc: Loc = tuple(error["loc"])
    where = dotted(loc)
    kind = error["type"]
    if kind.startswith("AP"):
        line, column = positions.of(loc)
        return Finding(path, line, column, kind, f"{where}: {error['msg']}")
    if kind == "extra_forbidden":
        line, column = positions.of(loc, key=True)
        name = str(loc[-1])
        known = field_names_at(loc[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(known)}"
        return Finding(
            path, line, column, "AP101", f"unknown key '{name}' in {dotted(loc[:-1])}: {hint}"
        )
    if kind == "missing":
        line, column = positions.of(loc[:-1])
        return Finding(
            path,
            line,
            column,
            "AP102",
            f"{dotted(loc[:-1])} has no '{loc[-1]}': add it (it is required)",
        )
    line, column = positions.of(loc)
    got = type_name(error.get("input"))
    if kind == "enum":
        return Finding(
            path,
            line,
            column,
            "AP107",
            f"{where}: {got} is not allowed: use one of {error['ctx']['expected']}",
        )
    if kind in ("bool_parsing", "bool_type"):
        return Finding(path, line, column, "AP103", f"{where}: {got} is not true or false")
    if kind.endswith("_type") or kind in ("model_attributes_type", "dict_type", "list_type"):
        wanted = _WANTED.get(kind, error["msg"].removeprefix("Input should be ").lower())
        return Finding(path, line, column, "AP103", f"{where}: expected {wanted}, got {got}")
    return Finding(path, line, column, "AP109", f"{where}: {error['msg']}")


_WANTED = {
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "list_type": "a list (each item on a line starting with '- ')",
    "string_type": "text",
}


def dotted(loc: Loc) -> str:
    """`recommendations[4].actions[1].target` from a loc tuple (0-based, as written)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the file"


def field_names_at(loc: Loc) -> list[str]:
    """The keys allowed in the mapping at `loc`, by walking the model classes."""
    model: type[BaseModel] = PlanFile
    for part in loc:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        if info is None:
            return []
        inner = _model_in(info.annotation)
        if inner is None:
            return []
        model = inner
    return [info.alias or name for name, info in model.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not None or get_args(annotation):
        for arg in get_args(annotation):
            found = _model_in(arg)
            if found is not None:
                return found
    return None


# --- Files -----------------------------------------------------------------------------------


def load_plan(
    path: Path | str, display: str | None = None
) -> tuple[LoadedPlan | None, list[Finding]]:
    """Load one plan file. Returns the plan (None when it cannot be used) and every finding."""
    name = display or str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        reason = error.strerror or error.__class__.__name__
        return None, [Finding(name, 1, 1, "AP010", f"cannot read the file: {reason}")]
    return load_text(name, raw)


def load_text(name: str, raw: bytes) -> tuple[LoadedPlan | None, list[Finding]]:
    """Load a plan from its bytes (as read from `name`)."""
    try:
        text = decode(name, raw)
        data, positions, findings = compose(name, text)
    except LoadProblem as problem:
        return None, [problem.finding]
    plan, errors, complete = validate(name, data, positions)
    findings.extend(errors)
    if plan is None:
        return None, findings
    return LoadedPlan(name, plan, positions, complete), findings


# --- Directories -----------------------------------------------------------------------------

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class Discovery:
    """Plan files found under the given paths, what could not be read, and what was skipped."""

    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def find_plan_files(paths: list[Path]) -> Discovery:
    """Files named on the command line, and *.yaml/*.yml found recursively in directories.

    Symlinked directories are followed once; a loop is skipped with a message. An unreadable
    directory is an AP010 finding; every other file is still found.
    """
    found = Discovery()
    for path in paths:
        if path.is_dir():
            _walk(path, found, set())
        else:
            found.files.append(path)
    return found


def _walk(directory: Path, found: Discovery, seen: set[Path]) -> None:
    real = directory.resolve()
    if real in seen:
        found.skipped.append(f"{directory}: skipped: symlink loop back to {real}")
        return
    seen = seen | {real}
    try:
        entries = sorted(directory.iterdir())
    except OSError as error:
        found.findings.append(
            Finding(
                str(directory),
                1,
                1,
                "AP010",
                f"cannot read the directory: {error.strerror or error}",
            )
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError as error:  # e.g. a symlink loop
            found.findings.append(
                Finding(str(entry), 1, 1, "AP010", f"cannot read: {error.strerror or error}")
            )
            continue
        if is_dir:
            if entry.suffix in PLAN_SUFFIXES:
                found.skipped.append(f"{entry}: skipped: a directory, not a plan file")
            _walk(entry, found, seen)
        elif entry.suffix in PLAN_SUFFIXES:
            found.files.append(entry)


def load_plans(
    paths: list[Path], *, partial: bool = False
) -> tuple[list[LoadedPlan], list[Finding], Discovery]:
    """Load every plan file under `paths`: the plans that loaded, and every load finding.

    With `partial`, plans pruned of their invalid parts are returned too (lint checks them).
    """
    found = find_plan_files(paths)
    plans: list[LoadedPlan] = []
    findings = list(found.findings)
    for path in found.files:
        loaded, problems = load_plan(path)
        findings.extend(problems)
        if loaded is not None and (loaded.complete or partial):
            plans.append(loaded)
    return plans, findings, found
