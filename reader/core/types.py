"""Frozen values handed out by the Library: never live ORM rows."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field


class SortOrder(enum.Enum):
    NEWEST = "newest"
    OLDEST = "oldest"
    RELEVANCE = "relevance"  # only meaningful with a search text; falls back to NEWEST


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
    sort: SortOrder = SortOrder.NEWEST

    @property
    def effective_sort(self) -> SortOrder:
        if self.sort is SortOrder.RELEVANCE and not self.text.strip():
            return SortOrder.NEWEST
        return self.sort


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


@dataclass(frozen=True)
class SourceInfo:
    id: int
    name: str
    feed_url: str
    site_url: str | None
    kind: str
    enabled: bool
    is_sample: bool
    story_count: int


@dataclass(frozen=True)
class Facet:
    """A value to filter by, with how many stories carry it."""

    key: str
    name: str
    count: int


@dataclass(frozen=True)
class RateQuote:
    """The latest rate of a currency against the US dollar, with its change since the point before."""

    currency: str
    name: str
    units_per_usd: float
    as_of: dt.date
    provider: str
    previous_units_per_usd: float | None = None
    previous_as_of: dt.date | None = None

    @property
    def usd_per_unit(self) -> float:
        return 1.0 / self.units_per_usd

    @property
    def change_pct(self) -> float | None:
        """Change of the currency's dollar value (positive: the currency strengthened)."""
        if self.previous_units_per_usd is None:
            return None
        return (self.previous_units_per_usd / self.units_per_usd - 1.0) * 100.0


@dataclass(frozen=True)
class RateSeries:
    """A currency's history from one provider, oldest first."""

    currency: str
    provider: str
    dates: tuple[dt.date, ...] = field(default=())
    units_per_usd: tuple[float, ...] = field(default=())


@dataclass(frozen=True)
class DataState:
    """What the cache holds, for the status bar."""

    story_count: int
    unread_count: int
    bookmark_count: int
    source_count: int
    sample_story_count: int
    rates_as_of: dt.date | None
    last_sync_at: dt.datetime | None


@dataclass(frozen=True)
class MoneyContext:
    """An amount of money a story states, with its US-dollar value (rates issue).

    Where the story states its own dollar figure beside the amount ("(about $38 million)"),
    `publisher_usd` and `publisher_text` carry it. When ours and the publisher's differ by more
    than a factor of ten, the amount was misread: `misread` is set and our dollar values are
    withheld (None), so only the publisher's figure is shown."""

    text: str  # as written in the story, e.g. "20.6 billion tenge"
    currency: str  # ISO 4217
    amount: float  # in units of `currency`
    usd_at_published: float | None  # at the rate of the story's date, None if no rate is stored
    usd_today: float | None  # at the newest stored rate
    start: int = 0  # character offsets of `text` in the story's content_text
    end: int = 0
    publisher_usd: float | None = None  # the story's own dollar figure for this amount
    publisher_text: str | None = None  # as written, e.g. "about $38 million"
    misread: bool = False  # ours and the publisher's differ by more than 10×: ours is withheld
    range_text: str | None = None  # a range's two ends both carry it: "5 and 6 billion tenge"

    @property
    def label(self) -> str:
        """The amount as a reader should see it listed: a range's bare lower end gets its range."""
        if self.range_text and not any(c.isalpha() for c in self.text):
            return f"{self.text} (in “{self.range_text}”)"
        return self.text


@dataclass(frozen=True)
class Conversion:
    """An amount converted between two currencies through the US dollar (rates issue)."""

    amount: float
    from_currency: str
    to_currency: str
    result: float
    rate: float  # units of `to_currency` per unit of `from_currency`
    as_of: dt.date | None  # the older of the two rates' dates; None for USD to USD
