"""The report's charts on the Southampton plan and the audit example: every bar, point and mark
the HTML page draws (its inline SVG, parsed with xml.etree) matches `status`, `show` and
`outcomes --format json` for the same day, and sits where its date and value say."""

from __future__ import annotations

import calendar
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from cli_run import invoke
from conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
PLANS = {
    "southampton": ("plans/southampton-domestic-abuse-2019.yaml", "2020-03-01"),
    "audit": ("examples/internal-audit-tracker.yaml", "2026-11-30"),
}


@cache
def output(*args: str) -> str:
    """`actionplan ARGS…`'s stdout, run in-process once per test session."""
    result = invoke(args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def page(plan: str) -> str:
    path, day = PLANS[plan]
    return output("report", str(ROOT / path), "--as-of", day, "--format", "html")


def published_actions(plan: str) -> list[dict[str, Any]]:
    """`status --format json`'s actions that the published report shows (not exempt)."""
    path, day = PLANS[plan]
    document = json.loads(output("status", str(ROOT / path), "--as-of", day, "-f", "json"))
    return [a for a in document["actions"] if not a.get("exempt")]


def shown(plan: str, ident: str) -> dict[str, Any]:
    """`show ID --format json`'s action."""
    path, day = PLANS[plan]
    action: dict[str, Any] = json.loads(
        output("show", ident, str(ROOT / path), "--as-of", day, "-f", "json")
    )["action"]
    return action


def charts(plan: str) -> dict[str, ET.Element]:
    """Every inline SVG of the page, parsed, by its title."""
    found = {}
    for text in re.findall(r"<svg .*?</svg>", page(plan), flags=re.S):
        svg = ET.fromstring(text)
        title = svg.find(f"{SVG}title")
        assert title is not None and title.text
        found[title.text] = svg
    return found


def marks(svg: ET.Element, kind: str) -> list[ET.Element]:
    """The elements whose class list holds `kind`."""
    return [e for e in svg.iter() if kind in (e.get("class") or "").split()]


def month_end(text: str) -> date:
    """A target written YYYY-MM or YYYY-MM-DD, as the day it falls due."""
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])


@pytest.mark.parametrize("plan", list(PLANS))
def test_rag_bars_are_the_status_json_counts(plan: str) -> None:
    svg = charts(plan)["RAG rating by recommendation"]
    drawn = {
        (bar.get("data-recommendation"), bar.get("data-rag")): int(bar.get("data-count") or 0)
        for bar in marks(svg, "bar")
    }
    counted = Counter((a["recommendation"], a["rag"]) for a in published_actions(plan))
    assert drawn == dict(counted)
    # Each bar's width is its count times one width per action, in every bar.
    widths = {
        float(bar.get("width") or 0) / int(bar.get("data-count") or 1) for bar in marks(svg, "bar")
    }
    assert max(widths) - min(widths) < 0.2


def test_southampton_rag_bars_in_figures() -> None:
    """16 recommendations, 12 RED and 37 GREEN (as `status` counts them on 1 March 2020)."""
    bars = marks(charts("southampton")["RAG rating by recommendation"], "bar")
    assert sum(int(b.get("data-count") or 0) for b in bars if b.get("data-rag") == "red") == 12
    assert sum(int(b.get("data-count") or 0) for b in bars if b.get("data-rag") == "green") == 37
    assert len({b.get("data-recommendation") for b in bars}) == 16


@pytest.mark.parametrize("plan", list(PLANS))
def test_completed_against_due_counts_the_json_dates(plan: str) -> None:
    svg = charts(plan)["Actions completed against actions fallen due"]
    actions = [a for a in published_actions(plan) if a["status"] != "dropped"]
    completed = [
        date.fromisoformat(done)
        for a in actions
        if a["status"] == "done"
        and re.fullmatch(r"\d{4}-\d{2}-\d{2}", done := shown(plan, a["id"]).get("completed") or "")
    ]
    due = [date.fromisoformat(a["due_date"]) for a in actions if a["due_date"]]
    points = marks(svg, "point")
    assert points
    for point in points:
        until = date.fromisoformat(point.get("data-until") or "")
        pool = due if point.get("data-series") == "due" else completed
        assert int(point.get("data-count") or -1) == sum(1 for d in pool if d <= until)


