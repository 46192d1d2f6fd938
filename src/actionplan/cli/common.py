"""Options and plumbing shared by the commands: paths, dates, formats, output files."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from actionplan.cli.app import BadValue
from actionplan.errors import ActionPlanError
from actionplan.output.formats import Format

if TYPE_CHECKING:
    from collections.abc import Iterable

    from actionplan.findings import Finding
    from actionplan.load import LoadedPlan

DEFAULT_DIR = Path("plans")


def parse_date(text: str, option: str) -> date:
    """A YYYY-MM-DD date given to `option`; a usage error naming the option otherwise."""
    from actionplan.model.plan import parse_iso_date

    try:
        return parse_iso_date(text.strip())
    except ValueError as error:  # PydanticCustomError: '…' is not a date / not a real date
        raise BadValue(f"{option} {error}") from None


def one_of(choices: Iterable[object]) -> str:
    """Choices as help lists them: `red, amber or green` (an enum's values, in its order)."""
    names = [str(getattr(choice, "value", choice)) for choice in choices]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="PATH",
        exists=True,
        readable=False,
        show_default=False,
        help="Plan files or directories (searched for *.yaml and *.yml). Default: plans/",
    ),
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write to this file (atomically) instead of stdout."
    ),
]
FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format", "-f", help="table (on screen), markdown, html, csv or json.", show_default=True
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="YYYY-MM-DD",
        help="The last meeting: also list what was completed, fell overdue or had its target "
        "revised after this date.",
    ),
]
SoonOpt = Annotated[
    int,
    typer.Option("--soon", min=0, metavar="DAYS", help="AMBER when due within this many days."),
]
StaleOpt = Annotated[
    int,
    typer.Option(
        "--stale", min=1, metavar="DAYS", help="AMBER when no progress for this many days."
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", metavar="YYYY-MM-DD", help="Compute as on this date. Default: today."),
]
JobsOpt = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Work through the files in N processes. Default: one per core from 50 files, "
        "else one. The output is the same with any N.",
    ),
]
FromHistoryOpt = Annotated[
    bool,
    typer.Option(
        "--from-history",
        help="The plans as they were in git at --as-of (the last commit on or before it).",
    ),
]
SinceRevOpt = Annotated[
    str | None,
    typer.Option(
        "--since-rev",
        metavar="REV",
        help="The last meeting as a revision in git (a tag, commit, branch or date): also show "
        "what changed in the plans since then (as 'actionplan diff REV' does).",
    ),
]


def load_plans_for(
    paths: list[Path] | None, day: date, *, from_history: bool = False
) -> list[LoadedPlan]:
    """The plans a report reads: from the files (`load_or_fail`), or, with --from-history, as
    they were in git on `day`."""
    if not from_history:
        return load_or_fail(paths)
    from actionplan.cli.history import load_from_history

    return load_from_history(paths, day)


def resolve_paths(paths: list[Path] | None) -> list[Path]:
    """The paths given, or plans/ in the current directory."""
    if paths:
        return paths
    if not DEFAULT_DIR.is_dir():
        raise BadValue(
            "no PATH given and there is no plans/ directory here: give a plan file or directory"
        )
    return [DEFAULT_DIR]


def as_of_date(text: str | None) -> date:
    """The --as-of date, or today: the only place the command line reads the clock."""
    return parse_date(text, "--as-of") if text else date.today()


def since_date(text: str | None, as_of: date) -> date | None:
    """The --since date (the last meeting), which must come before the as-of date."""
    if text is None:
        return None
    since = parse_date(text, "--since")
    if since >= as_of:
        fail(
            f"--since {since.isoformat()} is not before the as-of date {as_of.isoformat()}: "
            "give the date of the last meeting"
        )
    return since


def fail(message: str) -> NoReturn:
    """Stop the command: `Error: <message>` on stderr and exit 1 (see `ActionPlanError`)."""
    raise ActionPlanError(message)


