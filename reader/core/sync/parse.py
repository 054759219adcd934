"""Feed documents (RSS 0.9x/1.0/2.0, Atom, RDF) into plain entries, through feedparser.

The document's bytes are decoded by feedparser's rules (RFC 3023: the HTTP charset, then the XML
declaration, then UTF-8), with the server's Content-Type passed in, and repairs before it: a
byte-order mark wins over everything (as the XML specification says; feedparser lets a header
override it), a missing Content-Type means XML's default of UTF-8 (feedparser would read
ISO-8859-1), a document declared UTF-8 with a few invalid bytes keeps its text with U+FFFD in
their place (feedparser would decode all of it as windows-1252), and a DOCTYPE declaring
entities is dropped (external entities were never fetched; nested ones cost seconds of CPU).
An entry that cannot be read is skipped, never the feed.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit

import feedparser
from feedparser.mixin import _FeedParserMixin

from reader.core.sync import fastfeed
from reader.core.sync.dates import feed_moment
from reader.core.sync.fetch import SourceError

log = logging.getLogger(__name__)
T = TypeVar("T")

MAX_TAGS = 200  # categories read per entry


def _bounded_add_tag(add_tag: Callable[..., None]) -> Callable[..., None]:
    """feedparser's _add_tag checks each new category against all of the entry's (`value not in
    tags`): 20,000 categories in one item took 16 s, 300,000 would take hours. Past MAX_TAGS an
    entry's further categories are ignored, which keeps each check bounded."""

    def bounded(self: Any, term: Any, scheme: Any, label: Any) -> None:
        if len(self._get_context().setdefault("tags", [])) < MAX_TAGS:
            add_tag(self, term, scheme, label)

    bounded.steppe_bounded = True  # type: ignore[attr-defined]
    return bounded


if not getattr(_FeedParserMixin._add_tag, "steppe_bounded", False):
    _FeedParserMixin._add_tag = _bounded_add_tag(_FeedParserMixin._add_tag)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_DECLARATION_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""", re.IGNORECASE)
# A numeric character reference naming no character (a surrogate, beyond U+10FFFF) makes
# feedparser's lenient parser raise instead of reading on.
_CHARREF = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+);")
# An internal DTD subset declaring entities: expat expands nested ones (a "billion laughs" just
# under its amplification limit is ~3 MB of text, a million feedparser callbacks, seconds of
# CPU). Feeds have no use for it: the DOCTYPE is dropped and the references stay as text.
_ENTITY_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*\[[^\]]*?<!ENTITY.*?\]\s*>", re.DOTALL)
_PROLOG_BYTES = 64 * 1024
_FEW_INVALID = 0.01  # at most this share of the body invalid: a damaged UTF-8 document


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


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


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


def _looks_like_html(body: bytes, content_type: str) -> bool:
    head = body[:2048].lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html"))


def parse_feed(body: bytes, url: str, content_type: str | None = None, *, fast: bool = True) -> ParsedFeed:
    """Entries of a feed document; SourceError if it is not a feed at all. `content_type` is the
    HTTP Content-Type header, charset included, when the server sent one. A plain RSS 2.0
    document is read by `fastfeed` (lxml) unless `fast` is False; anything else by feedparser."""
    body, content_type = _prepare_bytes(body, content_type or "application/xml")
    quick = fastfeed.read(body, url, content_type) if fast else None
    if quick is not None and quick[1]:  # no items: feedparser says whether the feed is broken
        channel, items = quick
        language = _text(channel.get("language"))
        return ParsedFeed(
            title=_text(channel.get("title")),
            site_url=_text(channel.get("link")),
            language=language,
            entries=tuple(read_each(items, lambda item: _entry(item, language), url)),
        )
    headers = {"content-location": url, "content-type": content_type}
    parsed = _feedparser(body, url, headers)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        host = urlsplit(url).hostname or url
        sent = "a web page" if _looks_like_html(body, content_type) else "something"
        raise SourceError(
            url,
            f"{host} sent {sent}, not an RSS, Atom or RDF feed",
            detail=f"{content_type}: {reason or 'unrecognised format'}",
        )
    feed = parsed.feed
    language = _text(feed.get("language"))
    entries = tuple(read_each(parsed.entries, lambda item: _entry(item, language), url))
    if parsed.get("bozo") and not entries:
        # A feed that breaks off (or goes wrong) before its first whole story: "0 new" would
        # hide that the source is broken. An empty but well-formed feed is fine.
        raise SourceError(
            url,
            f"{urlsplit(url).hostname or url} sent a feed that is cut off or broken before its first story",
            detail=f"{content_type}: {parsed.get('bozo_exception')}",
        )
    return ParsedFeed(
        title=_text(feed.get("title")),
        site_url=_text(feed.get("link")),
        language=language,
        entries=entries,
    )


def read_each(items: Iterable[T], read: Callable[[T], Entry | None], where: str) -> list[Entry]:
    """`read` applied to each item of a feed or an API answer; an item it raises on is logged
    with its traceback and left out (one odd entry must not cost a source its other stories),
    and None (nothing to show) is left out quietly."""
    entries: list[Entry] = []
    for index, item in enumerate(items):
        try:
            entry = read(item)
        except Exception:
            log.exception("%s: entry %d skipped: it could not be read", where, index + 1)
            continue
        if entry is not None:
            entries.append(entry)
    return entries


def _feedparser(body: bytes, url: str, headers: dict[str, str]) -> Any:
    # Our own sanitiser (nh3, at ingest) and link resolution replace feedparser's, which are
    # pure Python and took most of the parsing time.
    options: dict[str, Any] = {
        "response_headers": headers,
        "sanitize_html": False,
        "resolve_relative_uris": False,
    }
    try:
        return feedparser.parse(body, **options)
    except (ValueError, OverflowError):  # UnicodeEncodeError included: see _CHARREF
        pass
    except Exception as exc:
        log.exception("%s: feedparser failed", url)
        raise SourceError(url, f"the feed could not be read ({type(exc).__name__})") from None
    try:
        return feedparser.parse(_CHARREF.sub(_valid_charref, body), **options)
    except Exception as exc:
        log.exception("%s: feedparser failed", url)
        raise SourceError(url, f"the feed could not be read ({type(exc).__name__})") from None


def _valid_charref(match: re.Match[bytes]) -> bytes:
    ref = match.group(1)
    try:
        value = int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)
    except ValueError:  # more digits than int() reads
        return b"&#xFFFD;"
    return match.group(0) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else b"&#xFFFD;"


def _prepare_bytes(body: bytes, content_type: str) -> tuple[bytes, str]:
    """The repairs of the module docstring; returns the body and the Content-Type to use."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            text = body[len(bom) :].decode(encoding, "replace")
            text = _DECLARATION_ENCODING.sub(r"\1", text, count=1)
            media = content_type.split(";")[0].strip() or "application/xml"
            return _without_entity_doctype(text.encode("utf-8")), f"{media}; charset=utf-8"
    body = _without_entity_doctype(body)
    charset = _CHARSET.search(content_type)
    declared = _DECLARED.match(body[:1024])
    name = charset.group(1) if charset else declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        is_utf8 = codecs.lookup(name).name == "utf-8"
    except LookupError:
        is_utf8 = False
    if is_utf8 and not body.isascii():
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            text = body.decode("utf-8", "replace")
            if text.count("\ufffd") <= len(body) * _FEW_INVALID:
                body = text.encode("utf-8")
    return body, content_type


