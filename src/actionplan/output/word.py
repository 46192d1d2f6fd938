"""A view's blocks as a Word document (.docx), with python-docx: a board paper an officer can
paste into the committee template or attach as an appendix.

Headings are Word's own heading styles, in order (the title Heading 1, sections Heading 2, a
table's title one level below the heading it sits under); tables are real tables whose header
row repeats on every page and whose rows do not split across pages; a RAG cell keeps its word
and is shaded (GOV.UK tag colours, each pair 4.5:1 or better); amounts are right-aligned; dates
are in words. The page is A4 landscape, so the status table has the width it needs, and the
document's title and language (en-GB) are set in its properties.

python-docx (and lxml under it) is imported here only, and this module only when a command
writes Word, so no other command pays for it at start-up.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from actionplan.output.escape import word_cell_line, word_line
from actionplan.output.formats import DateStyle
from actionplan.output.render import RAG_CELL, document_blocks, document_text
from actionplan.views.document import Block, Column, Figure, Heading, Lines, Table

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

LANGUAGE = "en-GB"

# Shading and text colour per RAG word: the same pairs as the HTML page.
RAG_COLOURS = {
    "red": ("F4CDC6", "2A0B06"),
    "amber": ("FCD6C3", "6E3619"),
    "green": ("CCE2D8", "005A30"),
    "complete": ("BBD4EA", "0C2D4A"),
    "dropped": ("E5E6E7", "282D30"),
}


def blocks_to_docx(
    title: str, blocks: Sequence[Block], date_style: DateStyle = DateStyle.WORDS
) -> bytes:
    """The blocks as a .docx file's bytes, titled `title` (its first heading, or its first
    table's title, when that reads the same is not repeated); dates in words unless
    `date_style` is ISO."""
    from docx import Document as new_document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    title = document_text(title, date_style)
    blocks = document_blocks(blocks, date_style)
    document = new_document()
    properties = document.core_properties
    properties.title = title
    properties.language = LANGUAGE
    properties.author = "actionplan"
    _set_language(document)
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))

    document.add_heading(word_line(title), level=1)
    level = 1  # of the last heading written
    drawn = [block for block in blocks if not (isinstance(block, Lines) and not block.lines)]
    for index, block in enumerate(drawn):
        if isinstance(block, Figure):
            _add_figure(document, block, level=min(level + 1, 3))
        elif isinstance(block, Heading):
            if index == 0 and block.text == title:
                continue
            document.add_heading(word_line(block.text), level=2)
            level = 2
        elif isinstance(block, Lines):
            style = "List Bullet" if block.bullets else None
            for line in block.lines:
                document.add_paragraph(word_line(line), style=style)
        else:
            if block.title and not (index == 0 and block.title == title):
                document.add_heading(word_line(block.title), level=min(level + 1, 3))
            _add_table(document, block)
            if block.caption:
                document.add_paragraph(word_line(block.caption))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# A chart's picture on the page: most of the A4 landscape text width, so its labels stay legible.
CHART_WIDTH_MM = 200


def _add_figure(document: Document, figure: Figure, level: int) -> None:
    """A chart: its title as a heading, its text alternative, the picture (a PNG whose alt
    text, `descr` and `title`, is that text and title) and its table of figures. Without
    matplotlib (the `charts` extra) the picture is left out; the words and table stay."""
    from docx.shared import Mm

    title = word_line(figure.chart.title)
    summary = word_line(figure.chart.summary)
    document.add_heading(title, level=level)
    document.add_paragraph(summary).paragraph_format.keep_with_next = True  # with its picture
    try:
        from actionplan.charts.png import to_png

        picture = to_png(figure.chart)
    except ImportError:
        picture = None
    if picture is not None:
        shape = document.add_picture(io.BytesIO(picture), width=Mm(CHART_WIDTH_MM))
        properties = shape._inline.docPr
        properties.set("descr", summary)
        properties.set("title", title)
    _add_table(document, figure.table)
    if figure.table.caption:
        document.add_paragraph(word_line(figure.table.caption))


def _set_language(document: Document) -> None:
    """en-GB on the document's default run properties, so Word checks British spelling."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    run = defaults.find(qn("w:rPrDefault"))
    properties = run.find(qn("w:rPr")) if run is not None else None
    if properties is None:
        return
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    lang.set(qn("w:val"), LANGUAGE)


