"""Stories, queries and the cache's state: frozen values handed out by the Library."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.core.types.rates import MoneyContext
from reader.core.types.sync import SourceStatus
from reader.core.types.words import plural

# The five countries the reader follows: (ISO 3166 code, name, currency).
COUNTRIES = (
    ("KZ", "Kazakhstan", "KZT"),
    ("KG", "Kyrgyzstan", "KGS"),
    ("TJ", "Tajikistan", "TJS"),
    ("TM", "Turkmenistan", "TMT"),
    ("UZ", "Uzbekistan", "UZS"),
)


class SortOrder(enum.Enum):
    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"  # only meaningful with a search text; falls back to NEWEST

    @property
    def label(self) -> str:
        return {"newest": "Newest first", "oldest": "Oldest first", "relevance": "Best match"}[self.value]


@dataclass(frozen=True)
class StoryQuery:
    """The list's filters. Empty tuples mean "any"; values within one filter are alternatives."""

    text: str = ""
    countries: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()  # section slugs
    sources: tuple[int, ...] = ()  # source ids
    since: dt.date | None = None  # inclusive, by the story's UTC date
    until: dt.date | None = None  # inclusive
    unread_only: bool = False
    bookmarked_only: bool = False
    sort: SortOrder | None = None  # None: the default order, see effective_sort

    @property
    def effective_sort(self) -> SortOrder:
        """The one rule for the order: best match first when searching, else newest first; a
        chosen order is kept, except "best match" with nothing to match."""
        searching = bool(self.text.strip())
        if self.sort is None:
            return SortOrder.RELEVANCE if searching else SortOrder.NEWEST
        if self.sort is SortOrder.RELEVANCE and not searching:
            return SortOrder.NEWEST
        return self.sort

    def to_dict(self) -> dict[str, Any]:
        """Every field as JSON values: how saved searches store it and `views --json` prints it."""
        return {
            "text": self.text,
            "countries": list(self.countries),
            "sections": list(self.sections),
            "sources": list(self.sources),
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "unread_only": self.unread_only,
            "bookmarked_only": self.bookmarked_only,
            "sort": self.sort.value if self.sort is not None else None,  # null: the default order
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryQuery:
        """The query to_dict() wrote; fields a later version added are ignored."""

        def day(value: Any) -> dt.date | None:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None

        try:
            sort = SortOrder(data["sort"]) if data.get("sort") is not None else None
        except ValueError:
            sort = None  # an order a later version added: the default
        return cls(
            text=str(data.get("text", "")),
            countries=tuple(str(c) for c in data.get("countries", ())),
            sections=tuple(str(s) for s in data.get("sections", ())),
            sources=tuple(int(s) for s in data.get("sources", ())),
            since=day(data.get("since")),
            until=day(data.get("until")),
            unread_only=bool(data.get("unread_only", False)),
            bookmarked_only=bool(data.get("bookmarked_only", False)),
            sort=sort,
        )


@dataclass(frozen=True)
class Cursor:
    """Where a keyset page ended: the sort key of its last row."""

    key: float | int | dt.datetime  # bm25 rank, a search index docid, or published_at
    story_id: int


@dataclass(frozen=True)
class StorySummary:
    """A row of the story list."""

    id: int
    title: str
    url: str | None
    source_id: int
    source_name: str
    is_sample: bool
    published_at: dt.datetime
    summary: str | None
    countries: tuple[str, ...]  # primary: what the story is about (the list, the filter)
    sections: tuple[str, ...]
    is_read: bool
    is_bookmarked: bool
    snippet: str | None = None  # with a search: the best passage, matches wrapped in <b></b>
    mentioned_countries: tuple[str, ...] = ()  # named in the story, but not what it is about
    # The feed sent a teaser (the "automatic" rule of reader.core.articles) and no full article
    # is kept: the list marks the row.
    summary_only: bool = False


@dataclass(frozen=True)
class StoryCount:
    """How many stories a query matches; `estimated` for a search with very many matches."""

    value: int
    estimated: bool = False


@dataclass(frozen=True)
class StoryPage:
    stories: tuple[StorySummary, ...]
    next_cursor: Cursor | None  # None: this was the last page
    # By relevance with very many matches, only the newest N were ranked (reader.core.search.engine).
    ranked_among: int | None = None


@dataclass(frozen=True)
class Story:
    """A whole story, for the article pane and `steppe show`."""

    id: int
    guid: str
    title: str
    url: str | None
    author: str | None
    source_id: int
    source_name: str
    source_site_url: str | None
    is_sample: bool
    published_at: dt.datetime
    updated_at: dt.datetime | None
    summary: str | None
    content_html: str
    content_text: str
    image_url: str | None
    language: str | None
    countries: tuple[str, ...]  # primary: what the story is about
    sections: tuple[str, ...]
    is_read: bool
    is_bookmarked: bool
    bookmark_note: str | None
    mentioned_countries: tuple[str, ...] = ()  # "Also mentioned" in the article
    # The story's article page, fetched (reader.core.articles): its sanitised HTML and text when
    # it was extracted, else why not (`full_note`); the feed's own text stays in content_*.
    full_html: str | None = None
    full_text: str | None = None
    full_author: str | None = None
    full_note: str | None = None
    full_fetched_at: dt.datetime | None = None
    summary_only: bool = False  # a teaser by the "automatic" rule, with no full article kept

    @property
    def body_text(self) -> str:
        """The whole story's text: the full article's when there is one, else the feed's."""
        return self.full_text or self.content_text


@dataclass(frozen=True)
class Facet:
    """A value to filter by, with how many stories carry it."""

    key: str
    name: str
    count: int


@dataclass(frozen=True)
class DataState:
    """What the cache holds, for the status bar."""

    story_count: int
    unread_count: int
    bookmark_count: int
    sample_story_count: int
    rates_as_of: dt.date | None

    def counts_text(self) -> str:
        """ "120 stories · 30 unread · 1 bookmarked": the status bar's and `steppe status`'s."""
        parts = [
            plural(self.story_count, "story", "stories"),
            f"{self.unread_count:,} unread",
            f"{self.bookmark_count:,} bookmarked",
        ]
        if self.sample_story_count:
            parts.append(f"sample data: {plural(self.sample_story_count, 'sample story', 'sample stories')}")
        return " · ".join(parts)


@dataclass(frozen=True)
class Article:
    """A story as the article pane and `steppe show` present it, read in one trip: the story,
    the amounts of money it states (valued in dollars), its HTML and its cached images."""

    story: Story
    money: tuple[MoneyContext, ...]
    html: str
    images: dict[str, Path] = field(default_factory=dict)  # image URL -> file in the offline cache
    # With a full article, `html` shows it and this is the feed's version, for the pane's
    # "Feed version / Full article" toggle; None when there is only the feed's.
    feed_html: str | None = None


@dataclass(frozen=True)
class Facets:
    """The values the list can be filtered by, each with how many stories carry it."""

    countries: tuple[Facet, ...]
    sections: tuple[Facet, ...]
    sources: tuple[SourceStatus, ...]


def count_line(shown: int, total: int, *, estimated: bool = False, ranked_among: int | None = None) -> str:
    """The list's count line, in the window and on the command line alike: "about" for a search
    whose count is estimated, and which matches were ranked when there were too many to rank at
    once (reader.core.search.engine)."""
    if not total:
        return "No stories match"
    about = "about " if estimated else ""
    line = f"Showing 1–{shown} of {about}{total:,} {'story' if total == 1 else 'stories'}"
    if ranked_among:
        line += f" · best matches among the newest {ranked_among:,}"
    return line


@dataclass(frozen=True)
class IndexStatus:
    """How far the search index is built (reader.core.search): `indexed` of `total` stories."""

    indexed: int
    total: int
    complete: bool

    @property
    def percent(self) -> int:
        return 100 if self.total == 0 else min(100, self.indexed * 100 // self.total)


@dataclass(frozen=True)
class RetagProgress:
    """Where re-tagging the stories' countries stands: `done` of `total`, `finished` when all are."""

    done: int
    total: int
    finished: bool
