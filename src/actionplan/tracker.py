"""Committee trackers: spreadsheets of recommendations and actions, to and from plan files.

Most councils' trackers start life in Excel: one row per action, with columns such as Rec No,
Recommendation, Action, Lead officer, Target date, Status/RAG, Progress and Cost. `import_grid`
reads such a table (from CSV or the first sheet of an .xlsx, see `read_grid`) into plan YAML;
`tracker_grid` writes a plan back out as one, so a plan can go to colleagues who live in
spreadsheets and come back.

The table is found by its header row (the first row naming an action or recommendation column
and at least one other); columns are recognised by their header names, case and punctuation
ignored, or mapped by hand (`--map "Column=field"`). Rows above the header can carry the plan
block as "Label, value" rows (Plan ID, Title, Organisation, Source, …, and one "Theme, id, title,
text" row per theme): the export writes them, and a title line above a council's own table is
taken as the plan's title. Consecutive rows with the same Rec No (or none) belong to one
recommendation; each row may hold one action and one cost line, so nothing has to be merged.

Exported cells that hold several entries (progress, revised targets) put one entry per line:
`2020-03-31 (done; by Jo Bloggs): note` and `2020-05-01 (target 2021-06; by Jo): reason`.

What a spreadsheet cannot carry: the YAML file's comments and layout, and the plan's outcomes
(with their indicators and measurements), services and projects, and the links to outcomes from
recommendations and actions. Export says what it left out; import(export(plan)) gives the same
plan for everything else.
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from actionplan.checks import run_checks
from actionplan.editing.skeleton import plan_id_from
from actionplan.findings import Finding, Severity
from actionplan.load import load_text
from actionplan.model.plan import PlanFile, Rag, Recurrence, Status, Target, TargetKind
from actionplan.reports.money import format_money
from actionplan.yaml.write import Quoted, Raw, block


class TrackerError(Exception):
    """The spreadsheet cannot be read as a tracker at all; the message says what to do."""


class RowError(ValueError):
    """One row's value cannot be read; the message names the value and the fix."""


@dataclass(frozen=True)
class Month:
    """A spreadsheet date cell formatted without a day (e.g. `Feb-20`): a month target."""

    year: int
    month: int

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


Cell = str | int | float | bool | date | datetime | Month | None


# --- Columns ---------------------------------------------------------------------------------

FIELDS: dict[str, str] = {
    "rec_id": "the recommendation's number",
    "recommendation": "the recommendation's title (or its full text, cut to a title)",
    "recommendation_text": "the recommendation in full",
    "theme": "the theme or priority it falls under",
    "accepted": "accepted by the executive: Y or N",
    "recommendation_notes": "notes on the recommendation",
    "action_id": "the action's number (default: Rec No.1, .2, …)",
    "action": "what will be done",
    "owners": "lead or responsible officers (several: one per line or separated by ;)",
    "target": "target date: 2020-02, Feb 2020, 31/03/2021, Q3 2020/21, Ongoing, …",
    "target_text": "the target in the source's own words",
    "revisions": "revised targets, one per line",
    "status": "not started, in progress, complete, blocked, dropped (or a RAG colour)",
    "completed": "the date a complete action was completed",
    "status_reason": "why an action is blocked or dropped",
    "rag": "red, amber or green, as rated by hand",
    "rag_reason": "why it was rated so",
    "progress": "progress notes, one per line starting with a date, or the latest update",
    "progress_date": "the date of the progress note in the same row",
    "action_notes": "notes on the action",
    "cost_label": "what the money is for",
    "cost": "the estimated cost: £5,000, £5k, £5k-£10k, £20k per year, …",
    "cost_high": "the upper end of a cost range",
    "recurrence": "one-off or per-year",
    "cost_detail": "the basis of the estimate",
    "cost_units": "quantity × rate, e.g. 5 day × £750",
    "cost_owners": "who holds the budget",
    "ignore": "leave the column out",
}

# The export's headers, one per field, in the order of the columns.
EXPORT_HEADERS: dict[str, str] = {
    "rec_id": "Rec No",
    "recommendation": "Recommendation",
    "recommendation_text": "Recommendation text",
    "theme": "Theme",
    "accepted": "Accepted",
    "recommendation_notes": "Recommendation notes",
    "action_id": "Action No",
    "action": "Action",
    "owners": "Lead officer",
    "target": "Target date",
    "target_text": "Target (as written)",
    "revisions": "Revised targets",
    "status": "Status",
    "completed": "Completed",
    "status_reason": "Status reason",
    "rag": "RAG",
    "rag_reason": "RAG reason",
    "progress": "Progress",
    "action_notes": "Action notes",
    "cost_label": "Cost item",
    "cost": "Cost",
    "cost_high": "Cost upper",
    "recurrence": "Recurrence",
    "cost_detail": "Cost detail",
    "cost_units": "Cost units",
    "cost_owners": "Cost owners",
}

_SYNONYMS: dict[str, tuple[str, ...]] = {
    "rec_id": (
        "rec", "rec no", "rec number", "rec ref", "recommendation no", "recommendation number",
        "recommendation ref", "ref", "ref no", "no", "number",
    ),
    "recommendation": ("recommendation", "recommendations", "recommendation title", "title"),
    "recommendation_text": (
        "recommendation text", "recommendation detail", "recommendation in full",
    ),
    "theme": ("theme", "priority", "priority area", "section", "strand", "workstream"),
    "accepted": (
        "accepted", "accepted y n", "accepted by executive", "accepted by executive y n", "agreed",
    ),
    "recommendation_notes": ("recommendation notes",),
    "action_id": ("action no", "action number", "action ref", "action id"),
    "action": (
        "action", "actions", "key action", "key actions", "activity", "task",
        "how will the recommendation be achieved",
        "how will the recommendation be achieved key actions",
    ),
    "owners": (
        "lead officer", "lead officers", "responsible officer", "responsible officers", "owner",
        "owners", "lead", "responsible", "officer", "action owner", "lead responsible officer",
    ),
    "target": (
        "target date", "target", "deadline", "due date", "due", "target date for completion",
        "timescale", "timescales", "by when",
    ),
    "target_text": ("target as written", "target text", "original target"),
    "revisions": ("revised targets", "revised target", "revised target date", "revised date"),
    "status": ("status", "current status", "progress status", "status rag"),
    "completed": ("completed", "date completed", "completion date", "completed on"),
    "status_reason": ("status reason", "reason for status"),
    "rag": ("rag", "rag status", "rag rating", "r a g"),
    "rag_reason": ("rag reason", "rag comment"),
    "progress": (
        "progress", "progress update", "progress updates", "progress notes", "progress to date",
        "update", "updates", "latest update", "comments", "commentary",
    ),
    "progress_date": ("progress date", "update date", "date of update", "last updated"),
    "action_notes": ("action notes", "notes"),
    "cost_label": ("cost item", "cost label", "cost line"),
    "cost": (
        "cost", "costs", "estimated cost", "estimated costs", "cost estimate", "budget",
        "resource implications", "resource implications notes estimated", "resources",
    ),
    "cost_high": ("cost upper", "cost high", "upper estimate", "high estimate"),
    "recurrence": ("recurrence", "cost recurrence"),
    "cost_detail": ("cost detail", "cost basis", "cost notes"),
    "cost_units": ("cost units", "unit costs"),
    "cost_owners": ("cost owners", "budget holder", "budget holders"),
}  # fmt: skip