def load_or_fail(paths: list[Path] | None) -> list[LoadedPlan]:
    """Load every plan, or print the findings that stop it and exit 1.

    Commands that compute reports cannot work on a file that does not load; they name the
    problems and point to `actionplan lint` for the rest.
    """
    from actionplan.config import settings_for
    from actionplan.findings import Severity
    from actionplan.load import load_plans

    plans, findings, found = load_plans(resolve_paths(paths))
    for loaded in plans:  # its mistakes are lint's to report; the rest of it still applies
        loaded.settings = settings_for(Path(loaded.path))[0]
    for note in found.skipped:
        typer.echo(note, err=True)
    fail_on_load_errors([f for f in findings if f.severity is Severity.ERROR])
    if not plans:
        fail_no_plans(paths)
    fail_on_copies([(loaded.plan.plan.id, loaded.path) for loaded in plans])
    note_plans_read(loaded.path for loaded in plans)
    return plans


def fail_on_load_errors(errors: list[Finding]) -> None:
    """Print the errors that stop plans from loading, if any, and stop."""
    from actionplan.findings import plural

    if errors:
        for finding in sorted(errors):
            typer.echo(str(finding), err=True)
        fail(
            f"{plural(len(errors), 'problem')} above {'stops' if len(errors) == 1 else 'stop'} "
            "these plans from loading: fix them (run 'actionplan lint' for every finding)"
        )


def fail_on_copies(plans: list[tuple[str, str]]) -> None:
    """Stop when two of the plans read, given as (id, file), have the same id."""
    counts = Counter(ident for ident, _file in plans)  # one pass: 5,000 plans is fine
    for ident, count in counts.items():
        if count == 1:
            continue
        files = ", ".join(file for each, file in plans if each == ident)
        fail(
            f"{count} plan files have the id '{ident}' ({files}): a copy of the same "
            "plan would count every action twice; remove the copy, or give each plan its own "
            "'id:' under 'plan:'"
        )


def note_plans_read(files: Iterable[str]) -> None:
    """Remember the plan files this run read, which --output may never replace."""
    _PLANS_READ[:] = [Path(file) for file in files]


def fail_no_plans(paths: list[Path] | None) -> NoReturn:
    looked = ", ".join(str(path) for path in resolve_paths(paths))
    fail(f"no plan files found in {looked} (looked for *.yaml and *.yml)")


def plan_id_of(plan: str | None, loaded: list[LoadedPlan]) -> str | None:
    """A --plan given as an id, or as one of the loaded plans' files, as the plan's id."""
    if plan is None:
        return None
    for each in loaded:
        try:
            same = Path(plan).exists() and Path(plan).samefile(each.path)
        except OSError:
            same = False
        if same:
            return each.plan.plan.id
    if Path(plan).is_file():
        read = ", ".join(each.path for each in loaded)
        fail(
            f"--plan {plan} is a file, but not one of the plans read ({read}): give it as a path "
            "too, or give the plan's id"
        )
    return plan


# The plan files this run read (set by load_or_fail): --output may never be one of them.
_PLANS_READ: list[Path] = []


def check_output(output: Path) -> None:
    """Refuse to write a report over a plan file: one this command has just read, or any
    existing .yaml file (reports are Markdown, HTML, CSV, JSON or a workbook).

    A symbolic link is judged by the file it points at, since that is what the write replaces;
    a file with other names (hard links) gets a note that it is replaced by a new file.
    """
    import os

    from actionplan.discover import PLAN_SUFFIXES
    from actionplan.editing.write import replacement_notes

    resolved = Path(os.path.realpath(output))
    linked = resolved != Path(os.path.abspath(output))
    shown = f"{output} (a symbolic link to {resolved})" if linked else str(output)
    for plan in _PLANS_READ:
        try:
            same = resolved.exists() and resolved.samefile(plan)
        except OSError:
            same = False
        if same:
            fail(
                f"--output {shown} is the plan file being read: writing there would replace "
                "the plan; give another file, e.g. --output report.md"
            )
    if resolved.suffix in PLAN_SUFFIXES and resolved.exists():
        fail(
            f"--output {shown} is a .yaml file, most likely a plan: writing there would replace "
            "it; write the report to a .md, .html, .csv or .json file"
        )
    for note in replacement_notes(output):
        typer.echo(note, err=True)


def emit(text: str, output: Path | None) -> None:
    """Print `text`, or write it atomically to `output`."""
    if output is None:
        sys.stdout.write(text)
        return
    from actionplan.editing.write import write_file

    check_output(output)
    write_file(output, text)
    typer.echo(f"wrote {output}", err=True)
