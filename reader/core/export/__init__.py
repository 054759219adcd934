"""Exports of stories to Markdown, HTML, PDF, EPUB, JSON and CSV.

Every format names the source, links the original story and carries the story's currency
context (the amounts of money it states, with their dollar values) where it has any. Stories
are read one keyset chunk at a time (Library.iter_stories), so a large export never holds the
whole cache; files are written to a temporary name and renamed at the end (safe_write).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError
from reader.core.html import image_urls
from reader.core.story_html import metadata_pairs as story_metadata
from reader.core.story_html import money_lines as story_money_lines
from reader.core.text import web_url
from reader.core.types import (
    BookmarkInfo,
    ExportFormat,
    ExportResult,
    ExportScope,
    MoneyContext,
    Story,
    StoryQuery,
)

if TYPE_CHECKING:
    from reader.core.bookmarks import Bookmarks
    from reader.core.images import ImageCache
    from reader.core.rates import Rates
    from reader.core.stories import Stories
    from reader.core.sync.sources import Sources

# (done, total) after each story; return False to stop the export (nothing is written then).
Progress = Callable[[int, int], bool | None]


class ExportError(ReaderError):
    """An export that cannot be done as asked (nothing to export, a cancelled run...)."""


class ExportCancelled(ExportError):
    def __init__(self) -> None:
        super().__init__("Export cancelled; nothing was written")


def with_web_links(story: Story) -> Story:
    """`story` with its link, lead image and site address kept only when they are http(s): a
    cache written by an older version may hold a `javascript:` or `file:` link, and no export
    may turn it into something to click."""
    url, image, site = web_url(story.url), web_url(story.image_url), web_url(story.source_site_url)
    if (url, image, site) == (story.url, story.image_url, story.source_site_url):
        return story
    return dataclasses.replace(story, url=url, image_url=image, source_site_url=site)


@dataclass(frozen=True)
class ExportStory:
    """One story with everything an export shows beside it. Its links are filtered here, where
    every format's stories come from (`with_web_links`)."""

    story: Story
    feed_url: str | None
    bookmark: BookmarkInfo | None
    money: tuple[MoneyContext, ...]
    images: dict[str, Path] = field(default_factory=dict)  # image URL -> cached file

    def __post_init__(self) -> None:
        object.__setattr__(self, "story", with_web_links(self.story))

    @property
    def image_urls(self) -> list[str]:
        urls = image_urls(self.story.content_html)
        if self.story.image_url and self.story.image_url not in urls:
            urls.insert(0, self.story.image_url)
        return urls


def money_lines(item: ExportStory) -> list[str]:
    return story_money_lines(item.money)


def metadata_pairs(item: ExportStory) -> list[tuple[str, str]]:
    return story_metadata(item.story, item.bookmark)


class Exporter:
    """The export part of the Library: stories read one keyset chunk at a time, written by the
    format's writer to a temporary name and renamed at the end."""

    def __init__(
        self, stories: Stories, bookmarks: Bookmarks, sources: Sources, rates: Rates, images: ImageCache
    ) -> None:
        self._stories = stories
        self._bookmarks = bookmarks
        self._sources = sources
        self._rates = rates
        self._images = images

    def count(self, scope: ExportScope) -> int:
        if scope.story_ids:
            return len(scope.story_ids)
        return self._stories.count(scope.query or StoryQuery())

    def items(self, scope: ExportScope) -> Iterator[ExportStory]:
        """The scope's stories, each loaded whole, one at a time."""
        feeds = {s.id: s.feed_url for s in self._sources.list(include_sample=True)}
        bookmarks = {b.story_id: b for b in self._bookmarks.find()}
        if scope.story_ids:
            ids: Iterator[int] = iter(scope.story_ids)
        else:
            ids = (s.id for s in self._stories.iter(scope.query or StoryQuery()))
        for story_id in ids:
            story = self._stories.get(story_id)
            item = ExportStory(
                story=story,
                feed_url=feeds.get(story.source_id),
                bookmark=bookmarks.get(story_id),
                money=tuple(self._rates.money_in(story)),
            )
            for url in item.image_urls:
                path = self._images.get(url)
                if path is not None:
                    item.images[url] = path
            yield item

    @staticmethod
    def check_destination(path: Path, fmt: ExportFormat) -> tuple[Path, bool]:
        """`path` made absolute, and whether something is there to replace, if `fmt` can be
        written there; else a CannotWrite saying why (before any story is read)."""
        from reader.core.safe_write import check_target

        folder = fmt is ExportFormat.MARKDOWN and (path.suffix.lower() != ".md" or path.is_dir())
        checked = check_target(path, folder=folder, force=True)
        return checked, checked.exists()

    def run(
        self,
        fmt: ExportFormat,
        path: Path,
        scope: ExportScope,
        force: bool = False,
        progress: Progress | None = None,
    ) -> ExportResult:
        """Write the scope's stories to `path` in `fmt`; `progress` may cancel."""
        total = self.count(scope)
        if total == 0:
            raise ExportError("Nothing to export: no story matches")
        done = 0

        def items() -> Iterator[ExportStory]:
            nonlocal done
            for item in self.items(scope):
                yield item
                done += 1
                if progress is not None and progress(done, total) is False:
                    raise ExportCancelled()

        _writer(fmt)(items(), path, force, total)
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


__all__ = (
    "ExportCancelled",
    "ExportError",
    "ExportFormat",
    "ExportResult",
    "ExportScope",
    "ExportStory",
    "Exporter",
)
