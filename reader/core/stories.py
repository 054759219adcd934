"""Stories: filters, keyset paging, counts, one story, read state. The Library's stories part
(`Stories`) runs these queries on the storage and hands out frozen values."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, and_, exists, func, or_, select, update
from sqlalchemy.sql.elements import ColumnElement

from reader.core import search
from reader.core.articles.rule import wants_full_text
from reader.core.errors import StoryNotFound
from reader.core.images import ImageCache
from reader.core.models import (
    ROLE_MENTIONED,
    ROLE_PRIMARY,
    Bookmark,
    Country,
    Section,
    Source,
    Story,
    StoryFull,
    search_doc,
    story_country,
    story_section,
)
from reader.core.storage import Storage
from reader.core.story_rows import summary_of
from reader.core.types import (
    Article,
    Changes,
    Cursor,
    Facet,
    Facets,
    MoneyContext,
    Outcome,
    SortOrder,
    SourceStatus,
    StoryCount,
    StoryPage,
    StoryQuery,
    StorySummary,
)
from reader.core.types import Story as StoryValue

if TYPE_CHECKING:
    from reader.core.pane_words import PaneWords

S = Story.__table__.c
_bookmarked = exists().where(Bookmark.__table__.c.story_id == S.id)
# A full article is kept: one primary-key lookup in story_full per listed row.
_has_full = exists().where(StoryFull.story_id == S.id, StoryFull.status == "ok")


# What a search's filters test: the index's story ids (reader.core.search.engine.STORY_ID). The
# engine itself is imported where a search runs: listing and counting stories without one needs
# neither it nor the tokeniser, the stemmer's tables and the alias table it brings.
_STORY_ID = search_doc.c.story_id


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


# Filters are written so that SQLite walks an index in the list's order and stops after a page
# (issue 13): a tag or a bookmark is a correlated EXISTS tested on each story of the date walk
# (`ix_story_published`, or the partial `ix_story_unread` of 0008 for unread stories), not an
# `id IN (...)` list, which made SQLite fetch every match and sort them all. A tag that selects
# only a few stories is the exception: walking the dates to find them would read most of the
# cache, so those few are fetched by id and sorted (RARE_TAG). tests/core/test_query_plans.py
# checks each list query's plan.
RARE_TAG = 1000


def _country_ids(query: StoryQuery, unread: bool = False) -> Select[Any]:
    """The stories whose primary countries include one of the query's; with `unread`, only the
    unread ones, from the link table alone (its `unread` copy of the read state, 0010)."""
    codes = [c.upper() for c in query.countries]
    ids = select(story_country.c.story_id).where(
        story_country.c.country_code.in_(codes), story_country.c.role == ROLE_PRIMARY
    )
    # Rendered `unread = 1`, the partial index's own condition (a bound parameter would keep
    # SQLite off that index).
    return ids.where(story_country.c.unread) if unread else ids


def _section_ids(query: StoryQuery) -> Select[Any]:
    return select(story_section.c.story_id).where(
        story_section.c.section_id.in_(select(Section.id).where(Section.slug.in_(query.sections)))
    )


def _tag_sets(query: StoryQuery) -> list[Select[Any]]:
    """The story ids each link-table filter selects (countries, sections, bookmarks)."""
    sets: list[Select[Any]] = []
    if query.countries:
        sets.append(_country_ids(query))
    if query.sections:
        sets.append(_section_ids(query))
    if query.bookmarked_only:
        sets.append(select(Bookmark.__table__.c.story_id))
    return sets


def _row_filters(query: StoryQuery) -> list[ColumnElement[bool]]:
    """The filters on the story row itself, each served by an index of the story table."""
    clauses: list[ColumnElement[bool]] = []
    if query.sources:
        clauses.append(S.source_id.in_(query.sources))
    if query.since is not None:
        clauses.append(S.published_at >= _day_start(query.since))
    if query.until is not None:
        clauses.append(S.published_at < _day_start(query.until + dt.timedelta(days=1)))
    if query.unread_only:
        clauses.append(S.read_at.is_(None))
    return clauses


def _tag_clause(ids: Select[Any], rare: bool) -> ColumnElement[bool]:
    """A link-table filter as the walk tests it (EXISTS on this story), or, for a rare tag, as
    the id list SQLite fetches first."""
    return S.id.in_(ids) if rare else _tagged(ids, S.id)


def _tagged(ids: Select[Any], story_id: ColumnElement[Any]) -> ColumnElement[bool]:
    """`story_id` is among the link table's `ids`: an EXISTS on the link table's primary key."""
    column = ids.selected_columns[0]
    return exists(ids.where(column == story_id).with_only_columns(column))


def _is_rare(conn: Connection, ids: Select[Any]) -> bool:
    """Fewer than RARE_TAG stories carry this tag (counted from its index, stopping there)."""
    probe = select(func.count()).select_from(ids.limit(RARE_TAG).subquery())
    return int(conn.execute(probe).scalar_one()) < RARE_TAG


def _filters(conn: Connection, query: StoryQuery) -> list[ColumnElement[bool]]:
    """Every filter of `query` for a page of the list."""
    tags = (_tag_clause(ids, _is_rare(conn, ids)) for ids in _tag_sets(query))
    return [*_row_filters(query), *tags]


def _search_filters(query: StoryQuery) -> list[ColumnElement[bool]]:
    """The filters of a search, on the index's story ids: by id sets from the tag tables and
    the story table's own indexes, so counting 60,000 matches never reads 60,000 story rows.
    Dates are the index's rowid ranges (reader.core.search.engine)."""
    story_id = _STORY_ID
    clauses: list[ColumnElement[bool]] = [story_id.in_(ids) for ids in _tag_sets(query)]
    if query.sources:
        clauses.append(story_id.in_(select(S.id).where(S.source_id.in_(query.sources))))
    if query.unread_only:
        clauses.append(story_id.in_(select(S.id).where(S.read_at.is_(None))))
    return clauses


