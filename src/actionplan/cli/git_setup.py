"""`actionplan git-setup`: have git merge plan files with `actionplan merge-driver`."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import DEFAULT_DIR, fail

DRIVER_NAME = "actionplan: merge plan files by their ids"
DRIVER_COMMAND = "actionplan merge-driver %O %A %B %P"


def attribute_lines(folders: list[str]) -> list[str]:
    """The .gitattributes lines that give the plan files under `folders` (paths from the top
    of the repository, '' for the top) the actionplan merge driver: *.yaml and *.yml at any
    depth, as lint finds them."""
    lines = []
    for folder in folders:
        prefix = f"{folder.strip('/')}/**/" if folder.strip("/") else ""
        lines += [f"{prefix}*{suffix} merge=actionplan" for suffix in (".yaml", ".yml")]
    return lines


@app.command("git-setup")
def git_setup(
    folders: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="DIR",
            show_default=False,
            help="The folders that hold the plans, in this repository. Default: plans/",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Show the .gitattributes lines and git settings; write nothing."
        ),
    ] = False,
) -> None:
    """Set git up to merge plan files by their ids, with `actionplan merge-driver`.

    Adds to the repository's .gitattributes the lines that give the plan files (*.yaml and
    *.yml under plans/, or the folders given) the `actionplan` merge driver, and sets
    merge.actionplan.name and merge.actionplan.driver in this clone's git settings. Running it
    again changes nothing. Commit .gitattributes; git settings are not committed, so everyone
    who merges plans runs git-setup once in their own clone.

    Example: actionplan git-setup --dry-run
    """
    from actionplan.editing.write import WriteError, write_file
    from actionplan.history.git import GitProblem, Repository

    try:
        repo = Repository(
            needed_for="git-setup sets git up to merge the plans by their ids; run it inside "
            "the repository that holds the plans (or 'git init' first)"
        )
    except GitProblem as error:
        fail(str(error))
    wanted = attribute_lines([_from_top(repo.top, folder) for folder in folders or [DEFAULT_DIR]])
    attributes = repo.top / ".gitattributes"
    try:
        existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except (OSError, UnicodeDecodeError) as error:
        fail(f"cannot read {attributes}: {getattr(error, 'strerror', None) or error}")
    have = {line.strip() for line in existing.splitlines()}
    missing = [line for line in wanted if line not in have]
    settings = {"merge.actionplan.name": DRIVER_NAME, "merge.actionplan.driver": DRIVER_COMMAND}
    changes = {key: value for key, value in settings.items() if repo.config(key) != value}
    shown = os.path.relpath(attributes)
    would = "would add" if dry_run else "added"
    if missing:
        typer.echo(f"{shown}: {would}")
        for line in missing:
            typer.echo(f"  {line}")
    else:
        typer.echo(f"{shown}: already has the merge driver's lines")
    if changes:
        typer.echo(f"git config (this clone): {'would set' if dry_run else 'set'}")
        for key, value in changes.items():
            typer.echo(f"  {key} = {value}")
    else:
        typer.echo("git config (this clone): already set")
    if dry_run:
        typer.echo("dry run: nothing written", err=True)
        return
    if missing:
        newline = "" if not existing or existing.endswith("\n") else "\n"
        try:
            write_file(attributes, existing + newline + "".join(f"{line}\n" for line in missing))
        except WriteError as error:
            fail(str(error))
    try:
        for key, value in changes.items():
            repo.set_config(key, value)
    except GitProblem as error:
        fail(str(error))
    if missing:
        typer.echo(f"Commit {shown}, so that every clone merges the plans by their ids.")
    if shutil.which("actionplan") is None:
        typer.echo(
            "note: 'actionplan' is not on PATH here, and git runs the driver by that name: "
            "activate the environment that has it (. .venv/bin/activate) before you merge",
            err=True,
        )


def _from_top(top: Path, folder: Path) -> str:
    """`folder` as a path from the top of the repository ('' for the top)."""
    real = Path(os.path.realpath(folder))
    try:
        inside = real.relative_to(Path(os.path.realpath(top)))
    except ValueError:
        fail(f"{folder} is not in this repository ({top}): give a folder inside it")
    return inside.as_posix() if inside.parts else ""
