"""Writing entries into the cache: de-duplicated by source and guid (falling back to the URL),
sanitised once here, tagged with our sections and countries, and indexed for search.

Every value is cleaned on its way in, whatever the feed sent: titles and authors are one line of
plain text (reader.core.text), story links and images http(s) only, dates after the fetch time
clamped to it, a guid too long to index replaced by its digest. An entry that still cannot be
prepared is skipped (and logged with its traceback); the others are stored.

An updated story gets its new title and content; its read time and bookmark are never touched
(the bookmark lives in its own table, and `read_at` is not among the columns written)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects.sqlite import insert

from reader.core import cpu, search
from reader.core.compressed import Packed, pack
from reader.core.country_tags import CountryTags, split_story, tag_countries
from reader.core.html import IMG_TAG, html_to_text, sanitize_html, tag_attributes
from reader.core.models import ROLE_MENTIONED, ROLE_PRIMARY, Section, Story, story_country, story_section
from reader.core.search.index import IndexedText, TagNames, index_new, index_tags, streams
from reader.core.sync.classify import sections_of
from reader.core.sync.dates import clamp
from reader.core.sync.parse import Entry, parse_feed
from reader.core.text import AUTHOR_CHARS, TITLE_CHARS, clean_line, clean_text, strip_controls, web_url

log = logging.getLogger(__name__)

SUMMARY_CHARS = 400
GUID_CHARS = 1024  # longer guids are stored as their SHA-256: still unique, still stable
_LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}")
MAX_IMAGES_PER_STORY = 8
_CHUNK = 400
MAX_CATEGORIES = 40  # kept per story as tagging evidence; a feed can send hundreds
MAX_CATEGORY_CHARS = 120
# Stories tagged at once before the work is worth the worker processes (reader.core.cpu).
TAG_IN_WORKERS = 200
_TAG_PIECE = 100
# Hosts and paths that only count readers; their "images" are 1×1 pixels.
_TRACKERS = re.compile(
    r"(^|\.)(pixel\.wp\.com|stats\.wordpress\.com|feeds\.feedburner\.com|www\.google-analytics\.com|"
    r"mc\.yandex\.ru|counter\.yadro\.ru|top-fwz1\.mail\.ru)$"
)


@dataclass
class IngestResult:
    new_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    images: dict[int, list[str]] = field(default_factory=dict)  # story id -> image URLs to cache
    skipped: list[str] = field(default_factory=list)  # one plain sentence per entry left out


@dataclass(frozen=True)
class _Finished:
    """What a new story needs besides its values, made before the write (`finish_entries`, in a
    worker process for a large feed): its countries, its search tokens and its compressed texts."""

    tags: CountryTags
    streams: tuple[str, ...]
    packed: dict[str, Packed | str]  # content_html and content_text as stored


@dataclass(frozen=True)
class _Prepared:
    guid: str
    values: dict[str, object]
    parts: tuple[str, str, str]  # headline, lede, body: what the country tagger reads
    categories: tuple[str, ...]
    hint: str
    sections: frozenset[str]
    images: tuple[str, ...]
    future_update: bool = False  # updated_at was ahead of the fetch time and clamped to it
    finished: _Finished | None = None  # made for an entry not yet stored (`finish_entries`)

    def country_tags(self) -> CountryTags:
        """Tagged only when the story is new or changed: weighing the evidence costs more than
        the rest of an entry's preparation, and most entries of a feed are already stored."""
        return tag_countries(*self.parts, self.categories, self.hint)


def _tags_or_none(story: int | str, prepared: _Prepared) -> CountryTags:
    """The story's countries; a tagger that trips over one story's text costs it its tags only."""
    try:
        return prepared.country_tags()
    except Exception:
        log.exception("story %r: countries not tagged", story)
        return CountryTags(frozenset(), frozenset())


def _finish(item: _Prepared, names: TagNames) -> _Prepared:
    tags = _tags_or_none(item.guid[:80], item)
    values = item.values
    doc = IndexedText(
        title=str(values["title"]),
        summary=str(values["summary"] or ""),
        body=str(values["content_text"] or ""),
        author=str(values["author"] or ""),
        tags=index_tags(tags.primary | tags.mentioned, item.sections, names),
        language=values["language"],  # type: ignore[arg-type]
    )
    packed = {column: pack(str(values[column])) for column in ("content_html", "content_text")}
    return replace(item, finished=_Finished(tags, streams(doc), packed))


