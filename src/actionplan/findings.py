"""Findings: every problem actionplan reports, and the table of rule codes.

A finding is a value, never an exception: loading and checking collect them so one run reports
every problem in every file. Each code is stable (documentation, CI filters and tests name it)
and lives in `RULES` with its severity and a one-line meaning, printed by
`actionplan lint --list-rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        # Files that cannot be read as a plan at all.
        Rule("AP001", _E, "file is not valid UTF-8 text"),
        Rule("AP002", _E, "YAML syntax error"),
        Rule("AP003", _E, "file is empty or holds only comments"),
        Rule("AP004", _E, "top level is not a mapping of plan sections"),
        Rule("AP005", _E, "duplicate key in a mapping (YAML would silently keep only one)"),
        Rule("AP006", _E, "YAML tag that is not plain data (e.g. !!python/object) refused"),
        Rule("AP007", _E, "YAML anchors and aliases are not allowed in plan files"),
        Rule("AP008", _E, "nesting too deep for a plan file"),
        Rule("AP009", _E, "more than one YAML document in the file"),
        Rule("AP010", _E, "file or directory cannot be read"),
        Rule("AP011", _E, "tab character used for indentation"),
        Rule("AP012", _E, "mapping key is not plain text"),
        # The plan format (Pydantic model).
        Rule("AP101", _E, "unknown key"),
        Rule("AP102", _E, "required key missing"),
        Rule("AP103", _E, "value has the wrong type"),
        Rule("AP104", _E, "date is not a real calendar date in YYYY-MM-DD form"),
        Rule("AP105", _E, "target is not a day, month, milestone list, 'ongoing' or 'dependent'"),
        Rule("AP106", _E, "amount is not pounds and pence (digits, at most two decimals)"),
        Rule("AP107", _E, "value is not one of the allowed choices"),
        Rule("AP108", _E, "text is empty"),
        Rule("AP109", _E, "invalid value"),
        Rule("AP110", _E, "number is not a valid quantity"),
        # Rules across objects in a valid plan.
        Rule("AP201", _E, "id used more than once in the plan"),
        Rule("AP202", _E, "theme referenced by a recommendation is not declared"),
        Rule("AP203", _E, "unit breakdown does not multiply out to the amount"),
        Rule("AP204", _W, "stated total differs from the sum of the cost lines"),
        Rule("AP205", _E, "done action has no completion date"),
        Rule("AP206", _E, "progress updates or target revisions not in date order"),
        Rule("AP207", _E, "blocked or dropped action gives no reason"),
        Rule("AP208", _E, "range upper bound is below the amount"),
        Rule("AP209", _E, "dependent target does not say what it depends on"),
        Rule("AP210", _E, "hand-set RAG has no reason"),
        Rule("AP211", _E, "completion date given for an action that is not done"),
        Rule("AP212", _W, "status disagrees with the latest progress update that set one"),
        # Date-dependent rules: only with --as-of.
        Rule("AP251", _E, "progress update, revision or completion dated after the as-of date"),
        Rule("AP252", _W, "action past its target with no progress update"),
        Rule("AP253", _W, "hand-set green RAG on an overdue action"),
        # Outcomes.
        Rule("AP301", _E, "outcome referenced is not declared"),
        Rule("AP302", _E, "measurements not in date order"),
        Rule("AP303", _E, "value not valid for the indicator's unit"),
        Rule("AP304", _E, "indicator target date is not after its baseline date"),
        Rule("AP305", _E, "percent value outside 0-100"),
        Rule("AP306", _E, "indicator target is worse than its baseline in its better direction"),
        # Date-dependent outcome rules: only with --as-of.
        Rule("AP351", _E, "indicator measurement dated after the as-of date"),
    )
}


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at one place: `file:line:column: severity code message`."""

    path: str
    line: int
    column: int
    code: str
    message: str

    @property
    def severity(self) -> Severity:
        return RULES[self.code].severity

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"


def count_by_severity(findings: list[Finding]) -> tuple[int, int]:
    """Return (errors, warnings)."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return errors, len(findings) - errors


def plural(count: int, noun: str) -> str:
    """`1 day`, `2 days`."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