def _match_filters(query: StoryQuery, story_id: ColumnElement[Any] = _STORY_ID) -> list[ColumnElement[bool]]:
    """The same filters as `_search_filters`, tested on each match by an index look-up (EXISTS
    on the link table's or the story table's primary key) instead of an id set built first: for
    the estimate's sample of 5,000 matches, where building a country's or the unread stories'
    whole id set costs more than the look-ups. (A page keeps the id sets: for a reader who has
    read nearly everything, "unread" tested match by match would walk every match of a frequent
    word.)"""
    clauses = [_tagged(ids, story_id) for ids in _tag_sets(query)]
    if query.sources or query.unread_only:
        row = [S.id == story_id]
        if query.sources:
            row.append(S.source_id.in_(query.sources))
        if query.unread_only:
            row.append(S.read_at.is_(None))
        clauses.append(exists().where(*row))
    return clauses


def count_stories(conn: Connection, query: StoryQuery) -> int:
    """How many stories match, counted from indexes: a tag's link table when there is no filter
    on the story row (a country's 20,000 stories in about a millisecond), else the story table's
    indexes with each tag tested by EXISTS; never by fetching story rows."""
    if query.text.strip():
        from reader.core.search import engine  # with the first search (see _STORY_ID)

        return engine.count(conn, query, _search_filters(query))
    tags, rows = _tag_sets(query), _row_filters(query)
    if query.countries and query.unread_only and len(rows) == 1:
        # Countries + unread (and nothing else on the row): the link table knows the read state.
        tags, rows = [_country_ids(query, unread=True), *tags[1:]], []
    if query.countries and len(query.countries) > 1 and len(tags) == 1 and not rows:
        return _count_countries(conn, query, unread=query.unread_only)
    if tags and not rows:
        first, *others = tags
        column = first.selected_columns[0]
        # A story may carry two of the countries (or sections) asked for: count it once.
        many = len(query.countries) > 1 if query.countries else len(query.sections) > 1
        ids = first.where(*(column.in_(other) for other in others)).subquery()
        counted = func.count(ids.c.story_id.distinct()) if many else func.count()
        return int(conn.execute(select(counted).select_from(ids)).scalar_one())
    stmt = select(func.count()).select_from(Story).where(*rows, *(_tag_clause(ids, False) for ids in tags))
    return int(conn.execute(stmt).scalar_one())


