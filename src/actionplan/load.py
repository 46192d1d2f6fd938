"""Load plan files: bytes → YAML events → plain data → validated `PlanFile`, with positions.

PyYAML's parser (libyaml's C parser when present, the pure-Python one otherwise) produces a flat
stream of events; this module composes them into dicts, lists and text itself, iteratively, so that:

- every node's line and column can be found (worked out when a finding first asks), and a
  Pydantic error at `recommendations.4.actions.1.target` is reported where that value is written;
- each recommendation (each item of a top-level list) is validated as soon as it is composed, so
  a big plan is never held whole as plain data: memory stays a few times the file's size;
- a duplicate key is an error at any depth instead of silently keeping the last value;
- tags that would construct Python objects, anchors and aliases (the "billion laughs") and absurd
  nesting are refused before anything is built: nothing is executed, nothing explodes, no
  RecursionError;
- scalars stay the text that was written (or None/bool), so amounts and dates are parsed from
  their text by the model and never pass through a binary float.
"""

from __future__ import annotations

import bisect
import difflib
import errno
import os
import re
import stat
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from actionplan.findings import Finding
from actionplan.model.plan import PlanFile, type_name

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
# YAML 1.1's null and boolean words (as PyYAML's SafeLoader resolves plain scalars): one lookup.
_CONSTANTS: dict[str, Any] = {
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), None),
    **dict.fromkeys(("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"), True),
    **dict.fromkeys(("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"), False),
}

# A PyYAML parser class: yaml.CSafeLoader (libyaml's C parser) or yaml.SafeLoader (pure Python).
YamlParser = type[Any]
HAVE_LIBYAML = hasattr(yaml, "CSafeLoader")  # PyYAML built without libyaml has only SafeLoader
PURE_YAML_VARIABLE = "ACTIONPLAN_PURE_YAML"


def yaml_parser(environ: Mapping[str, str] | None = None) -> YamlParser:
    """The parser every plan file is read with: libyaml's C parser, several times faster, when
    PyYAML has it; PyYAML's pure-Python parser when it has not, or when ACTIONPLAN_PURE_YAML=1
    is set in `environ` (os.environ by default).

    Both give the same findings (tests/test_rules_corpus.py holds them to it); the variable is
    for checking that, and for working around a fault in one of them. This is the one place it
    is read: loading, `update`'s edits and the YAML writer all ask here.
    """
    variables = os.environ if environ is None else environ
    if variables.get(PURE_YAML_VARIABLE, "").strip() == "1" or not HAVE_LIBYAML:
        return yaml.SafeLoader
    parser: YamlParser = yaml.CSafeLoader
    return parser


class Positions:
    """Line and column (1-based) of every value and mapping key of one file, by path.

    Only a file with findings needs positions, so they are worked out the first time one is
    asked for, by parsing the text again without building any data, into an index of a few
    bytes per node (`_Index`): a 20 MB plan's positions cost about its own size, where a dict
    of path tuples cost 13 times it.

    Loading may prune invalid items from lists to check the rest (`validate`); `removed`
    records each, so a path in the pruned data still finds the line it was written on.
    `parser` is the one the text was loaded with (by default `yaml_parser()`).
    """

    def __init__(self, text: str, parser: YamlParser | None = None) -> None:
        self._text = text
        self._parser = parser or yaml_parser()
        self._index: _Index | None = None
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
            self._index = _Index(self._text, self._parser)
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


