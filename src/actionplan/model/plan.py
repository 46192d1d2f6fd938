"""The plan format: Pydantic models of one plan file.

Models are strict and small: unknown keys are errors, closed sets are enums, money is `Decimal`
read from its written text. Rules that span objects (unique ids, totals, date order) are not here
but in `checks`, so each can carry its own code and position.

The loader hands every scalar over as the text written in the file (or None/bool), so dates,
amounts and targets are parsed here from that text and `41567.20` never passes through a float.
"""

# No `from __future__ import annotations` here: Pydantic would evaluate every field's annotation
# from its text while it builds the models, at start-up.

import calendar
import copy
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

SCHEMA_VERSION = "2"
# The versions of the format this tool reads: a file without `format:` is version 1.
FORMAT_VERSIONS = (1, 2)


class Status(StrEnum):
    NOT_STARTED = "not-started"
    IN_PROGRESS = "in-progress"
    DONE = "done"
    BLOCKED = "blocked"
    DROPPED = "dropped"


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


class Recurrence(StrEnum):
    ONE_OFF = "one-off"
    PER_YEAR = "per-year"


class TargetKind(StrEnum):
    DAY = "day"
    MONTH = "month"
    MILESTONES = "milestones"
    ONGOING = "ongoing"
    DEPENDENT = "dependent"


class Unit(StrEnum):
    """The units the format knows the meaning of; a plan may declare more (`vocabularies`)."""

    COUNT = "count"
    PERCENT = "percent"
    SCORE = "score"
    POUNDS = "pounds"


class Better(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Audience(StrEnum):
    """The default vocabulary of outcome audiences; a plan or the settings may declare its own."""

    SURVIVORS = "survivors"
    PERPETRATORS = "perpetrators"
    PROFESSIONALS = "professionals"
    HEALTH_PROFESSIONALS = "health-professionals"
    CHILDREN = "children"
    COMMUNITY = "community"


class Acceptance(StrEnum):
    """How a recommendation was answered, in the words government and council responses use."""

    ACCEPTED = "accepted"
    IN_PRINCIPLE = "accepted-in-principle"
    PARTIALLY = "partially-accepted"
    NOT_ACCEPTED = "not-accepted"
    NOTED = "noted"


class ClosureKind(StrEnum):
    """How a closed action was closed: auditors treat each differently."""

    IMPLEMENTED = "implemented"  # done, with evidence seen and verified
    RISK_ACCEPTED = "risk-accepted"  # not done: the risk is accepted by someone with authority
    SUPERSEDED = "superseded"  # not done: replaced by another action or recommendation


class PersonKind(StrEnum):
    PERSON = "person"
    ROLE = "role"  # a post, e.g. "DSA Chair", whoever holds it
    BODY = "body"  # a team, partner organisation or government


# The default vocabularies of format 2; a plan (`vocabularies:`) or the settings file declare
# their own. Units are the exception: declared units add to the four the format knows.
DEFAULT_VOCABULARIES: dict[str, tuple[str, ...]] = {
    "audiences": tuple(Audience),
    "units": tuple(Unit),
    "priorities": ("high", "medium", "low"),
    "assurance": ("substantial", "reasonable", "limited", "no-assurance"),
    "source_kinds": (
        "internal-audit",
        "external-audit",
        "scrutiny",
        "inspection",
        "inquiry",
        "annual-governance-statement",
        "strategy",
    ),
    "plan_kinds": (
        "audit-tracker",
        "scrutiny-response",
        "inspection-action-plan",
        "inquiry-response",
        "strategy",
        "action-plan",
    ),
}


# --- Scalars parsed from their written text -------------------------------------------------

# re.ASCII: `\d` would otherwise accept any script's digits, e.g. '٢٠٢٠-٠٢'.
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_ISO_MONTH = re.compile(r"\d{4}-\d{2}", re.ASCII)
_MONEY = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?", re.ASCII)
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?", re.ASCII)
MAX_DIGITS = 15  # ample for any council budget, far below Python's int-conversion limit


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal | date):
        raise PydanticCustomError("AP103", "expected text, got {got}", {"got": type_name(value)})
    try:
        return str(value)
    except ValueError:  # an int of more than 4,300 digits: Python refuses to convert it
        raise PydanticCustomError(
            "AP110", "a number of thousands of digits: no plan value is that long", {}
        ) from None


