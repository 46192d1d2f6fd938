"""Write YAML text the way a plan author would: block style, two-space indents, quoted ids.

PyYAML's emitter folds long lines, sorts or reorders keys and has its own quoting; the commands
that write plan files (`update`, `new`, `import`) need text a person would have typed, that the
loader reads back as exactly the same strings. So scalars are written plain when that is safe,
double-quoted otherwise, and nothing is ever folded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from actionplan.yaml.walk import yaml_parser


@dataclass(frozen=True)
class Quoted:
    """A value always written in double quotes (ids: `"5.2"` must stay text, not a number)."""

    text: str


@dataclass(frozen=True)
class Raw:
    """A value written exactly as given (dates, enum words and amounts, which need no quotes)."""

    text: str


_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_UNSAFE = set(",[]{}")
_LOOKS_TYPED = re.compile(
    r"~|null|true|false|yes|no|on|off|y|n|[-+]?(\.\d+|\d[\d_,:.]*)([eE][-+]?\d+)?|\.(inf|nan)",
    re.IGNORECASE,
)


def _printable(char: str) -> bool:
    code = ord(char)
    return (
        code in (0x09, 0x0A)
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or (0xE000 <= code <= 0xFFFD and code != 0xFEFF)
        or code >= 0x10000
    ) and code not in (0x2028, 0x2029)


# Text that is plain-safe on sight: a letter, then letters, digits, spaces and punctuation that
# mean nothing inside a plain scalar (no `:`, `#`, quotes at the start, tabs or brackets), ending
# in no space. Most of what a tracker holds ("Head of ICT", "Brief the board (by May)") is so;
# the rest is read back by the parsers. ',' is plain-safe only outside flow lists.
_PLAIN_ON_SIGHT = re.compile(r"[A-Za-z][A-Za-z0-9 .;()'/&%+£–—-]*(?<! )")
_PLAIN_ON_SIGHT_BLOCK = re.compile(r"[A-Za-z][A-Za-z0-9 .,;()'/&%+£–—-]*(?<! )")


def plain_on_sight(text: str, *, flow: bool = False) -> bool:
    """True when `text` is plain-safe without reading it back (False: it may still be)."""
    pattern = _PLAIN_ON_SIGHT if flow else _PLAIN_ON_SIGHT_BLOCK
    return pattern.fullmatch(text) is not None and _LOOKS_TYPED.fullmatch(text) is None


def plain_is_safe(text: str, *, flow: bool = False) -> bool:
    """True when `text` written unquoted reads back as exactly this text."""
    return plain_on_sight(text, flow=flow) or plain_reads_back(text, flow=flow)


def plain_reads_back(text: str, *, flow: bool = False) -> bool:
    """`plain_is_safe` the long way: the text written plain and read back by each parser."""
    if not text or text != text.strip() or text[0] in _INDICATORS:
        return False
    if "\n" in text or "\t" in text or ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(c in _FLOW_UNSAFE for c in text):
        return False
    if _LOOKS_TYPED.fullmatch(text) or not all(_printable(c) for c in text):
        return False
    # Read back as it would be written: in a [list] when flow (there PyYAML ends plain text at
    # ' ?', libyaml does not), by each parser that may read the file on another machine.
    written = f"k: [{text}]\n" if flow else f"k: {text}\n"
    for parser in _parsers():
        try:
            events = list(yaml.parse(written, Loader=parser))
        except yaml.YAMLError:
            return False
        scalars = [e for e in events if isinstance(e, yaml.ScalarEvent)]
        # Plain: a style of None from PyYAML's parser, '' from libyaml's.
        if not (len(scalars) == 2 and scalars[1].value == text and not scalars[1].style):
            return False
    return True


def _parsers() -> list[type[Any]]:
    """PyYAML's pure-Python parser, and the one the loader uses if that is another (libyaml's,
    unless ACTIONPLAN_PURE_YAML=1): a file written here may be read with either."""
    chosen = yaml_parser()
    return [yaml.SafeLoader] if chosen is yaml.SafeLoader else [yaml.SafeLoader, chosen]


_QUOTED_AS_IS = re.compile(r"[ !#-\[\]-~]*")


def double_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, escaping whatever YAML would not keep as written."""
    if _QUOTED_AS_IS.fullmatch(text):  # printable ASCII but `"` and `\`: nothing to escape
        return f'"{text}"'
    out = ['"']
    for char in text:
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:  # pragma: no cover - non-BMP characters are printable
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar on one line: plain when safe, else double-quoted."""
    if isinstance(value, Quoted):
        return double_quoted(value.text)
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if flow:
        return text if plain_is_safe(text, flow=True) else double_quoted(text)
    return text if plain_is_safe(text) else double_quoted(text)


def _literal_ok(text: str) -> bool:
    """A multi-line text that a literal block (`|`) keeps exactly."""
    lines = text.rstrip("\n").split("\n")
    return (
        "\n" in text.rstrip("\n")
        and not text.endswith("\n\n")
        and not lines[0].startswith(" ")
        and bool(lines[0].strip())
        and all(line == line.rstrip() for line in lines)
        and all(_printable(c) for c in text)
        and "\t" not in text
    )


def _folded_ok(text: str) -> bool:
    """A one-line text that a folded block (`>-`) keeps exactly when broken at single spaces."""
    return (
        bool(text)
        and text == text.strip()
        and "\n" not in text
        and "\t" not in text
        and all(_printable(c) for c in text)
        and bool(re.search(r"\S \S", text))
    )


def fold(text: str, width: int, pad: str) -> list[str]:
    """Break `text` at single spaces into lines of at most `width` (where a word allows), so
    that YAML folding (each break read as one space) gives back exactly `text`."""
    lines: list[str] = []
    while len(text) > width:
        cut = -1
        for match in re.finditer(r"(?<=\S) (?=\S)", text):
            if match.start() > width and cut >= 0:
                break
            cut = match.start()
        if cut < 0:
            break
        lines.append(pad + text[:cut])
        text = text[cut + 1 :]
    lines.append(pad + text)
    return lines


def block(data: dict[str, Any], indent: int = 0, *, width: int = 100) -> list[str]:
    """A mapping as block-style YAML lines (no line endings). None values and empty lists are
    left out; lists of plain scalars that fit on a line are written in flow style."""
    lines: list[str] = []
    pad = " " * indent
    for key, value in data.items():
        if value is None or (isinstance(value, list | dict) and not value):
            continue
        if isinstance(value, dict):
            lines.append(f"{pad}{key}:")
            lines.extend(block(value, indent + 2, width=width))
        elif isinstance(value, list):
            lines.extend(_sequence(key, value, indent, width))
        elif (
            isinstance(value, str)
            and len(f"{pad}{key}: {scalar(value)}") > width
            and (_folded_ok(value))
        ):
            lines.append(f"{pad}{key}: >-")
            lines.extend(fold(value, width - indent - 2, f"{pad}  "))
        elif isinstance(value, str) and _literal_ok(value):
            chomp = "" if value.endswith("\n") else "-"
            lines.append(f"{pad}{key}: |{chomp}")
            lines.extend(
                f"{pad}  {line}" if line else "" for line in value.rstrip("\n").split("\n")
            )
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    return lines


def _sequence(key: str, items: list[Any], indent: int, width: int) -> list[str]:
    pad = " " * indent
    if not any(isinstance(item, dict | list) for item in items):
        flow = f"{pad}{key}: [{', '.join(scalar(item, flow=True) for item in items)}]"
        if len(flow) <= width and not any(_multiline(item) for item in items):
            return [flow]
        return [f"{pad}{key}:", *(f"{pad}  - {scalar(item)}" for item in items)]
    lines = [f"{pad}{key}:"]
    for item in items:
        inner = block(item, indent + 4, width=width)
        lines.append(f"{pad}  - {inner[0].lstrip()}")
        lines.extend(inner[1:])
    return lines


def _multiline(item: Any) -> bool:
    return isinstance(item, str) and "\n" in item


def flow_mapping(data: dict[str, Any]) -> str:
    """A mapping on one line, `{date: 2020-03-01, note: "…"}`, for a list already in flow style."""
    parts = [
        f"{key}: {scalar(value, flow=True)}" for key, value in data.items() if value is not None
    ]
    return "{" + ", ".join(parts) + "}"
