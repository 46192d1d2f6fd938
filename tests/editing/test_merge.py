"""The three-way merge of plan texts by ids (`actionplan.editing.merge`)."""

from __future__ import annotations

import textwrap
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.editing.edit import Change, edit_action
from actionplan.editing.merge import MergeRefused, merge_plans
from actionplan.load import load_decoded
from actionplan.model.plan import PlanFile, Status, Target
from actionplan.pipeline import check_text

BASE = textwrap.dedent(
    """\
    format: 2
    plan:
      id: merge-test
      title: Merge test plan  # a comment the merge keeps
      organisation: Testshire Council
      source: Written for the merge tests
    people:
      - {id: comms, name: Communications Manager}
      - {id: housing, name: Housing Manager}
    recommendations:
      - id: "1"
        title: Raise awareness
        actions:
          - id: "1.1"
            text: Plan the campaign
            owners: [Communications Manager]
            target: 2020-03
            progress:
              - date: 2020-01-10
                note: Brief drafted
          # 1.2 follows the brief
          - id: "1.2"
            text: Run the campaign
            owners: [Communications Manager]
            target: 2020-06
      - id: "2"
        title: Train staff
        actions:
          - id: "2.1"
            text: Commission training
            owners: [Housing Manager]
            target: 2020-09
          - id: "2.2"
            text: Evaluate the training
            owners: [Housing Manager]
            target: 2020-12
    """
)


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _after(text: str, anchor: str, added: str) -> str:
    return _replace(text, anchor, anchor + added)


def _loaded(text: str) -> PlanFile:
    loaded, findings = load_decoded("merged.yaml", text)
    assert loaded is not None and loaded.complete, findings
    return loaded.plan


NOTE_A = "          - date: 2020-02-03\n            note: Agency list agreed\n            by: Ann\n"
NOTE_B = "          - date: 2020-02-01\n            note: Venue booked\n            by: Bob\n"
NOTE_B2 = "          - date: 2020-02-07\n            note: Posters printed\n            by: Bob\n"
LAST_11 = "            note: Brief drafted\n"
ACTION_2_2 = (
    '      - id: "2.2"\n'
    "        text: Evaluate the training\n"
    "        owners: [Housing Manager]\n"
    "        target: 2020-12\n"
)


def test_progress_on_the_same_action_from_both_sides_is_kept_in_date_order() -> None:
    ours = _after(BASE, LAST_11, NOTE_A)
    theirs = _after(BASE, LAST_11, NOTE_B + NOTE_B2)
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    assert result.text == _after(BASE, LAST_11, NOTE_B + NOTE_A + NOTE_B2)


def test_an_entry_both_sides_added_is_not_doubled() -> None:
    ours = _after(BASE, LAST_11, NOTE_A)
    theirs = _after(BASE, LAST_11, NOTE_A + NOTE_B2)
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    assert result.text == _after(BASE, LAST_11, NOTE_A + NOTE_B2)


def test_different_actions_updated_on_each_side_merge_cleanly_keeping_comments() -> None:
    ours = _after(BASE, LAST_11, NOTE_A)
    theirs = _after(
        BASE,
        "        target: 2020-09\n",
        "        status: blocked\n        status_reason: Waiting for the budget\n",
    )
    theirs = _replace(theirs, "title: Train staff", "title: Train front-line staff")
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    expected = _after(BASE, LAST_11, NOTE_A)
    expected = _after(
        expected,
        "        target: 2020-09\n",
        "        status: blocked\n        status_reason: Waiting for the budget\n",
    )
    assert result.text == _replace(expected, "title: Train staff", "title: Train front-line staff")


def test_an_action_theirs_added_goes_after_the_one_it_follows_with_its_comment() -> None:
    added = (
        "      # 2.3 was agreed at the March board\n"
        '      - id: "2.3"\n'
        "        text: Publish the evaluation\n"
        "        owners: [Housing Manager]\n"
        "        target: 2021-03\n"
    )
    anchor = "        text: Commission training\n        owners: [Housing Manager]\n"
    anchor += "        target: 2020-09\n"
    theirs = _after(BASE, anchor, added)
    ours = _after(BASE, LAST_11, NOTE_A)
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    assert result.text == _after(ours, anchor, added)
    assert [a.id for _r, a in _loaded(result.text).actions()] == ["1.1", "1.2", "2.1", "2.3", "2.2"]


def test_an_action_theirs_deleted_goes_when_ours_left_it_alone() -> None:
    gone = ACTION_2_2
    theirs = _replace(BASE, gone, "")
    ours = _after(BASE, LAST_11, NOTE_A)
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    assert result.text == _replace(ours, gone, "")


