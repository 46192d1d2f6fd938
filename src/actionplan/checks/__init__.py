"""Every rule actionplan reports, and the checks across the objects of a valid plan.

One module per family of rules; each check function declares the rules it raises with
`@check(Rule(...))` (see `declare`), and the loader's rules are declared in `loading`. From
them come `RULES` (every rule by code), `actionplan lint --list-rules` and docs/rules.md
(`python -m actionplan.checks > docs/rules.md`).

`CHECKS` is the order the checks run in, and so the order of their findings for one plan.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from actionplan.checks import loading, suppressions, trail
from actionplan.checks.costs import check_costs, check_stated_total
from actionplan.checks.dates import (
    check_date_order,
    check_not_in_future,
    check_overdue_without_progress,
    check_revision_approvals,
)
from actionplan.checks.declare import Check, check
from actionplan.checks.ids import check_hidden_characters, check_themes_exist, check_unique_ids
from actionplan.checks.merges import check_conflicts
from actionplan.checks.outcomes import check_indicators, check_outcome_links
from actionplan.checks.owners import check_owners
from actionplan.checks.statuses import check_closures, check_statuses
from actionplan.checks.vocabularies import check_format_version, check_vocabularies
from actionplan.findings import Finding, Rule
from actionplan.load import LoadedPlan

__all__ = [
    "CHECKS",
    "RULES",
    "Check",
    "check",
    "check_stated_total",
    "needs_as_of",
    "rules_markdown",
    "run_checks",
]

CHECKS: tuple[Check, ...] = (
    check_format_version,
    check_vocabularies,
    check_unique_ids,
    check_themes_exist,
    check_hidden_characters,
    check_costs,
    check_stated_total,
    check_statuses,
    check_closures,
    check_owners,
    check_date_order,
    check_not_in_future,
    check_overdue_without_progress,
    check_revision_approvals,
    check_outcome_links,
    check_indicators,
    check_conflicts,
)


def _collect(rules: list[Rule]) -> Mapping[str, Rule]:
    by_code: dict[str, Rule] = {}
    for rule in sorted(rules, key=lambda r: r.code):
        if rule.code in by_code:
            raise ValueError(f"rule {rule.code} is declared twice")
        by_code[rule.code] = rule
    return MappingProxyType(by_code)


RULES: Mapping[str, Rule] = _collect(
    [
        *loading.RULES,
        *(rule for each in CHECKS for rule in each.rules),
        *suppressions.RULES,
        *trail.RULES,
    ]
)


def run_checks(loaded: LoadedPlan, as_of: date | None = None) -> list[Finding]:
    """Every finding of every rule on one loaded plan."""
    return [finding for each in CHECKS for finding in each(loaded, as_of)]


# The headings of docs/rules.md: each section holds the codes from its first code on.
SECTIONS = (
    ("AP001", "Files that cannot be read as a plan"),
    ("AP101", "The plan format"),
    ("AP201", "Rules across the objects of a plan"),
    ("AP251", "Date-dependent rules (only with --as-of)"),
    ("AP301", "Outcomes"),
    ("AP351", "Date-dependent outcome rules (only with --as-of)"),
    ("AP401", "The settings file and ignore comments"),
    ("AP501", "The audit trail (only with lint --base REV)"),
    ("AP601", "Merges (recorded by actionplan merge-driver)"),
)


def needs_as_of(code: str) -> bool:
    """Whether the rule `code` runs only with --as-of (its section of SECTIONS says so)."""
    section = [title for start, title in SECTIONS if start <= code][-1:]
    return bool(section) and "--as-of" in section[0]


def rules_markdown() -> str:
    """docs/rules.md: every rule, by section, with its description, example and fix."""
    out = [
        "# Lint rules",
        "",
        "<!-- Generated from the rules in src/actionplan/checks/: do not edit. Regenerate:",
        "     `make rules` (python -m actionplan.checks > docs/rules.md). -->",
        "",
        "Every finding of `actionplan lint` has one of these codes. Errors fail the lint;",
        "warnings fail it only with `--strict`. `actionplan lint --list-rules` lists them.",
        "",
        "| Code | Severity | Summary |",
        "|---|---|---|",
    ]
    out += [
        f"| [{r.code}](#{r.code.lower()}) | {r.severity} | {r.summary} |" for r in RULES.values()
    ]
    starts = dict(SECTIONS)
    for rule in RULES.values():
        if rule.code in starts:
            out += ["", f"## {starts[rule.code]}"]
        out += ["", f"### {rule.code}", "", f"**{rule.severity}**: {rule.summary}", ""]
        out += [rule.description, "", "Example:", "", "```yaml", rule.example.rstrip("\n")]
        out += ["```", "", f"Fix: {rule.fix}"]
    return "\n".join(out) + "\n"
