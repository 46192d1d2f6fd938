"""The official YAML test suite through both YAML parsers: no traceback, every finding placed on
the text, and the same findings from libyaml and from pure Python.

The suite (yaml/yaml-test-suite's case files, MIT licence) is data kept beside the project, in
../shared/yaml-test-suite/ from the repository's root, or wherever ACTIONPLAN_YAML_SUITE points;
it is never copied into the project. Without it these tests are skipped, saying so. Each
`src/XXXX.yaml` there is a list of tests whose `yaml` is the input, written with visible
stand-ins for hard characters (`suite_text` turns them back); a later test in a file inherits
the keys it leaves out. A case is `XXXX` when its file holds one test, `XXXX/00`, `XXXX/01`… when
it holds more; tests marked `skip` are left out, as the suite's own tools leave them out.

Where the parsers still disagree, the case is in KNOWN_DIFFERENCES with the reason and both
answers exactly, so that a fix in either shows up as a failure here. `make fuzz` (which sets
ACTIONPLAN_FUZZ_EXAMPLES) also runs every case through every plan command, with each parser.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from actionplan.load import load_text
from actionplan.yaml.walk import PURE_YAML_VARIABLE

if TYPE_CHECKING:
    from conftest import RunCli

SUITE_VARIABLE = "ACTIONPLAN_YAML_SUITE"
SUITE = Path(
    os.environ.get(SUITE_VARIABLE)
    or Path(__file__).resolve().parents[2].parent / "shared" / "yaml-test-suite"
)
LIBYAML = getattr(yaml, "CSafeLoader", None)


@dataclass(frozen=True)
class SuiteCase:
    id: str
    name: str
    text: str


_TAB = re.compile("—*»")  # a tab, padded with dashes to where it reaches


def suite_text(written: str) -> str:
    """A case's input from the suite's notation: ␣ a space, » or —» a tab, ← a carriage return,
    ⇔ a byte-order mark, ↵ marks a line end to keep, a final ∎ means no final line break."""
    text = _TAB.sub("\t", written.replace("␣", " "))
    text = text.replace("←", "\r").replace("⇔", "\ufeff").replace("↵", "")
    return text.removesuffix("∎\n")


def suite_cases(suite: Path) -> list[SuiteCase]:
    """Every case of the suite at `suite` (its `src/*.yaml`), in file order."""
    cases: list[SuiteCase] = []
    for path in sorted((suite / "src").glob("*.yaml")):
        tests: list[dict[str, Any]] = yaml.load(
            path.read_text(encoding="utf-8"), Loader=LIBYAML or yaml.SafeLoader
        )
        inherited: dict[str, Any] = {}
        for number, test in enumerate(tests):
            inherited = {**inherited, **test}
            if inherited.get("skip"):
                continue
            case_id = path.stem if len(tests) == 1 else f"{path.stem}/{number:02d}"
            text = suite_text(inherited["yaml"])
            cases.append(SuiteCase(case_id, inherited["name"], text))
    return cases


CASES = suite_cases(SUITE) if (SUITE / "src").is_dir() else []
ABSENT = f"the YAML test suite is not at {SUITE} (set {SUITE_VARIABLE} to where it is)"
CASE_PARAMS = [pytest.param(case, id=case.id) for case in CASES] or [
    pytest.param(None, marks=pytest.mark.skip(reason=ABSENT), id="suite-absent")
]


def findings(case: SuiteCase, parser: Any) -> list[tuple[str, int, int, str]]:
    _plan, found = load_text(f"{case.id}.yaml", case.text.encode("utf-8"), parser=parser)
    return [(f.code, f.line, f.column, f.message) for f in found]


def placed(text: str, finding: tuple[str, int, int, str]) -> bool:
    """Whether the finding's line is one of the text's and its column on that line (or just
    after its end)."""
    _code, line, column, _message = finding
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines[-1] == "" and len(lines) > 1:
        lines.pop()  # the final line break ends the last line; no line follows it
    return 1 <= line <= len(lines) and 1 <= column <= len(lines[line - 1]) + 1


@dataclass(frozen=True)
class Difference:
    reason: str
    libyaml: list[tuple[str, int, int]]
    pure: list[tuple[str, int, int]]


KNOWN_DIFFERENCES = {
    "JR7V": Difference(
        "'a?string' in [brackets]: YAML allows a '?' inside plain text in a flow collection and "
        "libyaml reads it; PyYAML ends the text at the '?' and refuses it. Kept as it is: no "
        "plan author writes it, the commands that write plans quote such text, and "
        "test_hostile.py's test_the_switch_reaches_the_loader relies on this difference.",
        libyaml=[("AP004", 1, 1)],  # a list at the top, read in full
        pure=[("AP002", 4, 5)],  # the '?' of `- [a?string]`
    ),
}


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_case_loads_alike_with_both_parsers(case: SuiteCase) -> None:
    if LIBYAML is None:
        pytest.skip("PyYAML is built without libyaml: only the pure-Python parser to compare")
    with_libyaml, pure = findings(case, LIBYAML), findings(case, yaml.SafeLoader)
    unplaced = [f for f in with_libyaml + pure if not placed(case.text, f)]
    assert unplaced == []
    if case.id in KNOWN_DIFFERENCES:
        pinned = KNOWN_DIFFERENCES[case.id]
        assert [f[:3] for f in with_libyaml] == pinned.libyaml
        assert [f[:3] for f in pure] == pinned.pure
    else:
        assert pure == with_libyaml, case.name


@pytest.mark.skipif(not CASES, reason=ABSENT)
def test_suite_is_all_there() -> None:
    """The suite's 402 cases (commit ccfa74e56afb), and every pinned case among them."""
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)) == 402
    assert sorted(set(KNOWN_DIFFERENCES) - set(ids)) == []