def test_audit_completed_against_due_in_figures() -> None:
    """By 30 November 2026 six actions had fallen due and three were completed with a date
    (1.1 on 31 March 2026, 4.2 on 28 January 2026, 7.1 on 27 February 2026)."""
    svg = charts("audit")["Actions completed against actions fallen due"]
    last = {
        p.get("data-series"): p for p in marks(svg, "point") if p.get("data-until") == "2026-11-30"
    }
    assert (last["due"].get("data-count"), last["completed"].get("data-count")) == ("6", "3")
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text == (
        "Actions fallen due against actions completed, counted from December 2025: by 30 "
        "November 2026, 6 actions had fallen due and 3 had been completed. Not counted: 1 done "
        "action with no completion date recorded."
    )


@pytest.mark.parametrize("plan", list(PLANS))
def test_timeline_marks_are_the_json_targets_and_completions(plan: str) -> None:
    actions = {a["id"]: a for a in published_actions(plan)}
    drawn: dict[str, dict[str, list[str]]] = {}
    for title, svg in charts(plan).items():
        if title.startswith("Targets of recommendation"):
            for mark in marks(svg, "mark"):
                ident, kind = mark.get("data-action") or "", mark.get("data-mark") or ""
                drawn.setdefault(ident, {}).setdefault(kind, []).append(mark.get("data-day") or "")
    dated = {ident for ident, a in actions.items() if a["due_date"]}
    assert set(drawn) == dated  # every action with a dated target, and no other
    for ident, kinds in drawn.items():
        row = actions[ident]
        assert kinds["current target"] == [row["due_date"]]
        if not row.get("revisions") and row["status"] != "done":
            assert set(kinds) == {"current target"}
            continue
        action = shown(plan, ident)  # the targets it had, and its completion date
        revisions = action.get("revisions", [])
        if revisions:
            assert kinds["original target"] == [month_end(action["target"]).isoformat()]
            assert kinds.get("revised target", []) == [
                month_end(r["target"]).isoformat() for r in revisions[:-1]
            ]
        else:
            assert "original target" not in kinds
        completed = action.get("completed")
        if row["status"] == "done" and completed != "not-recorded":
            assert kinds["completed"] == [completed]
        else:
            assert "completed" not in kinds


def test_audit_timeline_shows_the_slipped_target() -> None:
    """1.2 was due June 2026, revised to September 2026: 92 days of slippage, overdue."""
    svg = charts("audit")["Targets of recommendation 1"]
    row = {
        m.get("data-mark"): m.get("data-day")
        for m in marks(svg, "mark")
        if m.get("data-action") == "1.2"
    }
    assert row == {"original target": "2026-06-30", "current target": "2026-09-30"}
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text == (
        "The targets of the 2 dated actions of recommendation 1 against 30 November 2026: 1 "
        "overdue, 1 done, 1 with a revised target (most slipped: 1.2, by 92 days)."
    )


@pytest.mark.parametrize("plan", list(PLANS))
def test_marks_sit_where_their_dates_say(plan: str) -> None:
    """On each time axis, x grows in proportion to the days: one scale for every mark and
    for the as-of line."""
    for title, svg in charts(plan).items():
        if not title.startswith("Targets of"):
            continue
        positions = [
            (date.fromisoformat(m.get("data-day") or ""), _centre_x(m)) for m in marks(svg, "mark")
        ]
        as_of = marks(svg, "as-of")[0]
        positions.append(
            (date.fromisoformat(as_of.get("data-day") or ""), float(as_of.get("x1") or 0))
        )
        positions.sort()
        (first_day, first_x), (last_day, last_x) = positions[0], positions[-1]
        per_day = (last_x - first_x) / max((last_day - first_day).days, 1)
        for day, x in positions:
            assert abs(first_x + per_day * (day - first_day).days - x) < 0.2, (title, day)


