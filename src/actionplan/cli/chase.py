"""`actionplan chase`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    PathsArg,
    SoonOpt,
    StaleOpt,
    as_of_date,
    fail,
    load_or_fail,
)
from actionplan.schedule import SOON_DAYS, STALE_DAYS

if TYPE_CHECKING:
    from email.headerregistry import Address

    from actionplan.reports.chase import ChaseReport


class ChaseFormat(StrEnum):
    EML = "eml"
    CSV = "csv"


@app.command()
def chase(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="The folder the .eml files go in (made if missing); with --format csv, the "
            "file to write instead of stdout.",
        ),
    ] = None,
    format: Annotated[
        ChaseFormat,
        typer.Option(
            "--format",
            "-f",
            help="eml (one email file per owner) or csv (one row per owner and action, for a "
            "mail merge).",
            show_default=True,
        ),
    ] = ChaseFormat.EML,
    sender: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ADDRESS",
            help="Who the chasers are from: an address (jane.officer@council.gov.uk), or a name "
            "and the address in angle brackets. Default: a placeholder to replace.",
        ),
    ] = None,
    subject: Annotated[
        str | None,
        typer.Option(
            metavar="TEXT",
            help="The subject; {count} (e.g. '2 actions'), {name} and {date} are filled in. "
            "Default: 'Action plan: {count} to update, as of {date}'.",
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List who would get what; write nothing.")
    ] = False,
    include_exempt: Annotated[
        bool,
        typer.Option(
            "--include-exempt",
            help="Chase exempt items (Schedule 12A) too: they are left out by default, as in "
            "the board papers.",
        ),
    ] = False,
) -> None:
    """Write a chaser to each owner whose actions need an update: one email per owner.

    An action is chased when it is open and overdue, due within --soon days, or has had no
    progress for --stale days, as of --as-of. Owners are grouped as the people the plans and the
    settings file declare (an alias counts as its person), then by plan. Each chaser is an .eml
    file (To from the people directory, a plain-text and an HTML part) listing the actions with
    their targets and last update, the 'actionplan update' command to answer each, and the
    spreadsheet columns to fill instead. Nothing is sent: open the files in your mail program.
    Owners with no email address, and chased actions with no owner, are listed. Exempt items
    are left out unless --include-exempt.

    Example: actionplan chase plans/ --as-of 2020-03-01 --output chasers/ --from jane@council.gov.uk
    """
    from email.headerregistry import Address

    from actionplan.model.people import settings_people
    from actionplan.output.escape import terminal
    from actionplan.output.mail import DEFAULT_SENDER, parse_sender, recipient
    from actionplan.reports.chase import chase_report
    from actionplan.views.chase import DEFAULT_SUBJECT, headline, problem_lines, withheld_line

    day = as_of_date(as_of)
    from_address = parse_sender(sender if sender is not None else DEFAULT_SENDER)
    subject = subject if subject is not None else DEFAULT_SUBJECT
    if format is ChaseFormat.EML and output is None and not dry_run:
        fail(
            "chasers are written as .eml files into a folder: add --output DIR (or --dry-run "
            "to list who would get what, or --format csv for a mail merge)"
        )
    if format is ChaseFormat.EML and output is not None and output.exists() and not output.is_dir():
        fail(f"--output {output} is a file: give a folder for the .eml files, e.g. chasers/")
    loaded = load_or_fail(paths)
    report = chase_report(
        [each.plan for each in loaded],
        {each.plan.plan.id: each.path for each in loaded},
        day,
        soon=soon,
        stale=stale,
        people=settings_people(each.settings for each in loaded),
        include_exempt=include_exempt,
    )
    to = [recipient(chaser.owner) for chaser in report.chasers]
    problems = [None if isinstance(each, Address) else each for each in to]
    warnings = [terminal(line) for line in problem_lines(report, problems)]
    withheld = withheld_line(report)
    if format is ChaseFormat.CSV:
        _merge_csv(report, to, subject, output, dry_run)
        summary = [headline(report), *warnings, *([withheld] if withheld else [])]
        for line in summary:  # stdout may be the CSV
            typer.echo(terminal(line), err=True)
        return
    _write_emls(report, to, from_address, subject, output, dry_run)
    if withheld:
        typer.echo(terminal(withheld))
    for line in warnings:  # once, on stderr: where a warning goes, and what CI annotates
        typer.echo(f"warning: {line}", err=True)
    if dry_run:
        typer.echo("dry run: nothing written")


def _merge_csv(
    report: ChaseReport,
    to: list[Address | str],
    subject: str,
    output: Path | None,
    dry_run: bool,
) -> None:
    """The mail-merge CSV, to stdout or --output (with --dry-run, to stdout only)."""
    from email.headerregistry import Address

    from actionplan.cli.output import render
    from actionplan.output.formats import Format
    from actionplan.views.chase import merge_records
    from actionplan.views.document import View

    emails = [each.addr_spec if isinstance(each, Address) else None for each in to]
    records = merge_records(report, emails, subject)
    view = View(blocks=list, csv=lambda: records)
    render(view, Format.CSV, None if dry_run else output)


def _write_emls(
    report: ChaseReport,
    to: list[Address | str],
    sender: Address,
    subject: str,
    output: Path | None,
    dry_run: bool,
) -> None:
    """One .eml per owner into --output (or, with --dry-run, the list of them), said line by
    line: the file, who it is to, and the actions in it."""
    from email.headerregistry import Address

    from actionplan.cli.common import check_output
    from actionplan.editing.write import write_file
    from actionplan.findings import plural
    from actionplan.output.escape import terminal
    from actionplan.output.mail import chaser_message, eml_bytes, eml_names
    from actionplan.views.chase import chased_ids, chaser_letter, headline

    typer.echo(terminal(headline(report)))
    many = len({plan.plan for chaser in report.chasers for plan in chaser.plans}) > 1
    names = eml_names(chaser.owner for chaser in report.chasers)
    if output is not None and not dry_run and report.chasers:
        output.mkdir(parents=True, exist_ok=True)
    for chaser, name, address in zip(report.chasers, names, to, strict=True):
        path = output / name if output is not None else Path(name)
        who = str(address) if isinstance(address, Address) else f"{chaser.owner.name} ({address})"
        count = plural(len(chaser.actions), "action")
        if not dry_run:
            check_output(path)
            letter = chaser_letter(chaser, report, subject)
            write_file(path, eml_bytes(chaser_message(letter, sender)))
        verb = "would write" if dry_run else "wrote"
        line = f"{verb} {path} to {who}: {count} ({chased_ids(chaser, many)})"
        typer.echo(terminal(line))
