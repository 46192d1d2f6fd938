"""Reading one cell of a tracker, and writing one: dates and targets, money, status words, lists,
and the dated entries (progress notes, revised targets) a cell holds one per line.

A reader takes a cell as the spreadsheet gives it (`Cell`) and returns what the plan holds, or
raises `RowError` naming the value and the fix. Each grammar's writer sits beside its reader, so
what the export writes is what the import reads.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from actionplan.model.plan import (
    Acceptance,
    ClosureKind,
    FundingRoute,
    ProgressUpdate,
    Rag,
    Recurrence,
    Status,
    Target,
    TargetKind,
    TargetRevision,
    UnitBreakdown,
)
from actionplan.reports.money import format_money
from actionplan.yaml.write import Raw

_T = TypeVar("_T")


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


_GUARD = re.compile(r"(?:^|(?<=\n))'(?=[=+\-@\t])")
# Characters a plan file may not hold (control characters, line and paragraph separators).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def cell_text(value: Cell) -> str:
    """A cell as text: line breaks normalised, spaces trimmed, CSV's formula guard removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text).strip(" \t")
    # `'=SUM…`: the guard the CSV export puts before a formula, at the cell's start or a line's.
    return _GUARD.sub("", text)


def split_list(text: str) -> list[str]:
    """Several names in one cell: one per line, or separated by semicolons."""
    return [part.strip() for part in re.split(r"[;\n]", text) if part.strip()]


def list_cell(names: Sequence[str]) -> str:
    """Several names as one cell, as `split_list` reads them back."""
    return "; ".join(names)


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


@dataclass(frozen=True)
class ReadTarget:
    target: str | list[str] | None
    text: str | None  # the cell's own wording, when it is not already the canonical form


# A year, a day/month, or a bare number (an Excel date serial such as 43891): in a target cell
# that is not read as a date, most likely a date mistyped, not words saying what it awaits.
_LIKE_A_DATE = re.compile(r"\b(?:19|20)\d\d\b|\d+\s*/\s*\d+|^\s*\d{5}(?:\.0)?\s*$")


