"""Running a search: which stories match, in which order, one keyset page at a time.

Newest and oldest first walk the index in its rowid order (publication time), so a page costs
the same for a rare word and for one in every story. By relevance, bm25 is computed for at most
the newest RANK_WINDOW (1,000) matches: every match when there are fewer, else the newest ones,
and the page says so (`StoryPage.ranked_among`) — a full ranking of 75,000 matches does not fit
in the 50 ms a keystroke can wait.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Integer, Select, and_, case, column, func, literal_column, select, table
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnElement

from reader.core.errors import InvalidSearchQuery
from reader.core.models import search_doc
from reader.core.search.index import SLOTS_PER_SECOND, WEIGHTS, docid_base
from reader.core.search.query import ParsedQuery, parse_query
from reader.core.types import Cursor, SortOrder, StoryCount, StoryQuery

RANK_WINDOW = 1000
# Past this many matches a count is estimated (and says so) instead of walked to the end.
EXACT_COUNT_LIMIT = 5_000
# A filtered estimate extrapolates from the share of the text's newest matches that pass the
# filters, when at least this many of them do; fewer, and the passing matches are counted.
MIN_SAMPLE_PASSING = 250

search_index = table("search_index", column("rowid", Integer))
_fts: ColumnElement[Any] = literal_column("search_index")
_docid = search_index.c.rowid
D = search_doc.c
STORY_ID = D.story_id  # what a search's filters test (reader.core.stories)


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
    """SELECT columns FROM the index rows matching the text and the filters (on STORY_ID). No
    story row is read: rows no story reaches (story_id NULL) fall out through the join."""
    stmt = (
        select(*columns)
        .select_from(search_index)
        .join(search_doc, D.docid == _docid)
        .where(_fts.op("MATCH")(parsed.expression), D.story_id.is_not(None), *filters)
    )
    # Dates are rowid ranges of the index, which FTS5 applies itself.
    if query.since is not None:
        stmt = stmt.where(_docid >= docid_base(_day_start(query.since)))
    if query.until is not None:
        stmt = stmt.where(_docid < docid_base(_day_start(query.until + dt.timedelta(days=1))))
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
    """How many stories match, exactly (every match is visited)."""
    parsed = parse_query(query.text)
    return int(run(conn, query, matching(query, parsed, filters, func.count()))[0][0])


def estimate(
    conn: Connection,
    query: StoryQuery,
    filters: Sequence[ColumnElement[bool]],
    per_match: Callable[[ColumnElement[Any]], Sequence[ColumnElement[bool]]] | None = None,
) -> StoryCount:
    """How many stories match: exact up to EXACT_COUNT_LIMIT, else estimated from the newest
    EXACT_COUNT_LIMIT matches — their share of the stories they span, applied to all.

    With filters (`filters` as id sets; `per_match(story_id)` the same filters as look-ups on a
    column of story ids), the sample is the newest EXACT_COUNT_LIMIT matches of the text alone,
    and the share of them that pass the filters is what is extrapolated: the walk stays the same
    length whatever share the filters keep (counting the newest 5,000 that pass walks five times
    as many matches for a filter keeping one in five). The count is exact when the text has no
    more matches than that; when too few of the sample pass (under MIN_SAMPLE_PASSING) to
    extrapolate from, the matches that pass are counted as before."""
    parsed = parse_query(query.text)
    if filters and per_match is not None:
        text_only = matching(query, parsed, (), _docid.label("docid"), D.story_id.label("story_id"))
        sample = text_only.order_by(_docid.desc()).limit(EXACT_COUNT_LIMIT + 1).subquery()
        passing = func.sum(case((and_(*per_match(sample.c.story_id)), 1), else_=0))
        totals: Select[Any] = select(func.count(), passing, func.min(sample.c.docid))  # type: ignore[assignment]
        counted, kept, oldest = run(conn, query, totals)[0]
        kept = int(kept or 0)
        if counted <= EXACT_COUNT_LIMIT:
            return StoryCount(kept, estimated=False)  # every match of the text was seen
        if kept >= MIN_SAMPLE_PASSING:
            return _extrapolated(conn, query, kept, oldest)
    newest = matching(query, parsed, filters, _docid.label("docid")).order_by(_docid.desc())
    sample = newest.limit(EXACT_COUNT_LIMIT + 1).subquery()
    totals = select(func.count(), func.min(sample.c.docid))  # type: ignore[assignment]
    counted, oldest = run(conn, query, totals)[0]
    if counted <= EXACT_COUNT_LIMIT:
        return StoryCount(int(counted), estimated=False)
    return _extrapolated(conn, query, int(counted), oldest)


def _extrapolated(conn: Connection, query: StoryQuery, counted: int, oldest: int) -> StoryCount:
    """`counted` matches found among the stories from docid `oldest` on, applied to all of them."""
    in_range = select(func.count()).select_from(search_doc).where(D.story_id.is_not(None))
    if query.since is not None:
        in_range = in_range.where(D.docid >= docid_base(_day_start(query.since)))
    if query.until is not None:
        in_range = in_range.where(D.docid < docid_base(_day_start(query.until + dt.timedelta(days=1))))
    spanned = conn.execute(in_range.where(D.docid >= oldest)).scalar_one()
    everything = conn.execute(in_range).scalar_one()
    value = counted * everything / max(spanned, 1)
    return StoryCount(max(counted, _round(value)), estimated=True)


def _round(value: float) -> int:
    """Three significant figures: an estimate should not look exact."""
    if value < 1000:
        return round(value)
    scale = 10 ** (len(str(int(value))) - 3)
    return int(round(value / scale) * scale)


def page(
    conn: Connection,
    query: StoryQuery,
    filters: Sequence[ColumnElement[bool]],
    after: Cursor | None,
    limit: int,
) -> tuple[Hits, ParsedQuery]:
    parsed = parse_query(query.text)
    sort = query.effective_sort
    if sort is SortOrder.RELEVANCE and not _past_window(after):
        return _by_relevance(conn, query, parsed, filters, after, limit), parsed
    # By date; or by relevance past the ranked window, where the older matches follow newest first.
    newest = sort is not SortOrder.OLDEST
    hits = _by_docid(conn, query, parsed, filters, after, limit, newest=newest)
    return (
        Hits(hits.story_ids, hits.next_cursor, RANK_WINDOW) if sort is SortOrder.RELEVANCE else hits
    ), parsed


def _past_window(after: Cursor | None) -> bool:
    """A relevance cursor holds a bm25 score (a float) inside the ranked window, a docid after it."""
    return after is not None and isinstance(after.key, int)


def _by_docid(
    conn: Connection,
    query: StoryQuery,
    parsed: ParsedQuery,
    filters: Sequence[ColumnElement[bool]],
    after: Cursor | None,
    limit: int,
    *,
    newest: bool,
) -> Hits:
    stmt = matching(query, parsed, filters, _docid.label("docid"), D.story_id)
    if after is not None:
        bound = after.key
        if isinstance(bound, dt.datetime):  # a list cursor (published_at): the second's docids
            bound = docid_base(bound) if newest else docid_base(bound) + SLOTS_PER_SECOND - 1
        stmt = stmt.where(_docid < bound if newest else _docid > bound)
    stmt = stmt.order_by(_docid.desc() if newest else _docid.asc()).limit(limit + 1)
    rows = run(conn, query, stmt)
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = Cursor(key=int(rows[-1].docid), story_id=rows[-1].story_id) if more and rows else None
    return Hits(tuple(r.story_id for r in rows), cursor, None)


def _by_relevance(
    conn: Connection,
    query: StoryQuery,
    parsed: ParsedQuery,
    filters: Sequence[ColumnElement[bool]],
    after: Cursor | None,
    limit: int,
) -> Hits:
    rank = func.bm25(_fts, *WEIGHTS)
    stmt = matching(query, parsed, filters, D.story_id, _docid.label("docid"), rank.label("rank"))
    rows = run(conn, query, stmt.order_by(_docid.desc()).limit(RANK_WINDOW + 1))
    window_full = len(rows) > RANK_WINDOW
    window = rows[:RANK_WINDOW]
    ranked = sorted((float(r.rank), int(r.story_id)) for r in window)
    if after is not None and not isinstance(after.key, dt.datetime):
        key = (float(after.key), after.story_id)
        ranked = [r for r in ranked if r > key]
    more = len(ranked) > limit
    page_rows = ranked[:limit]
    cursor: Cursor | None = None
    if more and page_rows:
        cursor = Cursor(key=page_rows[-1][0], story_id=page_rows[-1][1])
    elif window_full and window:
        # The ranked window is done; the older matches follow, newest first, from its oldest.
        oldest = window[-1]
        cursor = Cursor(key=int(oldest.docid), story_id=int(oldest.story_id))
    return Hits(tuple(sid for _rank, sid in page_rows), cursor, RANK_WINDOW if window_full else None)
