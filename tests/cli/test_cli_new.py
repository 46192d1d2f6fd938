"""`actionplan new`: a commented skeleton that passes lint as written, never overwriting."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from actionplan.load import load_plan
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


def test_the_skeleton_is_format_2(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "plan.yaml"
    assert run("new", path, "--as-of", "2020-01-15").exit_code == 0
    loaded, findings = load_plan(path)
    assert loaded is not None and findings == []
    assert loaded.plan.version == 2
    [rec] = loaded.plan.recommendations
    assert (rec.acceptance_word, rec.accepted) == ("accepted", None)
    assert path.read_text(encoding="utf-8").splitlines()[8] == "format: 2"


# The keys the skeleton shows as commented-out hints, each `# key: …` line (and the `#   …`
# lines under it) written as it would be uncommented.
HINTS = (
    *("source_url", "adopted", "period", "reports_to", "stated_total", "kind", "owned_by"),
    *("exempt", "people", "vocabularies", "response", "source_kind", "audit", "assurance"),
    *("priority", "finding", "management_action", "funding", "closure"),
)


def uncomment_hints(text: str) -> str:
    out: list[str] = []
    block: str | None = None
    for line in text.splitlines():
        hint = re.match(rf"^( *)# ({'|'.join(HINTS)}):(.*)$", line)
        if hint:
            out.append(f"{hint[1]}{hint[2]}:{hint[3]}")
            block = hint[1]
            continue
        under = re.match(r"^( *)# (  .*)$", line)
        if block is not None and under and under[1] == block:
            out.append(f"{block}{under[2]}")
            continue
        block = None
        out.append(line)
    return "\n".join(out) + "\n"


def test_every_hint_uncommented_still_lints_clean(tmp_path: Path, run: RunCli) -> None:
    path = tmp_path / "plan.yaml"
    assert run("new", path, "--as-of", "2020-03-01").exit_code == 0
    text = uncomment_hints(path.read_text(encoding="utf-8"))
    # What the uncommented hints go with: a total that matches, an owner of the declared
    # people (by alias), and the status an implemented closure goes with.
    text = text.replace("stated_total: 5000", "stated_total: 0")
    text = text.replace("[Write the responsible officer]", "[Chair of the DSA Board]")
    text = text.replace("status: not-started", "status: done\n        completed: 2020-02-14")
    path.write_text(text, encoding="utf-8")
    assert "\n  owned_by: Audit and Governance Committee" in text
    assert "\n        closure:\n          kind: implemented\n" in text
    assert "\npeople:\n  - id: dsa-chair\n" in text
    lint = run("lint", path, "--as-of", "2020-03-01", "--strict")
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
