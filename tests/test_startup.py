"""Start-up: a command imports what it needs and nothing else (issue 7).

actionplan runs in pre-commit hooks, so what each command imports is a feature: these tests run
the real entry point in a fresh interpreter and look at `sys.modules` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import WritePlan

ROOT = Path(__file__).resolve().parent.parent

# Runs `actionplan ARGS…` through the console-script entry point, then reports what got imported.
PROBE = """
import json, sys
from actionplan.cli import main
sys.argv = ["actionplan", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

NEVER_AT_RUN_TIME = ("hypothesis", "pytest", "actionplan.model.schema")
TABLES = ("rich", "tabulate")
CHARTS = ("actionplan.charts", "matplotlib")


def imported(*args: str | Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    modules: list[str] = json.loads(done.stderr.strip().splitlines()[-1])
    return set(modules)


def loaded(modules: set[str], *names: str) -> list[str]:
    return sorted(n for n in names if n in modules)


def test_version_needs_neither_the_models_nor_yaml() -> None:
    modules = imported("--version")
    assert (
        loaded(modules, "pydantic", "yaml", "actionplan.model.plan", *TABLES, *NEVER_AT_RUN_TIME)
        == []
    )


def test_lint_imports_only_its_own_command_and_draws_no_tables(write_plan: WritePlan) -> None:
    path = write_plan(
        """
        plan: {id: p, title: T, organisation: O, source: S}
        recommendations: []
        """
    )
    modules = imported("lint", path)
    assert "actionplan.pipeline" in modules
    assert loaded(modules, *TABLES, *NEVER_AT_RUN_TIME) == []
    commands = sorted(m for m in modules if m.startswith("actionplan.cli.") and m.count(".") == 2)
    assert commands == ["actionplan.cli.app", "actionplan.cli.common", "actionplan.cli.lint"]


def test_a_paper_without_charts_never_loads_the_chart_code(tmp_path: Path) -> None:
    """Markdown draws no chart; nor does HTML with --charts none (nor any other command)."""
    plan = ROOT / "tests" / "data" / "status-fixture.yaml"
    page = tmp_path / "board.html"
    modules = imported(
        "report", plan, "--as-of", "2020-03-01", "-f", "html", "-o", page, "--charts", "none"
    )
    assert "actionplan.views.board" in modules
    assert loaded(modules, *CHARTS, "actionplan.reports.outcomes") == []


def test_command_modules_import_nothing_heavy_at_module_level() -> None:
    """Every cli/<command>.py together: Rich, tabulate and the schema generator wait for use."""
    probe = (
        "import importlib, json, sys, actionplan.cli as cli\n"
        "for name in cli._command_modules():\n"
        "    importlib.import_module('actionplan.cli.' + name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stdout))
    assert loaded(modules, *TABLES, *NEVER_AT_RUN_TIME, *CHARTS) == [], (
        "a command module imports these at module level: import them inside the function that "
        "uses them"
    )


def test_help_through_the_entry_point_still_lists_every_command() -> None:
    from actionplan.cli import _registered

    if TYPE_CHECKING:
        from actionplan.cli.app import (
            app,
        )  # the Typer app, as `actionplan.cli.__getattr__` returns it
    else:
        from actionplan.cli import app

    done = subprocess.run(
        [sys.executable, "-m", "actionplan", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "120", "PATH": ""},
    )
    listed = {line.strip(" │").split(" ")[0] for line in done.stdout.splitlines()}
    assert _registered(app) <= listed  # import and export live in tracker.py: all still found


def test_models_validated_alone_are_built_at_import_and_their_parts_when_first_used() -> None:
    """Pydantic builds a validator for a model only when one is used on its own (defer_build):
    the loader validates recommendations, outcomes, services and the plan by themselves; an
    action, a cost line… only inside them. Building the models leaves the environment as it was.
    """
    probe = (
        "import json, os, actionplan.model.plan as plan\n"
        "names = ('PlanFile', 'Recommendation', 'Outcome', 'Service', 'Action', 'CostLine')\n"
        "built = [n for n in names if getattr(plan, n).__pydantic_complete__]\n"
        "print(json.dumps([built, 'PYDANTIC_DISABLE_PLUGINS' in os.environ]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    built, plugins_setting_left = json.loads(done.stdout)
    assert built == ["PlanFile", "Recommendation", "Outcome", "Service"]
    assert not plugins_setting_left
    from actionplan.model.plan import Action

    assert Action.model_validate({"id": "1", "text": "Do it"}).text == "Do it"