def _count_countries(conn: Connection, query: StoryQuery, unread: bool) -> int:
    """Stories with any of several countries, each once, from the link table's indexes alone:
    every row of those countries, less the rows of stories with more than one primary country
    (`shared`, 0010: a few in a thousand), which are counted apart, once per story. Counting
    40,000 ids distinct made SQLite sort them all (20 ms at 100k)."""
    rows = _country_ids(query, unread).subquery()
    shared = _country_ids(query, unread).where(story_country.c.shared).subquery()
    total = int(conn.execute(select(func.count()).select_from(rows)).scalar_one())
    shared_rows, shared_stories = conn.execute(
        select(func.count(), func.count(shared.c.story_id.distinct())).select_from(shared)
    ).one()
    return total - int(shared_rows) + int(shared_stories)


def count_among(conn: Connection, query: StoryQuery, story_ids: Sequence[int]) -> int:
    """How many of `story_ids` (a sync's new stories) match, in chunks of ids."""
    counted = 0
    for start in range(0, len(story_ids), _ID_CHUNK):
        chunk = list(story_ids[start : start + _ID_CHUNK])
        if query.text.strip():
            from reader.core.search import engine  # with the first search (see _STORY_ID)

            counted += engine.count(conn, query, [*_search_filters(query), _STORY_ID.in_(chunk)])
        else:
            stmt = select(func.count()).select_from(Story).where(S.id.in_(chunk), *_filters(conn, query))
            counted += int(conn.execute(stmt).scalar_one())
    return counted


_ID_CHUNK = 500


def estimate_stories(conn: Connection, query: StoryQuery) -> StoryCount:
    """count_stories(), except that a search with very many matches is estimated (and says so)."""
    if query.text.strip():
        from reader.core.search import engine  # with the first search (see _STORY_ID)

        return engine.estimate(conn, query, _search_filters(query), functools.partial(_match_filters, query))
    return StoryCount(count_stories(conn, query))


def _summary_columns() -> list[Any]:
    return [
        S.id, S.title, S.url, S.source_id, Source.name, Source.is_sample, S.published_at, S.summary,
        S.read_at, S.language, _bookmarked.label("is_bookmarked"), _has_full.label("has_full"),
        S.content_text,
    ]  # fmt: skip


def page_stories(
    conn: Connection, query: StoryQuery, after: Cursor | None = None, limit: int = 50
) -> StoryPage:
    """One keyset page of summaries, in the query's order, starting after `after`."""
    if query.text.strip():
        return _search_page(conn, query, after, limit)
    newest = query.effective_sort is not SortOrder.OLDEST
    stmt = (
        select(*_summary_columns())
        .select_from(Story)
        .join(Source, Source.id == S.source_id)
        .where(*_filters(conn, query))
    )
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
    from reader.core.search import engine  # with the first search (see _STORY_ID)

    hits, parsed = engine.page(conn, query, _search_filters(query), after, limit)
    if not hits.story_ids:
        return StoryPage(stories=(), next_cursor=None, ranked_among=hits.ranked_among)
    rows = conn.execute(
        select(*_summary_columns()).join(Source, Source.id == S.source_id).where(S.id.in_(hits.story_ids))
    ).all()
    by_id = {r.id: r for r in rows}
    ordered = [by_id[i] for i in hits.story_ids if i in by_id]
    snippets = {r.id: _snippet(r, parsed.matcher) for r in ordered}
    return StoryPage(
        stories=_summaries(conn, ordered, snippets),
        next_cursor=hits.next_cursor,
        ranked_among=hits.ranked_among,
    )