class _Index:
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
        self._kept: dict[int, Sequence[int]] = {}  # see _children
        open_nodes: list[int] = []
        expect: list[int] = []  # per open collection: _ITEM (a sequence), _KEY or _VALUE
        events = parser(_Source(text))
        try:
            while (event := events.get_event()) is not None:
                kind = type(event)
                if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                    self.ends[open_nodes.pop()] = len(self.lines)
                    expect.pop()
                    continue
                if kind not in _NODE_EVENTS:
                    continue
                is_key = bool(expect) and expect[-1] == _KEY
                if expect and expect[-1] != _ITEM:
                    expect[-1] = _VALUE if is_key else _KEY
                if kind is yaml.MappingStartEvent:
                    open_nodes.append(self._add(event, self.MAPPING))
                    expect.append(_KEY)
                elif kind is yaml.SequenceStartEvent:
                    open_nodes.append(self._add(event, self.SEQUENCE))
                    expect.append(_ITEM)
                elif is_key:
                    key = getattr(event, "value", "")  # an alias has none: refused anyway
                    number = self.key_numbers.setdefault(key, len(self.key_numbers))
                    self._add(event, self.KEY + number)
                else:
                    self._add(event, self.SCALAR)
        except yaml.YAMLError:  # only a file that composed is indexed; stop where it breaks
            for node in open_nodes:
                self.ends[node] = len(self.lines)
        finally:
            events.dispose()

    def _add(self, event: Any, kind: int) -> int:
        node = len(self.lines)
        column = event.start_mark.column + 1
        if column > _SHORT and self.columns.typecode == "H":
            self.columns = array("I", self.columns)  # a line of over 65,535 characters
        if kind > _SHORT and self.kinds.typecode == "H":
            self.kinds = array("I", self.kinds)  # over 65,532 different keys
        self.lines.append(event.start_mark.line + 1)
        self.columns.append(column)
        self.ends.append(node + 1)
        self.kinds.append(kind)
        return node

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
        key, nth = (part.key, part.nth) if isinstance(part, _Duplicate) else (part, 1)
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


_ITEM, _KEY, _VALUE = 0, 1, 2
_SHORT = 0xFFFF  # the largest number an array("H") holds
_KEEP_CHILDREN = 64
_NODE_EVENTS = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


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
    """UTF-8 text (a byte-order mark is allowed and dropped); otherwise AP001 at the bad byte.

    Characters YAML refuses (control characters, a byte-order mark after the start) and the
    line breaks YAML counts but editors do not (U+0085, U+2028, U+2029) are AP001 too: found
    here, both YAML parsers give the same answer and line numbers match the editor's.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        offset = error.start
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise LoadProblem(
                Finding(
                    path,
                    1,
                    1,
                    "AP001",
                    "the file is saved as UTF-16 (Notepad calls it 'Unicode'): save it as UTF-8",
                )
            ) from None
        line_start = raw.rfind(b"\n", 0, offset) + 1
        before = raw[line_start:offset].decode("utf-8", errors="replace").lstrip("\ufeff")
        raise LoadProblem(
            Finding(
                path,
                raw.count(b"\n", 0, offset) + 1,
                len(before) + 1,
                "AP001",
                f"byte 0x{raw[offset]:02x} at offset {offset} is not UTF-8: save the file as "
                "UTF-8 (a Latin-1 '£' is a common cause)",
            )
        ) from None
    bad = _NOT_TEXT.search(text)
    if bad is not None:
        raise LoadProblem(_not_text(path, text, bad.start(), len(raw) - len(text.encode("utf-8"))))
    return text


def _not_text(path: str, text: str, index: int, skipped: int = 0) -> Finding:
    """AP001 for the character at `index`, which YAML refuses or editors do not show.

    `skipped` bytes (a byte-order mark) came before the text in the file.
    """
    char = text[index]
    offset = len(text[:index].encode("utf-8")) + skipped
    at = f"U+{ord(char):04X} at offset {offset}"
    if char in "\x85\u2028\u2029":
        what = (
            f"line break {at}, which editors do not show (often pasted from a PDF or a word "
            "processor): replace it with an ordinary line break or a space"
        )
    elif char == "\ufeff":
        what = f"byte-order mark {at}, inside the file (were two files joined?): delete it"
    else:
        what = f"control character {at}: a plan file is text; delete it (or is this a binary file?)"
    return Finding(path, *_line_column(text, index), "AP001", what)


# What YAML accepts (tab, line feed, carriage return and printable Unicode) less the three line
# breaks only YAML counts and the byte-order mark, which YAML allows only at the start.
_NOT_TEXT = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def _line_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, counting line breaks as YAML does."""
    breaks = text.count("\n", 0, index) + text.count("\r", 0, index) - text.count("\r\n", 0, index)
    line_start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    return breaks + 1, index - line_start + 1