_RANGE_OF_DATES = re.compile(r"(?:from\s+)?(.+?)\s+(?:to|until|till|[-–—])\s+(.+)", re.IGNORECASE)


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "twenty four": 24,
}  # fmt: skip
_RELATIVE = re.compile(
    rf"(?:(?:within|in|by)\s+)?(?:the\s+next\s+)?(\d{{1,3}}|{'|'.join(_NUMBER_WORDS)})"
    r"[\s-]+(week|month|year)s?(?:'?s?\s+time)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    """A time from a start the tracker does not give: "6 months", "within 3 months"."""

    count: int
    unit: str  # week, month or year

    def after(self, start: date) -> date:
        """The day `count` units after `start` (a month's end where the day is past it)."""
        from datetime import timedelta

        if self.unit == "week":
            return start + timedelta(weeks=self.count)
        months = start.month - 1 + self.count * (12 if self.unit == "year" else 1)
        year, month = start.year + months // 12, months % 12 + 1
        return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def parse_span(text: str) -> Span | None:
    """A relative target ("6 months", "within 3 months", "12 months' time"), or None."""
    match = _RELATIVE.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    count = match[1].lower()
    number = int(count) if count.isdigit() else _NUMBER_WORDS[count.replace("-", " ")]
    return Span(number, match[2].lower()) if number > 0 else None


def looks_like_a_date(text: str) -> bool:
    """Whether words in a target cell hold something written like a date."""
    return bool(_LIKE_A_DATE.search(text))


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
    if (span := _RANGE_OF_DATES.fullmatch(text)) and parse_deadline(span[1]) is not None:
        end = parse_deadline(span[2])
        if end is not None:  # "October 2011 to March 2012": due at its end
            return ReadTarget(end, text)
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


NOT_RECORDED_TEXT = "not-recorded"
_NOT_RECORDED_WORDS = ("not recorded", "not-recorded", "unknown", "not known", "no date")


def parse_recorded_day(value: Cell, what: str) -> date | Raw:
    """A day, or `not-recorded` (format 2) when the cell says the source gives none."""
    if isinstance(value, str) and value.strip().lower() in _NOT_RECORDED_WORDS:
        return Raw(NOT_RECORDED_TEXT)
    return parse_day(value, what)


def vocabulary_word(value: Cell) -> str | None:
    """A word of an open vocabulary as plans write it: `No assurance` → `no-assurance`."""
    words = re.sub(r"[^a-z0-9]+", "-", cell_text(value).lower()).strip("-")
    return words or None


# Assurance opinions as audit reports word them, to format 2's default levels ("No assurance",
# "Full", "Moderate assurance"), for a plan that declares no assurance words of its own.
_ASSURANCE_WORDS: dict[str, tuple[str, ...]] = {
    "substantial": ("substantial", "full", "good", "high"),
    "reasonable": ("reasonable", "adequate", "moderate", "satisfactory"),
    "limited": ("limited", "partial", "low"),
    "no-assurance": ("no", "none", "nil", "minimal", "unsatisfactory"),
}
_ASSURANCE_OF = {word: level for level, words in _ASSURANCE_WORDS.items() for word in words}


def assurance_level(word: str) -> str | None:
    """The default level an assurance word means (`no-assurance` for `no`, `nil` and
    `no-assurance`; `substantial` for `full`), or None for a word of the council's own."""
    return _ASSURANCE_OF.get(_word(word).removesuffix("assurance").strip())


# --- Words -----------------------------------------------------------------------------------


def _word(text: str) -> str:
    return " ".join(re.sub(r"[^a-z]+", " ", text.lower()).split())


_word_of = _word
status_key = _word  # how a status word is compared: `Risk-accepted!` is `risk accepted`

_STATUS_SYNONYMS: dict[Status, tuple[str, ...]] = {
    Status.NOT_STARTED: ("not started", "not yet started", "planned", "pending", "to do",
                         "not implemented", "not yet due", "not due"),
    Status.IN_PROGRESS: (
        "in progress", "started", "underway", "under way", "on track", "ongoing", "on going",
        "delayed", "behind schedule", "overdue", "slipped", "partially implemented",
        "partly implemented", "part implemented", "outstanding", "open", "in hand",
    ),
    Status.DONE: ("complete", "completed", "closed", "achieved", "delivered", "finished",
                  "implemented", "fully implemented", "done"),
    Status.BLOCKED: ("on hold", "stalled", "blocked"),
    Status.DROPPED: ("withdrawn", "cancelled", "canceled", "not proceeding", "no longer required",
                     "dropped", "risk accepted", "superseded", "no longer applicable"),
}  # fmt: skip
# Status words that also say how the action was closed (format 2's closure kinds).
CLOSURE_WORDS: dict[str, ClosureKind] = {
    "risk accepted": ClosureKind.RISK_ACCEPTED,
    "superseded": ClosureKind.SUPERSEDED,
}
_STATUS_WORDS: dict[str, Status] = {
    **{_word_of(s.value): s for s in Status},
    **{word: status for status, words in _STATUS_SYNONYMS.items() for word in words},
}
_RAG_WORDS: dict[str, Rag] = {
    **{r.value: r for r in Rag},
    "r": Rag.RED,
    "a": Rag.AMBER,
    "g": Rag.GREEN,
}
_ACCEPTED_WORDS: dict[str, Acceptance] = {
    **dict.fromkeys(("y", "yes", "true", "accepted", "agreed"), Acceptance.ACCEPTED),
    **dict.fromkeys(
        ("n", "no", "false", "rejected", "not accepted", "not agreed"), Acceptance.NOT_ACCEPTED
    ),
    **dict.fromkeys(
        ("accepted in principle", "agreed in principle", "in principle"), Acceptance.IN_PRINCIPLE
    ),
    **dict.fromkeys(
        ("partially accepted", "partly accepted", "partially agreed", "partly agreed",
         "partial"),
        Acceptance.PARTIALLY,
    ),
    **dict.fromkeys(("noted",), Acceptance.NOTED),
}  # fmt: skip


def status_words() -> list[tuple[str, Status, ClosureKind | None]]:
    """Every status word import knows, with the status (and closure) it reads as."""
    return [
        (word, status, CLOSURE_WORDS.get(word)) for word, status in sorted(_STATUS_WORDS.items())
    ]


def parse_status(
    text: str, extra: Mapping[str, Status] | None = None
) -> tuple[Status | None, Rag | None]:
    """A status cell: a status word (of the table, or of `extra`, the user's own), or a RAG
    colour (then the action is in progress)."""
    word = _word(text)
    if not word:
        return None, None
    if extra and word in extra:
        return extra[word], None
    if word in _STATUS_WORDS:
        return _STATUS_WORDS[word], None
    if word in _RAG_WORDS:
        return Status.IN_PROGRESS, _RAG_WORDS[word]
    raise RowError(
        f"status '{text}' is not one this tool knows: use not started, in progress, complete, "
        "blocked or dropped (or red, amber, green; 'import --list-status-words' lists them "
        'all), or say what it means with --status-map "WORD=in-progress"'
    )


def _look_up(text: str, words: Mapping[str, _T], refusal: str) -> _T | None:
    """The meaning of a word cell (None when it has no words); a word not in `words` is a
    RowError saying `refusal`."""
    word = _word(text)
    if not word:
        return None
    if word in words:
        return words[word]
    raise RowError(refusal)


def parse_rag(text: str) -> Rag | None:
    """A RAG cell: red, amber or green (or R, A, G)."""
    return _look_up(text, _RAG_WORDS, f"RAG '{text}' is not red, amber or green")


def parse_accepted(text: str) -> Acceptance | None:
    """An accepted cell: Y or N, or format 2's acceptance, in the words trackers use."""
    return _look_up(
        text,
        _ACCEPTED_WORDS,
        f"accepted '{text}' is not Y or N (or accepted in principle, partially accepted, noted)",
    )


def yes_no(value: bool) -> str:
    """A yes-or-no cell as trackers write it."""
    return "Y" if value else "N"


_RECURRENCE_WORDS: dict[str, Recurrence] = {
    **dict.fromkeys(
        ("per year", "per annum", "annual", "annually", "recurring", "yearly"), Recurrence.PER_YEAR
    ),
    **dict.fromkeys(("one off", "once", "one time"), Recurrence.ONE_OFF),
}


def parse_recurrence(text: str) -> Recurrence:
    """A recurrence cell: one-off or per-year, in the words trackers use."""
    refusal = f"recurrence '{text}' is not one-off or per-year"
    recurrence = _look_up(text, _RECURRENCE_WORDS, refusal)
    if recurrence is None:
        raise RowError(refusal)
    return recurrence


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


def money_yaml(amount: Decimal) -> Raw:
    """An amount as the plan file holds it (a number, unquoted)."""
    return Raw(money_text(amount))


def day_yaml(day: date) -> Raw:
    """A day as the plan file holds it: 2021-03-31, unquoted."""
    return Raw(day.isoformat())


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
        "rate": money_yaml(_pounds(match["rate"], None, text)),
        "note": match["note"],
    }


def units_cell(units: UnitBreakdown) -> str:
    """A unit breakdown as `parse_units` reads it: `5 day × £750 (note)`."""
    note = f" ({units.note})" if units.note else ""
    return f"{units.quantity} {units.unit} × {format_money(units.rate)}{note}"


# --- Progress and revisions in one cell ------------------------------------------------------

_BY, _TARGET = "by ", "target "
_APPROVED_BY, _APPROVED_AT = "approved by ", "approved at "
# The extras in brackets may hold one level of brackets of their own: `(by Jo (HR))`.
_ENTRY = re.compile(
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4}|not-recorded)"
    r"(?: \(((?:[^()\n]|\([^()\n]*\))*)\))?: (.*)"
)
_NOTE_DATE_HINT = (
    "start the note with its date (2020-03-31: …), add a 'Progress date' column, or give "
    "--updated YYYY-MM-DD"
)


