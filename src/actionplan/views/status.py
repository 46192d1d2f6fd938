"""The status and owners reports as blocks, and as records for CSV and JSON (no computing here).

`status_report` decides what each action's status is; this module only words it: RAG cells keep
their word (RED, AMBER…) so a black-and-white print still reads, and a RAG set by hand is shown
first with the computed one beside it.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from itertools import groupby
from typing import TYPE_CHECKING, Any

from actionplan.findings import plural
from actionplan.model.plan import PlanFile
from actionplan.reports.status import (
    ActionEvent,
    ActionStatus,
    OwnerRow,
    RecommendationStatus,
    StatusReport,
    StatusSummary,
    known_owners,
    plan_figures,
    unknown_filters,
)
from actionplan.schedule import RAG_KEY
from actionplan.views.document import (
    Block,
    Column,
    Field,
    Heading,
    Lines,
    Records,
    Table,
    View,
    json_value,
    plans_named,
)

if TYPE_CHECKING:
    from actionplan.reports.board import Withheld

WHAT_WIDTH = 60
HAND_SET_KEY = "A RAG set by hand in the plan is shown first, with the computed one in brackets."


RAG_STYLES = {
    "red": "bold white on red",
    "amber": "bold black on yellow",
    "green": "bold white on green",
    "complete": "bold blue",
    "dropped": "dim",
}


def rag_style(cell: str) -> str | None:
    """Rich style for a cell holding a RAG word (its text stays, for black-and-white print)."""
    return RAG_STYLES.get(cell.split(" ")[0].lower()) if cell else None


def shorten(text: str, width: int = WHAT_WIDTH) -> str:
    """`text` on one line, cut to `width` characters with `…` when longer."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --- Cells -----------------------------------------------------------------------------------


def rag_cell(row: ActionStatus) -> str:
    """`RED`, or `GREEN (set by hand; computed RED)` when the plan sets the RAG itself."""
    computed = row.rag.value.upper()
    if row.hand_rag is None:
        return computed
    return f"{row.hand_rag.value.upper()} (set by hand; computed {computed})"


def why_cell(row: ActionStatus) -> str:
    if row.hand_rag is None:
        return row.rag_reason
    return f"set by hand: {row.hand_rag_reason or 'no reason given'}; computed: {row.rag_reason}"


def target_cell(row: ActionStatus) -> str:
    """The target as written; a revised one names the original and the slippage."""
    if row.original_target is None:
        return row.target
    slipped = f"slipped {plural(row.slippage_days, 'day')}"
    if row.revisions > 1:  # one revision goes without saying: 'was' says it
        slipped += f" in {row.revisions} revisions"
    if row.unapproved:
        slipped += f", {row.unapproved} not approved"
    return f"{row.target} (was {row.original_target}, {slipped})"


def overdue_cell(row: ActionStatus) -> str:
    if row.overdue:
        return plural(row.days_overdue, "day")
    if row.never_overdue and not row.closed:
        return "never"
    return ""


def owners_cell(owners: tuple[str, ...], no_owner: str | None = None) -> str:
    if owners:
        return ", ".join(owners)
    return f"none: {no_owner}" if no_owner else "none named"


def status_word(row: ActionStatus) -> str:
    """`done`, or with its closure when the plan says how it closed: `dropped (risk accepted)`."""
    if row.closure is None:
        return row.status.value
    return f"{row.status.value} ({row.closure.value.replace('-', ' ')})"


def recommendation_terms(rec: RecommendationStatus) -> str:
    """`; priority high, limited assurance, accepted in principle` where the plan says them."""
    first = rec.actions[0] if rec.actions else None
    if first is None:
        return ""
    terms = []
    if first.priority is not None:
        terms.append(f"priority {first.priority}")
    if first.assurance is not None:
        word = first.assurance.replace("-", " ")
        terms.append(word if word.endswith("assurance") else f"{word} assurance")
    if first.acceptance is not None:
        terms.append(first.acceptance.replace("-", " "))
    return f" ({', '.join(terms)})" if terms else ""


def _ref(plan: str, ident: str, many_plans: bool) -> str:
    return f"{plan} {ident}" if many_plans else ident


# --- status: blocks --------------------------------------------------------------------------