HEADER_FIELDS: dict[str, str] = {name: f for f, names in _SYNONYMS.items() for name in names}

_PREAMBLE: dict[str, str] = {
    "plan id": "id",
    "title": "title",
    "plan title": "title",
    "organisation": "organisation",
    "organization": "organisation",
    "source": "source",
    "source url": "source_url",
    "adopted": "adopted",
    "period": "period",
    "currency": "currency",
    "reports to": "reports_to",
    "stated total": "stated_total",
    "plan notes": "notes",
    "theme": "theme",
}
_PREAMBLE_LABELS = {
    "id": "Plan ID",
    "title": "Title",
    "organisation": "Organisation",
    "source": "Source",
    "source_url": "Source URL",
    "adopted": "Adopted",
    "period": "Period",
    "currency": "Currency",
    "reports_to": "Reports to",
    "stated_total": "Stated total",
    "notes": "Plan notes",
}


def normalise_header(text: str) -> str:
    """`Target Date (for completion)` → `target date for completion`."""
    return " ".join(re.sub(r"[^a-z0-9£]+", " ", text.lower().replace("£", " ")).split())


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA: how a spreadsheet names a column."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --- Cells -----------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters a plan file may not hold (control characters, line and paragraph separators).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def cell_text(value: Cell) -> str:
    """A cell as text: line breaks normalised, spaces trimmed, CSV's formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text).strip(" \t")
    if text.startswith("'") and text[1:].startswith(_FORMULA_START):
        text = text[1:]  # `'=SUM…`: render.neutralise's guard against formulas
    return text


def split_list(text: str) -> list[str]:
    """Several names in one cell: one per line, or separated by semicolons."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