def _add_table(document: Document, table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word_table = document.add_table(rows=1, cols=len(table.columns))
    word_table.style = "Table Grid"
    word_table.autofit = False
    header = word_table.rows[0]
    row_properties = header._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):  # repeat on each page; never split
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        row_properties.append(element)
    for cell, column in zip(header.cells, table.columns, strict=True):
        _write_cell(cell, column.header, right=column.align == "right", bold=True)
        _shade(cell, "F3F2F1")
    for footer, row in [(False, r) for r in table.rows] + [(True, r) for r in table.footer]:
        word_row = word_table.add_row()
        cant_split = OxmlElement("w:cantSplit")
        cant_split.set(qn("w:val"), "true")
        word_row._tr.get_or_add_trPr().append(cant_split)
        for cell, column, text in zip(word_row.cells, table.columns, row, strict=True):
            rag = RAG_CELL.match(text)
            colours = RAG_COLOURS.get(rag.group(1).lower()) if rag else None
            _write_cell(
                cell,
                text,
                right=column.align == "right",
                bold=footer or colours is not None,
                colour=colours[1] if colours else None,
            )
            if colours:
                _shade(cell, colours[0])
    for column, width in zip(word_table.columns, _widths(table), strict=True):
        column.width = width  # the table's grid, which LibreOffice follows; Word, each cell's
        for cell in column.cells:
            cell.width = width


# The width of an A4 landscape page inside its margins, shared among a table's columns.
TEXT_WIDTH_MM = 297 - 2 * 15


def _widths(table: Table) -> list[int]:
    """Each column's width (EMU): first its longest word (so ids, dates and RAG words stay
    whole; in a column that does not wrap, its longest line), then the rest of the page shared
    in proportion to how much more its longest cell wants, up to the characters a line of it
    should hold (`_wanted_characters`)."""
    from docx.shared import Mm

    floors, wanted = [], []
    for index, column in enumerate(table.columns):
        cells = [column.header, *(row[index] for row in [*table.rows, *table.footer])]
        lines = [line for cell in cells for line in cell.splitlines()] or [""]
        widest_word = max((word_mm(word) for line in lines for word in line.split()), default=0)
        if column.no_wrap:  # a date or a status word stays on one line (its header may not)
            body = [line for cell in cells[1:] for line in cell.splitlines()]
            widest_word = max([widest_word, *map(word_mm, body)])
        floors.append(max(widest_word, _MIN_WORD_MM) + _CELL_PADDING_MM)
        longest = min(max(len(line) for line in lines), _wanted_characters(column))
        wanted.append(max(_MM_PER_CHARACTER * longest + _CELL_PADDING_MM, floors[-1]))
    spare = TEXT_WIDTH_MM - sum(floors)
    if spare <= 0:  # more columns than the page holds whole: narrow them all alike
        return [int(Mm(floor * TEXT_WIDTH_MM / sum(floors))) for floor in floors]
    extra = [want - floor for want, floor in zip(wanted, floors, strict=True)]
    share = min(1.0, spare / sum(extra)) if sum(extra) else 0.0
    widths = [floor + e * share for floor, e in zip(floors, extra, strict=True)]
    return [int(Mm(width * TEXT_WIDTH_MM / sum(widths))) for width in widths]


def _wanted_characters(column: Column) -> int:
    """How many characters a line of the column should hold at most: the table's main column
    (an action's text) 100, so it is not squeezed to make room for its neighbours; another, the
    width the terminal gives it but at least 24 (a revised target's words), else 60."""
    if column.min_width:
        return 100
    return max(column.max_width or 60, 24)


# Arial at 10 pt (and Liberation Sans, its metric twin in LibreOffice) averages about 2 mm a
# character; a word must fit whole, so its width is reckoned from the widest of each kind, bold
# (a header, a RAG word): a capital 2.6 mm (GREEN is 12.5 mm), anything else 2.1 mm
# (Recommendation, bold, is 29.6 mm). A cell's padding and border take 5 mm (LibreOffice pads
# more than Word).
_MM_PER_CHARACTER = 2.0
_MM_PER_CAPITAL = 2.6
_MM_PER_OTHER = 2.1
_MIN_WORD_MM = 4 * _MM_PER_OTHER
_CELL_PADDING_MM = 5.0


def word_mm(word: str) -> float:
    """How wide a word may be, bold, in a cell (mm): enough for it never to be split."""
    return sum(_MM_PER_CAPITAL if char.isupper() else _MM_PER_OTHER for char in word)


def _write_cell(
    cell: _Cell, text: str, *, right: bool, bold: bool, colour: str | None = None
) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    paragraph = cell.paragraphs[0]
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for index, line in enumerate(text.split("\n")):
        if index:  # a line break in the cell's text stays one
            paragraph.add_run().add_break()
        run = paragraph.add_run(word_cell_line(line))
        run.bold = bold
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour)


def _shade(cell: _Cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)