# The columns of every table of actions (a site has thousands of them): made once; a column is
# frozen, so the tables can share them.
_STATUS_COLUMNS = (
    Column("ID", no_wrap=True),
    Column("What", max_width=WHAT_WIDTH, min_width=30),
    Column("Owner(s)", max_width=24),
    Column("Target", max_width=14),
    Column("Status", no_wrap=True),
    Column("RAG", style=rag_style, max_width=14),
    Column("Overdue", align="right"),
    Column("Last update", no_wrap=True),
)
_WHY = Column("Why")


def status_columns(explain: bool = False) -> list[Column]:
    return [*_STATUS_COLUMNS, _WHY] if explain else list(_STATUS_COLUMNS)


def exempt_mark(paragraph: str | None) -> str:
    """`Exempt (paragraph 3): `, before the text of an exempt item (nothing for the rest)."""
    if paragraph is None:
        return ""
    return f"Exempt ({'paragraph ' if paragraph.isdigit() else ''}{paragraph}): "


def status_cells(row: ActionStatus, explain: bool = False, *, full: bool = False) -> list[str]:
    """An action's row; its text cut to fit a terminal (`shorten`), or with `full` whole, as a
    document (Markdown, HTML, Word) prints it; an exempt action's text says so first."""
    text = exempt_mark(row.exempt_under) + row.text
    cells = [
        row.id,
        text if full else shorten(text),
        owners_cell(row.owners, row.no_owner),
        target_cell(row),
        status_word(row),
        rag_cell(row),
        overdue_cell(row),
        iso(row.last_update) or "none",
    ]
    return [*cells, why_cell(row)] if explain else cells


def headline(report: StatusReport) -> list[Block]:
    """`Status as of …` and the counts that open the report."""
    s = report.summary
    many = s.plans > 1
    where = plural(s.recommendations, "recommendation")
    if many:
        where += f" of {s.plans} plans"
    title = f"Status as of {report.as_of.isoformat()}: {plural(s.actions, 'action')} in {where}"
    if report.filters.describe():
        title += f" (only {', '.join(report.filters.describe())})"
    lines = [
        "By status: " + _counts((str(k), n) for k, n in s.by_status.items()),
        "By RAG: " + _counts((k.value.upper(), n) for k, n in s.by_rag.items()),
        "Overdue: "
        + _listed(s.overdue, [_ref(a.plan, a.id, many) for a in report.actions if a.overdue]),
        f"Due in the next {plural(s.soon, 'day')}: "
        + _listed(
            len(s.due_soon),
            [f"{_ref(a.plan, a.id, many)} on {iso(a.due_date)}" for a in s.due_soon],
        ),
    ]
    if s.since is not None:
        since = s.since.isoformat()
        for label, events in (
            (f"Completed since {since}", s.completed),
            (f"Newly overdue since {since}", s.newly_overdue),
            (f"Targets revised since {since}", s.revised),
        ):
            lines.append(f"{label}: {_events(events, many)}")
    if s.recorded_later:
        refs = [_ref(a.plan, a.id, many) for a in s.recorded_later]
        lines.append(
            f"Recorded after {report.as_of.isoformat()} and included: "
            f"{_listed(len(refs), refs)}: for the plans as they stood that day, run this on "
            "their version from then (e.g. git checkout)"
        )
    return [Heading(title), Lines(lines, bullets=True)]


def _counts(pairs: Any) -> str:
    return ", ".join(f"{n} {label}" for label, n in pairs if n) or "none"


def _listed(count: int, refs: list[str]) -> str:
    return f"{count} ({', '.join(refs)})" if count else "none"


def _events(events: list[ActionEvent], many: bool) -> str:
    return _listed(len(events), [f"{_ref(e.plan, e.action, many)} {e.detail}" for e in events])


def status_blocks(
    report: StatusReport,
    *,
    explain: bool = False,
    full: bool = False,
    titles: Mapping[str, str] | None = None,
) -> list[Block]:
    """Headline, a roll-up heading and table per recommendation, then the RAG key; with `full`,
    each action's text whole (for a document), else cut to fit a terminal. Across many plans
    the recommendations are grouped by plan (`plan_sections`; `titles` the plans' titles)."""
    blocks = headline(report)
    if report.summary.plans > 1:
        blocks += plan_sections(report, titles or {}, explain=explain, full=full)
    else:
        blocks += recommendation_tables(report, explain=explain, full=full)
    blocks.append(Lines(key_lines(report)))
    return blocks


