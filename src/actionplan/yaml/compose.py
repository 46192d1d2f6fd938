"""YAML text to plain data: dicts, lists, text, None and booleans, with what a plan refuses.

Composed here from the one event walk (`walk.Walk`), iteratively, so that:

- each item of a top-level list (a recommendation) can be handed on as soon as it is complete,
  so a big plan is never held whole as plain data: memory stays a few times the file's size;
- a duplicate key is an error at any depth instead of silently keeping the last value;
- tags that would construct Python objects, anchors and aliases (the "billion laughs") and absurd
  nesting are refused before anything is built: nothing is executed, nothing explodes, no
  RecursionError;
- scalars stay the text that was written (or None/bool), so amounts and dates are parsed from
  their text by the model and never pass through a binary float;
- a syntax error is worded for the plan's author, at the place both YAML parsers agree on.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

import yaml

from actionplan.findings import Finding
from actionplan.yaml.decode import NOT_TEXT, LoadProblem, line_column, line_start, not_text
from actionplan.yaml.positions import Positions
from actionplan.yaml.walk import (
    DUPLICATE_KEY,
    END,
    ITEM,
    KEY,
    OTHER,
    VALUE,
    DuplicateKey,
    Loc,
    Walk,
    YamlParser,
    yaml_parser,
)

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
_BLOCK_HINT = "after '|' or '>' only '-', '+' or a digit may follow on the same line"
_TAG_HINT = "'!' begins a YAML tag: put text that begins with '!' in quotes"
# A block scalar's header up to its comment: tag and anchor, '|' or '>', indentation, chomping.
_BLOCK_HEADER = re.compile(r"(?:[!&][^ \t\r\n]*[ \t]+)*[|>][0-9+-]*")
# A node's tag as written (after its anchor, if that comes first); verbatim tags ('!<…>') aside.
_WRITTEN_TAG = re.compile(r"(?:&[^ \t\r\n]*[ \t]+)?(![^<][^ \t\r\n]*)")
_NOT_IN_TAG = re.compile(r"[,\[\]]")
# A %YAML version directly followed by more than a space, a tab or the end of the line.
_YAML_VERSION_END = re.compile(r"^%YAML[ \t]+[0-9]+\.[0-9]+([^0-9 \t\r\n])", re.MULTILINE)

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
            _BLOCK_HINT,
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
            _TAG_HINT,
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
    line, column = line_column(text, index) if mark is not None else (1, 1)
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
        begin = line_start(text, end)
        lead = _LINE_LEAD.match(text, begin, end)
        start = lead.end() if lead else begin
        if _KEY_COLON.search(text, start, end):  # an earlier ': ': text with a colon in it
            return None
    else:
        return None
    return start if end - start > MAX_KEY_LENGTH else None


def _tab_finding(path: str, text: str, index: int) -> Finding:
    line, column = line_column(text, index)
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
    position = line_start(text, index)
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


# Called with each item of a top-level list as soon as it is composed: (its path in the data,
# the item, the positions); returns what to keep in the item's place, or LEAVE_OUT.
ItemHook = Callable[[Loc, Any, Positions], Any]
LEAVE_OUT = object()  # what an ItemHook returns for an item to leave out of the data


def compose(
    path: str, text: str, *, on_item: ItemHook | None = None, parser: YamlParser | None = None
) -> tuple[Any, Positions, list[Finding]]:
    """Build plain data from YAML text; refuse what a plan never needs.

    Returns the data, its positions (worked out when first asked for) and any duplicate-key
    findings (the data is still usable). Raises LoadProblem when the file cannot be read as data
    at all. `on_item(loc, item, positions)` is given each item of a top-level list as soon as
    it is complete and returns what to keep in its place, or LEAVE_OUT (loading keeps the
    validated model, so a big plan is never held whole as plain data). `parser` is the YAML
    parser to read with (by default `yaml_parser()`).
    """
    parser = parser or yaml_parser()
    try:
        return _compose(path, text, on_item, parser)
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
    where = line_column(text, cut)
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
    path: str, text: str, on_item: ItemHook | None, parser: YamlParser
) -> tuple[Any, Positions, list[Finding]]:
    positions = Positions(text, parser)
    root_mark = (1, 1)
    # The first key's path as written (items may be removed later), the duplicate's mark, key.
    duplicates: list[tuple[Loc, tuple[int, int], str]] = []
    # Each open collection: [container, its loc, the loc of the value to come (a mapping's
    # pending key) or None, its start event, and the place it fills in its parent].
    stack: list[list[Any]] = []
    root: Any = None
    written = False  # False for a document with no content, True even for an explicit null
    documents = 0

    def attach(value: Any, event: Any) -> None:
        """Put a finished value (not a key) where it belongs."""
        nonlocal root, written, root_mark
        if not stack:
            root = value
            written = not isinstance(event, yaml.ScalarEvent) or bool(event.value or event.style)
            root_mark = _mark(event)
            return
        frame = stack[-1]
        container, loc = frame[0], frame[1]
        if isinstance(container, list):
            if on_item is not None and len(loc) == 1 and isinstance(loc[0], str):
                value = on_item((*loc, len(container)), value, positions)
                if value is LEAVE_OUT:
                    positions.removed(loc, len(container))
                    return
            container.append(value)
            return
        key_loc = frame[2]
        frame[2] = None
        if not isinstance(key_loc[-1], DuplicateKey):  # the first of duplicate keys is kept
            container[key_loc[-1]] = value

    tabs = "\t" in text
    allowed: list[tuple[int, int]] = []  # spans of quoted and block text, where tabs are fine
    event: Any = None
    walk = Walk(text, parser)
    try:
        for place, event in walk:
            if place == OTHER:
                if type(event) is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        raise LoadProblem(
                            Finding(
                                path,
                                *_mark(event),
                                "AP009",
                                "a second YAML document ('---') in the file: keep one plan per "
                                "file",
                            )
                        )
                    if event.explicit:
                        _check_directives(path, text, event)
                continue
            if place == END:
                done, _loc, _pending, start, filled = stack.pop()
                if filled in (KEY, DUPLICATE_KEY):
                    raise LoadProblem(
                        Finding(
                            path,
                            *_mark(start),
                            "AP012",
                            "a mapping key must be plain text, not a list or mapping",
                        )
                    )
                attach(done, start)
                continue
            kind = type(event)
            if kind is yaml.ScalarEvent:
                if tabs and event.style:
                    begin = event.start_mark.index
                    if event.style in "|>":
                        begin = text.find("\n", begin) % (len(text) + 1)
                    allowed.append((begin, event.end_mark.index))
                if event.tag is not None:  # most scalars have none: skip the call
                    _check_tag(path, event, text)
                if event.style and event.style in "|>":
                    header = _BLOCK_HEADER.match(text, event.start_mark.index)
                    if header is not None and text.startswith("#", header.end()):
                        # YAML and PyYAML want a space before the comment; libyaml reads on.
                        raise LoadProblem(_syntax_finding(path, text, header.end(), _BLOCK_HINT))
                if not event.style and stack and stack[-1][3].flow_style:  # plain, in brackets
                    colon = _COLON_IN_FLOW.match(text, event.end_mark.index)
                    if colon is not None:  # libyaml refuses it itself; PyYAML reads a key
                        raise LoadProblem(_syntax_finding(path, text, colon.end() - 2))
                if event.style == '"' and NOT_TEXT.search(event.value):
                    # An escape made a control character (or, in PyYAML, half a surrogate
                    # pair, which libyaml refuses): refused alike, before it reaches a terminal.
                    raise LoadProblem(
                        Finding(path, *_mark(event), "AP002", f"YAML syntax error: {_ESCAPE_HINT}")
                    )
                if place in (KEY, DUPLICATE_KEY):
                    # A key is a name: keep it as written, so `yes:` or `~:` is named as such.
                    key = event.value
                    frame = stack[-1]
                    if place == KEY:
                        frame[2] = (*frame[1], key)
                    else:
                        first = positions.written((*frame[1], key))
                        duplicates.append((first, _mark(event), key))
                        frame[2] = (*frame[1], DuplicateKey(key, walk.nth))
                    continue
                value = event.value
                if event.implicit[0]:  # plain: null and true/false words resolve, all else is text
                    value = _CONSTANTS.get(value, value)
                if event.tag == "tag:yaml.org,2002:null":
                    value = None
                attach(value, event)
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
            else:  # the start of a mapping or a sequence
                _check_tag(path, event, text)
                if len(stack) >= MAX_DEPTH:
                    raise LoadProblem(_too_deep(path, *_mark(event)))
                if not stack:
                    loc: Loc = ()
                elif place == VALUE:
                    loc = stack[-1][2]
                elif place == ITEM:
                    loc = (*stack[-1][1], len(stack[-1][0]))
                else:
                    loc = (*stack[-1][1], "?")  # a collection used as a key; refused at its end
                container: Any = {} if kind is yaml.MappingStartEvent else []
                stack.append([container, loc, None, event, place])
    except yaml.YAMLError as error:
        # The parser's words only: str(error) quotes the file, which may say anything.
        said = f"{getattr(error, 'context', None)} {getattr(error, 'problem', None)}"
        if _NESTING_LIMIT.search(said):
            raise _ParserLimit(error) from None
        if isinstance(error, yaml.reader.ReaderError):  # text that did not come through decode()
            bad = NOT_TEXT.search(text)
            if bad is not None:
                raise LoadProblem(not_text(path, text, bad.start())) from None
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
        from actionplan.model.plan import type_name

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
        at = line_column(text, directive.start()) if directive else _mark(event)
        raise LoadProblem(Finding(path, *at, "AP002", f"YAML syntax error: {_YAML_VERSION_HINT}"))
    version_end = _YAML_VERSION_END.search(text, 0, before)
    if version_end is not None:  # `%YAML 1.1#…`: libyaml reads on, PyYAML refuses it
        raise LoadProblem(_syntax_finding(path, text, version_end.start(1), _DIRECTIVE_HINT))
    unknown = _UNKNOWN_DIRECTIVE.search(text, 0, before)
    if unknown is not None:  # placed as libyaml places it: after the name
        raise LoadProblem(_syntax_finding(path, text, unknown.end(), _DIRECTIVE_HINT))


def _syntax_finding(path: str, text: str, index: int, hint: str = "") -> Finding:
    """AP002 at `index` with `hint`, or with the words for the ':' of `_COLON_IN_FLOW`."""
    return Finding(
        path, *line_column(text, index), "AP002", f"YAML syntax error: {hint or _COLON_HINT}"
    )


def _check_tag(path: str, event: Any, text: str) -> None:
    if event.tag is not None:
        # PyYAML reads ',', '[' and ']' as part of a tag (`!!str,`); libyaml ends the tag there,
        # and refuses it outside brackets. Refused alike, where libyaml refuses it.
        written = _WRITTEN_TAG.match(text, event.start_mark.index)
        bad = _NOT_IN_TAG.search(written.group(1)) if written else None
        if written is not None and bad is not None:
            index = written.start(1) + bad.start()
            raise LoadProblem(_syntax_finding(path, text, index, _TAG_HINT))
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
