"""The Library: the one front object the window, the command line and the tests talk to.

It checks arguments, runs each unit of work in its own short transaction and hands out frozen
values. Writes are serialised through one lock, so the GUI's worker threads and a sync never
interleave their transactions; reads run in parallel (SQLite WAL).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert

from reader.core import rates as rates_mod
from reader.core import retag
from reader.core import stories as stories_mod
from reader.core.bookmarks import BookmarkStore, ImportReport
from reader.core.db import close_database, logs_kept_if_damaged, open_database, storage_errors
from reader.core.errors import StoryNotFound
from reader.core.images import ImageCache
from reader.core.models import (
    ROLE_PRIMARY,
    Bookmark,
    Country,
    Meta,
    RatePoint,
    Section,
    Source,
    Story,
    SyncRun,
    story_country,
)
from reader.core.models import story_section as story_section_table
from reader.core.paths import DATABASE_NAME, data_folder
from reader.core.rate_checks import RejectedPoint
from reader.core.saved_searches import SavedSearches
from reader.core.search.service import SearchIndex
from reader.core.seed import SeedReport, load_bundled_data
from reader.core.types import (
    Conversion,
    Cursor,
    DataState,
    Facet,
    MoneyContext,
    RateQuote,
    RateSeries,
    SourceInfo,
    StoryCount,
    StoryPage,
    StoryQuery,
    StorySummary,
)
from reader.core.types import Story as StoryValue

if TYPE_CHECKING:
    from reader.core.repair import RepairReport

_SETTING_PREFIX = "setting."


class Library:
    """Stories, sources and rates in one SQLite cache under `data_dir`."""

    def __init__(self, data_dir: Path | None = None, *, load_bundled: bool = True) -> None:
        self.data_dir = data_folder(data_dir)  # a DataFolderError if it cannot hold the cache
        self.database_path = self.data_dir / DATABASE_NAME
        self._write_lock = threading.Lock()
        self._search_index = SearchIndex(self._read, self._write)
        self.seed_report: SeedReport | None = None
        with logs_kept_if_damaged(self.database_path):  # for `steppe repair`, if damaged
            self._engine = open_database(self.database_path)
            try:
                # An index from before 0006 or from another normaliser version is emptied for a rebuild.
                self.search_index.prepare()
                if load_bundled:
                    with storage_errors(self.database_path):
                        self.seed_report = load_bundled_data(self._engine)
                # A cache that lost its bookmarks (deleted, replaced) gets them back from the backup.
                self.restored_bookmarks: ImportReport | None = self.bookmarks.restore_if_lost()
            except BaseException:
                self._engine.dispose()  # the window may try again: hold no file open
                raise

    @classmethod
    def repair(cls, data_dir: Path | None = None) -> tuple[Library, RepairReport]:
        """Keep a damaged database aside (`steppe.sqlite3.damaged-YYYYMMDD-HHMMSS`) and open a
        fresh cache with the bundled data and the bookmarks of the backup (reader.core.repair)."""
        from reader.core.repair import repair

        return repair(data_dir)

    # -- plumbing ------------------------------------------------------------------------

    def close(self) -> None:
        close_database(self._engine)

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with storage_errors(self.database_path), self._engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with self._write_lock, storage_errors(self.database_path), self._engine.begin() as conn:
            yield conn

    # -- stories -------------------------------------------------------------------------

    def stories(self, query: StoryQuery, after: Cursor | None = None, limit: int = 50) -> StoryPage:
        """One page of the list; pass the page's `next_cursor` to get the next one."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        with self._read() as conn:
            return stories_mod.page_stories(conn, query, after, limit)

    def iter_stories(self, query: StoryQuery, chunk: int = 200) -> Iterator[StorySummary]:
        """Every matching story, fetched in keyset chunks (never one long read)."""
        cursor: Cursor | None = None
        while True:
            page = self.stories(query, cursor, chunk)
            yield from page.stories
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def count_stories(self, query: StoryQuery) -> int:
        with self._read() as conn:
            return stories_mod.count_stories(conn, query)

    def estimate_stories(self, query: StoryQuery) -> StoryCount:
        """As count_stories(), but a search with more than 5,000 matches is estimated from its
        newest matches (`estimated` says so) instead of counted to the end: for the list's line."""
        with self._read() as conn:
            return stories_mod.estimate_stories(conn, query)

    def story(self, story_id: int) -> StoryValue:
        with self._read() as conn:
            row = conn.execute(
                select(
                    *Story.__table__.c,
                    Source.name.label("source_name"),
                    Source.site_url,
                    Source.is_sample,
                    Bookmark.note,
                    Bookmark.id.label("bookmark_id"),
                )
                .join(Source, Source.id == Story.source_id)
                .outerjoin(Bookmark, Bookmark.story_id == Story.id)
                .where(Story.id == story_id)
            ).first()
            if row is None:
                raise StoryNotFound(story_id)
            countries, sections = stories_mod.tags_of(conn, [story_id])
            mentioned = stories_mod.mentioned_of(conn, [story_id])
        s = row
        return StoryValue(
            id=s.id,
            guid=s.guid,
            title=s.title,
            url=s.url,
            author=s.author,
            source_id=s.source_id,
            source_name=row.source_name,
            source_site_url=row.site_url,
            is_sample=bool(row.is_sample),
            published_at=s.published_at,
            updated_at=s.updated_at,
            summary=s.summary,
            content_html=s.content_html or "",
            content_text=s.content_text or "",
            image_url=s.image_url,
            language=s.language,
            countries=countries.get(story_id, ()),
            sections=sections.get(story_id, ()),
            is_read=s.read_at is not None,
            is_bookmarked=row.bookmark_id is not None,
            bookmark_note=row.note,
            mentioned_countries=mentioned.get(story_id, ()),
        )

    def set_read(self, story_id: int, read: bool = True) -> None:
        with self._write() as conn:
            self._require_story(conn, story_id)
            read_at = dt.datetime.now(dt.UTC) if read else None
            stmt = update(Story).where(Story.id == story_id)
            if read:
                stmt = stmt.where(Story.read_at.is_(None))  # keep the first reading time
            conn.execute(stmt.values(read_at=read_at))

    def set_bookmarked(self, story_id: int, bookmarked: bool = True, note: str | None = None) -> None:
        with self._write() as conn:
            self._require_story(conn, story_id)
            if bookmarked:
                conn.execute(
                    insert(Bookmark)
                    .values(story_id=story_id, created_at=dt.datetime.now(dt.UTC), note=note)
                    .on_conflict_do_update(
                        index_elements=[Bookmark.story_id],
                        set_={"note": note} if note is not None else {"story_id": story_id},
                    )
                )
            else:
                conn.execute(delete(Bookmark).where(Bookmark.story_id == story_id))
        self.bookmarks.write_backup()

    @property
    def saved_searches(self) -> SavedSearches:
        """Named views of the list's filters (reader.core.saved_searches)."""
        return SavedSearches(self)

    @property
    def search_index(self) -> SearchIndex:
        """The search index: whether it is whole, and its resumable rebuild (reader.core.search)."""
        return self._search_index

    @property
    def bookmarks(self) -> BookmarkStore:
        """Notes, tags, the automatic backup, export and import (reader.core.bookmarks)."""
        return BookmarkStore(self)

    def toggle_bookmark(self, story_id: int) -> bool:
        """Bookmark the story if it is not, else remove its bookmark; returns the new state."""
        with self._read() as conn:
            marked = conn.execute(select(Bookmark.id).where(Bookmark.story_id == story_id)).first()
        self.set_bookmarked(story_id, marked is None)
        return marked is None

    @staticmethod
    def _require_story(conn: Connection, story_id: int) -> None:
        if conn.execute(select(Story.id).where(Story.id == story_id)).first() is None:
            raise StoryNotFound(story_id)

    # -- re-tagging countries after an upgrade -------------------------------------------------

    def retag_pending(self) -> bool:
        """The stories' countries were tagged by an older tagger and need re-tagging."""
        with self._read() as conn:
            return retag.is_pending(conn)

    def retag_progress(self) -> retag.RetagProgress:
        with self._read() as conn:
            return retag.progress(conn)

    def retag_step(self, limit: int = retag.CHUNK) -> retag.RetagProgress:
        """Re-tag the next `limit` stories: read, tag outside any transaction, write in one short
        one with the position reached (so a run can stop anywhere and resume)."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        with self._read() as conn:
            if not retag.is_pending(conn):
                return retag.progress(conn)
            chunk = retag.read_chunk(conn, limit)
        tags = [retag.tag_story(story) for story in chunk]
        with self._write() as conn:
            retag.write_chunk(conn, chunk, tags, limit)
            return retag.progress(conn)

    def retag_all(
        self, on_progress: Callable[[retag.RetagProgress], None] | None = None
    ) -> retag.RetagProgress:
        """Re-tag every story still to do, chunk by chunk."""
        while True:
            step = self.retag_step()
            if on_progress is not None:
                on_progress(step)
            if step.finished:
                return step

    # -- facets and sources ----------------------------------------------------------------

    def countries(self) -> list[Facet]:
        with self._read() as conn:
            rows = conn.execute(
                select(Country.code, Country.name, func.count(story_country.c.story_id))
                .outerjoin(
                    story_country,
                    (story_country.c.country_code == Country.code) & (story_country.c.role == ROLE_PRIMARY),
                )
                .group_by(Country.code)
                .order_by(Country.name)
            ).all()
        return [Facet(key=code, name=name, count=count) for code, name, count in rows]

    def sections(self) -> list[Facet]:
        with self._read() as conn:
            rows = conn.execute(
                select(Section.slug, Section.name, func.count(story_section_table.c.story_id))
                .outerjoin(story_section_table, story_section_table.c.section_id == Section.id)
                .group_by(Section.id)
                .order_by(Section.name)
            ).all()
        return [Facet(key=slug, name=name, count=count) for slug, name, count in rows]

    def sources(self) -> list[SourceInfo]:
        with self._read() as conn:
            counts = select(Story.source_id, func.count().label("n")).group_by(Story.source_id).subquery()
            rows = conn.execute(
                select(*Source.__table__.c, func.coalesce(counts.c.n, 0).label("story_count"))
                .outerjoin(counts, counts.c.source_id == Source.id)
                .order_by(Source.is_sample.desc(), Source.name)
            ).all()
        return [
            SourceInfo(
                id=s.id,
                name=s.name,
                feed_url=s.feed_url,
                site_url=s.site_url,
                kind=s.kind,
                enabled=s.enabled,
                is_sample=s.is_sample,
                story_count=s.story_count,
            )
            for s in rows
        ]

    def find_source(self, text: str) -> SourceInfo | None:
        """A source by id, feed URL or name (case-insensitive, a unique prefix will do)."""
        sources = self.sources()
        wanted = text.strip().casefold()
        for source in sources:
            if wanted in (str(source.id), source.feed_url.casefold(), source.name.casefold()):
                return source
        prefixed = [s for s in sources if s.name.casefold().startswith(wanted)]
        return prefixed[0] if len(prefixed) == 1 else None

    # -- rates -----------------------------------------------------------------------------

    def latest_rates(self, currencies: Sequence[str], as_of: dt.date | None = None) -> list[RateQuote]:
        with self._read() as conn:
            return rates_mod.latest_quotes(conn, currencies, as_of)

    def rate_series(
        self,
        currency: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        provider: str | None = None,
    ) -> RateSeries:
        with self._read() as conn:
            return rates_mod.rate_series(conn, currency, since, until, provider)

    def currencies(self) -> list[tuple[str, str]]:
        with self._read() as conn:
            return rates_mod.stored_currencies(conn)

    def convert(
        self, amount: float, from_currency: str, to_currency: str, on: dt.date | None = None
    ) -> Conversion:
        """`amount` converted through the dollar at the stored rates of `on` (None: newest)."""
        with self._read() as conn:
            return rates_mod.convert(conn, amount, from_currency, to_currency, on)

    def money_context(self, story_id: int) -> list[MoneyContext]:
        """The amounts of money the story states, valued in US dollars then and now."""
        return self.money_in(self.story(story_id))

    def money_in(self, story: StoryValue) -> list[MoneyContext]:
        """money_context() for a story already loaded (no second read of it)."""
        with self._read() as conn:
            return rates_mod.money_context(
                conn, story.content_text, story.countries, story.published_at.astimezone(dt.UTC).date()
            )

    def store_rate_points(
        self, provider: str, points: Sequence[rates_mod.NewPoint], today: dt.date | None = None
    ) -> int:
        """Insert or update a provider's points in one transaction; returns how many were new.
        Points that fail the rate checks (core/rate_checks.py) are logged and left out."""
        with self._write() as conn:
            return rates_mod.store_points(conn, provider, points, today)

    def screen_rate_points(
        self, provider: str, points: Sequence[rates_mod.NewPoint], today: dt.date | None = None
    ) -> tuple[list[rates_mod.NewPoint], list[RejectedPoint]]:
        """The points that would be stored, and those that would be refused with the reason."""
        with self._read() as conn:
            return rates_mod.screen_points(conn, provider, points, today)

    def rate_dates(self, provider: str, currency: str, since: dt.date | None = None) -> set[dt.date]:
        with self._read() as conn:
            return rates_mod.stored_dates(conn, provider, currency, since)

    def record_rate_fetch(self, status: rates_mod.ProviderStatus) -> None:
        with self._write() as conn:
            rates_mod.record_status(conn, status)

    def rate_provider_statuses(self) -> list[rates_mod.ProviderStatus]:
        with self._read() as conn:
            return rates_mod.provider_statuses(conn)

    @property
    def images(self) -> ImageCache:
        """The offline image cache in the data folder."""
        return ImageCache(self.data_dir / "images")

    # -- settings --------------------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        """A user setting stored in the cache (JSON value), or `default` if never set."""
        with self._read() as conn:
            raw = conn.execute(
                select(Meta.value).where(Meta.key == _SETTING_PREFIX + key)
            ).scalar_one_or_none()
        return default if raw is None else json.loads(raw)

    def set_setting(self, key: str, value: Any) -> None:
        raw = json.dumps(value)
        with self._write() as conn:
            conn.execute(
                insert(Meta)
                .values(key=_SETTING_PREFIX + key, value=raw)
                .on_conflict_do_update(index_elements=[Meta.key], set_={"value": raw})
            )

    # -- state -----------------------------------------------------------------------------

    def data_state(self) -> DataState:
        with self._read() as conn:
            story_count = conn.execute(select(func.count()).select_from(Story)).scalar_one()
            unread = conn.execute(
                select(func.count()).select_from(Story).where(Story.read_at.is_(None))
            ).scalar_one()
            bookmarks = conn.execute(select(func.count()).select_from(Bookmark)).scalar_one()
            sources = conn.execute(
                select(func.count()).select_from(Source).where(Source.is_sample.is_(False))
            ).scalar_one()
            samples = conn.execute(
                select(func.count())
                .select_from(Story)
                .join(Source, Source.id == Story.source_id)
                .where(Source.is_sample.is_(True))
            ).scalar_one()
            # The market series' date, as the sidebar shows: an official peg recorded today
            # while the market provider is unreachable must not make the rates look fresh.
            rates_as_of = (
                conn.execute(
                    select(func.max(RatePoint.date)).where(
                        RatePoint.provider == rates_mod.DEFAULT_PROVIDER, *rates_mod.plausible_points()
                    )
                ).scalar_one()
                or conn.execute(
                    select(func.max(RatePoint.date)).where(*rates_mod.plausible_points())
                ).scalar_one()
            )
            last_sync = conn.execute(
                select(func.max(SyncRun.finished_at)).where(SyncRun.kind != "seed", SyncRun.status == "ok")
            ).scalar_one()
        return DataState(
            story_count=story_count,
            unread_count=unread,
            bookmark_count=bookmarks,
            source_count=sources,
            sample_story_count=samples,
            rates_as_of=rates_as_of,
            last_sync_at=last_sync.replace(tzinfo=dt.UTC) if last_sync else None,
        )
