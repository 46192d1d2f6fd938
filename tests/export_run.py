"""Helpers for the export's tests: run `actionplan export` in-process, once per module."""

from __future__ import annotations

from pathlib import Path

from cli_run import Run, invoke


def run_export(*args: str | Path, code: int = 0) -> Run:
    """`actionplan export ARGS…` in-process; fails the test unless it exits with `code`."""
    result = invoke(["export", *args])
    assert result.exit_code == code, result.stderr
    return result
