"""Findings: every problem actionplan reports, and what a rule code declares.

A finding is a value, never an exception: loading and checking collect them so one run reports
every problem in every file. Each code is stable (documentation, CI filters and tests name it)
and is declared once, as a `Rule`, in the family of `actionplan.checks` it belongs to; the
registry there (`actionplan.checks.RULES`) is what `actionplan lint --list-rules` and
docs/rules.md are made from.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # worth knowing, never a failure (not even with --strict)


@dataclass(frozen=True)
class Rule:
    """One rule: its stable code, severity, one-line summary and documentation.

    `doc` is written like a docstring: what the rule wants, then `Example:` with an indented
    piece of plan YAML that breaks it (for cross-object rules, leaving out the four required
    `plan:` fields; a `# as-of: YYYY-MM-DD` first line for the rules that need --as-of), then
    `Fix:` and what to do.
    """

    code: str
    severity: Severity
    summary: str
    doc: str = ""

    @property
    def text(self) -> str:
        """The documentation, dedented and stripped."""
        return textwrap.dedent(self.doc).strip()

    @property
    def description(self) -> str:
        """The part before `Example:`."""
        return self.text.partition("\nExample:")[0].strip()

    @property
    def example(self) -> str:
        """The YAML of `Example:`, dedented, ending in a newline ("" when there is none)."""
        after = self.text.partition("Example:\n")[2].partition("\nFix:")[0]
        return textwrap.dedent(after).strip("\n") + "\n" if after.strip() else ""

    @property
    def fix(self) -> str:
        """The words after `Fix:`."""
        return self.text.partition("\nFix:")[2].strip()


@cache
def _registry() -> Mapping[str, Rule]:
    # Imported here, not at the top: load (below checks in the pipeline) makes findings, and
    # a finding only needs the registry when it is printed or counted.
    from actionplan.checks import RULES

    return RULES


def __getattr__(name: str) -> Mapping[str, Rule]:
    """`findings.RULES`: the registry of `actionplan.checks`, every declared rule by code."""
    if name == "RULES":
        return _registry()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place: `file:line:column: severity code message`.

    `configured` is the severity the settings file gives the rule (`[severity]`), when it gives
    one; it is not part of what the finding is, so findings compare and sort without it.
    """

    path: str
    line: int
    column: int
    code: str
    message: str
    configured: Severity | None = field(default=None, compare=False, repr=False)

    @property
    def severity(self) -> Severity:
        return self.configured or _registry()[self.code].severity

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"


def count_by_severity(findings: list[Finding]) -> tuple[int, int]:
    """Return (errors, warnings); notes are neither."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in findings if f.severity is Severity.WARNING)
    return errors, warnings


def plural(count: int, noun: str) -> str:
    """`1 day`, `2 days`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def dotted(loc: tuple[str | int, ...]) -> str:
    """`recommendations[4].actions[1].target` from a loc tuple (0-based, as written)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the file"
