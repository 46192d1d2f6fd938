"""Tables fit the terminal: at any width, no table line runs past the edge."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from conftest import DATA, ROOT

COMMANDS = [
    ("status", ROOT / "plans", "--as-of", "2020-03-01"),
    ("status", DATA / "status-fixture.yaml", "--as-of", "2020-03-01", "--explain"),
    ("owners", ROOT / "plans", "--as-of", "2020-03-01"),
    ("cost-summary", ROOT / "plans"),
    ("cost-summary", ROOT / "plans", "--by", "owner"),
    ("outcomes", DATA / "outcomes-fixture.yaml", "--as-of", "2022-04-01"),
    ("show", "5", "--as-of", "2020-03-01"),
]


@pytest.mark.parametrize("width", [80, 100, 160])
@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(str(x) for x in a[:2]))
def test_table_lines_fit_the_width(run, monkeypatch, args, width):
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.chdir(ROOT)
    result = run(*args)
    assert result.exit_code == 0
    table_lines = [line for line in result.stdout.splitlines() if line[:1] in ("+", "|")]
    assert table_lines, "no table drawn"
    assert max(cell_len(line) for line in table_lines) <= width
    assert "\x1b" not in result.stdout