def type_name(value: Any) -> str:
    """Name a YAML value's type the way a plan author would."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


def parse_iso_date(value: Any) -> date:
    """A calendar day written YYYY-MM-DD."""
    if isinstance(value, date):
        return value
    return _iso_date(_text(value))


# Parsed values are immutable, and a plan repeats the same few hundred days and targets: each
# text is parsed once and its value shared (a 20 MB plan holds one `date` per day, not 200,000).
_CACHE_SIZE = 4096


@lru_cache(maxsize=_CACHE_SIZE)
def _iso_date(text: str) -> date:
    if not _ISO_DAY.fullmatch(text):
        raise PydanticCustomError(
            "AP104",
            "'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2020-02-14",
            {"value": _clip(text)},
        )
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "AP104",
            "'{value}' is not a real calendar date: check the month and day",
            {"value": text},
        ) from None


class NotRecorded:
    """A date the source does not record ("Implemented", with no date): `not-recorded`."""

    _instance: "NotRecorded | None" = None
    TEXT = "not-recorded"

    def __new__(cls) -> "NotRecorded":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def isoformat(self) -> str:
        return self.TEXT

    def __str__(self) -> str:
        return "not recorded"

    def __repr__(self) -> str:
        return "NOT_RECORDED"


NOT_RECORDED = NotRecorded()


def parse_recorded_date(value: Any) -> "date | NotRecorded":
    """A day written YYYY-MM-DD, or `not-recorded` when the source gives none (format 2)."""
    if isinstance(value, str) and value.strip().lower() == NotRecorded.TEXT:
        return NOT_RECORDED
    return parse_iso_date(value)


def recorded(value: "date | NotRecorded | None") -> date | None:
    """The date, or None when there is none or it was not recorded."""
    return value if isinstance(value, date) else None


def parse_money(value: Any) -> Decimal:
    """Pounds and pence from their text: `5000`, `5,000`, `41567.20`; never negative or float."""
    if isinstance(value, Decimal) and value.is_finite() and value >= 0:
        if value.adjusted() >= MAX_DIGITS:
            raise PydanticCustomError(
                "AP106",
                "amount {value} is too large (at most {max} digits before pence)",
                {"value": f"{value:.3g}", "max": MAX_DIGITS},
            )
        if value.as_tuple().exponent < -2:  # type: ignore[operator]
            raise PydanticCustomError(
                "AP106", "amount '{value}' has more than two decimal places", {"value": value}
            )
        return value.quantize(Decimal("0.01"))
    if isinstance(value, float):
        raise PydanticCustomError("AP106", "amount must be exact pounds and pence, not a float", {})
    text = _text(value).strip().removeprefix("£")
    digits = text.replace(",", "").split(".")[0]
    if len(digits) > MAX_DIGITS:
        raise PydanticCustomError(
            "AP106",
            "amount with {n} digits is too large (at most {max} digits before pence)",
            {"n": len(digits), "max": MAX_DIGITS},
        )
    if not _MONEY.fullmatch(text):
        raise PydanticCustomError(
            "AP106",
            "'{value}' is not an amount: write pounds and pence as digits, e.g. 5000 or "
            "41567.20 (no minus sign, at most two decimal places)",
            {"value": _clip(text)},
        )
    return Decimal(text.replace(",", "")).quantize(Decimal("0.01"))


def parse_decimal(value: Any) -> Decimal:
    """A plain decimal number (quantities, indicator values) from its text."""
    if isinstance(value, Decimal) and value.is_finite():
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)  # finite
        if value.adjusted() < MAX_DIGITS and exponent >= -MAX_DIGITS:
            return value
        raise PydanticCustomError(
            "AP110",
            "number {value} is too long: write at most {max} digits before and after the "
            "decimal point",
            {"value": f"{value:.3g}", "max": MAX_DIGITS},
        )
    if isinstance(value, float):
        raise PydanticCustomError("AP110", "number must be written exactly, not a float", {})
    text = _text(value).strip()
    whole, _, fraction = text.removeprefix("-").partition(".")
    if len(whole) > MAX_DIGITS or len(fraction) > MAX_DIGITS:
        raise PydanticCustomError(
            "AP110",
            "number '{value}' is too long: write at most {max} digits before and after the "
            "decimal point",
            {"value": _clip(text), "max": MAX_DIGITS},
        )
    if not _DECIMAL.fullmatch(text):
        raise PydanticCustomError(
            "AP110",
            "'{value}' is not a number: write digits with an optional decimal point",
            {"value": _clip(text)},
        )
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
        raise PydanticCustomError("AP110", "'{value}' is not a number", {"value": text}) from None


def parse_text(value: Any) -> str:
    text = _text(value)
    if not text.strip():
        raise PydanticCustomError("AP108", "text is empty: write something or remove the key", {})
    return text


def parse_name(value: Any) -> str:
    return sys.intern(parse_text(value))


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Deadline:
    """A day, or a month that falls due on its last day."""

    due: date
    text: str

    @property
    def is_month(self) -> bool:
        return len(self.text) == 7

    @classmethod
    def parse(cls, value: Any) -> "Deadline":
        if isinstance(value, date):
            return cls(value, value.isoformat())
        return cls._parse_text(_text(value).strip())

    @classmethod
    @lru_cache(maxsize=_CACHE_SIZE)
    def _parse_text(cls, text: str) -> "Deadline":
        if _ISO_MONTH.fullmatch(text):
            year, month = int(text[:4]), int(text[5:])
            if not 1 <= month <= 12:
                raise PydanticCustomError(
                    "AP105",
                    "'{value}' is not a real month: the month must be 01 to 12",
                    {"value": text},
                )
            if year == 0:  # no year 0 in the calendar `date` uses
                raise PydanticCustomError(
                    "AP105", "'{value}' is not a real month: check the year", {"value": text}
                )
            return cls(date(year, month, calendar.monthrange(year, month)[1]), text)
        if _ISO_DAY.fullmatch(text):
            try:
                return cls(date.fromisoformat(text), text)
            except ValueError:
                raise PydanticCustomError(
                    "AP105",
                    "'{value}' is not a real calendar date: check the month and day",
                    {"value": text},
                ) from None
        raise PydanticCustomError(
            "AP105",
            "'{value}' is not a target: write a day (2020-02-14), a month (2020-02), a list of "
            "them for recurring milestones, 'ongoing' or 'dependent'",
            {"value": _clip(text)},
        )


@dataclass(frozen=True)
class Target:
    """When an action is due: a day, a month, recurring milestones, ongoing or dependent."""

    kind: TargetKind
    deadlines: tuple[Deadline, ...] = ()

    @classmethod
    def parse(cls, value: Any) -> "Target":
        if isinstance(value, Target):
            return value
        if isinstance(value, list):
            if not value:
                raise PydanticCustomError(
                    "AP105", "milestone list is empty: give at least one day or month", {}
                )
            deadlines = tuple(Deadline.parse(item) for item in value)
            if list(deadlines) != sorted(deadlines):
                raise PydanticCustomError("AP105", "milestones must be listed in date order", {})
            return cls(TargetKind.MILESTONES, deadlines)
        if isinstance(value, date):
            return cls._of_deadline(Deadline.parse(value))
        return cls._parse_text(_text(value).strip())

    @classmethod
    @lru_cache(maxsize=_CACHE_SIZE)
    def _parse_text(cls, text: str) -> "Target":
        if text.lower() in (TargetKind.ONGOING, TargetKind.DEPENDENT):
            return cls(TargetKind(text.lower()))
        return cls._of_deadline(Deadline.parse(text))

    @classmethod
    def _of_deadline(cls, deadline: Deadline) -> "Target":
        return cls(TargetKind.MONTH if deadline.is_month else TargetKind.DAY, (deadline,))

    def to_yaml(self) -> str | list[str]:
        if self.kind is TargetKind.MILESTONES:
            return [d.text for d in self.deadlines]
        if self.kind in (TargetKind.DAY, TargetKind.MONTH):
            return self.deadlines[0].text
        return self.kind.value

    def __str__(self) -> str:
        value = self.to_yaml()
        return ", ".join(value) if isinstance(value, list) else value

    def due_date(self, covered_until: date | None = None) -> date | None:
        """The date the action falls due, or None for ongoing and dependent targets.

        For milestones, each progress update delivers the milestones due by its date: the action
        is next due at the first milestone after `covered_until` (the latest update), and has
        nothing more due once every milestone is covered.
        """
        if self.kind is not TargetKind.MILESTONES:
            return self.deadlines[0].due if self.deadlines else None
        for deadline in self.deadlines:
            if covered_until is None or deadline.due > covered_until:
                return deadline.due
        return None


_DAY_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
_MONEY_SCHEMA = {
    "anyOf": [
        {"type": "number", "minimum": 0, "multipleOf": 0.01},
        {"type": "string", "pattern": r"^£?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$"},
    ]
}
_DECIMAL_SCHEMA = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}]}
_DEADLINE_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}
_TARGET_SCHEMA = {
    "anyOf": [
        _DEADLINE_SCHEMA,
        {"type": "string", "enum": ["ongoing", "dependent"]},
        {"type": "array", "items": _DEADLINE_SCHEMA, "minItems": 1},
    ],
    "description": "A day (2020-02-14), a month (2020-02, due at its end), a list of them "
    "(recurring milestones), 'ongoing' or 'dependent' (say on what in target_text).",
}


class _Scalar:
    """A plan scalar as Pydantic sees it: parsed by a function of ours, with a fixed JSON Schema.

    What `Annotated[T, PlainValidator(f), PlainSerializer(g), WithJsonSchema(s)]` says, built
    straight as a core schema: Pydantic inspects each validator's signature on every field it
    meets, and the models have 86 fields; this way building them at start-up costs a third less.
    """

    def __init__(
        self,
        parse: Callable[[Any], Any],
        json_schema: dict[str, Any],
        serialize: Callable[[Any], Any] | None = None,
        to_text: bool = False,
    ) -> None:
        self.parse = parse
        self.json_schema = json_schema
        self.serialize = serialize
        self.to_text = to_text  # `serialize` returns text (it says so in a JSON-mode dump)

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> CoreSchema:
        serialization = None
        if self.serialize is not None:
            serialization = core_schema.plain_serializer_function_ser_schema(
                self.serialize,
                return_schema=core_schema.str_schema() if self.to_text else None,
            )
        return core_schema.no_info_plain_validator_function(self.parse, serialization=serialization)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: Any) -> dict[str, Any]:
        # A copy for every field: Pydantic writes into the schema it is given (before 2.11 the
        # `default: GBP` of `currency` leaked into every text field's shared dict, so the first
        # schema generated in a process differed from every later one).
        return copy.deepcopy(self.json_schema)


IsoDate = Annotated[date, _Scalar(parse_iso_date, _DAY_SCHEMA, lambda d: d.isoformat(), True)]
Money = Annotated[Decimal, _Scalar(parse_money, _MONEY_SCHEMA, lambda d: f"{d:.2f}", True)]
Number = Annotated[Decimal, _Scalar(parse_decimal, _DECIMAL_SCHEMA, lambda d: str(d), True)]
_RECORDED_DAY_SCHEMA = {
    "anyOf": [_DAY_SCHEMA, {"type": "string", "enum": [NotRecorded.TEXT]}],
    "description": "A day, YYYY-MM-DD, or 'not-recorded' when the source gives no date.",
}
RecordedDate = Annotated[
    date | NotRecorded,
    _Scalar(parse_recorded_date, _RECORDED_DAY_SCHEMA, lambda d: d.isoformat(), True),
]


def parse_format(value: Any) -> int:
    text = _text(value).strip()
    if text not in {str(v) for v in FORMAT_VERSIONS}:
        raise PydanticCustomError(
            "AP111",
            "'{value}' is not a format version this actionplan reads (it reads {known}): "
            "write format: 2, or upgrade actionplan",
            {"value": _clip(text), "known": " and ".join(str(v) for v in FORMAT_VERSIONS)},
        )
    return int(text)


FormatVersion = Annotated[
    int, _Scalar(parse_format, {"type": "integer", "enum": list(FORMAT_VERSIONS)})
]
TargetField = Annotated[Target, _Scalar(Target.parse, _TARGET_SCHEMA, Target.to_yaml)]
_TEXT_SCHEMA = {"type": "string", "minLength": 1}
Text = Annotated[str, _Scalar(parse_text, _TEXT_SCHEMA)]
# A person, team or body: named again and again in a plan, so one copy of each name is kept.
Name = Annotated[str, _Scalar(parse_name, _TEXT_SCHEMA)]
Id = Annotated[
    str,
    _Scalar(parse_text, {"type": ["string", "number"], "description": 'Quote ids: "5.2".'}),
]


# Pydantic looks for plugins, by reading the entry points of every installed distribution, when it
# builds the first validator in a process: a few ms of start-up, for plugins actionplan has no use
# for. Typer skips the search the same way while it builds its adapters; the setting is put back
# once the models are built (at the end of this module).
_PLUGINS_SETTING = os.environ.get("PYDANTIC_DISABLE_PLUGINS")
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"


class Strict(BaseModel):
    # Most models are only ever validated inside the one that holds them, so Pydantic need not
    # build a validator and a serializer of their own (until one is used on its own). The models
    # the loader validates by themselves say `_VALIDATED_ALONE` and are built at import.
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False, defer_build=True)

    def model_post_init(self, context: Any, /) -> None:
        # Pydantic gives every object its own set of the field names written for it: for an
        # action, a set bigger than everything else the action holds. Plans are frozen, so the
        # objects written with the same keys share one frozenset (a 20 MB plan: 9x its size in
        # memory becomes 5x). A frozenset also makes any attempt to change the set fail loudly.
        written = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(
            self, "__pydantic_fields_set__", _FIELDS_SET.setdefault(written, written)
        )

    def __copy__(self) -> Self:
        # A copy (as `model_copy(update=...)` makes) gets a set of its own, to add names to.
        copied = super().__copy__()
        object.__setattr__(copied, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Self:
        copied = super().__deepcopy__(memo)
        object.__setattr__(copied, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))
        return copied


_VALIDATED_ALONE = ConfigDict(defer_build=False)

# One frozenset per combination of keys written: a handful for any plan.
_FIELDS_SET: dict[frozenset[str], frozenset[str]] = {}


# --- The plan --------------------------------------------------------------------------------


class Theme(Strict):
    id: Id
    title: Text
    text: Text | None = None


class Exempt(Strict):
    """Kept out of published papers: exempt information (Local Government Act 1972, Schedule
    12A) or personal data (format 2)."""

    paragraph: Text = Field(description="The Schedule 12A paragraph, e.g. 3, or 'personal data'.")
    reason: Text | None = None


def exempt_under(*exempts: Exempt | None) -> str | None:
    """The paragraph an item is exempt under: its own, else its recommendation's, else its
    plan's (`exempts` in that order); None when it is not exempt."""
    return next((exempt.paragraph for exempt in exempts if exempt is not None), None)


