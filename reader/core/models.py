"""The SQLAlchemy schema, in SQLAlchemy Core: callers get frozen dataclasses, never rows.

Each table is a class whose attributes are its columns (`Story.id`, `Story.published_at`) and
whose `__table__` is the Table, so queries read as they did when these were ORM classes
(`select(Story.id)`, `insert(Story)`, `Story.__table__.c`). Nothing in Steppe used the ORM's
sessions or identity map; declaring the tables in Core spares every start of the command line
and the window the import of `sqlalchemy.orm` (about 0.06 s; issue 13)."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ColumnElement

from reader.core.compressed import Packed, compress, decompress

# Stable constraint names, so Alembic's batch migrations on SQLite can find them later.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stored as naive UTC text (sortable); always returned timezone-aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: Steppe stores UTC-aware datetimes only")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        return value.replace(tzinfo=dt.UTC)


class CompressedText(TypeDecorator[str]):
    """A TEXT column whose values are stored compressed (reader.core.compressed)."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if isinstance(value, Packed):
            return bytes(value)
        return None if value is None else compress(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else decompress(value)


metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Base:
    """Holds the schema's MetaData (Alembic's env.py reads `Base.metadata`)."""

    metadata: ClassVar[MetaData] = metadata


class _Table:
    """A table as a class: its columns as attributes, the Table itself as `__table__`."""

    __table__: ClassVar[Table]

    @classmethod
    def __clause_element__(cls) -> Table:
        return cls.__table__


# A story's countries (0005: with their role). "primary": what the story is about — the list,
# the filter and the facet counts use these; "mentioned": named, shown in the article, searched.
ROLE_PRIMARY, ROLE_MENTIONED = "primary", "mentioned"
story_country = Table(
    "story_country",
    metadata,
    Column("story_id", ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column("country_code", ForeignKey("country.code"), primary_key=True),
    Column("role", String(9), nullable=False, server_default=ROLE_PRIMARY),
    # Kept by triggers (0010), for counts from small indexes: `unread` is the story's
    # `read_at IS NULL` ("country + unread"); `shared` marks the primary rows of a story with
    # several primary countries (several countries count each story once).
    Column("unread", Boolean, nullable=False, server_default=text("1")),
    Column("shared", Boolean, nullable=False, server_default=text("0")),
    Index("ix_story_country_country_code_role", "country_code", "role", "story_id"),
    Index(
        "ix_story_country_unread",
        *("country_code", "role", "story_id", "unread"),
        sqlite_where=text("unread = 1"),
    ),
    Index(
        "ix_story_country_shared",
        *("country_code", "role", "story_id", "shared", "unread"),
        sqlite_where=text("shared = 1"),
    ),
)

# The search index's rowid ("docid", ordered by publication time) for each story, and a digest of
# what was indexed (reader.core.search.index; 0006); story_id NULL marks a row no story reaches.
# The FTS5 table itself is not modelled.
search_doc = Table(
    "search_doc",
    metadata,
    Column("docid", Integer, primary_key=True),
    Column("story_id", ForeignKey("story.id", ondelete="SET NULL"), nullable=True, unique=True),
    Column("digest", Integer, nullable=False),
)

story_section = Table(
    "story_section",
    metadata,
    Column("story_id", ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column("section_id", ForeignKey("section.id"), primary_key=True),
)


class Meta(_Table):
    """Small key/value facts about this database (e.g. which bundled data was loaded)."""

    __table__ = Table(
        "meta",
        metadata,
        Column("key", String(64), primary_key=True),
        Column("value", Text, nullable=False),
    )
    key: ClassVar[ColumnElement[str]] = __table__.c.key
    value: ClassVar[ColumnElement[str]] = __table__.c.value


class Country(_Table):
    __table__ = Table(
        "country",
        metadata,
        Column("code", String(2), primary_key=True),  # ISO 3166-1 alpha-2
        Column("name", String(64), nullable=False),
        Column("currency_code", String(3)),
    )
    code: ClassVar[ColumnElement[str]] = __table__.c.code
    name: ClassVar[ColumnElement[str]] = __table__.c.name
    currency_code: ClassVar[ColumnElement[str | None]] = __table__.c.currency_code


class Section(_Table):
    __table__ = Table(
        "section",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("slug", String(64), unique=True, nullable=False),
        Column("name", String(128), nullable=False),
    )
    id: ClassVar[ColumnElement[int]] = __table__.c.id
    slug: ClassVar[ColumnElement[str]] = __table__.c.slug
    name: ClassVar[ColumnElement[str]] = __table__.c.name


class Source(_Table):
    __table__ = Table(
        "source",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(200), nullable=False),
        Column("feed_url", Text, unique=True, nullable=False),
        Column("site_url", Text),
        Column("kind", String(16), nullable=False, default="rss"),  # rss | wordpress | sample
        Column("enabled", Boolean, nullable=False, default=True),
        Column("is_sample", Boolean, nullable=False, default=False),
        Column("etag", Text),
        Column("last_modified", Text),
        Column("last_fetched_at", UTCDateTime),
        Column("last_error", Text),
        Column("created_at", UTCDateTime, nullable=False),
        # Sync (0002): not asked again before this moment (429/503 Retry-After); WordPress REST base.
        Column("retry_after", UTCDateTime),
        Column("api_url", Text),
        # "automatic" | "always" | "never": fetch the article page of its stories (0007, issue 15)
        Column("full_articles", String(9), nullable=False, default="automatic", server_default="automatic"),
    )
    id: ClassVar[ColumnElement[int]] = __table__.c.id
    name: ClassVar[ColumnElement[str]] = __table__.c.name
    feed_url: ClassVar[ColumnElement[str]] = __table__.c.feed_url
    site_url: ClassVar[ColumnElement[str | None]] = __table__.c.site_url
    kind: ClassVar[ColumnElement[str]] = __table__.c.kind
    enabled: ClassVar[ColumnElement[bool]] = __table__.c.enabled
    is_sample: ClassVar[ColumnElement[bool]] = __table__.c.is_sample
    etag: ClassVar[ColumnElement[str | None]] = __table__.c.etag
    last_modified: ClassVar[ColumnElement[str | None]] = __table__.c.last_modified
    last_fetched_at: ClassVar[ColumnElement[dt.datetime | None]] = __table__.c.last_fetched_at
    last_error: ClassVar[ColumnElement[str | None]] = __table__.c.last_error
    created_at: ClassVar[ColumnElement[dt.datetime]] = __table__.c.created_at
    retry_after: ClassVar[ColumnElement[dt.datetime | None]] = __table__.c.retry_after
    api_url: ClassVar[ColumnElement[str | None]] = __table__.c.api_url
    full_articles: ClassVar[ColumnElement[str]] = __table__.c.full_articles


class Story(_Table):
    __table__ = Table(
        "story",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("source_id", Integer, ForeignKey("source.id", ondelete="RESTRICT"), nullable=False),
        Column("guid", Text, nullable=False),
        Column("url", Text),
        Column("title", Text, nullable=False),
        Column("author", Text),
        Column("published_at", UTCDateTime, nullable=False),
        Column("updated_at", UTCDateTime),
        Column("fetched_at", UTCDateTime, nullable=False),
        Column("summary", Text),
        # Stored compressed (0009, issue 13): read them through these columns, never by raw SQL.
        Column("content_html", CompressedText),
        Column("content_text", CompressedText),
        Column("image_url", Text),
        Column("language", String(16)),
        Column("read_at", UTCDateTime),
        # The feed's own categories and tags, as a JSON list (0005): evidence kept for re-tagging.
        Column("categories", Text),
        UniqueConstraint("source_id", "guid", name="uq_story_source_guid"),
        # The list's keyset order: newest first, id as the tie-breaker.
        Index("ix_story_published", "published_at", "id"),
        Index("ix_story_source_published", "source_id", "published_at", "id"),
        # The unread stories in the list's order (0008): "unread" walks it and stops after a page.
        Index("ix_story_unread", "published_at", "id", sqlite_where=text("read_at IS NULL")),
    )
    id: ClassVar[ColumnElement[int]] = __table__.c.id
    source_id: ClassVar[ColumnElement[int]] = __table__.c.source_id
    guid: ClassVar[ColumnElement[str]] = __table__.c.guid
    url: ClassVar[ColumnElement[str | None]] = __table__.c.url
    title: ClassVar[ColumnElement[str]] = __table__.c.title
    author: ClassVar[ColumnElement[str | None]] = __table__.c.author
    published_at: ClassVar[ColumnElement[dt.datetime]] = __table__.c.published_at
    updated_at: ClassVar[ColumnElement[dt.datetime | None]] = __table__.c.updated_at
    fetched_at: ClassVar[ColumnElement[dt.datetime]] = __table__.c.fetched_at
    summary: ClassVar[ColumnElement[str | None]] = __table__.c.summary
    content_html: ClassVar[ColumnElement[str | None]] = __table__.c.content_html
    content_text: ClassVar[ColumnElement[str | None]] = __table__.c.content_text
    image_url: ClassVar[ColumnElement[str | None]] = __table__.c.image_url
    language: ClassVar[ColumnElement[str | None]] = __table__.c.language
    read_at: ClassVar[ColumnElement[dt.datetime | None]] = __table__.c.read_at
    categories: ClassVar[ColumnElement[str | None]] = __table__.c.categories


class Bookmark(_Table):
    __table__ = Table(
        "bookmark",
        metadata,
        Column("id", Integer, primary_key=True),
        # RESTRICT: a bookmarked story can never be deleted from under its bookmark.
        Column("story_id", Integer, ForeignKey("story.id", ondelete="RESTRICT"), unique=True, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("note", Text),
    )
    id: ClassVar[ColumnElement[int]] = __table__.c.id
    story_id: ClassVar[ColumnElement[int]] = __table__.c.story_id
    created_at: ClassVar[ColumnElement[dt.datetime]] = __table__.c.created_at
    note: ClassVar[ColumnElement[str | None]] = __table__.c.note


class BookmarkTag(_Table):
    """A tag on a bookmark (0004); goes with the bookmark when it is removed on purpose."""

    __table__ = Table(
        "bookmark_tag",
        metadata,
        Column("bookmark_id", Integer, ForeignKey("bookmark.id", ondelete="CASCADE"), primary_key=True),
        Column("tag", String(64), primary_key=True),
        Index("ix_bookmark_tag_tag", "tag", "bookmark_id"),
    )
    bookmark_id: ClassVar[ColumnElement[int]] = __table__.c.bookmark_id
    tag: ClassVar[ColumnElement[str]] = __table__.c.tag


class SavedSearch(_Table):
    """A named view: the list's filters (a StoryQuery) stored as JSON (0004)."""

    __table__ = Table(
        "saved_search",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(100), unique=True, nullable=False),
        Column("query_json", Text, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
    )
    id: ClassVar[ColumnElement[int]] = __table__.c.id
    name: ClassVar[ColumnElement[str]] = __table__.c.name
    query_json: ClassVar[ColumnElement[str]] = __table__.c.query_json
    created_at: ClassVar[ColumnElement[dt.datetime]] = __table__.c.created_at


class Currency(_Table):
    __table__ = Table(
        "currency",
        metadata,
        Column("code", String(3), primary_key=True),  # ISO 4217 (XAU for gold)
        Column("name", String(100), nullable=False),
    )
    code: ClassVar[ColumnElement[str]] = __table__.c.code
    name: ClassVar[ColumnElement[str]] = __table__.c.name


class RatePoint(_Table):
    """Units of a currency per one US dollar on a date, as one provider reported it."""

    __table__ = Table(
        "rate_point",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("currency_code", String(3), ForeignKey("currency.code"), nullable=False),
        Column("date", Date, nullable=False),
        Column("units_per_usd", Float, nullable=False),
        Column("provider", String(32), nullable=False),
        # In the series' order (0011): one index serves both the constraint and every chart.
        UniqueConstraint("currency_code", "provider", "date", name="uq_rate_point_currency_provider_date"),
    )
    id: ClassVar[ColumnElement[int]] = __table__.c.id
    currency_code: ClassVar[ColumnElement[str]] = __table__.c.currency_code
    date: ClassVar[ColumnElement[dt.date]] = __table__.c.date
    units_per_usd: ClassVar[ColumnElement[float]] = __table__.c.units_per_usd
    provider: ClassVar[ColumnElement[str]] = __table__.c.provider


class RateProviderStatus(_Table):
    """A rates provider's last fetch (0003): for "as of" and the sidebar's offline state."""

    __table__ = Table(
        "rate_provider_status",
        metadata,
        Column("provider", String(32), primary_key=True),
        Column("last_attempt_at", UTCDateTime),
        Column("last_success_at", UTCDateTime),
        Column("rates_date", Date),  # the newest date it reported
        Column("url", Text),  # the URL that last answered
        Column("last_error", Text),
    )
    provider: ClassVar[ColumnElement[str]] = __table__.c.provider
    last_attempt_at: ClassVar[ColumnElement[dt.datetime | None]] = __table__.c.last_attempt_at
    last_success_at: ClassVar[ColumnElement[dt.datetime | None]] = __table__.c.last_success_at
    rates_date: ClassVar[ColumnElement[dt.date | None]] = __table__.c.rates_date
    url: ClassVar[ColumnElement[str | None]] = __table__.c.url
    last_error: ClassVar[ColumnElement[str | None]] = __table__.c.last_error


class SyncRun(_Table):
    """One run of a sync (stories or rates), kept as a log."""

    __table__ = Table(
        "sync_run",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("kind", String(16), nullable=False),  # seed | stories | rates
        Column("source_id", Integer, ForeignKey("source.id", ondelete="SET NULL")),
        Column("started_at", UTCDateTime, nullable=False),
        Column("finished_at", UTCDateTime),
        Column("status", String(16), nullable=False, default="running"),  # running | ok | failed
        Column("new_count", Integer, nullable=False, default=0),
        Column("updated_count", Integer, nullable=False, default=0),
        Column("message", Text),
    )
    id: ClassVar[ColumnElement[int]] = __table__.c.id
    kind: ClassVar[ColumnElement[str]] = __table__.c.kind
    source_id: ClassVar[ColumnElement[int | None]] = __table__.c.source_id
    started_at: ClassVar[ColumnElement[dt.datetime]] = __table__.c.started_at
    finished_at: ClassVar[ColumnElement[dt.datetime | None]] = __table__.c.finished_at
    status: ClassVar[ColumnElement[str]] = __table__.c.status
    new_count: ClassVar[ColumnElement[int]] = __table__.c.new_count
    updated_count: ClassVar[ColumnElement[int]] = __table__.c.updated_count
    message: ClassVar[ColumnElement[str | None]] = __table__.c.message


class StoryFull(_Table):
    """What was extracted from a story's article page (0007); the feed's summary stays in Story."""

    __table__ = Table(
        "story_full",
        metadata,
        Column("story_id", Integer, ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
        Column("status", String(8), nullable=False),  # "ok" | "failed"
        Column("html", CompressedText),  # compressed as the story's own (0009)
        Column("text", CompressedText),
        Column("author", Text),
        Column("lead_image", Text),
        Column("note", Text),  # why there is no full text, plainly
        Column("fetched_at", UTCDateTime, nullable=False),
    )
    story_id: ClassVar[ColumnElement[int]] = __table__.c.story_id
    status: ClassVar[ColumnElement[str]] = __table__.c.status
    html: ClassVar[ColumnElement[str | None]] = __table__.c.html
    text: ClassVar[ColumnElement[str | None]] = __table__.c.text
    author: ClassVar[ColumnElement[str | None]] = __table__.c.author
    lead_image: ClassVar[ColumnElement[str | None]] = __table__.c.lead_image
    note: ClassVar[ColumnElement[str | None]] = __table__.c.note
    fetched_at: ClassVar[ColumnElement[dt.datetime]] = __table__.c.fetched_at
