"""The chase report in words: each owner's chaser as a letter (for `output.mail` to make into
an email), the mail-merge rows (one per owner and action), and the run's summary lines.

Nothing here escapes or encodes: the letter is plain text, and `output.mail` makes it safe for
each part of an email. The reply columns are the tracker's own (`tracker.columns`), as import
reads them, so what an owner fills in is what the officer can import.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from actionplan.findings import plural
from actionplan.reports.chase import Chased, Chaser, ChaseReport, Owner, PlanChased, Why
from actionplan.views.document import Field, Records
from actionplan.views.status import rag_cell, status_word, target_cell

if TYPE_CHECKING:
    from datetime import date

DEFAULT_SUBJECT = "Action plan: {count} to update, as of {date}"
_SUBJECT_FIELD = re.compile(r"\{(count|name|date)\}")
NOTE_PLACEHOLDER = "What has happened since the last update"

# The tracker columns an owner fills in a returned spreadsheet (their import names).
REPLY_FIELDS = ("rec_id", "action_id", "status", "progress", "progress_date", "completed")


@dataclass(frozen=True)
class Entry:
    """One chased action as the letter words it."""

    id: str
    text: str
    recommendation: str
    target: str
    status: str
    rag: str
    why: str
    last_update: str
    shared_with: str | None  # the other owners, when there are any
    command: str  # the `actionplan update` line, quoted for a shell


@dataclass(frozen=True)
class Section:
    """The letter's actions from one plan."""

    plan: str
    title: str
    path: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Letter:
    """One owner's chaser, in words: what `output.mail` writes as plain text and as HTML."""

    owner: Owner
    subject: str
    greeting: str
    intro: str
    sections: tuple[Section, ...]
    reply: tuple[str, ...]  # how to reply with `actionplan update`
    sheet: str  # how to reply with a spreadsheet
    columns: tuple[tuple[str, str], ...]  # the spreadsheet's columns: header, what to write
    as_of: date


# --- Words -----------------------------------------------------------------------------------


def why_words(chased: Chased, as_of: date) -> str:
    """`overdue by 1 day (due 2020-02-29); no progress recorded for 121 days`."""
    row = chased.row
    words = []
    for reason in chased.reasons:
        if reason is Why.OVERDUE:
            due = row.due_date.isoformat() if row.due_date else "no date"
            words.append(f"overdue by {plural(row.days_overdue, 'day')} (due {due})")
        elif reason is Why.DUE_SOON and row.due_date is not None:
            days = (row.due_date - as_of).days
            when = "today" if days == 0 else f"in {plural(days, 'day')}"
            words.append(f"due {row.due_date.isoformat()}, {when}")
        elif reason is Why.STALE:
            since = (
                f"last update {row.last_update.isoformat()}"
                if row.last_update
                else "none since the plan was adopted"
            )
            words.append(f"no progress recorded for {plural(row.quiet_days or 0, 'day')} ({since})")
    return "; ".join(words)


def update_command(path: str, action_id: str, by: str) -> str:
    """The `actionplan update` line an owner runs to answer, each value quoted for a shell."""
    words = ["actionplan", "update", action_id, path, "--note", NOTE_PLACEHOLDER, "--by", by]
    return shlex.join(words)


def subject_line(template: str, count: int, name: str, as_of: date) -> str:
    """The subject: `template` with {count} (`2 actions`), {name} and {date} (the as-of date)
    filled in, each once (a name that holds `{date}` stays as written); any other text, braces
    included, stays as written."""
    filled = {"count": plural(count, "action"), "name": name, "date": as_of.isoformat()}
    return _SUBJECT_FIELD.sub(lambda match: filled[match.group(1)], template)


def reply_columns() -> tuple[tuple[str, str], ...]:
    """The spreadsheet columns to fill, by the header import reads, with what each holds."""
    from actionplan.tracker.columns import COLUMNS

    by_field = {column.field: column for column in COLUMNS}
    columns = []
    for name in REPLY_FIELDS:
        column = by_field[name]
        header = column.header or column.headers[0].capitalize()
        columns.append((header, column.meaning))
    return tuple(columns)


def _entry(chased: Chased, owner: Owner, plan: PlanChased, as_of: date) -> Entry:
    row = chased.row
    names = row.people or row.owners
    others = [name for name in names if name.casefold() != owner.name.casefold()]
    return Entry(
        id=row.id,
        text=row.text,
        recommendation=f"{row.recommendation}: {row.recommendation_title}",
        target=target_cell(row),
        status=status_word(row),
        rag=rag_cell(row),
        why=why_words(chased, as_of),
        last_update=row.last_update.isoformat() if row.last_update else "none",
        shared_with=", ".join(others) or None,
        command=update_command(plan.path, row.id, owner.name),
    )


