"""A chart as inline SVG, written by hand from its layout (`charts.scene`): no dependency.

The SVG is an image with a name and a description (`role="img"`, `<title>` and `<desc>`, both
referenced by `aria-labelledby`/`aria-describedby`), scales to the width of its container, and
holds nothing from a plan but escaped text (`output.escape.svg_text`). Marks carry a class and
`data-` attributes naming what they stand for.
"""

from __future__ import annotations

import re
from functools import lru_cache

from actionplan.charts.model import Chart
from actionplan.charts.scene import (
    FONT,
    HATCH_LINE,
    HATCH_OPACITY,
    HATCH_STEP,
    HATCH_WIDTH,
    Circle,
    Hatch,
    Line,
    Polygon,
    Polyline,
    Rect,
    Shape,
    Text,
    layout,
)
from actionplan.output.escape import svg_text


def to_svg(chart: Chart, *, ident: str = "chart", words: bool = False) -> str:
    """The chart as an `<svg>` element for an HTML page; `ident` makes its ids unique there.

    The title and description keep their dates as the chart has them (a report's page has
    already put them in words, or kept ISO for `--date-style iso`); `words` writes them in
    words here, for a page that draws a chart on its own.
    """
    drawing = layout(chart)
    title, summary = chart.title, chart.summary
    if words:
        from actionplan.output.render import dates_in_words

        title, summary = dates_in_words(title), dates_in_words(summary)
    title, summary = svg_text(title), svg_text(summary)
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" '
            f'viewBox="0 0 {_n(drawing.width)} {_n(drawing.height)}" '
            f'width="{_n(drawing.width)}" height="{_n(drawing.height)}" '
            f'aria-labelledby="{ident}-title" aria-describedby="{ident}-desc" '
            f'font-family="Arial, Helvetica, sans-serif" font-size="{FONT}" '
            'style="max-width: 100%; height: auto; display: block;">',
            f'<title id="{ident}-title">{title}</title>',
            f'<desc id="{ident}-desc">{summary}</desc>',
            _patterns(drawing.shapes, ident),
            *(
                _hatch(shape, ident) if isinstance(shape, Hatch) else _shape(shape)
                for shape in drawing.shapes
            ),
            "</svg>",
        ]
    )


# A hatching's lines, one tile of each pattern (6 pixels square): a diagonal from corner to
# corner with the two corners' ends of its neighbours, so that tiles meet without a gap; a
# vertical line down the middle.
_TILES = {
    "diagonal": f"M-1,1 l2,-2 M0,{HATCH_STEP:g} l{HATCH_STEP:g},-{HATCH_STEP:g} "
    f"M{HATCH_STEP - 1:g},{HATCH_STEP + 1:g} l2,-2",
    "vertical": f"M{HATCH_STEP / 2:g},0 v{HATCH_STEP:g}",
}


def _patterns(shapes: tuple[Shape, ...], ident: str) -> str:
    """The `<defs>` of the hatching the chart uses, a `<pattern>` each, named after the chart
    (`ident`) so that two charts on one page do not share an id."""
    used = sorted({shape.hatch for shape in shapes if isinstance(shape, Hatch)})
    if not used:
        return ""
    patterns = "".join(
        f'<pattern id="{ident}-hatch-{hatch}" width="{HATCH_STEP:g}" height="{HATCH_STEP:g}" '
        f'patternUnits="userSpaceOnUse"><path d="{_TILES[hatch]}" stroke="{HATCH_LINE}" '
        f'stroke-width="{HATCH_WIDTH:g}" stroke-opacity="{HATCH_OPACITY:g}"/></pattern>'
        for hatch in used
    )
    return f"<defs>{patterns}</defs>"


def _hatch(shape: Hatch, ident: str) -> str:
    return (
        f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" '
        f'height="{_n(shape.h)}" fill="url(#{ident}-hatch-{shape.hatch})" class="hatch"/>'
    )