class Person(Strict):
    """Someone a plan names as owner: a person, a post (role) or a body, declared once."""

    id: Id
    name: Name
    kind: PersonKind = PersonKind.PERSON
    role: Text | None = Field(None, description="The post a person holds, or what a body is.")
    email: Text | None = None
    aliases: tuple[Name, ...] = Field((), description="Other names the plan uses for them.")


class Vocabularies(Strict):
    """A plan's own words for open vocabularies (format 2); each list replaces the default,
    except `units`, which adds to count, percent, score and pounds."""

    audiences: tuple[Name, ...] | None = None
    units: tuple[Name, ...] | None = None
    priorities: tuple[Id, ...] | None = None
    assurance: tuple[Name, ...] | None = None
    source_kinds: tuple[Name, ...] | None = None
    plan_kinds: tuple[Name, ...] | None = None


class Conflict(Strict):
    """A value two branches changed differently, recorded by `actionplan merge-driver` on the
    item it belongs to (format 2): the plan keeps one side's value (ours, the branch merged
    into) and this entry keeps the other's. Resolve it by making the plan say what was agreed,
    then deleting the entry; lint reports it until then (AP601)."""

    key: Text = Field(
        description="What both sides changed, from the item: e.g. target, status, revisions, "
        "funding[route].target, actions[5.3]."
    )
    ours: Text | None = Field(
        None, description="The value kept (ours), as YAML; absent when ours deleted it."
    )
    theirs: Text | None = Field(
        None, description="The other side's value (theirs), as YAML; absent when theirs deleted it."
    )
    ours_from: Text = Field(description="Where ours came from: a commit, a branch, or 'ours'.")
    theirs_from: Text = Field(
        description="Where theirs came from: a commit, a branch, or 'theirs'."
    )


