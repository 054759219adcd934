"""The Library's `articles` part: fetch a story's page, keep what was extracted in `story_full`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select, update

from reader.core import search
from reader.core.articles.extract import ExtractedArticle, wants_full_article
from reader.core.articles.fetch import ArticleResult, fetch_articles
from reader.core.errors import ReaderError
from reader.core.models import Source, Story, StoryFull
from reader.core.storage import Storage
from reader.core.types import Changes

NO_LINK_NOTE = "This story has no link to an article page."
MODES = ("automatic", "always", "never")  # a source's "Full articles" setting


class UnknownStory(ReaderError, LookupError):
    """No story has this id."""


@dataclass(frozen=True, slots=True)
class FullArticle:
    story_id: int
    ok: bool
    html: str | None
    text: str | None
    author: str | None
    lead_image: str | None
    note: str | None  # why there is no full text
    fetched_at: dt.datetime


class Articles:
    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def get(self, story_id: int) -> FullArticle | None:
        """What the last fetch of this story's page kept, or None if it was never fetched."""
        with self._storage.read() as conn:
            row = conn.execute(select(StoryFull).where(StoryFull.story_id == story_id)).first()
        if row is None:
            return None
        return FullArticle(
            story_id=row.story_id,
            ok=row.status == "ok",
            html=row.html,
            text=row.text,
            author=row.author,
            lead_image=row.lead_image,
            note=row.note,
            fetched_at=row.fetched_at,
        )

    def fetch(self, story_id: int) -> Changes:
        """Fetch and extract the story's page now (network outside any transaction); a failure
        is kept as the story's note, the feed's summary stays as it was."""
        with self._storage.read() as conn:
            url = conn.execute(select(Story.url).where(Story.id == story_id)).first()
        if url is None:
            raise UnknownStory(f"There is no story {story_id}.")
        if not url[0]:
            result = ArticleResult("", None, NO_LINK_NOTE)
        else:
            [result] = fetch_articles([url[0]], delay=0)
        return self._storage.write(lambda conn: _keep(conn, story_id, result))

    def set_mode(self, source_id: int, mode: str) -> Changes:
        """A source's "Full articles" setting: automatic, always or never."""
        if mode not in MODES:
            raise ValueError(f"full articles must be one of {', '.join(MODES)}, not {mode!r}")

        def change(conn: Connection) -> Changes:
            done = conn.execute(update(Source).where(Source.id == source_id).values(full_articles=mode))
            if done.rowcount == 0:
                raise LookupError(f"There is no source {source_id}.")
            return Changes(sources=True)

        return self._storage.write(change)

    def wanted(self, limit: int = 50) -> list[int]:
        """Newest stories never fetched whose source says "always", or "automatic" and the feed's
        text is short or ends in a "read more" link (reader.core.articles.extract)."""
        return [story_id for story_id, _url in self._wanted(limit)]

    def _wanted(self, limit: int) -> list[tuple[int, str]]:
        with self._storage.read() as conn:
            rows = conn.execute(
                select(Story.id, Story.url, Story.summary, Story.content_html, Source.full_articles)
                .join(Source, Source.id == Story.source_id)
                .outerjoin(StoryFull, StoryFull.story_id == Story.id)
                .where(StoryFull.story_id.is_(None), Story.url.is_not(None), Source.full_articles != "never")
                .order_by(Story.published_at.desc(), Story.id.desc())
                .limit(limit * 4)
            ).all()
        chosen = [
            (row.id, row.url)
            for row in rows
            if row.full_articles == "always" or wants_full_article(row.content_html or row.summary or "")
        ]
        return chosen[:limit]

    def fetch_wanted(self, limit: int = 50) -> Changes:
        """The background run after a sync: fetch the wanted stories' pages politely (two at a
        time per host, with a pause), keep each text or note; never raises for a page."""
        wanted = self._wanted(limit)
        if not wanted:
            return Changes()
        ids = [story_id for story_id, _url in wanted]
        results = fetch_articles([url for _id, url in wanted])

        def keep_all(conn: Connection) -> Changes:
            changes = Changes()
            for story_id, result in zip(ids, results, strict=True):
                changes |= _keep(conn, story_id, result)
            return changes

        return self._storage.write(keep_all)


def _keep(conn: Connection, story_id: int, result: ArticleResult) -> Changes:
    article: ExtractedArticle | None = result.article
    conn.execute(delete(StoryFull).where(StoryFull.story_id == story_id))
    conn.execute(
        insert(StoryFull).values(
            story_id=story_id,
            status="ok" if article else "failed",
            html=article.html if article else None,
            text=article.text if article else None,
            author=article.author if article else None,
            lead_image=article.lead_image if article else None,
            note=result.note,
            fetched_at=dt.datetime.now(dt.UTC),
        )
    )
    search.reindex_stories(conn, [story_id])  # a changed digest replaces the story's entry
    return Changes(stories=True, story_ids=frozenset({story_id}))
