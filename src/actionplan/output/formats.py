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
