"""The settings file's rules (AP401, AP402) and suppressions (AP403, AP404).

A finding kept on purpose is silenced at its line with a reason, as yamllint allows:

    stated_total: 136137  # actionplan: ignore[AP204] the source printed this total

A trailing comment applies to its own line; a comment on a line of its own applies to the next
line that is not blank or a comment. Several codes may be named: `ignore[AP204,AP252]`. Only a
real YAML comment counts, never the same words inside quoted or block text. A suppressed
finding is not printed, counted or failing the lint, but is kept (`Suppressed`) for SARIF,
JSON and `lint --show-suppressed`, so that what was waved through can be audited.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml

from actionplan.checks.declare import ERROR, WARNING
from actionplan.findings import Finding, Rule
from actionplan.yaml.walk import Walk, YamlParser

RULES: tuple[Rule, ...] = (
    Rule(
        "AP401",
        ERROR,
        "settings file cannot be read or is not valid TOML",
        doc="""
        The settings file, `actionplan.toml` in the plans' folder or a folder above it, is
        UTF-8 text in TOML (https://toml.io). Until it can be read, none of it applies.

        Example:
            # actionplan.toml
            [vocabularies
            audiences = ["residents"]

        Fix: correct the line named (here close the bracket: `[vocabularies]`).
        """,
    ),
    Rule(
        "AP402",
        ERROR,
        "setting the settings file does not know, or a value it cannot use",
        doc="""
        The settings file holds `[vocabularies]`, `[[people]]` and `[severity]`, each as
        docs/format.md describes; `[severity]` gives a rule code `error`, `warning` or `off`.
        A bad setting is left out; the others still apply.

        Example:
            # actionplan.toml
            [severity]
            AP252 = "fatal"

        Fix: correct the setting the message names (here `AP252 = "error"`), or remove it.
        """,
    ),
    Rule(
        "AP403",
        WARNING,
        "ignore comment gives no reason",
        doc="""
        A finding silenced with `# actionplan: ignore[CODE]` says why it is kept, for whoever
        reviews the plan or audits what was waved through. The finding is still silenced.

        Example:
            plan:
              stated_total: 100  # actionplan: ignore[AP204]
            recommendations:
              - id: "1"
                title: Raise awareness
                costs:
                  - label: Workshops
                    amount: 120

        Fix: write the reason after the codes: `# actionplan: ignore[AP204] the source printed
        this total`.
        """,
    ),
    Rule(
        "AP404",
        WARNING,
        "ignore comment silences nothing",
        doc="""
        A `# actionplan: ignore[CODE]` comment names a finding on its line (or, on a line of
        its own, on the next line). One that silences nothing is left over from a fixed
        problem, is on the wrong line, or names a code that does not exist; it would silence a
        new problem there without anyone deciding to. Date-dependent codes are only checked
        with --as-of.

        Example:
            plan:
              stated_total: 120  # actionplan: ignore[AP204] the source printed this total
            recommendations:
              - id: "1"
                title: Raise awareness
                costs:
                  - label: Workshops
                    amount: 120

        Fix: remove the comment (or the code from it), or move it to the line of the finding.
        """,
    ),
)


@dataclass(frozen=True, order=True)
class Suppressed:
    """A finding silenced by an ignore comment, and the comment's reason ("" when it has none)."""

    finding: Finding
    reason: str


@dataclass(frozen=True)
class Ignore:
    """One `# actionplan: ignore[…]` comment: where it is, the line it applies to, what it says."""

    line: int
    column: int
    target: int
    codes: tuple[str, ...]
    reason: str


_MARKER = re.compile(r"#[ \t]*actionplan:[ \t]*ignore\b(?:\[(?P<codes>[^\]\r\n]*)\])?(?P<rest>.*)")
_CODE = re.compile(r"AP\d{3}")


def ignore_comments(text: str, parser: YamlParser | None = None) -> list[Ignore]:
    """Every ignore comment in a plan's text (which must be valid YAML), in order."""
    if "actionplan:" not in text:  # the usual case, decided without parsing the text again
        return []
    lines = text.splitlines()
    candidates = [
        (number, match)
        for number, line in enumerate(lines)
        if "actionplan:" in line
        for match in [_MARKER.search(line)]
        if match is not None
    ]
    if not candidates:
        return []
    starts, ends = _scalar_spans(text, parser)
    found = []
    for number, match in candidates:
        column = match.start()
        if not _starts_comment(lines[number], column, number, starts, ends):
            continue
        target = number
        if not lines[number][:column].strip():
            target = next(
                (n for n in range(number + 1, len(lines)) if _has_content(lines[n])), number + 1
            )
        codes = match["codes"]
        found.append(
            Ignore(
                number + 1,
                column + 1,
                target + 1,
                tuple(c.strip() for c in codes.split(",") if c.strip()) if codes else (),
                match["rest"].strip(),
            )
        )
    return found


def _has_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


Place = tuple[int, int]  # (line, column), both from 0


def _scalar_spans(text: str, parser: YamlParser | None) -> tuple[list[Place], list[Place]]:
    """Where each scalar of the text starts and ends: a '#' inside one is text, not a comment.

    A block scalar's text starts on the line after its `|` or `>` indicator, since a comment
    may follow the indicator on its line.
    """
    starts: list[Place] = []
    ends: list[Place] = []
    try:
        for _place, event in Walk(text, parser):
            if isinstance(event, yaml.ScalarEvent):
                start: Any = event.start_mark  # a Mark: neither parser leaves it out
                end: Any = event.end_mark
                if event.style in ("|", ">"):
                    starts.append((start.line + 1, 0))
                else:
                    starts.append((start.line, start.column))
                ends.append((end.line, end.column))
    except yaml.YAMLError:  # not reached for a plan that loaded; the spans so far still hold
        pass
    return starts, ends


def _starts_comment(
    line: str, column: int, number: int, starts: list[Place], ends: list[Place]
) -> bool:
    """Whether the '#' at `column` of line `number` starts a comment: outside every scalar,
    after a space (or at the start of the line), with no comment already begun before it."""

    def in_scalar(at: int) -> bool:
        spot = bisect.bisect_right(starts, (number, at)) - 1
        return spot >= 0 and (number, at) < ends[spot]

    if in_scalar(column) or (column > 0 and line[column - 1] not in " \t"):
        return False
    return not any(
        line[at] == "#" and (at == 0 or line[at - 1] in " \t") and not in_scalar(at)
        for at in range(column)
    )


def apply_ignores(
    path: str,
    text: str,
    findings: list[Finding],
    *,
    as_of: date | None,
    complete: bool = True,
    parser: YamlParser | None = None,
) -> tuple[list[Finding], list[Suppressed]]:
    """Split the findings of one plan (read from `path` as `text`) into those that stand, with
    AP403 and AP404 for the ignore comments, and those an ignore comment silences.

    AP404 is not raised for a plan pruned of invalid parts (`complete` False: the checks did
    not see all of it), nor for a date-dependent code without `as_of` (its rule did not run).
    """
    ignores = ignore_comments(text, parser)
    if not ignores:
        return findings, []
    from actionplan.checks import RULES, needs_as_of

    by_place = {(i.target, code): i for i in ignores for code in i.codes}
    standing: list[Finding] = []
    suppressed: list[Suppressed] = []
    used: set[tuple[int, str]] = set()
    for finding in findings:
        ignore = by_place.get((finding.line, finding.code))
        if ignore is None or finding.path != path:
            standing.append(finding)
        else:
            suppressed.append(Suppressed(finding, ignore.reason))
            used.add((ignore.target, finding.code))
    for ignore in ignores:
        named = ",".join(ignore.codes)

        def problem(code: str, message: str, at: Ignore = ignore) -> None:
            standing.append(Finding(path, at.line, at.column, code, message))

        if not ignore.codes:
            problem(
                "AP404",
                "'# actionplan: ignore' names no rule: write the codes it silences and why, "
                "e.g. '# actionplan: ignore[AP204] the source printed this total'",
            )
            continue
        if not ignore.reason:
            problem(
                "AP403",
                f"ignore[{named}] gives no reason: write after it why the finding is kept, "
                "for whoever reviews the plan",
            )
        for code in ignore.codes:
            if not _CODE.fullmatch(code) or code not in RULES:
                problem(
                    "AP404",
                    f"ignore[{named}]: '{code[:80]}' is not a rule code: correct it "
                    "('actionplan lint --list-rules' lists them) or remove it",
                )
            elif (ignore.target, code) not in used and complete:
                if as_of is None and needs_as_of(code):
                    continue
                problem(
                    "AP404",
                    f"ignore[{named}] silences nothing: there is no {code} finding on line "
                    f"{ignore.target}; remove {code} from the comment",
                )
    return standing, suppressed
