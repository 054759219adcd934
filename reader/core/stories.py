"""Story queries: filters, keyset paging, counts. Used by the Library; returns frozen values."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from reader.core import search
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
from reader.core.search import engine, highlight
from reader.core.search.index import body_text
from reader.core.types import Cursor, SortOrder, StoryCount, StoryPage, StoryQuery, StorySummary

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


def _search_filters(query: StoryQuery) -> list[ColumnElement[bool]]:
    """The filters of a search, on the index's story ids: by id sets from the tag tables and
    the story table's own indexes, so counting 60,000 matches never reads 60,000 story rows.
    Dates are the index's rowid ranges (reader.core.search.engine)."""
    story_id = engine.STORY_ID
    clauses: list[ColumnElement[bool]] = []
    if query.countries:
        codes = [c.upper() for c in query.countries]
        clauses.append(
            story_id.in_(
                select(story_country.c.story_id).where(
                    story_country.c.country_code.in_(codes), story_country.c.role == ROLE_PRIMARY
                )
            )
        )
    if query.sections:
        clauses.append(
            story_id.in_(
                select(story_section.c.story_id)
                .join(Section, Section.id == story_section.c.section_id)
                .where(Section.slug.in_(query.sections))
            )
        )
    if query.sources:
        clauses.append(story_id.in_(select(S.id).where(S.source_id.in_(query.sources))))
    if query.unread_only:
        clauses.append(story_id.in_(select(S.id).where(S.read_at.is_(None))))
    if query.bookmarked_only:
        clauses.append(story_id.in_(select(Bookmark.__table__.c.story_id)))
    return clauses


def _base(query: StoryQuery, *columns: Any) -> Select[Any]:
    return select(*columns).select_from(Story).where(*_filters(query))


def count_stories(conn: Connection, query: StoryQuery) -> int:
    if query.text.strip():
        return engine.count(conn, query, _search_filters(query))
    return int(conn.execute(_base(query, func.count())).scalar_one())


def estimate_stories(conn: Connection, query: StoryQuery) -> StoryCount:
    """count_stories(), except that a search with very many matches is estimated (and says so)."""
    if query.text.strip():
        return engine.estimate(conn, query, _search_filters(query))
    return StoryCount(count_stories(conn, query))


def _summary_columns() -> list[Any]:
    return [
        S.id, S.title, S.url, S.source_id, Source.name, Source.is_sample, S.published_at, S.summary,
        S.read_at, S.language, _bookmarked.label("is_bookmarked"),
    ]  # fmt: skip


def page_stories(
    conn: Connection, query: StoryQuery, after: Cursor | None = None, limit: int = 50
) -> StoryPage:
    """One keyset page of summaries, in the query's order, starting after `after`."""
    if query.text.strip():
        return _search_page(conn, query, after, limit)
    newest = query.effective_sort is not SortOrder.OLDEST
    stmt = _base(query, *_summary_columns()).join(Source, Source.id == S.source_id)
    if after is not None:
        if newest:
            stmt = stmt.where(
                or_(S.published_at < after.key, and_(S.published_at == after.key, S.id < after.story_id))
            )
        else:
            stmt = stmt.where(
                or_(S.published_at > after.key, and_(S.published_at == after.key, S.id > after.story_id))
            )
    order = (S.published_at.desc(), S.id.desc()) if newest else (S.published_at.asc(), S.id.asc())
    rows = conn.execute(stmt.order_by(*order).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = Cursor(key=rows[-1].published_at, story_id=rows[-1].id) if more and rows else None
    return StoryPage(stories=_summaries(conn, rows), next_cursor=next_cursor)


def _search_page(conn: Connection, query: StoryQuery, after: Cursor | None, limit: int) -> StoryPage:
    hits, parsed = engine.page(conn, query, _search_filters(query), after, limit)
    if not hits.story_ids:
        return StoryPage(stories=(), next_cursor=None, ranked_among=hits.ranked_among)
    rows = conn.execute(
        select(*_summary_columns(), S.content_text)
        .join(Source, Source.id == S.source_id)
        .where(S.id.in_(hits.story_ids))
    ).all()
    by_id = {r.id: r for r in rows}
    ordered = [by_id[i] for i in hits.story_ids if i in by_id]
    snippets = {r.id: _snippet(r, parsed.matcher) for r in ordered}
    return StoryPage(
        stories=_summaries(conn, ordered, snippets),
        next_cursor=hits.next_cursor,
        ranked_among=hits.ranked_among,
    )


def _snippet(row: Any, matcher: search.Matcher) -> str:
    """The passage that matched: in the story's text, else in its title, else its opening."""
    text = body_text(row.summary or "", row.content_text or "")
    return (
        highlight.snippet(text, matcher, row.language)
        or highlight.snippet(row.title, matcher, row.language)
        or highlight.opening(text or row.title)
    )


def _summaries(
    conn: Connection, rows: Sequence[Any], snippets: dict[int, str] | None = None
) -> tuple[StorySummary, ...]:
    ids = [r.id for r in rows]
    countries, sections = tags_of(conn, ids)
    mentioned = mentioned_of(conn, ids)
    return tuple(
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
            snippet=snippets.get(r.id) if snippets is not None else None,
        )
        for r in rows
    )


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