# --- Text to data ----------------------------------------------------------------------------


def _mark(event: Any) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


_ESCAPE_HINT = (
    "in double quotes a backslash starts an escape such as \\n: use single quotes for text "
    "with a backslash in it"
)
_DIRECTIVE_HINT = "'%' at the start of a line begins a YAML directive: put the text in quotes"
_COLON_HINT = (
    "a ':' directly followed by ',' or a bracket inside [brackets] or {braces}: put a space "
    "after the ':', or put the text in quotes"
)
_YAML_VERSION_HINT = (
    "this '%YAML' line names a YAML version other than 1.1 or 1.2: delete the line (a plan "
    "file needs none)"
)
# How many characters YAML reads before the ':' of a key written without '? ' (both parsers).
MAX_KEY_LENGTH = 1024
_LONG_KEY_HINT = (
    f"the text before this line's ':' is longer than {MAX_KEY_LENGTH:,} characters, the most "
    "YAML reads as a key: if it is text, put all of it in quotes; keys are short names such as "
    "'title'"
)
_UNREADABLE_HINT = (
    "YAML cannot read the file from here: check the indentation, colons and quotes on this line "
    "or the one before it"
)
# A parser's own limit on nesting (libyaml's: 1,000 levels since PyYAML 6.0.4's wheels).
_NESTING_LIMIT = re.compile(r"nesting (depth|level)", re.IGNORECASE)
_YAML_VERSIONS = {(1, 1), (1, 2)}
_YAML_DIRECTIVE = re.compile(r"^%YAML\b", re.MULTILINE)
_UNKNOWN_DIRECTIVE = re.compile(r"^%(?!(?:YAML|TAG)(?=[ \t\r\n]|$))[^ \t\r\n]*", re.MULTILINE)
# After plain text in [brackets] or {braces}: a ':' directly followed by ',' or a bracket.
_COLON_IN_FLOW = re.compile(r"[ \t]*:[,\[\]{}]")

# The faults a hand-edited plan really has, in words its author can act on. libyaml and PyYAML
# word each fault differently, so each pattern matches both; `at` says which mark both parsers
# agree on and the author needs: "problem" (where parsing stopped) or "context" (where the
# construct began: the opening quote or bracket, the key without its colon).
_SYNTAX_HINTS: list[tuple[re.Pattern[str], str, str]] = [
    (re.compile(p), message, at)
    for p, message, at in (
        (
            r"simple key.*expected ':'",
            "this line has no ':' after its key: write 'key: value', or indent the line to "
            "continue the text above it",
            "context",
        ),
        (
            r"quoted scalar.*end of stream",
            "the quote opened here is never closed: add the closing quote",
            "context",
        ),
        (
            r"quoted scalar.*document (indicator|separator)",
            "inside the quotes this line starts with '---' or '...', which YAML reads as the end "
            "of the document: indent the line, or write the text as a block ('|')",
            "problem",
        ),
        (
            r"escape|hexdecimal|hexadecimal",
            _ESCAPE_HINT,
            "context",
        ),
        (
            r"but got '\?'",  # PyYAML ends plain text in brackets at a '?'; libyaml reads on
            "a '?' inside [brackets] or {braces}: put the text in quotes",
            "problem",
        ),
        (
            r"flow sequence",
            "a list in [brackets] is not closed with ']', or its items are not separated by commas",
            "context",
        ),
        (
            r"flow mapping",
            "a mapping in {braces} is not closed with '}', or its entries are not separated by "
            "commas",
            "context",
        ),
        (
            r"plain scalar.*unexpected ':'",
            _COLON_HINT,
            "problem",
        ),
        (
            r"mapping values are not allowed",
            "a ':' where YAML does not expect one: put text that contains ': ' in quotes, or "
            "check the indentation",
            "problem",
        ),
        (
            r"mapping keys are not allowed",
            "a '? ' where YAML does not expect one: put text that begins with '?' in quotes",
            "problem",
        ),
        (
            r"node content",
            "a value is missing here: check for a stray ',', ':' or bracket, or put the text in "
            "quotes",
            "problem",
        ),
        (
            r"sequence entries are not allowed",
            "a '- ' list item where YAML does not expect one: check the indentation",
            "problem",
        ),
        (
            r"^while parsing a block mapping",
            "this line does not line up with the keys above it: check its indentation",
            "problem",
        ),
        (
            r"^while parsing a block collection",
            "this line does not line up with the list items ('- ') above it: check its indentation",
            "problem",
        ),
        (
            r"document start",
            "this line is outside the plan's top-level mapping: check its indentation",
            "problem",
        ),
        (
            r"cannot start any token",
            "'{char}' cannot start a value: put the text in quotes",
            "problem",
        ),
        (
            r"an anchor|an alias",
            "'&' and '*' start anchors and aliases in YAML: put text that begins with them in "
            "quotes",
            "problem",
        ),
        (
            r"block scalar",
            "after '|' or '>' only '-', '+' or a digit may follow on the same line",
            "problem",
        ),
        (
            r"incompatible YAML document",
            _YAML_VERSION_HINT,
            "problem",
        ),
        (
            r"directive|duplicate tag handle",  # PyYAML's words for a second %TAG of a handle
            _DIRECTIVE_HINT,
            "problem",
        ),
        (
            r"tag",
            "'!' begins a YAML tag: put text that begins with '!' in quotes",
            "problem",
        ),
    )
]


