"""Re-tagging the countries of the stories already in the cache when the tagger has changed.

After an upgrade (the tagger's version in reader.core.country_tags is newer than the one the
cache was tagged with) every story is tagged again, in id order and in chunks: each chunk is read,
tagged outside any transaction, then written in one short write transaction together with the
position reached, so the job can stop at any moment (the window closing) and resume where it
was. Only `story_country` and the search index change: read state, bookmarks and everything
else about a story are never touched. A story that sync changed while its chunk was being
tagged is left as sync wrote it (sync tags with the current tagger already).

The bundled sample stories keep the primary countries they were written for; only their "also
mentioned" countries come from the tagger.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, func, select
from sqlalchemy.dialects.sqlite import insert

from reader.core import search
from reader.core.models import ROLE_MENTIONED, ROLE_PRIMARY, Meta, Source, Story, StoryFull, story_country
from reader.core.tagger_version import TAGGER_VERSION, TAGGER_VERSION_KEY
from reader.core.types import RetagProgress

if TYPE_CHECKING:
    from reader.core.country_tags import CountryTags

VERSION_KEY = TAGGER_VERSION_KEY
CURSOR_KEY = "countries.retag_after"
CHUNK = 200


@dataclass(frozen=True)
class StoryToTag:
    id: int
    title: str
    summary: str | None
    content_text: str | None
    categories: tuple[str, ...]
    feed_url: str
    is_sample: bool
    fetched_at: object  # compared when writing: changed means sync rewrote the story meanwhile
    curated: tuple[str, ...]  # a sample story's primary countries, as the bundle gives them


def _meta(conn: Connection, key: str) -> str | None:
    return conn.execute(select(Meta.value).where(Meta.key == key)).scalar_one_or_none()


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        insert(Meta)
        .values(key=key, value=value)
        .on_conflict_do_update(index_elements=[Meta.key], set_={"value": value})
    )


def is_pending(conn: Connection) -> bool:
    """The cache's stories were tagged by another version of the tagger (or never re-tagged)."""
    if _meta(conn, VERSION_KEY) == str(TAGGER_VERSION):
        return False
    return conn.execute(select(Story.id).limit(1)).first() is not None


def mark_current(conn: Connection) -> None:
    """Every story is tagged by this tagger (a fresh cache, or a run that finished)."""
    _set_meta(conn, VERSION_KEY, str(TAGGER_VERSION))
    conn.execute(delete(Meta).where(Meta.key == CURSOR_KEY))


def cursor(conn: Connection) -> int:
    value = _meta(conn, CURSOR_KEY)
    return int(value) if value and value.isdigit() else 0


def progress(conn: Connection) -> RetagProgress:
    total = conn.execute(select(func.count()).select_from(Story)).scalar_one()
    if not is_pending(conn):
        return RetagProgress(total, total, True)
    done = conn.execute(select(func.count()).where(Story.id <= cursor(conn))).scalar_one()
    return RetagProgress(done, total, False)


def read_chunk(conn: Connection, limit: int = CHUNK) -> list[StoryToTag]:
    """The next stories to re-tag, after the position reached."""
    rows = conn.execute(
        select(
            Story.id, Story.title, Story.summary, Story.categories, Story.fetched_at,
            Source.feed_url, Source.is_sample,
            # A story's full article, when one is kept, is the text it is tagged by.
            func.coalesce(StoryFull.text, Story.content_text).label("content_text"),
        )
        .join(Source, Source.id == Story.source_id)
        .outerjoin(StoryFull, StoryFull.story_id == Story.id)
        .where(Story.id > cursor(conn))
        .order_by(Story.id)
        .limit(limit)
    ).all()  # fmt: skip
    samples = [r.id for r in rows if r.is_sample]
    curated: dict[int, list[str]] = {}
    if samples:
        for story_id, code in conn.execute(
            select(story_country.c.story_id, story_country.c.country_code).where(
                story_country.c.story_id.in_(samples), story_country.c.role == ROLE_PRIMARY
            )
        ):
            curated.setdefault(story_id, []).append(code)
    return [
        StoryToTag(
            id=r.id,
            title=r.title,
            summary=r.summary,
            content_text=r.content_text,
            categories=stored_categories(r.categories),
            feed_url=r.feed_url,
            is_sample=bool(r.is_sample),
            fetched_at=r.fetched_at,
            curated=tuple(sorted(curated.get(r.id, ()))),
        )
        for r in rows
    ]


def stored_categories(raw: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(raw) if raw else []
    except ValueError:
        return ()
    return tuple(str(c) for c in value) if isinstance(value, list) else ()


def tag_story(story: StoryToTag) -> CountryTags:
    """The story's countries by the current tagger (a sample keeps its curated primary ones)."""
    from reader.core.country_tags import CountryTags, split_story, tag_countries  # the tagger, when used

    headline, lede, body = split_story(story.title, story.summary, story.content_text)
    hint = "" if story.is_sample else story.feed_url
    tags = tag_countries(headline, lede, body, story.categories, hint)
    if story.is_sample:
        primary = frozenset(story.curated)
        return CountryTags(primary, tags.all - primary)
    return tags


def write_chunk(
    conn: Connection, chunk: Sequence[StoryToTag], tags: Sequence[CountryTags], limit: int
) -> None:
    """Replace the chunk's country rows, re-index it for search and record the position
    reached; when the chunk was the last one, record that every story is tagged."""
    if chunk:
        ids = [s.id for s in chunk]
        now = dict(conn.execute(select(Story.id, Story.fetched_at).where(Story.id.in_(ids))).all())
        kept = [(s, t) for s, t in zip(chunk, tags, strict=True) if s.id in now and now[s.id] == s.fetched_at]
        kept_ids = [s.id for s, _ in kept]
        # Out of the search index while the rows still hold the tags it indexed; back in below.
        search.unindex_stories(conn, kept_ids)
        conn.execute(delete(story_country).where(story_country.c.story_id.in_(kept_ids)))
        rows = [
            {"story_id": s.id, "country_code": code, "role": role}
            for s, t in kept
            for role, codes in ((ROLE_PRIMARY, t.primary), (ROLE_MENTIONED, t.mentioned))
            for code in sorted(codes)
        ]
        if rows:
            conn.execute(insert(story_country).on_conflict_do_nothing(), rows)
        search.reindex_stories(conn, kept_ids)
        _set_meta(conn, CURSOR_KEY, str(chunk[-1].id))
    if len(chunk) < limit:
        mark_current(conn)