# --- Dates and targets -----------------------------------------------------------------------

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
    )
}
_MONTHS["sept"] = 9
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_SLASH = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})")
_MONTH_SLASH = re.compile(r"(\d{1,2})/(\d{4})")
_MONTH_YEAR = re.compile(rf"({_MONTH_NAMES})\.?[ ,-]*(\d{{4}}|\d{{2}})", re.IGNORECASE)
_DAY_MONTH_YEAR = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?[ -]({_MONTH_NAMES})\.?[ ,-]*(\d{{4}})", re.IGNORECASE
)
_QUARTER_FY = re.compile(
    r"q([1-4])\s*(?:fy\s*)?(\d{4}|\d{2})\s*[/-]\s*(\d{4}|\d{2})", re.IGNORECASE
)
_QUARTER_ONLY = re.compile(r"q([1-4])\s*(\d{4})", re.IGNORECASE)
_FINANCIAL_YEAR = re.compile(r"(?:fy\s*)?(\d{4})\s*[/-]\s*(\d{2}|\d{4})", re.IGNORECASE)
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_LEAD_IN = re.compile(r"(?:by|before|end of|end|by end of|by the end of|the end of)\s+", re.I)


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _real_day(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise RowError(f"'{text}' is not a real date: check the day and month") from None


def parse_deadline(text: str) -> str | None:
    """One target date in the forms trackers use, as YYYY-MM-DD or YYYY-MM; None when the text
    is not a date at all. A date that is written like one but is impossible is a RowError.

    UK forms: 31/03/2021 is the 31st of March; Q3 2020/21 is the third quarter of the
    financial year that starts in April 2020 (October to December 2020), so it ends 2020-12.
    """
    text = _LEAD_IN.sub("", text.strip(), count=1).strip()
    if _ISO_DAY.fullmatch(text):
        return _real_day(int(text[:4]), int(text[5:7]), int(text[8:]), text).isoformat()
    if _ISO_MONTH.fullmatch(text):
        if not 1 <= int(text[5:]) <= 12:
            raise RowError(f"'{text}' is not a real month: the month must be 01 to 12")
        return text
    if match := _DAY_SLASH.fullmatch(text):
        day, month, year = int(match[1]), int(match[2]), _year(match[3])
        return _real_day(year, month, day, text).isoformat()
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        month = _MONTHS[match[2].lower()]
        return _real_day(int(match[3]), month, int(match[1]), text).isoformat()
    if match := _MONTH_YEAR.fullmatch(text):
        return f"{_year(match[2]):04d}-{_MONTHS[match[1].lower()]:02d}"
    if match := _MONTH_SLASH.fullmatch(text):
        if not 1 <= int(match[1]) <= 12:
            raise RowError(f"'{text}' is not a real month: the month must be 1 to 12")
        return f"{match[2]}-{int(match[1]):02d}"
    if match := _QUARTER_FY.fullmatch(text):
        start = _year(match[2])
        if _year(match[3]) % 100 != (start + 1) % 100:
            raise RowError(
                f"'{text}' is not a financial year: write the two years in a row, e.g. Q3 2020/21"
            )
        month = 3 + 3 * int(match[1])  # Q1 ends June, Q2 September, Q3 December, Q4 March
        year = start if month <= 12 else start + 1
        return f"{year:04d}-{(month - 1) % 12 + 1:02d}"
    if _QUARTER_ONLY.fullmatch(text):
        raise RowError(
            f"'{text}' is ambiguous: write the financial year, e.g. Q3 2020/21 "
            "(October to December 2020)"
        )
    if match := _FINANCIAL_YEAR.fullmatch(text):
        start = int(match[1])
        if _year(match[2]) % 100 != (start + 1) % 100:
            raise RowError(f"'{text}' is not a financial year: write e.g. 2020/21")
        return f"{start + 1:04d}-03"
    return None


_T = TypeVar("_T")


@dataclass(frozen=True)
class ReadTarget:
    target: str | list[str] | None
    text: str | None  # the cell's own wording, when it is not already the canonical form


# A year, a day/month, or a bare number (an Excel date serial such as 43891): in a target cell
# that is not read as a date, most likely a date mistyped, not words saying what it awaits.
_LIKE_A_DATE = re.compile(r"\b(?:19|20)\d\d\b|\d+\s*/\s*\d+|^\s*\d{5}(?:\.0)?\s*$")


def parse_target(value: Cell) -> ReadTarget:
    """A target cell: a date in any tracker form, several (milestones), Ongoing, or words
    (a dependent target, the words kept as its target_text)."""
    if isinstance(value, Month):
        return ReadTarget(str(value), None)
    if isinstance(value, datetime | date):
        return ReadTarget(cell_text(value), None)
    text = cell_text(value).strip()
    if not text:
        return ReadTarget(None, None)
    lowered = text.lower()
    if lowered in (TargetKind.ONGOING, TargetKind.DEPENDENT):
        return ReadTarget(lowered, None if text == lowered else text)
    if lowered in ("on going", "ongoing work", "continuous", "continual"):
        return ReadTarget(TargetKind.ONGOING.value, text)
    single = parse_deadline(text)
    if single is not None:
        return ReadTarget(single, None if single == text else text)
    parts = [p for p in re.split(r"\s*(?:[,;\n]|\band\b)\s*", text) if p]
    if len(parts) > 1:
        deadlines = [parse_deadline(p) for p in parts]
        if all(d is not None for d in deadlines):
            found = [d for d in deadlines if d is not None]
            try:
                Target.parse(found)
            except ValueError:
                raise RowError(
                    f"target milestones '{text}' are not in date order: list them earliest first"
                ) from None
            canonical = ", ".join(found)
            return ReadTarget(found, None if canonical == text else text)
    return ReadTarget(TargetKind.DEPENDENT.value, text)


def parse_day(value: Cell, what: str) -> date:
    """A date that must be a day (completion, progress, revision dates)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value).strip()
    found = parse_deadline(text) if text else None
    if found is None or len(found) != 10:
        raise RowError(
            f"{what} '{text}' is not a day: write it as 31/03/2021 or 2021-03-31"
            if text
            else f"{what} is empty"
        )
    return date.fromisoformat(found)


# --- Words -----------------------------------------------------------------------------------

_STATUS_SYNONYMS: dict[Status, tuple[str, ...]] = {
    Status.NOT_STARTED: ("not started", "not yet started", "planned", "pending", "to do"),
    Status.IN_PROGRESS: (
        "in progress", "started", "underway", "under way", "on track", "ongoing", "on going",
    ),
    Status.DONE: ("complete", "completed", "closed", "achieved", "delivered", "finished"),
    Status.BLOCKED: ("on hold", "stalled"),
    Status.DROPPED: ("withdrawn", "cancelled", "canceled", "not proceeding", "no longer required"),
}  # fmt: skip
_STATUS_WORDS: dict[str, Status] = {
    **{s.value: s for s in Status},
    **{word: status for status, words in _STATUS_SYNONYMS.items() for word in words},
}
_RAG_WORDS: dict[str, Rag] = {
    **{r.value: r for r in Rag},
    "r": Rag.RED,
    "a": Rag.AMBER,
    "g": Rag.GREEN,
}
_YES = ("y", "yes", "true", "accepted", "agreed")
_NO = ("n", "no", "false", "rejected", "not accepted", "not agreed")


def _word(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


def parse_status(text: str) -> tuple[Status | None, Rag | None]:
    """A status cell: a status word, or a RAG colour (then the action is in progress)."""
    word = _word(text)
    if not word:
        return None, None
    if word in _STATUS_WORDS:
        return _STATUS_WORDS[word], None
    if word in _RAG_WORDS:
        return Status.IN_PROGRESS, _RAG_WORDS[word]
    raise RowError(
        f"status '{text}' is not one this tool knows: use not started, in progress, complete, "
        "blocked or dropped (or red, amber, green)"
    )


def parse_rag(text: str) -> Rag | None:
    word = _word(text)
    if not word:
        return None
    if word in _RAG_WORDS:
        return _RAG_WORDS[word]
    raise RowError(f"RAG '{text}' is not red, amber or green")


def parse_accepted(text: str) -> bool | None:
    word = _word(text)
    if not word:
        return None
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise RowError(f"accepted '{text}' is not Y or N")


# --- Money -----------------------------------------------------------------------------------

# Digits as an amount is written: 5000, 5,000 (groups of three), 41567.20. Never the start of
# something longer ('£5,00', '£2 000', '£1,234.567'): those are refused, not half read. Pence
# beyond two places are matched so that _pounds can refuse them.
_DIGITS = r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?![\d,]|\.\d|\s\d{3}\b)"
_AMOUNT = rf"£\s*{_DIGITS}\s*(k|m)?"
_RANGE = re.compile(rf"{_AMOUNT}(?:\s*(?:-|–|to)\s*(?:£\s*)?{_DIGITS}\s*(k|m)?)?", re.I)
_SUM = re.compile(  # `£5k + £2k`, `£5k + 2k`, `£5k and £2k` (but not `£10k and 2 staff`)
    r"\s*\+\s*£?\s*\d|\s*(?:&|\band\b|\bplus\b)\s*£\s*\d", re.IGNORECASE
)
_PLAIN_AMOUNT = re.compile(rf"£?\s*{_DIGITS}\s*(k|m)?", re.IGNORECASE)
_PLAIN_RANGE = re.compile(  # `5,000 - 10,000`: a range written without the £ signs
    rf"{_DIGITS}\s*(k|m)?\s*(?:-|–|to)\s*{_DIGITS}\s*(k|m)?", re.IGNORECASE
)
_PER_YEAR = re.compile(
    r"\s*(?:per year|per annum|pa|p\.a\.|a year|annually|each year|/\s*yr|/\s*year|per yr)\b",
    re.IGNORECASE,
)
_NO_COST = ("nil", "none", "n a", "no cost", "no costs")


def _pounds(digits: str, scale: str | None, text: str) -> Decimal:
    try:
        amount = Decimal(digits.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the patterns admit only digits
        raise RowError(f"cost '{text}' is not an amount") from None
    if scale:
        amount *= 1000 if scale.lower() == "k" else 1_000_000
    if amount != amount.quantize(Decimal("0.01")):
        raise RowError(f"cost '{text}' has fractions of a penny")
    return amount.quantize(Decimal("0.01"))


def money_text(amount: Decimal) -> str:
    """An amount as a plan writes it: 5000, 41567.20."""
    return str(int(amount)) if amount == amount.to_integral_value() else f"{amount:.2f}"


@dataclass(frozen=True)
class ReadCost:
    amount: Decimal
    high: Decimal | None = None
    per_year: bool = False
    detail: str | None = None


def parse_cost(value: Cell) -> ReadCost | None:
    """A cost cell: `5000`, `£5,000`, `£5k`, `£5k-£10k`, `£20k per year`, or words with an
    amount in them (the words become the detail); None when it says there is no cost."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return ReadCost(_pounds(cell_text(value), None, str(value)))
    text = cell_text(value).strip()
    if text in ("", "-", "£0", "0") or (_word(text) in _NO_COST and not re.search(r"\d", text)):
        return None
    if match := _PLAIN_AMOUNT.fullmatch(text):
        return ReadCost(_pounds(match[1], match[2], text))
    plain = _PLAIN_RANGE.fullmatch(text)
    match = plain or _RANGE.search(text)
    if match is None:
        if re.search(r"\d", text) or "£" in text:
            raise RowError(
                f"cost '{text}' is not an amount this can read: write it like £5,000, £5k or "
                "£5k-£10k"
            )
        return ReadCost(Decimal("0.00"), detail=text)  # e.g. "Within existing resources"
    # `5 - 10k` is 5k to 10k: written without £ signs, the unit is shared both ways.
    if not plain and _SUM.match(text, match.end()):
        raise RowError(
            f"cost '{text}' adds up amounts: write their total (the parts can go in the "
            "detail), or a range such as £5k-£10k"
        )
    low = _pounds(match[1], match[2] or (match[4] if plain else None), text)
    high = _pounds(match[3], match[4] or match[2], text) if match[3] else None
    per_year = bool(_PER_YEAR.match(text, match.end()))
    whole = match[0] + (m[0] if (m := _PER_YEAR.match(text, match.end())) else "")
    detail = None if whole.strip() == text else text
    if high is not None and high < low:
        raise RowError(f"cost range '{text}' runs from high to low: write the lower amount first")
    return ReadCost(low, high, per_year, detail)


def parse_money_cell(value: Cell, what: str) -> Decimal:
    read = parse_cost(value)
    if read is None or read.high is not None or read.detail is not None:
        raise RowError(f"{what} '{cell_text(value)}' is not an amount: write it like £5,000")
    return read.amount


_UNITS = re.compile(
    r"(?P<quantity>-?\d+(?:\.\d+)?)\s+(?P<unit>.+?)\s+[×x]\s+£?(?P<rate>\d[\d,]*(?:\.\d{1,2})?)"
    r"(?:\s+\((?P<note>.*)\))?",
    re.DOTALL,
)


def parse_units(text: str) -> dict[str, Any]:
    match = _UNITS.fullmatch(text.strip())
    if match is None:
        raise RowError(f"cost units '{text}' should read like: 5 day × £750")
    return {
        "quantity": Raw(match["quantity"]),
        "unit": match["unit"],
        "rate": Raw(money_text(_pounds(match["rate"], None, text))),
        "note": match["note"],
    }


# --- Progress and revisions in one cell ------------------------------------------------------

_ENTRY = re.compile(r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})(?: \(([^)\n]*)\))?: (.*)")
_NOTE_DATE_HINT = (
    "start the note with its date (2020-03-31: …), add a 'Progress date' column, or give "
    "--updated YYYY-MM-DD"
)