@lru_cache(maxsize=8192)  # charts on a grid repeat their coordinates; a site draws thousands
def _n(value: float) -> str:
    """A coordinate with at most one decimal: 12, 12.5."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _attributes(kind: str | None, data: dict[str, str]) -> str:
    parts = [f' class="{svg_text(kind)}"'] if kind else []
    parts += [f' data-{name}="{svg_text(value)}"' for name, value in data.items()]
    return "".join(parts)


def _opacity(opacity: float) -> str:
    return f' stroke-opacity="{opacity:g}"' if opacity < 1 else ""


def _dash(dash: str | None) -> str:
    return f' stroke-dasharray="{dash}"' if dash else ""


_ANCHORS = {"start": "start", "middle": "middle", "end": "end"}


def _shape(shape: Line | Polyline | Rect | Circle | Polygon | Text) -> str:
    # A chart repeats its grid and its labels, and a site draws thousands of charts: a line
    # that stands for no data and a text are each written once.
    if isinstance(shape, Text):
        return _text(shape)
    if isinstance(shape, Line):
        if shape.data:
            return _line(*_line_parts(shape), shape.data)
        return _plain_line(*_line_parts(shape))
    return _mark(shape)


def _line_parts(
    shape: Line,
) -> tuple[float, float, float, float, str, float, str | None, float, str | None]:
    return (
        shape.x1,
        shape.y1,
        shape.x2,
        shape.y2,
        shape.stroke,
        shape.width,
        shape.dash,
        shape.opacity,
        shape.kind,
    )


def _line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    stroke: str,
    width: float,
    dash: str | None,
    opacity: float,
    kind: str | None,
    data: dict[str, str],
) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}" '
        f'stroke-width="{_n(width)}"{_dash(dash)}{_opacity(opacity)}{_attributes(kind, data)}/>'
    )


@lru_cache(maxsize=4096)
def _plain_line(
    x1: float,
    y1: float,
    x2: float,
    y2: float,
    stroke: str,
    width: float,
    dash: str | None,
    opacity: float,
    kind: str | None,
) -> str:
    return _line(x1, y1, x2, y2, stroke, width, dash, opacity, kind, {})


@lru_cache(maxsize=4096)
def _text(shape: Text) -> str:
    weight = ' font-weight="bold"' if shape.bold else ""
    kind = f' class="{svg_text(shape.kind)}"' if shape.kind else ""
    return (
        f'<text x="{_n(shape.x)}" y="{_n(shape.y)}" font-size="{_n(shape.size)}" '
        f'text-anchor="{_ANCHORS[shape.anchor]}" fill="{shape.fill}"{weight}{kind}>'
        f"{svg_text(shape.text)}</text>"
    )


def _mark(shape: Polyline | Rect | Circle | Polygon) -> str:
    if isinstance(shape, Polyline):
        points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
        return (
            f'<polyline points="{points}" fill="none" stroke="{shape.stroke}" '
            f'stroke-width="{_n(shape.width)}"{_dash(shape.dash)}'
            f"{_attributes(shape.kind, shape.data)}/>"
        )
    if isinstance(shape, Rect):
        stroke = f' stroke="{shape.stroke}"' if shape.stroke else ""
        return (
            f'<rect x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.w)}" '
            f'height="{_n(shape.h)}" fill="{shape.fill}"{stroke}'
            f"{_attributes(shape.kind, shape.data)}/>"
        )
    if isinstance(shape, Circle):
        return (
            f'<circle cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}" '
            f'fill="{shape.fill}" stroke="{shape.stroke}" stroke-width="{_n(shape.width)}"'
            f"{_attributes(shape.kind, shape.data)}/>"
        )
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in shape.points)
    return (
        f'<polygon points="{points}" fill="{shape.fill}" stroke="{shape.stroke}" '
        f'stroke-width="{_n(shape.width)}"{_attributes(shape.kind, shape.data)}/>'
    )


_ID = re.compile(r"[^A-Za-z0-9_-]+")


def chart_ident(*parts: str) -> str:
    """An id for a chart on a page from what it shows: `chart-timeline-3`."""
    return "chart-" + "-".join(_ID.sub("-", part).strip("-") or "x" for part in parts)
