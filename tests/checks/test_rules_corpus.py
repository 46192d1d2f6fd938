"""Every rule code has a file in tests/data/ that breaks it, named after it, with the line it names.

Each `tests/data/APxxx-*.yaml` starts with `# expect: APxxx line N` (one line per finding) and,
for the date-dependent rules, `# as-of: YYYY-MM-DD`. Files that cannot carry a comment (bytes
that are not UTF-8, an empty file) have their expectations in `NO_COMMENT` below. The same
files go through the pure-Python YAML parser too: it must give exactly the same findings as
libyaml, since either may be installed (and ACTIONPLAN_PURE_YAML=1 chooses it).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from actionplan.checks import RULES
from actionplan.findings import Finding, Severity
from actionplan.load import load_plan, yaml_parser
from actionplan.pipeline import lint_paths

DATA = Path(__file__).resolve().parent.parent / "data"
CORPUS = sorted(DATA.glob("AP[0-9][0-9][0-9]-*.yaml"))

EXPECT = re.compile(r"^# expect: (AP\d{3}) line (\d+)$", re.MULTILINE)
AS_OF = re.compile(r"^# as-of: (\d{4}-\d{2}-\d{2})$", re.MULTILINE)

NO_COMMENT: dict[str, list[tuple[str, int]]] = {
    "AP001-latin1-pound.yaml": [("AP001", 6)],  # the £ of "stated_total: £136,137"
    "AP001-binary.yaml": [("AP001", 2)],  # bytes 0-127 are UTF-8; 0x80 is not
    "AP001-utf16.yaml": [("AP001", 1)],  # its byte-order mark 0xff 0xfe
    "AP003-empty.yaml": [("AP003", 1)],
}

# Codes no file in tests/data can carry, and the test that proves them instead.
ELSEWHERE = {
    "AP010": "test_hostile.py: unreadable files and directories are made in tmp_path",
    "AP109": "test_unmapped_model_error_is_ap109 below: every validator raises a coded error",
    "AP401": "test_config.py: a settings file (TOML, not a plan) that cannot be read or parsed",
    "AP402": "test_config.py: a settings file with a bad setting, at the setting's line",
    **dict.fromkeys(
        ("AP501", "AP502", "AP503", "AP504", "AP505"),
        "history/test_trail.py: lint --base compares a plan with its version in git",
    ),
}


def expectations(path: Path) -> tuple[list[tuple[str, int]], date | None]:
    if path.name in NO_COMMENT:
        return NO_COMMENT[path.name], None
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    expected = [(code, int(line)) for code, line in EXPECT.findall(text)]
    as_of = AS_OF.search(text)
    return expected, date.fromisoformat(as_of.group(1)) if as_of else None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_file_gives_exactly_its_findings(path: Path) -> None:
    expected, as_of = expectations(path)
    assert expected, f"{path.name} has no '# expect: APxxx line N' comment"
    result = lint_paths([path], as_of)
    assert sorted((f.code, f.line) for f in result.findings) == sorted(expected)
    # The file is named after the code it breaks.
    assert {code for code, _line in expected} == {path.name[:5]}
    # It fails lint --strict, unless its rule is a note: a note never fails a lint.
    assert result.failed(strict=True) is (RULES[path.name[:5]].severity is not Severity.NOTE)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem)
def test_pure_python_parser_gives_the_same_findings(path: Path) -> None:
    with_libyaml = load_plan(path, parser=yaml_parser({}))[1]  # libyaml's, where PyYAML has it
    assert load_plan(path, parser=yaml.SafeLoader)[1] == with_libyaml


def test_every_rule_has_a_file() -> None:
    covered = {path.name[:5] for path in CORPUS}
    assert sorted(set(RULES) - covered - set(ELSEWHERE)) == []
    assert sorted(covered - set(RULES)) == []  # no file for a code that no longer exists
    assert set(ELSEWHERE) <= set(RULES)


def test_unmapped_model_error_is_ap109() -> None:
    """A Pydantic error the loader has no wording for still becomes a positioned finding."""
    from actionplan.load import Positions, _finding_from_error

    positions = Positions("# a plan\nplan:\n  id: x\n")  # the value at line 3, column 7
    error = {"loc": ("plan", "id"), "type": "string_too_long", "msg": "String is too long"}
    assert _finding_from_error("p.yaml", positions, error) == Finding(
        "p.yaml", 3, 7, "AP109", "plan.id: String is too long"
    )
