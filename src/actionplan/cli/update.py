"""`actionplan update`."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import PathsArg, fail, fail_no_plans, one_of, parse_date, resolve_paths
from actionplan.model.plan import Rag, Status


class RagByHand(StrEnum):
    """What `--rag` takes: a rating (`Rag`), or none to clear one set by hand."""

    RED = Rag.RED.value
    AMBER = Rag.AMBER.value
    GREEN = Rag.GREEN.value
    NONE = "none"


@app.command()
def update(
    action_id: Annotated[str, typer.Argument(metavar="ACTION_ID", help="The action, e.g. 5.2.")],
    paths: PathsArg = None,
    note: Annotated[
        str | None, typer.Option(metavar="TEXT", help="What happened, in a sentence or two.")
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option(case_sensitive=False, help=f"The action's new status: {one_of(Status)}."),
    ] = None,
    completed: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD", help="When a done action was completed. Default: --date."
        ),
    ] = None,
    revise_target: Annotated[
        str | None,
        typer.Option(
            "--revise-target",
            metavar="TARGET",
            help="A new target (2021-06, 2021-06-30, ongoing or dependent); needs --reason.",
        ),
    ] = None,
    approved_by: Annotated[
        str | None,
        typer.Option(
            "--approved-by",
            metavar="BODY",
            help="With --revise-target: who approved the new target (e.g. 'Audit Committee').",
        ),
    ] = None,
    approved_at: Annotated[
        str | None,
        typer.Option(
            "--approved-at",
            metavar="YYYY-MM-DD",
            help="With --revise-target: the date it was approved (e.g. the meeting's).",
        ),
    ] = None,
    rag: Annotated[
        RagByHand | None,
        typer.Option(
            case_sensitive=False,
            help=f"Set the RAG by hand ({one_of(list(RagByHand)[:-1])}), or 'none' to clear one "
            "set by hand; needs --reason.",
        ),
    ] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT", help="Why: for --revise-target, --rag, and --status blocked or dropped."
        ),
    ] = None,
    by: Annotated[
        str | None, typer.Option(metavar="NAME", help="Who is recording this update.")
    ] = None,
    when: Annotated[
        str | None,
        typer.Option("--date", metavar="YYYY-MM-DD", help="Date of the update. Default: today."),
    ] = None,
    plan: Annotated[
        str | None,
        typer.Option(
            metavar="PLAN",
            help="The plan (its id or file) when the action id is in more than one.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the change as a diff; write nothing.")
    ] = False,
) -> None:
    """Record progress on an action: a dated note, a status, a revised target or a RAG.

    Appends a progress entry to the action (and a target revision, or sets a hand RAG, where
    asked) and sets its status; earlier entries are never changed. The plan file is edited in
    place: comments and layout are kept. The edited plan is checked first, and nothing is
    written if the change would add an error.

    Example: actionplan update 5.2 --status done --note "Campaign launched" --date 2020-03-02
    """
    from pydantic_core import PydanticCustomError

    from actionplan.editing.edit import (
        Change,
        EditError,
        FileHasErrors,
        find_action,
        update_action,
    )
    from actionplan.editing.write import WriteError, replacement_notes
    from actionplan.load import load_plans
    from actionplan.model.plan import Target

    today = date.today()  # the only clock read: the default date of the update
    on = parse_date(when, "--date") if when else today
    target = None
    if revise_target is not None:
        try:
            target = Target.parse(revise_target.strip())
        except PydanticCustomError as error:
            fail(f"--revise-target {error.message()}")
    change = Change(
        when=on,
        note=note,
        by=by,
        status=status,
        completed=parse_date(completed, "--completed") if completed else None,
        target=target,
        rag=None if rag is None or rag is RagByHand.NONE else Rag(rag.value),
        clear_rag=rag is RagByHand.NONE,
        reason=reason,
        approved_by=approved_by,
        approved_at=parse_date(approved_at, "--approved-at") if approved_at else None,
    )
    plans, findings, found = load_plans(resolve_paths(paths), partial=True)
    if not found.files:
        fail_no_plans(paths)
    try:
        loaded, action = find_action(plans, action_id, plan)
        notes = replacement_notes(Path(loaded.path))
        result = update_action(loaded.path, action.id, change, today, write=not dry_run)
    except WriteError as error:
        fail(str(error))
    except FileHasErrors as error:
        # Whatever the edit, a file that does not read as a plan is not written to: the check
        # of the edited text could not tell a new error from an old one.
        for finding in error.findings:
            typer.echo(str(finding), err=True)
        fail(f"nothing written: {error}")
    except EditError as error:
        unreadable = sorted({f.path for f in findings if f.code.startswith("AP0")})
        if unreadable:
            typer.echo(
                f"note: {len(unreadable)} file(s) could not be read and were not searched: "
                f"{', '.join(unreadable)} (run 'actionplan lint')",
                err=True,
            )
        fail(str(error))
    if result.introduced:
        for finding in result.introduced:
            typer.echo(str(finding), err=True)
        fail(
            f"nothing written: this update would add the error(s) above to {loaded.path} "
            "(line numbers as they would be after the edit); check --date and the values given"
        )
    if dry_run:
        sys.stdout.write(result.diff())
        typer.echo("dry run: nothing written", err=True)
        return
    for line in notes:
        typer.echo(line, err=True)
    if result.attempts > 1:
        typer.echo(
            f"note: {loaded.path} was changed by another program during the update; the update "
            "was made again on the new text",
            err=True,
        )
    typer.echo(f"Updated action {action.id} in {loaded.path}:")
    for line in result.changes:
        typer.echo(f"  {line}")
