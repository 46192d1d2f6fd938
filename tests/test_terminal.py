"""Tables fit the terminal: at any width, nothing drawn for that width runs past the edge."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from rich.cells import cell_len

from conftest import DATA, ROOT

if TYPE_CHECKING:
    from pathlib import Path

    from conftest import RunCli

COMMANDS = [
    ("status", ROOT / "plans", "--as-of", "2020-03-01"),
    ("status", DATA / "status-fixture.yaml", "--as-of", "2020-03-01", "--explain"),
    ("owners", ROOT / "plans", "--as-of", "2020-03-01"),
    ("cost-summary", ROOT / "plans"),
    ("cost-summary", ROOT / "plans", "--by", "owner"),
    ("outcomes", DATA / "outcomes-fixture.yaml", "--as-of", "2022-04-01"),
    ("show", "5", "--as-of", "2020-03-01"),
]


@pytest.fixture(scope="module")
def once() -> dict[tuple[object, ...], set[str]]:
    """What a command gives whatever the width being tested (its lines on a terminal 1,000
    wide, the figures of its Markdown), worked out once a command instead of once a width:
    the commands read the same files with the same --as-of, so they give the same each time."""
    return {}


@pytest.mark.parametrize("width", [60, 80, 100, 120, 160])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(str(x) for x in a[:2]))
def test_what_is_drawn_fits_the_width(
    run: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    once: dict[tuple[object, ...], set[str]],
    args: tuple[str | Path, ...],
    width: int,
) -> None:
    """Tables (or, too narrow for one, records) fit; a line the same at any width is a
    paragraph, which a pipe gets unwrapped (a terminal wraps it)."""
    monkeypatch.chdir(ROOT)
    if ("wide", args) not in once:
        monkeypatch.setenv("COLUMNS", "1000")
        once["wide", args] = set(run(*args).stdout.splitlines())
    paragraphs = once["wide", args]
    monkeypatch.setenv("COLUMNS", str(width))
    result = run(*args)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert any(line[:1] in ("+", "|") or line not in paragraphs for line in lines)
    drawn = [line for line in lines if line[:1] in ("+", "|") or line not in paragraphs]
    assert max(cell_len(line) for line in drawn) <= width
    assert "\x1b" not in result.stdout


@pytest.mark.parametrize(("width", "tables"), [(80, False), (110, False), (120, True)])
def test_status_draws_records_when_a_table_would_squeeze_the_text(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, width: int, tables: bool
) -> None:
    """The Southampton plan's status needs 120 columns for tables that keep 30 for each
    action's text; narrower, every action is a record."""
    monkeypatch.setenv("COLUMNS", str(width))
    out = run("status", ROOT / "plans", "--as-of", "2020-03-01").stdout
    assert ("| 5.1 | Develop a multi agency plan " in out) is tables
    assert (
        "5.1  Develop a multi agency plan outlining all agency approaches…" in out
    ) is not tables


FIGURE = re.compile(r"£[\d,]+(?:\.\d\d)?|\d+\.\d%|\d{4}-\d{2}-\d{2}")


@pytest.mark.parametrize("width", [40, 60, 80, 100])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(str(x) for x in a[:2]))
def test_no_figure_is_ever_split_or_cut(
    run: RunCli,
    monkeypatch: pytest.MonkeyPatch,
    once: dict[tuple[object, ...], set[str]],
    args: tuple[str | Path, ...],
    width: int,
) -> None:
    """Every amount, percentage and date of the Markdown output is on screen whole, however
    narrow the terminal: a table too narrow for them becomes records."""
    monkeypatch.chdir(ROOT)
    if ("figures", args) not in once:
        once["figures", args] = set(
            FIGURE.findall(run(*args, "--format", "markdown", "--date-style", "iso").stdout)
        )
    figures = once["figures", args]
    assert figures
    monkeypatch.setenv("COLUMNS", str(width))
    screen = run(*args).stdout
    assert sorted(f for f in figures if f not in screen) == []
