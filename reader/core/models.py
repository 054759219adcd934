"""The SQLAlchemy schema. ORM rows never leave reader.core: callers get frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from typing import Any

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
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# A story's countries (0005: with their role). "primary": what the story is about — the list,
# the filter and the facet counts use these; "mentioned": named, shown in the article, searched.
ROLE_PRIMARY, ROLE_MENTIONED = "primary", "mentioned"
story_country = Table(
    "story_country",
    Base.metadata,
    Column("story_id", ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column("country_code", ForeignKey("country.code"), primary_key=True),
    Column("role", String(9), nullable=False, server_default=ROLE_PRIMARY),
    Index("ix_story_country_country_code_role", "country_code", "role", "story_id"),
)

# The search index's rowid ("docid", ordered by publication time) for each story, and a digest of
# what was indexed (reader.core.search.index; 0006); story_id NULL marks a row no story reaches.
# The FTS5 table itself is not modelled.
search_doc = Table(
    "search_doc",
    Base.metadata,
    Column("docid", Integer, primary_key=True),
    Column("story_id", ForeignKey("story.id", ondelete="SET NULL"), nullable=True, unique=True),
    Column("digest", Integer, nullable=False),
)

story_section = Table(
    "story_section",
    Base.metadata,
    Column("story_id", ForeignKey("story.id", ondelete="CASCADE"), primary_key=True),
    Column("section_id", ForeignKey("section.id"), primary_key=True),
)


class Meta(Base):
    """Small key/value facts about this database (e.g. which bundled data was loaded)."""

    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Country(Base):
    __tablename__ = "country"
    code: Mapped[str] = mapped_column(String(2), primary_key=True)  # ISO 3166-1 alpha-2
    name: Mapped[str] = mapped_column(String(64))
    currency_code: Mapped[str | None] = mapped_column(String(3))


class Section(Base):
    __tablename__ = "section"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(128))


class Source(Base):
    __tablename__ = "source"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    feed_url: Mapped[str] = mapped_column(Text, unique=True)
    site_url: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16), default="rss")  # rss | wordpress | sample
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    last_fetched_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # Sync (0002): not asked again before this moment (429/503 Retry-After); WordPress REST base.
    retry_after: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    api_url: Mapped[str | None] = mapped_column(Text)


class Story(Base):
    __tablename__ = "story"
    __table_args__ = (
        UniqueConstraint("source_id", "guid", name="uq_story_source_guid"),
        # The list's keyset order: newest first, id as the tie-breaker.
        Index("ix_story_published", "published_at", "id"),
        Index("ix_story_source_published", "source_id", "published_at", "id"),
        # The unread stories in the list's order (0008): "unread" walks it and stops after a page.
        Index("ix_story_unread", "published_at", "id", sqlite_where=text("read_at IS NULL")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="RESTRICT"))
    guid: Mapped[str] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    fetched_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    summary: Mapped[str | None] = mapped_column(Text)
    content_html: Mapped[str | None] = mapped_column(Text)
    content_text: Mapped[str | None] = mapped_column(Text)
    image_url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    read_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # The feed's own categories and tags, as a JSON list (0005): evidence kept for re-tagging.
    categories: Mapped[str | None] = mapped_column(Text)


class Bookmark(Base):
    __tablename__ = "bookmark"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # RESTRICT: a bookmarked story can never be deleted from under its bookmark.
    story_id: Mapped[int] = mapped_column(ForeignKey("story.id", ondelete="RESTRICT"), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class BookmarkTag(Base):
    """A tag on a bookmark (0004); goes with the bookmark when it is removed on purpose."""

    __tablename__ = "bookmark_tag"
    __table_args__ = (Index("ix_bookmark_tag_tag", "tag", "bookmark_id"),)
    bookmark_id: Mapped[int] = mapped_column(ForeignKey("bookmark.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64), primary_key=True)


class SavedSearch(Base):
    """A named view: the list's filters (a StoryQuery) stored as JSON (0004)."""

    __tablename__ = "saved_search"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    query_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class Currency(Base):
    __tablename__ = "currency"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)  # ISO 4217 (XAU for gold)
    name: Mapped[str] = mapped_column(String(100))


class RatePoint(Base):
    """Units of a currency per one US dollar on a date, as one provider reported it."""

    __tablename__ = "rate_point"
    __table_args__ = (
        UniqueConstraint("currency_code", "date", "provider", name="uq_rate_point_currency_date_provider"),
        Index("ix_rate_point_currency_provider_date", "currency_code", "provider", "date"),  # 0003
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    currency_code: Mapped[str] = mapped_column(ForeignKey("currency.code"))
    date: Mapped[dt.date] = mapped_column(Date)
    units_per_usd: Mapped[float] = mapped_column(Float)
    provider: Mapped[str] = mapped_column(String(32))


class RateProviderStatus(Base):
    """A rates provider's last fetch (0003): for "as of" and the sidebar's offline state."""

    __tablename__ = "rate_provider_status"
    provider: Mapped[str] = mapped_column(String(32), primary_key=True)
    last_attempt_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_success_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    rates_date: Mapped[dt.date | None] = mapped_column(Date)  # the newest date it reported
    url: Mapped[str | None] = mapped_column(Text)  # the URL that last answered
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncRun(Base):
    """One run of a sync (stories or rates), kept as a log."""

    __tablename__ = "sync_run"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # seed | stories | rates
    source_id: Mapped[int | None] = mapped_column(ForeignKey("source.id", ondelete="SET NULL"))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | ok | failed
    new_count: Mapped[int] = mapped_column(Integer, default=0)
    updated_count: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str | None] = mapped_column(Text)
