"""`actionplan lint`."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    JobsOpt,
    PathsArg,
    one_of,
    parse_date,
    resolve_paths,
)


class LintFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"


@app.command()
def lint(
    paths: PathsArg = None,
    format: Annotated[
        LintFormat,
        typer.Option("--format", "-f", help=f"Output format: {one_of(LintFormat)}."),
    ] = LintFormat.TEXT,
    strict: Annotated[bool, typer.Option(help="Fail (exit 1) on warnings too.")] = False,
    as_of: AsOfOpt = None,
    show_suppressed: Annotated[
        bool,
        typer.Option(
            "--show-suppressed",
            help="Print the findings that '# actionplan: ignore[CODE] reason' comments silence "
            "too, each with its reason (they still do not count).",
        ),
    ] = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REV",
            help="Also check the audit trail against the plans at this revision in git (on a "
            "pull request origin/main, in a pre-commit hook HEAD): no target moved without a "
            "revision, nothing deleted, no entry rewritten (AP501-AP505).",
        ),
    ] = None,
    jobs: JobsOpt = None,
    list_rules: Annotated[
        bool, typer.Option("--list-rules", help="Print every rule code and its meaning.")
    ] = False,
) -> None:
    """Check plan files: YAML, the plan format, and the rules across a plan.

    Prints `file:line:col: severity code message` for each finding and a one-line summary.
    Exits 0 when clean, 1 on errors (or warnings with --strict), 2 on usage errors.
    Date-dependent rules (updates after today, overdue with no progress) run only with --as-of.
    With --base REV the plans are also compared with their versions at REV in git (matched by
    plan id): the audit trail is append-only.
    A finding kept on purpose is silenced by a comment on its line,
    `# actionplan: ignore[AP204] the source printed this total`; --show-suppressed lists them.

    Example: actionplan lint plans/ --format github
    """
    from actionplan.output import lint_formats
    from actionplan.pipeline import lint_paths

    if list_rules:
        sys.stdout.write(lint_formats.rules_listing())
        return
    day = parse_date(as_of, "--as-of") if as_of else None
    result = lint_paths(resolve_paths(paths), day, jobs=jobs)
    if base is not None:
        from actionplan.history.trail import trail_against

        result = trail_against(result, base, resolve_paths(paths))
    for note in result.skipped:
        typer.echo(note, err=True)
    if format is LintFormat.TEXT:
        colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        sys.stdout.write(
            lint_formats.as_text(result, colour=colour, show_suppressed=show_suppressed)
        )
    elif format is LintFormat.JSON:
        sys.stdout.write(lint_formats.as_json(result))
    elif format is LintFormat.SARIF:
        from actionplan import __version__

        sys.stdout.write(lint_formats.as_sarif(result, __version__))
    else:
        sys.stdout.write(lint_formats.as_github(result))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            try:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(lint_formats.github_summary(result))
            except OSError as error:
                typer.echo(
                    f"note: cannot add the summary table to GITHUB_STEP_SUMMARY ({summary}): "
                    f"{error.strerror or error}; the findings above are complete",
                    err=True,
                )
    raise typer.Exit(1 if result.failed(strict=strict) else 0)
