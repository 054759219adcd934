"""A fast path for the common, plain RSS 2.0 document, read with lxml instead of feedparser.

feedparser's pure-Python SAX handlers took about 0.9 ms of CPU per entry, the largest share of a
sync's ingest. Most feeds are well-formed RSS 2.0 using a handful of elements, so those are read
here with libxml2 (a hardened parser: no entities resolved, no network, no huge trees) into the
same item dictionaries feedparser builds, which `parse._entry` then reads exactly as before.

The rule is: anything this module does not map exactly as feedparser does sends the whole
document back to feedparser (`read` returns None) — a document that is not well-formed, a root
other than <rss>, a DOCTYPE, xml:base or xml:lang, an encoding other than UTF-8, an element or
attribute not in the tables below, markup or a comment inside a text element, a repeated
element, an empty link or category. tests/core/sync/test_fastfeed.py checks, for every feed in
the fixtures and a generated corpus, that what this module accepts equals feedparser's entries
field by field.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.urls import _urljoin
from lxml import etree

from reader.core.sync.dates import parse_date_text

_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_MEDIA = "{http://search.yahoo.com/mrss/}"
_ATOM = "{http://www.w3.org/2005/Atom}"
_PROLOG_BYTES = 64 * 1024

# Item children: the feedparser key each fills (None: read, but not used by parse._entry).
_ITEM_TEXT = {
    "title": "title",
    "link": "link",
    "guid": "id",
    "description": "summary",
    f"{_CONTENT}encoded": "content",
    "pubDate": "published",
    f"{_DC}date": "updated",
    "author": "author",
    f"{_DC}creator": "author",
    "category": "tags",
    "comments": None,
    "{http://wellformedweb.org/CommentAPI/}commentRss": None,
    "{http://purl.org/rss/1.0/modules/slash/}comments": None,
    "{com-wordpress:feed-additions:1}post-id": None,
}
_ITEM_EMPTY = {"enclosure", f"{_MEDIA}content", f"{_MEDIA}thumbnail"}
_ATTRIBUTES = {
    "guid": {"isPermaLink"},
    "category": {"domain"},
    "enclosure": {"url", "type", "length"},
    f"{_MEDIA}content": {"url", "type", "medium", "width", "height", "fileSize", "duration", "lang"},
    f"{_MEDIA}thumbnail": {"url", "width", "height"},
}
# Channel children that cannot change the feed's title, link or language as feedparser reads them.
_CHANNEL_IGNORED = {
    "description", "copyright", "managingEditor", "webMaster", "pubDate", "lastBuildDate",
    "category", "generator", "docs", "ttl", "image", "rating", "skipHours", "skipDays", "cloud",
    "{http://purl.org/rss/1.0/modules/syndication/}updatePeriod",
    "{http://purl.org/rss/1.0/modules/syndication/}updateFrequency",
    "{com-wordpress:feed-additions:1}site",
}  # fmt: skip
_CHANNEL_TEXT = {"title", "link", "language"}
_LINK_REF = re.compile("&([A-Za-z0-9_]+);")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^\s;"']+)""", re.IGNORECASE)
_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False, recover=False
)


class _Fallback(Exception):
    """Something feedparser may read differently: it reads the document instead."""


