"""Saved searches: the list's filters kept under a name, shown beside the list with unread counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, delete, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import IntegrityError

from reader.core.errors import ReaderError
from reader.core.models import SavedSearch as SavedSearchRow
from reader.core.storage import Storage
from reader.core.stories import count_among, count_stories
from reader.core.types import Changes, Outcome, SavedSearch, StoryQuery

MAX_NAME_LENGTH = 100
_CHANGED = Changes(saved_searches=True)


class SavedSearchError(ReaderError, ValueError):
    """A saved search that cannot be made or found (empty or taken name, unknown name)."""


def query_to_json(query: StoryQuery) -> str:
    return json.dumps(query.to_dict(), ensure_ascii=False, sort_keys=True)


def query_from_json(text: str) -> StoryQuery:
    return StoryQuery.from_dict(json.loads(text))


def _clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise SavedSearchError("A saved search needs a name")
    if len(clean) > MAX_NAME_LENGTH:
        raise SavedSearchError(f"A saved search's name is at most {MAX_NAME_LENGTH} characters")
    return clean


class SavedSearches:
    """The saved searches part of the Library."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage

    def all(self, with_counts: bool = True) -> list[SavedSearch]:
        """Every saved search by name, with its unread and total counts (two count queries each)."""
        with self._storage.read() as conn:
            rows = conn.execute(
                select(SavedSearchRow.id, SavedSearchRow.name, SavedSearchRow.query_json).order_by(
                    SavedSearchRow.name
                )
            ).all()
            result = []
            for row in rows:
                query = query_from_json(row.query_json)
                unread = total = 0
                if with_counts:
                    total = count_stories(conn, query)
                    unread = count_stories(conn, dataclasses.replace(query, unread_only=True))
                result.append(SavedSearch(row.id, row.name, query, unread, total))
        return result

    def count_new(self, story_ids: Sequence[int]) -> list[tuple[str, int]]:
        """Each saved search that matches some of `story_ids` (a sync's new stories), with how
        many, by name."""
        if not story_ids:
            return []
        with self._storage.read() as conn:
            rows = conn.execute(
                select(SavedSearchRow.name, SavedSearchRow.query_json).order_by(SavedSearchRow.name)
            ).all()
            counts = [
                (row.name, count_among(conn, query_from_json(row.query_json), story_ids)) for row in rows
            ]
        return [(name, count) for name, count in counts if count]

    def get(self, name: str) -> SavedSearch:
        wanted = " ".join(name.split()).casefold()
        for saved in self.all(with_counts=False):
            if saved.name.casefold() == wanted:
                return saved
        names = ", ".join(s.name for s in self.all(with_counts=False)) or "none saved yet"
        raise SavedSearchError(f"No saved search named {name!r} ({names})")

    def save(self, name: str, query: StoryQuery, replace: bool = False) -> Outcome[SavedSearch]:
        """Save `query` as `name`; an existing name is an error unless `replace`."""
        clean = _clean_name(name)
        existing = next(
            (s for s in self.all(with_counts=False) if s.name.casefold() == clean.casefold()), None
        )
        if existing is not None:
            if not replace:
                raise SavedSearchError(f"A saved search named {existing.name!r} exists already")
            self.update(existing.id, name=clean, query=query)
            return Outcome(self.get(clean), _CHANGED)

        def insert_row(conn: Connection) -> None:
            conn.execute(
                insert(SavedSearchRow).values(
                    name=clean, query_json=query_to_json(query), created_at=dt.datetime.now(dt.UTC)
                )
            )

        try:
            self._storage.write(insert_row)
        except IntegrityError:
            raise SavedSearchError(f"A saved search named {clean!r} exists already") from None
        return Outcome(self.get(clean), _CHANGED)

    def update(self, search_id: int, name: str | None = None, query: StoryQuery | None = None) -> Changes:
        """Rename a saved search and/or change its filters."""
        values: dict[str, Any] = {}
        if name is not None:
            values["name"] = _clean_name(name)
        if query is not None:
            values["query_json"] = query_to_json(query)
        if not values:
            return Changes()
        try:
            done = self._storage.write(
                lambda conn: (
                    conn.execute(
                        update(SavedSearchRow).where(SavedSearchRow.id == search_id).values(**values)
                    ).rowcount
                )
            )
        except IntegrityError:
            raise SavedSearchError(f"A saved search named {values['name']!r} exists already") from None
        if done == 0:
            raise SavedSearchError(f"No saved search with id {search_id}")
        return _CHANGED

    def remove(self, search_id: int) -> Changes:
        self._storage.write(
            lambda conn: conn.execute(delete(SavedSearchRow).where(SavedSearchRow.id == search_id))
        )
        return _CHANGED