def headlines(conn: Connection, query: StoryQuery, limit: int) -> list[tuple[int, str, dt.datetime]]:
    """The id, title and date of the first `limit` matches, newest first: what the rate chart
    marks. No summaries, tags or snippets (a page's snippets alone took most of half a second for
    the chart's 400 markers at 10k); the filters and the search are the list's own."""
    newest = dataclasses.replace(query, sort=SortOrder.NEWEST)
    columns = (S.id, S.title, S.published_at)
    if newest.text.strip():
        from reader.core.search import engine  # with the first search (see _STORY_ID)

        hits, _parsed = engine.page(conn, newest, _search_filters(newest), None, limit)
        ids = list(hits.story_ids)
        by_id = {r.id: r for r in conn.execute(select(*columns).where(S.id.in_(ids))).all()}
        return [(i, by_id[i].title, by_id[i].published_at) for i in ids if i in by_id]
    stmt = (
        select(*columns)
        .where(*_filters(conn, newest))
        .order_by(S.published_at.desc(), S.id.desc())
        .limit(limit)
    )
    return [(r.id, r.title, r.published_at) for r in conn.execute(stmt).all()]


def _snippet(row: Any, matcher: search.Matcher) -> str:
    """The passage that matched: in the story's text, else in its title, else its opening."""
    from reader.core.search import highlight  # html.parser (~15 ms): on the first search, not at start
    from reader.core.search.index import body_text

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
        summary_of(r, countries, sections, mentioned, snippets.get(r.id) if snippets is not None else None)
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


def summaries(conn: Connection, story_ids: Sequence[int]) -> list[StorySummary]:
    """The list rows of these stories (those that still exist), in the order given."""
    if not story_ids:
        return []
    stmt = select(*_summary_columns()).join(Source, Source.id == S.source_id).where(S.id.in_(list(story_ids)))
    rows = {r.id: r for r in conn.execute(stmt)}
    countries, sections = tags_of(conn, list(rows))
    mentioned = mentioned_of(conn, list(rows))
    return [summary_of(rows[i], countries, sections, mentioned, None) for i in story_ids if i in rows]


def load_story(conn: Connection, story_id: int) -> StoryValue:
    row = conn.execute(
        select(
            *Story.__table__.c,
            Source.name.label("source_name"),
            Source.site_url,
            Source.is_sample,
            Bookmark.note,
            Bookmark.id.label("bookmark_id"),
            StoryFull.status.label("full_status"),
            StoryFull.html.label("full_html"),
            StoryFull.text.label("full_text"),
            StoryFull.author.label("full_author"),
            StoryFull.note.label("full_note"),
            StoryFull.fetched_at.label("full_fetched_at"),
        )
        .join(Source, Source.id == Story.source_id)
        .outerjoin(Bookmark, Bookmark.story_id == Story.id)
        .outerjoin(StoryFull, StoryFull.story_id == Story.id)
        .where(Story.id == story_id)
    ).first()
    if row is None:
        raise StoryNotFound(story_id)
    countries, sections = tags_of(conn, [story_id])
    mentioned = mentioned_of(conn, [story_id])
    full = row.full_status == "ok"
    return StoryValue(
        id=row.id,
        guid=row.guid,
        title=row.title,
        url=row.url,
        author=row.author,
        source_id=row.source_id,
        source_name=row.source_name,
        source_site_url=row.site_url,
        is_sample=bool(row.is_sample),
        published_at=row.published_at,
        updated_at=row.updated_at,
        summary=row.summary,
        content_html=row.content_html or "",
        content_text=row.content_text or "",
        image_url=row.image_url,
        language=row.language,
        countries=countries.get(story_id, ()),
        sections=sections.get(story_id, ()),
        is_read=row.read_at is not None,
        is_bookmarked=row.bookmark_id is not None,
        bookmark_note=row.note,
        mentioned_countries=mentioned.get(story_id, ()),
        full_html=row.full_html if full else None,
        full_text=row.full_text if full else None,
        full_author=row.full_author if full else None,
        full_note=row.full_note,
        full_fetched_at=row.full_fetched_at,
        summary_only=not row.is_sample
        and not full
        and wants_full_text(row.content_text or row.summary or ""),
    )


def require_story(conn: Connection, story_id: int) -> None:
    if conn.execute(select(S.id).where(S.id == story_id)).first() is None:
        raise StoryNotFound(story_id)


