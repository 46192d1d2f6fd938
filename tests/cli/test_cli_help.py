"""Every command has --help with an example, in a person's words (no Python type names), and a
bad option value is said as a sentence; the package runs as `python -m actionplan`."""

from __future__ import annotations

import itertools
import json
import re
import shlex
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, cast

import pytest
import typer

from actionplan import __version__
from conftest import DATA, ROOT

if TYPE_CHECKING:
    from collections.abc import Callable

    from actionplan.cli.app import app  # the Typer app, as `actionplan.cli.__getattr__` returns it
    from conftest import RunCli
else:
    from actionplan.cli import app

GROUP = cast(typer.core.TyperGroup, typer.main.get_command(app))
COMMANDS = dict(GROUP.commands)  # discovered from the app
SCREENS = [(), *((name,) for name in COMMANDS)]  # `actionplan --help` and each command's

# What help must never show: a metavar in angle brackets (Typer's `<bool>`, `<list[Path]>`) or
# a Python type name as a word of its own.
ANGLE_METAVAR = re.compile(r"<[\w\[\]|,. -]+>")
TYPE_NAME = re.compile(r"\b(bool|str|int|float|Path|Optional|datetime|Decimal)\b|list\[")
# What a value may be called in the help's middle column: a word in capitals (FILE, DAYS),
# COLUMN=FIELD, or YYYY-MM-DD; a range after it in words.
VALUE_WORD = re.compile(r"(YYYY-MM-DD|[A-Z][A-Z_]*(=[A-Z]+)?)( \[\d+ (or more|or less|to \d+)\])?")
# Pydantic's and Click's words that must not reach a person (Click's "Invalid value for" may).
RAW = ("Value error", "Input should be", "validation error", "type=", "pydantic")


def command_names() -> list[str]:
    return sorted(
        c.name or cast("Callable[..., object]", c.callback).__name__.replace("_", "-")
        for c in app.registered_commands
    )


def options_of(name: str) -> list[typer.core.TyperOption]:
    command = COMMANDS[name]
    ctx = command.make_context(name, [], resilient_parsing=True)
    return [p for p in command.get_params(ctx) if isinstance(p, typer.core.TyperOption)]


