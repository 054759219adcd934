"""Managing the sources to sync: add (by feed or site URL), rename, enable/disable, remove,
and OPML import/export. The Library's sources part; it writes through the storage's one writer.
Listing sources needs no network code: httpx is imported only to add one."""

from __future__ import annotations

import builtins
import datetime as dt
import logging
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert

from reader.core import search
from reader.core.errors import ReaderError
from reader.core.logs import active_log_file, internal_message
from reader.core.models import Bookmark, Source, Story
from reader.core.opml import read_opml
from reader.core.storage import Storage
from reader.core.text import NAME_CHARS, clean_line
from reader.core.types import Changes, Outcome, SourceStatus

if TYPE_CHECKING:
    from reader.core.sync.discover import Discovered
    from reader.core.sync.fetch import Fetcher

log = logging.getLogger(__name__)


class SourceNotFound(ReaderError, LookupError):
    def __init__(self, text: str) -> None:
        super().__init__(f"No source matches {text!r} (see `steppe sources list`)")


class SourceExists(ReaderError, ValueError):
    pass


class SourceInUse(ReaderError, ValueError):
    """Removing the source would delete bookmarked stories."""


_CHANGED = Changes(sources=True)


def _check_url(url: str) -> str:
    from reader.core.sync.fetch import check_url

    return check_url(url)


