"""`actionplan new`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import AsOfOpt, as_of_date, fail


@app.command()
def new(
    path: Annotated[
        Path, typer.Argument(metavar="FILE", help="The plan file to create, e.g. plans/x.yaml.")
    ],
    title: Annotated[
        str, typer.Option(metavar="TEXT", help="The plan's title.")
    ] = "New action plan",
    organisation: Annotated[
        str, typer.Option(metavar="NAME", help="The council or partnership that owns the plan.")
    ] = "Write the organisation's name here",
    as_of: AsOfOpt = None,
) -> None:
    """Write a new plan file: a commented skeleton that passes lint as written.

    One theme, one recommendation with one action and one cost line, and a comment explaining
    every key. The example target falls six months after today (or --as-of). Never overwrites
    an existing file.

    Example: actionplan new plans/domestic-abuse-2020.yaml --title "Reducing domestic abuse"
    """
    from actionplan.discover import PLAN_SUFFIXES
    from actionplan.editing.skeleton import plan_skeleton
    from actionplan.editing.write import write_file

    if path.exists():
        fail(f"{path} already exists: choose another name, or edit that file")
    if path.suffix not in PLAN_SUFFIXES:
        fail(
            f"{path}: name the file with .yaml (e.g. {path.with_suffix('.yaml')}) so lint finds it"
        )
    if not path.parent.is_dir():
        fail(f"{path.parent} is not a directory: create it first (mkdir {path.parent})")
    for name, value in (("--title", title), ("--organisation", organisation)):
        if not value.strip():
            fail(f"{name} is empty: give some text")
    text = plan_skeleton(path, title.strip(), organisation.strip(), as_of_date(as_of))
    write_file(path, text)
    typer.echo(f"wrote {path}: fill in the blanks, then run 'actionplan lint {path}'")
