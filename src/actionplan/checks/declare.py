"""How a check declares the rules it raises: `@check(Rule(...), ...)` on the check function.

Every check has the same shape, `check_x(loaded, as_of) -> Iterator[Finding]`; the decorator
keeps the function and its rules together, so the registry (`actionplan.checks.RULES`), the
`--list-rules` listing and docs/rules.md are all made from the code that raises the findings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from actionplan.findings import Finding, Rule, Severity
from actionplan.load import LoadedPlan

ERROR, WARNING, NOTE = Severity.ERROR, Severity.WARNING, Severity.NOTE

CheckFunction = Callable[[LoadedPlan, date | None], Iterator[Finding]]


@dataclass(frozen=True)
class Check:
    """A check function and the rules (codes) it may raise."""

    function: CheckFunction
    rules: tuple[Rule, ...]

    def __call__(self, loaded: LoadedPlan, as_of: date | None = None) -> Iterator[Finding]:
        return self.function(loaded, as_of)

    @property
    def name(self) -> str:
        return self.function.__name__


def check(*rules: Rule) -> Callable[[CheckFunction], Check]:
    """Declare the rules a check function raises, e.g. `@check(Rule("AP203", ERROR, …))`."""

    def declare(function: CheckFunction) -> Check:
        return Check(function, rules)

    return declare
