"""The loader: text scalars, validation item by item, and pruning that keeps positions right."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import MethodType
from typing import TYPE_CHECKING, Any, cast

import pytest

from actionplan.checks import run_checks
from actionplan.load import dotted, field_names_at, load_text, read_plan_bytes
from actionplan.model.plan import Recommendation, TargetKind

if TYPE_CHECKING:
    from collections.abc import Callable


def test_scalars_stay_text_so_money_is_exact() -> None:
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


def test_pruned_items_do_not_shift_later_findings() -> None:
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


def test_missing_required_key_removes_its_item_and_shifts_positions() -> None:
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


def test_dotted_and_field_names() -> None:
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


def test_positions_are_worked_out_only_when_asked_and_then_exact() -> None:
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


def test_a_finding_past_column_65535_is_placed_exactly() -> None:
    text = (
        'plan: {id: x, title: "' + "a" * 70_000 + '", organisation: O, source: S, colour: red}\n'
        "recommendations: []\n"
    )
    _loaded, findings = load_text("p.yaml", text.encode())
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("AP101", 1, text.index("colour") + 1)
    ]
    assert findings[0].column > 70_000


def test_a_duplicate_inside_a_duplicated_mapping_names_its_own_first_line() -> None:
    text = """\
plan: {id: x, title: T, organisation: O, source: S}
plan:
  id: y
  id: z
"""
    _loaded, findings = load_text("p.yaml", text.encode())
    assert [str(f) for f in findings] == [
        "p.yaml:2:1: error AP005 duplicate key 'plan' (first at line 1): YAML would keep only "
        "one of them; merge them or rename one",
        "p.yaml:4:3: error AP005 duplicate key 'id' (first at line 3): YAML would keep only "
        "one of them; merge them or rename one",
    ]


def test_positions_in_a_long_list_after_pruning() -> None:
    """Item 0 has no title and is removed; the pruned plan's item 98 is written as item 99."""
    lines = ["plan: {id: x, title: T, organisation: O, source: S}", "recommendations:"]
    lines.append('  - id: "0"')
    for number in range(1, 100):
        lines += [f'  - id: "{number}"', f"    title: Recommendation {number}"]
    text = "\n".join(lines) + "\n"
    loaded, findings = load_text("p.yaml", text.encode())
    assert [str(f) for f in findings] == [
        "p.yaml:3:5: error AP102 recommendations[0] has no 'title': add it (it is required)"
    ]
    assert loaded is not None and len(loaded.plan.recommendations) == 99
    assert loaded.plan.recommendations[98].id == "99"
    assert loaded.positions.of(("recommendations", 98, "id")) == (
        lines.index('  - id: "99"') + 1,
        9,
    )
    assert loaded.positions.of(("recommendations", 98, "title"), key=True) == (
        lines.index("    title: Recommendation 99") + 1,
        5,
    )


def test_a_valid_item_is_validated_once_and_an_invalid_one_is_reported_where_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Items are validated as they are composed, so the plan's own validation (which takes
    the models as they are) never sees their data."""
    validated: list[Any] = []
    bound = cast(MethodType, Recommendation.model_validate)  # a classmethod, bound to the class
    real = cast("Callable[..., Recommendation]", bound.__func__)

    def spy(cls: type[Recommendation], /, data: Any, **kwargs: Any) -> Recommendation:
        validated.append(data)
        return real(cls, data, **kwargs)

    monkeypatch.setattr(Recommendation, "model_validate", classmethod(spy))
    text = """\
plan: {id: x, title: T, organisation: O, source: S}
recommendations:
  - id: "1"
    id: "1b"
  - id: "2"
    title: T
"""
    loaded, findings = load_text("p.yaml", text.encode())
    assert [str(f) for f in sorted(findings)] == [
        "p.yaml:3:5: error AP102 recommendations[0] has no 'title': add it (it is required)",
        "p.yaml:4:5: error AP005 duplicate key 'id' (first at line 3): YAML would keep only "
        "one of them; merge them or rename one",
    ]
    assert loaded is not None and not loaded.complete
    assert [rec.id for rec in loaded.plan.recommendations] == ["2"]
    assert validated == [{"id": "1"}, {"id": "2", "title": "T"}]
    assert loaded.positions.of(("recommendations", 0, "title")) == (6, 12)


def test_a_file_without_a_final_line_break_is_read_to_its_end() -> None:
    text = "plan: {id: x, title: T, organisation: O, source: S}\nrecommendations: [{id: '1'}]"
    _loaded, findings = load_text("p.yaml", text.encode())
    assert [str(f) for f in findings] == [
        "p.yaml:2:19: error AP102 recommendations[0] has no 'title': add it (it is required)"
    ]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux /proc only")
def test_a_file_that_reports_no_size_is_still_read_whole() -> None:
    assert Path("/proc/self/status").stat().st_size == 0
    raw = read_plan_bytes(Path("/proc/self/status"))
    assert raw.startswith(b"Name:") and raw.count(b"\n") > 10


def test_hundreds_of_invalid_items_are_all_reported_and_the_rest_still_checked() -> None:
    lines = ["plan: {id: x, title: T, organisation: O, source: S}", "recommendations:"]
    lines += [f'  - id: "{number}"' for number in range(300)]  # none has a title
    lines += ['  - {id: "A", title: T}', '  - {id: "A", title: T}']
    text = "\n".join(lines) + "\n"
    loaded, findings = load_text("p.yaml", text.encode())
    assert len(findings) == 300
    assert {f.code for f in findings} == {"AP102"}
    assert [f.line for f in findings] == list(range(3, 303))
    # Each is named as written, though the ones before it were left out of the plan.
    assert [f.message for f in findings[298:]] == [
        "recommendations[298] has no 'title': add it (it is required)",
        "recommendations[299] has no 'title': add it (it is required)",
    ]
    assert loaded is not None and not loaded.complete
    assert [str(f) for f in run_checks(loaded)] == [
        "p.yaml:304:10: error AP201 recommendation id 'A' is already used at line 303: give "
        "each recommendation its own id"
    ]
