"""Run `actionplan ARGS…` in-process, as every in-process test does.

Typer's `CliRunner.invoke(app, …)` turns the Typer app into its Click command afresh on every
call: with some twenty commands that costs more than most commands take to run (about 30 ms,
against 24 ms for linting both bundled plans), and over the suite's thousands of runs it was a
third of `make test`'s time. Here the command is made once per test process and run in
Click's isolation (stdin, stdout, stderr and the environment swapped for the run's own), as
`CliRunner.invoke` runs it.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from typer.testing import CliRunner

if TYPE_CHECKING:
    from typer import _click as click  # the Click that Typer carries (for types only)


class Run:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code, self.stdout, self.stderr = exit_code, stdout, stderr


@functools.cache
def _command() -> click.Command:
    from actionplan.cli import load_commands

    return typer.main.get_command(load_commands())


def invoke(
    args: Sequence[str | Path],
    *,
    input: str | None = None,
    env: Mapping[str, str | None] | None = None,
) -> Run:
    """`actionplan ARGS…` in-process: its exit code, stdout and stderr. An exception that is
    not an exit (a traceback, to a user) fails the test that ran it."""
    command, runner = _command(), CliRunner()
    with runner.isolation(input=input, env=env) as streams:
        stdout, stderr = streams[0], streams[1]
        try:
            command.main(args=[str(a) for a in args], prog_name=command.name or "actionplan")
            code = 0
        except SystemExit as end:
            code = _exit_code(end.code)
        finally:
            sys.stdout.flush()  # the text streams the isolation put in place, into `streams`
            sys.stderr.flush()
        return Run(code, _text(stdout.getvalue(), runner), _text(stderr.getvalue(), runner))


def _exit_code(code: object) -> int:
    # As Click's runner reads it: no code is 0, a message instead of a code is 1.
    if code is None:
        return 0
    return code if isinstance(code, int) else 1


def _text(raw: bytes, runner: CliRunner) -> str:
    return raw.decode(runner.charset, "replace").replace("\r\n", "\n")
