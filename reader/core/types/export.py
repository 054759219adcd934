"""Exports: which stories, in which format, and what was written."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

from reader.core.types.stories import StoryQuery


class ExportFormat(enum.Enum):
    MARKDOWN = "md"
    HTML = "html"
    PDF = "pdf"
    EPUB = "epub"
    JSON = "json"
    CSV = "csv"

    @property
    def suffix(self) -> str:
        return "." + self.value

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    ExportFormat.MARKDOWN: "Markdown (CommonMark)",
    ExportFormat.HTML: "HTML (one self-contained file)",
    ExportFormat.PDF: "PDF",
    ExportFormat.EPUB: "EPUB 3 e-book",
    ExportFormat.JSON: "JSON",
    ExportFormat.CSV: "CSV (metadata)",
}


@dataclass(frozen=True)
class ExportScope:
    """Which stories: these ids (in this order), or every story matching the query."""

    story_ids: tuple[int, ...] = ()
    query: StoryQuery | None = None

    @staticmethod
    def bookmarks() -> ExportScope:
        return ExportScope(query=StoryQuery(bookmarked_only=True))

    def file_name(self, fmt: ExportFormat, first_title: str | None = None) -> str:
        """The name an export of this scope is offered under: a single story's title, else
        steppe-bookmarks-DATE or steppe-stories-DATE."""
        from reader.core.safe_write import safe_filename

        if len(self.story_ids) == 1 and first_title:
            return safe_filename(first_title, fmt.suffix)
        stem = "steppe-bookmarks" if self == ExportScope.bookmarks() else "steppe-stories"
        return f"{stem}-{dt.date.today().isoformat()}{fmt.suffix}"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: ExportFormat
    count: int