def read(body: bytes, url: str, content_type: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    """The feed's fields and its items as feedparser's dictionaries, or None: ask feedparser."""
    if not _plain_utf8(body, content_type):
        return None
    head = body[:_PROLOG_BYTES]
    if b"<!DOCTYPE" in head or b"xml:base" in body or b"xml:lang" in body:
        return None
    try:
        root = etree.fromstring(body, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return None
    try:
        return _read_rss(root, url)
    except _Fallback:
        return None


def _plain_utf8(body: bytes, content_type: str) -> bool:
    """UTF-8 as feedparser decides it (the HTTP charset, then the declaration, then UTF-8)."""
    media = content_type.split(";")[0].strip().lower()
    if "html" in media or "json" in media:
        return False
    if b"\x00" in body[:1024]:
        return False  # UTF-16 or UTF-32 without a byte-order mark
    charset = _CHARSET.search(content_type)
    declared = _DECLARED.match(body[:1024])
    if declared is None and b"encoding" in body[: body.find(b"?>", 0, 1024) + 1]:
        return False  # a declaration this pattern does not read
    labels = set()
    if charset is not None:
        labels.add(charset.group(1).lower())
    if declared is not None:
        labels.add(declared.group(1).decode("ascii").lower())
    if labels - {"utf-8"}:
        return False
    # RFC 3023: text/* without a charset is US-ASCII
    return bool(labels) or not media.startswith("text/") or body.isascii()


def _no_attributes(element: Any, allowed: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    for name in element.attrib:
        if name not in allowed:
            raise _Fallback


def _text(element: Any) -> str:
    """The element's text as feedparser's `pop` makes it: stripped, then its encoding repairs."""
    if len(element):
        raise _Fallback  # markup, a comment or an instruction inside: feedparser rebuilds it
    return (element.text or "").strip()


def _repaired(text: str) -> str:
    if text.isascii():
        return text
    # UTF-8 that had been read as ISO-8859-1 and encoded again (feedparser's repair)
    with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return text.translate(_cp1252)


def _read_rss(root: Any, url: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    if root.tag != "rss" or len(root) != 1 or root[0].tag != "channel":
        raise _Fallback
    _no_attributes(root, {"version"})
    channel = root[0]
    _no_attributes(channel)
    feed: dict[str, Any] = {}
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for child in channel:
        tag = child.tag
        if tag == "item":
            items.append(_read_item(child, url))
        elif tag in _CHANNEL_TEXT:
            if tag in seen or items:
                raise _Fallback  # feedparser's depth rules decide which one wins
            seen.add(tag)
            _no_attributes(child)
            value = _text(child)
            if tag == "link":
                value = _LINK_REF.sub(r"&\g<1>", _repaired(_urljoin(url, value)))
            else:
                value = _repaired(value)
            feed[tag] = value
        elif tag == f"{_ATOM}link":
            _no_attributes(child, {"rel", "href", "type"})
            if child.get("rel") not in ("self", "hub") or len(child) or (child.text or "").strip():
                raise _Fallback
        elif tag not in _CHANNEL_IGNORED:
            raise _Fallback
    return feed, items


def _read_item(element: Any, url: str) -> dict[str, Any]:
    _no_attributes(element)
    item: dict[str, Any] = {}
    seen: set[str] = set()
    tags: list[dict[str, Any]] = []
    guid_is_link = False
    for child in element:
        tag = child.tag
        if tag in _ITEM_EMPTY:
            _no_attributes(child, _ATTRIBUTES[tag])
            if len(child) or (child.text or "").strip():
                raise _Fallback
            attrs = {name.lower(): value for name, value in child.attrib.items()}
            if "type" in attrs:
                attrs["type"] = attrs["type"].lower()
            if tag == "enclosure":
                if "url" in attrs:
                    attrs["href"] = attrs.pop("url")
                attrs["rel"] = "enclosure"
                item.setdefault("enclosures", []).append(attrs)
            else:
                item.setdefault("media_" + tag[len(_MEDIA) :], []).append(attrs)
            continue
        if tag not in _ITEM_TEXT:
            raise _Fallback
        key = _ITEM_TEXT[tag]
        _no_attributes(child, _ATTRIBUTES.get(tag, set()))
        value = _text(child)
        if key is None:
            continue
        if key == "tags":
            term = _repaired(value)
            if not value or len(tags) >= 200 or any(t["term"] == term for t in tags):
                raise _Fallback  # empty, repeated or a flood: feedparser's own bookkeeping
            tags.append({"term": term})
            continue
        if key in seen:
            raise _Fallback
        seen.add(key)
        if key == "link":
            if not value:
                raise _Fallback
            value = _LINK_REF.sub(r"&\g<1>", _repaired(_urljoin(url, value)).replace("&amp;", "&"))
        elif key == "id":
            guid_is_link = child.get("isPermaLink", "true") == "true"
            value = _repaired(_urljoin(url, value) if guid_is_link and value else value)
        else:
            value = _repaired(value)
        if key == "content":
            item["content"] = [{"type": "text/html", "value": value}]
            item.setdefault("summary", value)  # feedparser copies it when there is no description
        else:
            item[key] = value
            if key in ("published", "updated") and parse_date_text(value) is None:
                item[key + "_parsed"] = _parse_date(value)  # a shape dates.py leaves to feedparser
    if guid_is_link and "link" not in item:
        item["link"] = item["id"]
    if tags:
        item["tags"] = tags
    return item