def _entries(text: str) -> list[tuple[date, list[str], str]] | None:
    """Lines starting `date (extras): text`, with the lines that follow each one; None when the
    cell does not start with such a line."""
    entries: list[tuple[date, list[str], str]] = []
    for line in text.split("\n"):
        match = _ENTRY.fullmatch(line)
        if match:
            extras = [p.strip() for p in match[2].split(";")] if match[2] else []
            entries.append((parse_day(match[1], "date"), extras, match[3]))
        elif entries:
            day, extras, body = entries[-1]
            entries[-1] = (day, extras, f"{body}\n{line}")
        else:
            return None
    return entries


def parse_progress(text: str, default: date | None) -> list[dict[str, Any]]:
    """Progress entries from a cell: dated lines, or one undated note (dated `default`)."""
    entries = _entries(text)
    if entries is None:
        if default is None:
            raise RowError(f"the progress note has no date: {_NOTE_DATE_HINT}")
        return [{"date": Raw(default.isoformat()), "note": text}]
    progress = []
    for day, extras, note in entries:
        entry: dict[str, Any] = {"date": Raw(day.isoformat()), "note": note}
        for extra in extras:
            if extra.startswith("by "):
                entry["by"] = extra[3:].strip()
            else:
                status, _rag = parse_status(extra)
                if status is None or _rag is not None:
                    raise RowError(f"'({extra})' in a progress note is not a status or 'by NAME'")
                entry["status"] = Raw(status.value)
        if not note.strip():
            raise RowError(f"the progress note dated {day.isoformat()} is empty")
        progress.append(entry)
    _in_order([e["date"].text for e in progress], "progress notes")
    return progress


def parse_revisions(text: str, default: date | None, source: str) -> list[dict[str, Any]]:
    """Revised targets: `2020-05-01 (target 2021-06; by Jo): reason` lines, or one new target
    (dated `default`)."""
    entries = _entries(text)
    if entries is None:
        read = parse_target(text)
        if default is None:
            raise RowError(
                f"the revised target '{text}' has no date: write it as "
                "'2020-05-01 (target 2021-06): reason', or give --updated YYYY-MM-DD"
            )
        return [{"date": Raw(default.isoformat()), "target": _target_yaml(read.target),
                 "reason": f"revised in {source}"}]  # fmt: skip
    revisions = []
    for day, extras, reason in entries:
        entry: dict[str, Any] = {"date": Raw(day.isoformat())}
        for extra in extras:
            if extra.startswith("target "):
                entry["target"] = _target_yaml(parse_target(extra[7:]).target)
            elif extra.startswith("by "):
                entry["by"] = extra[3:].strip()
        if "target" not in entry or entry["target"] is None:
            raise RowError(f"the revision dated {day.isoformat()} gives no '(target …)'")
        entry = {"date": entry["date"], "target": entry["target"], "reason": reason,
                 "by": entry.get("by")}  # fmt: skip
        revisions.append(entry)
    _in_order([e["date"].text for e in revisions], "revised targets")
    return revisions


