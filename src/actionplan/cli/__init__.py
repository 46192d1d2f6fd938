"""The command line. Only this package imports typer; each command is a module of its own.

A command is a handful of lines: load, compute, render, choose the exit code. Heavy modules
(Rich, tabulate, schema generation) are imported inside the commands that need them.
"""

from __future__ import annotations

import importlib
import pkgutil

from .app import app

# Each module beside this one (bar the shared ones) registers its commands on `app`.
for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _module.name not in ("app", "common"):
        importlib.import_module(f"{__name__}.{_module.name}")


def main() -> None:
    app()
