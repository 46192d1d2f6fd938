"""The compact positions index: line and column by path, found by walking the text again."""

from __future__ import annotations

import pytest

from actionplan.yaml.positions import Positions
from actionplan.yaml.walk import DuplicateKey

TEXT = "plan:\n  id: x\n  id: y\nitems:\n  - a\n  - {k: v}\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_whatever_the_line_endings(newline: str) -> None:
    positions = Positions(TEXT.replace("\n", newline))
    assert positions.of(("plan", "id")) == (2, 7)
    assert positions.of(("plan", "id"), key=True) == (2, 3)
    assert positions.of(("plan", DuplicateKey("id", 2)), key=True) == (3, 3)
    assert positions.of(("items", 1, "k")) == (6, 9)


def test_a_path_not_written_is_placed_at_its_nearest_written_ancestor() -> None:
    assert Positions(TEXT).of(("items", 1, "missing", 0)) == (6, 5)


def test_a_removed_item_moves_later_paths_to_where_they_were_written() -> None:
    positions = Positions(TEXT)
    positions.removed(("items",), 0)
    assert positions.of(("items", 0)) == (6, 5)
    assert positions.written(("items", 0, "k")) == ("items", 1, "k")


def test_positions_in_a_mapping_of_more_than_65532_different_keys() -> None:
    text = "".join(f"k{i}: {i}\n" for i in range(70_000))
    positions = Positions(text)
    assert positions.of(("k69999",), key=True) == (70_000, 1)
    assert positions.of(("k69999",)) == (70_000, 9)
    assert positions.of(("k3",)) == (4, 5)
    assert positions.of(("nowhere",)) == (1, 1)  # not written: the nearest ancestor, the file
