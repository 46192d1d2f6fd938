"""Shared fixtures: write a plan next to the test that reads it, and run the CLI in-process.

Also the suite's settings that are no fixture: hypothesis's two profiles, and what lets the
suite run in one process when pytest-xdist is switched off.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Protocol

import pytest
from hypothesis import settings

from cli_run import Run, invoke

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"

# Hypothesis profiles: "ci" for `make test`, "fuzz" for `make fuzz` (chosen by the
# ACTIONPLAN_FUZZ_EXAMPLES it sets; pytest's --hypothesis-profile=NAME picks one by hand).
# Under pytest-xdist two workers share the cores with each other and whatever else runs, so no
# example has a deadline; a fuzz failure, from a fresh random seed and no example database,
# prints the blob that replays it (@reproduce_failure). How many examples each property runs,
# and with which seeds, is set beside it in tests/test_properties.py.
settings.register_profile("ci", deadline=None)
settings.register_profile("fuzz", deadline=None, print_blob=True)
settings.load_profile("fuzz" if os.environ.get("ACTIONPLAN_FUZZ_EXAMPLES") else "ci")


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    """pyproject.toml's addopts share the tests out over the cores with pytest-xdist
    (--numprocesses=auto --dist=loadgroup). With xdist switched off (`-p no:xdist`, as
    `make fuzz` runs) or not installed, those two options are accepted and do nothing, and the
    run stays in one process. (`-n0` switches the workers off with xdist still loaded.)"""
    if pluginmanager.has_plugin("xdist"):
        return
    group = parser.getgroup("xdist (switched off: these do nothing)")
    group.addoption("--numprocesses", dest="numprocesses", help="ignored: pytest-xdist is off")
    group.addoption("--dist", dest="dist", default="no", help="ignored: pytest-xdist is off")


@pytest.fixture(autouse=True)
def _stable_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin the terminal so Rich output is the same on every machine."""
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


class WritePlan(Protocol):
    """The `write_plan` fixture: write dedented YAML under tmp_path, return its path."""

    def __call__(self, text: str, name: str = ...) -> Path: ...


class RunCli(Protocol):
    """The `run` fixture: run `actionplan ARGS…` in-process."""

    def __call__(self, *args: str | Path) -> Run: ...


@pytest.fixture
def write_plan(tmp_path: Path) -> WritePlan:
    """Write dedented YAML to a file under tmp_path and return its path."""

    def write(text: str, name: str = "plan.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run() -> RunCli:
    """Run `actionplan ARGS…` in-process; returns exit code, stdout and stderr."""

    def run_it(*args: str | Path) -> Run:
        return invoke(args)

    return run_it