def help_of(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, screen: tuple[str, ...], columns: int
) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    result = run(*screen, "--help")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def rows(text: str) -> dict[str, list[str]]:
    """The rows of the Arguments and Options panels of a help screen, as their columns, by the
    row's first name: `{"--soon": ["DAYS [0 or more]", "AMBER when …"], "PATH": [...]}`.
    A value column that is empty (a flag) is left out, so a flag's row holds its help alone."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line.startswith("│ "):
            continue
        cells = [c for c in re.split(r"\s{2,}", line.strip("│ ")) if c and c != "*"]
        if cells and (cells[0].startswith("--") or re.fullmatch(r"[A-Z][A-Z_]*", cells[0])):
            rest = [c for c in cells[1:] if not re.fullmatch(r"--?[\w-]+", c)]
            found[cells[0]] = rest
    return found


def test_there_are_commands() -> None:
    assert {"lint", "schema"} <= set(command_names())
    assert set(COMMANDS) == set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_an_example(run: RunCli, name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout, f"'actionplan {name} --help' shows no example"


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: " ".join(s) or "actionplan")
def test_help_shows_no_type_names(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, screen: tuple[str, ...], columns: int
) -> None:
    text = help_of(run, monkeypatch, screen, columns)
    assert ANGLE_METAVAR.findall(text) == []
    assert [m[0] for m in TYPE_NAME.finditer(text)] == []


@pytest.mark.parametrize("name", command_names())
def test_every_value_is_named_in_words_and_a_flag_by_nothing(name: str) -> None:
    command = COMMANDS[name]
    ctx = command.make_context(name, [], resilient_parsing=True)
    for each in command.get_params(ctx):
        param = cast("typer.core.TyperArgument | typer.core.TyperOption", each)
        shown = param.display_type_rich(ctx)  # the help's middle column, on every screen
        if isinstance(param, typer.core.TyperArgument):
            assert shown is None, param.name
            assert re.fullmatch(r"[A-Z][A-Z_]*", param.metavar or ""), param.name
        elif param.is_flag:
            assert shown is None, param.opts
        else:
            assert shown is not None and VALUE_WORD.fullmatch(shown), (param.opts, shown)


@pytest.mark.parametrize("name", command_names())
def test_a_choice_option_lists_its_choices_in_its_help(name: str) -> None:
    for option in options_of(name):
        choices = option.type_descriptor.choices
        if choices is None or option.is_flag:
            continue
        for choice in choices:
            value = choice.value if isinstance(choice, Enum) else str(choice)
            assert re.search(rf"\b{re.escape(value)}\b", option.help or ""), (option.opts, value)


@pytest.mark.parametrize(
    ("screen", "name", "shown"),
    [
        ("status", "--as-of", "YYYY-MM-DD"),
        ("status", "--since", "YYYY-MM-DD"),
        ("status", "--owner", "NAME"),
        ("status", "--theme", "THEME"),
        ("status", "--status", "STATUS"),
        ("status", "--soon", "DAYS [0 or more]"),
        ("status", "--stale", "DAYS [1 or more]"),
        ("status", "--format", "FORMAT"),
        ("status", "--output", "FILE"),
        ("status", "--overdue", None),
        ("status", "--help", None),
        ("status", "PATH", None),
        ("lint", "--format", "FORMAT"),
        ("lint", "--strict", None),
        ("lint", "--as-of", "YYYY-MM-DD"),
        ("cost-summary", "--by", "GROUPING"),
        ("outcomes", "--for", "WHO"),
        ("show", "ID", None),
        ("show", "--plan", "PLAN"),
        ("update", "ACTION_ID", None),
        ("update", "--note", "TEXT"),
        ("update", "--by", "NAME"),
        ("update", "--revise-target", "TARGET"),
        ("update", "--rag", "RAG"),
        ("update", "--dry-run", None),
        ("new", "FILE", None),
        ("new", "--organisation", "NAME"),
        ("import", "TRACKER", None),
        ("import", "--map", "COLUMN=FIELD"),
        ("import", "--sheet", "NAME"),
        ("import", "--id", "ID"),
        ("export", "PATH", None),
        ("export", "--output", "FILE"),
        ("", "--version", None),
    ],
)
def test_chosen_values_are_named_so(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, screen: str, name: str, shown: str | None
) -> None:
    cells = rows(help_of(run, monkeypatch, (screen,) if screen else (), 120))[name]
    # With a value: [its name, its help]; a flag or an argument: [its help].
    assert (cells[0] if len(cells) == 2 else None) == shown, cells


@pytest.mark.parametrize(
    ("screen", "usage"),
    [
        ("lint", "Usage: actionplan lint [OPTIONS] [PATH]..."),
        ("show", "Usage: actionplan show [OPTIONS] {ID} [PATH]..."),
        ("update", "Usage: actionplan update [OPTIONS] {ACTION_ID} [PATH]..."),
        ("new", "Usage: actionplan new [OPTIONS] {FILE}"),
        ("export", "Usage: actionplan export [OPTIONS] {PATH}..."),
    ],
)
def test_usage_lines_name_arguments_in_words(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, screen: str, usage: str
) -> None:
    assert usage in help_of(run, monkeypatch, (screen,), 120).splitlines()[1]


def test_help_without_rich_shows_no_type_names_either() -> None:
    """TYPER_USE_RICH=0 (read once, at import) draws Click's plain help: same words."""
    probe = (
        "import json, typer.testing\n"
        "from actionplan.cli import app\n"
        "names = [[], *[[c] for c in typer.main.get_command(app).commands]]\n"
        "runner = typer.testing.CliRunner()\n"
        "print(json.dumps([runner.invoke(app, [*n, '--help']).stdout for n in names]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"TYPER_USE_RICH": "0", "COLUMNS": "80", "PATH": ""},
        cwd=ROOT,
    )
    screens = json.loads(done.stdout)
    assert len(screens) == len(COMMANDS) + 1
    for text in screens:
        assert not text.startswith(" Usage") and "╭" not in text  # the plain help indeed
        assert ANGLE_METAVAR.findall(text) == []
        assert [m[0] for m in TYPE_NAME.finditer(text)] == []
    status = screens[1 + list(COMMANDS).index("status")]
    assert "  --as-of YYYY-MM-DD " in status
    assert "  -o, --output FILE " in status
    assert "  --overdue  " in status