def chaser_letter(chaser: Chaser, report: ChaseReport, subject: str = DEFAULT_SUBJECT) -> Letter:
    """The chaser to one owner, worded."""
    owner, as_of = chaser.owner, report.as_of
    count = len(chaser.actions)
    sections = tuple(
        Section(
            plan.plan,
            plan.title,
            plan.path,
            tuple(_entry(each, owner, plan, as_of) for each in plan.actions),
        )
        for plan in chaser.plans
    )
    noun = "this action needs" if count == 1 else f"these {count} actions need"
    intro = (
        f"As of {as_of.isoformat()}, {noun} an update from you before the next meeting. An "
        f"action is listed when it is overdue, due within {report.soon} days, or has had no "
        f"progress recorded for {report.stale} days or more; 'Why now' says which."
    )
    reply = (
        "Reply by running the command under each action, with your own note in place of "
        f"'{NOTE_PLACEHOLDER}'.",
        "Add --status done --completed YYYY-MM-DD when the action is finished, --status "
        "blocked --reason 'why' when it cannot go on, or --revise-target YYYY-MM --reason "
        "'why' to ask for a new target date.",
    )
    sheet = (
        "Or reply with a spreadsheet: one row per action, with these columns (the names "
        "actionplan import reads):"
    )
    return Letter(
        owner=owner,
        subject=subject_line(subject, count, owner.name, as_of),
        greeting=f"Dear {owner.name},",
        intro=intro,
        sections=sections,
        reply=reply,
        sheet=sheet,
        columns=reply_columns(),
        as_of=as_of,
    )


# --- The mail merge --------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeRow:
    """One owner and one of their chased actions: a row of the mail-merge CSV."""

    owner: Owner
    email: str | None  # the address a message can go to (None: none, or not an address)
    plan: PlanChased
    chased: Chased
    subject: str
    command: str


MERGE_FIELDS: list[Field[MergeRow]] = [
    Field("owner", lambda r: r.owner.name),
    Field("owner_id", lambda r: r.owner.id),
    Field("email", lambda r: r.email),
    Field("subject", lambda r: r.subject),
    Field("plan", lambda r: r.plan.plan),
    Field("plan_title", lambda r: r.plan.title),
    Field("recommendation", lambda r: r.chased.row.recommendation),
    Field("id", lambda r: r.chased.row.id),
    Field("text", lambda r: r.chased.row.text),
    Field("owners", lambda r: r.chased.row.owners),
    Field("target", lambda r: target_cell(r.chased.row)),
    Field("due_date", lambda r: r.chased.row.due_date),
    Field("status", lambda r: r.chased.row.status),
    Field("rag", lambda r: r.chased.row.rag),
    Field("why", lambda r: tuple(r.chased.reasons)),
    Field("days_overdue", lambda r: r.chased.row.days_overdue),
    Field("days_without_progress", lambda r: r.chased.row.quiet_days),
    Field("last_update", lambda r: r.chased.row.last_update),
    Field("update_command", lambda r: r.command),
]


def merge_records(
    report: ChaseReport, emails: Sequence[str | None], subject: str = DEFAULT_SUBJECT
) -> Records[MergeRow]:
    """One record per owner and chased action; `emails` are the chasers' usable addresses."""
    rows = []
    for chaser, email in zip(report.chasers, emails, strict=True):
        line = subject_line(subject, len(chaser.actions), chaser.owner.name, report.as_of)
        for plan in chaser.plans:
            for each in plan.actions:
                command = update_command(plan.path, each.row.id, chaser.owner.name)
                rows.append(MergeRow(chaser.owner, email, plan, each, line, command))
    return Records(MERGE_FIELDS, rows)


# --- The run's summary -----------------------------------------------------------------------


def ref(plan: str, ident: str, many_plans: bool) -> str:
    return f"{plan} {ident}" if many_plans else ident


def chased_ids(chaser: Chaser, many_plans: bool) -> str:
    return ", ".join(ref(e.row.plan, e.row.id, many_plans) for e in chaser.actions)


def headline(report: ChaseReport) -> str:
    """`Chasers as of 2020-03-01: 9 actions for 5 owners (overdue, …)`."""
    actions = {(e.row.plan, e.row.id) for c in report.chasers for e in c.actions}
    actions |= {(e.row.plan, e.row.id) for e in report.unowned_actions}
    return (
        f"Chasers as of {report.as_of.isoformat()}: {plural(len(actions), 'action')} for "
        f"{plural(len(report.chasers), 'owner')} (overdue, due within {report.soon} days, or no "
        f"progress for {report.stale} days)"
    )


def problem_lines(report: ChaseReport, problems: Sequence[str | None]) -> list[str]:
    """What the run could not do, one line each: owners with no usable email (their chasers
    have no To) and chased actions no one owns; never skipped silently. `problems` are the
    chasers' email problems (None: the address is usable)."""
    many = len({p.plan for c in report.chasers for p in c.plans}) > 1
    lines = []
    missing = [(c, p) for c, p in zip(report.chasers, problems, strict=True) if p is not None]
    if missing:
        who = "; ".join(f"{c.owner.name} ({p})" for c, p in missing)
        lines.append(
            f"No usable email address for {plural(len(missing), 'owner')}, so their chasers "
            f"have no To: {who}. Address them by hand, or add an email to the person in the plan's "
            "people: or actionplan.toml's [[people]]."
        )
    unowned = report.unowned_actions
    if unowned:
        listed = ", ".join(
            ref(e.row.plan, e.row.id, many) + (f" ({e.row.no_owner})" if e.row.no_owner else "")
            for e in unowned
        )
        lines.append(
            f"No owner for {plural(len(unowned), 'chased action')}, so no chaser asks for them: "
            f"{listed}. Name an owner in the plan, or chase them yourself."
        )
    return lines


def withheld_line(report: ChaseReport) -> str | None:
    """How many exempt items were left out, when any were."""
    if not report.withheld.count:
        return None
    return (
        f"{plural(report.withheld.count, 'exempt item')} left out (Schedule 12A): "
        "--include-exempt chases them too"
    )
