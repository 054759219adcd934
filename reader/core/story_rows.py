"""A row of the story list (StorySummary) from a story's stored columns.

Apart from reader.core.stories, and with no SQLAlchemy, so that the list's first page can be
read at start-up before SQLAlchemy loads (reader.core.first_page) and still be made exactly as
every later page is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Protocol

from reader.core.articles.rule import wants_full_text
from reader.core.types import StorySummary

# What the list needs of the feed's text to tell a teaser (wants_full_text): all of a short text,
# only the end of a long one, where a "read more" link would be (no 80 words fit in fewer chars).
# The text is stored compressed (0009), so SQL cannot cut it: the list reads it whole and cuts it here.
TEASER_CHARS = 1500


class SummaryRow(Protocol):
    """A row with these columns as attributes (an SQLAlchemy Row of stories._summary_columns, first_page's _Row)."""

    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def source_id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def is_sample(self) -> Any: ...
    @property
    def published_at(self) -> dt.datetime: ...
    @property
    def summary(self) -> str | None: ...
    @property
    def read_at(self) -> object: ...  # None: unread
    @property
    def is_bookmarked(self) -> Any: ...
    @property
    def has_full(self) -> Any: ...
    @property
    def content_text(self) -> str | None: ...


def feed_text(content_text: str | None) -> str:
    text = content_text or ""
    return text if len(text) < TEASER_CHARS else text[-60:]


def summary_of(
    r: SummaryRow,
    countries: Mapping[int, tuple[str, ...]],
    sections: Mapping[int, tuple[str, ...]],
    mentioned: Mapping[int, tuple[str, ...]],
    snippet: str | None,  # HTML: the passage with the matches marked
) -> StorySummary:
    return StorySummary(
        id=r.id,
        title=r.title,
        url=r.url,
        source_id=r.source_id,
        source_name=r.name,
        is_sample=bool(r.is_sample),
        published_at=r.published_at,
        summary=r.summary,
        countries=countries.get(r.id, ()),
        sections=sections.get(r.id, ()),
        is_read=r.read_at is not None,
        is_bookmarked=bool(r.is_bookmarked),
        snippet=snippet,
        mentioned_countries=mentioned.get(r.id, ()),
        # Our bundled samples are whole stories, never fetched (reader.core.articles skips them).
        summary_only=not r.is_sample
        and not r.has_full
        and wants_full_text(feed_text(r.content_text) or r.summary or ""),
    )
