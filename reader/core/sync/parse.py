"""Feed documents (RSS 0.9x/1.0/2.0, Atom, RDF) into plain entries, through feedparser."""

from __future__ import annotations

import calendar
import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import feedparser

from reader.core.sync.fetch import SourceError


@dataclass(frozen=True)
class Entry:
    """One story as a feed or the WordPress API describes it, before sanitising."""

    guid: str
    url: str | None
    title: str
    author: str | None
    published_at: dt.datetime | None
    updated_at: dt.datetime | None
    summary_html: str | None
    content_html: str | None
    categories: tuple[str, ...] = ()
    image_url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    site_url: str | None
    language: str | None
    entries: tuple[Entry, ...]


def _moment(parsed: time.struct_time | None) -> dt.datetime | None:
    if parsed is None:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)


def _image_of(item: Any) -> str | None:
    for key in ("media_content", "media_thumbnail"):
        for media in item.get(key) or ():
            url = media.get("url")
            if url and (media.get("medium") in (None, "image") or key == "media_thumbnail"):
                return str(url)
    for enclosure in item.get("enclosures") or ():
        if str(enclosure.get("type", "")).startswith("image/") and enclosure.get("href"):
            return str(enclosure["href"])
    return None


def parse_feed(body: bytes, url: str) -> ParsedFeed:
    """Entries of a feed document; SourceError if it is not a feed at all."""
    # Our own sanitiser (nh3, at ingest) and link resolution replace feedparser's, which are
    # pure Python and took most of the parsing time.
    parsed = feedparser.parse(
        body, response_headers={"content-location": url}, sanitize_html=False, resolve_relative_uris=False
    )
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        raise SourceError(url, f"not an RSS, Atom or RDF feed ({reason or 'unrecognised format'})")
    feed = parsed.feed
    language = feed.get("language") or None
    entries: list[Entry] = []
    for item in parsed.entries:
        link = item.get("link") or None
        guid = item.get("id") or link
        title = (item.get("title") or "").strip()
        if not guid or not (title or link):
            continue  # nothing to tell it apart or to show
        # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed, warning.
        published, updated = dict.get(item, "published_parsed"), dict.get(item, "updated_parsed")
        content = None
        if item.get("content"):
            # Atom may offer several; prefer HTML over plain text.
            bodies = sorted(item["content"], key=lambda c: "html" not in str(c.get("type", "")))
            content = bodies[0].get("value")
        entries.append(
            Entry(
                guid=str(guid).strip(),
                url=str(link).strip() if link else None,
                title=title or str(link),
                author=item.get("author") or None,
                published_at=_moment(published) or _moment(updated),
                updated_at=_moment(updated),
                summary_html=item.get("summary") or None,
                content_html=content,
                categories=tuple(t["term"] for t in item.get("tags") or () if t.get("term")),
                image_url=_image_of(item),
                language=language,
            )
        )
    return ParsedFeed(
        title=feed.get("title") or None,
        site_url=feed.get("link") or None,
        language=language,
        entries=tuple(entries),
    )
