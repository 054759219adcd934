"""The Library's `articles` part: fetch a story's page, keep what was extracted in `story_full`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, delete, insert, select

from reader.core import search
from reader.core.articles.extract import ExtractedArticle
from reader.core.articles.fetch import ArticleResult, fetch_articles
from reader.core.errors import ReaderError
from reader.core.models import Story, StoryFull
from reader.core.storage import Storage
from reader.core.types import Changes

NO_LINK_NOTE = "This story has no link to an article page."


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