def _centre_x(element: ET.Element) -> float:
    if element.get("cx") is not None:
        return float(element.get("cx") or 0)
    if element.get("points") is not None:  # a diamond: its top and bottom points share x
        return float((element.get("points") or "").split()[0].split(",")[0])
    return float(element.get("x") or 0) + float(element.get("width") or 0) / 2


def test_indicator_points_are_the_outcomes_json() -> None:
    path, day = PLANS["audit"]
    document = json.loads(output("outcomes", str(ROOT / path), "--as-of", day, "-f", "json"))
    indicator = document["plans"][0]["outcomes"][0]["indicators"][0]
    svg = charts("audit")["Average days to pay an undisputed invoice against its line to target"]
    measured = [(m.get("data-day"), m.get("data-value")) for m in marks(svg, "measurement")]
    assert measured == [(m["date"], m["value"]) for m in indicator["measurements"]]
    (line,) = marks(svg, "line-to-target")
    assert (line.get("data-from"), line.get("data-from-value")) == (
        indicator["baseline"]["date"],
        indicator["baseline"]["value"],
    )
    assert (line.get("data-to"), line.get("data-to-value")) == (
        indicator["target"]["date"],
        indicator["target"]["value"],
    )
    (expected,) = marks(svg, "expected")
    assert Decimal(expected.get("data-value") or "").quantize(Decimal("0.01")) == Decimal(
        indicator["expected"]
    )
    desc = svg.find(f"{SVG}desc")
    assert desc is not None and desc.text == (
        "Average days to pay an undisputed invoice (lower is better): 27 days on 30 September "
        "2026, against 26.5 days expected on 30 November 2026 on the line from 34 days (31 March "
        "2025) to 25 days (31 March 2027): off track."
    )


def test_southampton_has_no_indicator_chart_and_says_so() -> None:
    assert not [t for t in charts("southampton") if "against its line" in t]
    assert "<p>No outcome indicator has a measurement or a line to target.</p>" in page(
        "southampton"
    )


@pytest.mark.parametrize("plan", list(PLANS))
def test_each_chart_is_a_named_image_followed_by_its_table(plan: str) -> None:
    text = page(plan)
    for svg_text in re.findall(r"<svg .*?</svg>", text, flags=re.S):
        svg = ET.fromstring(svg_text)
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and desc is not None and title.text and desc.text
        assert svg.get("aria-labelledby") == title.get("id")
        assert svg.get("aria-describedby") == desc.get("id")
        after = text[text.index(svg_text) + len(svg_text) :]
        assert after.startswith(
            f"\n</figure>\n<table>\n<caption>{title.text}: the figures</caption>"
        )
    ids = re.findall(r' id="([^"]+)"', text)
    assert len(ids) == len(set(ids))  # every chart's ids are its own


@pytest.mark.parametrize("plan", list(PLANS))
def test_every_label_fits_inside_its_drawing(plan: str) -> None:
    """No text runs past the edge of its chart (Arial's widths, as the layout estimates them)."""
    from actionplan.charts.scene import text_width

    for title, svg in charts(plan).items():
        width = float((svg.get("viewBox") or "").split()[2])
        for text in svg.iter(f"{SVG}text"):
            x, size = float(text.get("x") or 0), float(text.get("font-size") or 0)
            extent = text_width(text.text or "", size)
            anchor = text.get("text-anchor")
            left = x - extent if anchor == "end" else x - extent / 2 if anchor == "middle" else x
            assert left >= 0 and left + extent <= width, (title, text.text)
