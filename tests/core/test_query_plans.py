"""The list's queries keep the plans that make them flat at 100,000 stories (issue 13).

Each list query — a page and its count, for every filter and for searches with filters — runs
through the Library while the statements SQLite receives are recorded; each is then explained
(`EXPLAIN QUERY PLAN`, with its own parameters). A page must walk an index in the list's order
and stop (no full scan of the story table, no temporary B-tree sorting every match); a count must
come from indexes (no step that reads every story row). A change that quietly falls back to a
scan fails here, whatever the size of the test data: SQLite plans these without statistics
(the cache has no sqlite_stat1), so the plans here are the ones at 100k.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Engine, event

from reader.core import stories as stories_module
from reader.core.library import Library
from reader.core.types import SortOrder, StoryQuery
from tests.helpers import add_source, add_story, writing

# A plan step that reads a whole table or index, rather than seeking in an index: allowed only as
# the walk of the story list's order (ix_story_published, or ix_story_unread for unread stories),
# which a page stops after its rows and a count makes over the stories the filter itself selects.
# (The bookmark table may be read whole: it is the "bookmarked" filter's set.)
SCAN = re.compile(r"^SCAN (story|story_country|story_section|source)\b")
ORDERED_WALK = re.compile(r"^SCAN story USING (COVERING )?INDEX (ix_story_published|ix_story_unread)\b")


def full_scans(steps: list[str]) -> list[str]:
    return [s for s in steps if SCAN.match(s) and not ORDERED_WALK.match(s)]


FILTERS: dict[str, StoryQuery] = {
    "everything": StoryQuery(),
    "one country": StoryQuery(countries=("KZ",)),
    "two countries": StoryQuery(countries=("KZ", "UZ")),
    "unread": StoryQuery(unread_only=True),
    "country and unread": StoryQuery(countries=("KZ",), unread_only=True),
    "section": StoryQuery(sections=("economy",)),
    "bookmarked": StoryQuery(bookmarked_only=True),
    "dates": StoryQuery(since=dt.date(2026, 1, 1), until=dt.date(2026, 6, 30)),
    "dates and unread": StoryQuery(since=dt.date(2026, 1, 1), unread_only=True),
    "oldest first": StoryQuery(countries=("KZ",), sort=SortOrder.OLDEST),
}
SEARCHES: dict[str, StoryQuery] = {
    "search": StoryQuery(text="pipeline"),
    "search newest": StoryQuery(text="pipeline", sort=SortOrder.NEWEST),
    "search and country": StoryQuery(text="pipeline", countries=("KZ",)),
    "search and unread": StoryQuery(text="pipeline", unread_only=True),
}


@pytest.fixture
def filled(library: Library) -> Library:
    source = add_source(library)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    for i in range(60):
        story = add_story(
            library,
            source,
            title=f"Pipeline news {i}" if i % 3 == 0 else f"Harvest report {i}",
            published=start + dt.timedelta(days=i * 5),
            countries=("KZ",) if i % 2 else ("UZ",),
            sections=("economy",) if i % 4 == 0 else (),
        )
        if i % 5 == 0:
            library.stories.mark_read(story)
        if i % 7 == 0:
            library.bookmarks.set(story, True)
    return library


@pytest.fixture
def recorded() -> Iterator[list[tuple[str, Any]]]:
    statements: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    event.listen(Engine, "before_cursor_execute", record)
    yield statements
    event.remove(Engine, "before_cursor_execute", record)


def plans(library: Library, statements: list[tuple[str, Any]]) -> list[tuple[str, list[str]]]:
    with writing(library) as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        return [
            (sql, [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + sql, params or ())])
            for sql, params in statements
        ]


def run_list_queries(library: Library, query: StoryQuery) -> None:
    page = library.stories.page(query, limit=5)
    library.stories.estimate(query)
    library.stories.count(query)
    if page.next_cursor is not None:
        library.stories.page(query, page.next_cursor, limit=5)


@pytest.mark.parametrize("rare_tag", [0, None], ids=["tags walked", "rare tags fetched by id"])
@pytest.mark.parametrize("name", list(FILTERS))
def test_filtered_list_never_scans_or_sorts_every_match(
    filled: Library,
    recorded: list[tuple[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    rare_tag: int | None,
) -> None:
    if rare_tag is not None:  # 0: every tag counts as common, so pages walk the dates
        monkeypatch.setattr(stories_module, "RARE_TAG", rare_tag)
    query = FILTERS[name]
    run_list_queries(filled, query)
    explained = plans(filled, recorded)
    assert explained, "the list's statements were recorded"

    walks = 0
    for sql, steps in explained:
        assert not full_scans(steps), (sql, steps)
        if "LIMIT" in sql and "ORDER BY" in sql and rare_tag is not None:
            # A page walks an index in the list's order and stops: nothing sorts all matches.
            assert not [s for s in steps if "TEMP B-TREE FOR ORDER BY" in s], (sql, steps)
            walks += any(ORDERED_WALK.match(s) or s.startswith("SEARCH story USING") for s in steps)
    if rare_tag is not None:
        assert walks, "a page of the list was explained"


def test_a_rare_tag_is_fetched_by_id_and_sorted(filled: Library, recorded: list[tuple[str, Any]]) -> None:
    # 30 KZ stories, fewer than RARE_TAG: walking the dates for them would read most of a large cache.
    run_list_queries(filled, StoryQuery(countries=("KZ",)))
    pages = [steps for sql, steps in plans(filled, recorded) if "LIMIT" in sql and "ORDER BY" in sql]
    assert pages and all(any("story_country" in s for s in steps) for steps in pages)
    assert all(not any(ORDERED_WALK.match(s) for s in steps) for steps in pages)


@pytest.mark.parametrize("name", list(SEARCHES))
def test_search_never_scans_the_story_table(
    filled: Library, recorded: list[tuple[str, Any]], name: str
) -> None:
    run_list_queries(filled, SEARCHES[name])
    explained = plans(filled, recorded)
    assert any("search_index" in sql for sql, _ in explained)
    for sql, steps in explained:
        assert not full_scans(steps), (sql, steps)


def test_counts_are_right(filled: Library) -> None:
    """The counts written for speed count what the page lists, filter by filter."""
    for name, query in FILTERS.items():
        listed = sum(1 for _ in filled.stories.iter(query, chunk=7))
        assert filled.stories.count(query) == listed, name
        assert filled.stories.estimate(query).value == listed, name
    # The bundled sample stories come on top of the 60 written here.
    assert filled.stories.count(StoryQuery(countries=("KZ", "UZ"))) >= 60
    assert filled.stories.count(StoryQuery(bookmarked_only=True)) >= 9


STORY_ROWS = re.compile(r"^(SCAN|SEARCH) story\b")  # a step that reads story rows (not story_country)


def count_plans(library: Library, statements: list[tuple[str, Any]], query: StoryQuery) -> list[list[str]]:
    statements.clear()
    assert library.stories.count(query) == library.stories.estimate(query).value
    return [steps for _sql, steps in plans(library, statements)]


@pytest.mark.parametrize("countries", [("KZ",), ("KZ", "UZ")], ids=["one country", "two countries"])
def test_country_and_unread_is_counted_from_the_unread_link_index(
    filled: Library, recorded: list[tuple[str, Any]], countries: tuple[str, ...]
) -> None:
    # 0010: the link table's copy of the read state; no look-up of each unread story's countries.
    explained = count_plans(filled, recorded, StoryQuery(countries=countries, unread_only=True))
    assert any(any("USING COVERING INDEX ix_story_country_unread" in s for s in steps) for steps in explained)
    for steps in explained:
        assert not [s for s in steps if STORY_ROWS.match(s)], steps


@pytest.mark.parametrize("unread", [False, True], ids=["all", "unread"])
def test_several_countries_are_counted_without_sorting_their_stories(
    filled: Library, recorded: list[tuple[str, Any]], unread: bool
) -> None:
    # 0010: every link row less the few shared ones; only those few are counted distinct.
    explained = count_plans(filled, recorded, StoryQuery(countries=("KZ", "UZ"), unread_only=unread))
    assert any(any("ix_story_country_shared" in s for s in steps) for steps in explained), explained
    for steps in explained:
        assert not [s for s in steps if STORY_ROWS.match(s)], steps
        if any("TEMP B-TREE" in s for s in steps):
            assert any("USING COVERING INDEX ix_story_country_shared" in s for s in steps), steps