def _syntax_problem(path: str, text: str, error: yaml.YAMLError) -> Finding:
    """AP002 (or AP011 for a tab) at the place both YAML parsers agree on, in our own words."""
    problem_mark = getattr(error, "problem_mark", None)
    context_mark = getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    detail = f"{context}, {problem}" if context else problem
    # A fault we have no words for gets general ones: never the parser's, which differ by parser.
    message = _UNREADABLE_HINT
    mark = problem_mark or context_mark
    for pattern, hint, at in _SYNTAX_HINTS:
        if pattern.search(detail):
            if at == "context" and context_mark is not None:
                mark = context_mark
            message = hint
            break
    index = mark.index if mark is not None else 0
    long_key = _long_key_start(text, detail, problem_mark, context_mark)
    if long_key is not None:
        index, message = long_key, _LONG_KEY_HINT
    if index < len(text) and text[index] == "\t":
        return _tab_finding(path, text, index)
    line, column = _line_column(text, index) if mark is not None else (1, 1)
    lines = text.splitlines() or [""]
    if line > len(lines):  # at the end of the file: point at the end of its last line
        line, column = len(lines), len(lines[-1]) + 1
    char = text[index] if index < len(text) else ""
    return Finding(
        path, line, column, "AP002", f"YAML syntax error: {message.replace('{char}', char)}"
    )


_KEY_COLON = re.compile(r":(?=[ \t\r\n]|$)")
_FIRST_KEY_COLON = re.compile(r"[^\r\n]*?:(?=[ \t\r\n]|$)")  # up to the first on its line
_LINE_LEAD = re.compile(r"(?:[ \t]*[-?](?=[ \t]))*[ \t]*")  # indentation and '- ' or '? '


def _long_key_start(text: str, detail: str, problem: Any, context: Any) -> int | None:
    """Where a key starts, when its being longer than MAX_KEY_LENGTH stopped the parser.

    Past that many characters both parsers stop looking for a key's ':' and then report no ':'
    after the key (their context mark is the key) or a ':' where none is allowed (their
    problem mark is the ':'): both misleading, since the ':' is there.
    """
    if "expected ':'" in detail and context is not None:
        start = context.index
        colon = _FIRST_KEY_COLON.match(text, start)
        if colon is None:
            return None
        end = colon.end() - 1
    elif "mapping values are not allowed" in detail and problem is not None:
        end = problem.index
        line_start = max(text.rfind("\n", 0, end), text.rfind("\r", 0, end)) + 1
        lead = _LINE_LEAD.match(text, line_start, end)
        start = lead.end() if lead else line_start
        if _KEY_COLON.search(text, start, end):  # an earlier ': ': text with a colon in it
            return None
    else:
        return None
    return start if end - start > MAX_KEY_LENGTH else None


