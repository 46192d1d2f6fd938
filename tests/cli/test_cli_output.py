"""`render(view, format, output)`: the one dispatch every report command goes through."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from actionplan.cli.output import render
from actionplan.output.formats import Format
from actionplan.output.render import render_text
from actionplan.views.document import (
    Block,
    Column,
    Field,
    Heading,
    Lines,
    Records,
    Rows,
    Table,
    View,
)

TABLE = Table([Column("Rec"), Column("Cost", align="right")], [["1", "£5,000"]])


def view(
    *,
    document_blocks: Callable[[], Sequence[Block]] | None = None,
    nothing_to_show: str | None = None,
    page_title: str | None = None,
) -> View:
    return View(
        blocks=lambda: [Heading("Costs_1"), TABLE, Lines(["Total £5,000."], attached=True)],
        csv=lambda: Rows(["Rec", "Cost"], [["1", "£5,000"], ["=2", "£1"]]),
        json=lambda: {"total": "5000.00"},
        document_blocks=document_blocks,
        nothing_to_show=nothing_to_show,
        page_title=page_title,
    )


def test_each_format_from_one_view() -> None:
    assert render_text(view(), Format.TABLE) == (
        "Costs_1\n"
        "\n"
        "+-----+--------+\n"
        "| Rec |   Cost |\n"
        "+-----+--------+\n"
        "| 1   | £5,000 |\n"
        "+-----+--------+\n"
        "Total £5,000.\n"
    )
    assert render_text(view(), Format.MARKDOWN) == (
        "## Costs\\_1\n\n| Rec   |   Cost |\n|-------|--------|\n| 1     | £5,000 |\n\n"
        "Total £5,000.\n"
    )
    assert "\n<main>\n<h1>Costs_1</h1>\n<table>\n" in render_text(view(), Format.HTML)
    assert render_text(view(), Format.CSV) == 'Rec,Cost\n1,"£5,000"\n\'=2,£1\n'
    assert render_text(view(), Format.JSON) == '{\n  "total": "5000.00"\n}\n'


def test_records_are_written_with_their_field_list() -> None:
    records = Records([Field("n", lambda n: n), Field("twice", lambda n: 2 * n)], [1, 2])
    assert render_text(View(blocks=list, csv=lambda: records), Format.CSV) == "n,twice\n1,2\n2,4\n"


def test_an_empty_report_says_so_but_csv_and_json_stay_documents() -> None:
    empty = view(nothing_to_show="No actions match.")
    for format in (Format.TABLE, Format.MARKDOWN):
        assert render_text(empty, format) == "No actions match.\n"
    page = render_text(empty, Format.HTML)
    assert "<title>No actions match.</title>" in page
    assert "<main>\n<h1>No actions match.</h1>\n<p>No actions match.</p>\n</main>" in page
    assert render_text(empty, Format.JSON) == '{\n  "total": "5000.00"\n}\n'


def test_a_page_title_makes_html_a_whole_page_and_document_blocks_are_for_documents() -> None:
    page = view(page_title="Board <report>", document_blocks=lambda: [Lines(["one line"])])
    html = render_text(page, Format.HTML)
    assert html.startswith("<!DOCTYPE html>")
    assert "<title>Board &lt;report&gt;</title>" in html
    assert "<main>\n<h1>Board &lt;report&gt;</h1>\n<p>one line</p>\n</main>" in html
    # Markdown opens with the title as its one `#` heading, as the page has its h1.
    assert render_text(page, Format.MARKDOWN) == "# Board \\<report\\>\n\none line\n"
    assert render_text(page, Format.TABLE).startswith("Costs_1\n")


def test_output_goes_through_the_one_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "costs.md"
    render(view(), Format.MARKDOWN, target)
    assert target.read_text(encoding="utf-8") == render_text(view(), Format.MARKDOWN)
    assert capsys.readouterr() == ("", f"wrote {target}\n")