def _without_entity_doctype(body: bytes) -> bytes:
    start = body.find(b"<!DOCTYPE", 0, _PROLOG_BYTES)  # XML spells it in capitals
    if start < 0 or body.find(b"<!ENTITY", start, _PROLOG_BYTES) < 0:
        return body
    match = _ENTITY_DOCTYPE.match(body, start, _PROLOG_BYTES)  # one attempt, where it starts
    return body[:start] + body[match.end() :] if match else body


def _digest(*parts: object) -> str:
    text = "\n".join(part for part in parts if isinstance(part, str))
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()


def _entry(item: Any, language: str | None) -> Entry | None:
    link = _text(item.get("link"))
    title = (_text(item.get("title")) or "").strip()
    if not (title or link):
        return None  # nothing to show
    # RSS 0.9x items may have neither guid nor link: their title and text tell them apart.
    guid = (_text(item.get("id")) or link or "").strip() or _digest(title, item.get("summary"))
    # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed, warning.
    published = feed_moment(dict.get(item, "published"), dict.get(item, "published_parsed"))
    updated = feed_moment(dict.get(item, "updated"), dict.get(item, "updated_parsed"))
    content = None
    if item.get("content"):
        # Atom may offer several; prefer HTML over plain text.
        bodies = sorted(item["content"], key=lambda c: "html" not in str(c.get("type", "")))
        content = _text(bodies[0].get("value"))
    tags = item.get("tags") or ()
    return Entry(
        guid=guid,
        url=link.strip() if link else None,
        title=title,  # may be empty: ingest falls back to the link, then the guid
        author=_text(item.get("author")),
        published_at=published or updated,
        updated_at=updated,
        summary_html=_text(item.get("summary")),
        content_html=content,
        categories=tuple(t["term"] for t in tags if isinstance(t.get("term"), str) and t["term"]),
        image_url=_image_of(item),
        language=language,
    )
