"""Editing a plan's text in place: only the lines asked for change, byte for byte."""

from __future__ import annotations

import difflib
import textwrap
from datetime import date

import pytest

from actionplan.editing.edit import Change, EditError, edit_action, find_action, introduced_errors
from actionplan.load import load_text
from actionplan.model.plan import Action, Rag, Status, Target

AS_OF = date(2021, 6, 1)


def yaml(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def action_in(text: str, action_id: str) -> Action:
    loaded, findings = load_text("plan.yaml", text.encode("utf-8"))
    assert loaded is not None, findings
    return next(a for _rec, a in loaded.plan.actions() if a.id == action_id)


def edit(text: str, action_id: str, change: Change) -> tuple[str, list[str]]:
    new, changes = edit_action(text, action_in(text, action_id), change)
    assert introduced_errors("plan.yaml", text, new, AS_OF) == []
    return new, changes


def changed_lines(old: str, new: str) -> tuple[list[str], list[str]]:
    """(removed, added) lines between two texts."""
    diff = list(difflib.ndiff(old.splitlines(keepends=True), new.splitlines(keepends=True)))
    removed = [line[2:] for line in diff if line.startswith("- ")]
    added = [line[2:] for line in diff if line.startswith("+ ")]
    return removed, added


BLOCK = yaml(
    """
    # Domestic abuse action plan: progress is reported to the board.
    plan:
      id: demo
      title: Demo plan
      organisation: Demo Council
      source: Written for this test

    recommendations:
      - id: "5"
        title: Training
        actions:
          - id: "5.1"
            text: |
              Train GPs to
              ask about abuse

            owners: ['Public Health Director']   # quoted on purpose
            target: 2020-06
            # status as agreed at the January board
            status: in-progress
            progress:
              - date: 2020-01-10
                note: 'Training booked'   # first update
              # the February update is still to come
          - id: "5.2"
            text: Evaluate the training
            target: 2020-09

      - id: "6"
        title: Reporting
    """
)


def test_done_with_note_appends_progress_and_sets_status_in_place() -> None:
    new, changes = edit(
        BLOCK,
        "5.1",
        Change(date(2020, 3, 2), note="All GPs trained", status=Status.DONE, by="J. Smith"),
    )
    assert changed_lines(BLOCK, new) == (
        ["        status: in-progress\n"],
        [
            "        status: done\n",
            "        completed: 2020-03-02\n",
            "          - date: 2020-03-02\n",
            "            note: All GPs trained\n",
            "            status: done\n",
            "            by: J. Smith\n",
        ],
    )
    assert new == BLOCK.replace(
        "        status: in-progress\n",
        "        status: done\n        completed: 2020-03-02\n",
    ).replace(
        "            note: 'Training booked'   # first update\n",
        "            note: 'Training booked'   # first update\n"
        "          - date: 2020-03-02\n"
        "            note: All GPs trained\n"
        "            status: done\n"
        "            by: J. Smith\n",
    )
    assert changes == [
        "progress 2020-03-02: All GPs trained (status done)",
        "status: in-progress → done",
        "completed: 2020-03-02",
    ]


def test_revised_target_adds_revisions_and_progress_keys_after_their_predecessors() -> None:
    new, changes = edit(
        BLOCK,
        "5.2",
        Change(date(2020, 8, 1), target=Target.parse("2021-06"), reason="Trainer left"),
    )
    assert changed_lines(BLOCK, new) == (
        [],
        [
            "        revisions:\n",
            "          - date: 2020-08-01\n",
            "            target: 2021-06\n",
            "            reason: Trainer left\n",
            "        progress:\n",
            "          - date: 2020-08-01\n",
            '            note: "Target revised from 2020-09 to 2021-06: Trainer left"\n',
        ],
    )
    assert "        target: 2020-09\n        revisions:\n" in new
    assert changes == [
        "progress 2020-08-01: Target revised from 2020-09 to 2021-06: Trainer left",
        "target revised: 2020-09 → 2021-06 (Trainer left)",
    ]


def test_rag_by_hand_sets_rag_and_reason_and_records_it() -> None:
    new, _changes = edit(
        BLOCK, "5.1", Change(date(2020, 3, 2), rag=Rag.AMBER, reason="Two practices left")
    )
    assert changed_lines(BLOCK, new) == (
        [],
        [
            "        rag: amber\n",
            "        rag_reason: Two practices left\n",
            "          - date: 2020-03-02\n",
            '            note: "RAG set by hand to amber: Two practices left"\n',
        ],
    )
    assert "status: in-progress\n        rag: amber\n        rag_reason: Two" in new


def test_existing_rag_is_replaced_in_place_keeping_its_comment() -> None:
    text = BLOCK.replace(
        "        status: in-progress\n",
        "        status: in-progress\n        rag: green   # set by the board\n"
        "        rag_reason: >\n          On track\n          so far\n",
    )
    new, _changes = edit(
        text, "5.1", Change(date(2020, 3, 2), rag=Rag.RED, reason="Venue lost", note="Venue lost")
    )
    assert changed_lines(text, new) == (
        [
            "        rag: green   # set by the board\n",
            "        rag_reason: >\n",
            "          On track\n",
            "          so far\n",
        ],
        [
            "        rag: red   # set by the board\n",
            "        rag_reason: Venue lost\n",
            "          - date: 2020-03-02\n",
            # The rating it replaces stays in the history, after the officer's note.
            '            note: "Venue lost [It was green by hand: On track so far.]"\n',
        ],
    )


DONE = BLOCK.replace(
    "        status: in-progress\n",
    "        status: done\n        completed: 2020-02-20   # signed off by the board\n",
)


def test_reopening_a_done_action_removes_its_completion_date_and_records_it() -> None:
    new, changes = edit(
        DONE,
        "5.1",
        Change(date(2020, 3, 9), status=Status.IN_PROGRESS, note="Second cohort added"),
    )
    assert changed_lines(DONE, new) == (
        ["        status: done\n", "        completed: 2020-02-20   # signed off by the board\n"],
        [
            "        status: in-progress\n",
            "          - date: 2020-03-09\n",
            "            note: >-\n",
            # The comment on the line removed goes into the history with it.
            "              Second cohort added [Reopened: it was completed on 2020-02-20 "
            "(signed off by the\n",
            "              board).]\n",
            "            status: in-progress\n",
        ],
    )
    assert changes == [
        "progress 2020-03-09: Second cohort added [Reopened: it was completed on 2020-02-20 "
        "(signed off by the board).] (status in-progress)",
        "status: done → in-progress",
        "completed: removed (was 2020-02-20)",
    ]
    reopened = action_in(new, "5.1")
    assert (reopened.status, reopened.completed) == (Status.IN_PROGRESS, None)


def test_unblocking_removes_the_reason_it_was_blocked_and_records_it() -> None:
    text = BLOCK.replace(
        "        status: in-progress\n",
        "        status: blocked\n        status_reason: >\n          Waiting for\n"
        "          the trainer\n",
    )
    new, _changes = edit(text, "5.1", Change(date(2020, 3, 9), status=Status.IN_PROGRESS))
    assert changed_lines(text, new) == (
        [
            "        status: blocked\n",
            "        status_reason: >\n",
            "          Waiting for\n",
            "          the trainer\n",
        ],
        [
            "        status: in-progress\n",
            "          - date: 2020-03-09\n",
            "            note: >-\n",
            "              Status changed from blocked to in-progress. No longer blocked: Waiting "
            "for the\n",
            "              trainer.\n",
            "            status: in-progress\n",
        ],
    )
    unblocked = action_in(new, "5.1")
    assert unblocked.status_reason is None
    assert unblocked.progress[-1].note == (
        "Status changed from blocked to in-progress. No longer blocked: Waiting for the trainer."
    )


HAND_RAG = BLOCK.replace(
    "        status: in-progress\n",
    "        status: in-progress\n        rag: green   # the board's view\n"
    "        rag_reason: >\n          On track\n          so far\n",
)


def test_rag_none_clears_a_hand_set_rag_and_records_what_it_was() -> None:
    new, changes = edit(
        HAND_RAG,
        "5.1",
        Change(date(2020, 3, 9), clear_rag=True, reason="Back to the dates"),
    )
    assert changed_lines(HAND_RAG, new) == (
        [
            "        rag: green   # the board's view\n",
            "        rag_reason: >\n",
            "          On track\n",
            "          so far\n",
        ],
        [
            "          - date: 2020-03-09\n",
            "            note: >-\n",
            "              RAG set by hand cleared: Back to the dates. It was green by hand: On "
            "track so far (the\n",
            "              board's view).\n",
        ],
    )
    assert changes[1:] == ["RAG set by hand: green → cleared (Back to the dates)"]
    cleared = action_in(new, "5.1")
    assert (cleared.rag, cleared.rag_reason) == (None, None)
    assert cleared.progress[-1].note == (
        "RAG set by hand cleared: Back to the dates. It was green by hand: On track so far "
        "(the board's view)."
    )


def test_rag_none_needs_a_hand_set_rag_and_a_reason() -> None:
    with pytest.raises(EditError) as no_rag:
        edit(BLOCK, "5.1", Change(date(2020, 3, 9), clear_rag=True, reason="Why not"))
    assert str(no_rag.value) == (
        "action 5.1 has no RAG set by hand to clear: its RAG is worked out from its dates and "
        "status"
    )
    with pytest.raises(EditError) as no_reason:
        edit(HAND_RAG, "5.1", Change(date(2020, 3, 9), clear_rag=True))
    assert str(no_reason.value) == "--rag none needs --reason: say why, in a sentence"


def test_a_key_on_the_line_that_opens_the_action_is_not_removed() -> None:
    text = BLOCK.replace(
        '      - id: "5.1"\n        text: |',
        '      - rag: red\n        rag_reason: Late\n        id: "5.1"\n        text: |',
    )
    with pytest.raises(EditError) as error:
        edit(text, "5.1", Change(date(2020, 3, 9), clear_rag=True, reason="Caught up"))
    assert str(error.value) == (
        "'rag' at line 12 is on the line that opens the action ('- rag: …'); move it below "
        "'id' to let 'actionplan update' remove it"
    )


INDENTLESS = yaml(
    """
    plan: {id: demo, title: Demo, organisation: Demo Council, source: Test}
    recommendations:
    - id: "1"
      title: One
      actions:
      - id: "1.1"
        text: First
        progress: []  # none yet
      - id: "1.2"
        text: Second
        progress: [{date: 2020-01-01, note: Begun}]
    """
)


def test_empty_flow_list_becomes_a_block_list_in_the_files_own_indent_style() -> None:
    new, _changes = edit(INDENTLESS, "1.1", Change(date(2020, 2, 1), note="Begun, at last"))
    assert new == INDENTLESS.replace(
        "    progress: []  # none yet\n",
        "    progress:  # none yet\n    - date: 2020-02-01\n      note: Begun, at last\n",
    )


def test_non_empty_flow_list_gets_a_flow_item() -> None:
    new, _changes = edit(
        INDENTLESS, "1.2", Change(date(2020, 2, 1), note="Half done, [see minutes]", by="Ann")
    )
    assert changed_lines(INDENTLESS, new) == (
        ["    progress: [{date: 2020-01-01, note: Begun}]\n"],
        [
            "    progress: [{date: 2020-01-01, note: Begun}, {date: 2020-02-01, "
            'note: "Half done, [see minutes]", by: Ann}]\n'
        ],
    )


def test_status_key_absent_is_added_and_crlf_and_missing_final_newline_are_kept() -> None:
    text = (
        "plan: {id: demo, title: Demo, organisation: Demo Council, source: Test}\r\n"
        "recommendations:\r\n"
        '  - id: "1"\r\n'
        "    title: One\r\n"
        "    actions:\r\n"
        '      - id: "1.1"\r\n'
        "        text: First"
    )
    new, _changes = edit(text, "1.1", Change(date(2020, 2, 1), status=Status.IN_PROGRESS))
    assert new == (
        text + "\r\n"
        "        status: in-progress\r\n"
        "        progress:\r\n"
        "          - date: 2020-02-01\r\n"
        "            note: Status changed from not-started to in-progress.\r\n"
        "            status: in-progress\r\n"
    )


def test_blocked_sets_the_reason_and_empty_key_value_is_filled() -> None:
    text = BLOCK.replace("        status: in-progress\n", "        status:\n")
    new, changes = edit(
        text, "5.1", Change(date(2020, 3, 2), status=Status.BLOCKED, reason="No venue")
    )
    assert changed_lines(text, new)[1][:3] == [
        "        status: blocked\n",
        "        status_reason: No venue\n",
        "          - date: 2020-03-02\n",
    ]
    assert changes[1:] == ["status: not-started → blocked", "status_reason: No venue"]


def test_milestone_revision_is_written_as_a_flow_list() -> None:
    new, _changes = edit(
        BLOCK,
        "5.2",
        Change(
            date(2020, 8, 1),
            target=Target.parse(["2020-11", "2021-11"]),
            reason="Now yearly",
            note="Made yearly",
        ),
    )
    assert "            target: [2020-11, 2021-11]\n            reason: Now yearly\n" in new


def test_a_flow_style_action_is_refused_with_a_way_out() -> None:
    text = INDENTLESS.replace(
        '  - id: "1.2"\n    text: Second\n', '  - {id: "1.3", text: Third}\n  - id: "1.2"\n'
    ).replace("\n    progress: [{date", "\n    text: Second\n    progress: [{date")
    with pytest.raises(EditError) as error:
        edit_action(text, action_in(text, "1.3"), Change(date(2020, 2, 1), note="x"))
    assert str(error.value) == (
        "the action at line 9 is written on one line in braces {…}; write it as one key per "
        "line to record progress with 'actionplan update'"
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            Change(date(2020, 3, 1)),
            "nothing to record: give --note, --status, --completed, --revise-target or --rag",
        ),
        (
            Change(date(2020, 3, 1), target=Target.parse("2021-01")),
            "--revise-target needs --reason: say why, in a sentence",
        ),
        (
            Change(date(2020, 3, 1), rag=Rag.RED, status=Status.DROPPED),
            "--rag and --status dropped needs --reason: say why, in a sentence",
        ),
        (
            Change(date(2020, 3, 1), completed=date(2020, 3, 1)),
            "--completed is only for a done action, and action 5.1 is in-progress: add "
            "--status done",
        ),
    ],
)
def test_incomplete_requests_are_refused(change: Change, message: str) -> None:
    with pytest.raises(EditError) as error:
        edit_action(BLOCK, action_in(BLOCK, "5.1"), change)
    assert str(error.value) == message