def _tab_finding(path: str, text: str, index: int) -> Finding:
    line, column = _line_column(text, index)
    if not text[index - column + 1 : index].strip(" \t"):
        message = (
            "tab character used for indentation: YAML indents with spaces only; replace the "
            "tab with spaces"
        )
    else:
        message = (
            "tab character outside quotes: YAML allows tabs only inside quoted text; replace "
            "it with spaces or put the text in quotes"
        )
    return Finding(path, line, column, "AP011", message)


def _stray_tab(text: str, allowed: list[tuple[int, int]], limit: int) -> int | None:
    """Index of the first tab before `limit` outside quoted text, block text and comments.

    libyaml accepts a tab between values where PyYAML refuses it; refusing it here too gives
    the same finding with either parser. `allowed` holds the (start, end) spans of quoted and
    block scalars, in order.
    """
    index = text.find("\t", 0, limit + 1)
    while index != -1:
        spot = bisect.bisect_right(allowed, (index, len(text))) - 1
        inside = spot >= 0 and allowed[spot][0] <= index < allowed[spot][1]
        if not inside and not _in_comment(text, index, allowed):
            return index
        index = text.find("\t", index + 1, limit + 1)
    return None


def _in_comment(text: str, index: int, allowed: list[tuple[int, int]]) -> bool:
    """Whether a '#' that starts a comment comes before `index` on its line."""
    position = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    spot = bisect.bisect_right(allowed, (position, len(text))) - 1
    while position < index:
        if spot >= 0 and spot < len(allowed) and allowed[spot][0] <= position < allowed[spot][1]:
            position = allowed[spot][1]
            spot += 1
            continue
        while spot + 1 < len(allowed) and allowed[spot + 1][0] <= position:
            spot += 1
        char = text[position]
        if char == "#" and (position == 0 or text[position - 1] in " \t\r\n"):
            return True
        position += 1
    return False


Early = Callable[[Loc, Any, Positions], Any]
DROP = object()  # what `early` returns for an item to leave out


def compose(
    path: str, text: str, *, early: Early | None = None, parser: YamlParser | None = None
) -> tuple[Any, Positions, list[Finding]]:
    """Build plain data from YAML text; refuse what a plan never needs.

    Returns the data, its positions (worked out when first asked for) and any duplicate-key
    findings (the data is still usable). Raises LoadProblem when the file cannot be read as data
    at all. `early(loc, item, positions)` is given each item of a top-level list as soon as it
    is complete and returns what to keep in its place, or DROP (loading keeps the validated
    model, so a big plan is never held whole as plain data). `parser` is the YAML parser to
    read with (by default `yaml_parser()`).
    """
    parser = parser or yaml_parser()
    try:
        return _compose(path, text, early, parser)
    except _ParserLimit as limit:
        raise LoadProblem(_nesting_problem(path, text, limit.error, parser)) from None


class _ParserLimit(Exception):
    """The parser stopped at a nesting limit of its own, not ours."""

    def __init__(self, error: yaml.YAMLError) -> None:
        super().__init__(str(error))
        self.error = error


def _nesting_problem(path: str, text: str, error: yaml.YAMLError, parser: YamlParser) -> Finding:
    """The finding for a file that its parser stopped at a nesting limit of its own.

    libyaml stops at 1,000 levels (as bundled since PyYAML 6.0.4), and on a line of brackets it
    gets there before its first events reach our limit of 64: each '[' could start a key, so it
    reads up to 1,024 characters ahead before it hands any of them over. The text before the
    place it stopped is read again, on its own. Its events are those of the whole file (a key
    of 1,000 brackets would be longer than any key YAML reads), so our own check, or whatever
    stops a parser without a limit first, reports exactly as it would with such a parser.
    """
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    cut = min(mark.index, len(text)) if mark is not None else len(text)
    where = _line_column(text, cut)
    try:
        _compose(path, text[:cut], None, parser)
    except LoadProblem as problem:
        if (problem.finding.line, problem.finding.column) < where:
            return problem.finding
    except _ParserLimit:  # pragma: no cover - the text before the limit is within it
        pass
    # Reached only with a parser whose own limit is below ours.
    return _too_deep(path, *where, "the YAML parser allows")


