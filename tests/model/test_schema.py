"""The committed JSON Schema matches the models, and plan files point editors at it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from actionplan.model.schema import plan_json_schema_text
from conftest import ROOT

if TYPE_CHECKING:
    from conftest import RunCli

SCHEMA = ROOT / "schema" / "actionplan.schema.json"


def test_committed_schema_is_up_to_date() -> None:
    assert SCHEMA.read_text(encoding="utf-8") == plan_json_schema_text(), (
        "schema/actionplan.schema.json is out of date: run 'make schema' and commit it"
    )


def test_schema_command_prints_the_schema(run: RunCli) -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["required"] == ["plan"]
    assert result.stdout == plan_json_schema_text()


def test_schema_output_writes_the_file(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    result = run("schema", "--output", target)
    assert (result.exit_code, result.stderr) == (0, f"wrote {target}\n")
    assert target.read_text(encoding="utf-8") == plan_json_schema_text()


def test_every_bundled_plan_names_the_schema() -> None:
    for plan in sorted((ROOT / "plans").glob("*.yaml")):
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../schema/actionplan.schema.json", plan
