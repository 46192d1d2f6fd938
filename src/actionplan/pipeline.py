"""Lint: load every plan file, validate it, run every check, and collect the findings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from actionplan.checks import run_checks
from actionplan.findings import Finding, Severity, count_by_severity
from actionplan.load import find_plan_files, load_plan


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


def lint_paths(paths: list[Path], as_of: date | None = None) -> LintResult:
    """Lint every plan file under `paths`; findings sorted by file, line and column.

    Each plan is checked as soon as it is loaded and then dropped, so memory is that of the
    largest file rather than of all of them (a plans/ directory may hold thousands).
    """
    found = find_plan_files(paths)
    findings = list(found.findings)
    for path in found.files:
        loaded, problems = load_plan(path)
        findings.extend(problems)
        if loaded is not None:  # a plan pruned of its invalid parts is checked too
            findings.extend(run_checks(loaded, as_of))
    return LintResult(len(found.files), sorted(findings), found.skipped)
