"""One sync run: sources fetched in parallel, every write done by the calling thread (the one
writer), images cached, old stories pruned. Cancellable between steps; no Qt."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import select, update
from sqlalchemy.dialects.sqlite import insert

from reader.core.errors import ReaderError
from reader.core.images import MAX_IMAGE_BYTES, RejectedImage
from reader.core.models import Source, Story, SyncRun
from reader.core.sync.fetch import FetchConfig, Fetcher, Response, SourceError, is_network_failure
from reader.core.sync.ingest import IngestResult, ingest_entries
from reader.core.sync.parse import Entry, parse_feed
from reader.core.sync.retention import DEFAULT_RETENTION_DAYS, RETENTION_SETTING, prune_stories
from reader.core.sync.sources import SourceManager
from reader.core.sync.wordpress import fetch_posts

if TYPE_CHECKING:
    from reader.core.library import Library

INTERVAL_SETTING = "sync.interval_minutes"
DEFAULT_INTERVAL_MINUTES = 60


@dataclass(frozen=True)
class SyncConfig:
    fetch: FetchConfig = field(default_factory=FetchConfig)
    workers: int = 4  # sources fetched at once
    image_workers: int = 4
    max_wp_pages: int = 3
    images: bool = True


@dataclass(frozen=True)
class SourceResult:
    source_id: int
    name: str
    url: str
    status: str  # ok | not-modified | failed | waiting
    new: int = 0
    updated: int = 0
    error: str | None = None
    network_failure: bool = False

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass(frozen=True)
class SyncProgress:
    """Reported as the run goes: `done` of `total` sources, and what is happening now."""

    done: int
    total: int
    source: str
    message: str
    finished: bool = False  # True: `source` is done (the message says how it went)


@dataclass(frozen=True)
class SyncReport:
    results: tuple[SourceResult, ...]
    cancelled: bool = False
    images_saved: int = 0
    pruned: int = 0

    @property
    def ok(self) -> bool:
        return not self.cancelled and not any(r.failed for r in self.results)

    @property
    def failures(self) -> tuple[SourceResult, ...]:
        return tuple(r for r in self.results if r.failed)

    @property
    def offline(self) -> bool:
        """Nothing could be reached at all: every attempted source failed at the network."""
        tried = [r for r in self.results if r.status != "waiting"]
        return bool(tried) and all(r.failed and r.network_failure for r in tried)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.results)

    def summary(self) -> str:
        if self.offline:
            return "Offline — showing saved stories"
        if not self.results and not self.cancelled:
            return "Nothing to sync: no source is enabled (Sync → Sources…, or `steppe sources add`)"
        parts = [f"{self.new} new", f"{self.updated} updated"]
        failed = len(self.failures)
        parts.append(f"{len(self.results) - failed} of {len(self.results)} sources ok")
        if self.images_saved:
            parts.append(f"{self.images_saved} images saved")
        if self.pruned:
            parts.append(f"{self.pruned} old stories pruned")
        return ("Sync cancelled: " if self.cancelled else "Synced: ") + ", ".join(parts)


@dataclass(frozen=True)
class _Target:
    id: int
    name: str
    feed_url: str
    site_url: str | None
    api_url: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class _Fetched:
    response: Response
    entries: list[Entry]
    via: str  # the URL the entries came from


ProgressCallback = Callable[[SyncProgress], None]


class SyncService:
    def __init__(self, library: Library, config: SyncConfig | None = None) -> None:
        self.library = library
        self.config = config or SyncConfig()

    def sync(
        self,
        sources: Sequence[str] = (),
        *,
        images: bool | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> SyncReport:
        """Sync the enabled sources (or those named by id, URL or name) and return what happened."""
        cancel = cancel or threading.Event()
        report_lock = threading.Lock()
        targets, waiting = self._targets(sources)
        total = len(targets)
        done = 0

        def tell(source: str, message: str, finished: bool = False) -> None:
            if progress is not None:
                with report_lock:
                    progress(SyncProgress(done, total, source, message, finished))

        results: list[SourceResult] = list(waiting)
        images_wanted: dict[str, None] = {}
        fetcher = Fetcher(self.config.fetch)
        pool = ThreadPoolExecutor(max_workers=max(1, self.config.workers), thread_name_prefix="steppe-sync")
        try:
            futures: dict[Future[_Fetched], _Target] = {}
            for target in targets:
                futures[pool.submit(self._fetch, fetcher, target, tell, cancel)] = target
            pending = set(futures)
            while pending and not cancel.is_set():
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    target = futures[future]
                    result, wanted = self._store(target, future)
                    results.append(result)
                    images_wanted.update(dict.fromkeys(wanted))
                    done += 1
                    tell(target.name, _describe(result), True)
            for future in pending:
                future.cancel()
            saved = 0
            if images if images is not None else self.config.images:
                saved = self._cache_images(pool, fetcher, list(images_wanted), tell, cancel)
            pruned = 0 if cancel.is_set() else self._prune()
        finally:
            pool.shutdown(wait=not cancel.is_set(), cancel_futures=True)
            fetcher.close()
        order = {t.id: i for i, t in enumerate(targets)}
        results.sort(key=lambda r: (order.get(r.source_id, -1), r.name))
        return SyncReport(tuple(results), cancelled=cancel.is_set(), images_saved=saved, pruned=pruned)

    # -- steps -----------------------------------------------------------------------------

    def _targets(self, wanted: Sequence[str]) -> tuple[list[_Target], list[SourceResult]]:
        manager = SourceManager(self.library)
        if wanted:
            chosen = {manager.find(text).id for text in wanted}
        now = dt.datetime.now(dt.UTC)
        with self.library._read() as conn:
            rows = conn.execute(
                select(*Source.__table__.c).where(Source.is_sample.is_(False)).order_by(Source.name)
            )
            targets: list[_Target] = []
            waiting: list[SourceResult] = []
            for row in rows:
                if wanted and row.id not in chosen:
                    continue
                if not wanted and not row.enabled:
                    continue
                if row.retry_after is not None and row.retry_after > now:
                    waiting.append(
                        SourceResult(row.id, row.name, row.feed_url, "waiting",
                                     error=f"asked to wait until {row.retry_after:%Y-%m-%d %H:%M} UTC")
                    )  # fmt: skip
                    continue
                targets.append(
                    _Target(
                        row.id, row.name, row.feed_url, row.site_url, row.api_url, row.etag, row.last_modified
                    )
                )
        return targets, waiting

    def _fetch(
        self, fetcher: Fetcher, target: _Target, tell: Callable[..., None], cancel: threading.Event
    ) -> _Fetched:
        """Runs on a pool thread: network and parsing only, never the database."""
        if cancel.is_set():
            raise SourceError(target.feed_url, "cancelled")
        tell(target.name, f"Fetching {target.name}")
        if target.api_url:
            try:
                response, entries = fetch_posts(
                    fetcher, target.api_url, etag=target.etag, last_modified=target.last_modified,
                    max_pages=self.config.max_wp_pages, cancelled=cancel.is_set,
                )  # fmt: skip
                return _Fetched(response, entries, response.url)
            except SourceError:
                pass  # the REST API may be closed off: the feed still works
        response = fetcher.get(
            target.feed_url,
            etag=None if target.api_url else target.etag,
            last_modified=None if target.api_url else target.last_modified,
            accept="application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.5",
        )
        if response.not_modified:
            return _Fetched(response, [], response.url)
        feed = parse_feed(response.body, response.url, response.headers.get("content-type"))
        return _Fetched(response, list(feed.entries), response.url)

    def _store(self, target: _Target, future: Future[_Fetched]) -> tuple[SourceResult, list[str]]:
        """The one writer: runs on the sync's own thread, one short transaction per source."""
        now = dt.datetime.now(dt.UTC)
        try:
            fetched = future.result()
        except SourceError as error:
            self._record_failure(target, error, now)
            return (
                SourceResult(target.id, target.name, target.feed_url, "failed", error=error.cause,
                             network_failure=is_network_failure(error)),
                [],
            )  # fmt: skip
        except ReaderError as error:  # pragma: no cover - a parser's own complaint
            self._record_failure(target, SourceError(target.feed_url, str(error)), now)
            return SourceResult(target.id, target.name, target.feed_url, "failed", error=str(error)), []
        response = fetched.response
        ingest = IngestResult()
        # Entries already past the retention period are not stored (they would be pruned at once
        # and come back as "new" on every sync).
        cutoff = self._retention_cutoff(now)
        entries = [e for e in fetched.entries if cutoff is None or (e.published_at or now) >= cutoff]
        with self.library._write() as conn:
            if entries:
                ingest = ingest_entries(
                    conn, target.id, entries, base_url=fetched.via, hint=target.feed_url, now=now
                )
            values: dict[str, object] = {"last_fetched_at": now, "last_error": None, "retry_after": None}
            if not response.not_modified:
                values["etag"] = response.etag
                values["last_modified"] = response.last_modified
            conn.execute(update(Source).where(Source.id == target.id).values(**values))
            conn.execute(
                insert(SyncRun).values(
                    kind="stories", source_id=target.id, started_at=now, finished_at=dt.datetime.now(dt.UTC),
                    status="ok", new_count=len(ingest.new_ids), updated_count=len(ingest.updated_ids),
                    message="not modified" if response.not_modified else None,
                )
            )  # fmt: skip
        status = "not-modified" if response.not_modified else "ok"
        wanted = [url for urls in ingest.images.values() for url in urls]
        result = SourceResult(
            target.id, target.name, target.feed_url, status, len(ingest.new_ids), len(ingest.updated_ids)
        )
        return result, wanted

    def _record_failure(self, target: _Target, error: SourceError, now: dt.datetime) -> None:
        with self.library._write() as conn:
            conn.execute(
                update(Source)
                .where(Source.id == target.id)
                .values(last_error=error.cause, retry_after=error.retry_after, last_fetched_at=now)
            )
            conn.execute(
                insert(SyncRun).values(
                    kind="stories", source_id=target.id, started_at=now, finished_at=dt.datetime.now(dt.UTC),
                    status="failed", new_count=0, updated_count=0, message=error.cause,
                )
            )  # fmt: skip

    def _cache_images(
        self,
        pool: ThreadPoolExecutor,
        fetcher: Fetcher,
        urls: list[str],
        tell: Callable[..., None],
        cancel: threading.Event,
    ) -> int:
        cache = self.library.images
        missing = [url for url in urls if url.startswith(("http://", "https://")) and cache.get(url) is None]
        if not missing or cancel.is_set():
            return 0
        tell("images", f"Saving {len(missing)} images for offline reading")

        def save(url: str) -> bool:
            if cancel.is_set():
                return False
            try:
                cache.put(url, fetcher.get(url, accept="image/*", max_bytes=MAX_IMAGE_BYTES).body)
            except (SourceError, RejectedImage):
                return False  # the story still reads; the pane shows a placeholder
            return True

        return sum(pool.map(save, missing))

    def _retention_cutoff(self, now: dt.datetime) -> dt.datetime | None:
        """Stories published before this are pruned; None: keep everything (setting 0)."""
        days = self.library.setting(RETENTION_SETTING, DEFAULT_RETENTION_DAYS)
        if not isinstance(days, int) or days <= 0:
            return None
        return now - dt.timedelta(days=days)

    def _prune(self) -> int:
        cutoff = self._retention_cutoff(dt.datetime.now(dt.UTC))
        if cutoff is None:
            return 0
        count, images = prune_stories(self.library._write, cutoff)
        if images:
            with self.library._read() as conn:
                still_used = set(
                    conn.execute(select(Story.image_url).where(Story.image_url.in_(set(images)))).scalars()
                )
            for url in set(images) - still_used:
                self.library.images.remove(url)  # the lead image; inline ones stay (few, small)
        return count


def _describe(result: SourceResult) -> str:
    if result.failed:
        return f"{result.name}: failed — {result.error}"
    if result.status == "not-modified":
        return f"{result.name}: not modified"
    return f"{result.name}: {result.new} new, {result.updated} updated"