class PlanInfo(Strict):
    """The `plan:` block: what the plan is and where it came from."""

    id: Id
    title: Text
    organisation: Text
    source: Text = Field(description="The document this plan transcribes.")
    source_url: Text | None = None
    adopted: IsoDate | None = Field(None, description="Date adopted, YYYY-MM-DD.")
    period: Text | None = None
    currency: Text = "GBP"
    reports_to: tuple[Text, ...] = ()
    themes: tuple[Theme, ...] = ()
    stated_total: Money | None = Field(
        None, description="The grand total the source document printed, checked against the sum."
    )
    kind: Name | None = Field(
        None, description="What kind of plan (format 2), e.g. audit-tracker, scrutiny-response."
    )
    owned_by: Name | None = Field(None, description="The body that owns the plan (format 2).")
    exempt: Exempt | None = None
    notes: Text | None = None
    conflicts: tuple[Conflict, ...] = Field(
        (), description="Merge conflicts left to resolve (format 2; see Conflict)."
    )


_Day = date  # for annotations inside models with a field named `date`


class ProgressUpdate(Strict):
    """One dated entry of an action's audit trail; entries are appended, never rewritten."""

    date: RecordedDate
    note: Text
    status: Status | None = None
    by: Name | None = None

    @property
    def on(self) -> _Day | None:
        """The update's date, or None when it was not recorded."""
        return recorded(self.date)


