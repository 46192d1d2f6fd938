"""Reports return data: no module under reports/ imports a drawing library, output/ or views/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parents[2] / "src" / "actionplan" / "reports"
DRAWING = ("rich", "tabulate", "typer", "actionplan.output", "actionplan.views", "actionplan.cli")


def imported_modules(path: Path) -> list[str]:
    """Every module the file imports, at module level or inside a function."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", sorted(REPORTS.glob("*.py")), ids=lambda path: path.name)
def test_a_report_module_imports_nothing_that_draws(path: Path) -> None:
    drawing = [
        name
        for name in imported_modules(path)
        if any(name == prefix or name.startswith(prefix + ".") for prefix in DRAWING)
    ]
    assert drawing == []


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from actionplan.output.render import to_csv\n")
    assert imported_modules(module) == ["actionplan.output.render"]
