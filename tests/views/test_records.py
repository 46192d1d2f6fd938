"""Records: one field list per kind of row, cut into CSV cells and JSON values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from actionplan.model.plan import Status
from actionplan.views.document import Field, Records, csv_cell, json_value
from actionplan.views.status import ACTION_FIELDS, OWNER_FIELDS


@dataclass(frozen=True)
class Item:
    name: str
    owners: tuple[str, ...]
    due: date | None
    done: bool
    status: Status


ITEMS = Records(
    [
        Field("name", lambda item: item.name),
        Field("owners", lambda item: item.owners),
        Field("due", lambda item: item.due),
        Field("done", lambda item: item.done),
        Field("status", lambda item: item.status, in_json=False),
        Field("first_owner", lambda item: item.owners[0], in_csv=False),
    ],
    [
        Item("a", ("Ann", "Bob"), date(2020, 3, 1), True, Status.DONE),
        Item("=b", ("Cy",), None, False, Status.NOT_STARTED),
    ],
)


def test_one_field_list_gives_the_csv_headers_and_cells() -> None:
    assert ITEMS.headers == ["name", "owners", "due", "done", "status"]
    assert ITEMS.csv_rows() == [
        ["a", "Ann; Bob", "2020-03-01", "yes", "done"],
        ["=b", "Cy", "", "no", "not-started"],  # output/render neutralises '=b' when written
    ]


def test_and_the_json_records_with_native_values() -> None:
    assert ITEMS.json() == [
        {
            "name": "a",
            "owners": ["Ann", "Bob"],
            "due": "2020-03-01",
            "done": True,
            "first_owner": "Ann",
        },
        {"name": "=b", "owners": ["Cy"], "due": None, "done": False, "first_owner": "Cy"},
    ]


def test_a_field_can_spell_its_csv_cell_itself() -> None:
    records = Records([Field("n", lambda n: [n, n], csv=lambda n: f"{n} twice")], [1])
    assert (records.csv_rows(), records.json()) == ([["1 twice"]], [{"n": [1, 1]}])


def test_cells_and_values() -> None:
    assert [csv_cell(v) for v in (None, True, 3, date(2020, 1, 2), Status.DONE, ("x", 1))] == [
        "",
        "yes",
        "3",
        "2020-01-02",
        "done",
        "x; 1",
    ]
    assert json_value((date(2020, 1, 2), Status.DONE)) == ["2020-01-02", "done"]


def test_status_csv_has_eighteen_columns_and_json_twelve_keys_from_one_list() -> None:
    csv = [f.name for f in ACTION_FIELDS if f.in_csv]
    json = [f.name for f in ACTION_FIELDS if f.in_json]
    assert csv == [
        "plan", "recommendation", "id", "text", "owners", "target", "original_target",
        "slippage_days", "due_date", "status", "status_reason", "rag", "rag_reason",
        "rag_set_by_hand", "rag_set_by_hand_reason", "overdue", "days_overdue", "last_update",
    ]  # fmt: skip
    assert json == [
        "plan", "recommendation", "id", "text", "owners", "target", "due_date", "status", "rag",
        "overdue", "days_overdue", "last_update",
    ]  # fmt: skip
    assert [f.name for f in OWNER_FIELDS] == [
        "owner", "actions", "done", "overdue", "due_soon", "next_target", "next_actions",
    ]  # fmt: skip