def _too_deep(path: str, line: int, column: int, limit: str = f"{MAX_DEPTH} levels") -> Finding:
    return Finding(
        path,
        line,
        column,
        "AP008",
        f"nesting deeper than {limit}: a plan file never needs this; check for runaway brackets "
        "or indentation",
    )


def _compose(
    path: str, text: str, early: Early | None, parser: YamlParser
) -> tuple[Any, Positions, list[Finding]]:
    positions = Positions(text, parser)
    root_mark = (1, 1)
    # The first key's path as written (items may be removed later), the duplicate's mark, key.
    duplicates: list[tuple[Loc, tuple[int, int], str]] = []
    # Each open collection: [container, its loc, pending key or None, its start event, and how
    # many times each duplicated key was written (None until one is)].
    stack: list[list[Any]] = []
    root: Any = None
    written = False  # False for a document with no content, True even for an explicit null
    documents = 0

    def place(value: Any, event: Any) -> bool:
        """Attach a finished value to its parent; return False when it was a mapping key."""
        nonlocal root, written, root_mark
        if not stack:
            root = value
            written = not isinstance(event, yaml.ScalarEvent) or bool(event.value or event.style)
            root_mark = _mark(event)
            return True
        frame = stack[-1]
        container, loc = frame[0], frame[1]
        if isinstance(container, list):
            if early is not None and len(loc) == 1 and isinstance(loc[0], str):
                value = early((*loc, len(container)), value, positions)
                if value is DROP:
                    positions.removed(loc, len(container))
                    return True
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
            # A key is a name: keep it as written, so `yes:` or `~:` is named as such in a finding.
            key = event.value
            key_loc = (*loc, key)
            if key in container:
                duplicates.append((positions.written(key_loc), _mark(event), key))
                counts = frame[4] = frame[4] or {}
                counts[key] = counts.get(key, 1) + 1
                key_loc = (*loc, _Duplicate(key, counts[key]))
            frame[2] = key_loc
            return False
        key_loc = frame[2]
        frame[2] = None
        if not isinstance(key_loc[-1], _Duplicate):
            container[key_loc[-1]] = value
        return True

    tabs = "\t" in text
    allowed: list[tuple[int, int]] = []  # spans of quoted and block text, where tabs are fine
    event: Any = None
    events: Any = None
    try:
        events = parser(_Source(text))
        next_event = events.get_event  # what yaml.parse() wraps, less a generator's overhead
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if tabs and event.style:
                    start = event.start_mark.index
                    if event.style in "|>":
                        start = text.find("\n", start) % (len(text) + 1)
                    allowed.append((start, event.end_mark.index))
                if event.tag is not None:  # most scalars have none: skip the call
                    _check_tag(path, event)
                if not event.style and stack and stack[-1][3].flow_style:  # plain, in brackets
                    colon = _COLON_IN_FLOW.match(text, event.end_mark.index)
                    if colon is not None:  # libyaml refuses it itself; PyYAML reads a key
                        raise LoadProblem(_syntax_finding(path, text, colon.end() - 2))
                if event.style == '"' and _NOT_TEXT.search(event.value):
                    # An escape made a control character (or, in PyYAML, half a surrogate
                    # pair, which libyaml refuses): refused alike, before it reaches a terminal.
                    raise LoadProblem(
                        Finding(path, *_mark(event), "AP002", f"YAML syntax error: {_ESCAPE_HINT}")
                    )
                value = event.value
                if event.implicit[0]:  # plain: null and true/false words resolve, all else is text
                    value = _CONSTANTS.get(value, value)
                if event.tag == "tag:yaml.org,2002:null":
                    value = None
                place(value, event)
            elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                _check_tag(path, event)
                if len(stack) >= MAX_DEPTH:
                    raise LoadProblem(_too_deep(path, *_mark(event)))
                container: Any = {} if kind is yaml.MappingStartEvent else []
                loc = _loc_of_new(stack)
                stack.append([container, loc, None, event, None])
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                container, loc, _pending, start, _counts = stack.pop()
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
                if event.explicit:
                    _check_directives(path, text, event)
    except yaml.YAMLError as error:
        # The parser's words only: str(error) quotes the file, which may say anything.
        said = f"{getattr(error, 'context', None)} {getattr(error, 'problem', None)}"
        if _NESTING_LIMIT.search(said):
            raise _ParserLimit(error) from None
        if isinstance(error, yaml.reader.ReaderError):  # text that did not come through decode()
            bad = _NOT_TEXT.search(text)
            if bad is not None:
                raise LoadProblem(_not_text(path, text, bad.start())) from None
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        tab = _stray_tab(text, allowed, mark.index if mark else len(text)) if tabs else None
        if tab is not None:
            raise LoadProblem(_tab_finding(path, text, tab)) from None
        raise LoadProblem(_syntax_problem(path, text, error)) from None
    except LoadProblem:
        limit = event.start_mark.index if event is not None else 0
        tab = _stray_tab(text, allowed, limit) if tabs else None
        if tab is not None:
            raise LoadProblem(_tab_finding(path, text, tab)) from None
        raise
    finally:
        if events is not None:
            events.dispose()  # as yaml.parse() does: the pure-Python parser's state is a cycle
    if tabs:
        tab = _stray_tab(text, allowed, len(text))
        if tab is not None:
            raise LoadProblem(_tab_finding(path, text, tab))
    if not written:
        only = "holds only comments" if text.strip(" \t\r\n-.") else "is empty"
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
                *root_mark,
                "AP004",
                f"the top level is {type_name(root)}, not a mapping: a plan file starts "
                "with 'plan:' followed by 'recommendations:'",
            )
        )
    findings = [
        Finding(
            path,
            *mark,
            "AP005",
            f"duplicate key '{key}' (first at line "
            f"{positions.of(first, key=True, written=True)[0]}): YAML would keep only one "
            "of them; merge them or rename one",
        )
        for first, mark, key in duplicates
    ]
    return root, positions, findings


