"""The Library's `articles` part: fetch a story's page, keep what was extracted in `story_full`.

When a page's story arrives, its images go into the offline cache, the story's countries are
tagged again from the whole text (read state and bookmarks are other tables: untouched) and it
is re-indexed for search. The currency context reads the full text through `Story.body_text`.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, insert, select, update

from reader.core import search
from reader.core.articles.extract import ExtractedArticle, wants_full_article
from reader.core.articles.fetch import ArticleResult, fetch_articles
from reader.core.articles.rule import MODES
from reader.core.errors import ReaderError
from reader.core.html import image_urls
from reader.core.images import MAX_IMAGE_BYTES, ImageCache, RejectedImage
from reader.core.models import ROLE_MENTIONED, ROLE_PRIMARY, Source, Story, StoryFull, story_country
from reader.core.storage import Storage
from reader.core.types import Changes

log = logging.getLogger(__name__)

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


@dataclass(frozen=True, slots=True)
class ArticleProgress:
    """Where the background run stands: `done` of `total` pages; `note` is the last page's
    failure, if it failed."""

    done: int
    total: int
    story_id: int
    title: str
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRun:
    """What the background run did: pages kept, failed (each story's note), images saved."""

    kept: int = 0
    failed: int = 0
    images_saved: int = 0
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)

    def summary(self) -> str:
        if not self.kept and not self.failed:
            return "Full articles: none wanted" if not self.cancelled else "Full articles: cancelled"
        line = f"Full articles: {self.kept} kept"
        if self.failed:
            line += f", {self.failed} summary only (see each story's note)"
        if self.cancelled:
            line += " — cancelled"
        return line