def _in_order(days: list[str], what: str) -> None:
    if days != sorted(days):
        raise RowError(f"the {what} are not in date order: put the earliest first")


def _target_yaml(target: str | list[str] | None) -> Any:
    if isinstance(target, list):
        return [Raw(t) for t in target]
    return None if target is None else Raw(target)


# --- Reading a spreadsheet -------------------------------------------------------------------


@dataclass
class Grid:
    """A spreadsheet's cells, row by row, with the row numbers it shows."""

    name: str
    rows: list[tuple[int, list[Cell]]]
    notes: list[str] = field(default_factory=list)


MAX_ROWS = 100_000


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read a .csv (UTF-8, with or without a byte-order mark; else Windows-1252, as older Excel
    saves it) or an .xlsx (its first sheet, or `sheet`)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(path, sheet)
    if suffix != ".csv":
        raise TrackerError(f"{path}: not a .csv or .xlsx file; save the tracker as one of those")
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise TrackerError(f"cannot read {path}: {error.strerror or error}") from None
    notes = []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        notes.append(f"{path.name} is not UTF-8: read it as Windows-1252 (Excel's 'CSV' format)")
    rows: list[tuple[int, list[Cell]]] = [
        (number, list(row)) for number, row in enumerate(csv.reader(io.StringIO(text)), 1)
    ]
    return Grid(path.name, rows[:MAX_ROWS], notes)


def _read_xlsx(path: Path, sheet: str | None) -> Grid:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise TrackerError(f"cannot read {path} as an .xlsx workbook: {error}") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise TrackerError(
                f"{path.name} has no sheet '{sheet}' (sheets: {', '.join(book.sheetnames)})"
            )
        worksheet = book[sheet] if sheet else book.worksheets[0]
        rows: list[tuple[int, list[Cell]]] = []
        for number, cells in enumerate(worksheet.iter_rows(), 1):
            if number > MAX_ROWS:
                break
            rows.append((number, [_xlsx_value(cell) for cell in cells]))
    finally:
        book.close()
    return Grid(path.name, rows)


def _xlsx_value(cell: Any) -> Cell:
    value = cell.value
    if isinstance(value, datetime):
        number_format = str(getattr(cell, "number_format", "") or "").lower()
        if "d" not in number_format.replace("[red]", ""):
            return Month(value.year, value.month)
        return value.date()
    if isinstance(value, str | int | float | bool | date) or value is None:
        return value
    return str(value)


# --- Import ----------------------------------------------------------------------------------


@dataclass
class ImportOptions:
    mapping: dict[str, str] = field(default_factory=dict)  # header (as written) → field
    skip_bad: bool = False
    plan_id: str | None = None  # given on the command line: wins over the tracker's own
    default_id: str | None = None  # when neither gives one (from the output file's name)
    title: str | None = None
    organisation: str | None = None
    source: str | None = None
    updated: date | None = None


@dataclass
class Imported:
    """The plan text (None when rows could not be read), and what the import has to say."""

    text: str | None
    errors: list[str] = field(default_factory=list)  # rows not read (left out with skip_bad)
    notes: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # lint errors in the result