class TargetRevision(Strict):
    """A change of target; the action's `target` stays the original."""

    date: IsoDate
    target: TargetField
    reason: Text
    by: Name | None = None
    approved_by: Name | None = Field(
        None, description="Who approved the new target (format 2), e.g. Audit Committee."
    )
    approved_at: RecordedDate | None = Field(
        None, description="When it was approved, or 'not-recorded' (format 2)."
    )


class FundingRoute(Strict):
    """One way an action's money is to be found, with its own target (format 2)."""

    route: Text
    target: TargetField | None = None
    target_text: Text | None = Field(None, description="The source's own wording of the target.")


class Closure(Strict):
    """How a closed action was closed (format 2): implemented (status done), risk accepted or
    superseded (status dropped)."""

    kind: ClosureKind
    date: RecordedDate | None = Field(None, description="When it was verified or accepted.")
    evidence: Text | None = Field(None, description="Implemented: the evidence seen.")
    verified_by: Name | None = Field(None, description="Implemented: who verified it.")
    accepted_by: Name | None = Field(None, description="Risk accepted: who accepted the risk.")
    reason: Text | None = Field(None, description="Risk accepted: why.")
    superseded_by: Text | None = Field(None, description="Superseded: by what (an id or text).")


class Action(Strict):
    id: Id
    text: Text
    owners: tuple[Name, ...] = ()
    no_owner: Text | None = Field(
        None, description="Said when the source names no owner on purpose, and why (format 2)."
    )
    target: TargetField | None = None
    target_text: Text | None = Field(None, description="The source's own wording of the target.")
    funding: tuple[FundingRoute, ...] = ()
    revisions: tuple[TargetRevision, ...] = ()
    status: Status = Status.NOT_STARTED
    completed: RecordedDate | None = None
    closure: Closure | None = None
    status_reason: Text | None = Field(None, description="Why blocked or dropped.")
    rag: Rag | None = Field(None, description="A RAG set by hand; needs rag_reason.")
    rag_reason: Text | None = None
    progress: tuple[ProgressUpdate, ...] = ()
    outcomes: tuple[Id, ...] = ()
    exempt: Exempt | None = None
    notes: Text | None = None
    conflicts: tuple[Conflict, ...] = Field(
        (), description="Merge conflicts left to resolve (format 2; see Conflict)."
    )

    @property
    def current_target(self) -> Target | None:
        """The latest revision's target, else the action's own, else its funding routes'
        (milestones at the routes' dated targets, in date order)."""
        if self.revisions:
            return self.revisions[-1].target
        if self.target is not None or not self.funding:
            return self.target
        return routes_target(self.funding)

    @property
    def target_wording(self) -> str | None:
        """The source's words for the target before any revision: the action's own, else those
        of the funding route it falls due by (its earliest dated one)."""
        if self.target is not None or not self.funding:
            return self.target_text
        due = routes_target(self.funding)
        first = due.deadlines[0] if due is not None and due.deadlines else None
        for route in self.funding:
            if route.target is not None and (first is None or first in route.target.deadlines):
                return route.target_text
        return None

    @property
    def completed_on(self) -> date | None:
        """The completion date, or None when there is none or it was not recorded."""
        return recorded(self.completed)

    @property
    def last_update(self) -> date | None:
        dated = [u.on for u in self.progress if u.on is not None]
        return dated[-1] if dated else None


