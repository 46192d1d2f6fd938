"""The SVG charts: plan text stays text (escaped, one line, controls shown), a target revised
twice is drawn as original, revised and current, and the axes' helpers pick round ticks."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from chart_plans import PLAN

from actionplan.charts.scene import month_ticks, value_ticks

if TYPE_CHECKING:
    from conftest import RunCli, WritePlan

SVG = "{http://www.w3.org/2000/svg}"


def svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(text) for text in re.findall(r"<svg .*?</svg>", page, flags=re.S)]


def test_plan_text_in_a_chart_is_inert_text(run: RunCli, write_plan: WritePlan) -> None:
    page = run("report", write_plan(PLAN), "--as-of", "2020-06-01", "-f", "html").stdout
    assert "<script>" not in page
    drawn = [svg for svg in svgs(page)]  # each parses as XML: nothing closed it early
    labels = [t.text or "" for svg in drawn for t in svg.iter(f"{SVG}text")]
    assert "1 Mend <things> & $x$ <U+202E>evil" in labels  # the RAG bar's label
    assert "1.1 Do it </svg><script>al…" in labels
    assert "1.2 Line one line two" in labels  # a carriage return does not break the line
    assert not any("\u202e" in label or "\r" in label for label in labels)


def test_a_target_revised_twice_shows_each_target_it_had(
    run: RunCli, write_plan: WritePlan
) -> None:
    page = run("report", write_plan(PLAN), "--as-of", "2020-06-01", "-f", "html").stdout
    (timeline,) = [s for s in svgs(page) if (s.findtext(f"{SVG}title") or "").startswith("Targets")]
    marks = [
        (e.get("data-action"), e.get("data-mark"), e.get("data-day"))
        for e in timeline.iter()
        if e.get("data-mark")
    ]
    assert marks == [
        ("1.1", "original target", "2020-01-31"),
        ("1.1", "revised target", "2020-03-31"),
        ("1.1", "current target", "2020-05-15"),
        ("1.1", "completed", "2020-05-20"),
        ("1.2", "current target", "2020-02-29"),
    ]


def test_month_ticks_step_so_that_at_most_eight_are_drawn() -> None:
    assert month_ticks(date(2020, 1, 1), date(2020, 4, 30)) == [
        date(2020, 1, 1),
        date(2020, 2, 1),
        date(2020, 3, 1),
        date(2020, 4, 1),
    ]
    sixteen_months = month_ticks(date(2019, 11, 1), date(2021, 2, 28))
    assert sixteen_months == [
        date(y, m, 1)
        for y, m in (
            (2019, 11),
            (2020, 1),
            (2020, 3),
            (2020, 5),
            (2020, 7),
            (2020, 9),
            (2020, 11),
            (2021, 1),
        )
    ]
    assert month_ticks(date(2019, 1, 1), date(2023, 12, 31)) == [
        date(year, 1, 1) for year in range(2019, 2024)
    ]


def test_value_ticks_are_round_and_cover_the_values() -> None:
    assert value_ticks(Decimal(0), Decimal(6), whole=True) == [Decimal(n) for n in range(0, 8, 2)]
    assert value_ticks(Decimal(25), Decimal(34)) == [Decimal(n) for n in range(24, 36, 2)]


def test_a_chart_writes_its_dates_as_the_page_does(run: RunCli, write_plan: WritePlan) -> None:
    path = write_plan(PLAN)
    for style, day in (("words", "1 June 2020"), ("iso", "2020-06-01")):
        page = run("report", path, "--as-of", "2020-06-01", "-f", "html", "--date-style", style)
        rag = svgs(page.stdout)[0]
        assert rag.findtext(f"{SVG}desc") == (
            f"Actions by RAG rating for 1 recommendation, as of {day}: 3 actions in all, "
            "1 RED, 1 GREEN, 1 COMPLETE."
        )


def test_hatching_is_a_pattern_of_the_chart_itself_and_png_draws_its_lines(
    run: RunCli, write_plan: WritePlan
) -> None:
    from actionplan.charts.scene import Hatch, hatching

    page = run("report", write_plan(PLAN), "--as-of", "2020-06-01", "-f", "html").stdout
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # two charts never share a pattern's id
    (rag,) = [s for s in svgs(page) if s.findtext(f"{SVG}title") == "RAG rating by recommendation"]
    patterns = {p.get("id") for p in rag.iter(f"{SVG}pattern")}
    ident = rag.get("aria-labelledby", "").removesuffix("-title")
    assert patterns == {f"{ident}-hatch-diagonal", f"{ident}-hatch-vertical"}
    fills = [r.get("fill") for r in rag.iter(f"{SVG}rect") if r.get("class") == "hatch"]
    # The legend's RED and AMBER squares, then the plan's RED bar (1.1 is overdue on 1 June).
    assert fills[:2] == [f"url(#{ident}-hatch-diagonal)", f"url(#{ident}-hatch-vertical)"]
    assert set(fills) <= {f"url(#{p})" for p in patterns}
    # PNG has no patterns: the same hatching as lines, 6 pixels apart, clipped to the square.
    (diagonal,) = hatching(10, 7, 14, 14, "diagonal")
    assert isinstance(diagonal, Hatch)
    assert [(line.x1, line.y1, line.x2, line.y2) for line in diagonal.lines()] == [
        (10, 13, 16, 7),
        (10, 19, 22, 7),
        (14, 21, 24, 11),
        (20, 21, 24, 17),
    ]
    (vertical,) = hatching(10, 7, 14, 14, "vertical")
    assert isinstance(vertical, Hatch)
    assert [(line.x1, line.x2) for line in vertical.lines()] == [(13, 13), (19, 19)]
    assert hatching(10, 7, 14, 14, None) == ()
