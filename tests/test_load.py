"""The loader: positions for every value, text scalars, and pruning that keeps positions right."""

from __future__ import annotations

from decimal import Decimal

from actionplan.load import compose, dotted, field_names_at, load_text
from actionplan.model import TargetKind


def test_positions_of_values_and_keys():
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


def test_scalars_stay_text_so_money_is_exact():
    text = """\
plan: {id: x, title: T, organisation: O, source: S, stated_total: 41567.20}
recommendations:
  - id: 5.10
    title: T
    accepted: yes
    costs: [{label: L, amount: 41567.20}]
    actions: [{id: 5.2, text: A, target: 2020-02}]
"""
    loaded, findings = load_text("p.yaml", text.encode())
    assert findings == []
    assert loaded is not None
    rec = loaded.plan.recommendations[0]
    assert rec.id == "5.10"  # not the float 5.1
    assert rec.accepted is True
    assert rec.costs[0].amount == Decimal("41567.20")
    assert str(rec.costs[0].amount) == "41567.20"
    assert rec.actions[0].target is not None
    assert rec.actions[0].target.kind is TargetKind.MONTH
    assert str(rec.actions[0].target.deadlines[0].due) == "2020-02-29"


def test_pruned_items_do_not_shift_later_findings():
    text = """\
plan: {id: x, title: T, organisation: O, source: S}
recommendations:
  - id: "1"
    title: T
    actions:
      - id: "1.1"
        text: bad key below
        colour: red
      - id: "1.2"
        text: no id above this one is valid
        status: done
"""
    loaded, findings = load_text("p.yaml", text.encode())
    assert [str(f) for f in findings] == [
        "p.yaml:8:9: error AP101 unknown key 'colour' in recommendations[0].actions[0]: "
        "allowed keys: id, text, owners, target, target_text, revisions, status, completed, "
        "status_reason, rag, rag_reason, progress, outcomes, notes"
    ]
    assert loaded is not None and not loaded.complete
    # The check that runs on the pruned plan still points at action 1.2's own line.
    assert loaded.positions.of(("recommendations", 0, "actions", 1, "status")) == (11, 17)


def test_missing_required_key_removes_its_item_and_shifts_positions():
    text = """\
plan: {id: x, title: T, organisation: O, source: S}
recommendations:
  - id: "1"
    title: T
    actions:
      - text: no id
      - id: "1.2"
        text: second
"""
    loaded, findings = load_text("p.yaml", text.encode())
    assert [str(f) for f in findings] == [
        "p.yaml:6:9: error AP102 recommendations[0].actions[0] has no 'id': add it (it is required)"
    ]
    assert loaded is not None
    assert [a.id for a in loaded.plan.recommendations[0].actions] == ["1.2"]
    assert loaded.positions.of(("recommendations", 0, "actions", 0, "id")) == (7, 13)


def test_dotted_and_field_names():
    assert dotted(("recommendations", 4, "actions", 1, "target")) == (
        "recommendations[4].actions[1].target"
    )
    assert dotted(()) == "the file"
    assert field_names_at(("recommendations", 0, "costs", 0, "units")) == [
        "quantity",
        "unit",
        "rate",
        "note",
    ]
    assert "for" in field_names_at(("outcomes", 0))


def test_positions_are_worked_out_only_when_asked_and_then_exact():
    text = """\
plan: {id: x, title: T, organisation: O, source: S}
recommendations:
  - id: "1"
    title: T
    actions:
      - id: "1.1"
        text: first
      - id: "1.2"
        text: second
"""
    loaded, findings = load_text("p.yaml", text.encode())
    assert findings == [] and loaded is not None
    assert loaded.positions._index is None  # a clean file keeps no positions
    finding = loaded.finding(("recommendations", 0, "actions", 1, "text"), "AP108", "m")
    assert (finding.line, finding.column) == (9, 15)
    assert loaded.positions._index is not None