class Stories:
    """The stories part of the Library: the list's pages and counts, one story, read state."""

    def __init__(
        self,
        storage: Storage,
        images: ImageCache,
        money_in: Callable[[StoryValue], list[MoneyContext]],
        sources: Callable[[], list[SourceStatus]],
    ) -> None:
        self._storage = storage
        self._images = images
        self._money_in = money_in
        self._sources = sources

    def page(self, query: StoryQuery, after: Cursor | None = None, limit: int = 50) -> StoryPage:
        """One page of the list; pass the page's `next_cursor` to get the next one."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        with self._storage.read() as conn:
            return page_stories(conn, query, after, limit)

    def first_page(self, query: StoryQuery, limit: int = 50) -> tuple[StoryCount, StoryPage]:
        """A new query's count (as estimate() gives it) and first page, the count read beside the
        page on the storage's reading thread. At 100k stories a search's count is 6-20 ms inside
        SQLite, which runs beside the page's own SQL and snippets on the other core: 0.75-0.86x
        the time of one after the other (bench/results.md); at 1k, the same time."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        counting = self._storage.beside(lambda conn: estimate_stories(conn, query))
        page = self.page(query, None, limit)
        return counting.result(), page

    def iter(self, query: StoryQuery, chunk: int = 200) -> Iterator[StorySummary]:
        """Every matching story, fetched in keyset chunks (never one long read)."""
        cursor: Cursor | None = None
        while True:
            page = self.page(query, cursor, chunk)
            yield from page.stories
            if page.next_cursor is None:
                return
            cursor = page.next_cursor

    def headlines(self, query: StoryQuery, limit: int) -> list[tuple[int, str, dt.datetime]]:
        """The id, title and date of the newest `limit` matches (see headlines())."""
        with self._storage.read() as conn:
            return headlines(conn, query, limit)

    def count(self, query: StoryQuery) -> int:
        with self._storage.read() as conn:
            return count_stories(conn, query)

    def estimate(self, query: StoryQuery) -> StoryCount:
        """As count(), but a search with more than 5,000 matches is estimated from its newest
        matches (`estimated` says so) instead of counted to the end: for the list's line."""
        with self._storage.read() as conn:
            return estimate_stories(conn, query)

    def summaries(self, story_ids: Sequence[int]) -> list[StorySummary]:
        """Fresh list rows for these stories (a view refreshing what a write changed)."""
        with self._storage.read() as conn:
            return summaries(conn, story_ids)

    def get(self, story_id: int) -> StoryValue:
        with self._storage.read() as conn:
            return load_story(conn, story_id)

    def article(self, story_id: int, highlight: str = "", words: PaneWords | None = None) -> Article:
        """The story with its currency context, its HTML for the pane and its cached images;
        with `highlight` (the list's search text), what it matched is marked in the HTML. With a
        full article, the pane shows it and `feed_html` is the feed's version beside it. `words`:
        what the HTML says around the story, in the window's language (default English)."""
        from reader.core.html import image_urls
        from reader.core.story_html import ENGLISH, pane_html

        story = self.get(story_id)
        money = tuple(self._money_in(story))  # from the full text when there is one
        urls = image_urls(story.content_html) + image_urls(story.full_html or "")
        urls += [story.image_url] if story.image_url else []
        images = {url: path for url in urls if (path := self._images.get(url)) is not None}
        w = words or ENGLISH
        feed_html = pane_html(story, money, highlight, full=False, words=w) if story.full_html else None
        return Article(story, money, pane_html(story, money, highlight, words=w), images, feed_html)

    def mark_read(self, story_id: int, read: bool = True) -> Changes:
        """Mark a story read (keeping the first reading time) or unread."""

        def change(conn: Connection) -> None:
            require_story(conn, story_id)
            stmt = update(Story).where(Story.id == story_id)
            if read:
                stmt = stmt.where(Story.read_at.is_(None))
            conn.execute(stmt.values(read_at=dt.datetime.now(dt.UTC) if read else None))

        self._storage.write(change)
        return Changes(read_state=True, story_ids=frozenset({story_id}))

    def mark_all_read(self, query: StoryQuery) -> Outcome[tuple[int, ...]]:
        """Mark every unread story `query` matches read, in chunks of one short write each;
        the value is the stories marked (what `mark_unread_many` takes to undo it)."""
        unread = dataclasses.replace(query, unread_only=True, sort=None)
        ids: list[int] = []
        with self._storage.read() as conn:
            if unread.text.strip():
                from reader.core.search import engine  # with the first search (see _STORY_ID)

                parsed = search.parse_query(unread.text)
                stmt = engine.matching(unread, parsed, _search_filters(unread), _STORY_ID)
                ids = [int(r[0]) for r in engine.run(conn, unread, stmt)]
            else:
                ids = [int(r[0]) for r in conn.execute(select(S.id).where(*_filters(conn, unread)))]
        now = dt.datetime.now(dt.UTC)
        marked: list[int] = []
        for start in range(0, len(ids), MARK_CHUNK):
            chunk = ids[start : start + MARK_CHUNK]

            def change(conn: Connection, chunk: list[int] = chunk) -> list[int]:
                rows = conn.execute(
                    update(Story)
                    .where(Story.id.in_(chunk), Story.read_at.is_(None))
                    .values(read_at=now)
                    .returning(Story.id)
                ).all()
                return [int(r[0]) for r in rows]

            marked.extend(self._storage.write(change))
        return Outcome(tuple(marked), Changes(read_state=True, story_ids=frozenset(marked)))

    def mark_unread_many(self, story_ids: Sequence[int]) -> Changes:
        """Mark these stories unread again (the undo of mark_all_read)."""
        ids = list(story_ids)
        for start in range(0, len(ids), MARK_CHUNK):
            chunk = ids[start : start + MARK_CHUNK]

            def change(conn: Connection, chunk: list[int] = chunk) -> None:
                conn.execute(update(Story).where(Story.id.in_(chunk)).values(read_at=None))

            self._storage.write(change)
        return Changes(read_state=True, story_ids=frozenset(ids))

    def facets(self, query: StoryQuery | None = None) -> Facets:
        """Countries, sections and sources to filter by, each with its story count; with
        `query`, a country's count is of the stories its other filters select (its own countries
        left out, so ticking a second country shows what it would add), and so for sections."""
        query = query or StoryQuery()
        with self._storage.read() as conn:
            names = conn.execute(select(Country.code, Country.name).order_by(Country.name)).all()
            country_counts = _link_counts(
                conn,
                dataclasses.replace(query, countries=()),
                story_country.c.country_code,
                story_country.c.story_id,
                story_country.c.role == ROLE_PRIMARY,
            )
            section_names = conn.execute(
                select(Section.id, Section.slug, Section.name).order_by(Section.name)
            ).all()
            section_counts = _link_counts(
                conn,
                dataclasses.replace(query, sections=()),
                story_section.c.section_id,
                story_section.c.story_id,
            )
        return Facets(
            countries=tuple(Facet(key=c, name=n, count=country_counts.get(c, 0)) for c, n in names),
            sections=tuple(
                Facet(key=slug, name=n, count=section_counts.get(i, 0)) for i, slug, n in section_names
            ),
            sources=tuple(self._sources()),
        )


MARK_CHUNK = 500  # stories per write when marking many read: the writer is never held for long


def _link_counts(
    conn: Connection, query: StoryQuery, key: Any, story_id: Any, *where: ColumnElement[bool]
) -> dict[Any, int]:
    """Stories per tag (country or section) among those `query` selects, from the link table's
    index; without filters, over every story."""
    stmt = select(key, func.count(story_id.distinct())).where(*where).group_by(key)
    if query.text.strip():
        from reader.core.search import engine  # with the first search (see _STORY_ID)

        parsed = search.parse_query(query.text)
        stmt = stmt.where(story_id.in_(engine.matching(query, parsed, _search_filters(query), _STORY_ID)))
        return {k: int(n) for k, n in engine.run(conn, query, stmt)}
    if dataclasses.replace(query, sort=None) != StoryQuery():
        stmt = stmt.where(story_id.in_(select(S.id).where(*_filters(conn, query))))
    return {k: int(n) for k, n in conn.execute(stmt).all()}