@pytest.mark.parametrize("name", command_names())
def test_every_example_reads_files_that_exist(name: str) -> None:
    """The example in each help runs here: a plan file it reads is in the repository."""
    example = re.search(r"Example:\s*(.*?)(?:\n\s*\n|$)", COMMANDS[name].help or "", re.S)
    assert example, name
    words = shlex.split(" ".join(example[1].split()))
    assert words[:2] == ["actionplan", name]
    for before, word in itertools.pairwise(words):
        written = before in ("-o", "--output") or name == "new"
        if word.endswith((".yaml", ".yml")) and not written:
            assert (ROOT / word).is_file(), f"'actionplan {name} --help' names {word}"


# A bad option value: one sentence naming the option, the value and what it may be; a usage
# error, exit 2, as before. (In the Rich panel at 120 columns each is one line.)
BAD_VALUES = [
    (("lint", "--format", "githib"), "--format 'githib' is not one of text, json, github, sarif."),
    (("lint", "-f", "githib"), "--format 'githib' is not one of text, json, github, sarif."),
    (
        ("status", "--format", "tabel"),
        "--format 'tabel' is not one of table, markdown, html, csv, json, docx.",
    ),
    (
        ("status", "--status", "finished"),
        "--status 'finished' is not one of not-started, in-progress, done, blocked, dropped.",
    ),
    (
        ("status", "--rag", "purple"),
        "--rag 'purple' is not one of red, amber, green, complete, dropped.",
    ),
    (
        ("status", "--soon", "abc"),
        "--soon 'abc' is not a whole number: write it in digits, e.g. --soon 30.",
    ),
    (("status", "--soon", "-3"), "--soon '-3' is less than 0: give 0 or more."),
    (("report", "--stale", "0"), "--stale '0' is less than 1: give 1 or more."),
    (("report", "-f", "pdf"), "--format 'pdf' is not one of markdown, html, docx."),
    (("cost-summary", "--by", "colour"), "--by 'colour' is not one of theme, owner."),
    (("update", "--rag", "blue", "5.2"), "--rag 'blue' is not one of red, amber, green, none."),
    (
        ("export", "--format", "ods", "plans"),
        "--format 'ods' is not one of csv, xlsx, sqlite, datapackage.",
    ),
    (
        ("status", "--as-of", "Feb"),
        "--as-of 'Feb' is not a date: write it as YYYY-MM-DD, e.g. 2020-02-14",
    ),
    (
        ("update", "5.2", str(DATA / "status-fixture.yaml"), "--date", "2020-13-01"),
        "--date '2020-13-01' is not a real calendar date: check the month and day",
    ),
]


@pytest.mark.parametrize(("args", "line"), BAD_VALUES, ids=lambda a: " ".join(a)[:40])
def test_a_bad_option_value_is_one_sentence(run: RunCli, args: tuple[str, ...], line: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Usage: actionplan {args[0]} [OPTIONS]")
    assert lines[1] == f"Try 'actionplan {args[0]} -h' for help."
    assert [text.strip("│ ") for text in lines[3:-1]] == [line]
    assert not any(raw in result.stderr for raw in RAW)


@pytest.mark.parametrize("name", command_names())
def test_every_choice_and_number_option_refuses_a_bad_value_in_words(
    run: RunCli, name: str
) -> None:
    """Found from the app: each option with choices, or a number, given a value it cannot take."""
    for option in options_of(name):
        choices = option.type_descriptor.choices
        long = next(o for o in option.opts if o.startswith("--"))
        if option.is_flag or (choices is None and option.type_descriptor.annotation is not int):
            continue
        result = run(name, long, "x!")
        assert result.exit_code == 2, (name, long)
        message = " ".join(t.strip("│ ") for t in result.stderr.splitlines()[3:-1])
        if choices is not None:
            names = ", ".join(c.value if isinstance(c, Enum) else str(c) for c in choices)
            assert message == f"{long} 'x!' is not one of {names}.", message
        else:
            assert message.startswith(f"{long} 'x!' is not a whole number"), message
        assert not any(raw in result.stderr for raw in RAW)


def test_no_path_and_no_plans_directory_is_said_plainly(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("status")
    assert result.exit_code == 2
    assert [t.strip("│ ") for t in result.stderr.splitlines()[3:-1]] == [
        "no PATH given and there is no plans/ directory here: give a plan file or directory"
    ]


def test_version(run: RunCli) -> None:
    assert run("--version").stdout == f"actionplan {__version__}\n"


def test_python_dash_m() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "actionplan", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"actionplan {__version__}\n")
