"""Managing the sources to sync: add (by feed or site URL), rename, enable/disable, remove,
and OPML import/export. Works on a Library and writes through its one writer."""

from __future__ import annotations

import datetime as dt
import logging
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert

from reader.core import search
from reader.core.errors import ReaderError
from reader.core.logs import active_log_file
from reader.core.models import Bookmark, Source, Story
from reader.core.opml import read_opml
from reader.core.sync.discover import Discovered, discover
from reader.core.sync.fetch import Fetcher, SourceError, check_url
from reader.core.sync.problems import internal_message

if TYPE_CHECKING:
    from reader.core.library import Library

log = logging.getLogger(__name__)


class SourceNotFound(ReaderError, LookupError):
    def __init__(self, text: str) -> None:
        super().__init__(f"No source matches {text!r} (see `steppe sources list`)")


class SourceExists(ReaderError, ValueError):
    pass


class SourceInUse(ReaderError, ValueError):
    """Removing the source would delete bookmarked stories."""


@dataclass(frozen=True)
class SourceStatus:
    """A source with its sync state, for `steppe sources list` and the sources dialog."""

    id: int
    name: str
    feed_url: str
    site_url: str | None
    api_url: str | None
    kind: str
    enabled: bool
    is_sample: bool
    story_count: int
    last_fetched_at: dt.datetime | None
    last_error: str | None
    retry_after: dt.datetime | None


class SourceManager:
    def __init__(self, library: Library, fetcher: Fetcher | None = None) -> None:
        self.library = library
        self._fetcher = fetcher

    def list(self, include_sample: bool = False) -> list[SourceStatus]:
        with self.library._read() as conn:
            counts = select(Story.source_id, func.count().label("n")).group_by(Story.source_id).subquery()
            query = (
                select(*Source.__table__.c, func.coalesce(counts.c.n, 0).label("story_count"))
                .outerjoin(counts, counts.c.source_id == Source.id)
                .order_by(func.lower(Source.name), Source.id)
            )
            if not include_sample:
                query = query.where(Source.is_sample.is_(False))
            rows = conn.execute(query).all()
        return [
            SourceStatus(
                id=r.id, name=r.name, feed_url=r.feed_url, site_url=r.site_url, api_url=r.api_url,
                kind=r.kind, enabled=r.enabled, is_sample=r.is_sample, story_count=r.story_count,
                last_fetched_at=_aware(r.last_fetched_at), last_error=r.last_error,
                retry_after=_aware(r.retry_after),
            )
            for r in rows
        ]  # fmt: skip

    def get(self, source_id: int) -> SourceStatus:
        for source in self.list(include_sample=True):
            if source.id == source_id:
                return source
        raise SourceNotFound(str(source_id))

    def find(self, text: str) -> SourceStatus:
        """A source by id, feed URL or name (a unique name prefix will do)."""
        found = self.library.find_source(text)
        if found is None:
            raise SourceNotFound(text)
        return self.get(found.id)

    def add(self, url: str, name: str | None = None, *, discover_feed: bool = True) -> SourceStatus:
        """Subscribe to a feed URL, or to the feed found on a site's page (needs the network).
        Whatever goes wrong is one ReaderError with a plain message, and nothing is added."""
        url = check_url(url)
        try:
            found = self._discover(url) if discover_feed else Discovered(url, None, None, None)
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
        fetcher = self._fetcher or Fetcher()
        try:
            return discover(fetcher, url)
        finally:
            if self._fetcher is None:
                fetcher.close()

    def add_known(
        self, feed_url: str, name: str, *, site_url: str | None = None, api_url: str | None = None
    ) -> SourceStatus:
        feed_url = check_url(feed_url)
        with self.library._write() as conn:
            if conn.execute(select(Source.id).where(Source.feed_url == feed_url)).first():
                raise SourceExists(f"Already subscribed to {feed_url}")
            source_id = _insert(conn, feed_url, name, site_url, api_url)
        return self.get(source_id)

    def rename(self, source_id: int, name: str) -> None:
        name = name.strip()
        if not name:
            raise ReaderError("A source needs a name")
        self._update(source_id, name=name)

    def set_enabled(self, source_id: int, enabled: bool) -> None:
        self._update(source_id, enabled=enabled)

    def _update(self, source_id: int, **values: object) -> None:
        with self.library._write() as conn:
            done = conn.execute(
                update(Source).where(Source.id == source_id, Source.is_sample.is_(False)).values(**values)
            )
            if not done.rowcount:
                raise SourceNotFound(str(source_id))

    def remove(self, source_id: int) -> int:
        """Delete a source and its stories; refused while any of its stories is bookmarked."""
        with self.library._write() as conn:
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
        return len(ids)

    def import_opml(self, path: Path) -> tuple[int, int]:
        """Add the feeds of an OPML file; returns (added, already there)."""
        feeds = read_opml(path)
        added = 0
        with self.library._write() as conn:
            known = set(conn.execute(select(Source.feed_url)).scalars())
            for feed in feeds:
                try:
                    url = check_url(feed.feed_url)
                except ReaderError:
                    continue
                if url in known:
                    continue
                _insert(conn, url, feed.name, feed.site_url, None)
                known.add(url)
                added += 1
        return added, len(feeds) - added

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
                name=name.strip() or feed_url, feed_url=feed_url, site_url=site_url, api_url=api_url,
                kind="wordpress" if api_url else "rss", enabled=True, is_sample=False,
                created_at=dt.datetime.now(dt.UTC),
            )
            .returning(Source.id)
        ).scalar_one()
    )  # fmt: skip


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.replace(tzinfo=dt.UTC) if moment is not None and moment.tzinfo is None else moment