def _entries(text: str) -> list[tuple[date | Raw, list[str], str]] | None:
    """Lines starting `date (extras): text`, with the lines that follow each one; None when the
    cell does not start with such a line."""
    entries: list[tuple[date | Raw, list[str], str]] = []
    for line in text.split("\n"):
        match = _ENTRY.fullmatch(line)
        if match:
            extras = [p.strip() for p in match[2].split(";")] if match[2] else []
            entries.append((parse_recorded_day(match[1], "date"), extras, match[3]))
        elif entries:
            day, extras, body = entries[-1]
            entries[-1] = (day, extras, f"{body}\n{line}")
        else:
            return None
    return entries


def _day_or_raw(day: date | Raw) -> Raw:
    return day if isinstance(day, Raw) else day_yaml(day)


def parse_progress(
    text: str, default: date | None, statuses: Mapping[str, Status] | None = None
) -> list[dict[str, Any]]:
    """Progress entries from a cell: dated lines, or one undated note (dated `default`, else
    `not-recorded`)."""
    entries = _entries(text)
    if entries is None:
        undated = day_yaml(default) if default is not None else Raw(NOT_RECORDED_TEXT)
        return [{"date": undated, "note": text}]
    progress = []
    for day, extras, note in entries:
        entry: dict[str, Any] = {"date": _day_or_raw(day), "note": note}
        for extra in extras:
            if extra.startswith(_BY):
                entry["by"] = extra.removeprefix(_BY).strip()
            else:
                status, _rag = parse_status(extra, statuses)
                if status is None or _rag is not None:
                    raise RowError(f"'({extra})' in a progress note is not a status or 'by NAME'")
                entry["status"] = Raw(status.value)
        if not note.strip():
            raise RowError(f"the progress note dated {_day_text(day)} is empty")
        progress.append(entry)
    _in_order(
        [e["date"].text for e in progress if e["date"].text != NOT_RECORDED_TEXT], "progress notes"
    )
    return progress


def _day_text(day: date | Raw) -> str:
    return day.text if isinstance(day, Raw) else day.isoformat()


