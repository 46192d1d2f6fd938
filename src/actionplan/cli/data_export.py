"""`actionplan export --format sqlite|datapackage`: every plan as data for analysts.

The `export` command (cli/tracker.py) hands these two formats here: the options they add are
declared here, and the work is `actionplan.data`'s.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actionplan.cli.common import as_of_date, fail, resolve_paths

if TYPE_CHECKING:
    from actionplan.data.export import ExportSummary, Writer

ForceOpt = Annotated[
    bool,
    typer.Option(
        "--force",
        help="sqlite and datapackage: replace --output even when it is not an earlier export.",
    ),
]
DataExemptOpt = Annotated[
    bool,
    typer.Option(
        "--include-exempt",
        help="sqlite and datapackage: keep exempt plans, recommendations and actions "
        "(Schedule 12A). Left out by default.",
    ),
]
IncludeEmailsOpt = Annotated[
    bool,
    typer.Option(
        "--include-emails",
        help="sqlite and datapackage: keep people's email addresses. Left out by default.",
    ),
]

FORMATS = ("sqlite", "datapackage")
PLAN_SUFFIXES = (".yaml", ".yml")


def refuse_data_options(format: str, **given: object) -> None:
    """Refuse, for csv and xlsx, the options only sqlite and datapackage take."""
    named = [f"--{name.replace('_', '-')}" for name, value in given.items() if value]
    if named:
        fail(
            f"{', '.join(named)}: only --format sqlite and datapackage take "
            f"{'it' if len(named) == 1 else 'them'}; a {format} tracker holds one plan as it is"
        )


def export_data(
    paths: list[Path] | None,
    format: str,
    output: Path | None,
    *,
    as_of: str | None,
    force: bool,
    include_exempt: bool,
    include_emails: bool,
    jobs: int | None = None,
) -> None:
    """Export every plan under `paths` to a database (`sqlite`) or a data package, the files
    read over `jobs` processes."""
    from actionplan.data.export import PlansNotLoaded, export_plans
    from actionplan.data.rows import ExportOptions
    from actionplan.editing.write import write_built

    package = format == "datapackage"
    if output is None:
        example = "-o plans-data" if package else "-o plans.db"
        fail(f"--format {format} writes {'a folder' if package else 'a file'}: add {example}")
    if output.suffix.lower() in PLAN_SUFFIXES:
        fail(
            f"--output {output} is named like a plan file: name the "
            f"{'folder' if package else 'database'} e.g. "
            f"{output.with_suffix('' if package else '.db')}"
        )
    parent = output.parent
    if not parent.is_dir():
        fail(
            f"--output {output}: the folder {parent} does not exist: create it first, or "
            "choose another --output"
        )
    replacing = _replace_note(output, package=package, force=force)
    options = ExportOptions(
        as_of_date(as_of), include_exempt=include_exempt, include_emails=include_emails
    )
    found = resolve_paths(paths)
    summary: ExportSummary | None = None

    def build(temp: Path) -> None:
        nonlocal summary
        writer: Writer
        if package:
            from actionplan.data.datapackage import PackageWriter

            writer = PackageWriter(temp)
        else:
            from actionplan.data.sqlite import SqliteWriter

            writer = SqliteWriter(temp)
        try:
            summary = export_plans(found, writer, options, jobs=jobs)
            writer.finish()
        finally:
            writer.close()

    try:
        write_built(output, build, directory=package)
    except PlansNotLoaded as problem:
        for finding in problem.findings:
            typer.echo(str(finding), err=True)
        raise
    assert summary is not None
    for note in summary.skipped:
        typer.echo(note, err=True)
    if replacing:
        typer.echo(f"note: {replacing}", err=True)
    typer.echo(f"wrote {output}: {_contents(summary)}", err=True)
    for note in _withheld_notes(summary):
        typer.echo(f"note: {note}", err=True)


def _replace_note(output: Path, *, package: bool, force: bool) -> str | None:
    """What replacing an existing --output means (None: nothing is there), or refuse it."""
    if not output.exists() and not output.is_symlink():
        return None
    if package:
        return _replace_folder_note(output, force=force)
    from actionplan.data.sqlite import describe_file, is_export

    if output.is_dir():
        fail(f"--output {output} is a folder: give the database's file name, e.g. {output}.db")
    if is_export(output):
        return f"replaced {output}, an earlier actionplan export"
    what = describe_file(output)
    if not force:
        fail(
            f"--output {output} already exists and is {what}: choose another file, or add "
            "--force to replace it"
        )
    return f"replaced {output} (--force), which was {what}"


def _replace_folder_note(output: Path, *, force: bool) -> str | None:
    from actionplan.data.datapackage import is_package

    if not output.is_dir():
        fail(
            f"--output {output} is a file: --format datapackage writes a folder; give a "
            "folder's name"
        )
    entries = list(output.iterdir())
    if not entries:
        return None
    if is_package(output):
        return f"replaced {output}, an earlier actionplan export"
    plans = [e.name for e in entries if e.suffix.lower() in PLAN_SUFFIXES]
    folders = [e.name for e in entries if e.is_dir()]
    if plans or folders:
        held = f"plan files ({', '.join(sorted(plans)[:3])})" if plans else "folders"
        fail(
            f"--output {output} holds {held}, so it is never replaced, even with --force: "
            "give a new folder's name"
        )
    if not force:
        fail(
            f"--output {output} already holds files and is not an actionplan export: choose "
            "another folder, or add --force to replace it"
        )
    return f"replaced {output} (--force), which was not an actionplan export"


def _contents(summary: ExportSummary) -> str:
    from actionplan.findings import plural

    rows = summary.rows
    counted = [
        plural(summary.plans, "plan"),
        plural(rows.get("recommendations", 0), "recommendation"),
        plural(rows.get("actions", 0), "action"),
        plural(rows.get("progress", 0), "progress update"),
        plural(rows.get("costs", 0), "cost line"),
    ]
    return ", ".join(counted)


def _withheld_notes(summary: ExportSummary) -> list[str]:
    notes = []
    withheld = summary.withheld
    if withheld.count:
        paragraphs = ", ".join(withheld.paragraphs)
        notes.append(
            f"{withheld.count} exempt item{'' if withheld.count == 1 else 's'} left out "
            f"(Schedule 12A: {paragraphs}): add --include-exempt to keep "
            f"{'it' if withheld.count == 1 else 'them'}"
        )
    if summary.emails_withheld:
        count = summary.emails_withheld
        notes.append(
            f"{count} email address{'' if count == 1 else 'es'} left out: add --include-emails "
            f"to keep {'it' if count == 1 else 'them'}"
        )
    return notes
