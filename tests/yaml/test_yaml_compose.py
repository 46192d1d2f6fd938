"""Composing YAML text into plain data: positions, items handed over early, the parser given,
and syntax errors in our own words."""

from __future__ import annotations

from typing import Any

import yaml
from yaml.error import Mark, MarkedYAMLError

from actionplan.findings import Finding
from actionplan.yaml.compose import LEAVE_OUT, _syntax_problem, compose
from actionplan.yaml.positions import Positions
from actionplan.yaml.walk import Loc


def test_positions_of_values_and_keys() -> None:
    data, positions, findings = compose(
        "p.yaml", "plan:\n  id: x\nrecommendations:\n  - id: '1'\n    title: T\n"
    )
    assert findings == []
    assert data == {"plan": {"id": "x"}, "recommendations": [{"id": "1", "title": "T"}]}
    assert positions.of(("plan", "id")) == (2, 7)
    assert positions.of(("plan", "id"), key=True) == (2, 3)
    assert positions.of(("recommendations", 0)) == (4, 5)
    assert positions.of(("recommendations", 0, "title")) == (5, 12)
    # An unwritten path falls back to its nearest written ancestor.
    assert positions.of(("recommendations", 0, "actions", 3)) == (4, 5)


def test_compose_hands_each_top_level_item_over_as_soon_as_it_is_complete() -> None:
    text = """\
plan: {id: x, title: T, organisation: O, source: S}
recommendations:
  - {id: "1", title: T}
  - {id: "2"}
  - {id: "3", title: T}
outcomes: [{id: O1, title: T}]
"""
    seen: list[tuple[Loc, Any]] = []

    def early(loc: Loc, item: Any, positions: Positions) -> Any:
        seen.append((loc, item))
        return LEAVE_OUT if item["id"] == "2" else ("kept", item["id"])

    data, positions, findings = compose("p.yaml", text, on_item=early)
    assert findings == []
    assert seen == [
        (("recommendations", 0), {"id": "1", "title": "T"}),
        (("recommendations", 1), {"id": "2"}),
        (("recommendations", 1), {"id": "3", "title": "T"}),  # after the one dropped
        (("outcomes", 0), {"id": "O1", "title": "T"}),
    ]
    assert data["recommendations"] == [("kept", "1"), ("kept", "3")]
    assert data["plan"] == {"id": "x", "title": "T", "organisation": "O", "source": "S"}
    assert positions.of(("recommendations", 1)) == (5, 5)  # "3", written third


def test_compose_and_the_positions_read_with_the_parser_given() -> None:
    opened: list[str] = []

    class Counting(yaml.SafeLoader):
        def __init__(self, stream: Any) -> None:
            opened.append(type(stream).__name__)
            super().__init__(stream)

    _data, positions, _findings = compose("p.yaml", "plan:\n  id: x\n", parser=Counting)
    assert positions.of(("plan", "id")) == (2, 7)
    assert opened == ["_Source", "_Source"]  # composing, then indexing the positions


def test_a_parser_error_we_have_no_words_for_gets_ours_not_the_parsers() -> None:
    mark = Mark("p.yaml", 8, 1, 2, None, 0)
    error = MarkedYAMLError("while doing something new", mark, "found something new", mark)
    assert _syntax_problem("p.yaml", "plan:\n  id: x\n", error) == Finding(
        "p.yaml",
        2,
        3,
        "AP002",
        "YAML syntax error: YAML cannot read the file from here: check the indentation, colons "
        "and quotes on this line or the one before it",
    )
