"""Load plan files: bytes → text → plain data → validated `PlanFile`, with positions.

The steps are `yaml.decode` (bytes to text), `yaml.compose` (text to plain data, refusing what a
plan never needs) and, here, validation: each recommendation (each item of a top-level list) is
validated as soon as it is composed, so a big plan is never held whole as plain data, and a
Pydantic error at `recommendations.4.actions.1.target` becomes a finding placed where that value
is written (`yaml.positions`, worked out only when a finding asks). Finding the files under a
directory is `discover`.
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, ValidationError

from actionplan.config import NO_SETTINGS, Settings
from actionplan.discover import PLAN_SUFFIXES, Discovery, find_plan_files
from actionplan.findings import Finding, dotted
from actionplan.model.plan import PlanFile, type_name
from actionplan.yaml.compose import LEAVE_OUT, compose
from actionplan.yaml.decode import LoadProblem, decode
from actionplan.yaml.positions import Positions
from actionplan.yaml.walk import Loc, YamlParser, yaml_parser

# Imported from here by modules outside loading (the lint pipeline, the commands, the checks).
__all__ = [
    "PLAN_SUFFIXES",
    "Discovery",
    "LoadProblem",
    "LoadedPlan",
    "Loc",
    "Positions",
    "decode",
    "dotted",
    "find_plan_files",
    "load_decoded",
    "load_plan",
    "load_plans",
    "load_text",
    "yaml_parser",
]


@dataclass
class LoadedPlan:
    path: str
    plan: PlanFile
    positions: Positions
    complete: bool = True  # False when invalid parts were pruned away to check the rest
    settings: Settings = NO_SETTINGS  # the settings file's, set by the pipeline and commands

    def finding(self, loc: Loc, code: str, message: str, *, key: bool = False) -> Finding:
        """A finding at the position of `loc` in this plan's file."""
        line, column = self.positions.of(loc, key=key)
        return Finding(self.path, line, column, code, message)


# --- Data to plan ----------------------------------------------------------------------------


def validate(
    path: str,
    data: Any,
    positions: Positions,
    model: type[M],
    base: Loc = (),
    version: int = 2,
) -> tuple[M | None, list[Finding], bool]:
    """Validate plain data against `model`; every error becomes a positioned finding.

    So that one run reports every problem, invalid data is pruned (a bad optional key dropped,
    an item missing a required key removed) and validated again: the checks across the plan
    still run on what is left. Returns (the model or None, findings, complete). `base` is the
    path of `data` in the file when it is a part of it (a recommendation); `version` is the
    format the file declares, whose keys an unknown key's hint offers.

    `data` is pruned in place: a copy of a 20 MB plan's data would cost more memory than the
    plan itself.
    """
    try:
        return model.model_validate(data), [], True
    except ValidationError as error:
        errors: list[dict[str, Any]] = [dict(e) for e in error.errors()]
    findings = [_finding_from_error(path, positions, e, base, version) for e in errors]
    if len(errors) > MAX_PRUNED:
        return None, findings, False
    pruned = data
    for _round in range(4):
        problems: set[tuple[Loc, bool]] = {
            (tuple(e["loc"]), e["type"] == "missing") for e in errors
        }
        for loc, missing in sorted(problems, key=_loc_order, reverse=True):
            if not _prune(pruned, loc, missing, positions, base):
                return None, findings, False
        try:
            return model.model_validate(pruned), findings, False
        except ValidationError as again:
            errors = [dict(e) for e in again.errors()]
    return None, findings, False


M = TypeVar("M", bound=BaseModel)
# Errors in one top-level item, or in the rest of the plan, beyond which it is not pruned and
# validated again but left out whole (a list item) or not loaded (the plan).
MAX_PRUNED = 200


def _loc_order(item: tuple[Loc, bool]) -> list[tuple[int, Any]]:
    return [(0, p) if isinstance(p, int) else (1, str(p)) for p in item[0]]


def _prune(data: Any, loc: Loc, missing: bool, positions: Positions, base: Loc) -> bool:
    """Remove what `loc` points at (or the list item around it), and tell `positions`."""
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
                positions.removed((*base, *loc[:depth]), loc[depth])
            return True
    return False


def _finding_from_error(
    path: str, positions: Positions, error: dict[str, Any], base: Loc = (), version: int = 2
) -> Finding:
    # Named and placed as written: earlier items of the list may have been left out already.
    loc = positions.written((*base, *error["loc"]))
    where = dotted(loc)
    kind = error["type"]
    if kind.startswith("AP"):
        line, column = positions.of(loc, written=True)
        return Finding(path, line, column, kind, f"{where}: {error['msg']}")
    if kind == "extra_forbidden":
        line, column = positions.of(loc, key=True, written=True)
        name = str(loc[-1])
        known = field_names_at(loc[:-1], version)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(known)}"
        return Finding(
            path, line, column, "AP101", f"unknown key '{name}' in {dotted(loc[:-1])}: {hint}"
        )
    if kind == "missing":
        line, column = positions.of(loc[:-1], written=True)
        return Finding(
            path,
            line,
            column,
            "AP102",
            f"{dotted(loc[:-1])} has no '{loc[-1]}': add it (it is required)",
        )
    line, column = positions.of(loc, written=True)
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
    "tuple_type": "a list (each item on a line starting with '- ')",
    "string_type": "text",
}


def field_names_at(loc: Loc, version: int = 2) -> list[str]:
    """The keys allowed in the mapping at `loc` in a file of format `version`, by walking the
    model classes."""
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
    names = [info.alias or name for name, info in model.model_fields.items()]
    if version >= 2:
        return [n for n in names if (model.__name__, n) not in FORMAT_1_ONLY]
    added = set(FORMAT_2_KEYS.get(model.__name__, ()))
    return [n for n in names if n not in added]