def plan_sections(
    report: StatusReport, titles: Mapping[str, str], *, explain: bool, full: bool
) -> list[Block]:
    """Across many plans, each plan's part under a heading of its own (its title and id) with
    its figures, as the portfolio's row gives them, then its recommendations' tables."""
    tables = recommendation_tables(report, explain=explain, full=full)
    blocks: list[Block] = []
    pairs = zip(report.recommendations, tables, strict=True)
    for plan, group in groupby(pairs, key=lambda pair: pair[0].plan):
        part = list(group)
        figures = plan_figures(plan, [rec for rec, _table in part])
        title = titles.get(plan)
        blocks.append(Heading(f"{title} ({plan})" if title else plan))
        worst = figures.worst_rag.value.upper() if figures.worst_rag else "none"
        line = figures_line(
            figures.actions,
            figures.recommendations,
            figures.done,
            figures.overdue,
            figures.due_soon,
            report.summary.soon,
        )
        blocks.append(Lines([f"{line}; worst RAG {worst}"]))
        blocks += [table for _rec, table in part]
    return blocks


def figures_line(
    actions: int, recommendations: int, done: int, overdue: int, due_soon: int, soon: int
) -> str:
    """`49 actions in 16 recommendations: 0 done, 12 overdue, 0 due in the next 30 days`: a
    plan's figures (or a portfolio's), worded once for `status` and `portfolio`."""
    return (
        f"{plural(actions, 'action')} in {plural(recommendations, 'recommendation')}: "
        f"{done} done, {overdue} overdue, {due_soon} due in the next {plural(soon, 'day')}"
    )


def recommendation_tables(
    report: StatusReport, *, explain: bool = False, full: bool = False
) -> list[Block]:
    """A table per recommendation, titled with its roll-up, a row per action."""
    many = report.summary.plans > 1
    return [
        Table(
            columns=status_columns(explain),
            rows=[status_cells(row, explain, full=full) for row in rec.actions],
            title=recommendation_title(rec, many=many),
        )
        for rec in report.recommendations
    ]


def recommendation_title(rec: RecommendationStatus, *, many: bool = False) -> str:
    """`Recommendation 3: Support services (priority high) — 1 of 7 actions done, worst RED`;
    marked exempt when every action shown is (an exempt recommendation takes its actions)."""
    worst = rec.worst_rag.value.upper() if rec.worst_rag else "none"
    plan = f"{rec.plan}: " if many else ""
    return (
        f"{plan}Recommendation {rec.id}: {recommendation_mark(rec)}{rec.title}"
        f"{recommendation_terms(rec)} — {rec.progress_label}, worst {worst}"
    )


def recommendation_mark(rec: RecommendationStatus) -> str:
    """`Exempt (paragraph 3): ` when all the recommendation's actions shown are exempt."""
    under = {row.exempt_under for row in rec.actions}
    return exempt_mark(under.pop()) if len(under) == 1 and None not in under else ""


def withheld_line(withheld: Withheld) -> str:
    """The line a published paper carries in place of its exempt items, e.g. "1 exempt item
    withheld (Local Government Act 1972, Schedule 12A, paragraph 3)"; for a paper that includes
    them (--include-exempt), the line that says it is not for publication."""
    items = plural(withheld.count, "exempt item")
    if withheld.included:
        return (
            f"Not for publication: this paper includes {items} ({_grounds(withheld)}), each "
            "marked Exempt."
        )
    return f"{items} withheld ({_grounds(withheld)})"


def _grounds(withheld: Withheld) -> str:
    numbered = [p for p in withheld.paragraphs if p.isdigit()]
    grounds = [p for p in withheld.paragraphs if not p.isdigit()]
    if numbered:
        word = "paragraph" if len(numbered) == 1 else "paragraphs"
        listed = (
            numbered[0] if len(numbered) == 1 else f"{', '.join(numbered[:-1])} and {numbered[-1]}"
        )
        grounds.insert(0, f"Local Government Act 1972, Schedule 12A, {word} {listed}")
    return "; ".join(grounds)


def key_lines(report: StatusReport) -> list[str]:
    lines = [RAG_KEY.format(soon=report.summary.soon, stale=report.summary.stale)]
    if any(a.hand_rag is not None for a in report.actions):
        lines.append(HAND_SET_KEY)
    return lines