def test_same_value_changed_differently_keeps_ours_and_records_theirs() -> None:
    ours = _after(BASE, "        target: 2020-06\n", "        status: in-progress\n")
    theirs = _after(
        BASE, "        target: 2020-06\n", "        status: done\n        completed: 2020-02-20\n"
    )
    result = merge_plans(
        BASE, ours, theirs, ours_from="1111111111 (main)", theirs_from="2222222222 (b)"
    )
    assert [c.describe() for c in result.conflicts] == [
        "action 1.2: status: kept ours (in-progress); theirs: done"
    ]
    assert result.text == _after(
        ours,
        "        status: in-progress\n",
        # theirs' completion date comes too: ours never set one (lint then asks for status done)
        "        completed: 2020-02-20\n"
        "        conflicts:\n"
        "          - key: status\n"
        "            ours: in-progress\n"
        "            theirs: done\n"
        "            ours_from: 1111111111 (main)\n"
        "            theirs_from: 2222222222 (b)\n",
    )
    _plan, findings = check_text("merged.yaml", result.text.encode())
    conflict_line = result.text.splitlines().index("          - key: status") + 1
    assert [(f.code, f.line, f.message) for f in findings if f.code == "AP601"] == [
        (
            "AP601",
            conflict_line,
            "action 1.2: unresolved merge conflict on status: ours (1111111111 (main)) kept "
            "in-progress; theirs (2222222222 (b)) had done: make action 1.2 say what was "
            "agreed, then delete this conflicts entry",
        )
    ]


def _revision(on: str, target: str, reason: str) -> str:
    return (
        "        revisions:\n"
        f"          - date: {on}\n"
        f"            target: {target}\n"
        f"            reason: {reason}\n"
        "            approved_by: Audit Committee\n"
        "            approved_at: 2020-03-01\n"
    )


def test_two_revisions_of_one_target_to_different_months_are_one_conflict() -> None:
    anchor = "        target: 2020-06\n"
    ours = _after(BASE, anchor, _revision("2020-03-02", "2020-08", "Venue late"))
    theirs = _after(BASE, anchor, _revision("2020-03-03", "2020-10", "Printer late"))
    result = merge_plans(BASE, ours, theirs)
    assert len(result.conflicts) == 1
    action = dict((a.id, a) for _r, a in _loaded(result.text).actions())["1.2"]
    assert [r.target for r in action.revisions] == [Target.parse("2020-08")]  # ours
    (conflict,) = action.conflicts
    assert (conflict.key, conflict.ours_from, conflict.theirs_from) == (
        "revisions",
        "ours",
        "theirs",
    )
    assert conflict.theirs == (
        "{date: 2020-03-03, target: 2020-10, reason: Printer late, approved_by: Audit "
        "Committee, approved_at: 2020-03-01}"
    )


def test_revisions_that_agree_on_the_target_are_joined_in_order() -> None:
    anchor = "        target: 2020-06\n"
    ours = _after(BASE, anchor, _revision("2020-03-02", "2020-08", "Venue late"))
    theirs = _after(BASE, anchor, _revision("2020-03-02", "2020-08", "Venue late"))
    assert merge_plans(BASE, ours, theirs).text == ours


def test_ours_deleting_an_action_theirs_changed_records_theirs_on_the_recommendation() -> None:
    gone = ACTION_2_2
    ours = _replace(BASE, gone, "")
    theirs = _replace(BASE, "Evaluate the training", "Evaluate the training with the trust")
    result = merge_plans(BASE, ours, theirs)
    assert [c.describe() for c in result.conflicts] == [
        'recommendation 2: actions[2.2]: kept ours (deleted); theirs: {id: "2.2", text: '
        "Evaluate the training with the trust, own…"
    ]
    (conflict,) = _loaded(result.text).recommendations[1].conflicts
    assert conflict.ours is None
    assert conflict.theirs == (
        '{id: "2.2", text: Evaluate the training with the trust, owners: [Housing Manager], '
        "target: 2020-12}"
    )


def test_a_person_written_in_braces_changed_by_theirs_is_replaced_in_place() -> None:
    theirs = _replace(
        BASE, "{id: housing, name: Housing Manager}", "{id: housing, name: Head of Housing}"
    )
    ours = _after(BASE, LAST_11, NOTE_A)
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    assert result.text == _replace(
        ours, "{id: housing, name: Housing Manager}", "{id: housing, name: Head of Housing}"
    )


