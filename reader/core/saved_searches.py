"""Saved searches: the list's filters kept under a name, shown beside the list with unread counts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.exc import IntegrityError

from reader.core.errors import ReaderError
from reader.core.models import SavedSearch as SavedSearchRow
from reader.core.types import SortOrder, StoryQuery

if TYPE_CHECKING:
    from reader.core.library import Library

MAX_NAME_LENGTH = 100


class SavedSearchError(ReaderError, ValueError):
    """A saved search that cannot be made or found (empty or taken name, unknown name)."""


@dataclass(frozen=True)
class SavedSearch:
    id: int
    name: str
    query: StoryQuery
    unread_count: int = 0
    total_count: int = 0


def query_to_json(query: StoryQuery) -> str:
    data: dict[str, Any] = {
        "text": query.text,
        "countries": list(query.countries),
        "sections": list(query.sections),
        "sources": list(query.sources),
        "since": query.since.isoformat() if query.since else None,
        "until": query.until.isoformat() if query.until else None,
        "unread_only": query.unread_only,
        "bookmarked_only": query.bookmarked_only,
        "sort": query.sort.value,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def query_from_json(text: str) -> StoryQuery:
    """The StoryQuery a saved search stored; fields a later version added are ignored."""
    data = json.loads(text)

    def day(value: Any) -> dt.date | None:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None

    try:
        sort = SortOrder(data.get("sort", "newest"))
    except ValueError:
        sort = SortOrder.NEWEST
    return StoryQuery(
        text=str(data.get("text", "")),
        countries=tuple(str(c) for c in data.get("countries", ())),
        sections=tuple(str(s) for s in data.get("sections", ())),
        sources=tuple(int(s) for s in data.get("sources", ())),
        since=day(data.get("since")),
        until=day(data.get("until")),
        unread_only=bool(data.get("unread_only", False)),
        bookmarked_only=bool(data.get("bookmarked_only", False)),
        sort=sort,
    )


def _clean_name(name: str) -> str:
    clean = " ".join(name.split())
    if not clean:
        raise SavedSearchError("A saved search needs a name")
    if len(clean) > MAX_NAME_LENGTH:
        raise SavedSearchError(f"A saved search's name is at most {MAX_NAME_LENGTH} characters")
    return clean


class SavedSearches:
    """The saved searches of one Library."""

    def __init__(self, library: Library) -> None:
        self._library = library

    def all(self, with_counts: bool = True) -> list[SavedSearch]:
        """Every saved search by name, with its unread and total counts (one count query each)."""
        with self._library._read() as conn:
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
                total = self._library.count_stories(query)
                unread = self._library.count_stories(dataclasses.replace(query, unread_only=True))
            result.append(SavedSearch(row.id, row.name, query, unread, total))
        return result

    def get(self, name: str) -> SavedSearch:
        wanted = " ".join(name.split()).casefold()
        for saved in self.all(with_counts=False):
            if saved.name.casefold() == wanted:
                return saved
        names = ", ".join(s.name for s in self.all(with_counts=False)) or "none saved yet"
        raise SavedSearchError(f"No saved search named {name!r} ({names})")

    def save(self, name: str, query: StoryQuery, replace: bool = False) -> SavedSearch:
        """Save `query` as `name`; an existing name is an error unless `replace`."""
        clean = _clean_name(name)
        existing = next(
            (s for s in self.all(with_counts=False) if s.name.casefold() == clean.casefold()), None
        )
        if existing is not None:
            if not replace:
                raise SavedSearchError(f"A saved search named {existing.name!r} exists already")
            self.update(existing.id, name=clean, query=query)
            return self.get(clean)
        try:
            with self._library._write() as conn:
                conn.execute(
                    insert(SavedSearchRow).values(
                        name=clean, query_json=query_to_json(query), created_at=dt.datetime.now(dt.UTC)
                    )
                )
        except IntegrityError:
            raise SavedSearchError(f"A saved search named {clean!r} exists already") from None
        return self.get(clean)

    def update(self, search_id: int, name: str | None = None, query: StoryQuery | None = None) -> None:
        """Rename a saved search and/or change its filters."""
        values: dict[str, Any] = {}
        if name is not None:
            values["name"] = _clean_name(name)
        if query is not None:
            values["query_json"] = query_to_json(query)
        if not values:
            return
        try:
            with self._library._write() as conn:
                done = conn.execute(
                    update(SavedSearchRow).where(SavedSearchRow.id == search_id).values(**values)
                )
        except IntegrityError:
            raise SavedSearchError(f"A saved search named {values['name']!r} exists already") from None
        if done.rowcount == 0:
            raise SavedSearchError(f"No saved search with id {search_id}")

    def remove(self, search_id: int) -> None:
        with self._library._write() as conn:
            conn.execute(delete(SavedSearchRow).where(SavedSearchRow.id == search_id))