def _is_tracker(attrs: dict[str, str]) -> bool:
    if attrs.get("width") in ("0", "1") or attrs.get("height") in ("0", "1"):
        return True
    host = urlsplit(attrs.get("src", "")).hostname or ""
    return bool(_TRACKERS.search(host))


def clean_content(raw: str, base_url: str | None) -> tuple[str, list[str]]:
    """Sanitised HTML without tracking pixels, and the images it still shows."""
    html = sanitize_html(raw, base_url=base_url)
    images: list[str] = []

    def keep(match: re.Match[str]) -> str:
        attrs = {k: v.replace("&amp;", "&") for k, v in tag_attributes(match.group(0)).items()}
        if "src" not in attrs or _is_tracker(attrs):
            return ""
        images.append(attrs["src"])
        return match.group(0)

    return IMG_TAG.sub(keep, html), images


def _scrub(value: str | None) -> str | None:
    """`value` without lone surrogates (JSON can carry them; UTF-8, SQLite and nh3 cannot)."""
    if value is None or value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # A pair written as two escapes joins up; a lone half becomes U+FFFD.
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value


def _guid(entry: Entry, url: str | None) -> str:
    guid = (_scrub(entry.guid) or "").strip() or (url or "")
    if len(guid) > GUID_CHARS:
        return "sha256:" + hashlib.sha256(guid.encode("utf-8")).hexdigest()
    return guid


