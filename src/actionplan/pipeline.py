"""The one "load and check": a plan's text or file, validated and checked, with every finding.

Lint, update (before it writes) and import (before it writes the plan it made) all check a plan
here, so the three can never disagree about what is wrong with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from actionplan.checks import run_checks
from actionplan.discover import find_plan_files
from actionplan.findings import Finding, Severity, count_by_severity
from actionplan.load import LoadedPlan, load_plan, load_text


@dataclass
class LintResult:
    files: int
    findings: list[Finding]
    skipped: list[str]

    @property
    def errors(self) -> int:
        return count_by_severity(self.findings)[0]

    @property
    def warnings(self) -> int:
        return count_by_severity(self.findings)[1]

    def failed(self, *, strict: bool = False) -> bool:
        return any(f.severity is Severity.ERROR or strict for f in self.findings)


def check_text(
    name: str, raw: bytes, as_of: date | None = None
) -> tuple[LoadedPlan | None, list[Finding]]:
    """Load a plan from its bytes (as read from `name`) and run every check on it.

    Returns the plan (None when it cannot be used) and every finding, the loader's first. A plan
    pruned of its invalid parts is checked too, so one run reports everything.
    """
    loaded, findings = load_text(name, raw)
    return loaded, _with_checks(loaded, findings, as_of)


def check_file(path: Path, as_of: date | None = None) -> tuple[LoadedPlan | None, list[Finding]]:
    """`check_text` for a plan file on disk (read as `load_plan` reads it)."""
    loaded, findings = load_plan(path)
    return loaded, _with_checks(loaded, findings, as_of)


def _with_checks(
    loaded: LoadedPlan | None, findings: list[Finding], as_of: date | None
) -> list[Finding]:
    if loaded is None:
        return findings
    return findings + run_checks(loaded, as_of)


def lint_paths(paths: list[Path], as_of: date | None = None) -> LintResult:
    """Lint every plan file under `paths`; findings sorted by file, line and column.

    Each plan is checked as soon as it is loaded and then dropped, so memory is that of the
    largest file rather than of all of them (a plans/ directory may hold thousands).
    """
    found = find_plan_files(paths)
    findings = list(found.findings)
    for path in found.files:
        findings.extend(check_file(path, as_of)[1])
    return LintResult(len(found.files), sorted(findings), found.skipped)
