"""The rule registry: every code actionplan can report is declared once, documented, and
docs/rules.md is made from it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from actionplan.checks import CHECKS, RULES, loading, rules_markdown
from actionplan.config import parse_settings
from actionplan.findings import Rule
from actionplan.pipeline import check_text

ROOT = Path(__file__).resolve().parent.parent.parent
SRC = ROOT / "src" / "actionplan"
DATA = ROOT / "tests" / "data"
CODE = re.compile(r'"(AP\d{3})"')

HEADER = {
    "id": "example",
    "title": "Example plan",
    "organisation": "Testshire Council",
    "source": "Written for the rule's documentation",
}

# Rules whose example cannot be linted as it is written in the documentation, and why.
NOT_LINTABLE = {
    "AP010": "a file that cannot be read is a property of the file system, not of its text",
    "AP109": "no plan text reaches it today; test_unmapped_model_error_is_ap109 proves it",
    "AP401": "a settings file (TOML), not a plan: test_settings_example_gives_its_rule",
    "AP402": "a settings file (TOML), not a plan: test_settings_example_gives_its_rule",
}
SETTINGS_RULES = ("AP401", "AP402")
# The audit trail's rules compare two versions of a plan: tests/history/test_trail.py.
NOT_LINTABLE.update(
    dict.fromkeys(
        ("AP501", "AP502", "AP503", "AP504", "AP505"),
        "compares a plan with its version at a revision: tests/history/test_trail.py",
    )
)
# Rules whose example is the text of a file saved in another encoding.
ENCODING = {"AP001": "latin-1"}


def test_docs_rules_md_is_up_to_date() -> None:
    written = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == rules_markdown(), (
        "docs/rules.md is out of date: regenerate it with `make rules` "
        "(python -m actionplan.checks > docs/rules.md) and commit it"
    )


def test_rules_are_in_code_order_and_keyed_by_their_code() -> None:
    assert list(RULES) == sorted(RULES)
    assert all(code == rule.code for code, rule in RULES.items())
    assert all(re.fullmatch(r"AP\d{3}", code) for code in RULES)


@pytest.mark.parametrize("rule", RULES.values(), ids=lambda r: r.code)
def test_rule_has_a_description_an_example_and_a_fix(rule: Rule) -> None:
    assert rule.summary and "\n" not in rule.summary
    assert rule.description, f"{rule.code}: its doc has no description before 'Example:'"
    assert rule.example.strip(), f"{rule.code}: its doc has no indented YAML after 'Example:'"
    assert rule.fix, f"{rule.code}: its doc has no 'Fix:'"


def _loader_sources() -> list[Path]:
    return [
        SRC / "load.py",
        *(SRC / "discover.py",),
        *sorted((SRC / "yaml").glob("*.py")),
        *sorted((SRC / "model").glob("*.py")),
    ]


def test_every_code_the_loader_can_raise_is_declared_in_loading() -> None:
    raised = {
        code
        for path in _loader_sources()
        if path.exists()
        for code in CODE.findall(path.read_text(encoding="utf-8"))
    }
    declared = {rule.code for rule in loading.RULES}
    assert sorted(raised - declared) == [], "declare these in src/actionplan/checks/loading.py"
    assert sorted(declared - raised) == [], "loading.py declares codes nothing raises"


def test_each_check_raises_only_the_rules_it_declares() -> None:
    for path in sorted(DATA.glob("AP[0-9][0-9][0-9]-*.yaml")):
        loaded, _findings = check_text(path.name, path.read_bytes())
        if loaded is None:
            continue
        for each in CHECKS:
            declared = {rule.code for rule in each.rules}
            for as_of in (None, date(2020, 3, 1), date(2022, 4, 1)):
                for finding in each(loaded, as_of):
                    assert finding.code in declared, (each.name, path.name, finding)


def _as_plan(example: str) -> str:
    """The example with the plan header it leaves out: the four required `plan:` fields."""
    lines = example.splitlines()
    keys = [line.split(":")[0] for line in lines if re.match(r"[a-z_]+:", line)]
    if "plan" not in keys:
        if not keys:  # not a mapping at all (a list, only comments): the example is the file
            return example
        return "plan:\n" + "".join(f"  {k}: {v}\n" for k, v in HEADER.items()) + example
    at = lines.index(next(line for line in lines if line.startswith("plan:")))
    missing = [
        f"  {k}: {v}" for k, v in HEADER.items() if not any(x.startswith(f"  {k}:") for x in lines)
    ]
    return "\n".join([*lines[: at + 1], *missing, *lines[at + 1 :]]) + "\n"


@pytest.mark.parametrize("code", SETTINGS_RULES)
def test_settings_example_gives_its_rule(code: str) -> None:
    _settings, findings = parse_settings("actionplan.toml", RULES[code].example)
    assert [f.code for f in findings] == [code]


@pytest.mark.parametrize(
    "rule", [r for r in RULES.values() if r.code not in NOT_LINTABLE], ids=lambda r: r.code
)
def test_example_gives_its_rule(rule: Rule) -> None:
    text = _as_plan(rule.example)
    as_of = re.search(r"^# as-of: (\S+)$", text, re.MULTILINE)
    raw = text.encode(ENCODING.get(rule.code, "utf-8"))
    _loaded, findings = check_text(
        "example.yaml", raw, date.fromisoformat(as_of.group(1)) if as_of else None
    )
    assert [f.code for f in findings] == [rule.code], text


def test_the_exceptions_name_declared_rules() -> None:
    assert set(NOT_LINTABLE) | set(ENCODING) <= set(RULES)