class _Duplicate:
    """Stands for the `nth` (2nd, 3rd…) of duplicate keys in a loc: its value is parsed but
    never stored, and positions inside it are still found."""

    def __init__(self, key: str, nth: int) -> None:
        self.key = key
        self.nth = nth


def _loc_of_new(stack: list[list[Any]]) -> Loc:
    if not stack:
        return ()
    container, loc, pending = stack[-1][0], stack[-1][1], stack[-1][2]
    if isinstance(container, list):
        return (*loc, len(container))
    if pending is None:
        return (*loc, "?")  # a collection used as a key; refused in place()
    return tuple(pending)


def _written_tag(tag: str) -> str:
    """`!!python/object/apply:os.system` as written, not as YAML expands it."""
    standard = "tag:yaml.org,2002:"
    return "!!" + tag.removeprefix(standard) if tag.startswith(standard) else tag


def _check_directives(path: str, text: str, event: Any) -> None:
    """Refuse the '%' directives before a document's '---' that libyaml refuses and PyYAML
    reads: a %YAML version other than 1.1 or 1.2 (PyYAML reads 1.3 as 1.1) and a name other
    than YAML or TAG (PyYAML ignores it). Both parsers then give the same finding."""
    before = event.end_mark.index  # the end of its '---' (PyYAML starts it at the directives)
    if event.version is not None and tuple(event.version) not in _YAML_VERSIONS:
        directive = _YAML_DIRECTIVE.search(text, 0, before)
        at = _line_column(text, directive.start()) if directive else _mark(event)
        raise LoadProblem(Finding(path, *at, "AP002", f"YAML syntax error: {_YAML_VERSION_HINT}"))
    unknown = _UNKNOWN_DIRECTIVE.search(text, 0, before)
    if unknown is not None:  # placed as libyaml places it: after the name
        raise LoadProblem(_syntax_finding(path, text, unknown.end(), _DIRECTIVE_HINT))


