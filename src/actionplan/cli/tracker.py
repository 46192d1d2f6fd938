"""`actionplan import` and `actionplan export`: committee tracker spreadsheets."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import AsOfOpt, check_output, fail, load_or_fail, parse_date
from actionplan.cli.data_export import DataExemptOpt, ForceOpt, IncludeEmailsOpt


class SheetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    SQLITE = "sqlite"  # every plan as data: actionplan.data (cli/data_export.py)
    DATAPACKAGE = "datapackage"


@app.command("import")
def import_tracker(
    tracker: Annotated[
        Path | None,
        typer.Argument(
            metavar="TRACKER", exists=True, dir_okay=False, help="A tracker as .csv or .xlsx."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the plan to this file instead of stdout."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite --output if it exists.")
    ] = False,
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD",
            help='Read a column whose header is not recognised, e.g. --map "Lead=owners"; '
            "FIELD 'ignore' leaves it out. Repeat for more columns.",
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Leave out rows that cannot be read (they are listed)."),
    ] = False,
    sheet: Annotated[
        str | None,
        typer.Option(
            metavar="NAME",
            help="The .xlsx sheet to read. Default: the first. 'all': every sheet with a table "
            "(one per owner or per audit, say), into one plan, each sheet's recommendations "
            "under a theme named after it.",
        ),
    ] = None,
    plan_id: Annotated[
        str | None,
        typer.Option(
            "--id",
            metavar="ID",
            help="The plan's id. Default: from the --output (or tracker) name.",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option(metavar="TEXT", help="The plan's title.")] = None,
    organisation: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="The council or partnership that owns the plan."),
    ] = None,
    source: Annotated[
        str | None, typer.Option(metavar="TEXT", help="The document the plan comes from.")
    ] = None,
    updated: Annotated[
        str | None,
        typer.Option(
            metavar="YYYY-MM-DD",
            help="The date of the tracker's progress notes, for notes that give none "
            "(without it they are imported with their date not-recorded).",
        ),
    ] = None,
    relative_from: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="YYYY-MM-DD",
            help='The day relative targets ("6 months", "within 3 months") count from, e.g. '
            "the day the plan was agreed (without it they are imported with no target date, "
            "and a note).",
        ),
    ] = None,
    status_map: Annotated[
        list[str] | None,
        typer.Option(
            "--status-map",
            metavar="WORD=STATUS",
            help='Read a status word of your own, e.g. --status-map "Parked=blocked". Repeat '
            "for more.",
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Print which column is read as what, the status words and the first rows as "
            "read, and check the import, but write nothing.",
        ),
    ] = False,
    list_status_words: Annotated[
        bool,
        typer.Option("--list-status-words", help="List the status words import knows, and exit."),
    ] = False,
) -> None:
    """Turn a committee tracker spreadsheet (.csv or .xlsx) into a plan file.

    Columns are recognised by their headers (Rec No, Recommendation, Action, Lead officer, Target
    date, Status, RAG, Progress, Cost, and the like); dates such as "Feb 2020", "31/03/2021", "Q3
    2020/21" and "Ongoing" are understood, and "6 months" is counted from --from. A row that
    cannot be read is reported with its row number and nothing is written, unless --skip-bad
    leaves it out. The plan is checked by lint before it is written.

    Example: actionplan import tracker.xlsx --title "Domestic abuse plan" --organisation
    "Southampton City Council" --output plans/domestic-abuse.yaml
    """
    from datetime import date

    from actionplan.discover import PLAN_SUFFIXES
    from actionplan.editing.skeleton import plan_id_from
    from actionplan.tracker import (
        ImportOptions,
        dry_run_sheets,
        import_grids,
        parse_mapping,
        parse_status_map,
        read_grids,
        status_word_lines,
    )

    if list_status_words:
        for line in status_word_lines():
            typer.echo(line)
        return
    if tracker is None:
        fail("give the tracker to import: actionplan import TRACKER.csv (or .xlsx)")

    if output is not None and output.exists() and not force:
        fail(f"{output} already exists: choose another --output, or add --force to replace it")
    if output is not None and output.suffix not in PLAN_SUFFIXES:
        fail(
            f"--output {output}: name the plan file with .yaml (e.g. "
            f"{output.with_suffix('.yaml')}) so lint and the other commands find it"
        )
    options = ImportOptions(
        mapping=parse_mapping(mapping or []),
        skip_bad=skip_bad,
        plan_id=plan_id,
        default_id=plan_id_from(output) if output else None,
        title=title,
        organisation=organisation,
        source=source,
        updated=parse_date(updated, "--updated") if updated else None,
        imported=date.today(),
        status_map=parse_status_map(status_map or []),
        relative_from=parse_date(relative_from, "--from") if relative_from else None,
    )
    from actionplan.output.escape import terminal

    grids = read_grids(tracker, sheet)
    if dry_run:
        for line in dry_run_sheets(grids, options):
            typer.echo(line)
    imported = import_grids(grids, options)
    for note in imported.notes:
        typer.echo(terminal(f"note: {note}"), err=True)
    name = tracker.name
    for problem in imported.errors:
        prefix = "skipped" if skip_bad else "cannot read"
        typer.echo(terminal(f"{name}: {prefix} {problem}"), err=True)
    if imported.errors and not skip_bad:
        fail(
            f"{len(imported.errors)} row(s) cannot be read, so nothing was written: correct them "
            "in the spreadsheet, or add --skip-bad to leave them out"
        )
    if imported.text is None:
        for line in imported.in_tracker:
            typer.echo(terminal(line), err=True)
        fail(
            "the plan the tracker makes does not pass lint (above), so nothing was written: "
            "correct those rows in the spreadsheet"
        )
    if dry_run:
        typer.echo("dry run: the plan passes lint; nothing written", err=True)
        return
    if output is None:
        typer.echo(imported.text, nl=False)
        return
    from actionplan.editing.write import write_file

    write_file(output, imported.text)
    typer.echo(f"wrote {output}", err=True)


@app.command("export")
def export_tracker(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            exists=True,
            help="The plan file to export (sqlite and datapackage: any number of plan files "
            "and directories).",
        ),
    ],
    format: Annotated[
        SheetFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="csv or xlsx (one plan as a tracker), sqlite or datapackage (every plan as "
            "data). Default: from --output (.xlsx, .db), else csv.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to this file (needed for xlsx and sqlite; for datapackage, a folder).",
        ),
    ] = None,
    as_of: AsOfOpt = None,
    force: ForceOpt = False,
    include_exempt: DataExemptOpt = False,
    include_emails: IncludeEmailsOpt = False,
) -> None:
    """Write a plan as a tracker spreadsheet (.csv, .xlsx), or plans as data (SQLite, CSVs).

    One row per action (and cost line), under the plan's title block; 'actionplan import'
    reads it back into the same plan. A spreadsheet cannot carry the file's comments, nor
    outcomes, services and projects: what is left out is listed.

    --format sqlite writes every plan into one SQLite database, with views of overdue actions
    (as of --as-of), slippage and costs; --format datapackage writes a folder of CSVs with a
    Frictionless datapackage.json. Both leave exempt items and email addresses out unless asked.

    Example: actionplan export plans/southampton-domestic-abuse-2019.yaml --output tracker.xlsx

    Example: actionplan export plans/ --format sqlite -o plans.db --as-of 2020-03-01
    """
    from actionplan.editing.write import write_file
    from actionplan.tracker import grid_csv, grid_xlsx, tracker_grid

    if format is None:
        suffix = output.suffix.lower().lstrip(".") if output else ""
        format = SheetFormat.XLSX if suffix == "xlsx" else SheetFormat.CSV
        format = SheetFormat.SQLITE if suffix in ("db", "sqlite", "sqlite3") else format
    if format in (SheetFormat.SQLITE, SheetFormat.DATAPACKAGE):
        from actionplan.cli.data_export import export_data

        export_data(
            paths,
            format.value,
            output,
            as_of=as_of,
            force=force,
            include_exempt=include_exempt,
            include_emails=include_emails,
        )
        return
    from actionplan.cli.data_export import refuse_data_options

    refuse_data_options(format.value, as_of=as_of, force=force, include_exempt=include_exempt,
                        include_emails=include_emails)  # fmt: skip
    if len(paths) > 1:
        fail(f"--format {format.value} exports one plan file at a time: give one PLAN")
    plan = paths[0]
    if format is SheetFormat.XLSX and output is None:
        fail("an .xlsx workbook cannot go to the terminal: add --output tracker.xlsx")
    plans = load_or_fail([plan])
    if len(plans) > 1:
        fail(f"{plan} holds {len(plans)} plans: export one plan file at a time")
    exported = tracker_grid(plans[0].plan)
    if exported.left_out:
        typer.echo(
            f"note: a tracker has no place for {', '.join(exported.left_out)}; they were left "
            "out (keep the plan file as the master copy)",
            err=True,
        )
    if output is not None:
        check_output(output)
        if output.suffix.lower() not in ("", f".{format.value}"):
            fail(
                f"--format {format.value} but --output {output}: name the file "
                f"{output.with_suffix('.' + format.value)} so it opens as what it is"
            )
    if output is None:  # a CSV, to the terminal or a pipe
        typer.echo(grid_csv(exported).removeprefix("\ufeff"), nl=False)
        return
    sheet = grid_xlsx(exported) if format is SheetFormat.XLSX else grid_csv(exported)
    write_file(output, sheet)
    typer.echo(f"wrote {output}", err=True)
