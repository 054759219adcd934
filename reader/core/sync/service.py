"""One sync run: sources fetched in parallel, each source's result written through the storage's
one writer as it arrives, images cached, old stories pruned. Cancellable between steps; no Qt.

The fetches run on the executor the caller hands in (the window's network pool), or on a pool
of the run's own (the command line).

A sync runs many independent sources, so any exception of one source's fetch, parse or store
becomes that source's problem (its transaction rolled back, `last_error` recorded, the
traceback logged) and the others go on; a failing image or prune never fails the sync."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects.sqlite import insert

from reader.core import cpu
from reader.core.errors import ReaderError
from reader.core.images import MAX_IMAGE_BYTES, ImageCache, RejectedImage
from reader.core.logs import active_log_file
from reader.core.models import Source, Story, SyncRun
from reader.core.search.index import TagNames, tag_names
from reader.core.settings import Settings
from reader.core.storage import Storage
from reader.core.sync.fetch import FetchConfig, Fetcher, Response, SourceError
from reader.core.sync.ingest import (
    IngestResult,
    PreparedEntries,
    finish_entries,
    ingest_prepared,
    parse_and_prepare,
    prepare_entries,
    unstored,
)
from reader.core.sync.parse import Entry
from reader.core.sync.problems import INTERNAL, WAITING, SourceProblem, problem_of, waiting_problem
from reader.core.sync.report import SourceResult, SyncProgress, SyncReport, describe
from reader.core.sync.retention import prune_stories
from reader.core.sync.sources import Sources
from reader.core.sync.wordpress import fetch_posts
from reader.core.types.settings import RETENTION_DAYS
from reader.core.types.words import plural

__all__ = ["SourceResult", "Sync", "SyncConfig", "SyncProgress", "SyncReport"]

log = logging.getLogger(__name__)

# A document this large (about 150 entries) or an API answer with this many entries is parsed and
# prepared in a worker process (reader.core.cpu); smaller ones on the fetching thread.
PARSE_IN_WORKERS_BYTES = 256 * 1024
PREPARE_IN_WORKERS_ENTRIES = 150
# New entries finished (tagged, tokenised, compressed) at once before a worker process pays.
FINISH_IN_WORKERS_ENTRIES = 100


@dataclass(frozen=True)
class SyncConfig:
    fetch: FetchConfig = field(default_factory=FetchConfig)
    workers: int = 4  # sources fetched at once
    max_wp_pages: int = 3
    images: bool = True


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
    prepared: PreparedEntries
    now: dt.datetime  # when the answer arrived: what stored dates are clamped to


ProgressCallback = Callable[[SyncProgress], None]


class Sync:
    """The sync part of the Library. `config` is what a run uses unless it is given another."""

    def __init__(self, storage: Storage, settings: Settings, sources: Sources, images: ImageCache) -> None:
        self._storage = storage
        self._settings = settings
        self._sources = sources
        self._images = images
        self.config = SyncConfig()

    def run(
        self,
        sources: Sequence[str] = (),
        *,
        images: bool | None = None,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        executor: Executor | None = None,
        config: SyncConfig | None = None,
    ) -> SyncReport:
        """Sync the enabled sources (or those named by id, URL or name) and return what happened;
        its `changes` say what went stale."""
        config = config or self.config
        cancel = cancel or threading.Event()
        report_lock = threading.Lock()
        targets, waiting = self._targets(sources)
        cutoff = self._retention_cutoff(dt.datetime.now(dt.UTC))
        total = len(targets)
        done = 0

        def tell(source: str, message: str, finished: bool = False) -> None:
            if progress is not None:
                with report_lock:
                    progress(SyncProgress(done, total, source, message, finished))

        results: list[SourceResult] = list(waiting)
        images_wanted: dict[str, None] = {}
        fetcher = Fetcher(config.fetch)
        own_pool = executor is None
        pool = executor or ThreadPoolExecutor(
            max_workers=max(1, config.workers), thread_name_prefix="steppe-sync"
        )
        try:
            futures: dict[Future[_Fetched], _Target] = {}
            names = self._tag_names() if targets else None
            for target in targets:
                futures[pool.submit(self._fetch, fetcher, config, target, cutoff, tell, cancel, names)] = (
                    target
                )
            pending = set(futures)
            while pending and not cancel.is_set():
                finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in finished:
                    target = futures[future]
                    result, wanted = self._store(target, future)
                    results.append(result)
                    images_wanted.update(dict.fromkeys(wanted))
                    done += 1
                    tell(target.name, describe(result), True)
            for future in pending:
                future.cancel()
            saved = 0
            if images if images is not None else config.images:
                saved = self._cache_images(pool, fetcher, list(images_wanted), tell, cancel)
            pruned = 0 if cancel.is_set() else self._prune()
        finally:
            if own_pool:
                pool.shutdown(wait=not cancel.is_set(), cancel_futures=True)
            fetcher.close()
        order = {t.id: i for i, t in enumerate(targets)}
        results.sort(key=lambda r: (order.get(r.source_id, -1), r.name))
        return SyncReport(tuple(results), cancelled=cancel.is_set(), images_saved=saved, pruned=pruned)

    # -- steps -----------------------------------------------------------------------------

    def _targets(self, wanted: Sequence[str]) -> tuple[list[_Target], list[SourceResult]]:
        if wanted:
            chosen = {self._sources.find(text).id for text in wanted}
        now = dt.datetime.now(dt.UTC)
        with self._storage.read() as conn:
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
                        SourceResult(row.id, row.name, row.feed_url, WAITING,
                                     problem=waiting_problem(row.feed_url, row.retry_after, now))
                    )  # fmt: skip
                    continue
                targets.append(
                    _Target(
                        row.id, row.name, row.feed_url, row.site_url, row.api_url, row.etag, row.last_modified
                    )
                )
        return targets, waiting

    def _fetch(
        self,
        fetcher: Fetcher,
        config: SyncConfig,
        target: _Target,
        cutoff: dt.datetime | None,
        tell: Callable[..., None],
        cancel: threading.Event,
        names: TagNames | None = None,
    ) -> _Fetched:
        """Runs on a pool thread: network, parsing and preparing the entries, and finishing the
        new ones (`_finish`); the database only read."""
        if cancel.is_set():
            raise SourceError(target.feed_url, "cancelled")
        tell(target.name, f"Fetching {target.name}")
        if target.api_url:
            try:
                response, entries = fetch_posts(
                    fetcher, target.api_url, etag=target.etag, last_modified=target.last_modified,
                    max_pages=config.max_wp_pages, cancelled=cancel.is_set,
                )  # fmt: skip
                now = dt.datetime.now(dt.UTC)
                prepared = cpu.run(
                    _prepare_posts, entries, response.url, target.feed_url, now, cutoff,
                    worth_it=len(entries) >= PREPARE_IN_WORKERS_ENTRIES,
                )  # fmt: skip
                return _Fetched(response, self._finish(target, prepared, names), now)
            except SourceError:
                pass  # the REST API may be closed off: the feed still works
            except Exception:
                # Our bug on an odd API answer: logged, and the feed may still work.
                log.exception("Reading the WordPress API of %s (%s) failed; trying its feed", target.name,
                              target.api_url)  # fmt: skip
        response = fetcher.get(
            target.feed_url,
            etag=None if target.api_url else target.etag,
            last_modified=None if target.api_url else target.last_modified,
            accept="application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, */*;q=0.5",
        )
        now = dt.datetime.now(dt.UTC)
        if response.not_modified:
            return _Fetched(response, PreparedEntries([], []), now)
        prepared = cpu.run(
            parse_and_prepare, response.body, response.url, response.headers.get("content-type"),
            target.feed_url, now, cutoff, worth_it=len(response.body) >= PARSE_IN_WORKERS_BYTES,
        )  # fmt: skip
        return _Fetched(response, self._finish(target, prepared, names), now)

    def _tag_names(self) -> TagNames:
        with self._storage.read() as conn:
            return tag_names(conn)

    def _finish(self, target: _Target, prepared: PreparedEntries, names: TagNames | None) -> PreparedEntries:
        """Tag, tokenise and compress the entries not stored yet before the write, in a worker
        process when there are many: the writer, which every source waits for, then only inserts."""
        if names is None or not prepared.items:
            return prepared
        try:
            with self._storage.read() as conn:
                fresh = unstored(conn, target.id, prepared)
        except ReaderError as error:  # the write will say what is wrong; it finishes the entries itself
            log.warning(
                "%s: which entries are new could not be read (%s); the writer tags them", target.name, error
            )
            return prepared
        if not fresh:
            return prepared
        return cpu.run(
            finish_entries, prepared, fresh, names, worth_it=len(fresh) >= FINISH_IN_WORKERS_ENTRIES
        )

    def _store(self, target: _Target, future: Future[_Fetched]) -> tuple[SourceResult, list[str]]:
        """One short write transaction per source, through the storage's one writer. Whatever
        goes wrong is this source's problem: its transaction rolls back, the rest go on."""
        now = dt.datetime.now(dt.UTC)
        try:
            return self._save(target, future.result())
        except Exception as error:  # KeyboardInterrupt and SystemExit still end the run
            problem = problem_of(error, target.feed_url, log_file=active_log_file(), at=now)
            if problem.kind == INTERNAL:
                log.error("Sync of %s <%s> failed: %s", target.name, target.feed_url, problem.detail,
                          exc_info=error)  # fmt: skip
            else:
                log.warning("Sync of %s <%s> failed [%s]: %s (%s)", target.name, problem.url, problem.kind,
                            problem.message, problem.detail)  # fmt: skip
            retry_after = error.retry_after if isinstance(error, SourceError) else None
            self._record_failure(target, problem, retry_after, now)
            return SourceResult(target.id, target.name, target.feed_url, "failed", problem=problem), []

    def _save(self, target: _Target, fetched: _Fetched) -> tuple[SourceResult, list[str]]:
        response, prepared, now = fetched.response, fetched.prepared, fetched.now

        def write(conn: Connection) -> IngestResult:
            ingest = IngestResult(skipped=list(prepared.skipped))
            if prepared.items:
                ingest = ingest_prepared(conn, target.id, prepared, now)
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
            return ingest

        ingest = self._storage.write(write)
        status = "not-modified" if response.not_modified else "ok"
        wanted = [url for urls in ingest.images.values() for url in urls]
        result = SourceResult(
            target.id, target.name, target.feed_url, status, len(ingest.new_ids), len(ingest.updated_ids),
            skipped=len(ingest.skipped), new_ids=tuple(ingest.new_ids),
        )  # fmt: skip
        return result, wanted

    def _record_failure(
        self, target: _Target, problem: SourceProblem, retry_after: dt.datetime | None, now: dt.datetime
    ) -> None:
        """`last_error` and a failed run in the history, so the next sync tries again. If even
        that cannot be written (the disk is full, the file locked), the log still has it."""

        def write(conn: Connection) -> None:
            conn.execute(
                update(Source)
                .where(Source.id == target.id)
                .values(last_error=problem.message, retry_after=retry_after, last_fetched_at=now)
            )
            conn.execute(
                insert(SyncRun).values(
                    kind="stories", source_id=target.id, started_at=now,
                    finished_at=dt.datetime.now(dt.UTC), status="failed", new_count=0, updated_count=0,
                    message=problem.message,
                )
            )  # fmt: skip

        try:
            self._storage.write(write)
        except Exception:
            log.exception("Could not record the failure of %s", target.name)

    def _cache_images(
        self,
        pool: Executor,
        fetcher: Fetcher,
        urls: list[str],
        tell: Callable[..., None],
        cancel: threading.Event,
    ) -> int:
        """Images for offline reading; one that fails is a placeholder in the pane, never a failed sync."""
        cache = self._images

        def save(url: str) -> bool:
            if cancel.is_set():
                return False
            try:
                cache.put(url, fetcher.get(url, accept="image/*", max_bytes=MAX_IMAGE_BYTES).body)
            except (SourceError, RejectedImage) as error:
                log.info("Image %s not saved: %s", url, error)
                return False  # the story still reads; the pane shows a placeholder
            except Exception:
                log.exception("Image %s not saved", url)
                return False
            return True

        try:
            missing = [u for u in urls if u.startswith(("http://", "https://")) and cache.get(u) is None]
            if not missing or cancel.is_set():
                return 0
            tell("images", f"Saving {plural(len(missing), 'image')} for offline reading")
            return sum(pool.map(save, missing))
        except Exception:
            log.exception("Saving images failed")
            return 0

    def _retention_cutoff(self, now: dt.datetime) -> dt.datetime | None:
        """Stories published before this are pruned; None: keep everything (setting 0)."""
        days = self._settings.get(RETENTION_DAYS)
        return now - dt.timedelta(days=days) if days > 0 else None

    def _prune(self) -> int:
        """Old stories removed; a prune that fails is logged and tried again at the next sync."""
        try:
            return self._prune_old()
        except Exception:
            log.exception("Pruning old stories failed")
            return 0

    def _prune_old(self) -> int:
        cutoff = self._retention_cutoff(dt.datetime.now(dt.UTC))
        if cutoff is None:
            return 0
        count, images = prune_stories(self._storage, cutoff)
        if images:
            with self._storage.read() as conn:
                still_used = set(
                    conn.execute(select(Story.image_url).where(Story.image_url.in_(set(images)))).scalars()
                )
            for url in set(images) - still_used:
                self._images.remove(url)  # the lead image; inline ones stay (few, small)
        return count


def _prepare_posts(
    entries: list[Entry], url: str, hint: str, now: dt.datetime, cutoff: dt.datetime | None
) -> PreparedEntries:
    return prepare_entries(entries, base_url=url, hint=hint, now=now, cutoff=cutoff)
