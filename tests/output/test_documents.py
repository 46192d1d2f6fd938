"""What every document (Markdown, HTML, Word) writes, whatever the command: dates in words
unless --date-style iso, and each action's text in full (only the terminal cuts it); the
terminal, CSV and JSON keep ISO 8601."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from actionplan.output import render
from actionplan.output.render import _html_text, _searched, dates_in_words, in_words, to_html
from actionplan.views.document import Column, Heading, Lines, Table
from conftest import DATA

if TYPE_CHECKING:
    from conftest import RunCli

FIXTURE = DATA / "status-fixture.yaml"
AS_OF = ("--as-of", "2020-03-01")
LONG = (
    "Launch the campaign in the city centre and on social media, with posters in every GP "
    "surgery and pharmacy"
)


@pytest.mark.parametrize(
    ("text", "worded"),
    [
        ("due 2020-02-29, 1 day ago", "due 29 February 2020, 1 day ago"),
        ("2020-06 (was Dec 2019)", "June 2020 (was Dec 2019)"),
        ("tag meeting/2020-01-15 and 2020-01-15", "tag meeting/2020-01-15 and 15 January 2020"),
        ("the 2019-20 budget, 2020-13, 2020-02-30", "the 2019-20 budget, 2020-13, 2020-02-30"),
        ("v2020-01-01 2020-01-01x 2020-01-01-2", "v2020-01-01 2020-01-01x 2020-01-01-2"),
    ],
)
def test_dates_in_words(text: str, worded: str) -> None:
    assert dates_in_words(text) == worded


@pytest.mark.parametrize(
    ("cell", "html"),
    [
        ("Feb 2020", '<span class="nowrap">Feb 2020</span>'),
        ("Plan by Sept. 2021", 'Plan by <span class="nowrap">Sept. 2021</span>'),
        ("29 February 2020", '<time datetime="2020-02-29">29 February 2020</time>'),
        ("Febuary 2020", "Febuary 2020"),  # no month a printer keeps whole
    ],
)
def test_a_printed_page_keeps_a_month_whole_as_plans_abbreviate_it(cell: str, html: str) -> None:
    table = to_html(Table([Column("Target")], [[cell]]))
    assert f"<tr><td>{html}</td></tr>" in table


def test_a_tables_head_is_its_own_columns_however_many_tables_came_before() -> None:
    # Heads are kept by their columns' identity: columns made and dropped table after table
    # (their ids free to be taken again) each get their own header row, as do kept columns.
    kept = [Column("ID", no_wrap=True), Column("Amount", align="right")]
    for number in range(600):
        made = to_html(Table([Column(f"Column {number}"), *kept], [["x", "1", "2"]]))
        assert (
            f'<tr><th scope="col">Column {number}</th><th scope="col" class="nowrap">ID</th>'
            '<th scope="col" class="num">Amount</th></tr>'
        ) in made
        again = to_html(Table(kept, [["1", "2"]]))
        assert '<tr><th scope="col" class="nowrap">ID</th><th scope="col" class="num">' in again
    assert len(render._HEADS) <= 256


# Pieces of plan text that the search for dates and hyphenated words turns on: dates whole and
# in part, real and not, months in words and as plans abbreviate them, and what may stand
# before or after a date (a slash or a dot keeps it in a name; an escaped quote).
_PIECES = st.sampled_from(
    ["2020-05-15", "2020-02-30", "2020-13", "2021-12", "1999", "2020", "15", "7", "-", "--",
     "May", "Sept", "Sept.", "Feb.", "Febuary", "June", "(May", "x", "Target:", "done on", "—",
     "/", ".", "'", '"', "&", "<b>", "not-started", "2019-20", "é", "May 2020", "Sept. 2021"]
)  # fmt: skip
_RUNS = st.lists(st.tuples(_PIECES, st.sampled_from(["", " ", "  "])), max_size=6).map(
    lambda parts: "".join(piece + gap for piece, gap in parts)
)
_TEXTS = _RUNS | st.tuples(_RUNS, st.sampled_from(["2020-05-15", "2020-05", "2020-02-30"])).map(
    " ".join
)  # and as often, a date at the end


@settings(max_examples=500)  # the short ways' mistakes need a rare text to show
@given(_TEXTS, st.booleans(), st.booleans())
def test_a_cells_html_is_the_searchs_whatever_way_it_is_made(
    text: str, whole_cell: bool, words: bool
) -> None:
    # The short ways (no date possible, a date alone, a date at the end) give what the search
    # of the whole text gives, character for character.
    made = _html_text.__wrapped__(text, whole_cell=whole_cell, words=words)
    assert made == _searched(text, whole_cell, words)


# The searches as first written: each alternative on its own, tried at every place of the text.
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_PLAIN_DATE = (
    r"(?<![\w/.-])(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?(?![\w/-])"
    rf"|\b(?:(?P<wday>\d{{1,2}}) )?(?P<wmonth>{_MONTHS}) (?P<wyear>\d{{4}})\b"
)
_PLAIN_UNBROKEN = (
    rf"{_PLAIN_DATE}|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.? \d{{4}}\b"
    r"|\w+(?:-\w+)+"
)


@settings(max_examples=500)
@given(_TEXTS | st.text(alphabet="2019-05 Mayé_/.Sept", max_size=24))
def test_the_searches_find_what_the_patterns_as_first_written_find(text: str) -> None:
    # Each search tests once that a match starts a word, and each alternative's first
    # character, before trying it: the same matches, in the same places, with the same groups.
    for search, plain in ((render._DATES, _PLAIN_DATE), (render._UNBROKEN, _PLAIN_UNBROKEN)):
        found = [(m.span(), m.groupdict()) for m in search.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in re.finditer(plain, text)]


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("2020-05-15", '<time datetime="2020-05-15">15 May 2020</time>'),
        ("Target: 2020-05", 'Target: <time datetime="2020-05">May 2020</time>'),
        # A month in words takes the year: the search's reading, kept by the short way.
        (
            "by May 2020-05-01",
            'by <time datetime="2020-05">May 2020</time>-<span class="nowrap">05-01</span>',
        ),
        ("2020-02-30", '<span class="nowrap">2020-02-30</span>'),
        (
            "Agreed May 2020, due 2021-01-31",
            'Agreed <time datetime="2020-05">May 2020</time>, '
            'due <time datetime="2021-01-31">31 January 2021</time>',
        ),
        ("a & b 2020-01-31", 'a &amp; b <time datetime="2020-01-31">31 January 2020</time>'),
    ],
)
def test_a_cell_with_a_date_at_its_end(text: str, html: str) -> None:
    assert _html_text(text, words=True) == html


def test_every_piece_of_a_block_gets_its_dates_in_words() -> None:
    table = Table(
        [Column("On 2020-03-01"), Column("Due", align="right")],
        [["a", "2020-02-29"]],
        title="As of 2020-03-01",
        footer=[["Total", "2021-01"]],
        caption="Since 2020-01-01",
    )
    assert in_words([Heading("As of 2020-03-01"), Lines(["2020-04-30"], bullets=True), table]) == [
        Heading("As of 1 March 2020"),
        Lines(["30 April 2020"], bullets=True),
        Table(
            [Column("On 1 March 2020"), Column("Due", align="right")],
            [["a", "29 February 2020"]],
            title="As of 1 March 2020",
            footer=[["Total", "January 2021"]],
            caption="Since 1 January 2020",
        ),
    ]


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def paper(run: RunCli, tmp_path: Path, *args: str | Path) -> str:
    """A command's document: its stdout, or for Word the text of the file it wrote."""
    if "docx" not in args:
        result = run(*args)
        assert (result.exit_code, result.stderr) == (0, ""), result.stderr
        return result.stdout
    target = tmp_path / "paper.docx"
    result = run(*args, "--output", target)
    assert result.exit_code == 0, result.stderr
    return docx_text(target)


