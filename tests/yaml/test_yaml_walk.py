"""The one event walk: which place each event fills, and the path of each node."""

from __future__ import annotations

from typing import Any

import yaml

from actionplan.editing.edit import layout
from actionplan.yaml.compose import compose
from actionplan.yaml.walk import (
    DUPLICATE_KEY,
    END,
    ITEM,
    KEY,
    OTHER,
    ROOT,
    VALUE,
    DuplicateKey,
    Walk,
    yaml_parser,
)

NAMES = {ROOT: "root", KEY: "key", DUPLICATE_KEY: "duplicate key", VALUE: "value", ITEM: "item"}


def places(text: str) -> list[tuple[str, Any, Any]]:
    """(place, scalar text or event kind, path) of every node and end, as the walk gives them."""
    walk = Walk(text, paths=True)
    out: list[tuple[str, Any, Any]] = []
    for place, event in walk:
        if place == OTHER:
            continue
        what = getattr(event, "value", type(event).__name__.removesuffix("Event"))
        out.append(("end" if place == END else NAMES[place], what, walk.path()))
    return out


def test_places_and_paths_of_a_small_plan() -> None:
    assert places("plan: {id: x}\nlist:\n  - a\n  - [b]\n") == [
        ("root", "MappingStart", ()),
        ("key", "plan", ("plan",)),
        ("value", "MappingStart", ("plan",)),
        ("key", "id", ("plan", "id")),
        ("value", "x", ("plan", "id")),
        ("end", "MappingEnd", ("plan",)),
        ("key", "list", ("list",)),
        ("value", "SequenceStart", ("list",)),
        ("item", "a", ("list", 0)),
        ("item", "SequenceStart", ("list", 1)),
        ("item", "b", ("list", 1, 0)),
        ("end", "SequenceEnd", ("list", 1)),
        ("end", "SequenceEnd", ("list",)),
        ("end", "MappingEnd", ()),
    ]


def test_the_second_writing_of_a_key_is_a_duplicate_with_its_own_path() -> None:
    walk = Walk("a: 1\nb: 2\na: 3\na: 4\n", paths=True)
    keys = [
        (place, walk.path(), walk.nth) for place, _event in walk if place in (KEY, DUPLICATE_KEY)
    ]
    assert [(place, repr(path[0]), nth) for place, path, nth in keys] == [
        (KEY, "'a'", 1),
        (KEY, "'b'", 1),
        (DUPLICATE_KEY, "DuplicateKey('a', 2)", 2),
        (DUPLICATE_KEY, "DuplicateKey('a', 3)", 3),
    ]
    assert all(
        isinstance(path[0], DuplicateKey) for place, path, _ in keys if place == DUPLICATE_KEY
    )


def test_depth_counts_the_collections_around_an_event() -> None:
    walk = Walk("a:\n  b:\n    - c\n")
    depths = [(getattr(event, "value", None), walk.depth) for place, event in walk if place == END]
    assert depths == [(None, 2), (None, 1), (None, 0)]  # the sequence, the inner and outer maps


DUPLICATES = "plan:\n  status: first\n  status: second\n"


def test_loader_positions_and_editing_agree_on_the_first_of_duplicate_keys() -> None:
    data, positions, findings = compose("p.yaml", DUPLICATES)
    assert data == {"plan": {"status": "first"}}
    assert [f.message[:40] for f in findings] == ["duplicate key 'status' (first at line 2)"]
    assert positions.of(("plan", "status")) == (2, 11)
    node = layout(DUPLICATES)[("plan", "status")]
    assert DUPLICATES[node.start : node.end] == "first"


def test_a_yaml_error_stops_the_walk_after_the_events_before_it() -> None:
    seen: list[Any] = []
    try:
        for place, event in Walk("a: [1, 2\n", yaml_parser()):
            if place != OTHER:
                seen.append(getattr(event, "value", None))
    except yaml.YAMLError:
        pass
    else:  # pragma: no cover - the text is not YAML
        raise AssertionError("no error")
    assert seen[:4] == [None, "a", None, "1"]


def test_actionplan_pure_yaml_1_chooses_the_pure_python_parser() -> None:
    fast = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert yaml_parser({"ACTIONPLAN_PURE_YAML": "1"}) is yaml.SafeLoader
    assert [yaml_parser(env) for env in ({}, {"ACTIONPLAN_PURE_YAML": "0"})] == [fast, fast]