def routes_target(routes: tuple[FundingRoute, ...]) -> Target | None:
    """The target of an action whose funding routes carry the targets."""
    deadlines = sorted({d for r in routes if r.target is not None for d in r.target.deadlines})
    if deadlines:
        if len(deadlines) == 1:
            return Target._of_deadline(deadlines[0])
        return Target(TargetKind.MILESTONES, tuple(deadlines))
    kinds = [r.target for r in routes if r.target is not None]
    return kinds[0] if kinds else None


class UnitBreakdown(Strict):
    """quantity × rate must equal the cost line's amount (e.g. 5 days × £750 = £3,750)."""

    quantity: Number
    unit: Text
    rate: Money
    note: Text | None = None


class CostLine(Strict):
    label: Text
    amount: Money
    high: Money | None = Field(None, description="Upper bound of a range, e.g. £5k-£10k.")
    recurrence: Recurrence = Recurrence.ONE_OFF
    detail: Text | None = None
    units: UnitBreakdown | None = None
    owners: tuple[Name, ...] = ()


class Recommendation(Strict):
    model_config = _VALIDATED_ALONE

    id: Id
    title: Text
    text: Text | None = None
    theme: Id | None = None
    accepted: bool | None = Field(
        None, description="Format 1: accepted by the executive (true/false)."
    )
    acceptance: Acceptance | None = Field(
        None, description="Format 2: accepted, accepted-in-principle, partially-accepted, ..."
    )
    response: Text | None = Field(None, description="The response's own words beside it.")
    source_kind: Name | None = Field(
        None, description="Where it came from, e.g. internal-audit, scrutiny, inspection."
    )
    audit: Text | None = Field(None, description="The audit or review it came from.")
    assurance: Name | None = Field(None, description="The assurance level that audit gave.")
    priority: Id | None = Field(None, description="Its priority: high, medium, low, or 1-3.")
    finding: Text | None = Field(None, description="The finding behind the recommendation.")
    management_action: Text | None = Field(None, description="The agreed management action.")
    actions: tuple[Action, ...] = ()
    costs: tuple[CostLine, ...] = ()
    outcomes: tuple[Id, ...] = ()
    exempt: Exempt | None = None
    notes: Text | None = None
    conflicts: tuple[Conflict, ...] = Field(
        (), description="Merge conflicts left to resolve (format 2; see Conflict)."
    )

    @property
    def acceptance_word(self) -> str | None:
        """The acceptance in either format's words (format 1's true/false read as
        accepted/not-accepted)."""
        if self.acceptance is not None:
            return self.acceptance.value
        if self.accepted is None:
            return None
        return (Acceptance.ACCEPTED if self.accepted else Acceptance.NOT_ACCEPTED).value