# The report's charts are pictures with words of their own (and labels cut to fit a picture):
# these tests are of the report's text, so they leave the charts out.
NO_CHARTS = ("--charts", "none")


@pytest.mark.parametrize(
    ("command", "format"), [("status", "markdown"), ("report", "html"), ("owners", "docx")]
)
def test_documents_write_dates_in_words_unless_asked_for_iso(
    run: RunCli, tmp_path: Path, command: str, format: str
) -> None:
    more = NO_CHARTS if command == "report" else ()
    worded = paper(run, tmp_path, command, FIXTURE, *AS_OF, "-f", format, *more)
    assert "1 March 2020" in worded and "2020-03-01" not in worded.replace('"2020-03-01"', "")
    iso = paper(run, tmp_path, command, FIXTURE, *AS_OF, "-f", format, *more, "--date-style", "iso")
    assert "2020-03-01" in iso and "1 March 2020" not in iso
    if format == "html":  # each date in a <time> either way, its ISO form for machines
        assert 'as of <time datetime="2020-03-01">1 March 2020</time>' in worded
        assert '<time datetime="2020-03-01">2020-03-01</time>' in iso
        assert '<td><time datetime="2020-01">January 2020</time></td>' in worded  # a month


def test_the_terminal_csv_and_json_keep_iso_dates(run: RunCli) -> None:
    table = run("status", FIXTURE, *AS_OF).stdout
    assert "Status as of 2020-03-01" in table and "March 2020" not in table
    csv = run("status", FIXTURE, *AS_OF, "-f", "csv").stdout
    assert ",2020-02-29," in csv and "February" not in csv
    document = json.loads(run("status", FIXTURE, *AS_OF, "-f", "json").stdout)
    assert document["as_of"] == "2020-03-01"
    assert {a["id"]: a["due_date"] for a in document["actions"]}["1.2"] == "2020-02-29"


@pytest.mark.parametrize(
    ("command", "format"),
    [
        (("status",), "markdown"),
        (("status",), "docx"),
        (("report",), "html"),
        (("show", "1"), "html"),
    ],
)
def test_documents_carry_every_text_in_full_where_the_terminal_cuts_it(
    run: RunCli, tmp_path: Path, command: tuple[str, ...], format: str
) -> None:
    more = NO_CHARTS if command[0] == "report" else ()
    text = paper(run, tmp_path, *command, FIXTURE, *AS_OF, "-f", format, *more)
    assert LONG in text
    assert "…" not in text
    if command[0] != "report":  # the report has no terminal form
        screen = run(*command, FIXTURE, *AS_OF).stdout
        assert "…" in screen  # the table of actions cuts 1.2's text (show then gives it whole)
