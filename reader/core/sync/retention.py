"""Pruning old stories in short chunks; bookmarked stories and sample stories are never pruned."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, delete, select

from reader.core import search
from reader.core.models import Bookmark, Source, Story
from reader.core.storage import Storage

CHUNK = 500


def prune_stories(storage: Storage, older_than: dt.datetime, chunk: int = CHUNK) -> tuple[int, list[str]]:
    """Delete stories published before `older_than`, one short write transaction per chunk so
    the window's writes are never kept waiting long. Returns the count and their image URLs."""
    total = 0
    images: list[str] = []
    while True:
        rows = storage.write(lambda conn: _prune_chunk(conn, older_than, chunk))
        if not rows:
            return total, images
        total += len(rows)
        images += [row.image_url for row in rows if row.image_url]
        if len(rows) < chunk:
            return total, images


def _prune_chunk(conn: Connection, older_than: dt.datetime, chunk: int) -> list[Any]:
    rows = conn.execute(
        select(Story.id, Story.image_url)
        .join(Source, Source.id == Story.source_id)
        .outerjoin(Bookmark, Bookmark.story_id == Story.id)
        .where(Story.published_at < older_than, Bookmark.id.is_(None), Source.is_sample.is_(False))
        .order_by(Story.published_at, Story.id)
        .limit(chunk)
    ).all()
    ids = [row.id for row in rows]
    search.unindex_stories(conn, ids)
    conn.execute(delete(Story).where(Story.id.in_(ids)))
    return list(rows)