def _syntax_finding(path: str, text: str, index: int, hint: str = "") -> Finding:
    """AP002 at `index` with `hint`, or with the words for the ':' of `_COLON_IN_FLOW`."""
    return Finding(
        path, *_line_column(text, index), "AP002", f"YAML syntax error: {hint or _COLON_HINT}"
    )


def _check_tag(path: str, event: Any) -> None:
    if event.tag not in _PLAIN_TAGS:
        raise LoadProblem(
            Finding(
                path,
                *_mark(event),
                "AP006",
                f"tag '{_written_tag(event.tag)}' refused: plan files hold plain data only; "
                "remove the tag (nothing was executed)",
            )
        )


# --- Data to plan ----------------------------------------------------------------------------


def validate(
    path: str, data: Any, positions: Positions, model: type[M], base: Loc = ()
) -> tuple[M | None, list[Finding], bool]:
    """Validate plain data against `model`; every error becomes a positioned finding.

    So that one run reports every problem, invalid data is pruned (a bad optional key dropped,
    an item missing a required key removed) and validated again: the checks across the plan
    still run on what is left. Returns (the model or None, findings, complete). `base` is the
    path of `data` in the file when it is a part of it (a recommendation).

    `data` is pruned in place: a copy of a 20 MB plan's data would cost more memory than the
    plan itself.
    """
    try:
        return model.model_validate(data), [], True
    except ValidationError as error:
        errors: list[dict[str, Any]] = [dict(e) for e in error.errors()]
    findings = [_finding_from_error(path, positions, e, base) for e in errors]
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
    path: str, positions: Positions, error: dict[str, Any], base: Loc = ()
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
        known = field_names_at(loc[:-1])
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

    def validate_item(loc: Loc, item: Any, positions: Positions) -> Any:
        """An item of a top-level list (a recommendation…) as its model, validated as soon as
        it is composed, so a big plan is never held whole as plain data. An invalid item is
        reported and pruned here; one that cannot be used at all is dropped (DROP)."""
        nonlocal complete
        model = _ITEM_MODELS.get(loc[0])
        if model is None:
            return item
        valid, findings, whole = validate(name, item, positions, model, loc)
        found.extend(findings)
        complete = complete and whole
        return DROP if valid is None else valid

    try:
        data, positions, duplicates = compose(name, text, early=validate_item, parser=parser)
    except LoadProblem as problem:
        return None, [problem.finding]
    # Every top-level item is a model by now: the plan's own validation takes them as they are.
    plan, findings, whole = validate(name, data, positions, PlanFile)
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
    searched: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            _walk(path, found, set(), searched)
        else:
            found.files.append(path)
    # A file named twice (`plans plans/x.yaml`, or through a link) is read once: twice, every
    # figure in a report would be counted twice.
    unique: dict[Path, Path] = {}
    for path in found.files:
        real = Path(os.path.realpath(path))  # a link loop stays as it is: reported when read
        if real in unique:
            found.skipped.append(f"{path}: skipped: the same file as {unique[real]}")
        else:
            unique[real] = path
    found.files = list(unique.values())
    return found


def _walk(directory: Path, found: Discovery, seen: set[Path], searched: dict[Path, Path]) -> None:
    """Search `directory`; `seen` holds the real paths above it, `searched` every one so far.

    Each real directory is searched once, so links that point back up (a loop) or across the
    tree (the same plans twice, or exponentially many paths) cost nothing.
    """
    real = directory.resolve()
    if real in seen:
        found.skipped.append(f"{directory}: skipped: symlink loop back to {real}")
        return
    if real in searched:
        found.skipped.append(
            f"{directory}: skipped: the same directory as {searched[real]}, already searched"
        )
        return
    searched[real] = directory
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
                found.skipped.append(
                    f"{entry}: a directory, not a plan file: searched it for plan files"
                )
            _walk(entry, found, seen, searched)
        elif entry.suffix in PLAN_SUFFIXES:
            found.files.append(entry)
        else:
            found.skipped.append(f"{entry}: skipped: not a plan file (only *.yaml and *.yml)")


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
