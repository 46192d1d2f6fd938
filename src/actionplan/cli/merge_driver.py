"""`actionplan merge-driver`: git's merge driver for plan files (`actionplan git-setup`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import fail

# The refs that name the other side while git merges, cherry-picks, reverts or rebases.
_THEIRS_REFS = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "REBASE_HEAD")


def _sides() -> tuple[str, str]:
    """Where ours and theirs come from: `3f2a9c01d2 (main)`, or 'ours'/'theirs' when git does
    not say (the driver run by hand, outside a repository)."""
    from actionplan.editing.merge import OURS, THEIRS
    from actionplan.history.git import GitProblem, Repository

    try:
        repo = Repository()
    except GitProblem:
        return OURS, THEIRS
    head = repo.commit_id("HEAD")
    branch = repo.branch()
    ours = f"{head[:10]} ({branch})" if head and branch else head[:10] if head else OURS
    # `git merge NAME` tells its drivers the name it was given: GITHEAD_<id>=NAME.
    named = {
        key.removeprefix("GITHEAD_"): value
        for key, value in os.environ.items()
        if key.startswith("GITHEAD_") and key.removeprefix("GITHEAD_") != head
    }
    if named:
        ident, name = sorted(named.items())[0]
        return ours, f"{ident[:10]} ({name})"
    for ref in _THEIRS_REFS:
        other = repo.commit_id(ref)
        if other is not None:
            return ours, other[:10]
    return ours, THEIRS


@app.command("merge-driver")
def merge_driver(
    base: Annotated[
        Path, typer.Argument(metavar="BASE", help="The common ancestor's version (git's %O).")
    ],
    ours: Annotated[
        Path,
        typer.Argument(
            metavar="OURS", help="Our version (git's %A); the merged plan is written here."
        ),
    ],
    theirs: Annotated[Path, typer.Argument(metavar="THEIRS", help="Their version (git's %B).")],
    name: Annotated[
        str | None,
        typer.Argument(metavar="PATH", help="The plan's path in the repository (git's %P)."),
    ] = None,
) -> None:
    """Merge three versions of a plan file by ids: git's merge driver for plans.

    Progress entries and revisions both sides added are all kept, in date order, each once;
    actions, recommendations and values changed on one side only are taken from it. A value
    both sides changed differently keeps ours and records theirs in a `conflicts:` entry on
    the item (exit 1: git marks the file conflicted; lint reports the entry, AP601, until it is
    resolved). No conflict marker is ever written into a plan. Set up by `actionplan
    git-setup`; git runs it (the placeholders are git's), not you.

    Example: actionplan merge-driver %O %A %B %P
    """
    from actionplan.editing.merge import MergeRefused, merge_plans
    from actionplan.editing.write import WriteError, replace_if_unchanged
    from actionplan.load import LoadProblem, decode
    from actionplan.output.escape import terminal
    from actionplan.yaml.decode import BOM

    shown = name or str(ours)
    keep = (
        f"{shown} is left as our version, and git marks it conflicted: bring in their changes "
        f"by hand (git diff MERGE_HEAD -- {shown} shows them), run 'actionplan lint {shown}', "
        f"then 'git add {shown}'"
    )
    texts: list[str] = []
    raw_ours = b""
    for label, path in (
        ("the base version", base),
        ("our version", ours),
        ("their version", theirs),
    ):
        try:
            raw = path.read_bytes()
            texts.append(decode(f"{label} of {shown}", raw))
        except OSError as error:
            fail(f"cannot read {label} of {shown} ({path}): {error.strerror or error}")
        except LoadProblem as problem:
            fail(f"{problem.finding}\n{label} of {shown} is not a plan file as written: {keep}")
        if path == ours:
            raw_ours = raw
    ours_from, theirs_from = _sides()
    try:
        result = merge_plans(*texts, ours_from=ours_from, theirs_from=theirs_from)
    except MergeRefused as error:
        fail(f"cannot merge {shown} by ids: {error}.\n{keep}")
    bom = "\ufeff" if raw_ours.startswith(BOM) else ""
    try:
        replace_if_unchanged(ours, raw_ours, bom + result.text)
    except WriteError as error:
        fail(f"{error}\n{keep}")
    if result.clean:
        typer.echo(f"actionplan: merged {shown} by ids, with no conflicts", err=True)
        return
    typer.echo(
        f"actionplan: merged {shown} by ids; {len(result.conflicts)} conflict(s) recorded "
        "under 'conflicts:' (our value kept, theirs beside it):",
        err=True,
    )
    for conflict in result.conflicts:
        typer.echo(f"  {terminal(conflict.describe())}", err=True)
    typer.echo(
        f"Resolve each: make the item say what was agreed, delete its conflicts entry, check "
        f"with 'actionplan lint {shown}', then 'git add {shown}'.",
        err=True,
    )
    raise typer.Exit(1)