@pytest.mark.parametrize(
    ("side", "name"),
    [
        ("ours", "our version"),
        ("theirs", "their version (2222222222 (b))"),
        ("base", "the base version"),
    ],
)
def test_a_version_that_is_not_a_plan_is_refused(side: str, name: str) -> None:
    broken = BASE.replace('  - id: "1"\n', '<<<<<<< HEAD\n  - id: "1"\n')
    texts = {"base": BASE, "ours": BASE, "theirs": BASE, side: broken}
    with pytest.raises(MergeRefused) as refused:
        merge_plans(texts["base"], texts["ours"], texts["theirs"], theirs_from="2222222222 (b)")
    assert str(refused.value) == (
        f"{name} does not load as a plan (line 11: AP002 YAML syntax error: this line has no "
        "':' after its key: write 'key: value', or indent the line to continue the text above "
        "it)"
    )


# --- Property: non-overlapping edits merge to both edits made -------------------------------

ACTIONS = ["1.1", "1.2", "2.1", "2.2"]
DAYS = st.dates(date(2020, 2, 1), date(2020, 4, 30))


@st.composite
def _edits(draw: st.DrawFn, ids: list[str]) -> list[tuple[str, Change]]:
    """An edit (a progress note, or a status change) to each of some of `ids`."""
    chosen = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    edits = []
    for ident in chosen:
        when = draw(DAYS)
        status = draw(st.sampled_from([None, Status.IN_PROGRESS, Status.BLOCKED]))
        reason = "Waiting for the budget" if status is Status.BLOCKED else None
        edits.append(
            (ident, Change(when=when, note=f"Note on {ident}", status=status, reason=reason))
        )
    return edits


def _apply(text: str, edits: list[tuple[str, Change]]) -> str:
    for ident, change in edits:
        action = dict((a.id, a) for _r, a in _loaded(text).actions())[ident]
        text, _done = edit_action(text, action, change)
    return text


@settings(max_examples=25, derandomize=True)
@given(data=st.data())
def test_merging_two_sides_edits_equals_making_both(data: st.DataObject) -> None:
    split = data.draw(st.integers(0, len(ACTIONS)))
    ours_edits = data.draw(_edits(ACTIONS[:split]))
    theirs_edits = data.draw(_edits(ACTIONS[split:]))
    untouched = [i for i in ACTIONS if i not in {e[0] for e in ours_edits + theirs_edits}]
    shared = (
        data.draw(st.none() | st.tuples(st.sampled_from(untouched), DAYS, DAYS))
        if untouched
        else None
    )
    if shared is not None:  # both sides add a note to the same action
        ident, day_a, day_b = shared
        ours_edits.append((ident, Change(when=day_a, note="Ours' note", by="Ann")))
        theirs_edits.append((ident, Change(when=day_b, note="Theirs' note", by="Bob")))
    ours, theirs = _apply(BASE, ours_edits), _apply(BASE, theirs_edits)
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    # Both sides' edits made one after the other; the shared action's notes in date order.
    first, second = ours_edits, theirs_edits
    if shared is not None and shared[2] < shared[1]:
        first, second = [*ours_edits[:-1], theirs_edits[-1]], [*theirs_edits[:-1], ours_edits[-1]]
    assert _loaded(result.text) == _loaded(_apply(_apply(BASE, first), second))


def test_a_plan_both_sides_added_merges_against_an_empty_base() -> None:
    ours = _after(BASE, LAST_11, NOTE_A)
    theirs = _after(BASE, LAST_11, NOTE_B2)
    result = merge_plans("", ours, theirs)
    assert result.clean
    assert result.text == _after(BASE, LAST_11, NOTE_A + NOTE_B2)


def test_a_file_with_crlf_line_ends_keeps_them() -> None:
    crlf = BASE.replace("\n", "\r\n")
    ours = _after(BASE, LAST_11, NOTE_A).replace("\n", "\r\n")
    theirs = _after(BASE, LAST_11, NOTE_B2).replace("\n", "\r\n")
    result = merge_plans(crlf, ours, theirs)
    assert result.text == _after(BASE, LAST_11, NOTE_A + NOTE_B2).replace("\n", "\r\n")


def test_theirs_folded_text_comes_whole_beside_ours_change_to_the_same_action() -> None:
    folded = "        text: >-\n          Run the campaign in the town\n"
    folded += "          centre and online\n"
    theirs = _replace(BASE, "        text: Run the campaign\n", folded)
    ours = _after(BASE, "        target: 2020-06\n", "        status: in-progress\n")
    result = merge_plans(BASE, ours, theirs)
    assert result.clean
    assert result.text == _replace(ours, "        text: Run the campaign\n", folded)
    action = dict((a.id, a) for _r, a in _loaded(result.text).actions())["1.2"]
    assert (action.text, action.status) == (
        "Run the campaign in the town centre and online",
        Status.IN_PROGRESS,
    )
