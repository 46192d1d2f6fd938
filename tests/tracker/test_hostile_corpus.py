"""The hostile import corpus (tests/hostile_trackers.py) through `actionplan import`: each file
is refused with its message and exit 1, or imported whole, never a traceback. The cheap kinds
run here; the slow test takes every kind but the 100 MB CSV, and `make bench` times them all."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hostile_trackers import KINDS, Hostile, build

if TYPE_CHECKING:
    from conftest import RunCli

OPTIONS = ("--title", "T", "--organisation", "O")


def check(kind: Hostile, folder: Path, run: RunCli) -> None:
    result = run("import", build(kind, folder), *OPTIONS)
    assert "Traceback" not in result.stderr
    assert result.exit_code == kind.code, result.stderr
    if kind.code == 0:
        assert kind.expect in result.stdout
    else:
        assert result.stderr.startswith(kind.expect), result.stderr


@pytest.mark.parametrize("kind", [k for k in KINDS if k.cheap], ids=lambda k: k.name)
def test_a_hostile_file_is_refused_or_imported(kind: Hostile, tmp_path: Path, run: RunCli) -> None:
    check(kind, tmp_path, run)


@pytest.mark.slow
@pytest.mark.parametrize(
    "kind", [k for k in KINDS if not k.cheap and not k.bench_only], ids=lambda k: k.name
)
def test_a_costly_hostile_file_is_refused(kind: Hostile, tmp_path: Path, run: RunCli) -> None:
    check(kind, tmp_path, run)


def test_the_corpus_has_every_kind_the_issue_names() -> None:
    names = {kind.name for kind in KINDS}
    assert len(names) == len(KINDS) == 17
    assert {
        "zip-bomb.xlsx",
        "billion-laughs.xlsx",
        "external-entity.xlsx",
        "row-of-3-million-cells.xlsx",
        "binary.csv",
        "nul-in-a-cell.csv",
        "cr-only.csv",
        "bare-cr-in-a-cell.csv",
        "long-cell.csv",
        "formula-without-value.xlsx",
        "stray-cp1252-byte.csv",
        "utf-16.csv",
        "utf-8-bom.csv",
        "100-mb.csv",
    } <= names
