"""output.mail and views.chase's small pieces: the sender, the subject, file names."""

from __future__ import annotations

from datetime import date

import pytest

from actionplan.output.mail import MailError, eml_names, file_slug, parse_sender, recipient
from actionplan.reports.chase import Owner
from actionplan.views.chase import subject_line, update_command


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("jane@council.example", "jane@council.example"),
        ("Jane Officer <jane@council.example>", "Jane Officer <jane@council.example>"),
        ('"Officer, Jane" <jane@council.example>', '"Officer, Jane" <jane@council.example>'),
        ("  Jane  Officer <jane@council.example> ", "Jane Officer <jane@council.example>"),
    ],
)
def test_sender(given: str, expected: str) -> None:
    assert str(parse_sender(given)) == expected


@pytest.mark.parametrize(
    "given", ["Jane Officer", "jane@", "a@b.example, c@d.example", "a@b.example\r\nBcc: x@y"]
)
def test_sender_refused(given: str) -> None:
    with pytest.raises(MailError, match=r"^--from .* e\.g\. --from 'Jane Officer <"):
        parse_sender(given)


def test_recipient() -> None:
    assert str(recipient(Owner("Ann", "ann", "ann@council.example"))) == "Ann <ann@council.example>"
    assert recipient(Owner("Ann")) == "no email address"
    assert recipient(Owner("Ann", "ann", "ann at council")) == (
        "email 'ann at council' is not an address"
    )
    assert recipient(Owner("Ann", "ann", "anné@council.example")) == (
        "email 'anné@council.example' is not an address"
    )


def test_subject_fields_are_filled_once() -> None:
    day = date(2020, 3, 1)
    assert subject_line("{name}: {count} by {date} {other}", 2, "A {date}", day) == (
        "A {date}: 2 actions by 2020-03-01 {other}"
    )


def test_file_names() -> None:
    assert file_slug("Zoë O'Neil") == "zoe-o-neil"
    assert file_slug("../../etc/passwd") == "etc-passwd"
    assert file_slug("Ωμέγα") == "owner"
    owners = [Owner("DSA Chair", "dsa-chair"), Owner("DSA chair!"), Owner("Ωμέγα"), Owner("Ψ")]
    assert eml_names(owners) == ["dsa-chair.eml", "dsa-chair-2.eml", "owner.eml", "owner-2.eml"]


def test_update_command_is_quoted_for_a_shell() -> None:
    assert update_command("my plans/it's.yaml", "1.2", "O'Brien") == (
        "actionplan update 1.2 'my plans/it'\"'\"'s.yaml' --note 'What has happened since the "
        "last update' --by 'O'\"'\"'Brien'"
    )