# --- Outcomes --------------------------------------------------------------------------------


class Measure(Strict):
    """An indicator's baseline or target: a value on a date."""

    value: Number
    date: IsoDate


class Measurement(Strict):
    """One dated value of an indicator, as reported; listed oldest first."""

    date: IsoDate
    value: Number
    source: Text | None = Field(None, description="Where the figure comes from.")


class Indicator(Strict):
    """What is measured to show an outcome is achieved. Declared with no measurements, it is
    reported as "no data", never as zero."""

    id: Id
    name: Text
    unit: Name = Field(
        description="count (whole numbers), percent (0-100), score, pounds, or a unit the plan "
        "declares in vocabularies (format 2)."
    )
    better: Better = Field(Better.HIGHER, description="Which direction is better: higher or lower.")
    baseline: Measure | None = None
    target: Measure | None = Field(None, description="The value to reach, and by when.")
    measurements: tuple[Measurement, ...] = ()
    notes: Text | None = None


class Outcome(Strict):
    """What should change, for whom, and the indicators that show it."""

    id: Id
    title: Text
    text: Text | None = None
    for_: tuple[Name, ...] = Field(
        (),
        alias="for",
        description="Whom the change is for: words of the plan's audiences vocabulary.",
    )
    indicators: tuple[Indicator, ...] = ()

    model_config = ConfigDict(populate_by_name=True, **_VALIDATED_ALONE)


