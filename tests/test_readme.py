"""Every ```console example in README.md runs as written and prints what the README shows.

How it runs. Each ```console block is one test case (its id is the block's first `actionplan`
command). A copy of what the examples read (plans/, examples/, schema/, tests/data/) is made
under tmp_path, never the real tree, and each `$ command` line of the block is run there, in
order and in the same folder (so `cp`, then `update`, then `lint` works), with `bash -c` on a
pseudo-terminal 120 columns wide: stdout and stderr arrive interleaved, as they do for someone
typing the command, and the program takes the path it takes on a terminal. `actionplan` is the
script of the Python running the tests (its scripts directory comes first on PATH). The
environment is fixed, nothing else is passed: PATH, HOME (the copy), LC_ALL=C.UTF-8, TZ=UTC,
TERM=dumb, NO_COLOR=1, COLUMNS=120 and LINES=50 (Rich sizes a dumb terminal 80 x 25 unless both
are set), and any ACTIONPLAN_* switch a CI job sets; no GITHUB_* variable. Dates come from the
commands' own --as-of and --date. The blocks are independent and each command is a process, so
the selected blocks run side by side (one per CPU) and each case checks its block's results.

What is compared. A command's output is the README's lines after its `$ ` line, up to the next
`$ ` line or the end of the block. Lines must be equal, except that trailing whitespace and
trailing blank lines are ignored and a line holding only `…` stands for any number of lines
(none included) that the example leaves out. A command that exits non-zero must be followed by
`$ echo $?` showing the code (each command's shell starts with the previous command's code in
`$?`); one that does not show it must exit 0. After the block, the copies of plans/, examples/,
schema/ and tests/data/ must be as they were: no example writes into them.

A file an example writes can be shown in the README after its block, as Markdown for GitHub to
render, between `<!-- file written by the example above: NAME -->` and `<!-- end of NAME -->`;
that text (same rules, `…` included) must be NAME as the block left it.

To update an example after a change to the program, run this test: a failing case prints the
difference and the command's whole output, ready to paste into README.md (keep the example's
`…` cuts). By hand: run the commands in a scratch copy of the repository, in a terminal at least
120 columns wide, with `export COLUMNS=120 NO_COLOR=1` (and LINES=50 if TERM is dumb).
"""

from __future__ import annotations

import difflib
import errno
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
COPIED = ("plans", "examples", "schema", "tests/data")  # what the examples read
COLUMNS, LINES = 120, 50  # the terminal the README's examples were made in
CUT = "…"  # a line holding only this: lines left out of the example
TIMEOUT = 60.0  # seconds for one command
FILE_START = re.compile(r"<!-- file written by the example above: (\S+) -->")

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


@dataclass
class Command:
    line: int  # of the `$ ` line in README.md
    text: str
    expected: list[str] = field(default_factory=list)


@dataclass
class Block:
    line: int  # of the opening fence
    heading: str
    commands: list[Command] = field(default_factory=list)
    files: list[tuple[int, str, list[str]]] = field(default_factory=list)  # line, name, text

    @property
    def id(self) -> str:
        texts = [c.text for c in self.commands]
        return next((t for t in texts if t.startswith("actionplan")), texts[0] if texts else "")


def parse(text: str) -> list[Block]:
    """The ```console blocks of a README, each with its commands and their expected output."""
    lines = text.splitlines()
    blocks: list[Block] = []
    heading = ""
    fence: str | None = None
    index = 0
    while index < len(lines):
        line, number = lines[index], index + 1
        index += 1
        if fence is not None:
            if line.startswith("```"):
                fence = None
            elif fence == "console":
                block = blocks[-1]
                if line.startswith("$ "):
                    block.commands.append(Command(number, line[2:]))
                elif block.commands:
                    block.commands[-1].expected.append(line)
                elif line.strip():
                    raise ValueError(f"README.md:{number}: output before the block's first '$ '")
        elif line.startswith("```"):
            fence = line[3:].strip()
            if fence == "console":
                blocks.append(Block(number, heading))
        elif line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif match := FILE_START.fullmatch(line.strip()):
            name, end = match[1], f"<!-- end of {match[1]} -->"
            body = []
            while index < len(lines) and lines[index].strip() != end:
                body.append(lines[index])
                index += 1
            if index == len(lines) or not blocks:
                raise ValueError(f"README.md:{number}: no {end!r} or no example above")
            index += 1
            blocks[-1].files.append((number, name, body))
    return blocks