FUZZ = bool(os.environ.get("ACTIONPLAN_FUZZ_EXAMPLES"))
COMMANDS = [
    ["lint"],
    ["status"],
    ["owners"],
    ["show", "1"],
    ["report"],
    ["cost-summary"],
    ["outcomes"],
    ["export"],
]


@pytest.mark.parametrize(
    "case",
    CASE_PARAMS
    if FUZZ
    else [pytest.param(None, marks=pytest.mark.skip(reason="make fuzz runs it"), id="fuzz")],
)
def test_case_through_every_command(
    case: SuiteCase, tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each command, with each parser, answers exit 0 or 1: never a traceback or a usage error."""
    path = tmp_path / "plan.yaml"
    path.write_bytes(case.text.encode("utf-8"))
    for pure in ("0", "1"):
        monkeypatch.setenv(PURE_YAML_VARIABLE, pure)
        for command in COMMANDS:
            result = run(*command, path)
            assert result.exit_code in (0, 1), (command, pure, result.stderr)
            assert "Traceback" not in result.stdout + result.stderr


def test_suite_text_reads_the_notation() -> None:
    assert suite_text("a:␣b\n—»c←↵\n⇔d∎\n") == "a: b\n\tc\r\n\ufeffd"
    assert suite_text("»x\n———»y\n") == "\tx\n\ty\n"


# The differences the suite found that were actionplan's to settle, in plans as an author writes
# them; these run whether or not the suite is there.

PLAN = """\
plan:
  id: suite
  title: Suite plan
  organisation: Testshire Council
  source: Written for the YAML suite tests
recommendations:
  - id: "1"
    title: Raise awareness
    actions:
      - id: "1.1"
        text: {text}
        target: 2020-02
"""


def both(text: str) -> list[tuple[str, int, int, str]]:
    """The findings for `text`, which both parsers must give."""
    raw = text.encode("utf-8")
    pure = [(f.code, f.line, f.column, f.message) for f in load_text("p.yaml", raw)[1]]
    if LIBYAML is not None:
        _plan, found = load_text("p.yaml", raw, parser=LIBYAML)
        assert [(f.code, f.line, f.column, f.message) for f in found] == pure
    return pure


def test_block_text_whose_first_line_starts_with_a_tab_is_text() -> None:
    """libyaml refused it (96NN, R4YG, Y79Y/01): now read on with PyYAML, which reads it."""
    text = PLAN.format(text="|\n          \tIndented with a tab\n          then a space")
    assert both(text) == []
    plan, _found = load_text("p.yaml", text.encode(), parser=LIBYAML or yaml.SafeLoader)
    assert plan is not None
    action = plan.plan.recommendations[0].actions[0]
    assert action.text == "\tIndented with a tab\nthen a space\n"


def test_a_comment_straight_after_a_block_header_is_refused() -> None:
    """`>#`: YAML wants a space before the comment (X4QW); libyaml read on."""
    message = "after '|' or '>' only '-', '+' or a digit may follow on the same line"
    assert both(PLAN.format(text=">#\n          Plan the campaign")) == [
        ("AP002", 11, 16, f"YAML syntax error: {message}")
    ]


def test_a_yaml_version_run_into_a_comment_is_refused() -> None:
    """`%YAML 1.1#…` (MUS6/00): libyaml read the version and ignored the rest."""
    message = "'%' at the start of a line begins a YAML directive: put the text in quotes"
    assert both("%YAML 1.1#...\n---\n" + PLAN.format(text="Plan")) == [
        ("AP002", 1, 10, f"YAML syntax error: {message}")
    ]


@pytest.mark.parametrize("written", [" [!!str, Other]", "\n          - !!str, Other"])
def test_a_comma_straight_after_a_tag_is_refused(written: str) -> None:
    """`!!str,` (U99R, WZ62): PyYAML read the comma as part of the tag, libyaml did not."""
    text = PLAN.replace("text: {text}", "text: Plan\n        owners:" + written)
    line = next(n for n, written in enumerate(text.splitlines(), 1) if "!!str," in written)
    column = text.splitlines()[line - 1].index(",") + 1
    message = "YAML syntax error: '!' begins a YAML tag: put text that begins with '!' in quotes"
    assert both(text) == [("AP002", line, column, message)]


def test_an_empty_key_in_braces_is_placed_after_its_question_mark() -> None:
    """`{? }` with the '}' on the next line (DFF7): libyaml placed the empty key at the '}'."""
    text = PLAN.replace(
        '- id: "1.1"\n        text: {text}\n        target: 2020-02\n',
        '- {id: "1.1", text: Plan, target: 2020-02,\n        ?\n        }\n',
    )
    assert [f[:3] for f in both(text)] == [("AP101", 11, 10)]
