"""A chart as a PNG picture, for Word (python-docx embeds raster pictures only): its layout
(`charts.scene`, the same shapes the SVG has) drawn by matplotlib's Agg renderer.

matplotlib is the optional extra `actionplan[charts]`; it is imported here only, and this
module only when a Word paper draws a chart. `available()` says whether it is installed.
"""

from __future__ import annotations

import importlib.util
import io
from typing import TYPE_CHECKING

from actionplan.charts.model import Chart
from actionplan.charts.scene import (
    Circle,
    Hatch,
    Layout,
    Line,
    Polygon,
    Polyline,
    Rect,
    Shape,
    layout,
)
from actionplan.output.escape import word_line

if TYPE_CHECKING:
    from matplotlib.axes import Axes

INSTALL_HINT = "pip install 'actionplan[charts]'"
SCALE = 2  # device pixels per layout pixel: sharp when printed at the width Word gives it
PX_PER_INCH = 100  # a layout pixel, in the figure's inches


def available() -> bool:
    """Whether matplotlib can be imported (found, and not blocked), without importing it."""
    return importlib.util.find_spec("matplotlib") is not None


def to_png(chart: Chart) -> bytes:
    """The chart's layout as PNG bytes. Raises ImportError without matplotlib."""
    return layout_png(layout(chart))


def layout_png(drawing: Layout) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(
        figsize=(drawing.width / PX_PER_INCH, drawing.height / PX_PER_INCH),
        dpi=PX_PER_INCH * SCALE,
    )
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, drawing.width)
    axes.set_ylim(drawing.height, 0)
    axes.set_axis_off()
    for shape in drawing.shapes:
        _draw(axes, shape)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PX_PER_INCH * SCALE, facecolor="#ffffff")
    return buffer.getvalue()


# One layout pixel is 1/PX_PER_INCH inch; matplotlib sizes lines and fonts in points (1/72 inch).
_POINTS = 72 / PX_PER_INCH


def _dashes(dash: str | None) -> tuple[float, tuple[float, ...]] | str:
    if not dash:
        return "solid"
    return (0, tuple(float(part) for part in dash.split()))


def _draw(axes: Axes, shape: Shape) -> None:
    from matplotlib import patches

    if isinstance(shape, Hatch):
        for line in shape.lines():
            _draw(axes, line)
    elif isinstance(shape, Line):
        axes.plot(
            [shape.x1, shape.x2],
            [shape.y1, shape.y2],
            color=shape.stroke,
            alpha=shape.opacity,
            linewidth=shape.width * _POINTS,
            linestyle=_dashes(shape.dash),
        )
    elif isinstance(shape, Polyline):
        axes.plot(
            [x for x, _ in shape.points],
            [y for _, y in shape.points],
            color=shape.stroke,
            linewidth=shape.width * _POINTS,
            linestyle=_dashes(shape.dash),
        )
    elif isinstance(shape, Rect):
        axes.add_patch(
            patches.Rectangle(
                (shape.x, shape.y),
                shape.w,
                shape.h,
                facecolor=shape.fill,
                edgecolor=shape.stroke or shape.fill,
                linewidth=_POINTS,
            )
        )
    elif isinstance(shape, Circle):
        axes.add_patch(
            patches.Circle(
                (shape.cx, shape.cy),
                shape.r,
                facecolor=shape.fill,
                edgecolor=shape.stroke,
                linewidth=shape.width * _POINTS,
                zorder=3,
            )
        )
    elif isinstance(shape, Polygon):
        axes.add_patch(
            patches.Polygon(
                list(shape.points),
                closed=True,
                facecolor=shape.fill,
                edgecolor=shape.stroke,
                linewidth=shape.width * _POINTS,
                zorder=3,
            )
        )
    else:
        axes.text(
            shape.x,
            shape.y,
            word_line(shape.text),
            fontsize=shape.size * _POINTS,
            ha={"start": "left", "middle": "center", "end": "right"}[shape.anchor],
            va="baseline",
            color=shape.fill,
            fontweight="bold" if shape.bold else "normal",
            family="sans-serif",
            parse_math=False,  # plan text with two $ signs is not TeX
        )
