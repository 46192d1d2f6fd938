"""The charts as plain data: what is drawn, where, and with which words, before any drawing.

Each chart is built from the report's rows (`charts.build`) and drawn twice from the same data:
as SVG for HTML (`charts.svg`) and as PNG for Word (`charts.png`). A chart carries its title,
its text alternative (`summary`: what it shows, with the key figures, in a sentence or two) and
the numbers of its table (`charts.figures`), so every rendering says the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from actionplan.schedule import RagRating

# The order RAG segments are stacked in, worst first, and the order of every legend.
RAG_STACK = (
    RagRating.RED,
    RagRating.AMBER,
    RagRating.GREEN,
    RagRating.COMPLETE,
    RagRating.DROPPED,
)


# --- Timeline: each action's targets on one time axis ----------------------------------------


class MarkKind(StrEnum):
    ORIGINAL = "original target"
    REVISED = "revised target"  # a target that a later revision replaced in turn
    CURRENT = "current target"
    COMPLETED = "completed"


# Not frozen, though never changed once made, where a site makes many (why, in charts.scene).
@dataclass(unsafe_hash=True)
class Mark:
    """One point on an action's line: a target it had, the target it has, or its completion."""

    kind: MarkKind
    day: date


@dataclass(frozen=True)
class TimelineRow:
    """One action: its marks in date order of kind (original, revised…, current, completed)."""

    id: str
    text: str
    rag: RagRating
    marks: tuple[Mark, ...]
    slippage_days: int  # current target's due date minus the original's (0 when not revised)

    def mark(self, kind: MarkKind) -> Mark | None:
        """The first mark of this kind, if any."""
        return next((m for m in self.marks if m.kind is kind), None)


@dataclass(frozen=True)
class TimelineChart:
    """The actions of one recommendation that have a dated target, on one time axis that
    runs from `start` to `end` (shared by every timeline of a report, so they compare)."""

    plan: str
    recommendation: str
    title: str
    summary: str
    as_of: date
    start: date
    end: date
    rows: tuple[TimelineRow, ...]
    undated: tuple[str, ...]  # ids of the actions with no dated target (not drawn)


# --- Completed against due, cumulative by month ----------------------------------------------


@dataclass(unsafe_hash=True)
class MonthCounts:
    """Up to the end of a month (or the as-of date, for its own month): how many actions had
    fallen due and how many had been completed, counting from the start."""

    month: date  # the first day of the month
    until: date  # the last day counted: the month's end, or the as-of date
    due: int
    completed: int


@dataclass(frozen=True)
class CompletionChart:
    title: str
    summary: str
    as_of: date
    months: tuple[MonthCounts, ...]
    done_undated: int  # done, with no completion date recorded: not on the chart
    done_later: int  # completed after the as-of date (the file holds it): not on the chart


# --- RAG per recommendation ------------------------------------------------------------------


@dataclass
class RagBar:
    plan: str
    recommendation: str
    title: str
    counts: dict[RagRating, int]  # every rating, in RAG_STACK order, zero included

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RagChart:
    title: str
    summary: str
    bars: tuple[RagBar, ...]
    many_plans: bool


# --- An outcome indicator against its line ---------------------------------------------------


@dataclass(unsafe_hash=True)
class Point:
    day: date
    value: Decimal


@dataclass(frozen=True)
class IndicatorChart:
    """An indicator's measurements (as of the date) against the straight line from its
    baseline to its target; `expected` is the line's value on the as-of date."""

    plan: str
    outcome: str
    indicator: str
    title: str
    summary: str
    unit: str
    better: str  # higher or lower
    as_of: date
    baseline: Point | None
    target: Point | None
    measurements: tuple[Point, ...]
    on_line: tuple[Decimal | None, ...]  # the line's value on each measurement's date
    expected: Decimal | None
    track: str


Chart = TimelineChart | CompletionChart | RagChart | IndicatorChart
