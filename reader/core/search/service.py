"""SearchIndex: the Library's search part — whether the index is whole, and building it.

A cache from before 0006, or one indexed by another version of the normaliser, is rebuilt: the
index is emptied at start-up (fast), then filled newest stories first in short write
transactions, so the window stays usable, a sync can run beside it and an interrupted rebuild
resumes where it stopped. Until it finishes, search finds the stories indexed so far.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from sqlalchemy import Connection

from reader.core.errors import InvalidSearchQuery
from reader.core.search import state
from reader.core.storage import Storage
from reader.core.types import IndexStatus

if TYPE_CHECKING:
    from reader.core.search.query import Matcher

STEP = 500  # stories per write transaction while rebuilding


class SearchIndex:
    """The search index of one cache: the Library's search part, over its storage."""

    def __init__(self, storage: Storage) -> None:
        self._storage = storage
        self._below: tuple[str, int] | None = None  # where the rebuild's last step ended

    def prepare(self) -> None:
        """At start-up: empty an index built by another version (or never built)."""
        with self._storage.read() as conn:
            if not state.needs_reset(conn):
                return

        def reset(conn: Connection) -> None:
            if state.needs_reset(conn):
                state.reset(conn)

        self._storage.write(reset)

    def status(self) -> IndexStatus:
        with self._storage.read() as conn:
            return state.status(conn)

    def is_complete(self) -> bool:
        with self._storage.read() as conn:
            return state.is_complete(conn)

    def step(self, limit: int = STEP) -> IndexStatus:
        """Index the next `limit` stories not yet indexed (newest first); one transaction."""

        def step(conn: Connection) -> IndexStatus:
            from reader.core.search import index  # the tokeniser: loaded when there is work

            _count, self._below = index.index_next(conn, limit, self._below)
            return state.status(conn)

        return self._storage.write(step)

    def rebuild_steps(self, limit: int = STEP) -> Iterator[IndexStatus]:
        """Step until the index is complete, yielding the status after each step (resumable:
        stop iterating at any time and the work done so far is kept)."""
        while True:
            status = self.step(limit)
            yield status
            if status.complete:
                return

    def rebuild(
        self, progress: Callable[[IndexStatus], None] | None = None, *, full: bool = False
    ) -> IndexStatus:
        """Fill the index; `full` empties it first (`steppe reindex --full`)."""
        if full:
            self._storage.write(state.reset)
            self._below = None
        status = self.status()
        for status in self.rebuild_steps():
            if progress is not None:
                progress(status)
        return status


def highlight_story_html(markup: str, query_text: str, language: str | None = None) -> str:
    """The article's HTML with what `query_text` matched marked (unchanged for no or a bad query)."""
    from reader.core.search.highlight import highlight_html  # html.parser: not at start

    matcher = _matcher(query_text)
    return markup if matcher is None else highlight_html(markup, matcher, language)


def highlight_plain(text: str, query_text: str, language: str | None = None) -> str:
    """Plain `text` (a title) HTML-escaped, with the matches marked."""
    from reader.core.search.highlight import mark_text, matches

    matcher = _matcher(query_text)
    spans = matches(text, matcher, language) if matcher is not None else []
    return mark_text(text, spans)


def _matcher(query_text: str) -> Matcher | None:
    if not query_text.strip():
        return None
    from reader.core.search.query import parse_query

    try:
        return parse_query(query_text).matcher
    except InvalidSearchQuery:
        return None