def no_match_message(report: StatusReport, plans: Sequence[PlanFile]) -> str:
    """What to print instead of an empty table: which filter, and the names it could take."""
    described = report.filters.describe()
    if not described:
        return "No actions in these plans: add actions under each recommendation."
    message = f"No actions match {' and '.join(described)} as of {report.as_of.isoformat()}."
    unknown = unknown_filters(report.filters, plans, report.people)
    owner = report.filters.owner
    if owner is not None and f"--owner '{owner}'" in unknown:
        owners = known_owners(plans)
        close = difflib.get_close_matches(owner, owners, n=3, cutoff=0.5)
        if close:
            message += f" Did you mean {' or '.join(repr(o) for o in close)}?"
        elif owners:
            message += f" Owners named in these plans: {', '.join(owners)}."
    if f"--theme '{report.filters.theme}'" in unknown:
        themes = list(dict.fromkeys(t.id for p in plans for t in p.plan.themes))
        message += f" Themes: {', '.join(themes) if themes else 'none are declared'}."
    if f"--recommendation '{report.filters.recommendation}'" in unknown:
        ids = list(dict.fromkeys(rec.id for p in plans for rec in p.recommendations))
        message += f" Recommendations: {', '.join(ids) if ids else 'none'}."
    return message


# --- status: records and the view ------------------------------------------------------------

# One field list for an action, in CSV (every field, in this order) and JSON (those in_json).
ACTION_FIELDS: list[Field[ActionStatus]] = [
    Field("plan", lambda row: row.plan),
    Field("recommendation", lambda row: row.recommendation),
    Field("id", lambda row: row.id),
    Field("text", lambda row: row.text),
    Field("owners", lambda row: row.owners),
    Field("target", lambda row: row.target),
    Field("original_target", lambda row: row.original_target, in_json=False),
    Field("slippage_days", lambda row: row.slippage_days, in_json=False),
    Field("due_date", lambda row: row.due_date),
    Field("status", lambda row: row.status),
    Field("status_reason", lambda row: row.status_reason, in_json=False),
    Field("rag", lambda row: row.rag),
    Field("rag_reason", lambda row: row.rag_reason, in_json=False),
    Field("rag_set_by_hand", lambda row: row.hand_rag, in_json=False),
    Field("rag_set_by_hand_reason", lambda row: row.hand_rag_reason, in_json=False),
    Field("overdue", lambda row: row.overdue),
    Field("days_overdue", lambda row: row.days_overdue),
    Field("last_update", lambda row: row.last_update),
]


# Format 2's fields: in CSV and JSON only when some action shown has one, so a format-1 plan's
# records are as they always were.
FORMAT_2_FIELDS: list[Field[ActionStatus]] = [
    Field("revisions", lambda row: row.revisions),
    Field("people", lambda row: row.people),
    Field("no_owner", lambda row: row.no_owner),
    Field("closure", lambda row: row.closure),
    Field("acceptance", lambda row: row.acceptance),
    Field("priority", lambda row: row.priority),
    Field("assurance", lambda row: row.assurance),
    Field("exempt", lambda row: row.exempt),
]


def action_fields(rows: Sequence[ActionStatus]) -> list[Field[ActionStatus]]:
    """ACTION_FIELDS, and the format-2 fields some row has a value for."""
    extra = [f for f in FORMAT_2_FIELDS if any(_has(f, r) for r in rows)]
    return [*ACTION_FIELDS, *extra]


def _has(field: Field[ActionStatus], row: ActionStatus) -> bool:
    value = field.value(row)
    if field.name == "people":  # only when declared people rename an owner
        return bool(value != row.owners)
    if field.name == "revisions":  # format 1's records say it as original_target alone
        return row.version >= 2 and row.revisions > 0
    return value not in (None, (), False)


_ACTION_FIELD = {f.name: f for f in [*ACTION_FIELDS, *FORMAT_2_FIELDS]}


def action_values(row: ActionStatus, names: Sequence[str]) -> dict[str, Any]:
    """Some of an action's fields, in the order named, as JSON values (for `show`)."""
    return {name: json_value(_ACTION_FIELD[name].value(row)) for name in names}


def action_records(report: StatusReport) -> Records[ActionStatus]:
    """One record per action shown: every field in full (owners joined with '; ' in CSV)."""
    return Records(action_fields(report.actions), report.actions)