def parse_mapping(items: Iterable[str]) -> dict[str, str]:
    """`--map "Column=field"` options as {column: field}."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, name = item.rpartition("=")
        name = name.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or not column.strip():
            raise TrackerError(f"--map '{item}': write it as \"Column header=field\"")
        if name not in FIELDS:
            raise TrackerError(
                f"--map '{item}': '{name}' is not a field; fields: {', '.join(FIELDS)}"
            )
        mapping[normalise_header(column)] = name
    return mapping


def _header_fields(row: list[Cell], mapping: dict[str, str]) -> list[str | None]:
    fields: list[str | None] = []
    for cell in row:
        header = normalise_header(cell_text(cell))
        fields.append(mapping.get(header) or HEADER_FIELDS.get(header))
    return fields


def find_header(grid: Grid, mapping: dict[str, str]) -> int:
    """Index (in grid.rows) of the header row."""
    for index, (_number, row) in enumerate(grid.rows[:50]):
        fields = {f for f in _header_fields(row, mapping) if f and f != "ignore"}
        if len(fields) >= 2 and fields & {"action", "recommendation"}:
            return index
    raise TrackerError(
        f"{grid.name}: no header row found in the first 50 rows: the table needs a row of "
        "column names including 'Action' or 'Recommendation' (or map yours with --map "
        '"Your header=action")'
    )


@dataclass
class _Rec:
    data: dict[str, Any]
    row: int
    action_rows: int = 0


class _Importer:
    def __init__(self, grid: Grid, options: ImportOptions) -> None:
        self.grid, self.options = grid, options
        self.themes: dict[str, dict[str, Any]] = {}  # id → theme
        self.plan: dict[str, Any] = {}
        self.preamble_title: str | None = None
        self.recs: dict[str, _Rec] = {}
        self.current: _Rec | None = None
        self.action_rows: dict[str, int] = {}
        self.errors: list[str] = []
        self.notes: list[str] = list(grid.notes)

    # The rows above the header: the plan block.
    def read_preamble(self, rows: Sequence[tuple[int, list[Cell]]]) -> None:
        for number, row in rows:
            cells = [cell_text(c) for c in row]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                continue
            key = _PREAMBLE.get(normalise_header(cells[0]))
            values = cells[1:]
            if key is None or not any(values):
                if self.preamble_title is None and len([c for c in cells if c]) == 1:
                    self.preamble_title = next(c for c in cells if c)
                continue
            try:
                self._preamble_value(key, values)
            except RowError as error:
                self.errors.append(f"row {number}: {error}")

    def _preamble_value(self, key: str, values: list[str]) -> None:
        value = values[0].strip()
        if key == "theme":
            theme_id = value
            title = values[1].strip() if len(values) > 1 and values[1].strip() else theme_id
            text = values[2] if len(values) > 2 and values[2] else None
            self.themes[theme_id] = {"id": theme_id, "title": title, "text": text}
        elif key == "reports_to":
            self.plan[key] = split_list(value)
        elif key == "adopted":
            self.plan[key] = Raw(parse_day(value, "adopted").isoformat())
        elif key == "stated_total":
            self.plan[key] = Raw(money_text(parse_money_cell(value, "stated total")))
        elif key == "id":
            self.plan[key] = value
        else:
            self.plan[key] = values[0]

    def theme_id(self, text: str) -> str:
        wanted = text.strip()
        for theme_id, theme in self.themes.items():
            if wanted.lower() in (theme_id.lower(), str(theme["title"]).lower()):
                return theme_id
        base = re.sub(r"[^a-z0-9]+", "-", wanted.lower()).strip("-") or "theme"
        theme_id, n = base, 2
        while theme_id in self.themes:
            theme_id, n = f"{base}-{n}", n + 1
        self.themes[theme_id] = {"id": theme_id, "title": wanted}
        return theme_id

    # One row of the table.
    def read_row(self, number: int, values: dict[str, Cell]) -> None:
        text = {name: cell_text(value) for name, value in values.items()}
        rec = self._recommendation(number, text)
        # A recommendation read is kept even when the rest of its row is not.
        self.recs.setdefault(str(rec.data["id"].text), rec)
        self.current = rec
        action = cost = None
        problems = []  # the action's and the cost's together, so a row is corrected in one pass
        if text.get("action"):
            rec.action_rows += 1  # counts rows left out too, so later ids do not shift
            try:
                action = self._action(rec, number, values, text)
            except RowError as error:
                problems.append(str(error))
        if text.get("cost") or text.get("cost_label"):
            try:
                cost = self._cost(rec, values, text)
            except RowError as error:
                problems.append(str(error))
        if problems:
            raise RowError("; ".join(problems))
        if action is not None:
            ident = str(action["id"].text)
            if ident in self.action_rows:
                raise RowError(
                    f"action id {ident} is also used at row {self.action_rows[ident]}: give "
                    "each action its own number"
                )
            self.action_rows[ident] = number
            rec.data["actions"].append(action)
        if cost is not None:
            rec.data["costs"].append(cost)

    def _recommendation(self, number: int, text: dict[str, str]) -> _Rec:
        ident = text.get("rec_id", "").strip().rstrip(".")
        title = text.get("recommendation", "").strip()
        full = text.get("recommendation_text")
        if not ident and title:
            numbered = re.match(r"(\d+[a-z]?)[.)]\s+(.*)", title, re.DOTALL)
            if numbered:
                ident, title = numbered[1], numbered[2]
        if not ident:
            if not title or (self.current is not None and title == self.current.data["title"]):
                if self.current is None:
                    raise RowError(
                        "no recommendation: fill in 'Rec No' or 'Recommendation' on the first row"
                    )
                return self.current
            ident = str(len(self.recs) + 1)
            while ident in self.recs:
                ident += "a"
        if ident in self.recs:
            rec = self.recs[ident]
            if title and _title_of(title, full)[0] != rec.data["title"]:
                raise RowError(
                    f"recommendation {ident} is titled '{rec.data['title']}' at row {rec.row}, "
                    f"but '{_clip(title)}' here: give it one title, or a new Rec No"
                )
            return rec
        rec_title, rec_text = _title_of(title or full or f"Recommendation {ident}", full)
        data: dict[str, Any] = {"id": Quoted(ident), "title": rec_title, "text": rec_text}
        if text.get("theme", "").strip():
            data["theme"] = self.theme_id(text["theme"])
        data["accepted"] = parse_accepted(text.get("accepted", ""))
        data["actions"] = []
        data["costs"] = []
        data["notes"] = text.get("recommendation_notes") or None
        return _Rec(data, number)

    def _action(
        self, rec: _Rec, number: int, values: dict[str, Cell], text: dict[str, str]
    ) -> dict[str, Any]:
        """The action of one row. Every problem in the row is found before it is refused (one
        RowError naming them all), so one correction pass fixes the spreadsheet."""
        problems: list[str] = []

        def attempt(read: Callable[[], _T], instead: _T) -> _T:
            try:
                return read()
            except RowError as error:
                problems.append(str(error))
                return instead

        rec_id = str(rec.data["id"].text)
        ident = text.get("action_id", "").strip().rstrip(".")
        if not ident:
            ident = f"{rec_id}.{rec.action_rows}"
        read = attempt(lambda: parse_target(values.get("target")), ReadTarget(None, None))
        if read.target == TargetKind.DEPENDENT and read.text and _LIKE_A_DATE.search(read.text):
            self.notes.append(
                f"row {number}: target '{read.text}' is not a date this can read, so it is kept "
                "as 'dependent' (never overdue) with its wording; if it is a date, write it as "
                "Feb 2020, 31/03/2021 or 2021-03-31"
            )
        target_text = text.get("target_text") or read.text
        if read.target == TargetKind.DEPENDENT and not target_text:
            problems.append(
                "target 'dependent' does not say on what: write the event in the target cell "
                "(e.g. 'When funding is agreed')"
            )
        unread: tuple[Status | None, Rag | None] = (None, None)
        status, status_rag = attempt(lambda: parse_status(text.get("status", "")), unread)
        rag = attempt(lambda: parse_rag(text.get("rag", "")), None) or status_rag
        completed = (
            attempt(lambda: parse_day(values["completed"], "completion date"), None)
            if text.get("completed")
            else None
        )
        if completed is not None and status is None:
            status = Status.DONE
        if status is Status.DONE and completed is None and not text.get("completed"):
            problems.append(
                "the action is complete but has no completion date: add a 'Completed' column "
                "with the date (e.g. 31/03/2021)"
            )
        if completed is not None and status is not Status.DONE:
            problems.append(f"a completion date is given but the status is {status}")
        reason = text.get("status_reason") or None
        if status in (Status.BLOCKED, Status.DROPPED) and not reason:
            problems.append(
                f"the action is {status} with no reason: add a 'Status reason' column saying why"
            )
        progress_day = (
            attempt(lambda: parse_day(values["progress_date"], "progress date"), None)
            if text.get("progress_date")
            else self.options.updated
        )
        source = self.grid.name
        none: list[dict[str, Any]] = []
        revisions = (
            attempt(lambda: parse_revisions(text["revisions"], progress_day, source), none)
            if text.get("revisions")
            else []
        )
        progress = (
            attempt(lambda: parse_progress(text["progress"], progress_day), none)
            if text.get("progress")
            else []
        )
        if problems:
            raise RowError("; ".join(problems))
        return {
            "id": Quoted(ident),
            "text": text["action"],
            "owners": split_list(text.get("owners", "")),
            "target": _target_yaml(read.target),
            "target_text": target_text,
            "revisions": revisions,
            "status": Raw(status.value) if status and status is not Status.NOT_STARTED else None,
            "completed": Raw(completed.isoformat()) if completed else None,
            "status_reason": reason,
            "rag": Raw(rag.value) if rag else None,
            "rag_reason": (text.get("rag_reason") or f"as rated in {source}") if rag else None,
            "progress": progress,
            "notes": text.get("action_notes") or None,
        }

    def _cost(
        self, rec: _Rec, values: dict[str, Cell], text: dict[str, str]
    ) -> dict[str, Any] | None:
        read = parse_cost(values.get("cost"))
        if read is None:
            if text.get("cost_label"):
                raise RowError(f"cost item '{text['cost_label']}' has no amount in 'Cost'")
            return None
        high = read.high
        if text.get("cost_high"):
            high = parse_money_cell(values["cost_high"], "cost upper")
        if high is not None and high < read.amount:
            raise RowError("the cost's upper end is below its amount: put the lower amount first")
        recurrence = Recurrence.PER_YEAR if read.per_year else Recurrence.ONE_OFF
        if text.get("recurrence"):
            word = _word(text["recurrence"])
            if word in ("per year", "per annum", "annual", "annually", "recurring", "yearly"):
                recurrence = Recurrence.PER_YEAR
            elif word in ("one off", "once", "one time"):
                recurrence = Recurrence.ONE_OFF
            else:
                raise RowError(f"recurrence '{text['recurrence']}' is not one-off or per-year")
        return {
            "label": text.get("cost_label") or rec.data["title"],
            "amount": Raw(money_text(read.amount)),
            "high": Raw(money_text(high)) if high is not None else None,
            "recurrence": Raw(recurrence.value) if recurrence is Recurrence.PER_YEAR else None,
            "detail": text.get("cost_detail") or read.detail,
            "units": parse_units(text["cost_units"]) if text.get("cost_units") else None,
            "owners": split_list(text.get("cost_owners", "")),
        }


def _clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title_of(title: str, full: str | None) -> tuple[str, str | None]:
    """A recommendation's title and text from its cells: a long cell is cut to a title at its
    first dash, colon or full stop, and kept whole as the text."""
    if full is not None or (len(title) <= 100 and "\n" not in title):
        return title, full
    head = re.split(r"\s[–—-]\s|:\s|\.\s|\n", title, maxsplit=1)[0].strip()
    if len(head) > 100:
        head = head[:99].rsplit(" ", 1)[0] + "…"
    return head, title


def import_grid(grid: Grid, options: ImportOptions) -> Imported:
    """Read a tracker into plan YAML, checked by lint before it is returned."""
    header_index = find_header(grid, options.mapping)
    number, header = grid.rows[header_index]
    fields = _header_fields(header, options.mapping)
    headers = {normalise_header(cell_text(cell)) for cell in header}
    for column in options.mapping:
        if column not in headers:
            labels = ", ".join(f"'{cell_text(cell)}'" for cell in header if cell_text(cell))
            raise TrackerError(
                f"--map: the header row (row {number}) has no column '{column}'; its columns: "
                f"{labels}"
            )
    importer = _Importer(grid, options)
    importer.read_preamble(grid.rows[:header_index])
    used: dict[str, int] = {}
    for index, (cell, name) in enumerate(zip(header, fields, strict=True)):
        label = cell_text(cell)
        where = f"'{label}' (column {column_letter(index)})"
        if name is None and label:
            importer.notes.append(
                f"column {where} is not recognised and was left out: read it with "
                f'--map "{label}=FIELD" (fields: {", ".join(FIELDS)})'
            )
        elif name is not None and name != "ignore" and name in used:
            first = cell_text(header[used[name]])
            importer.notes.append(
                f"column {where} reads as {name} like '{first}' before it, and was left out: "
                f'use --map "{label}=FIELD" to read it as something else'
            )
            fields[index] = None
        elif name is not None:
            used[name] = index
    for number, row in grid.rows[header_index + 1 :]:
        values = {
            name: cell
            for name, cell in zip(fields, row, strict=False)
            if name and name != "ignore" and cell_text(cell)
        }
        if not values:
            continue
        try:
            importer.read_row(number, values)
        except RowError as error:
            importer.errors.append(f"row {number}: {error}")
    if importer.errors and not options.skip_bad:
        return Imported(None, importer.errors, importer.notes)
    text = plan_yaml(importer, options)
    loaded, findings = load_text("imported plan", text.encode("utf-8"))
    if loaded is not None:
        findings = findings + run_checks(loaded)
    errors = [f for f in findings if f.severity is Severity.ERROR]
    return Imported(None if errors else text, importer.errors, importer.notes, errors)


def plan_yaml(importer: _Importer, options: ImportOptions) -> str:
    """The plan file's text: a header comment and the plan in block YAML."""
    plan = importer.plan
    title = options.title or plan.get("title") or importer.preamble_title
    organisation = options.organisation or plan.get("organisation")
    missing = [
        (what, option, row)
        for what, option, row, value in (
            ("the plan's title", "--title", "Title", title),
            ("the organisation", "--organisation", "Organisation", organisation),
        )
        if not value
    ]
    if missing:  # both at once, so one run says all that is needed
        raise TrackerError(
            f"the tracker does not give {' or '.join(what for what, _o, _r in missing)}: add "
            + " and ".join(f'{option} "…"' for _w, option, _r in missing)
            + " (or "
            + " and ".join(
                f"{'an' if row[0] in 'AEIOU' else 'a'} '{row}' row" for *_, row in missing
            )
            + " above the table)"
        )
    plan_id = (
        options.plan_id
        or plan.get("id")
        or options.default_id
        or plan_id_from(Path(importer.grid.name))
    )
    info: dict[str, Any] = {
        "id": plan_id,
        "title": title,
        "organisation": organisation,
        "source": options.source or plan.get("source") or f"Imported from {importer.grid.name}",
        "source_url": plan.get("source_url"),
        "adopted": plan.get("adopted"),
        "period": plan.get("period"),
        "currency": plan.get("currency"),
        "reports_to": plan.get("reports_to"),
        "themes": list(importer.themes.values()),
        "stated_total": plan.get("stated_total"),
        "notes": plan.get("notes"),
    }
    lines = [
        f"# Imported from {importer.grid.name} by 'actionplan import'; check it with",
        "# 'actionplan lint' and record progress with 'actionplan update'.",
        "",
        *block({"plan": info}),
        "",
        "recommendations:",
    ]
    for rec in importer.recs.values():
        item = block({"recommendations": [rec.data]})[1:]
        lines.extend(item)
        lines.append("")
    if not importer.recs:
        lines[-1] = "recommendations: []"
    return "\n".join(lines).rstrip("\n") + "\n"


