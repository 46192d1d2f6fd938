"""Every command has --help with an example, and the package runs as `python -m actionplan`."""

from __future__ import annotations

import subprocess
import sys

import pytest

from actionplan import __version__
from actionplan.cli import app


def command_names() -> list[str]:
    return sorted(c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands)


def test_there_are_commands():
    assert {"lint", "schema"} <= set(command_names())


@pytest.mark.parametrize("name", command_names())
def test_every_command_has_help_with_an_example(run, name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout, f"'actionplan {name} --help' shows no example"


def test_version(run):
    assert run("--version").stdout == f"actionplan {__version__}\n"


def test_python_dash_m():
    result = subprocess.run(
        [sys.executable, "-m", "actionplan", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"actionplan {__version__}\n")