def _prepare(entry: Entry, base_url: str | None, hint: str, now: dt.datetime) -> _Prepared:
    url = web_url(_scrub(entry.url), base_url)
    base = base_url or url  # relative addresses are relative to the document (no xml:base)
    raw = _scrub(entry.content_html or entry.summary_html) or ""
    content_html, images = clean_content(strip_controls(raw), base)
    content_text = clean_text(html_to_text(content_html))
    summary_source = _scrub(entry.summary_html or entry.content_html) or ""
    summary = clean_text(html_to_text(sanitize_html(summary_source))) if summary_source else ""
    if len(summary) > SUMMARY_CHARS:
        summary = summary[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…"
    image_url = web_url(_scrub(entry.image_url), base) or (images[0] if images else None)
    wanted = list(dict.fromkeys(([image_url] if image_url else []) + images))[:MAX_IMAGES_PER_STORY]
    title = clean_line(_scrub(entry.title), TITLE_CHARS) or clean_line(url or _scrub(entry.guid), TITLE_CHARS)
    # All of them are evidence for the tagger; the first MAX_CATEGORIES are stored.
    categories = [c for c in (clean_line(_scrub(c), MAX_CATEGORY_CHARS) for c in entry.categories) if c]
    published = clamp(entry.published_at or entry.updated_at, now) or now
    updated = clamp(entry.updated_at, now)
    language = entry.language if entry.language and _LANGUAGE.fullmatch(entry.language) else None
    return _Prepared(
        guid=_guid(entry, url),
        values={
            "url": url,
            "title": title,
            "author": clean_line(_scrub(entry.author), AUTHOR_CHARS) or None,
            "published_at": published,
            "updated_at": updated,
            "summary": summary or None,
            "content_html": content_html,
            "content_text": content_text,
            "image_url": image_url,
            "language": language,
            "categories": json.dumps(categories[:MAX_CATEGORIES], ensure_ascii=False) if categories else None,
        },
        parts=split_story(title, summary, content_text),
        categories=tuple(categories),
        hint=hint,
        sections=frozenset(sections_of(categories)),
        images=tuple(wanted),
        future_update=updated is not entry.updated_at,
    )


def _describe(entry: Entry) -> str:
    return f"the entry {str(entry.guid)[:80]!r}"


_COMPARED = ("url", "title", "author", "summary", "content_html", "image_url", "updated_at")


@dataclass(frozen=True)
class PreparedEntries:
    """A feed's entries made ready to store (`prepare_entries`): one per guid, in feed order,
    and a sentence for each entry that could not be prepared. Plain values: a worker process
    (reader.core.cpu) can make them."""

    items: list[_Prepared]
    skipped: list[str]


def prepare_entries(
    entries: Sequence[Entry],
    *,
    base_url: str | None = None,
    hint: str = "",
    now: dt.datetime,
    cutoff: dt.datetime | None = None,
) -> PreparedEntries:
    """Sanitise and clean each entry published after `cutoff` (entries already past the retention
    period would be pruned at once and come back as "new" at every sync); no database."""
    skipped: list[str] = []
    unique: dict[str, _Prepared] = {}
    for entry in entries:
        try:
            if cutoff is not None and (entry.published_at or now) < cutoff:
                continue
            prepared = _prepare(entry, base_url, hint, now)
        except Exception as exc:  # one bad entry must not cost the source its other stories
            log.exception("%s: entry %r skipped", hint or base_url, getattr(entry, "guid", None))
            skipped.append(f"{_describe(entry)} was skipped: it could not be read ({type(exc).__name__})")
            continue
        if prepared.guid:
            unique.setdefault(prepared.guid, prepared)
    return PreparedEntries(list(unique.values()), skipped)


def finish_entries(prepared: PreparedEntries, fresh: Sequence[int], names: TagNames) -> PreparedEntries:
    """`prepared` with the items at the indexes `fresh` (those not yet stored) finished: tagged,
    tokenised for search and compressed, so the write only inserts them. The CPU-heavy half of
    storing a new story, run beside the writer (in a worker process for a large feed); an item
    left unfinished is done by the writer as before."""
    items = list(prepared.items)
    for index in fresh:
        items[index] = _finish(items[index], names)
    return PreparedEntries(items, prepared.skipped)


def _keys(prepared: PreparedEntries) -> tuple[list[str], list[str]]:
    """The guids and URLs the writer looks a feed's entries up by (`unstored`)."""
    guids = [p.guid for p in prepared.items]
    urls = [str(p.values["url"]) for p in prepared.items if p.values["url"]]
    return guids, urls


def unstored(conn: Connection, source_id: int, prepared: PreparedEntries) -> list[int]:
    """The indexes of the items no story of the source has yet, by guid or URL (a read: the
    writer checks again)."""
    guids, urls = _keys(prepared)
    stored: set[str | None] = set()
    for column, keys in ((Story.guid, guids), (Story.url, urls)):
        for start in range(0, len(keys), _CHUNK):
            piece = keys[start : start + _CHUNK]
            stored.update(
                conn.execute(select(column).where(Story.source_id == source_id, column.in_(piece))).scalars()
            )
    return [
        i
        for i, p in enumerate(prepared.items)
        if p.guid not in stored and not (p.values["url"] and p.values["url"] in stored)
    ]


def parse_and_prepare(
    body: bytes,
    url: str,
    content_type: str | None,
    hint: str,
    now: dt.datetime,
    cutoff: dt.datetime | None,
) -> PreparedEntries:
    """A feed document's entries, parsed and prepared (`parse_feed`, then `prepare_entries`
    with the document's URL as the base): a sync's CPU-heavy step, run in a worker process
    for a large document."""
    feed = parse_feed(body, url, content_type)
    return prepare_entries(feed.entries, base_url=url, hint=hint, now=now, cutoff=cutoff)


def ingest_entries(
    conn: Connection,
    source_id: int,
    entries: Sequence[Entry],
    *,
    base_url: str | None = None,
    hint: str = "",
    now: dt.datetime | None = None,
) -> IngestResult:
    """Insert new entries, refresh changed ones; runs inside the caller's write transaction."""
    now = now or dt.datetime.now(dt.UTC)
    return ingest_prepared(
        conn, source_id, prepare_entries(entries, base_url=base_url, hint=hint, now=now), now
    )


def ingest_prepared(
    conn: Connection, source_id: int, prepared: PreparedEntries, now: dt.datetime
) -> IngestResult:
    """`ingest_entries` for entries prepared already (by `prepare_entries`, with the same `now`)."""
    section_ids = {slug: sid for slug, sid in conn.execute(select(Section.slug, Section.id))}
    result = IngestResult(skipped=list(prepared.skipped))
    items = prepared.items
    tokens: dict[int, tuple[dt.datetime, tuple[str, ...]]] = {}  # new stories' tokens, made already
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        _ingest_chunk(conn, source_id, chunk, section_ids, now, result, tokens)
    index_new(conn, [(story_id, published, values) for story_id, (published, values) in tokens.items()])
    search.reindex_stories(conn, [i for i in result.new_ids + result.updated_ids if i not in tokens])
    return result


def _tag_pieces(retagged: Sequence[tuple[int, _Prepared]]) -> list[CountryTags]:
    return [_tags_or_none(story_id, item) for story_id, item in retagged]


def _ingest_chunk(
    conn: Connection,
    source_id: int,
    chunk: list[_Prepared],
    section_ids: dict[str, int],
    now: dt.datetime,
    result: IngestResult,
    tokens: dict[int, tuple[dt.datetime, tuple[str, ...]]],
) -> None:
    guids = [p.guid for p in chunk]
    urls = [p.values["url"] for p in chunk if p.values["url"]]
    columns = [Story.id, Story.guid, *(getattr(Story, c) for c in _COMPARED)]
    by_guid = {
        row.guid: row
        for row in conn.execute(select(*columns).where(Story.source_id == source_id, Story.guid.in_(guids)))
    }
    by_url = (
        {row.url: row for row in conn.execute(select(*columns).where(Story.source_id == source_id, Story.url.in_(urls)))}
        if urls
        else {}
    )  # fmt: skip
    retagged: list[tuple[int, _Prepared]] = []
    fresh: list[_Prepared] = []
    for item in chunk:
        existing = by_guid.get(item.guid) or (by_url.get(item.values["url"]) if item.values["url"] else None)
        if existing is None:
            fresh.append(item)
            continue
        values = item.values
        if item.future_update and existing.updated_at is not None:
            # Clamped to this fetch's time, it would differ at every sync: keep the stored one.
            values = {**values, "updated_at": existing.updated_at}
        changed = {c for c in _COMPARED if getattr(existing, c) != values[c]}
        if not changed or (values["updated_at"] is None and changed <= {"updated_at"}):
            continue
        # Content only: published_at, read_at and the bookmark stay as they were. Out of the
        # search index first, while the row still holds what was indexed; back in at the end.
        search.unindex_stories(conn, [existing.id])
        fields = {c: values[c] for c in (*_COMPARED, "content_text", "language", "categories")}
        conn.execute(update(Story).where(Story.id == existing.id).values(fetched_at=now, **fields))
        result.updated_ids.append(existing.id)
        retagged.append((existing.id, item))
    if fresh:
        # One executemany with RETURNING in parameter order: a row per story was the slow part.
        # No conflict is possible: the guids were looked up above inside this write transaction.
        rows = [
            {
                "source_id": source_id,
                "guid": p.guid,
                "fetched_at": now,
                **p.values,
                **(p.finished.packed if p.finished else {}),
            }
            for p in fresh
        ]
        new_ids = conn.execute(
            insert(Story).returning(Story.id, sort_by_parameter_order=True), rows
        ).scalars()
        for story_id, item in zip(new_ids, fresh, strict=True):
            result.new_ids.append(story_id)
            retagged.append((story_id, item))
            if item.finished is not None:
                tokens[story_id] = (item.values["published_at"], item.finished.streams)  # type: ignore[assignment]
    for story_id, item in retagged:
        if item.images:
            result.images[story_id] = list(item.images)
    if not retagged:
        return
    ids = [story_id for story_id, _ in retagged]
    conn.execute(delete(story_country).where(story_country.c.story_id.in_(ids)))
    conn.execute(delete(story_section).where(story_section.c.story_id.in_(ids)))
    unfinished = [(i, p) for i, p in retagged if p.finished is None]
    found = cpu.map_chunks(_tag_pieces, unfinished, chunk=_TAG_PIECE, min_items=TAG_IN_WORKERS)
    made = {i: t for (i, _), t in zip(unfinished, found, strict=True)}
    tags = {i: p.finished.tags if p.finished else made[i] for i, p in retagged}
    countries = [
        {"story_id": i, "country_code": c, "role": role}
        for i, t in tags.items()
        for role, codes in ((ROLE_PRIMARY, t.primary), (ROLE_MENTIONED, t.mentioned))
        for c in sorted(codes)
    ]
    sections = [
        {"story_id": i, "section_id": section_ids[s]}
        for i, p in retagged
        for s in sorted(p.sections)
        if s in section_ids
    ]
    if countries:
        conn.execute(insert(story_country).on_conflict_do_nothing(), countries)
    if sections:
        conn.execute(insert(story_section).on_conflict_do_nothing(), sections)