# --- Export ----------------------------------------------------------------------------------


@dataclass
class Exported:
    rows: list[list[Cell]]
    header_row: int  # index of the header row in `rows`
    left_out: list[str]


def tracker_grid(plan: PlanFile) -> Exported:
    """A plan as a tracker: the plan block above a table with one row per action (and cost)."""
    info = plan.plan
    rows: list[list[Cell]] = []
    for key, label in _PREAMBLE_LABELS.items():
        value = getattr(info, key)
        if value is None or value == () or (key == "currency" and value == "GBP"):
            continue
        if key == "reports_to":
            value = "; ".join(value)
        elif key == "stated_total":
            value = money_text(value)
        elif key == "adopted":
            value = value.isoformat()
        rows.append([label, value])
    for theme in info.themes:
        rows.append(["Theme", theme.id, theme.title, *([theme.text] if theme.text else [])])
    rows.append([])
    header_row = len(rows)
    fields = list(EXPORT_HEADERS)
    rows.append([EXPORT_HEADERS[name] for name in fields])
    for rec in plan.recommendations:
        for index in range(max(len(rec.actions), len(rec.costs), 1)):
            cells: dict[str, Cell] = {"rec_id": rec.id}
            if index == 0:
                cells.update(
                    recommendation=rec.title,
                    recommendation_text=rec.text,
                    theme=rec.theme,
                    accepted=None if rec.accepted is None else ("Y" if rec.accepted else "N"),
                    recommendation_notes=rec.notes,
                )
            if index < len(rec.actions):
                action = rec.actions[index]
                target = action.target
                cells.update(
                    action_id=action.id,
                    action=action.text,
                    owners="; ".join(action.owners),
                    target=None if target is None else str(target),
                    target_text=action.target_text,
                    revisions="\n".join(
                        f"{r.date.isoformat()} (target {r.target}"
                        f"{f'; by {r.by}' if r.by else ''}): {r.reason}"
                        for r in action.revisions
                    ),
                    status=action.status.value,
                    completed=action.completed.isoformat() if action.completed else None,
                    status_reason=action.status_reason,
                    rag=action.rag.value if action.rag else None,
                    rag_reason=action.rag_reason,
                    progress="\n".join(
                        f"{u.date.isoformat()}{_extras(u.status, u.by)}: {u.note}"
                        for u in action.progress
                    ),
                    action_notes=action.notes,
                )
            if index < len(rec.costs):
                cost = rec.costs[index]
                units = cost.units
                cells.update(
                    cost_label=cost.label,
                    cost=money_text(cost.amount),
                    cost_high=money_text(cost.high) if cost.high is not None else None,
                    recurrence=cost.recurrence.value,
                    cost_detail=cost.detail,
                    cost_units=None
                    if units is None
                    else f"{units.quantity} {units.unit} × {format_money(units.rate)}"
                    + (f" ({units.note})" if units.note else ""),
                    cost_owners="; ".join(cost.owners),
                )
            rows.append([cells.get(name) or None for name in fields])
    return Exported(rows, header_row, _left_out(plan))


