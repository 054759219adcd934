"""Running a search: which stories match, in which order, one keyset page at a time.

Newest and oldest first walk the index in its rowid order (publication time), so a page costs
the same for a rare word and for one in every story. By relevance, bm25 is computed for at most
the newest RANK_WINDOW matches: every match when there are fewer, else the newest RANK_WINDOW,
and the page says so (`StoryPage.ranked_among`) — a full ranking of 75,000 matches does not fit
in the 50 ms a keystroke can wait.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, Select, column, func, literal_column, select, table
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnElement

from reader.core.errors import InvalidSearchQuery
from reader.core.models import Story, search_doc
from reader.core.search.index import SLOTS_PER_SECOND, WEIGHTS, docid_base
from reader.core.search.query import ParsedQuery, parse_query
from reader.core.types import Cursor, SortOrder, StoryQuery

RANK_WINDOW = 2000

search_index = table("search_index", column("rowid", Integer))
_fts: ColumnElement[Any] = literal_column("search_index")
_docid = search_index.c.rowid
D = search_doc.c


@dataclass(frozen=True)
class Hits:
    """One page of matches: story ids in order, where the next page starts, how many were ranked."""

    story_ids: tuple[int, ...]
    next_cursor: Cursor | None
    ranked_among: int | None  # relevance covered only the newest N matches; None: all of them


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def matching(
    query: StoryQuery, parsed: ParsedQuery, filters: Sequence[ColumnElement[bool]], *columns: Any
) -> Select[Any]:
    """SELECT columns FROM the stories matching the text and the filters."""
    stmt = (
        select(*columns)
        .select_from(search_index)
        .join(search_doc, D.docid == _docid)
        .join(Story, Story.id == D.story_id)
        .where(_fts.op("MATCH")(parsed.expression), *filters)
    )
    # Dates are rowid ranges of the index too, which FTS5 applies itself.
    if query.since is not None:
        stmt = stmt.where(_docid >= docid_base(_day_start(query.since)))
    if query.until is not None:
        stmt = stmt.where(
            _docid < docid_base(_day_start(query.until + dt.timedelta(days=1))) + SLOTS_PER_SECOND
        )
    return stmt


def run(conn: Connection, query: StoryQuery, stmt: Select[Any]) -> Sequence[Any]:
    try:
        return conn.execute(stmt).all()
    except OperationalError as exc:
        # FTS5 reports what our reading let through (e.g. a lone "NOT") as a syntax error.
        if "fts5" in str(exc.orig).lower():
            raise InvalidSearchQuery(query.text, str(exc.orig).removeprefix("fts5: ")) from None
        raise


def count(conn: Connection, query: StoryQuery, filters: Sequence[ColumnElement[bool]]) -> int:
    parsed = parse_query(query.text)
    return int(run(conn, query, matching(query, parsed, filters, func.count()))[0][0])


def page(
    conn: Connection,
    query: StoryQuery,
    filters: Sequence[ColumnElement[bool]],
    after: Cursor | None,
    limit: int,
) -> tuple[Hits, ParsedQuery]:
    parsed = parse_query(query.text)
    if query.effective_sort is SortOrder.RELEVANCE:
        return _by_relevance(conn, query, parsed, filters, after, limit), parsed
    newest = query.effective_sort is SortOrder.NEWEST
    stmt = matching(query, parsed, filters, _docid.label("docid"), D.story_id)
    if after is not None:
        stmt = stmt.where(_docid < after.key if newest else _docid > after.key)
    stmt = stmt.order_by(_docid.desc() if newest else _docid.asc()).limit(limit + 1)
    rows = run(conn, query, stmt)
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = Cursor(key=rows[-1].docid, story_id=rows[-1].story_id) if more and rows else None
    return Hits(tuple(r.story_id for r in rows), cursor, None), parsed


def _by_relevance(
    conn: Connection,
    query: StoryQuery,
    parsed: ParsedQuery,
    filters: Sequence[ColumnElement[bool]],
    after: Cursor | None,
    limit: int,
) -> Hits:
    rank = func.bm25(_fts, *WEIGHTS)
    stmt = matching(query, parsed, filters, D.story_id, rank.label("rank"))
    rows = run(conn, query, stmt.order_by(_docid.desc()).limit(RANK_WINDOW + 1))
    window_full = len(rows) > RANK_WINDOW
    ranked = sorted((float(r.rank), int(r.story_id)) for r in rows[:RANK_WINDOW])
    if after is not None:
        key = (float(after.key) if not isinstance(after.key, dt.datetime) else 0.0, after.story_id)
        ranked = [r for r in ranked if r > key]
    more = len(ranked) > limit
    ranked = ranked[:limit]
    cursor = Cursor(key=ranked[-1][0], story_id=ranked[-1][1]) if more and ranked else None
    return Hits(tuple(sid for _rank, sid in ranked), cursor, RANK_WINDOW if window_full else None)
