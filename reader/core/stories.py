"""Story queries: filters, keyset paging, counts. Used by the Library; returns frozen values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select, tuple_
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.elements import ColumnElement

from reader.core import search
from reader.core.errors import InvalidSearchQuery
from reader.core.models import (
    ROLE_MENTIONED,
    ROLE_PRIMARY,
    Bookmark,
    Country,
    Section,
    Source,
    Story,
    story_country,
    story_section,
)
from reader.core.types import Cursor, SortOrder, StoryPage, StoryQuery, StorySummary

S = Story.__table__.c
_bookmarked = exists().where(Bookmark.__table__.c.story_id == S.id)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _filters(query: StoryQuery) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if query.countries:
        codes = [c.upper() for c in query.countries]
        clauses.append(
            S.id.in_(
                select(story_country.c.story_id).where(
                    story_country.c.country_code.in_(codes), story_country.c.role == ROLE_PRIMARY
                )
            )
        )
    if query.sections:
        clauses.append(
            S.id.in_(
                select(story_section.c.story_id)
                .join(Section, Section.id == story_section.c.section_id)
                .where(Section.slug.in_(query.sections))
            )
        )
    if query.sources:
        clauses.append(S.source_id.in_(query.sources))
    if query.since is not None:
        clauses.append(S.published_at >= _day_start(query.since))
    if query.until is not None:
        clauses.append(S.published_at < _day_start(query.until + dt.timedelta(days=1)))
    if query.unread_only:
        clauses.append(S.read_at.is_(None))
    if query.bookmarked_only:
        clauses.append(_bookmarked)
    return clauses


def _base(query: StoryQuery, *columns: Any) -> Select[Any]:
    stmt = select(*columns).select_from(Story)
    if query.text.strip():
        fts_query = search.to_fts_query(query.text)
        stmt = stmt.join(search.story_fts, search.story_fts.c.rowid == S.id).where(
            search.match_clause(fts_query)
        )
    return stmt.where(*_filters(query))


def _run(conn: Connection, query: StoryQuery, stmt: Select[Any]) -> Sequence[Any]:
    try:
        return conn.execute(stmt).all()
    except OperationalError as exc:
        # FTS5 reports what our translation let through (e.g. a lone "NOT") as a syntax error.
        if "fts5" in str(exc.orig).lower() and query.text:
            raise InvalidSearchQuery(query.text, str(exc.orig).removeprefix("fts5: ")) from None
        raise


def count_stories(conn: Connection, query: StoryQuery) -> int:
    rows = _run(conn, query, _base(query, func.count()))
    return int(rows[0][0])


def page_stories(
    conn: Connection, query: StoryQuery, after: Cursor | None = None, limit: int = 50
) -> StoryPage:
    """One keyset page of summaries, in the query's order, starting after `after`."""
    searching = bool(query.text.strip())
    sort = query.effective_sort
    columns: list[Any] = [
        S.id, S.title, S.url, S.source_id, Source.name, Source.is_sample, S.published_at, S.summary,
        S.read_at, _bookmarked.label("is_bookmarked"),
    ]  # fmt: skip
    if searching:
        columns.append(search.snippet_column().label("snippet"))
    if sort is SortOrder.RELEVANCE:
        key: Any = search.rank_column()
        columns.append(key.label("sort_key"))
        order = (key.asc(), S.id.asc())
        if after is not None:
            stmt_filter = tuple_(key, S.id) > tuple_(after.key, after.story_id)
    elif sort is SortOrder.OLDEST:
        key = S.published_at
        order = (S.published_at.asc(), S.id.asc())
        if after is not None:
            stmt_filter = or_(
                S.published_at > after.key, and_(S.published_at == after.key, S.id > after.story_id)
            )
    else:
        key = S.published_at
        order = (S.published_at.desc(), S.id.desc())
        if after is not None:
            stmt_filter = or_(
                S.published_at < after.key, and_(S.published_at == after.key, S.id < after.story_id)
            )
    stmt = _base(query, *columns).join(Source, Source.id == S.source_id)
    if after is not None:
        stmt = stmt.where(stmt_filter)
    rows = _run(conn, query, stmt.order_by(*order).limit(limit + 1))
    more = len(rows) > limit
    rows = rows[:limit]
    ids = [r.id for r in rows]
    countries, sections = tags_of(conn, ids)
    mentioned = mentioned_of(conn, ids)
    stories = tuple(
        StorySummary(
            id=r.id,
            title=r.title,
            url=r.url,
            source_id=r.source_id,
            source_name=r.name,
            is_sample=bool(r.is_sample),
            published_at=r.published_at,
            summary=r.summary,
            countries=countries.get(r.id, ()),
            sections=sections.get(r.id, ()),
            mentioned_countries=mentioned.get(r.id, ()),
            is_read=r.read_at is not None,
            is_bookmarked=bool(r.is_bookmarked),
            snippet=search.snippet_to_html(r.snippet) if searching else None,
        )
        for r in rows
    )
    next_cursor = None
    if more and rows:
        last = rows[-1]
        cursor_key = last.sort_key if sort is SortOrder.RELEVANCE else last.published_at
        next_cursor = Cursor(key=cursor_key, story_id=last.id)
    return StoryPage(stories=stories, next_cursor=next_cursor)


def tags_of(
    conn: Connection, story_ids: Sequence[int]
) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    """Primary country codes and section names of these stories, each sorted."""
    countries: dict[int, list[str]] = defaultdict(list)
    sections: dict[int, list[str]] = defaultdict(list)
    if story_ids:
        for story_id, code in conn.execute(
            select(story_country.c.story_id, story_country.c.country_code)
            .where(story_country.c.story_id.in_(story_ids), story_country.c.role == ROLE_PRIMARY)
            .order_by(story_country.c.country_code)
        ):
            countries[story_id].append(code)
        for story_id, name in conn.execute(
            select(story_section.c.story_id, Section.name)
            .join(Section, Section.id == story_section.c.section_id)
            .where(story_section.c.story_id.in_(story_ids))
            .order_by(Section.name)
        ):
            sections[story_id].append(name)
    return (
        {k: tuple(v) for k, v in countries.items()},
        {k: tuple(v) for k, v in sections.items()},
    )


def mentioned_of(conn: Connection, story_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """The countries these stories name without being about them ("also mentioned"), sorted."""
    mentioned: dict[int, list[str]] = defaultdict(list)
    if story_ids:
        for story_id, code in conn.execute(
            select(story_country.c.story_id, story_country.c.country_code)
            .where(story_country.c.story_id.in_(story_ids), story_country.c.role == ROLE_MENTIONED)
            .order_by(story_country.c.country_code)
        ):
            mentioned[story_id].append(code)
    return {k: tuple(v) for k, v in mentioned.items()}


def country_names(conn: Connection) -> dict[str, str]:
    return {code: name for code, name in conn.execute(select(Country.code, Country.name))}
