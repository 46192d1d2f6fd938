"""The tables of an export, declared once: both writers (SQLite, the data package) read them.

A table is its columns (name, type, whether a value is required, what it says) and its keys.
Each column that holds a value of the plan names the plan field it holds (`sources`, dotted as the
file writes it, e.g. `recommendations.actions.status_reason`), so a test can check that every
field of the format has a column; columns without a source are keys, positions, or what
actionplan works out (the due date, the RAG as of the export's date).

Keys: a plan is keyed by its id (`plan_id`, unique in an export). Everything under a plan has a
number of its own in the export (`recommendation_key`, `action_key`, …), since ids are unique only
within a plan and a plan may repeat one (lint reports it, AP201); the numbers are this export's,
in file order, and not stable from one export to the next: join on them, cite the ids. A list
item is keyed by its parent and its `position` (1 for the first). References by id to what
may not exist (a theme, an outcome, an owner who is a declared person) keep the id as written,
with the key of what it names beside it, or nothing when it names nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

SCHEMA_VERSION = "1"  # bump when a table or column changes meaning


class Kind(StrEnum):
    """A column's type. Dates are ISO text (YYYY-MM-DD); decimals are exact text (`41567.20`),
    never a binary float; booleans are 0/1 in SQLite and true/false in CSV."""

    TEXT = "text"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATE = "date"
    DECIMAL = "decimal"


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    doc: str
    required: bool = False
    sources: tuple[str, ...] = ()  # the plan fields it holds, dotted as the file writes them


@dataclass(frozen=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        """`values` as a row in column order; every column must be given, and nothing else."""
        if len(values) != len(self.columns):
            unknown = sorted(set(values) - set(self.column_names))
            missing = sorted(set(self.column_names) - set(values))
            raise ValueError(f"{self.name}: unknown columns {unknown}, missing {missing}")
        return tuple(values[name] for name in self.column_names)


def _col(name: str, kind: Kind, doc: str, *sources: str) -> Column:
    return Column(name, kind, doc, False, sources)


def _req(name: str, kind: Kind, doc: str, *sources: str) -> Column:
    return Column(name, kind, doc, True, sources)


T, N, B, D, M = Kind.TEXT, Kind.INTEGER, Kind.BOOLEAN, Kind.DATE, Kind.DECIMAL
P, R, A = "plan.", "recommendations.", "recommendations.actions."


def _position(what: str) -> Column:
    return _req("position", N, f"Its place among its {what}, 1 for the first.")


def _plan_fk() -> ForeignKey:
    return ForeignKey(("plan_id",), "plans", ("plan_id",))


def _plan_id(doc: str = "The plan it belongs to.") -> Column:
    return _req("plan_id", T, doc)


def _exempt(prefix: str, what: str) -> tuple[Column, Column]:
    return (
        _col(
            "exempt_paragraph",
            T,
            f"When the {what} is exempt: the Schedule 12A paragraph, or 'personal data'.",
            prefix + "exempt.paragraph",
        ),
        _col("exempt_reason", T, "Why it is exempt.", prefix + "exempt.reason"),
    )


def _money(name: str, doc: str, source: str, *, required: bool = False) -> tuple[Column, Column]:
    """An amount twice: exact pounds and pence as text, and the same in whole pence."""
    return (
        Column(name, M, f"{doc} (pounds, exact: 41567.20).", required, (source,)),
        Column(f"{name}_pence", N, f"{doc}, in pence (4156720).", required, (source,)),
    )


def _target(prefix: str, what: str) -> tuple[Column, Column]:
    return (
        _col(
            "target",
            T,
            f"The {what} as written: a day (2020-02-14), a month (2020-02), milestones "
            "('2020-03, 2020-09'), ongoing or dependent.",
            prefix + "target",
        ),
        _col(
            "target_kind",
            T,
            "day, month, milestones, ongoing or dependent.",
            prefix + "target",
        ),
    )


METADATA = Table(
    "metadata",
    "What this export is: one row per setting (generator, actionplan_version, schema_version, "
    "as_of, soon_days, stale_days, include_exempt, include_emails, plans, withheld_items, "
    "withheld_paragraphs).",
    (
        _req("name", T, "The setting."),
        _col("value", T, "Its value, as text."),
    ),
    ("name",),
)

PLANS = Table(
    "plans",
    "One row per plan file.",
    (
        _req("plan_id", T, "The plan's id (unique in the export).", P + "id"),
        _req("path", T, "The file it was read from, as given to export."),
        _req("format", N, "The format it is written in: 1 or 2.", "format"),
        _req("title", T, "Its title.", P + "title"),
        _req("organisation", T, "The council or partnership that owns it.", P + "organisation"),
        _req("source", T, "The document it transcribes.", P + "source"),
        _col("source_url", T, "Where that document is published.", P + "source_url"),
        _col("adopted", D, "When it was adopted.", P + "adopted"),
        _col("period", T, "The period it covers, in its own words.", P + "period"),
        _req("currency", T, "The currency of its costs (GBP).", P + "currency"),
        *_money("stated_total", "The grand total its source document printed", P + "stated_total"),
        _col("kind", T, "What kind of plan: audit-tracker, strategy, ….", P + "kind"),
        _col("owned_by", T, "The body that owns it.", P + "owned_by"),
        *_exempt(P, "plan"),
        _col("notes", T, "Notes.", P + "notes"),
    ),
    ("plan_id",),
)

PLAN_REPORTS_TO = Table(
    "plan_reports_to",
    "The boards and committees a plan reports to.",
    (
        _plan_id(),
        _position("bodies"),
        _req("body", T, "The board or committee.", P + "reports_to"),
    ),
    ("plan_id", "position"),
    (_plan_fk(),),
)

THEMES = Table(
    "themes",
    "A plan's themes (priorities), which recommendations are grouped under.",
    (
        _req("theme_key", N, "The theme's number in this export."),
        _plan_id(),
        _position("plan's themes"),
        _req("id", T, "The theme's id.", P + "themes.id"),
        _req("title", T, "Its title.", P + "themes.title"),
        _col("text", T, "What it is about.", P + "themes.text"),
    ),
    ("theme_key",),
    (_plan_fk(),),
)

VOCABULARY_NAMES = ("audiences", "units", "priorities", "assurance", "source_kinds", "plan_kinds")

VOCABULARIES = Table(
    "vocabularies",
    "A plan's own words for its open vocabularies (format 2): one row per word.",
    (
        _plan_id(),
        _req("vocabulary", T, "Which: " + ", ".join(VOCABULARY_NAMES) + "."),
        _position("vocabulary's words"),
        _req("word", T, "The word.", *(f"vocabularies.{v}" for v in VOCABULARY_NAMES)),
    ),
    ("plan_id", "vocabulary", "position"),
    (_plan_fk(),),
)

PEOPLE = Table(
    "people",
    "The people, posts and bodies declared once (format 2): by a plan, or by the settings file "
    "(actionplan.toml) beside the plans, then with no plan_id.",
    (
        _req("person_key", N, "The person's number in this export."),
        _col("plan_id", T, "The plan that declares them; empty when the settings file does."),
        _req("declared_in", T, "The file that declares them: the plan, or actionplan.toml."),
        _position("file's people"),
        _req("id", T, "Their id.", "people.id"),
        _req("name", T, "Their name.", "people.name"),
        _req("kind", T, "person, role (a post) or body.", "people.kind"),
        _col("role", T, "The post a person holds, or what a body is.", "people.role"),
        _col("email", T, "Their email address: only with --include-emails.", "people.email"),
    ),
    ("person_key",),
    (_plan_fk(),),
)

ALIASES = Table(
    "aliases",
    "Other names a plan uses for a declared person.",
    (
        _req("person_key", N, "The person."),
        _position("person's aliases"),
        _req("alias", T, "The other name.", "people.aliases"),
    ),
    ("person_key", "position"),
    (ForeignKey(("person_key",), "people", ("person_key",)),),
)

RECOMMENDATIONS = Table(
    "recommendations",
    "One row per recommendation (or finding) of a plan.",
    (
        _req("recommendation_key", N, "The recommendation's number in this export."),
        _plan_id(),
        _position("plan's recommendations"),
        _req("id", T, "Its id in the plan.", R + "id"),
        _req("title", T, "Its title.", R + "title"),
        _col("text", T, "Its text.", R + "text"),
        _col("theme", T, "The theme's id, as written.", R + "theme"),
        _col("theme_key", N, "The theme it names; empty when it names none declared."),
        _col("accepted", B, "Format 1: accepted by the executive.", R + "accepted"),
        _col("acceptance", T, "accepted, accepted-in-principle, ….", R + "acceptance"),
        _col("response", T, "The response's own words.", R + "response"),
        _col(
            "source_kind", T, "Where it came from: internal-audit, scrutiny, ….", R + "source_kind"
        ),
        _col("audit", T, "The audit or review it came from.", R + "audit"),
        _col("assurance", T, "The assurance level that audit gave.", R + "assurance"),
        _col("priority", T, "Its priority.", R + "priority"),
        _col("finding", T, "The finding behind it.", R + "finding"),
        _col("management_action", T, "The agreed management action.", R + "management_action"),
        *_exempt(R, "recommendation"),
        _col("notes", T, "Notes.", R + "notes"),
    ),
    ("recommendation_key",),
    (_plan_fk(), ForeignKey(("theme_key",), "themes", ("theme_key",))),
)

ACTIONS = Table(
    "actions",
    "One row per action, as the plan writes it and as actionplan works it out (due_date to "
    "computed_rag_reason; the RAG as of the metadata's as_of).",
    (
        _req("action_key", N, "The action's number in this export."),
        _req("recommendation_key", N, "The recommendation it belongs to."),
        _position("recommendation's actions"),
        _req("id", T, "Its id in the plan.", A + "id"),
        _req("text", T, "What is to be done.", A + "text"),
        _col("no_owner", T, "Why no one owns it, when the plan says so.", A + "no_owner"),
        *_target(A, "target first set (revisions keep it)"),
        _col("target_text", T, "The source's own wording of that target.", A + "target_text"),
        _req("status", T, "not-started, in-progress, done, blocked or dropped.", A + "status"),
        _col("completed", D, "When it was completed.", A + "completed"),
        _req(
            "completed_not_recorded",
            B,
            "Completed on a date the source does not record.",
            A + "completed",
        ),
        _col(
            "closure_kind",
            T,
            "How it was closed: implemented, risk-accepted or superseded.",
            A + "closure.kind",
        ),
        _col("closure_date", D, "When the closure was verified or accepted.", A + "closure.date"),
        _req(
            "closure_date_not_recorded",
            B,
            "Closed on a date the source does not record.",
            A + "closure.date",
        ),
        _col("closure_evidence", T, "The evidence seen.", A + "closure.evidence"),
        _col("closure_verified_by", T, "Who verified it.", A + "closure.verified_by"),
        _col("closure_accepted_by", T, "Who accepted the risk.", A + "closure.accepted_by"),
        _col("closure_reason", T, "Why the risk was accepted.", A + "closure.reason"),
        _col("closure_superseded_by", T, "What superseded it.", A + "closure.superseded_by"),
        _col("status_reason", T, "Why it is blocked or dropped.", A + "status_reason"),
        _col("rag", T, "A RAG set by hand in the plan.", A + "rag"),
        _col("rag_reason", T, "Why it was set by hand.", A + "rag_reason"),
        *_exempt(A, "action"),
        _col("notes", T, "Notes.", A + "notes"),
        _col(
            "target_due",
            D,
            "Worked out: the day the first target falls due (its first milestone's); empty "
            "for ongoing and dependent targets.",
        ),
        _col(
            "current_target",
            T,
            "Worked out: the target now, as status shows it (the latest revision's, else the "
            "source's wording).",
        ),
        _col(
            "due_date",
            D,
            "Worked out: the day it falls due now (a month's last day; the next milestone not "
            "yet covered by progress); empty for ongoing and dependent targets.",
        ),
        _col("last_update", D, "Worked out: the date of its latest dated progress update."),
        _req("revision_count", N, "Worked out: how many times its target was revised."),
        _req(
            "slippage_days",
            N,
            "Worked out: days the revisions moved the due date (latest revision's minus the "
            "original's).",
        ),
        _req(
            "computed_rag",
            T,
            "Worked out as of the metadata's as_of: red, amber, green, complete or dropped.",
        ),
        _req("computed_rag_reason", T, "Why it got that RAG."),
    ),
    ("action_key",),
    (ForeignKey(("recommendation_key",), "recommendations", ("recommendation_key",)),),
)

_ACTION_FK = ForeignKey(("action_key",), "actions", ("action_key",))
_PERSON_FK = ForeignKey(("person_key",), "people", ("person_key",))
_OUTCOME_FK = ForeignKey(("outcome_key",), "outcomes", ("outcome_key",))

ACTION_OWNERS = Table(
    "action_owners",
    "Who owns each action: one row per owner named.",
    (
        _req("action_key", N, "The action."),
        _position("action's owners"),
        _req("owner", T, "The owner as the plan names them.", A + "owners"),
        _col("person_key", N, "The declared person that name means; empty when undeclared."),
    ),
    ("action_key", "position"),
    (_ACTION_FK, _PERSON_FK),
)

FUNDING_ROUTES = Table(
    "funding_routes",
    "The ways an action's money is to be found, each with its own target (format 2).",
    (
        _req("action_key", N, "The action."),
        _position("action's funding routes"),
        _req("route", T, "The funding route.", A + "funding.route"),
        *_target(A + "funding.", "route's target"),
        _col("target_text", T, "The source's own wording of it.", A + "funding.target_text"),
    ),
    ("action_key", "position"),
    (_ACTION_FK,),
)

REVISIONS = Table(
    "revisions",
    "Each change of an action's target, oldest first (the action keeps its first target).",
    (
        _req("action_key", N, "The action."),
        _position("action's revisions"),
        _req("date", D, "When the target was changed.", A + "revisions.date"),
        _req("target", T, "The new target, as written.", A + "revisions.target"),
        _req(
            "target_kind",
            T,
            "day, month, milestones, ongoing or dependent.",
            A + "revisions.target",
        ),
        _col("target_due", D, "Worked out: the day the new target falls due (its first)."),
        _req("reason", T, "Why it was changed.", A + "revisions.reason"),
        _col("revised_by", T, "Who changed it.", A + "revisions.by"),
        _col("approved_by", T, "Who approved the new target.", A + "revisions.approved_by"),
        _col("approved_at", D, "When it was approved.", A + "revisions.approved_at"),
        _req(
            "approved_at_not_recorded",
            B,
            "Approved on a date the source does not record.",
            A + "revisions.approved_at",
        ),
    ),
    ("action_key", "position"),
    (_ACTION_FK,),
)

PROGRESS = Table(
    "progress",
    "Each action's dated progress updates, oldest first (the audit trail).",
    (
        _req("action_key", N, "The action."),
        _position("action's updates"),
        _col("date", D, "The update's date.", A + "progress.date"),
        _req(
            "date_not_recorded",
            B,
            "Dated on a day the source does not record.",
            A + "progress.date",
        ),
        _req("note", T, "What was reported.", A + "progress.note"),
        _col("status", T, "The status it reported.", A + "progress.status"),
        _col("reported_by", T, "Who reported it.", A + "progress.by"),
    ),
    ("action_key", "position"),
    (_ACTION_FK,),
)

ACTION_OUTCOMES = Table(
    "action_outcomes",
    "The outcomes an action serves, by id.",
    (
        _req("action_key", N, "The action."),
        _position("action's outcomes"),
        _req("outcome", T, "The outcome's id, as written.", A + "outcomes"),
        _col("outcome_key", N, "The outcome it names; empty when it names none."),
    ),
    ("action_key", "position"),
    (_ACTION_FK, _OUTCOME_FK),
)

_C = R + "costs."

COSTS = Table(
    "costs",
    "Each recommendation's cost lines.",
    (
        _req("cost_key", N, "The cost line's number in this export."),
        _req("recommendation_key", N, "The recommendation it belongs to."),
        _position("recommendation's cost lines"),
        _req("label", T, "What it pays for.", _C + "label"),
        *_money("amount", "The amount (the low end of a range)", _C + "amount", required=True),
        *_money("high", "The high end of a range", _C + "high"),
        _req("recurrence", T, "one-off or per-year.", _C + "recurrence"),
        _col("detail", T, "The source's own words about it.", _C + "detail"),
        _col("units_quantity", M, "Units: how many (exact).", _C + "units.quantity"),
        _col("units_unit", T, "Units: of what (day, post, …).", _C + "units.unit"),
        *_money("units_rate", "Units: the rate per unit", _C + "units.rate"),
        _col("units_note", T, "Units: a note.", _C + "units.note"),
    ),
    ("cost_key",),
    (ForeignKey(("recommendation_key",), "recommendations", ("recommendation_key",)),),
)

COST_OWNERS = Table(
    "cost_owners",
    "Who is responsible for each cost line.",
    (
        _req("cost_key", N, "The cost line."),
        _position("cost line's owners"),
        _req("owner", T, "The owner as the plan names them.", _C + "owners"),
        _col("person_key", N, "The declared person that name means; empty when undeclared."),
    ),
    ("cost_key", "position"),
    (ForeignKey(("cost_key",), "costs", ("cost_key",)), _PERSON_FK),
)

RECOMMENDATION_OUTCOMES = Table(
    "recommendation_outcomes",
    "The outcomes a recommendation serves, by id.",
    (
        _req("recommendation_key", N, "The recommendation."),
        _position("recommendation's outcomes"),
        _req("outcome", T, "The outcome's id, as written.", R + "outcomes"),
        _col("outcome_key", N, "The outcome it names; empty when it names none."),
    ),
    ("recommendation_key", "position"),
    (
        ForeignKey(("recommendation_key",), "recommendations", ("recommendation_key",)),
        _OUTCOME_FK,
    ),
)

OUTCOMES = Table(
    "outcomes",
    "What a plan means to change, and for whom.",
    (
        _req("outcome_key", N, "The outcome's number in this export."),
        _plan_id(),
        _position("plan's outcomes"),
        _req("id", T, "Its id.", "outcomes.id"),
        _req("title", T, "Its title.", "outcomes.title"),
        _col("text", T, "What it means.", "outcomes.text"),
    ),
    ("outcome_key",),
    (_plan_fk(),),
)

OUTCOME_AUDIENCES = Table(
    "outcome_audiences",
    "Whom each outcome is for.",
    (
        _req("outcome_key", N, "The outcome."),
        _position("outcome's audiences"),
        _req("audience", T, "A word of the plan's audiences vocabulary.", "outcomes.for"),
    ),
    ("outcome_key", "position"),
    (_OUTCOME_FK,),
)

_IN = "outcomes.indicators."

INDICATORS = Table(
    "indicators",
    "What is measured to show an outcome is achieved.",
    (
        _req("indicator_key", N, "The indicator's number in this export."),
        _req("outcome_key", N, "The outcome it measures."),
        _position("outcome's indicators"),
        _req("id", T, "Its id.", _IN + "id"),
        _req("name", T, "What is measured.", _IN + "name"),
        _req("unit", T, "count, percent, score, pounds or the plan's own.", _IN + "unit"),
        _req("better", T, "Which way is better: higher or lower.", _IN + "better"),
        _col("baseline_value", M, "The baseline (exact).", _IN + "baseline.value"),
        _col("baseline_date", D, "The baseline's date.", _IN + "baseline.date"),
        _col("target_value", M, "The value to reach (exact).", _IN + "target.value"),
        _col("target_date", D, "By when.", _IN + "target.date"),
        _col("notes", T, "Notes.", _IN + "notes"),
    ),
    ("indicator_key",),
    (_OUTCOME_FK,),
)

MEASUREMENTS = Table(
    "measurements",
    "Each indicator's reported values, oldest first.",
    (
        _req("indicator_key", N, "The indicator."),
        _position("indicator's measurements"),
        _req("date", D, "The date of the value.", _IN + "measurements.date"),
        _req("value", M, "The value (exact).", _IN + "measurements.value"),
        _col("source", T, "Where the figure comes from.", _IN + "measurements.source"),
    ),
    ("indicator_key", "position"),
    (ForeignKey(("indicator_key",), "indicators", ("indicator_key",)),),
)

SERVICES = Table(
    "services",
    "A plan's commissioned services and complementary projects.",
    (
        _req("service_key", N, "The service's number in this export."),
        _plan_id(),
        _req("section", T, "services or projects: where the plan lists it."),
        _position("plan's services (or projects)"),
        _req("id", T, "Its id.", "services.id", "projects.id"),
        _req("name", T, "Its name.", "services.name", "projects.name"),
        _col("provider", T, "Who delivers it.", "services.provider", "projects.provider"),
        _col("role", T, "What it does or is for.", "services.role", "projects.role"),
        _col("text", T, "More about it.", "services.text", "projects.text"),
    ),
    ("service_key",),
    (_plan_fk(),),
)

SERVICE_OUTCOMES = Table(
    "service_outcomes",
    "The outcomes a service or project serves, by id.",
    (
        _req("service_key", N, "The service or project."),
        _position("service's outcomes"),
        _req(
            "outcome", T, "The outcome's id, as written.", "services.outcomes", "projects.outcomes"
        ),
        _col("outcome_key", N, "The outcome it names; empty when it names none."),
    ),
    ("service_key", "position"),
    (ForeignKey(("service_key",), "services", ("service_key",)), _OUTCOME_FK),
)


def _conflict_columns() -> tuple[Column, ...]:
    where = (P + "conflicts.", R + "conflicts.", A + "conflicts.")

    def sources(name: str) -> tuple[str, ...]:
        return tuple(prefix + name for prefix in where)

    return (
        _req("key", T, "What both sides changed: target, status, ….", *sources("key")),
        _col("ours", T, "The value kept, as YAML; empty when ours deleted it.", *sources("ours")),
        _col(
            "theirs",
            T,
            "The other side's value, as YAML; empty when theirs deleted it.",
            *sources("theirs"),
        ),
        _req("ours_from", T, "Where ours came from: a commit or branch.", *sources("ours_from")),
        _req(
            "theirs_from", T, "Where theirs came from: a commit or branch.", *sources("theirs_from")
        ),
    )


CONFLICTS = Table(
    "conflicts",
    "Merge conflicts left to resolve (format 2): recorded by `actionplan merge-driver` on the "
    "plan, a recommendation or an action, until the plan says what was agreed.",
    (
        _req("conflict_key", N, "The conflict's number in this export."),
        _plan_id(),
        _col("recommendation_key", N, "The recommendation it is on, if on one (or its action)."),
        _col("action_key", N, "The action it is on, if on one."),
        _position("item's conflicts"),
        *_conflict_columns(),
    ),
    ("conflict_key",),
    (
        _plan_fk(),
        ForeignKey(("recommendation_key",), "recommendations", ("recommendation_key",)),
        _ACTION_FK,
    ),
)

# In an order where every table comes after those it refers to.
TABLES: tuple[Table, ...] = (
    METADATA,
    PLANS,
    PLAN_REPORTS_TO,
    THEMES,
    VOCABULARIES,
    PEOPLE,
    ALIASES,
    OUTCOMES,
    OUTCOME_AUDIENCES,
    INDICATORS,
    MEASUREMENTS,
    RECOMMENDATIONS,
    RECOMMENDATION_OUTCOMES,
    ACTIONS,
    ACTION_OWNERS,
    FUNDING_ROUTES,
    REVISIONS,
    PROGRESS,
    ACTION_OUTCOMES,
    COSTS,
    COST_OWNERS,
    SERVICES,
    SERVICE_OUTCOMES,
    CONFLICTS,
)