def parse_revisions(
    value: Cell, default: date | None, source: str, imported: date
) -> list[dict[str, Any]]:
    """Revised targets: `2020-05-01 (target 2021-06; by Jo): reason` lines, or one new target
    (a date cell, or words), dated `default` (the tracker's update date), else the day it was
    imported, with a reason that says the date of the revision is not recorded."""
    text = cell_text(value)
    entries = _entries(text)
    if entries is None:
        read = parse_target(value)
        if read.target is None:
            return []
        if default is not None:
            return [{"date": day_yaml(default), "target": target_yaml(read.target),
                     "reason": f"revised in {source}"}]  # fmt: skip
        revision = {"date": day_yaml(imported), "target": target_yaml(read.target),
                    "reason": f"revised in {source}, which does not record when (imported "
                    f"{imported.isoformat()})"}  # fmt: skip
        if "approved_at" in TargetRevision.model_fields:  # format 2's approval, where known
            revision["approved_at"] = Raw(NOT_RECORDED_TEXT)
        return [revision]
    revisions = []
    for day, extras, reason in entries:
        if isinstance(day, Raw):
            raise RowError("a revised target's date must be recorded: write it as 2020-05-01")
        entry: dict[str, Any] = {"date": day_yaml(day)}
        for extra in extras:
            if extra.startswith(_TARGET):
                entry["target"] = target_yaml(parse_target(extra.removeprefix(_TARGET)).target)
            elif extra.startswith(_BY):
                entry["by"] = extra.removeprefix(_BY).strip()
            elif extra.startswith(_APPROVED_BY):
                entry["approved_by"] = extra.removeprefix(_APPROVED_BY).strip()
            elif extra.startswith(_APPROVED_AT):
                at = extra.removeprefix(_APPROVED_AT).strip()
                entry["approved_at"] = _day_or_raw(parse_recorded_day(at, "approval date"))
        if "target" not in entry or entry["target"] is None:
            raise RowError(f"the revision dated {day.isoformat()} gives no '(target …)'")
        entry = {"date": entry["date"], "target": entry["target"], "reason": reason,
                 "by": entry.get("by"), "approved_by": entry.get("approved_by"),
                 "approved_at": entry.get("approved_at")}  # fmt: skip
        revisions.append(entry)
    _in_order([e["date"].text for e in revisions], "revised targets")
    return revisions


def _in_order(days: list[str], what: str) -> None:
    if days != sorted(days):
        raise RowError(f"the {what} are not in date order: put the earliest first")


def target_yaml(target: str | list[str] | None) -> Any:
    """A target as the plan file writes it."""
    if isinstance(target, list):
        return [Raw(t) for t in target]
    return None if target is None else Raw(target)


def progress_cell(progress: Sequence[ProgressUpdate]) -> str:
    """Progress notes as `parse_progress` reads them: `2020-03-31 (done; by Jo): note` lines."""
    return "\n".join(f"{u.date.isoformat()}{_extras(u.status, u.by)}: {u.note}" for u in progress)


def revisions_cell(revisions: Sequence[TargetRevision]) -> str:
    """Revised targets as `parse_revisions` reads them: `2020-05-01 (target 2021-06; by Jo;
    approved by Audit Committee; approved at 2020-05-10): reason`."""
    lines = []
    for r in revisions:
        extras = [f"{_TARGET}{r.target}"]
        if r.by:
            extras.append(f"{_BY}{r.by}")
        # Approval (format 2) is read where the model has it.
        approved_by, approved_at = getattr(r, "approved_by", None), getattr(r, "approved_at", None)
        if approved_by:
            extras.append(f"{_APPROVED_BY}{approved_by}")
        if approved_at is not None:
            extras.append(f"{_APPROVED_AT}{approved_at.isoformat()}")
        lines.append(f"{r.date.isoformat()} ({'; '.join(extras)}): {r.reason}")
    return "\n".join(lines)


_FUNDING = re.compile(r"(.*?)(?: \[target ([^\]\n]*)\])?(?: \[as written ([^\]\n]*)\])?")


def funding_cell(routes: Sequence[FundingRoute]) -> str:
    """Funding routes as `parse_funding` reads them: `route [target 2027-04] [as written …]`."""
    lines = []
    for route in routes:
        target = f" [target {route.target}]" if route.target is not None else ""
        wording = f" [as written {route.target_text}]" if route.target_text else ""
        lines.append(f"{route.route}{target}{wording}")
    return "\n".join(lines)


def parse_funding(text: str) -> list[dict[str, Any]]:
    """A funding cell: one route per line, each with an optional target and its wording."""
    routes = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        match = _FUNDING.fullmatch(line.strip())
        assert match is not None  # every part but the route is optional
        target = None
        if match[2]:
            read = parse_target(match[2])
            target = target_yaml(read.target)
        routes.append({"route": match[1], "target": target, "target_text": match[3]})
    return routes


def _extras(status: Status | None, by: str | None) -> str:
    parts = [*([status.value] if status else []), *([f"{_BY}{by}"] if by else [])]
    return f" ({'; '.join(parts)})" if parts else ""
