"""The Library: the one front object the window, the command line and the tests talk to.

Like lemon24/reader's `Reader`, it holds the parts it was built from and hands work to them:
`stories`, `bookmarks`, `saved_searches`, `sources`, `sync`, `rates`, `export` and `settings`.
Each part checks its arguments, runs short transactions on the storage layer (reader.core.storage,
whose one writer thread every write goes through) and hands out frozen values
(reader.core.types); every write returns a `Changes` value saying what went stale.

The sources, sync, rates and export parts, and the network, numpy and export code behind them,
are imported on first use, so opening a Library stays light.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Executor
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from reader.core.bookmarks import BACKUP_NAME, Bookmarks
from reader.core.images import ImageCache
from reader.core.models import Bookmark, RatePoint, Source, Story, SyncRun
from reader.core.paths import DATABASE_NAME, default_data_dir, resources_dir
from reader.core.saved_searches import SavedSearches
from reader.core.seed import SeedReport, load_bundled_data
from reader.core.settings import Settings
from reader.core.storage import Storage
from reader.core.stories import Stories
from reader.core.types import MARKET_PROVIDER, DataState, MoneyContext, SourceStatus
from reader.core.types import Story as StoryValue

if TYPE_CHECKING:
    from reader.core.export import Exporter
    from reader.core.rates import Rates
    from reader.core.sync.service import Sync
    from reader.core.sync.sources import Sources


class Library:
    """Stories, sources and rates in one SQLite cache under `data_dir`."""

    def __init__(self, data_dir: Path | None = None, *, load_bundled: bool = True) -> None:
        self.data_dir = (data_dir or default_data_dir()).expanduser().resolve()
        self.database_path = self.data_dir / DATABASE_NAME
        self._storage = Storage(self.database_path)
        try:
            self.images = ImageCache(self.data_dir / "images")
            self.settings = Settings(self._storage)
            self.stories = Stories(self._storage, self.images, self._money_in, self._all_sources)
            self.bookmarks = Bookmarks(self._storage, self.data_dir / BACKUP_NAME)
            self.saved_searches = SavedSearches(self._storage)
            self.seed_report: SeedReport | None = None
            if load_bundled:
                self.seed_report = load_bundled_data(self._storage)
            # A cache that lost its bookmarks (deleted, replaced) gets them back from the backup.
            self.bookmarks.restore_if_lost()
        except BaseException:
            self._storage.close()
            raise

    # -- the parts loaded on first use -------------------------------------------------------

    @cached_property
    def sources(self) -> Sources:
        """Adding, renaming, switching, removing sources; OPML (reader.core.sync.sources)."""
        from reader.core.sync.sources import Sources

        return Sources(self._storage)

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
                    select(func.max(RatePoint.date)).where(RatePoint.provider == MARKET_PROVIDER)
                ).scalar_one()
                or conn.execute(select(func.max(RatePoint.date))).scalar_one()
            )
            last_sync = conn.execute(
                select(func.max(SyncRun.finished_at)).where(SyncRun.kind != "seed", SyncRun.status == "ok")
            ).scalar_one()
        return DataState(
            story_count=story_count,
            unread_count=unread,
            bookmark_count=bookmarks,
            sample_story_count=samples,
            rates_as_of=rates_as_of,
            last_sync_at=last_sync.replace(tzinfo=dt.UTC) if last_sync else None,
        )

    def close(self) -> None:
        self._storage.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
