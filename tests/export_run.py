"""Helpers for the export's tests: run `actionplan export` in-process, once per module."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from typer.testing import CliRunner

from conftest import Run

if TYPE_CHECKING:
    from actionplan.cli.app import app  # the Typer app, as `actionplan.cli.__getattr__` returns it
else:
    from actionplan.cli import app


def run_export(*args: str | Path, code: int = 0) -> Run:
    """`actionplan export ARGS…` in-process; fails the test unless it exits with `code`."""
    result = CliRunner().invoke(app, ["export", *map(str, args)], catch_exceptions=False)
    assert result.exit_code == code, result.stderr
    return Run(result.exit_code, result.stdout, result.stderr)