class Articles:
    def __init__(self, storage: Storage, images: ImageCache | None = None) -> None:
        self._storage = storage
        self._images = images

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
            [fetched] = fetch_articles([url[0]], delay=0)
            assert fetched is not None  # nothing cancels it
            result = fetched
        self._cache_images(result)
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

    def wanted(self, limit: int = 50, sources: Collection[int] = ()) -> list[int]:
        """Newest stories never fetched whose source says "always", or "automatic" and the feed's
        text is short or ends in a "read more" link (reader.core.articles.extract)."""
        return [story_id for story_id, _url in self._wanted(limit, sources)]

    def _wanted(self, limit: int, sources: Collection[int] = ()) -> list[tuple[int, str]]:
        with self._storage.read() as conn:
            rows = conn.execute(
                select(Story.id, Story.url, Story.summary, Story.content_html, Source.full_articles)
                .join(Source, Source.id == Story.source_id)
                .outerjoin(StoryFull, StoryFull.story_id == Story.id)
                .where(
                    StoryFull.story_id.is_(None),
                    Story.url.is_not(None),
                    Source.full_articles != "never",
                    Source.is_sample.is_(False),
                    *([Source.id.in_(list(sources))] if sources else []),
                )
                .order_by(Story.published_at.desc(), Story.id.desc())
                .limit(limit * 4)
            ).all()
        chosen = [
            (row.id, row.url)
            for row in rows
            if row.full_articles == "always" or wants_full_article(row.content_html or row.summary or "")
        ]
        return chosen[:limit]

    def fetch_wanted(
        self,
        limit: int = 50,
        *,
        sources: Collection[int] = (),
        progress: Callable[[ArticleProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> ArticleRun:
        """The background run after a sync (of `sources`, default all): fetch the wanted stories'
        pages politely (two at a time per host, with a pause), keep each text or note as it
        arrives (a cancel keeps what came); never raises for a page."""
        wanted = self._wanted(limit, sources)
        cancel = cancel or threading.Event()
        if not wanted:
            return ArticleRun(cancelled=cancel.is_set())
        titles = self._titles([story_id for story_id, _url in wanted])
        lock = threading.Lock()
        tally = {"done": 0, "kept": 0, "failed": 0, "images": 0}
        changes = Changes()

        def keep(index: int, result: ArticleResult) -> None:
            nonlocal changes
            story_id = wanted[index][0]
            saved = self._cache_images(result)
            try:
                changed = self._storage.write(lambda conn: _keep(conn, story_id, result))
            except Exception:  # a full disk, our bug: this story stays unfetched, the run goes on
                log.exception("Keeping the full article of story %s failed", story_id)
                changed, result = Changes(), ArticleResult(result.url, None, "not kept")
            with lock:
                changes |= changed
                tally["done"] += 1
                tally["kept" if result.article else "failed"] += 1
                tally["images"] += saved
                done = tally["done"]
            if progress is not None:
                progress(ArticleProgress(done, len(wanted), story_id, titles.get(story_id, ""), result.note))

        fetch_articles([url for _id, url in wanted], on_result=keep, cancel=cancel)
        return ArticleRun(
            tally["kept"], tally["failed"], tally["images"], cancelled=cancel.is_set(), changes=changes
        )

    def _titles(self, story_ids: list[int]) -> dict[int, str]:
        with self._storage.read() as conn:
            return dict(conn.execute(select(Story.id, Story.title).where(Story.id.in_(story_ids))).all())

    def _cache_images(self, result: ArticleResult) -> int:
        """The article's lead and inline images into the offline cache (one that fails is a
        placeholder in the pane, never a failed article)."""
        from reader.core.http import FetchError, HttpClient

        if self._images is None or result.article is None:
            return 0
        cache = self._images
        urls = [u for u in image_urls(result.article.html) if u.startswith(("http://", "https://"))]
        missing = [u for u in urls if cache.get(u) is None]
        saved = 0
        if not missing:
            return 0
        with HttpClient() as client:
            for url in missing:
                try:
                    cache.put(url, client.get(url, accept="image/*", max_bytes=MAX_IMAGE_BYTES).body)
                    saved += 1
                except (FetchError, RejectedImage) as error:
                    log.info("Image %s of a full article not saved: %s", url, error)
                except OSError:
                    log.exception("Image %s of a full article not saved", url)
        return saved


def _keep(conn: Connection, story_id: int, result: ArticleResult) -> Changes:
    article: ExtractedArticle | None = result.article
    # Out of the search index while the rows still hold what it indexed; back in below.
    search.unindex_stories(conn, [story_id])
    conn.execute(delete(StoryFull).where(StoryFull.story_id == story_id))
    conn.execute(
        insert(StoryFull).values(
            story_id=story_id,
            status="ok" if article else "failed",
            html=_with_lead_image(article) if article else None,
            text=article.text if article else None,
            author=article.author if article else None,
            lead_image=article.lead_image if article else None,
            note=result.note,
            fetched_at=dt.datetime.now(dt.UTC),
        )
    )
    if article is not None:
        _retag(conn, story_id, article.text)
    search.reindex_stories(conn, [story_id])
    return Changes(stories=True, story_ids=frozenset({story_id}))


def _with_lead_image(article: ExtractedArticle) -> str:
    """The article's HTML with its lead image first, when the body does not show it already
    (so the pane shows it, and the image cache keeps it, like every image of the body)."""
    lead = article.lead_image
    if not lead or not lead.startswith(("http://", "https://")) or lead in image_urls(article.html):
        return article.html
    return f'<p><img src="{html.escape(lead, quote=True)}" alt=""></p>' + article.html


def _retag(conn: Connection, story_id: int, full_text: str) -> None:
    """The story's countries again, from the whole article (a bundled sample keeps its own)."""
    from reader.core.country_tags import split_story, tag_countries
    from reader.core.retag import stored_categories

    row = conn.execute(
        select(Story.title, Story.summary, Story.categories, Source.feed_url, Source.is_sample)
        .join(Source, Source.id == Story.source_id)
        .where(Story.id == story_id)
    ).first()
    if row is None or row.is_sample:
        return
    headline, lede, body = split_story(row.title, row.summary, full_text)
    tags = tag_countries(headline, lede, body, stored_categories(row.categories), row.feed_url)
    conn.execute(delete(story_country).where(story_country.c.story_id == story_id))
    rows = [
        {"story_id": story_id, "country_code": code, "role": role}
        for role, codes in ((ROLE_PRIMARY, tags.primary), (ROLE_MENTIONED, tags.mentioned))
        for code in sorted(codes)
    ]
    if rows:
        conn.execute(insert(story_country), rows)