def status_json(report: StatusReport) -> dict[str, Any]:
    """`{"as_of", "summary", "actions"}` with dates in ISO 8601."""
    return {
        "as_of": report.as_of.isoformat(),
        "summary": summary_json(report.summary),
        "actions": action_records(report).json(),
    }


def status_view(
    report: StatusReport,
    plans: Sequence[PlanFile],
    *,
    explain: bool = False,
    withheld: Withheld | None = None,
) -> View:
    """The status report in every format; with no action to show, the message that says why;
    with exempt items `withheld` (a published paper), the line that says so at the end, or
    with them included, the line that says the paper is not for publication, at the top."""
    titles = {plan.plan.id: plan.plan.title for plan in plans}
    return View(
        blocks=lambda: with_exempt_line(
            status_blocks(report, explain=explain, titles=titles), withheld
        ),
        document_blocks=lambda: with_exempt_line(
            status_blocks(report, explain=explain, full=True, titles=titles), withheld
        ),
        csv=lambda: action_records(report),
        json=lambda: status_json(report),
        nothing_to_show=None if report.actions else no_match_message(report, plans),
    )


def summary_json(s: StatusSummary) -> dict[str, Any]:
    def events(items: list[ActionEvent]) -> list[dict[str, str]] | None:
        if s.since is None:
            return None
        return [
            {"plan": e.plan, "id": e.action, "date": e.date.isoformat(), "detail": e.detail}
            for e in items
        ]

    return {
        "plans": s.plans,
        "recommendations": s.recommendations,
        "actions": s.actions,
        "by_status": {k.value: n for k, n in s.by_status.items()},
        "by_rag": {k.value: n for k, n in s.by_rag.items()},
        "overdue": s.overdue,
        "due_soon": [{"plan": a.plan, "id": a.id, "due_date": iso(a.due_date)} for a in s.due_soon],
        "soon_days": s.soon,
        "stale_days": s.stale,
        "since": iso(s.since),
        "completed_since": events(s.completed),
        "newly_overdue": events(s.newly_overdue),
        "revised_since": events(s.revised),
        "recorded_after_as_of": [{"plan": a.plan, "id": a.id} for a in s.recorded_later],
    }


# --- owners ----------------------------------------------------------------------------------


def _next_target(row: OwnerRow, many: bool) -> str:
    if row.next_due is None:
        return "no dated target open" if row.open else "nothing open"
    refs = ", ".join(
        _ref(a.plan, a.id, many) + (" [exempt]" if a.exempt else "") for a in row.next_actions
    )
    return f"{row.next_due.isoformat()} ({refs})"


def owners_table(
    rows: list[OwnerRow], as_of: date, soon: int, *, many_plans: bool = False
) -> Table:
    """One row per owner; with `many_plans`, action ids are prefixed with their plan id."""
    return Table(
        columns=[
            Column("Owner"),
            Column("Actions", align="right"),
            Column("Done", align="right"),
            Column("Overdue", align="right"),
            Column(f"Due in {soon} days", align="right"),
            Column("Next target"),
        ],
        rows=[
            [
                row.owner,
                str(row.actions),
                str(row.done),
                str(row.overdue),
                str(row.due_soon),
                _next_target(row, many_plans),
            ]
            for row in rows
        ],
        title=f"Owners as of {as_of.isoformat()}",
        caption="An action with several owners counts for each. Next target: the earliest "
        "due date among the owner's open actions.",
    )


def _next_actions_csv(row: OwnerRow) -> str:
    return "; ".join(f"{a.plan} {a.id}" for a in row.next_actions)


OWNER_FIELDS: list[Field[OwnerRow]] = [
    Field("owner", lambda row: row.owner),
    Field("actions", lambda row: row.actions),
    Field("done", lambda row: row.done),
    Field("overdue", lambda row: row.overdue),
    Field("due_soon", lambda row: row.due_soon),
    Field("next_target", lambda row: row.next_due),
    Field(
        "next_actions",
        lambda row: [{"plan": a.plan, "id": a.id} for a in row.next_actions],
        csv=_next_actions_csv,
    ),
]


def owners_json(rows: list[OwnerRow], as_of: date, soon: int) -> dict[str, Any]:
    return {
        "as_of": as_of.isoformat(),
        "soon_days": soon,
        "owners": Records(OWNER_FIELDS, rows).json(),
    }