def _extras(status: Status | None, by: str | None) -> str:
    parts = [*([status.value] if status else []), *([f"by {by}"] if by else [])]
    return f" ({'; '.join(parts)})" if parts else ""


def _left_out(plan: PlanFile) -> list[str]:
    from actionplan.findings import plural

    out = []
    for name, items in (
        ("outcome", plan.outcomes),
        ("service", plan.services),
        ("project", plan.projects),
    ):
        if items:
            out.append(plural(len(items), name))
    links = sum(1 for r in plan.recommendations if r.outcomes) + sum(
        1 for _r, a in plan.actions() if a.outcomes
    )
    if links:
        out.append(f"the outcome links of {plural(links, 'recommendation or action')}")
    return out


def grid_csv(exported: Exported) -> str:
    """The grid as CSV (formula-like cells neutralised), with a byte-order mark so that Excel
    reads it as UTF-8 (without one it shows £ as Â£)."""
    from actionplan.output.render import to_csv

    rows = [[cell_text(c) if c is not None else "" for c in row] for row in exported.rows]
    return "\ufeff" + to_csv(rows[0], rows[1:])


_WIDE = {"recommendation_text", "action", "progress", "revisions", "cost_detail", "target_text"}


def grid_xlsx(exported: Exported) -> bytes:
    """The grid as an .xlsx workbook: one 'Tracker' sheet, the header bold and frozen, text
    kept as text (never a formula), amounts as numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    fields = list(EXPORT_HEADERS)
    money = {fields.index("cost"), fields.index("cost_high")}
    for r, row in enumerate(exported.rows, 1):
        for c, value in enumerate(row, 1):
            if value is None or value == "":
                continue
            cell = sheet.cell(row=r, column=c)
            in_table = r > exported.header_row + 1
            if in_table and c - 1 in money and isinstance(value, str):
                amount = Decimal(value)
                if abs(amount) < 10**12:
                    cell.value = float(amount)
                    cell.number_format = "£#,##0.00"
                    continue
            cell.value = str(value)
            cell.data_type = "s"  # never a formula, whatever the text starts with
            if in_table:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    header = exported.header_row + 1
    for c in range(1, len(fields) + 1):
        sheet.cell(row=header, column=c).font = Font(bold=True)
        width = 60 if fields[c - 1] in _WIDE else 18
        sheet.column_dimensions[column_letter(c - 1)].width = width
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
