"""Ignore comments: `# actionplan: ignore[CODE] reason` silences a finding at its line (AP403
without a reason, AP404 when it silences nothing); only a real YAML comment counts."""

from __future__ import annotations

import textwrap
from datetime import date
from pathlib import Path

from actionplan.checks.suppressions import Ignore, Suppressed, ignore_comments
from actionplan.findings import Finding
from actionplan.pipeline import check_text, lint_paths

PLAN = """
plan:
  id: p
  title: T
  organisation: O
  source: S
  stated_total: 100{comment}
recommendations:
  - id: "1"
    title: R
    costs:
      - label: Workshops
        amount: 120
"""
AP204 = (
    "stated total £100 is £20 less than the sum of the cost lines, £120: keep the total as the "
    "document printed it and quote the computed one (actionplan cost-summary)"
)


def findings(text: str, as_of: date | None = None) -> list[str]:
    raw = textwrap.dedent(text).lstrip("\n").encode("utf-8")
    return [str(f) for f in check_text("p.yaml", raw, as_of)[1]]


def test_without_a_comment_the_finding_stands() -> None:
    assert findings(PLAN.format(comment="")) == [f"p.yaml:6:17: warning AP204 {AP204}"]


def test_a_trailing_comment_with_a_reason_silences_its_line() -> None:
    plan = PLAN.format(comment="  # actionplan: ignore[AP204] the source printed this total")
    assert findings(plan) == []


def test_a_comment_on_its_own_line_silences_the_next_line() -> None:
    plan = PLAN.replace(
        "  stated_total",
        "  # actionplan: ignore[AP204] the source printed this total\n\n  # why: see p.12\n"
        "  stated_total",
    ).format(comment="")
    assert findings(plan) == []


def test_several_codes_in_one_comment() -> None:
    plan = PLAN.format(comment="  # actionplan: ignore[AP204, AP252] printed; chased by email")
    assert findings(plan, date(2020, 3, 1)) == [
        "p.yaml:6:22: warning AP404 ignore[AP204,AP252] silences nothing: there is no AP252 "
        "finding on line 6; remove AP252 from the comment"
    ]


def test_an_ignore_without_a_reason_silences_and_warns() -> None:
    assert findings(PLAN.format(comment="  # actionplan: ignore[AP204]")) == [
        "p.yaml:6:22: warning AP403 ignore[AP204] gives no reason: write after it why the "
        "finding is kept, for whoever reviews the plan"
    ]


def test_an_ignore_that_silences_nothing_warns() -> None:
    plan = PLAN.replace("title: R", "title: R  # actionplan: ignore[AP204] moved").format(
        comment=""
    )
    assert findings(plan) == [
        f"p.yaml:6:17: warning AP204 {AP204}",
        "p.yaml:9:15: warning AP404 ignore[AP204] silences nothing: there is no AP204 finding "
        "on line 9; remove AP204 from the comment",
    ]


def test_an_unknown_code_and_no_code_at_all() -> None:
    plan = PLAN.format(comment="  # actionplan: ignore[AP2O4] typo").replace(
        "title: R", "title: R  # actionplan: ignore"
    )
    assert findings(plan) == [
        f"p.yaml:6:17: warning AP204 {AP204}",
        "p.yaml:6:22: warning AP404 ignore[AP2O4]: 'AP2O4' is not a rule code: correct it "
        "('actionplan lint --list-rules' lists them) or remove it",
        "p.yaml:9:15: warning AP404 '# actionplan: ignore' names no rule: write the codes it "
        "silences and why, e.g. '# actionplan: ignore[AP204] the source printed this total'",
    ]


def test_a_date_dependent_code_is_not_called_unused_without_as_of() -> None:
    plan = PLAN.format(comment="  # actionplan: ignore[AP252] chased by email")
    assert findings(plan) == [f"p.yaml:6:17: warning AP204 {AP204}"]


def test_the_marker_inside_a_block_scalar_or_a_quoted_string_is_text_not_a_comment() -> None:
    plan = (
        PLAN.format(comment="")
        .replace(
            "  source: S\n",
            "  source: S\n"
            "  notes: >-\n"
            "    Keep it.\n"
            "    # actionplan: ignore[AP204] inside block text\n",
        )
        .replace("title: T", 'title: "x # actionplan: ignore[AP204] inside quotes"')
    )
    text = textwrap.dedent(plan).lstrip("\n")
    assert text.splitlines()[8] == "  stated_total: 100"
    assert ignore_comments(text) == []
    assert findings(plan) == [f"p.yaml:9:17: warning AP204 {AP204}"]


def test_a_comment_after_a_block_scalar_indicator_is_a_comment() -> None:
    text = "plan:\n  notes: >-  # actionplan: ignore[AP204] why\n    text\n"
    assert ignore_comments(text) == [Ignore(2, 14, 2, ("AP204",), "why")]


def test_only_a_comment_that_starts_with_the_marker_counts() -> None:
    text = "plan:\n  id: p  # see the note # actionplan: ignore[AP204] why\n"
    assert ignore_comments(text) == []


def test_lint_keeps_what_was_silenced(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    plan = PLAN.format(comment="  # actionplan: ignore[AP204] the source printed this total")
    path.write_text(textwrap.dedent(plan).lstrip("\n"), encoding="utf-8")
    result = lint_paths([path])
    assert result.findings == []
    assert result.suppressed == [
        Suppressed(Finding(str(path), 6, 17, "AP204", AP204), "the source printed this total")
    ]
    assert (result.errors, result.warnings, result.failed(strict=True)) == (0, 0, False)