NO_OWNERS = "No actions in these plans, so no owners: add actions with 'owners:'."
NO_OWNERS_IN_PLAN = "No actions in this plan, so no owners."


# What the owners table is, as a document's caption under its title (`owners_title`).
OWNERS_CAPTION = "Actions by owner"


def owners_title(as_of: date, titles: Sequence[str]) -> str:
    """`Owners as of 2020-03-01: <the plan's title>` (or how many plans): a paper's title."""
    return f"Owners as of {as_of.isoformat()}: {plans_named(titles)}"


def owners_view(
    report: StatusReport,
    rows: list[OwnerRow],
    *,
    withheld: Withheld | None = None,
    titles: Sequence[str] = (),
) -> View:
    """One row per owner, in every format; with exempt items `withheld`, the line that says so.
    A document (Markdown, HTML, Word) is titled with the date and the plans' `titles`, and its
    table says what it is (`OWNERS_CAPTION`); the terminal's table is titled with the date."""
    day, soon = report.as_of, report.summary.soon
    many_plans = len({row.plan for row in report.actions}) > 1

    def blocks(title: str | None = None) -> list[Block]:
        table = owners_table(rows, day, soon, many_plans=many_plans)
        return with_exempt_line([replace(table, title=title or table.title)], withheld)

    return View(
        blocks=blocks,
        document_blocks=lambda: blocks(OWNERS_CAPTION),
        csv=lambda: Records(OWNER_FIELDS, rows),
        json=lambda: owners_json(rows, day, soon),
        nothing_to_show=None if rows else NO_OWNERS,
        page_title=owners_title(day, titles),
    )


def owners_by_plan_view(
    report: StatusReport,
    by_plan: list[tuple[str, list[OwnerRow]]],
    *,
    withheld: Withheld | None = None,
    titles: Mapping[str, str] | None = None,
) -> View:
    """`owners_view` plan by plan (`owners --by plan`): each plan under a heading of its own
    (its title and id, as `status` heads a plan's part), with its owners' table; CSV rows and
    JSON owners carry their plan."""
    day, soon, named = report.as_of, report.summary.soon, titles or {}

    def heading(plan: str) -> Heading:
        title = named.get(plan)
        return Heading(f"{title} ({plan})" if title else plan)

    def blocks(title: str | None = None) -> list[Block]:
        parts: list[Block] = []
        for plan, rows in by_plan:
            if not rows:
                parts += [heading(plan), Lines([NO_OWNERS_IN_PLAN])]
                continue
            table = owners_table(rows, day, soon)
            parts += [heading(plan), replace(table, title=title or table.title)]
        return with_exempt_line(parts, withheld)

    flat = [(plan, row) for plan, rows in by_plan for row in rows]
    return View(
        blocks=blocks,
        document_blocks=lambda: blocks(OWNERS_CAPTION),
        csv=lambda: Records([Field("plan", lambda pr: pr[0]), *map(_of_plan, OWNER_FIELDS)], flat),
        json=lambda: {
            "as_of": day.isoformat(),
            "soon_days": soon,
            "plans": [
                {
                    "plan": plan,
                    "title": named.get(plan),
                    "owners": Records(OWNER_FIELDS, rows).json(),
                }
                for plan, rows in by_plan
            ],
        },
        nothing_to_show=None if flat else NO_OWNERS,
        page_title=owners_title(day, list(named.values())),
    )


def _of_plan(field: Field[OwnerRow]) -> Field[tuple[str, OwnerRow]]:
    """An owner row's field, for the (plan, row) pairs of `owners --by plan`'s CSV."""
    csv = field.csv
    return Field(
        field.name,
        lambda pair: field.value(pair[1]),
        field.in_csv,
        field.in_json,
        (lambda pair: csv(pair[1])) if csv else None,
    )


def with_exempt_line(blocks: Sequence[Block], withheld: Withheld | None) -> list[Block]:
    """The blocks with the line about their exempt items (`withheld_line`): at the end when
    they were withheld; when they are included, under the first heading, where a reader sees
    it first (at the end when the blocks open with no heading)."""
    if withheld is None or not withheld.count:
        return list(blocks)
    line = Lines([withheld_line(withheld)])
    if withheld.included and blocks and isinstance(blocks[0], Heading):
        return [blocks[0], line, *blocks[1:]]
    return [*blocks, line]
