"""The command line. Only this package imports typer; each command is a module of its own.

A command is a handful of lines: load, compute, render, choose the exit code. Heavy modules
(Rich, tabulate, schema generation) are imported inside the commands that need them.

Start-up is a feature (actionplan runs in pre-commit hooks), so `main()` imports only the module
of the command being run: `actionplan lint …` never imports `status.py` or what it imports. The
module is found by name, `cost-summary` in `cost_summary.py`; help, and a command whose module
does not follow that rule, import them all. `actionplan.cli.app` (the Typer app, as tests use it)
has every command.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typer

_SHARED = ("app", "common")
_MODULE_OF = {"import": "tracker", "export": "tracker"}  # commands not named after their module


def _command_modules() -> list[str]:
    names = (name.removesuffix(".py") for name in os.listdir(__path__[0]) if name.endswith(".py"))
    return sorted(name for name in names if name not in _SHARED and not name.startswith("_"))


def _registered(app: typer.Typer) -> set[str]:
    return {
        info.name or info.callback.__name__.lower().replace("_", "-")
        for info in app.registered_commands
        if info.callback is not None
    }


def load_commands(args: list[str] | None = None) -> typer.Typer:
    """The Typer app with the command that `args` runs registered, or every command."""
    from actionplan.cli.app import app

    # Importing app.py bound that module to our `app` attribute; unbind it so that
    # __getattr__ answers `from actionplan.cli import app` with the Typer app.
    globals().pop("app", None)
    first = args[0] if args else ""
    if first == "--version":
        return app  # prints the version and exits before any command is needed
    module = _MODULE_OF.get(first, first.replace("-", "_"))
    if first and not first.startswith("-") and module in _command_modules():
        importlib.import_module(f"{__name__}.{module}")
        if first in _registered(app):
            return app
    # Help, or an unknown command: each module beside this one registers its own commands.
    for name in _command_modules():
        importlib.import_module(f"{__name__}.{name}")
    return app


def __getattr__(name: str) -> Any:
    # `from actionplan.cli import app` gets the app with every command, not the module app.py.
    if name == "app":
        return load_commands()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    # A short run that builds many objects (Pydantic's models at import, then plans) and few
    # reference cycles: look for garbage cycles every 100,000 allocations, not every 700.
    gc.set_threshold(100_000, 50, 100)
    try:
        load_commands(sys.argv[1:])()
    except OSError as error:  # the output could not be written: a full disk, say
        # (a reader that stops early, `| head`, is handled by click: exit 1, nothing said)
        _silence_stdout()
        where = f"{error.filename}: " if error.filename else "cannot write the output: "
        with contextlib.suppress(OSError):
            sys.stderr.write(f"Error: {where}{error.strerror or error}\n")
        sys.exit(1)


def _silence_stdout() -> None:
    """Point stdout at the null device, so Python's own flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
