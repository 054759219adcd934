"""Exports of stories to Markdown, HTML, PDF, EPUB, JSON and CSV.

Every format names the source, links the original story and carries the story's currency
context (the amounts of money it states, with their dollar values) where it has any. Stories
are read one keyset chunk at a time (Library.iter_stories), so a large export never holds the
whole cache; files are written to a temporary name and renamed at the end (safe_write).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.bookmarks import BookmarkInfo
from reader.core.errors import ReaderError
from reader.core.types import MoneyContext, Story, StoryQuery

if TYPE_CHECKING:
    from reader.core.library import Library

# (done, total) after each story; return False to stop the export (nothing is written then).
Progress = Callable[[int, int], bool | None]


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


class ExportError(ReaderError):
    """An export that cannot be done as asked (nothing to export, a cancelled run...)."""


class ExportCancelled(ExportError):
    def __init__(self) -> None:
        super().__init__("Export cancelled; nothing was written")


@dataclass(frozen=True)
class ExportScope:
    """Which stories: these ids (in this order), or every story matching the query."""

    story_ids: tuple[int, ...] = ()
    query: StoryQuery | None = None

    @staticmethod
    def bookmarks() -> ExportScope:
        return ExportScope(query=StoryQuery(bookmarked_only=True))

    def describe(self) -> str:
        if self.story_ids:
            return f"{len(self.story_ids)} selected stor{'y' if len(self.story_ids) == 1 else 'ies'}"
        return "all bookmarks" if self.query == StoryQuery(bookmarked_only=True) else "the filtered stories"


@dataclass(frozen=True)
class ExportStory:
    """One story with everything an export shows beside it."""

    story: Story
    feed_url: str | None
    bookmark: BookmarkInfo | None
    money: tuple[MoneyContext, ...]
    images: dict[str, Path] = field(default_factory=dict)  # image URL -> cached file

    @property
    def image_urls(self) -> list[str]:
        urls = image_urls(self.story.content_html)
        if self.story.image_url and self.story.image_url not in urls:
            urls.insert(0, self.story.image_url)
        return urls


@dataclass(frozen=True)
class ExportResult:
    path: Path
    format: ExportFormat
    count: int


_IMG_SRC = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def image_urls(html: str) -> list[str]:
    seen: list[str] = []
    for url in _IMG_SRC.findall(html):
        url = url.replace("&amp;", "&")
        if url not in seen:
            seen.append(url)
    return seen


def count_scope(library: Library, scope: ExportScope) -> int:
    if scope.story_ids:
        return len(scope.story_ids)
    return library.count_stories(scope.query or StoryQuery())


def iter_scope(library: Library, scope: ExportScope) -> Iterator[ExportStory]:
    """The scope's stories, each loaded whole, one at a time."""
    feeds = {s.id: s.feed_url for s in library.sources()}
    bookmarks = {b.story_id: b for b in library.bookmarks.find()}
    if scope.story_ids:
        ids: Iterator[int] = iter(scope.story_ids)
    else:
        ids = (s.id for s in library.iter_stories(scope.query or StoryQuery()))
    cache = library.images
    for story_id in ids:
        story = library.story(story_id)
        item = ExportStory(
            story=story,
            feed_url=feeds.get(story.source_id),
            bookmark=bookmarks.get(story_id),
            money=tuple(library.money_in(story)),
        )
        for url in item.image_urls:
            path = cache.get(url)
            if path is not None:
                item.images[url] = path
        yield item


def export_stories(
    library: Library,
    fmt: ExportFormat,
    path: Path,
    scope: ExportScope,
    force: bool = False,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the scope's stories to `path` in `fmt`; `progress` may cancel."""
    total = count_scope(library, scope)
    if total == 0:
        raise ExportError("Nothing to export: no story matches")
    done = 0

    def items() -> Iterator[ExportStory]:
        nonlocal done
        for item in iter_scope(library, scope):
            yield item
            done += 1
            if progress is not None and progress(done, total) is False:
                raise ExportCancelled()

    writer = _writer(fmt)
    writer(items(), path, force, total)
    return ExportResult(path=path, format=fmt, count=done)


def _writer(fmt: ExportFormat) -> Callable[[Iterator[ExportStory], Path, bool, int], None]:
    # Imported on use: PDF needs QtGui, and no writer is wanted at start-up.
    if fmt is ExportFormat.MARKDOWN:
        from reader.core.export.markdown import write_markdown

        return write_markdown
    if fmt is ExportFormat.HTML:
        from reader.core.export.html import write_html

        return write_html
    if fmt is ExportFormat.PDF:
        from reader.core.export.pdf import write_pdf

        return write_pdf
    if fmt is ExportFormat.EPUB:
        from reader.core.export.epub import write_epub

        return write_epub
    if fmt is ExportFormat.JSON:
        from reader.core.export.jsonfmt import write_json

        return write_json
    from reader.core.export.csvfmt import write_csv

    return write_csv


def iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def usd(amount: float | None) -> str:
    """$38.1 million, $2.4 billion, $950"""
    if amount is None:
        return "no rate stored"
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(amount) >= size:
            return f"${amount / size:,.1f} {word}"
    return f"${amount:,.0f}"


def money_lines(item: ExportStory) -> list[str]:
    """One plain line per amount: '20.6 billion tenge ≈ $43.1 million at the time (KZT; $40.0 million
    today; publisher: about $38 million)'; a misread amount shows the publisher's figure only."""
    lines = []
    for m in item.money:
        publisher = f"publisher: {m.publisher_text}" if m.publisher_text else None
        if m.misread:
            lines.append(f"{m.label} ({m.currency}; {publisher})")
            continue
        text = f"{m.label} ≈ {usd(m.usd_at_published)} at the time"
        extra = [m.currency]
        if m.usd_today is not None:
            extra.append(f"{usd(m.usd_today)} today")
        if publisher:
            extra.append(publisher)
        lines.append(f"{text} ({'; '.join(extra)})")
    return lines


def metadata_pairs(item: ExportStory) -> list[tuple[str, str]]:
    """What every format shows above a story, as (label, text) pairs."""
    s = item.story
    pairs = [("Source", s.source_name), ("Published", s.published_at.strftime("%Y-%m-%d %H:%M UTC"))]
    if s.author:
        pairs.append(("Author", s.author))
    if s.url:
        pairs.append(("Original", s.url))
    if s.countries:
        pairs.append(("Countries", ", ".join(s.countries)))
    if s.mentioned_countries:
        pairs.append(("Also mentioned", ", ".join(s.mentioned_countries)))
    if s.sections:
        pairs.append(("Sections", ", ".join(s.sections)))
    if item.bookmark is not None:
        if item.bookmark.note:
            pairs.append(("Note", item.bookmark.note))
        if item.bookmark.tags:
            pairs.append(("Tags", ", ".join(item.bookmark.tags)))
    if s.is_sample:
        pairs.append(("Sample", "written for Steppe Reader from public facts — not a news report"))
    return pairs


def default_file_name(scope: ExportScope, fmt: ExportFormat, first_title: str | None = None) -> str:
    from reader.core.safe_write import safe_filename

    if len(scope.story_ids) == 1 and first_title:
        return safe_filename(first_title, fmt.suffix)
    stem = "steppe-bookmarks" if scope == ExportScope.bookmarks() else "steppe-stories"
    return f"{stem}-{dt.date.today().isoformat()}{fmt.suffix}"


__all__: Sequence[str] = (
    "ExportCancelled",
    "ExportError",
    "ExportFormat",
    "ExportResult",
    "ExportScope",
    "ExportStory",
    "count_scope",
    "export_stories",
    "iter_scope",
)
