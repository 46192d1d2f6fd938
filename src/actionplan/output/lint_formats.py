"""Lint findings as text, JSON, GitHub workflow commands (and step summary) and SARIF 2.1.0."""

from __future__ import annotations

import json
from typing import Any

from actionplan.checks import RULES
from actionplan.findings import Severity, plural
from actionplan.pipeline import LintResult

_TEXT_STYLES = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}
_RESET, _BOLD = "\033[0m", "\033[1m"


def as_text(result: LintResult, *, colour: bool = False) -> str:
    """`file:line:col: severity code message` lines, then a one-line summary."""
    lines = []
    for f in result.findings:
        if colour:
            lines.append(
                f"{_BOLD}{f.path}:{f.line}:{f.column}:{_RESET} "
                f"{_TEXT_STYLES[f.severity]}{f.severity}{_RESET} {f.code} {f.message}"
            )
        else:
            lines.append(str(f))
    lines.append(summary_line(result))
    return "\n".join(lines) + "\n"


def summary_line(result: LintResult) -> str:
    files = plural(result.files, "file")
    if not result.findings:
        return f"{files} checked: no problems"
    return (
        f"{files} checked: {plural(result.errors, 'error')}, {plural(result.warnings, 'warning')}"
    )


def as_json(result: LintResult) -> str:
    document = {
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
        "findings": [
            {
                "file": f.path,
                "line": f.line,
                "column": f.column,
                "severity": str(f.severity),
                "code": f.code,
                "message": f.message,
            }
            for f in result.findings
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(result: LintResult) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    lines = [
        f"::{'error' if f.severity is Severity.ERROR else 'warning'} "
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
            message = f.message.replace("|", "\\|")
            out.append(
                f"| {f.path} | {f.line} | {f.column} | {f.severity} | {f.code} | {message} |"
            )
        out.append("")
    return "\n".join(out) + "\n"


def as_sarif(result: LintResult, version: str) -> str:
    """SARIF 2.1.0, for upload to code scanning."""
    used = sorted({f.code for f in result.findings})
    index = {code: i for i, code in enumerate(used)}
    rules: list[dict[str, Any]] = [
        {
            "id": code,
            "shortDescription": {"text": RULES[code].summary},
            "defaultConfiguration": {"level": str(RULES[code].severity)},
        }
        for code in used
    ]
    results = [
        {
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
        for f in result.findings
    ]
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
