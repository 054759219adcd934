"""Bookmarks and saved searches: frozen values handed out by the Library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reader.core.types.changes import Changes
from reader.core.types.stories import StoryQuery


@dataclass(frozen=True)
class BookmarkInfo:
    """A bookmark with what the Bookmarks view shows of its story."""

    story_id: int
    title: str
    url: str | None
    source_name: str
    published_at: dt.datetime
    created_at: dt.datetime
    note: str | None
    tags: tuple[str, ...]
    is_read: bool


@dataclass(frozen=True)
class ImportReport:
    added: int = 0  # new bookmarks on stories already in the cache
    merged: int = 0  # already bookmarked: note kept, tags joined
    stories_created: int = 0  # the story was not in this cache; it came with the bookmark
    skipped: int = 0  # entries without enough to find or rebuild a story
    changes: Changes = field(default_factory=Changes)

    @property
    def total(self) -> int:
        return self.added + self.merged + self.stories_created


@dataclass(frozen=True)
class SavedSearch:
    """A named StoryQuery, with its unread and total counts when asked for."""

    id: int
    name: str
    query: StoryQuery
    unread_count: int = 0
    total_count: int = 0
