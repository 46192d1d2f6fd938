"""`actionplan migrate`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import fail


@app.command()
def migrate(
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILE", help="Plan files to rewrite as format 2."),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the changes as a diff; write nothing.")
    ] = False,
) -> None:
    """Rewrite format-1 plan files as format 2, keeping comments and layout.

    Adds `format: 2` above the first key and turns each `accepted: true/false` into
    `acceptance: accepted` or `acceptance: not-accepted`; nothing else changes. Each file is
    checked before it is written: a file that does not read as a plan, or that would read
    differently, is left as it is. A file already in format 2 is left alone.

    Example: actionplan migrate plans/southampton-domestic-abuse-2019.yaml --dry-run
    """
    from actionplan.editing.edit import EditError, FileHasErrors
    from actionplan.editing.migrate import migrate_text
    from actionplan.editing.write import WriteError, replace_if_unchanged, replacement_notes
    from actionplan.load import read_plan_bytes
    from actionplan.yaml.decode import LoadProblem

    failed = False
    for path in files:
        try:
            raw = read_plan_bytes(path)
            migration = migrate_text(str(path), raw)
        except OSError as error:
            typer.echo(f"Error: cannot read {path}: {error.strerror or error}", err=True)
            failed = True
            continue
        except (LoadProblem, FileHasErrors) as error:
            problems = error.findings if isinstance(error, FileHasErrors) else [error.finding]
            for finding in problems:
                typer.echo(str(finding), err=True)
            typer.echo(
                f"Error: {path} not migrated: it does not read as a plan; fix the error(s) above "
                f"(actionplan lint {path}) and run migrate again",
                err=True,
            )
            failed = True
            continue
        except EditError as error:
            typer.echo(f"Error: {error}", err=True)
            failed = True
            continue
        if migration.introduced:
            for finding in migration.introduced:
                typer.echo(str(finding), err=True)
            typer.echo(
                f"Error: {path} not migrated: format 2 would read it differently (above); "
                "edit it by hand",
                err=True,
            )
            failed = True
            continue
        if not migration.needed:
            typer.echo(f"{path} is format 2 already: nothing to do")
            continue
        if dry_run:
            sys.stdout.write(migration.diff())
            continue
        notes = replacement_notes(path)
        try:
            replace_if_unchanged(path, raw, migration.text_to_write)
        except WriteError as error:
            typer.echo(f"Error: {error}", err=True)
            failed = True
            continue
        for note in notes:
            typer.echo(note, err=True)
        typer.echo(f"Migrated {path} to format 2:")
        for line in migration.changes:
            typer.echo(f"  {line}")
    if dry_run:
        typer.echo("dry run: nothing written", err=True)
    if failed:
        fail("some files were not migrated (see above)")
