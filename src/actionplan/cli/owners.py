"""`actionplan owners`."""

from __future__ import annotations

from actionplan.cli.app import app
from actionplan.cli.common import (
    AsOfOpt,
    FormatOpt,
    OutputOpt,
    PathsArg,
    SoonOpt,
    as_of_date,
    emit,
    load_or_fail,
)
from actionplan.output.render import Format
from actionplan.schedule import SOON_DAYS


@app.command()
def owners(
    paths: PathsArg = None,
    as_of: AsOfOpt = None,
    soon: SoonOpt = SOON_DAYS,
    format: FormatOpt = Format.TABLE,
    output: OutputOpt = None,
) -> None:
    """List each responsible officer: actions owned, done, overdue, due soon, next target.

    The list to chase before a meeting. Names are grouped ignoring case; an action with several
    owners counts for each. Next target is the earliest due date among the officer's open actions.

    Example: actionplan owners plans/ --as-of 2020-03-01 --format markdown
    """
    from actionplan.output.render import console, to_json
    from actionplan.reports.status import owner_rows, status_report
    from actionplan.views.document import print_blocks, render_blocks
    from actionplan.views.status import owners_csv, owners_json, owners_table

    day = as_of_date(as_of)
    plans = [loaded.plan for loaded in load_or_fail(paths)]
    report = status_report(plans, day, soon=soon)
    rows = owner_rows(report.actions)
    if not rows and format not in (Format.CSV, Format.JSON):
        emit("No actions in these plans, so no owners: add actions with 'owners:'.\n", output)
        return
    if format is Format.JSON:
        emit(to_json(owners_json(rows, day, soon)), output)
    elif format is Format.CSV:
        emit(owners_csv(rows), output)
    else:
        blocks = [
            owners_table(rows, day, soon, many_plans=len({row.plan for row in report.actions}) > 1)
        ]
        if format is Format.TABLE and output is None:
            print_blocks(blocks, console())
        else:
            emit(render_blocks(blocks, format), output)