def test_an_update_dated_before_the_last_entry_would_add_an_error() -> None:
    action = action_in(BLOCK, "5.1")
    new, _changes = edit_action(BLOCK, action, Change(date(2019, 12, 1), note="Earlier"))
    [finding] = introduced_errors("plan.yaml", BLOCK, new, AS_OF)
    assert str(finding) == (
        "plan.yaml:24:19: error AP206 action 5.1: progress entry dated 2019-12-01 comes after "
        "one dated 2020-01-10: keep entries in date order, newest last"
    )


def test_find_action_unknown_ambiguous_and_chosen() -> None:
    one, _ = load_text("a.yaml", BLOCK.encode())
    two, _ = load_text("b.yaml", BLOCK.replace("id: demo", "id: other").encode())
    assert one is not None and two is not None
    with pytest.raises(EditError) as error:
        find_action([one, two], "5.3")
    assert str(error.value) == "no action 5.3 in the plans: did you mean 5.2, 5.1?"
    with pytest.raises(EditError) as error:
        find_action([one, two], "5.1")
    assert str(error.value) == (
        "action 5.1 is in 2 plans; choose one with --plan PLAN_ID:\n  demo: a.yaml\n  other: b.yaml"
    )
    assert find_action([one, two], "5.1", "other")[0] is two
    assert find_action([one, two], "5.1", "a.yaml")[0] is one
    with pytest.raises(EditError) as error:
        find_action([one, two], "5.1", "nope")
    assert str(error.value) == (
        "no plan 'nope' here: give a plan id or file (plans: demo (a.yaml), other (b.yaml))"
    )


