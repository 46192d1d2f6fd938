"""Broken and hostile plan files: a named finding at its line and exit 1, never a traceback.

Each case runs the real command line in-process (a traceback would fail the test, as the
runner does not catch exceptions). How long the huge cases take is measured by `make bench`,
not asserted here.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pytest
import yaml
from yaml.scanner import ScannerError

import actionplan.load
from actionplan.load import load_decoded, load_plan, load_text, yaml_parser
from conftest import DATA, ROOT

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from conftest import RunCli

PLAN = """\
plan:
  id: hostile
  title: Hostile plan
  organisation: Testshire Council
  source: Written for the hostile tests
recommendations:
  - id: "1"
    title: Raise awareness
    actions:
      - id: "1.1"
        text: Plan the campaign
        target: 2020-02
    costs:
      - label: Workshops
        amount: 41567.20
"""


def lint(run: RunCli, path: Path, *args: str) -> tuple[int, list[str], list[str]]:
    result = run("lint", path, *args)
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def write_bytes(tmp_path: Path, raw: bytes, name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(raw)
    return path


# The switch a user has: ACTIONPLAN_PURE_YAML=1 reads with PyYAML's pure-Python parser; without
# it (or with 0) the loader uses libyaml's, where PyYAML has it.
BOTH_PARSERS = pytest.mark.parametrize("pure", ["0", "1"], ids=["libyaml", "python"])


# --- Bad input: one finding at its line, exit 1 -------------------------------------------


def test_invalid_yaml_names_the_position(run: RunCli, tmp_path: Path) -> None:
    path = write_bytes(tmp_path, PLAN.replace("title: Raise awareness", "title: [Raise").encode())
    assert lint(run, path) == (
        1,
        [
            f"{path}:8:12: error AP002 YAML syntax error: a list in [brackets] is not closed "
            "with ']', or its items are not separated by commas",
            "1 file checked: 1 error, 0 warnings",
        ],
        [],
    )


@pytest.mark.parametrize(
    ("raw", "finding"),
    [
        (
            b"",
            "1:1: error AP003 the file is empty: a plan file starts with a 'plan:' block "
            "(see 'actionplan new')",
        ),
        (
            b"# plan: to be written\n\n# by the DSA Chair\n",
            "1:1: error AP003 the file holds only comments: a plan file starts with a 'plan:' "
            "block (see 'actionplan new')",
        ),
        (
            b"- plan\n- recommendations\n",
            "1:1: error AP004 the top level is a list, not a mapping: a plan file starts with "
            "'plan:' followed by 'recommendations:'",
        ),
        (
            b"Reducing domestic abuse\n",
            "1:1: error AP004 the top level is 'Reducing domestic abuse', not a mapping: a plan "
            "file starts with 'plan:' followed by 'recommendations:'",
        ),
        (
            b"plan:\n  id: x\n\ttitle: T\n",
            "3:1: error AP011 tab character used for indentation: YAML indents with spaces only; "
            "replace the tab with spaces",
        ),
        (
            b"plan:\n  id: x\n  title:\tT\n",
            "3:9: error AP011 tab character outside quotes: YAML allows tabs only inside quoted "
            "text; replace it with spaces or put the text in quotes",
        ),
    ],
    ids=["empty", "comments-only", "top-level-list", "top-level-text", "tab", "tab-after-colon"],
)
def test_files_that_are_not_a_plan(run: RunCli, tmp_path: Path, raw: bytes, finding: str) -> None:
    path = write_bytes(tmp_path, raw)
    assert lint(run, path) == (
        1,
        [f"{path}:{finding}", "1 file checked: 1 error, 0 warnings"],
        [],
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-BOM", "BOM"])
def test_bom_and_windows_line_endings_simply_work(
    run: RunCli, tmp_path: Path, bom: bytes, newline: str
) -> None:
    path = write_bytes(tmp_path, bom + PLAN.replace("\n", newline).encode())
    assert lint(run, path) == (0, ["1 file checked: no problems"], [])
    broken = PLAN.replace("        text: Plan", "        txt: Plan").replace("\n", newline)
    path = write_bytes(tmp_path, bom + broken.encode())
    assert lint(run, path)[:2] == (
        1,
        [
            f"{path}:10:9: error AP102 recommendations[0].actions[0] has no 'text': add it (it "
            "is required)",
            f"{path}:11:9: error AP101 unknown key 'txt' in recommendations[0].actions[0]: "
            "did you mean 'text'?",
            "1 file checked: 2 errors, 0 warnings",
        ],
    )


def test_a_duplicate_key_at_any_depth_is_an_error_not_lost_data(
    run: RunCli, tmp_path: Path
) -> None:
    text = PLAN.replace(
        "        amount: 41567.20\n", "        amount: 41567.20\n        amount: 5\n"
    )
    path = write_bytes(
        tmp_path, text.replace("  id: hostile\n", "  id: hostile\n  id: again\n").encode()
    )
    assert lint(run, path)[:2] == (
        1,
        [
            f"{path}:3:3: error AP005 duplicate key 'id' (first at line 2): YAML would keep only "
            "one of them; merge them or rename one",
            f"{path}:17:9: error AP005 duplicate key 'amount' (first at line 16): YAML would keep "
            "only one of them; merge them or rename one",
            "1 file checked: 2 errors, 0 warnings",
        ],
    )


@BOTH_PARSERS
def test_python_tags_are_refused_and_nothing_runs(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pure: str
) -> None:
    monkeypatch.setenv("ACTIONPLAN_PURE_YAML", pure)
    pwned = tmp_path / "pwned"
    path = write_bytes(
        tmp_path,
        f'plan: !!python/object/apply:os.system ["touch {pwned}"]\n'.encode(),
    )
    assert lint(run, path)[:2] == (
        1,
        [
            f"{path}:1:7: error AP006 tag '!!python/object/apply:os.system' refused: plan files "
            "hold plain data only; remove the tag (nothing was executed)",
            "1 file checked: 1 error, 0 warnings",
        ],
    )
    assert not pwned.exists()


def _billion_laughs() -> bytes:
    lines = ['a0: &a0 "lol"']
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


DEEP = (
    "nesting deeper than 64 levels: a plan file never needs this; check for runaway brackets "
    "or indentation"
)
HUGE = {
    "billion-laughs": (
        _billion_laughs(),
        "2:10: error AP007 alias '*a0' refused: anchors and aliases are not allowed in plan "
        "files; write the value out in full",
    ),
    "flow-sequence-10000": (
        b"plan: " + b"[" * 10000 + b"]" * 10000 + b"\n",
        f"1:70: error AP008 {DEEP}",
    ),
    "flow-mapping-10000": (
        b"plan: " + b"{a: " * 10000 + b"}" * 10000 + b"\n",
        f"1:259: error AP008 {DEEP}",
    ),
    "block-sequence-10000": (b"plan:\n  " + b"- " * 10000 + b"x\n", f"2:129: error AP008 {DEEP}"),
    "block-mapping-100": (
        b"".join(b"  " * i + b"k%d:\n" % i for i in range(100)),
        f"65:129: error AP008 {DEEP}",
    ),
}


@BOTH_PARSERS
@pytest.mark.parametrize("case", HUGE, ids=list(HUGE))
def test_alias_bombs_and_deep_nesting_stop_at_once(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pure: str, case: str
) -> None:
    monkeypatch.setenv("ACTIONPLAN_PURE_YAML", pure)
    raw, finding = HUGE[case]
    path = write_bytes(tmp_path, raw)
    assert lint(run, path) == (
        1,
        [f"{path}:{finding}", "1 file checked: 1 error, 0 warnings"],
        [],
    )


class LimitedParser(yaml.SafeLoader):
    """PyYAML's pure-Python parser with a nesting limit of its own, in brackets and in
    indentation, as libyaml has had since PyYAML 6.0.4 (1,000 levels): so the loader's answer
    to it is tested whatever PyYAML is installed."""

    limit = 1000

    def fetch_flow_collection_start(self, TokenClass: Any) -> None:
        if self.flow_level >= self.limit:
            mark = self.get_mark()
            raise ScannerError(
                "while increasing flow level", mark, "exceeded maximum nesting depth", mark
            )
        super().fetch_flow_collection_start(TokenClass)

    def add_indent(self, column: int) -> bool:
        if self.indent < column and len(self.indents) >= self.limit:
            mark = self.get_mark()
            raise ScannerError(
                "while increasing block level", mark, "exceeded maximum nesting depth", mark
            )
        return bool(super().add_indent(column))


DEEPER = {
    **{name: raw for name, (raw, _finding) in HUGE.items()},
    **{path.stem: path.read_bytes() for path in sorted(DATA.glob("AP008-*.yaml"))},
    # What stops a parser that has no limit before our 64 levels still stops it first.
    "alias-inside": b"plan: " + b"[" * 30 + b"*a, " + b"[" * 10000 + b"]" * 10000 + b"\n",
    "tab-before": b"plan:\n  id:\tx\n  t: " + b"[" * 10000 + b"]" * 10000 + b"\n",
    "key-without-colon": PLAN.replace("  title: Hostile plan", "  " + "[" * 9000).encode(),
    "after-a-long-line": b"plan: [" + b"[]," * 400 + b"[" * 1000 + b"]" * 1000 + b"]\n",
}
DEEPER_CODES = {"billion-laughs": "AP007", "alias-inside": "AP007", "tab-before": "AP011"}
DEEPER_CODES["key-without-colon"] = "AP002"  # a line of 9,000 '[' where a key should be


@pytest.mark.parametrize("case", DEEPER, ids=list(DEEPER))
def test_a_parser_nesting_limit_of_its_own_changes_no_finding(case: str) -> None:
    """On a line of brackets a parser looks up to 1,024 characters ahead before it hands any
    of them over (each could start a key), so libyaml's own limit of 1,000 levels is met before
    our 64: the findings are those of a parser without a limit all the same."""
    unlimited = load_text("p.yaml", DEEPER[case], parser=yaml.SafeLoader)[1]
    assert [f.code for f in unlimited] == [DEEPER_CODES.get(case, "AP008")]
    assert load_text("p.yaml", DEEPER[case], parser=LimitedParser)[1] == unlimited
    assert load_text("p.yaml", DEEPER[case], parser=yaml_parser({}))[1] == unlimited


def test_a_parser_limit_below_ours_is_still_ap008_where_it_stopped() -> None:
    class ShallowParser(LimitedParser):
        limit = 10

    raw = b"plan: " + b"[" * 20 + b"]" * 20 + b"\n"
    assert [str(f) for f in load_text("p.yaml", raw, parser=ShallowParser)[1]] == [
        "p.yaml:1:17: error AP008 nesting deeper than the YAML parser allows: a plan file never "
        "needs this; check for runaway brackets or indentation"
    ]


LONG_KEY = (
    "the text before this line's ':' is longer than 1,024 characters, the most YAML reads as a "
    "key: if it is text, put all of it in quotes; keys are short names such as 'title'"
)
DIRECTIVE = "'%' at the start of a line begins a YAML directive: put the text in quotes"
# Faults whose finding once held the parser's own words, which differ between the two parsers
# (or came from a limit of the parser's, or one of them read the file and the other did not).
OUR_WORDS = {
    "dashes-inside-quotes": (
        PLAN.replace("title: Hostile plan", 'title: "Hostile\n---\nplan"'),
        "4:1: error AP002 YAML syntax error: inside the quotes this line starts with '---' or "
        "'...', which YAML reads as the end of the document: indent the line, or write the text "
        "as a block ('|')",
    ),
    "colon-then-comma-in-brackets": (  # libyaml refused it; PyYAML read a key 'DSA Chair'
        PLAN.replace("target: 2020-02", "owners: [DSA Chair:, Police]"),
        "12:27: error AP002 YAML syntax error: a ':' directly followed by ',' or a bracket "
        "inside [brackets] or {braces}: put a space after the ':', or put the text in quotes",
    ),
    "yaml-version-1.3": (  # libyaml refused it; PyYAML read it as YAML 1.1
        "%YAML 1.3\n---\n" + PLAN,
        "1:1: error AP002 YAML syntax error: this '%YAML' line names a YAML version other than "
        "1.1 or 1.2: delete the line (a plan file needs none)",
    ),
    "unknown-directive": (
        "%PLAN v2\n---\n" + PLAN,
        f"1:6: error AP002 YAML syntax error: {DIRECTIVE}",
    ),
    "second-tag-directive": (
        "%TAG !a! tag:a,2000:\n%TAG !a! tag:b,2000:\n---\n" + PLAN,
        f"2:1: error AP002 YAML syntax error: {DIRECTIVE}",
    ),
    "key-longer-than-1024": (  # was: "this line has no ':' after its key"
        PLAN.replace("  source: Written", "  " + "source " * 150 + ": Written"),
        f"5:3: error AP002 YAML syntax error: {LONG_KEY}",
    ),
    "list-item-longer-than-1024": (  # was: "a ':' where YAML does not expect one"
        PLAN.replace(
            "        target: 2020-02", "        notes:\n          - " + "word " * 210 + ": x"
        ),
        f"13:13: error AP002 YAML syntax error: {LONG_KEY}",
    ),
}


@BOTH_PARSERS
@pytest.mark.parametrize("case", OUR_WORDS, ids=list(OUR_WORDS))
def test_what_a_parser_refuses_is_said_in_our_words_by_both(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pure: str, case: str
) -> None:
    monkeypatch.setenv("ACTIONPLAN_PURE_YAML", pure)
    text, finding = OUR_WORDS[case]
    path = write_bytes(tmp_path, text.encode())
    assert lint(run, path) == (1, [f"{path}:{finding}", "1 file checked: 1 error, 0 warnings"], [])


@pytest.mark.parametrize("parser", [yaml_parser({}), yaml.SafeLoader], ids=["libyaml", "python"])
def test_control_characters_in_text_given_directly_are_ap001_not_the_parser_words(
    parser: type[Any],
) -> None:
    """load_decoded is given text that did not come through decode(): the parser's reader
    refused the NUL in words of its own, one wording per parser."""
    text = PLAN.replace("Hostile plan", "Hostile\x00plan")
    assert [str(f) for f in load_decoded("p.yaml", text, parser=parser)[1]] == [
        "p.yaml:3:17: error AP001 control character U+0000 at offset 36: a plan file is text; "
        "delete it (or is this a binary file?)"
    ]


def _lint_in_a_new_process(pure: str, *paths: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "actionplan", "lint", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "ACTIONPLAN_PURE_YAML": pure},
        timeout=120,
    )
    return done.stdout.splitlines()


def test_the_pure_python_switch_gives_the_same_findings_in_a_new_process(tmp_path: Path) -> None:
    """ACTIONPLAN_PURE_YAML=1 set as a user sets it, on every broken and hostile file of
    tests/data (AP001 to AP012) and the deep and huge ones above."""
    for name, (raw, _finding) in HUGE.items():
        write_bytes(tmp_path, raw, f"{name}.yaml")
    for name, (text, _finding) in OUR_WORDS.items():
        write_bytes(tmp_path, text.encode(), f"{name}.yaml")
    files = [*sorted(DATA.glob("AP0[01]*.yaml")), tmp_path]
    with_libyaml = _lint_in_a_new_process("0", *files)
    assert _lint_in_a_new_process("1", *files) == with_libyaml
    codes = {line.split(" error ")[1][:5] for line in with_libyaml if " error " in line}
    assert codes == {f"AP0{n:02d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12)}


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_the_switch_reaches_the_loader(tmp_path: Path) -> None:
    """A '?' in plain text in brackets: PyYAML refuses it and libyaml reads it, one of the
    differences left (docs/robustness.md), so the switch shows in the findings."""
    path = write_bytes(
        tmp_path, PLAN.replace("target: 2020-02", "owners: [DSA Chair ?TBC]").encode()
    )
    assert _lint_in_a_new_process("0", path) == ["1 file checked: no problems"]
    assert _lint_in_a_new_process("1", path) == [
        f"{path}:12:28: error AP002 YAML syntax error: a '?' inside [brackets] or {{braces}}: put "
        "the text in quotes",
        "1 file checked: 1 error, 0 warnings",
    ]


NUMBERS = PLAN.replace(
    "        target: 2020-02\n", "        target: 2020-13\n        completed: 2020-02-30\n"
).replace(
    "        amount: 41567.20\n",
    "        amount: " + "9" * 5000 + "\n"
    "      - {label: a, amount: 41567.205}\n"
    "      - {label: b, amount: .nan}\n"
    "      - {label: c, amount: -.inf}\n"
    "      - {label: d, amount: -5}\n"
    "      - {label: e, amount: 5000, units: {quantity: " + "9" * 5000 + ", unit: d, rate: 1}}\n",
)


def test_numbers_and_dates_that_are_not_what_they_seem(run: RunCli, tmp_path: Path) -> None:
    path = write_bytes(tmp_path, NUMBERS.encode())
    amount = (
        "is not an amount: write pounds and pence as digits, e.g. 5000 or 41567.20 (no minus "
        "sign, at most two decimal places)"
    )
    costs = "recommendations[0].costs"
    assert lint(run, path)[:2] == (
        1,
        [
            f"{path}:12:17: error AP105 recommendations[0].actions[0].target: '2020-13' is not a "
            "real month: the month must be 01 to 12",
            f"{path}:13:20: error AP104 recommendations[0].actions[0].completed: '2020-02-30' is "
            "not a real calendar date: check the month and day",
            f"{path}:16:17: error AP106 {costs}[0].amount: amount with 5000 digits is too large "
            "(at most 15 digits before pence)",
            f"{path}:17:28: error AP106 {costs}[1].amount: '41567.205' {amount}",
            f"{path}:18:28: error AP106 {costs}[2].amount: '.nan' {amount}",
            f"{path}:19:28: error AP106 {costs}[3].amount: '-.inf' {amount}",
            f"{path}:20:28: error AP106 {costs}[4].amount: '-5' {amount}",
            f"{path}:21:52: error AP110 {costs}[5].units.quantity: number '{'9' * 39}…' is too "
            "long: write at most 15 digits before and after the decimal point",
            "1 file checked: 8 errors, 0 warnings",
        ],
    )


@pytest.mark.parametrize(
    ("raw", "finding"),
    [
        (
            PLAN.replace("Testshire", "Testshire £5").encode("latin-1"),
            "4:27: error AP001 byte 0xa3 at offset 68 is not UTF-8: save the file as UTF-8 (a "
            "Latin-1 '£' is a common cause)",
        ),
        (
            bytes(range(256)) * 8,
            "2:118: error AP001 byte 0x80 at offset 128 is not UTF-8: save the file as UTF-8 (a "
            "Latin-1 '£' is a common cause)",
        ),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "1:1: error AP001 byte 0x89 at offset 0 is not UTF-8: save the file as UTF-8 (a "
            "Latin-1 '£' is a common cause)",
        ),
        (
            PLAN.encode("utf-16"),
            "1:1: error AP001 the file is saved as UTF-16 (Notepad calls it 'Unicode'): save it "
            "as UTF-8",
        ),
        (
            PLAN.replace("Hostile plan", "Hostile\x00plan").encode(),
            "3:17: error AP001 control character U+0000 at offset 36: a plan file is text; "
            "delete it (or is this a binary file?)",
        ),
    ],
    ids=["latin-1-pound", "binary", "png-renamed", "utf-16", "nul"],
)
def test_bytes_that_are_not_utf8_text(
    run: RunCli, tmp_path: Path, raw: bytes, finding: str
) -> None:
    path = write_bytes(tmp_path, raw)
    assert lint(run, path) == (1, [f"{path}:{finding}", "1 file checked: 1 error, 0 warnings"], [])


def test_escapes_cannot_smuggle_terminal_control_codes(run: RunCli, tmp_path: Path) -> None:
    path = write_bytes(tmp_path, PLAN.replace("Hostile plan", '"\\e[2J\\e[31mHostile"').encode())
    assert lint(run, path)[1][0] == (
        f"{path}:3:10: error AP002 YAML syntax error: in double quotes a backslash starts an "
        "escape such as \\n: use single quotes for text with a backslash in it"
    )


def test_plan_text_is_never_read_as_rich_markup(run: RunCli, tmp_path: Path) -> None:
    text = PLAN.replace("Raise awareness", "'[/] Raise [bold]awareness[/bold]'")
    path = write_bytes(tmp_path, text.encode())
    result = run("status", path, "--as-of", "2020-03-01")
    assert result.exit_code == 0
    assert (
        "Recommendation 1: [/] Raise [bold]awareness[/bold] — 0 of 1 action done, worst RED"
        in result.stdout.splitlines()
    )


# --- Directories ---------------------------------------------------------------------------


def test_a_directory_of_hostile_entries_is_linted_around_them(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "good.yaml").write_text(PLAN.replace("text: Plan", "txt: Plan"), encoding="utf-8")
    (plans / "x.yaml").mkdir()  # a directory named like a plan: searched, not read
    (plans / "x.yaml" / "inner.yaml").write_text(PLAN, encoding="utf-8")
    (plans / "loop").symlink_to(plans)  # a symlink loop back to the top
    (plans / "dangling.yaml").symlink_to(plans / "missing.yaml")
    (plans / "self.yaml").symlink_to(plans / "self.yaml")  # ELOOP when opened
    (plans / "README.md").write_text("# Plans\n", encoding="utf-8")
    (plans / "locked.yaml").write_text(PLAN, encoding="utf-8")
    os.mkfifo(plans / "pipe.yaml")  # reading it would block forever
    (plans / "private").mkdir()
    (plans / "private" / "hidden.yaml").write_text(PLAN, encoding="utf-8")

    # This machine runs tests as root, which chmod 000 does not stop: refuse the reads instead.
    real_open, real_iterdir = os.open, Path.iterdir

    def refusing_open(path: str | os.PathLike[str], flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == "locked.yaml":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    def refusing_iterdir(self: Path) -> Iterator[Path]:
        if self.name == "private":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(os, "open", refusing_open)
    monkeypatch.setattr(Path, "iterdir", refusing_iterdir)
    assert lint(run, plans) == (
        1,
        [
            f"{plans}/dangling.yaml:1:1: error AP010 a symbolic link to '{plans}/missing.yaml', "
            "which does not exist: correct or remove the link",
            f"{plans}/good.yaml:10:9: error AP102 recommendations[0].actions[0] has no 'text': "
            "add it (it is required)",
            f"{plans}/good.yaml:11:9: error AP101 unknown key 'txt' in "
            "recommendations[0].actions[0]: did you mean 'text'?",
            f"{plans}/locked.yaml:1:1: error AP010 permission denied: ask for read access to the "
            "file, or move it out of the way",
            f"{plans}/pipe.yaml:1:1: error AP010 a named pipe (FIFO), not a plan file: remove it "
            "or give the path of a .yaml file",
            f"{plans}/private:1:1: error AP010 cannot read the directory: Permission denied",
            f"{plans}/self.yaml:1:1: error AP010 a symbolic link that loops back on itself: "
            "correct or remove the link",
            "6 files checked: 7 errors, 0 warnings",
        ],
        [
            f"{plans}/README.md: skipped: not a plan file (only *.yaml and *.yml)",
            f"{plans}/loop: skipped: symlink loop back to {plans}",
            f"{plans}/x.yaml: a directory, not a plan file: searched it for plan files",
        ],
    )


def test_a_fifo_named_on_the_command_line_does_not_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    answers: list[tuple[object, Sequence[object]]] = []
    worker = threading.Thread(target=lambda: answers.append(load_plan(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), "reading a FIFO blocked"
    assert [str(f) for f in answers[0][1]] == [
        f"{fifo}:1:1: error AP010 a named pipe (FIFO), not a plan file: remove it or give the "
        "path of a .yaml file"
    ]


def test_a_file_too_large_to_be_a_plan_is_not_read_into_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(actionplan.load, "MAX_FILE_BYTES", 1024 * 1024)
    path = write_bytes(tmp_path, b"# " + b"x" * (1024 * 1024))
    assert [str(f) for f in load_plan(path)[1]] == [
        f"{path}:1:1: error AP010 the file is larger than 1 MB, far more than any plan: check it "
        "is the right file, or split the plan"
    ]


def test_the_same_directory_twice_is_searched_once(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "2020").mkdir()
    (tmp_path / "2020" / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "current").symlink_to(tmp_path / "2020")
    assert lint(run, tmp_path) == (
        0,
        ["1 file checked: no problems"],
        [f"{tmp_path}/current: skipped: the same directory as {tmp_path}/2020, already searched"],
    )


# --- Every command, both parsers -----------------------------------------------------------

REPORTS = [
    ("status", "--as-of", "2020-03-01"),
    ("show", "1.1", "--as-of", "2020-03-01"),
    ("owners", "--as-of", "2020-03-01"),
    ("cost-summary",),
    ("outcomes", "--as-of", "2020-03-01"),
    ("report", "--as-of", "2020-03-01"),
]


@pytest.mark.parametrize("command", REPORTS, ids=[c[0] for c in REPORTS])
def test_report_commands_refuse_a_hostile_file_with_its_finding(
    run: RunCli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    path = write_bytes(tmp_path, _billion_laughs())
    result = run(*command, path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{path}:2:10: error AP007 alias '*a0' refused: anchors and aliases are not allowed in "
        "plan files; write the value out in full"
    )


PARITY = {
    "bom-crlf": b"\xef\xbb\xbf" + PLAN.replace("\n", "\r\n").encode(),
    "cr-only": PLAN.replace("\n", "\r").replace("title: Raise", "title: 'Raise").encode(),
    "tab-in-text": PLAN.replace("Plan the campaign", "Plan\tthe campaign").encode(),
    "tab-in-quotes": PLAN.replace("Plan the campaign", "'Plan\tthe campaign'").encode(),
    "tab-in-comment": PLAN.replace("2020-02\n", "2020-02  # due\tend of month\n").encode(),
    "no-final-newline": PLAN.replace("41567.20\n", "[41567.20").encode(),
    "line-separator": PLAN.replace("Plan the", "Plan\u2028the").encode(),
    "surrogate-escape": PLAN.replace("Plan the campaign", '"Plan \\udcff"').encode(),
    **{name: raw for name, (raw, _finding) in HUGE.items()},
}


@pytest.mark.parametrize("case", PARITY, ids=list(PARITY))
def test_libyaml_and_pure_python_parsers_agree(case: str) -> None:
    with_libyaml = load_text("p.yaml", PARITY[case], parser=yaml_parser({}))[1]
    assert load_text("p.yaml", PARITY[case], parser=yaml.SafeLoader)[1] == with_libyaml


def test_only_ascii_digits_are_read_as_dates(run: RunCli, tmp_path: Path) -> None:
    path = write_bytes(tmp_path, PLAN.replace("target: 2020-02", "target: ٢٠٢٠-٠٢").encode())
    assert lint(run, path)[1][0] == (
        f"{path}:12:17: error AP105 recommendations[0].actions[0].target: '٢٠٢٠-٠٢' is not a "
        "target: write a day (2020-02-14), a month (2020-02), a list of them for recurring "
        "milestones, 'ongoing' or 'dependent'"
    )


def test_a_device_is_never_read() -> None:
    assert [str(f) for f in load_plan("/dev/zero")[1]] == [
        "/dev/zero:1:1: error AP010 a device or socket, not a plan file: remove it or give the "
        "path of a .yaml file"
    ]


def test_numbers_handed_to_the_model_directly_are_bounded_too() -> None:
    """Python objects, not YAML text: an int Python cannot print, a Decimal of 31 digits."""
    from decimal import Decimal

    from pydantic import ValidationError

    from actionplan.model.plan import CostLine, UnitBreakdown

    with pytest.raises(ValidationError) as error:
        UnitBreakdown.model_validate({"quantity": 10**5000, "unit": "d", "rate": "5"})
    assert [(e["type"], e["msg"]) for e in error.value.errors()] == [
        ("AP110", "a number of thousands of digits: no plan value is that long")
    ]
    with pytest.raises(ValidationError) as error:
        CostLine.model_validate({"label": "l", "amount": Decimal("1E+30")})
    assert [(e["type"], e["msg"]) for e in error.value.errors()] == [
        ("AP106", "amount 1e+30 is too large (at most 15 digits before pence)")
    ]


def test_the_largest_quantity_times_the_largest_rate_does_not_overflow(
    run: RunCli, tmp_path: Path
) -> None:
    costs = (
        "      - label: Everything\n        amount: 5\n"
        "        units: {quantity: 999999999999999.999999999999999, unit: day, "
        "rate: 999999999999999.99}\n"
    )
    path = write_bytes(
        tmp_path,
        PLAN.replace("      - label: Workshops\n        amount: 41567.20\n", costs).encode(),
    )
    assert lint(run, path)[1][0] == (
        f"{path}:16:16: error AP203 unit breakdown 999999999999999.999999999999999 day × "
        "£999,999,999,999,999.99 = £999,999,999,999,999,989,999,999,999,999, but the amount is "
        "£5: correct one of them"
    )


# --- Output that cannot be written ------------------------------------------------------------


def _actionplan(*args: str, stdout: int | IO[Any]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actionplan", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full (Linux)")
def test_a_full_disk_is_a_message_not_a_traceback() -> None:
    with open("/dev/full", "w") as full:
        done = _actionplan("status", "--as-of", "2020-03-01", "-f", "csv", stdout=full)
    assert (done.returncode, done.stderr) == (
        1,
        "Error: cannot write the output: No space left on device\n",
    )


def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "actionplan", "status", "--as-of", "2020-03-01", "-f", "csv"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # `| head -0`: gone before anything is written
    stderr = process.stderr.read()
    assert (process.wait(timeout=60), stderr) == (1, b"")


def test_an_unwritable_step_summary_is_a_note_and_lint_still_reports(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing" / "summary.md"))
    # The bundled Southampton plan without its ignore comment: AP204 is reported again.
    plan = tmp_path / "southampton.yaml"
    text = (ROOT / "plans" / "southampton-domestic-abuse-2019.yaml").read_text(encoding="utf-8")
    plan.write_text(text.replace("  # actionplan: ignore[AP204]", "  # was:"), encoding="utf-8")
    result = run("lint", plan, "--format", "github")
    assert result.exit_code == 0  # the AP204 warning does not fail the run
    assert result.stdout.startswith("::warning file=")
    assert result.stderr == (
        "note: cannot add the summary table to GITHUB_STEP_SUMMARY "
        f"({tmp_path / 'missing' / 'summary.md'}): No such file or directory; the findings "
        "above are complete\n"
    )