class Service(Strict):
    """A commissioned service (Southwark's offer) or a complementary project."""

    model_config = _VALIDATED_ALONE

    id: Id
    name: Text
    provider: Text | None = Field(None, description="Who delivers it, when the source says.")
    role: Text | None = Field(None, description="What it does or is for, in the source's words.")
    text: Text | None = None
    outcomes: tuple[Id, ...] = Field((), description="Ids of the outcomes it serves.")


class PlanFile(Strict):
    """One plan file."""

    model_config = _VALIDATED_ALONE

    format: FormatVersion | None = Field(
        None, description="The format's version: 2. A file without it is read as version 1."
    )
    plan: PlanInfo
    people: tuple[Person, ...] = Field(
        (), description="Everyone the plan names as owner, declared once (format 2)."
    )
    vocabularies: Vocabularies | None = None
    recommendations: tuple[Recommendation, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    services: tuple[Service, ...] = ()
    projects: tuple[Service, ...] = ()

    @property
    def version(self) -> int:
        return self.format if self.format is not None else 1

    def actions(self) -> list[tuple[Recommendation, Action]]:
        return [(rec, action) for rec in self.recommendations for action in rec.actions]


if _PLUGINS_SETTING is None:
    del os.environ["PYDANTIC_DISABLE_PLUGINS"]
else:
    os.environ["PYDANTIC_DISABLE_PLUGINS"] = _PLUGINS_SETTING
