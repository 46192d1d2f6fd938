"""`actionplan site`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    JobsOpt,
    PathsArg,
    SoonOpt,
    StaleOpt,
    as_of_date,
    fail,
    resolve_paths,
)
from actionplan.schedule import SOON_DAYS, STALE_DAYS


@app.command("site")
def site_command(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            show_default=False,
            help="The folder to build the site in: new, empty, or a site built before.",
        ),
    ],
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    soon: SoonOpt = SOON_DAYS,
    stale: StaleOpt = STALE_DAYS,
    include_exempt: Annotated[
        bool,
        typer.Option(
            "--include-exempt",
            help="Keep exempt items (Schedule 12A) in the site, e.g. for an intranet.",
        ),
    ] = False,
    include_emails: Annotated[
        bool,
        typer.Option(
            "--include-emails", help="Show the people directory's email addresses on owners' pages."
        ),
    ] = False,
    jobs: JobsOpt = None,
) -> None:
    """Build a static website of the plans, to publish: index, plans, recommendations, owners.

    An index of plans (the portfolio), a page per plan (its recommendations, its charts and
    the actions overdue or due soon), per recommendation (its actions in full, with its history
    in git when the plans are kept there) and per owner; the plan files are shared over every
    core for many files (--jobs).
    Plain HTML pages, readable without JavaScript, with relative links only, so the folder can
    be served from GitHub Pages, SharePoint or any web server. site.json records the --as-of;
    a rebuild rewrites only the pages whose content changed. Exempt items and email addresses
    are left out unless --include-exempt and --include-emails.

    Example: actionplan site plans/ --as-of 2020-03-01 --output site
    """
    from actionplan.findings import plural
    from actionplan.site.build import PlansDoNotLoad, SiteOptions, build_site

    options = SiteOptions(
        as_of_date(as_of),
        soon=soon,
        stale=stale,
        include_exempt=include_exempt,
        include_emails=include_emails,
    )
    try:
        built = build_site(resolve_paths(paths), output, options, jobs=jobs)
    except PlansDoNotLoad as problem:
        for finding in problem.findings:
            typer.echo(str(finding), err=True)
        fail(str(problem))
    for note in built.notes:
        typer.echo(note, err=True)
    done = built.written
    typer.echo(
        f"wrote {output}: {plural(done.pages, 'file')} for {plural(built.plans, 'plan')} as of "
        f"{options.as_of.isoformat()} ({done.written} written, {done.unchanged} unchanged, "
        f"{done.removed} removed)",
        err=True,
    )
    if built.history is not None:
        typer.echo("note: " + built.history, err=True)