# The keys format 2 adds, by the model they are written in; and the key it replaces.
FORMAT_2_KEYS: dict[str, tuple[str, ...]] = {
    "PlanFile": ("people", "vocabularies"),
    "PlanInfo": ("kind", "owned_by", "exempt", "conflicts"),
    "Recommendation": (
        "acceptance",
        "response",
        "source_kind",
        "audit",
        "assurance",
        "priority",
        "finding",
        "management_action",
        "exempt",
        "conflicts",
    ),
    "Action": ("no_owner", "funding", "closure", "exempt", "conflicts"),
    "TargetRevision": ("approved_by", "approved_at"),
}
FORMAT_1_ONLY = {("Recommendation", "accepted")}
_FORMAT_LINE = re.compile(r"^format:[ \t]*[\"']?(\d+)", re.MULTILINE)


def declared_version(text: str) -> int:
    """The format version a plan's text declares at its top level (1 when it declares none)."""
    match = _FORMAT_LINE.search(text)
    return int(match[1]) if match else 1


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
    path: Path | str, display: str | None = None, *, parser: YamlParser | None = None
) -> tuple[LoadedPlan | None, list[Finding]]:
    """Load one plan file. Returns the plan (None when it cannot be used) and every finding.

    `parser` is the YAML parser to read it with (by default `yaml_parser()`).
    """
    name = display or str(path)
    try:
        text = decode(name, read_plan_bytes(Path(path)))  # the bytes go once decoded
    except OSError as error:
        return None, [Finding(name, 1, 1, "AP010", _unreadable(Path(path), error))]
    except LoadProblem as problem:
        return None, [problem.finding]
    return load_decoded(name, text, parser=parser)


MAX_FILE_BYTES = 64 * 1024 * 1024  # a plan is a few kilobytes; the benchmark's largest is 20 MB


def read_plan_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES.

    Opened without blocking and checked before reading, so a FIFO never hangs the run and
    /dev/zero or a huge file never fills the memory. Raises OSError or LoadProblem (AP010).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        status = os.fstat(fd)
        mode = status.st_mode
        if not stat.S_ISREG(mode):
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a device or socket"
            raise LoadProblem(
                Finding(
                    str(path),
                    1,
                    1,
                    "AP010",
                    f"{kind}, not a plan file: remove it or give the path of a .yaml file",
                )
            )
        # Asked for the limit, Python would set aside 64 MB for every file: ask for its size.
        raw = handle.read(min(status.st_size, MAX_FILE_BYTES) + 1)
        if len(raw) > status.st_size:  # it grew, or has no size (/proc): read on to the limit
            raw += handle.read(MAX_FILE_BYTES + 1 - len(raw))
    if len(raw) > MAX_FILE_BYTES:
        raise LoadProblem(
            Finding(
                str(path),
                1,
                1,
                "AP010",
                f"the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB, far more than "
                "any plan: check it is the right file, or split the plan",
            )
        )
    return raw


def _unreadable(path: Path, error: OSError) -> str:
    """Why a file cannot be read, in words that say what to do."""
    if error.errno == errno.ELOOP:
        return "a symbolic link that loops back on itself: correct or remove the link"
    if error.errno == errno.ENOENT and path.is_symlink():
        return (
            f"a symbolic link to '{os.readlink(path)}', which does not exist: correct or "
            "remove the link"
        )
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: ask for read access to the file, or move it out of the way"
    return f"cannot read the file: {error.strerror or error}"


def load_text(
    name: str, raw: bytes, *, parser: YamlParser | None = None
) -> tuple[LoadedPlan | None, list[Finding]]:
    """Load a plan from its bytes (as read from `name`), with `parser` as in `load_plan`."""
    try:
        text = decode(name, raw)
    except LoadProblem as problem:
        return None, [problem.finding]
    return load_decoded(name, text, parser=parser)


def load_decoded(
    name: str, text: str, *, parser: YamlParser | None = None
) -> tuple[LoadedPlan | None, list[Finding]]:
    """Load a plan from its text (as decoded from `name`), with `parser` as in `load_plan`."""
    found: list[Finding] = []
    complete = True
    version = declared_version(text)

    def validate_item(loc: Loc, item: Any, positions: Positions) -> Any:
        """An item of a top-level list (a recommendation…) as its model, validated as soon as
        it is composed, so a big plan is never held whole as plain data. An invalid item is
        reported and pruned here; one that cannot be used at all is left out (LEAVE_OUT)."""
        nonlocal complete
        model = _ITEM_MODELS.get(loc[0])
        if model is None:
            return item
        valid, findings, whole = validate(name, item, positions, model, loc, version)
        found.extend(findings)
        complete = complete and whole
        return LEAVE_OUT if valid is None else valid

    try:
        data, positions, duplicates = compose(name, text, on_item=validate_item, parser=parser)
    except LoadProblem as problem:
        return None, [problem.finding]
    # Every top-level item is a model by now: the plan's own validation takes them as they are.
    plan, findings, whole = validate(name, data, positions, PlanFile, version=version)
    findings = [*duplicates, *found, *findings]
    if plan is None:
        return None, findings
    return LoadedPlan(name, plan, positions, complete and whole), findings


def _item_models() -> dict[str, type[BaseModel]]:
    """The model of each top-level list's items, by the key it is written under."""
    found: dict[str, type[BaseModel]] = {}
    for name, info in PlanFile.model_fields.items():
        inner = _model_in(info.annotation)
        if inner is not None and get_origin(info.annotation) in (list, tuple):
            found[info.alias or name] = inner
    return found


_ITEM_MODELS = _item_models()


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
