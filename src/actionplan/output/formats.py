"""The formats a report is written in: a module of its own, so the options that name them cost
no table code at start-up (`lint` parses them without drawing anything)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    JSON = "json"


class PaperFormat(StrEnum):
    """`Format` and Word (`docx`), for the commands that also write a Word paper."""

    TABLE = "table"
    MARKDOWN = "markdown"
    HTML = "html"
    CSV = "csv"
    JSON = "json"
    DOCX = "docx"

    @property
    def published(self) -> bool:
        """A paper to publish (Markdown, HTML, Word), not working data (table, CSV, JSON)."""
        return self in (PaperFormat.MARKDOWN, PaperFormat.HTML, PaperFormat.DOCX)


class DateStyle(StrEnum):
    """How a document (Markdown, HTML, Word) writes dates: in words (`29 February 2020`, as
    board papers do) or in ISO 8601 (`2020-02-29`). CSV and JSON are always ISO 8601."""

    WORDS = "words"
    ISO = "iso"