def normalised(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether `actual` is `expected` with each `…` line standing for any run of lines."""
    parts: list[list[str]] = [[]]
    for line in expected:
        if line == CUT:
            parts.append([])
        else:
            parts[-1].append(line)
    if len(parts) == 1:
        return expected == actual
    first, *middle, last = parts
    start, end = len(first), len(actual) - len(last)
    if end < start or actual[:start] != first or actual[end:] != last:
        return False
    for part in middle:  # leftmost first is enough when `…` is the only wildcard
        found = next(
            (i for i in range(start, end - len(part) + 1) if actual[i : i + len(part)] == part),
            None,
        )
        if found is None:
            return False
        start = found + len(part)
    return True


def environment(home: Path) -> dict[str, str]:
    scripts = sysconfig.get_path("scripts")
    assert Path(scripts, "actionplan").exists(), f"no actionplan script in {scripts}"
    env = {
        "PATH": os.pathsep.join([scripts, os.environ.get("PATH", os.defpath)]),
        "HOME": str(home),
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "TERM": "dumb",
        "NO_COLOR": "1",
        "COLUMNS": str(COLUMNS),
        "LINES": str(LINES),
    }
    env.update({k: v for k, v in os.environ.items() if k.startswith("ACTIONPLAN_")})
    return env


def in_terminal(command: str, cwd: Path, env: dict[str, str], status: int) -> tuple[str, int]:
    """Run `command` with bash on a pseudo-terminal COLUMNS wide; its output and exit code.

    The shell starts with `status` in `$?` (the previous command's exit code)."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    shell = shutil.which("bash") or "/bin/sh"
    try:
        process = subprocess.Popen(
            [shell, "-c", f"(exit {status}); {command}"],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
    finally:
        os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + TIMEOUT
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([leader], [], [], remaining)[0]:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise TimeoutError(f"{command!r} ran for {TIMEOUT:.0f} s (waiting for input?)")
            try:
                chunk = os.read(leader, 65536)
            except OSError as error:  # Linux: EIO once every writer has closed the terminal
                if error.errno != errno.EIO:
                    raise
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=TIMEOUT)  # before closing the terminal, which hangs it up
    finally:
        os.close(leader)
    output = b"".join(chunks).decode("utf-8", "replace").replace("\r\n", "\n")
    return output, 128 - code if code < 0 else code  # killed by signal N: 128 + N, as in a shell


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for folder in COPIED
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


@dataclass
class Ran:
    outputs: list[tuple[str, int]]  # each command's output and exit code
    files: dict[str, str | None]  # the text of each file the README shows, None when missing
    changed: list[str]  # files changed, made or removed in the copies of COPIED


def run_block(block: Block, folder: Path) -> Ran:
    """Run a block's commands in order in a fresh copy of COPIED under `folder`."""
    for name in COPIED:
        shutil.copytree(ROOT / name, folder / name)
    before = snapshot(folder)
    env = environment(folder)
    outputs: list[tuple[str, int]] = []
    status = 0
    for command in block.commands:
        output, status = in_terminal(command.text, folder, env, status)
        outputs.append((output, status))
    files = {
        name: (folder / name).read_text(encoding="utf-8") if (folder / name).is_file() else None
        for _, name, _ in block.files
    }
    after = snapshot(folder)
    names = sorted(before.keys() | after.keys())
    changed = [name for name in names if before.get(name) != after.get(name)]
    return Ran(outputs, files, changed)


def report(what: str, expected: list[str], actual: list[str]) -> str:
    diff = "\n".join(
        difflib.unified_diff(expected, actual, "README.md", "the program", lineterm="")
    )
    return f"{what}\n{diff}\n\nthe whole output, to paste into README.md:\n" + "\n".join(actual)


BLOCKS = parse(README.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def ran(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[Block], Ran]]:
    """A block's results. The blocks this session runs are all started at once, side by side
    (each command is a process of its own and the blocks share nothing); under pytest-xdist,
    which deals the cases out to its workers, a block runs when its case asks for it."""
    selected = [
        cast(Block, cast(pytest.Function, item).callspec.params["block"])
        for item in request.session.items
        if getattr(item, "function", None) is test_readme_example
    ]
    if os.environ.get("PYTEST_XDIST_WORKER"):
        selected = []
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        started = {
            block.line: pool.submit(run_block, block, tmp_path_factory.mktemp("readme"))
            for block in selected
        }

        def get(block: Block) -> Ran:
            if block.line in started:
                return started[block.line].result()
            return run_block(block, tmp_path_factory.mktemp("readme"))

        yield get
        for future in started.values():
            future.cancel()


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 10
    assert all(block.commands for block in BLOCKS)
    assert any(block.files for block in BLOCKS), "the cost-summary example's file is not marked"


@pytest.mark.parametrize("block", BLOCKS, ids=[block.id for block in BLOCKS])
def test_readme_example(block: Block, ran: Callable[[Block], Ran]) -> None:
    result = ran(block)
    ran_commands = zip(block.commands, result.outputs, strict=True)
    for number, (command, (output, status)) in enumerate(ran_commands):
        expected, actual = normalised(command.expected), normalised(output.split("\n"))
        if not matches(expected, actual):
            where = f"README.md:{command.line} (in {block.heading!r}): $ {command.text}"
            pytest.fail(report(where, expected, actual), pytrace=False)
        following = block.commands[number + 1].text if number + 1 < len(block.commands) else ""
        if status != 0 and "$?" not in following:
            pytest.fail(
                f"README.md:{command.line}: $ {command.text}\nexited {status}: show the code "
                "on a '$ echo $?' line after it, or make the example succeed",
                pytrace=False,
            )
    for line, name, text in block.files:
        written = result.files[name]
        if written is None:
            pytest.fail(f"README.md:{line}: the example above wrote no {name}", pytrace=False)
        expected = normalised(text)
        while expected and not expected[0]:
            expected.pop(0)
        actual = normalised(written.split("\n"))
        if not matches(expected, actual):
            pytest.fail(report(f"README.md:{line}: {name}", expected, actual), pytrace=False)
    assert not result.changed, f"the example wrote into {', '.join(COPIED)}: {result.changed}"


@pytest.mark.parametrize(
    ("expected", "actual", "result"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "c"], False),
        (["a", CUT], ["a", "b", "c"], True),
        (["a", CUT], ["a"], True),
        ([CUT, "c"], ["a", "b", "c"], True),
        (["a", CUT, "c"], ["a", "b", "c"], True),
        (["a", CUT, "c", CUT, "e"], ["a", "b", "c", "d", "e"], True),
        (["a", CUT, "c", CUT, "e"], ["a", "b", "d", "e"], False),
        (["a", CUT, "a"], ["a"], False),
        (["a"], ["a", "b"], False),
    ],
)
def test_a_cut_stands_for_any_lines(expected: list[str], actual: list[str], result: bool) -> None:
    assert matches(expected, actual) is result
