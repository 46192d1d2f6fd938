"""Each chart laid out once, as shapes in pixels: the one drawing that SVG writes as text and
PNG rasterises (with matplotlib), so the page and the Word paper show the same picture.

A layout is plain data: lines, rectangles, circles, polygons and text at coordinates in a
`width` × `height` box, y downwards. Shapes that stand for data carry a `kind` (the SVG class)
and the `data` they stand for (SVG `data-` attributes), so a test can check that each mark sits
where its date and value say. Colour is never the only signal: every mark kind has its own
shape or dash, RED and AMBER bars their own hatching, and every series a label in words.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from actionplan.charts.model import (
    RAG_STACK,
    Chart,
    CompletionChart,
    IndicatorChart,
    MarkKind,
    RagChart,
    TimelineChart,
)
from actionplan.schedule import RagRating

# GOV.UK Design System colours, each 4.5:1 or better against white (so white text on them and
# the shapes themselves against the page pass WCAG 2.1 AA); text #0b0c0c, lines #505a5f.
TEXT = "#0b0c0c"
MUTED = "#505a5f"
GRID = "#b1b4b6"
RAG_FILL = {
    RagRating.RED: "#d4351c",
    RagRating.AMBER: "#b35c00",
    RagRating.GREEN: "#00703c",
    RagRating.COMPLETE: "#1d70b8",
    RagRating.DROPPED: "#6f777b",
}
RAG_HATCH = {RagRating.RED: "diagonal", RagRating.AMBER: "vertical"}
HATCH_LINE = "#0b0c0c"  # drawn thin and translucent: white figures on a hatched bar still read
HATCH_OPACITY = 0.45
BLUE = "#1d70b8"
FONT = 12
WIDTH = 720

# The shapes are values, never changed once made, but not frozen dataclasses: a site draws
# hundreds of thousands of them, and a frozen dataclass sets each field through
# object.__setattr__ (twice the time to make). `unsafe_hash`: a text or a line is a key of the
# SVG writer's caches.


@dataclass(unsafe_hash=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = MUTED
    width: float = 1.0
    dash: str | None = None  # "4 3": 4 on, 3 off
    kind: str | None = None
    data: dict[str, str] = field(default_factory=dict)
    opacity: float = 1.0


@dataclass(unsafe_hash=True)
class Polyline:
    points: tuple[tuple[float, float], ...]
    stroke: str
    width: float = 2.0
    dash: str | None = None
    kind: str | None = None
    data: dict[str, str] = field(default_factory=dict)


@dataclass(unsafe_hash=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str
    stroke: str | None = None
    kind: str | None = None
    data: dict[str, str] = field(default_factory=dict)


@dataclass(unsafe_hash=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str  # "none" for a hollow mark
    stroke: str = TEXT
    width: float = 1.5
    kind: str | None = None
    data: dict[str, str] = field(default_factory=dict)


@dataclass(unsafe_hash=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    fill: str
    stroke: str = TEXT
    width: float = 1.5
    kind: str | None = None
    data: dict[str, str] = field(default_factory=dict)


@dataclass(unsafe_hash=True)
class Text:
    x: float
    y: float  # the baseline
    text: str
    size: float = FONT
    anchor: str = "start"  # start, middle or end
    bold: bool = False
    fill: str = TEXT
    kind: str | None = None


@dataclass(unsafe_hash=True)
class Hatch:
    """A rectangle's hatching, `diagonal` (lines of slope 1) or `vertical`, 6 pixels apart:
    SVG fills the rectangle with a pattern of them (a bar's hatching is hundreds of lines),
    PNG draws the `lines`."""

    x: float
    y: float
    w: float
    h: float
    hatch: str

    def lines(self) -> tuple[Line, ...]:
        return _hatching(self.x, self.y, self.w, self.h, self.hatch)


Shape = Line | Polyline | Rect | Circle | Polygon | Text | Hatch


@dataclass(frozen=True)
class Layout:
    width: float
    height: float
    shapes: tuple[Shape, ...]


def layout(chart: Chart) -> Layout:
    """The chart as shapes, whichever kind it is."""
    if isinstance(chart, RagChart):
        return rag_layout(chart)
    if isinstance(chart, CompletionChart):
        return completion_layout(chart)
    if isinstance(chart, TimelineChart):
        return timeline_layout(chart)
    return indicator_layout(chart)


# --- Scales ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayScale:
    """Days to x: `start` at `left`, `end` at `right`."""

    start: date
    end: date
    left: float
    right: float

    def x(self, day: date) -> float:
        span = max((self.end - self.start).days, 1)
        return self.left + (self.right - self.left) * (day - self.start).days / span


@dataclass(frozen=True)
class ValueScale:
    """Values to y: `low` at `bottom`, `high` at `top` (y grows downwards)."""

    low: Decimal
    high: Decimal
    bottom: float
    top: float

    def y(self, value: Decimal | int) -> float:
        span = self.high - self.low or Decimal(1)
        return self.bottom - (self.bottom - self.top) * float((Decimal(value) - self.low) / span)


def nice_step(span: Decimal, ticks: int = 5) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` intervals."""
    raw = span / ticks if span > 0 else Decimal(1)
    power = Decimal(10) ** raw.adjusted()
    for factor in (1, 2, 5, 10):
        if power * factor >= raw:
            return power * factor
    return power * 10


def value_ticks(low: Decimal, high: Decimal, *, whole: bool = False) -> list[Decimal]:
    """Round values from at or below `low` to at or above `high`."""
    step = nice_step(high - low)
    if whole:
        step = max(step, Decimal(1)).to_integral_value()
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    ticks = [first]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


MONTH_ABBR = tuple(calendar.month_abbr)[1:]


def month_ticks(start: date, end: date, most: int = 8) -> list[date]:
    """First days of months between start and end, every 1, 2, 3, 6 or 12 months, at most
    `most` of them (quarters start in January, April, July, October)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60) if months / s <= most), 120)
    ticks = []
    year, month = start.year, start.month
    while date(year, month, 1) <= end:
        index = year * 12 + month - 1
        if index % step == 0:
            ticks.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def month_label(day: date, step_is_year: bool = False) -> str:
    return str(day.year) if step_is_year else f"{MONTH_ABBR[day.month - 1]} {day.year}"


def text_width(text: str, size: float = FONT) -> float:
    """About how wide Arial draws `text` (0.55 em a character): enough to lay labels out."""
    return len(text) * size * 0.55


def shorten(text: str, width: float, size: float = FONT) -> str:
    """`text` cut with `…` to fit `width` pixels."""
    text = " ".join(text.split())
    most = int(width / (size * 0.55))
    return text if len(text) <= most else text[: max(most - 1, 1)].rstrip() + "…"


def _exact(value: Decimal) -> str:
    """A value as the data has it (a `data-` attribute), never rounded nor in exponent form."""
    return f"{value:f}"


def _number(value: Decimal) -> str:
    value = value.normalize()
    return f"{value:f}" if value == value.to_integral_value() else f"{value:.1f}"


def _apart(ys: Sequence[float], gap: float = 14) -> list[float]:
    """The labels' heights, in their order, moved down so that none is within `gap` of the
    one before it (labels written at the same edge must not overlap)."""
    placed: list[float] = []
    for y in sorted(ys):
        placed.append(max(y, placed[-1] + gap) if placed else y)
    order = sorted(range(len(ys)), key=lambda i: ys[i])
    result = [0.0] * len(ys)
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return result


# A plan's timelines share their time axis (and every chart of a kind its legend): each is laid
# out once. Shapes are frozen, so the same ones can stand in many layouts.
@lru_cache(maxsize=1024)
def _time_axis(scale: DayScale, top: float, bottom: float) -> tuple[Shape, ...]:
    """Month ticks as light vertical grid lines, labelled under `bottom`."""
    ticks = month_ticks(scale.start, scale.end)
    yearly = (
        len(ticks) > 1
        and (ticks[1].year * 12 + ticks[1].month) - (ticks[0].year * 12 + ticks[0].month) >= 12
    )
    shapes: list[Shape] = [Line(scale.left, bottom, scale.right, bottom, stroke=MUTED)]
    for tick in ticks:
        x = scale.x(tick)
        shapes.append(Line(x, top, x, bottom, stroke=GRID, kind="grid"))
        shapes.append(
            Text(x, bottom + 16, month_label(tick, yearly), size=11, anchor="middle", fill=MUTED)
        )
    return tuple(shapes)


def _as_of_line(scale: DayScale, day: date, top: float, bottom: float) -> list[Shape]:
    x = scale.x(day)
    label = f"as of {day.day} {MONTH_ABBR[day.month - 1]} {day.year}"
    anchor = "end" if x > (scale.left + scale.right) / 2 else "start"
    return [
        Line(
            x,
            top,
            x,
            bottom,
            stroke=TEXT,
            width=1.5,
            dash="5 3",
            kind="as-of",
            data={"day": day.isoformat()},
        ),
        Text(x + (-4 if anchor == "end" else 4), top - 10, label, size=11, anchor=anchor),
    ]


def _value_axis(
    scale: ValueScale, ticks: Sequence[Decimal], left: float, right: float
) -> list[Shape]:
    shapes: list[Shape] = []
    for tick in ticks:
        y = scale.y(tick)
        shapes.append(Line(left, y, right, y, stroke=GRID, kind="grid"))
        shapes.append(Text(left - 6, y + 4, _number(tick), size=11, anchor="end", fill=MUTED))
    return shapes


# --- RAG bars --------------------------------------------------------------------------------

BAR = 18  # a bar's height
BAR_GAP = 8


def rag_layout(chart: RagChart) -> Layout:
    """A horizontal stacked bar per recommendation, worst rating first, each segment's count
    written on it; the legend names each rating with its colour and hatching."""
    label_width = 200
    left, right = label_width + 10, WIDTH - 40
    top = 40
    most = max((bar.total for bar in chart.bars), default=0) or 1
    unit = (right - left) / most
    shapes: list[Shape] = list(_rag_legend(10, 18))
    for index, bar in enumerate(chart.bars):
        y = top + index * (BAR + BAR_GAP)
        name = f"{bar.plan} {bar.recommendation}" if chart.many_plans else bar.recommendation
        shapes.append(
            Text(
                label_width,
                y + BAR - 5,
                shorten(f"{name} {bar.title}", label_width - 10),
                anchor="end",
            )
        )
        x: float = left
        for rating in RAG_STACK:
            count = bar.counts[rating]
            if not count:
                continue
            w = count * unit
            shapes.append(
                Rect(
                    x,
                    y,
                    w,
                    BAR,
                    RAG_FILL[rating],
                    stroke="#ffffff",
                    kind=f"bar rag-{rating.value}",
                    data={
                        "recommendation": bar.recommendation,
                        "plan": bar.plan,
                        "rag": rating.value,
                        "count": str(count),
                    },
                )
            )
            shapes += hatching(x, y, w, BAR, RAG_HATCH.get(rating))
            if w >= text_width(str(count), 11) + 6:
                shapes.append(
                    Text(
                        x + w / 2,
                        y + BAR - 5,
                        str(count),
                        size=11,
                        anchor="middle",
                        bold=True,
                        fill="#ffffff",
                    )
                )
            x += w
        shapes.append(Text(x + 4, y + BAR - 5, str(bar.total), size=11, fill=MUTED))
    height = top + len(chart.bars) * (BAR + BAR_GAP) + 10
    return Layout(WIDTH, height, tuple(shapes))


HATCH_STEP = 6.0
HATCH_WIDTH = 1.2


def hatching(x: float, y: float, w: float, h: float, hatch: str | None) -> tuple[Shape, ...]:
    """The rectangle's hatching (`Hatch`: lines 6 pixels apart), `diagonal` (RED) or
    `vertical` (AMBER), so the two read apart without colour; none for no `hatch`."""
    return (Hatch(x, y, w, h, hatch),) if hatch is not None else ()


# PNG draws a bar's hatching line by line, and bars fall at the same places chart after chart.
@lru_cache(maxsize=2048)
def _hatching(x: float, y: float, w: float, h: float, hatch: str) -> tuple[Line, ...]:
    lines: list[Line] = []
    step = HATCH_STEP
    if hatch == "vertical":
        c = x + step / 2
        while c < x + w:
            lines.append(_hatch_line(c, y, c, y + h))
            c += step
        return tuple(lines)
    c = x - h  # lines of slope 1 (up to the right), each clipped to the rectangle
    while c < x + w:
        x0, y0, x1, y1 = c, y + h, c + h, y
        if x0 < x:
            y0, x0 = y0 - (x - x0), x
        if x1 > x + w:
            y1, x1 = y1 + (x1 - (x + w)), x + w
        if x1 > x0:
            lines.append(_hatch_line(x0, y0, x1, y1))
        c += step
    return tuple(lines)


def _hatch_line(x1: float, y1: float, x2: float, y2: float) -> Line:
    return Line(
        x1, y1, x2, y2, stroke=HATCH_LINE, width=HATCH_WIDTH, kind="hatch", opacity=HATCH_OPACITY
    )


@lru_cache(maxsize=16)
def _rag_legend(x: float, y: float) -> tuple[Shape, ...]:
    shapes: list[Shape] = []
    for rating in RAG_STACK:
        shapes.append(Rect(x, y - 11, 14, 14, RAG_FILL[rating], kind="legend"))
        shapes += hatching(x, y - 11, 14, 14, RAG_HATCH.get(rating))
        word = rating.value.upper()
        shapes.append(Text(x + 19, y, word, size=11))
        x += 19 + text_width(word, 11) + 16
    return tuple(shapes)


# --- Completed against due -------------------------------------------------------------------

DUE_COLOUR = "#d4351c"
DONE_COLOUR = "#00703c"


def completion_layout(chart: CompletionChart) -> Layout:
    """Two cumulative step lines by month: fallen due (red, dashed, square marks) and completed
    (green, solid, round marks), each named in words at its end."""
    left, right, top, bottom = 50, WIDTH - 130, 40, 240
    shapes: list[Shape] = []
    months = chart.months
    if not months:
        shapes.append(
            Text(WIDTH / 2, 60, "Nothing had fallen due or been completed yet.", anchor="middle")
        )
        return Layout(WIDTH, 90, tuple(shapes))
    scale = DayScale(months[0].month, months[-1].until, left, right)
    most = max(max(m.due, m.completed) for m in months)
    ticks = value_ticks(Decimal(0), Decimal(max(most, 1)), whole=True)
    values = ValueScale(ticks[0], ticks[-1], bottom, top)
    shapes += _value_axis(values, ticks, left, right)
    shapes += _time_axis(scale, top, bottom)
    shapes += _as_of_line(scale, chart.as_of, top, bottom)
    for series, colour, dash in (("due", DUE_COLOUR, "6 3"), ("completed", DONE_COLOUR, None)):
        points = []
        for month in months:
            count = month.due if series == "due" else month.completed
            points.append((scale.x(month.until), values.y(count)))
        shapes.append(
            Polyline(tuple(points), colour, width=2.5, dash=dash, kind=f"series {series}")
        )
        for month, (x, y) in zip(months, points, strict=True):
            count = month.due if series == "due" else month.completed
            data = {"series": series, "until": month.until.isoformat(), "count": str(count)}
            if series == "due":
                shapes.append(Rect(x - 4, y - 4, 8, 8, colour, kind="point due", data=data))
            else:
                shapes.append(
                    Circle(x, y, 4, colour, stroke=colour, kind="point completed", data=data)
                )
    last = months[-1]
    ends = _apart([values.y(last.due), values.y(last.completed)])
    shapes.append(
        Text(right + 8, ends[0] + 4, f"fallen due: {last.due}", size=11, bold=True, fill=DUE_COLOUR)
    )
    shapes.append(
        Text(
            right + 8,
            ends[1] + 4,
            f"completed: {last.completed}",
            size=11,
            bold=True,
            fill=DONE_COLOUR,
        )
    )
    shapes.append(Text(left - 6, top - 12, "actions", size=11, anchor="end", fill=MUTED))
    return Layout(WIDTH, bottom + 30, tuple(shapes))


# --- Timelines -------------------------------------------------------------------------------

ROW = 26
MARK_SIZE = 6


def timeline_layout(chart: TimelineChart) -> Layout:
    """A row per action: a grey line from its original target to its current one (the
    slippage), hollow circle original, hollow diamonds for the targets revised again, a filled
    circle the current target, a square its completion; the as-of date dashed; each row ends
    with its RAG word."""
    label_width = 190
    left, right = label_width + 10, WIDTH - 90
    top = 48
    bottom = top + len(chart.rows) * ROW
    scale = DayScale(chart.start, chart.end, left, right)
    shapes: list[Shape] = list(_timeline_legend(10, 18))
    shapes += _time_axis(scale, top - 6, bottom)
    shapes += _as_of_line(scale, chart.as_of, top - 6, bottom)
    for index, row in enumerate(chart.rows):
        y = top + index * ROW + ROW / 2
        shapes.append(
            Text(
                label_width, y + 4, shorten(f"{row.id} {row.text}", label_width - 10), anchor="end"
            )
        )
        xs = [scale.x(m.day) for m in row.marks]
        if len(xs) > 1:
            shapes.append(Line(min(xs), y, max(xs), y, stroke=MUTED, width=3, kind="span"))
        for mark in row.marks:
            x = scale.x(mark.day)
            data = {"action": row.id, "mark": mark.kind.value, "day": mark.day.isoformat()}
            kind = f"mark {mark.kind.name.lower()}"
            shapes.append(_mark_shape(mark.kind, x, y, row.rag, kind, data))
        shapes.append(
            Text(
                right + 10,
                y + 4,
                row.rag.value.upper(),
                size=11,
                bold=True,
                fill=RAG_FILL[row.rag],
                kind=f"rag rag-{row.rag.value}",
            )
        )
    return Layout(WIDTH, bottom + 30, tuple(shapes))


def _mark_shape(
    kind: MarkKind, x: float, y: float, rag: RagRating, css: str, data: dict[str, str]
) -> Shape:
    s = MARK_SIZE
    if kind is MarkKind.ORIGINAL:
        return Circle(x, y, s, "#ffffff", stroke=TEXT, width=2, kind=css, data=data)
    if kind is MarkKind.REVISED:
        diamond = ((x, y - s), (x + s, y), (x, y + s), (x - s, y))
        return Polygon(diamond, "#ffffff", stroke=TEXT, width=2, kind=css, data=data)
    if kind is MarkKind.CURRENT:
        fill = RAG_FILL[rag] if rag is not RagRating.COMPLETE else MUTED
        return Circle(x, y, s, fill, stroke=TEXT, width=1.5, kind=css, data=data)
    return Rect(x - s, y - s, 2 * s, 2 * s, BLUE, stroke=TEXT, kind=css, data=data)


@lru_cache(maxsize=16)
def _timeline_legend(x: float, y: float) -> tuple[Shape, ...]:
    shapes: list[Shape] = []
    for kind in MarkKind:
        shapes.append(_mark_shape(kind, x + MARK_SIZE, y - 4, RagRating.GREEN, "legend", {}))
        shapes.append(Text(x + 2 * MARK_SIZE + 5, y, kind.value, size=11))
        x += 2 * MARK_SIZE + 5 + text_width(kind.value, 11) + 18
    return tuple(shapes)


# --- An indicator against its line -----------------------------------------------------------


def indicator_layout(chart: IndicatorChart) -> Layout:
    """The straight line from baseline to target (dashed), the measurements (blue circles
    joined), the expected value on the as-of date (a hollow diamond), the as-of date dashed."""
    left, right, top, bottom = 60, WIDTH - 150, 40, 240
    days = [p.day for p in chart.measurements] + [chart.as_of]
    values = [p.value for p in chart.measurements]
    for point in (chart.baseline, chart.target):
        if point is not None:
            days.append(point.day)
            values.append(point.value)
    if chart.expected is not None:
        values.append(chart.expected)
    start = min(days).replace(day=1)
    end = max(days)
    end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    scale = DayScale(start, end, left, right)
    ticks = value_ticks(min(values), max(values))
    if len(ticks) < 2:
        ticks = [ticks[0] - 1, ticks[0] + 1]
    vscale = ValueScale(ticks[0], ticks[-1], bottom, top)
    shapes: list[Shape] = []
    shapes += _value_axis(vscale, ticks, left, right)
    shapes += _time_axis(scale, top, bottom)
    shapes += _as_of_line(scale, chart.as_of, top, bottom)
    if chart.baseline is not None and chart.target is not None:
        b, t = chart.baseline, chart.target
        shapes.append(
            Line(
                scale.x(b.day),
                vscale.y(b.value),
                scale.x(t.day),
                vscale.y(t.value),
                stroke=TEXT,
                width=2,
                dash="6 4",
                kind="line-to-target",
                data={
                    "from": b.day.isoformat(),
                    "from-value": _exact(b.value),
                    "to": t.day.isoformat(),
                    "to-value": _exact(t.value),
                },
            )
        )
    for name, point, other in (
        ("baseline", chart.baseline, chart.target),
        ("target", chart.target, chart.baseline),
    ):
        if point is None:
            continue
        x, y = scale.x(point.day), vscale.y(point.value)
        shapes.append(
            Circle(
                x,
                y,
                5,
                "#ffffff",
                stroke=TEXT,
                width=2,
                kind=f"point {name}",
                data={"day": point.day.isoformat(), "value": _exact(point.value)},
            )
        )
        # The label away from the line: above the end it climbs from, below the one it falls to.
        below = other is not None and vscale.y(other.value) < y
        anchor = "end" if x > (left + right) / 2 else "start"
        shapes.append(
            Text(
                x + (-8 if anchor == "end" else 8),
                y + (18 if below else -8),
                f"{name} {_number(point.value)}",
                size=11,
                anchor=anchor,
            )
        )
    points = tuple((scale.x(p.day), vscale.y(p.value)) for p in chart.measurements)
    if len(points) > 1:
        shapes.append(Polyline(points, BLUE, width=2.5, kind="series measured"))
    for p, (x, y) in zip(chart.measurements, points, strict=True):
        shapes.append(
            Circle(
                x,
                y,
                5,
                BLUE,
                stroke=BLUE,
                kind="point measurement",
                data={"day": p.day.isoformat(), "value": _exact(p.value)},
            )
        )
    labels: list[tuple[float, str, str]] = []  # (y, text, colour) at the right edge
    if points:
        labels.append((points[-1][1], f"measured: {_number(chart.measurements[-1].value)}", BLUE))
    if chart.expected is not None:
        x, y = scale.x(chart.as_of), vscale.y(chart.expected)
        s = MARK_SIZE
        shapes.append(
            Polygon(
                ((x, y - s), (x + s, y), (x, y + s), (x - s, y)),
                "#ffffff",
                kind="point expected",
                data={"day": chart.as_of.isoformat(), "value": _exact(chart.expected)},
            )
        )
        labels.append((y, f"expected: {_number(chart.expected)}", TEXT))
    for y, (text, colour) in zip(
        _apart([y for y, _t, _c in labels]), [(t, c) for _y, t, c in labels], strict=True
    ):
        shapes.append(Text(right + 8, y + 4, text, size=11, bold=True, fill=colour))
    shapes.append(Text(left - 6, top - 12, chart.unit, size=11, anchor="end", fill=MUTED))
    return Layout(WIDTH, bottom + 30, tuple(shapes))