def test_a_new_reason_for_blocking_keeps_the_old_one_in_the_history() -> None:
    text = BLOCK.replace(
        "        status: in-progress\n",
        "        status: blocked\n        status_reason: Waiting for the budget\n",
    )
    new, changes = edit(
        text, "5.1", Change(date(2020, 3, 9), status=Status.DROPPED, reason="No budget")
    )
    assert changes[1:] == [
        "status: blocked → dropped",
        "status_reason: No budget (was: Waiting for the budget.)",
    ]
    assert action_in(new, "5.1").progress[-1].note == (
        "Status changed from blocked to dropped. Reason: No budget. It was blocked: Waiting for "
        "the budget."
    )


# Regression: the edit used to keep the last of two duplicate keys and the loader the first, so
# `update` reported one status, wrote another line and lint still read the first.
def test_the_first_of_duplicate_keys_is_the_one_edited_as_the_loader_reads_it() -> None:
    text = yaml(
        """
        plan: {id: demo, title: Demo, organisation: Demo Council, source: Test}
        recommendations:
          - id: "1"
            title: One
            actions:
              - id: "1.1"
                text: First
                status: not-started
                status: in-progress
        """
    )
    action = action_in(text, "1.1")
    assert action.status is Status.NOT_STARTED
    change = Change(date(2020, 3, 2), status=Status.BLOCKED, reason="No budget")
    new, changes = edit_action(text, action, change)
    assert changes == [
        "progress 2020-03-02: Status changed from not-started to blocked. Reason: No budget "
        "(status blocked)",
        "status: not-started → blocked",
        "status_reason: No budget",
    ]
    assert changed_lines(text, new) == (
        ["        status: not-started\n"],
        [
            "        status: blocked\n",
            "        status_reason: No budget\n",
            "        progress:\n",
            "          - date: 2020-03-02\n",
            '            note: "Status changed from not-started to blocked. Reason: No budget"\n',
            "            status: blocked\n",
        ],
    )
    assert action_in(new, "1.1").status is Status.BLOCKED


# Regression: lines were counted by "\n" only, so a CR-only file (which lints clean) failed.
@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_only_and_crlf_files_edit_like_lf_ones(newline: str) -> None:
    change = Change(date(2020, 3, 2), note="All GPs trained", status=Status.DONE, by="J. Smith")
    lf, lf_changes = edit(BLOCK, "5.1", change)
    new, changes = edit(BLOCK.replace("\n", newline), "5.1", change)
    assert (new, changes) == (lf.replace("\n", newline), lf_changes)