class Sources:
    def __init__(self, storage: Storage, fetcher: Fetcher | None = None) -> None:
        self._storage = storage
        self._fetcher = fetcher

    @staticmethod
    def check_url(url: str) -> str:
        """The address stripped, or a SourceError if it is not an http(s) URL with a host."""
        return _check_url(url)

    def list(self, include_sample: bool = False) -> list[SourceStatus]:
        with self._storage.read() as conn:
            counts = select(Story.source_id, func.count().label("n")).group_by(Story.source_id).subquery()
            query = (
                select(*Source.__table__.c, func.coalesce(counts.c.n, 0).label("story_count"))
                .outerjoin(counts, counts.c.source_id == Source.id)
                .order_by(Source.is_sample.desc(), func.lower(Source.name), Source.id)
            )
            if not include_sample:
                query = query.where(Source.is_sample.is_(False))
            rows = conn.execute(query).all()
        return [
            SourceStatus(
                id=r.id, name=r.name, feed_url=r.feed_url, site_url=r.site_url, api_url=r.api_url,
                kind=r.kind, enabled=r.enabled, is_sample=r.is_sample, story_count=r.story_count,
                last_fetched_at=_aware(r.last_fetched_at), last_error=r.last_error,
                retry_after=_aware(r.retry_after), full_articles=r.full_articles,
            )
            for r in rows
        ]  # fmt: skip

    def get(self, source_id: int) -> SourceStatus:
        for source in self.list(include_sample=True):
            if source.id == source_id:
                return source
        raise SourceNotFound(str(source_id))

    def find(self, text: str) -> SourceStatus:
        """A source by id, feed URL or name (case-insensitive; a unique name prefix will do)."""
        sources = self.list(include_sample=True)
        wanted = text.strip().casefold()
        for source in sources:
            if wanted in (str(source.id), source.feed_url.casefold(), source.name.casefold()):
                return source
        prefixed = [s for s in sources if s.name.casefold().startswith(wanted)]
        if len(prefixed) == 1:
            return prefixed[0]
        raise SourceNotFound(text)

    def add(self, url: str, name: str | None = None, *, discover_feed: bool = True) -> Outcome[SourceStatus]:
        """Subscribe to a feed URL, or to the feed found on a site's page (needs the network).
        Whatever goes wrong is one ReaderError with a plain message, and nothing is added."""
        from reader.core.sync.fetch import SourceError

        url = _check_url(url)
        try:
            found = self._discover(url) if discover_feed else None
            if found is None:
                return self.add_known(url, name or url)
            return self.add_known(
                found.feed_url, name or found.title or found.feed_url,
                site_url=found.site_url, api_url=found.api_url,
            )  # fmt: skip
        except ReaderError as error:
            log.info("No source added from %s: %s", url, error)
            raise
        except Exception as error:  # a bug of ours on an odd page or feed: logged, said plainly
            log.error("Adding a source from %s failed", url, exc_info=error)
            raise SourceError(url, internal_message("add this source", active_log_file())) from error

    def _discover(self, url: str) -> Discovered:
        from reader.core.sync.discover import discover
        from reader.core.sync.fetch import Fetcher

        fetcher = self._fetcher or Fetcher()
        try:
            return discover(fetcher, url)
        finally:
            if self._fetcher is None:
                fetcher.close()

    def add_known(
        self, feed_url: str, name: str, *, site_url: str | None = None, api_url: str | None = None
    ) -> Outcome[SourceStatus]:
        feed_url = _check_url(feed_url)

        def add(conn: Connection) -> int:
            if conn.execute(select(Source.id).where(Source.feed_url == feed_url)).first():
                raise SourceExists(f"Already subscribed to {feed_url}")
            return _insert(conn, feed_url, name, site_url, api_url)

        return Outcome(self.get(self._storage.write(add)), _CHANGED)

    def rename(self, source_id: int, name: str) -> Changes:
        name = clean_line(name, NAME_CHARS)
        if not name:
            raise ReaderError("A source needs a name")
        return self._update(source_id, name=name)

    def set_enabled(self, source_id: int, enabled: bool) -> Changes:
        return self._update(source_id, enabled=enabled)

    def _update(self, source_id: int, **values: object) -> Changes:
        def change(conn: Connection) -> int:
            return conn.execute(
                update(Source).where(Source.id == source_id, Source.is_sample.is_(False)).values(**values)
            ).rowcount

        if not self._storage.write(change):
            raise SourceNotFound(str(source_id))
        return _CHANGED

    def remove(self, source_id: int) -> Outcome[int]:
        """Delete a source and its stories; refused while any of its stories is bookmarked.
        The value is how many stories went with it."""
        ids = self._storage.write(lambda conn: self._remove(conn, source_id))
        return Outcome(len(ids), Changes(sources=True, stories=True, story_ids=frozenset(ids)))

    @staticmethod
    def _remove(conn: Connection, source_id: int) -> builtins.list[int]:
        row = conn.execute(select(Source.name, Source.is_sample).where(Source.id == source_id)).first()
        if row is None or row.is_sample:
            raise SourceNotFound(str(source_id))
        marked = conn.execute(
            select(func.count())
            .select_from(Bookmark)
            .join(Story, Story.id == Bookmark.story_id)
            .where(Story.source_id == source_id)
        ).scalar_one()
        if marked:
            raise SourceInUse(
                f"{row.name} has {marked} bookmarked {'story' if marked == 1 else 'stories'}: "
                "remove those bookmarks first, or disable the source instead"
            )
        ids = list(conn.execute(select(Story.id).where(Story.source_id == source_id)).scalars())
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            search.unindex_stories(conn, chunk)
            conn.execute(delete(Story).where(Story.id.in_(chunk)))
        conn.execute(delete(Source).where(Source.id == source_id))
        return ids

    def import_opml(self, path: Path) -> Outcome[tuple[int, int]]:
        """Add the feeds of an OPML file; the value is (added, already there or unusable)."""
        feeds = read_opml(path)

        def add(conn: Connection) -> int:
            added = 0
            known = set(conn.execute(select(Source.feed_url)).scalars())
            for feed in feeds:
                try:
                    url = _check_url(feed.feed_url)
                except ReaderError:
                    continue
                if url in known:
                    continue
                _insert(conn, url, feed.name, feed.site_url, None)
                known.add(url)
                added += 1
            return added

        added = self._storage.write(add)
        return Outcome((added, len(feeds) - added), _CHANGED)

    def export_opml(self, path: Path) -> int:
        sources = self.list()
        root = ET.Element("opml", version="2.0")
        head = ET.SubElement(root, "head")
        ET.SubElement(head, "title").text = "Steppe Reader sources"
        body = ET.SubElement(root, "body")
        for source in sources:
            attrs = {"type": "rss", "text": source.name, "title": source.name, "xmlUrl": source.feed_url}
            if source.site_url:
                attrs["htmlUrl"] = source.site_url
            ET.SubElement(body, "outline", attrs)
        ET.indent(root)
        try:
            ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)
        except OSError as exc:
            raise ReaderError(f"Cannot write {path}: {exc.strerror or exc}") from exc
        return len(sources)


def _insert(conn: Connection, feed_url: str, name: str, site_url: str | None, api_url: str | None) -> int:
    return int(
        conn.execute(
            insert(Source)
            .values(
                name=clean_line(name, NAME_CHARS) or feed_url, feed_url=feed_url, site_url=site_url, api_url=api_url,
                kind="wordpress" if api_url else "rss", enabled=True, is_sample=False,
                created_at=dt.datetime.now(dt.UTC),
            )
            .returning(Source.id)
        ).scalar_one()
    )  # fmt: skip


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment
