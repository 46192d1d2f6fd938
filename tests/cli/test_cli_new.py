"""`actionplan new`: a commented skeleton that passes lint as written, never overwriting."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from conftest import GOLDEN

if TYPE_CHECKING:
    from conftest import RunCli


def test_skeleton_is_the_golden_file_and_lints_clean(
    tmp_path: Path, run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("new", "new-plan.yaml", "--title", "Reducing domestic abuse",
                 "--organisation", "Southampton City Council", "--as-of", "2020-01-15")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "wrote new-plan.yaml: fill in the blanks, then run 'actionplan lint new-plan.yaml'\n"
    )
    text = (tmp_path / "new-plan.yaml").read_text(encoding="utf-8")
    assert text == (GOLDEN / "new-plan.yaml").read_text(encoding="utf-8")
    lint = run("lint", "new-plan.yaml", "--as-of", "2020-01-15", "--strict")
    assert (lint.exit_code, lint.stdout) == (0, "1 file checked: no problems\n")


def test_inside_a_repository_the_schema_line_points_at_its_schema(
    tmp_path: Path, run: RunCli
) -> None:
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "actionplan.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "plans").mkdir()
    path = tmp_path / "plans" / "Domestic Abuse 2020.yaml"
    assert run("new", path, "--as-of", "2020-11-30").exit_code == 0
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/actionplan.schema.json"
    assert "  id: domestic-abuse-2020" in lines
    assert "        target: 2021-05" in lines
    assert run("lint", path, "--as-of", "2020-11-30", "--strict").exit_code == 0


def test_the_skeleton_takes_a_first_update(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "plan.yaml"
    assert run("new", path, "--as-of", "2020-01-15").exit_code == 0
    result = run("update", "1.1", path, "--note", "Started", "--date", "2020-02-01")
    assert result.exit_code == 0, result.stderr
    assert "        progress:\n          - date: 2020-02-01\n            note: Started\n" in (
        path.read_text(encoding="utf-8")
    )


def test_never_overwrites(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("keep me\n", encoding="utf-8")
    result = run("new", path)
    assert result.exit_code == 1
    assert (
        result.stderr == f"Error: {path} already exists: choose another name, or edit that file\n"
    )
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_wrong_suffix_and_missing_directory(tmp_path: Path, run: RunCli) -> None:
    result = run("new", tmp_path / "plan.txt")
    assert result.stderr == (
        f"Error: {tmp_path / 'plan.txt'}: name the file with .yaml (e.g. "
        f"{tmp_path / 'plan.yaml'}) so lint finds it\n"
    )
    result = run("new", tmp_path / "nowhere" / "plan.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {tmp_path / 'nowhere'} is not a directory: create it first "
        f"(mkdir {tmp_path / 'nowhere'})\n"
    )
