"""The Library: the one front object the window, the command line and the tests talk to.

Like lemon24/reader's `Reader`, it holds the parts it was built from and hands work to them:
`stories`, `bookmarks`, `saved_searches`, `search_index`, `sources`, `articles`, `sync`, `rates`, `export` and
`settings`.
Each part checks its arguments, runs short transactions on the storage layer (reader.core.storage,
whose one writer thread every write goes through) and hands out frozen values
(reader.core.types); every write returns a `Changes` value saying what went stale.

The sources, sync, rates and export parts, and the network, numpy and export code behind them,
are imported on first use, so opening a Library stays light.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Executor
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from reader.core.bookmarks import Bookmarks
from reader.core.db import logs_kept_if_damaged
from reader.core.images import ImageCache
from reader.core.models import Bookmark, RatePoint, RateProviderStatus, Source, Story, SyncRun
from reader.core.paths import BACKUP_NAME, DATABASE_NAME, data_folder, resources_dir
from reader.core.saved_searches import SavedSearches
from reader.core.search.service import SearchIndex
from reader.core.seed import SeedReport, load_bundled_data
from reader.core.settings import Settings
from reader.core.storage import Storage
from reader.core.stories import Stories
from reader.core.types import (
    MARKET_PROVIDER,
    DataState,
    ImportReport,
    LibraryStatus,
    MoneyContext,
    RetagProgress,
    SourceStatus,
)
from reader.core.types import Story as StoryValue

if TYPE_CHECKING:
    from reader.core.articles.service import Articles
    from reader.core.export import Exporter
    from reader.core.rates import Rates
    from reader.core.sync.service import Sync
    from reader.core.sync.sources import Sources


class Library:
    """Stories, sources and rates in one SQLite cache under `data_dir`."""

    def __init__(self, data_dir: Path | None = None, *, load_bundled: bool = True) -> None:
        self.data_dir = data_folder(data_dir)  # a DataFolderError if it cannot hold the cache
        self.database_path = self.data_dir / DATABASE_NAME
        self.seed_report: SeedReport | None = None
        with logs_kept_if_damaged(self.database_path):  # for `steppe repair`, if damaged
            self._storage = Storage(self.database_path)
            try:
                self.images = ImageCache(self.data_dir / "images")
                self.settings = Settings(self._storage)
                self.stories = Stories(self._storage, self.images, self._money_in, self._all_sources)
                self.bookmarks = Bookmarks(self._storage, self.data_dir / BACKUP_NAME)
                self.saved_searches = SavedSearches(self._storage)
                self.search_index = SearchIndex(self._storage)
                # An index from before 0006 or from another normaliser version is emptied for a rebuild.
                self.search_index.prepare()
                if load_bundled:
                    self.seed_report = load_bundled_data(self._storage)
                # A cache that lost its bookmarks (deleted, replaced) gets them back from the backup.
                self.restored_bookmarks: ImportReport | None = self.bookmarks.restore_if_lost()
            except BaseException:
                self._storage.close()  # the window may try again: hold no file open
                raise

    # -- the parts loaded on first use -------------------------------------------------------

    @cached_property
    def sources(self) -> Sources:
        """Adding, renaming, switching, removing sources; OPML (reader.core.sync.sources)."""
        from reader.core.sync.sources import Sources

        return Sources(self._storage)

    @cached_property
    def articles(self) -> Articles:
        """Full articles from the stories' pages (reader.core.articles)."""
        from reader.core.articles.service import Articles

        return Articles(self._storage, self.images)

    @cached_property
    def sync(self) -> Sync:
        """Fetching the sources into the cache (reader.core.sync.service)."""
        from reader.core.sync.service import Sync

        return Sync(self._storage, self.settings, self.sources, self.images)

    @cached_property
    def rates(self) -> Rates:
        """Quotes, history, conversion, money in stories, the providers' refresh (reader.core.rates)."""
        from reader.core.rates import Rates

        return Rates(self._storage, self.settings, self.stories)

    @cached_property
    def export(self) -> Exporter:
        """Stories to Markdown, HTML, PDF, EPUB, JSON and CSV (reader.core.export)."""
        from reader.core.export import Exporter

        return Exporter(self.stories, self.bookmarks, self.sources, self.rates, self.images)

    # -- re-tagging countries after an upgrade -------------------------------------------------

    def retag_pending(self) -> bool:
        """The stories' countries were tagged by an older tagger and need re-tagging."""
        from reader.core import retag  # the tagger: loaded when asked about

        with self._storage.read() as conn:
            return retag.is_pending(conn)

    def retag_progress(self) -> RetagProgress:
        from reader.core import retag

        with self._storage.read() as conn:
            return retag.progress(conn)

    def retag_step(self, limit: int | None = None) -> RetagProgress:
        """Re-tag the next `limit` stories: read, tag outside any transaction, write in one short
        one with the position reached (so a run can stop anywhere and resume)."""
        from reader.core import retag

        limit = retag.CHUNK if limit is None else limit
        if limit < 1:
            raise ValueError("limit must be at least 1")
        with self._storage.read() as conn:
            if not retag.is_pending(conn):
                return retag.progress(conn)
            chunk = retag.read_chunk(conn, limit)
        tags = [retag.tag_story(story) for story in chunk]

        def write(conn: Connection) -> RetagProgress:
            retag.write_chunk(conn, chunk, tags, limit)
            return retag.progress(conn)

        return self._storage.write(write)

    def retag_all(self, on_progress: Callable[[RetagProgress], None] | None = None) -> RetagProgress:
        """Re-tag every story still to do, chunk by chunk."""
        while True:
            step = self.retag_step()
            if on_progress is not None:
                on_progress(step)
            if step.finished:
                return step

    def _money_in(self, story: StoryValue) -> list[MoneyContext]:
        return self.rates.money_in(story)

    def _all_sources(self) -> list[SourceStatus]:
        return self.sources.list(include_sample=True)

    # -- the whole -------------------------------------------------------------------------

    @property
    def executor(self) -> Executor:
        """The storage's writer thread: the window runs its database operations there, in order."""
        return self._storage.executor

    @property
    def resources_dir(self) -> Path:
        """The data, icons and style sheets installed with the app."""
        return resources_dir()

    def state(self) -> DataState:
        """What the cache holds, for the status bar."""
        from reader.core.rates import plausible_points  # what a stored rate must be to be read

        with self._storage.read() as conn:
            story_count = conn.execute(select(func.count()).select_from(Story)).scalar_one()
            unread = conn.execute(
                select(func.count()).select_from(Story).where(Story.read_at.is_(None))
            ).scalar_one()
            bookmarks = conn.execute(select(func.count()).select_from(Bookmark)).scalar_one()
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
                        RatePoint.provider == MARKET_PROVIDER, *plausible_points()
                    )
                ).scalar_one()
                or conn.execute(select(func.max(RatePoint.date)).where(*plausible_points())).scalar_one()
            )
        return DataState(
            story_count=story_count,
            unread_count=unread,
            bookmark_count=bookmarks,
            sample_story_count=samples,
            rates_as_of=rates_as_of,
        )

    def status(self) -> LibraryStatus:
        """The one account of the last sync, the rates and the offline state: the status bar,
        the dialogs and `steppe status` all read it."""
        from reader.core.rates import plausible_points

        def utc(moment: dt.datetime | None) -> dt.datetime | None:
            return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment

        with self._storage.read() as conn:
            runs = select(func.max(SyncRun.finished_at)).where(SyncRun.kind == "stories")
            last_sync = conn.execute(runs.where(SyncRun.status == "ok")).scalar_one()
            tried = conn.execute(runs).scalar_one()
            sources = conn.execute(
                select(Source.last_error, Source.last_fetched_at).where(
                    Source.enabled.is_(True), Source.is_sample.is_(False)
                )
            ).all()
            rates_as_of = conn.execute(
                select(func.max(RatePoint.date)).where(
                    RatePoint.provider == MARKET_PROVIDER, *plausible_points()
                )
            ).scalar_one()
            market = conn.execute(
                select(RateProviderStatus.last_success_at, RateProviderStatus.last_attempt_at, RateProviderStatus.last_error)
                .where(RateProviderStatus.provider == MARKET_PROVIDER)
            ).first()  # fmt: skip
        tried_sources = [s for s in sources if s.last_fetched_at is not None]
        return LibraryStatus(
            last_sync_at=utc(last_sync),
            last_sync_attempt_at=utc(tried),
            sync_offline=bool(tried_sources) and all(s.last_error for s in tried_sources),
            rates_as_of=rates_as_of,
            rates_provider=MARKET_PROVIDER,
            rates_checked_at=utc(market.last_success_at) if market else None,
            rates_attempt_at=utc(market.last_attempt_at) if market else None,
            rates_offline=market is not None and market.last_error is not None,
        )

    def close(self) -> None:
        self._storage.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
