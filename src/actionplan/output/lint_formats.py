"""Lint findings as text, JSON, GitHub workflow commands (and step summary) and SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import Any

from actionplan.checks import RULES
from actionplan.checks.suppressions import Suppressed
from actionplan.findings import Finding, Severity, plural
from actionplan.output.escape import markdown_cell, terminal
from actionplan.pipeline import LintResult

_TEXT_STYLES = {
    Severity.ERROR: "\033[31m",
    Severity.WARNING: "\033[33m",
    Severity.NOTE: "\033[36m",
}
_RESET, _BOLD = "\033[0m", "\033[1m"


def as_text(result: LintResult, *, colour: bool = False, show_suppressed: bool = False) -> str:
    """`file:line:col: severity code message` lines, then a one-line summary.

    With `show_suppressed`, the findings ignore comments silenced are among them, each ending
    `(suppressed: reason)`.
    """
    shown: list[tuple[Finding, str | None]] = [(f, None) for f in result.findings]
    if show_suppressed:
        shown = sorted(
            [*shown, *((s.finding, s.reason) for s in result.suppressed)], key=lambda x: x[0]
        )
    lines = []
    for f, reason in shown:
        path, message = _one_line(f.path), _one_line(f.message)
        if colour:
            line = (
                f"{_BOLD}{path}:{f.line}:{f.column}:{_RESET} "
                f"{_TEXT_STYLES[f.severity]}{f.severity}{_RESET} {f.code} {message}"
            )
        else:
            line = f"{path}:{f.line}:{f.column}: {f.severity} {f.code} {message}"
        if reason is not None:
            line += f" {suppressed_marker(reason)}"
        lines.append(line)
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    """A file name or message as one line a terminal shows as it is: a line break in plan text
    (or a file name) must not forge another finding."""
    return terminal(text.replace("\r\n", "\n").replace("\n", "\\n").replace("\r", "\\r"))


def suppressed_marker(reason: str) -> str:
    """What follows a suppressed finding shown with --show-suppressed."""
    return f"(suppressed: {reason})" if reason else "(suppressed, no reason given)"


def summary_line(result: LintResult) -> str:
    files = plural(result.files, "file")
    if not result.findings:
        line = f"{files} checked: no problems"
    else:
        line = (
            f"{files} checked: {plural(result.errors, 'error')}, "
            f"{plural(result.warnings, 'warning')}"
        )
        if result.notes:
            line += f", {plural(result.notes, 'note')}"
    if result.suppressed:
        line += f"; {len(result.suppressed)} suppressed"
    return line


def _finding_record(f: Finding) -> dict[str, Any]:
    return {
        "file": f.path,
        "line": f.line,
        "column": f.column,
        "severity": str(f.severity),
        "code": f.code,
        "message": f.message,
    }


def as_json(result: LintResult) -> str:
    """The counts and findings; `suppressed` (only when an ignore comment silenced any) lists
    the silenced findings, each with `"suppressed": {"reason": …}`."""
    document: dict[str, Any] = {
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [_finding_record(f) for f in result.findings],
    }
    if result.suppressed:
        document["suppressed"] = [
            {**_finding_record(s.finding), "suppressed": {"reason": s.reason}}
            for s in result.suppressed
        ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "notice"}


def as_github(result: LintResult) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = [
        f"::{_GITHUB_LEVEL[f.severity]} "
        f"file={_escape_property(f.path)},line={f.line},col={f.column},"
        f"title={_escape_property(f.code)}::{_escape_data(f.message)}"
        for f in result.findings
    ]
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def github_summary(result: LintResult) -> str:
    """A Markdown summary for $GITHUB_STEP_SUMMARY: GitHub shows only the first annotations."""
    out = ["## actionplan lint", "", summary_line(result), ""]
    if result.findings:
        out += ["| File | Line | Col | Severity | Code | Message |", "|---|---:|---:|---|---|---|"]
        for f in result.findings:
            out.append(
                f"| {markdown_cell(f.path)} | {f.line} | {f.column} | {f.severity} | {f.code} | "
                f"{markdown_cell(f.message)} |"
            )
        out.append("")
    return "\n".join(out) + "\n"


def as_sarif(result: LintResult, version: str) -> str:
    """SARIF 2.1.0, for upload to code scanning. Silenced findings are results too, each with
    an in-source suppression and its reason as the justification."""
    shown: list[tuple[Finding, Suppressed | None]] = [(f, None) for f in result.findings]
    shown = sorted([*shown, *((s.finding, s) for s in result.suppressed)], key=lambda x: x[0])
    used = sorted({f.code for f, _s in shown})
    index = {code: i for i, code in enumerate(used)}
    rules: list[dict[str, Any]] = [
        {
            "id": code,
            "shortDescription": {"text": RULES[code].summary},
            "defaultConfiguration": {"level": str(RULES[code].severity)},
        }
        for code in used
    ]
    results: list[dict[str, Any]] = []
    for f, silenced in shown:
        record: dict[str, Any] = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": str(f.severity),
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": f.path.replace("\\", "/")},
                        "region": {"startLine": f.line, "startColumn": f.column},
                    }
                }
            ],
        }
        if silenced is not None:
            suppression = {"kind": "inSource"}
            if silenced.reason:
                suppression["justification"] = silenced.reason
            record["suppressions"] = [suppression]
        results.append(record)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "actionplan",
                        "version": version,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def rules_listing() -> str:
    return "".join(f"{r.code}  {r.severity:<7}  {r.summary}\n" for r in RULES.values())
