"""Full-text search and the list's filters, on the real SQLite cache."""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

import pytest

from reader.core.errors import InvalidSearchQuery
from reader.core.library import Library
from reader.core.paths import bundled_data_dir
from reader.core.search import parse_query, to_fts_query
from reader.core.types import SortOrder, StoryQuery
from tests.helpers import add_source, add_story


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("tenge", "[tenge]"),  # an alias: the currency's group
        ("Kambarata-1 dam", "[kambarata 1] dam"),
        ('"Aral Sea" OR Syr', '"aral sea" OR syr'),
        ("uran*", "uran*"),
        ("title:gold", "title:gold"),
        ("U.S. (tariffs OR sanctions)", '"u s" ( tariffs OR sanctions )'),
        ("Oʻzbekiston", "[o'zbekiston]"),
        ("O‘zbekiston", "[o'zbekiston]"),
        ("Алматы", "[алматы]"),
        ("Ёлка", "елка"),
        ("gold -- ", "gold"),
        ("National Bank of Kazakhstan rates", "[national bank of kazakhstan] rates"),
    ],
)
def test_typed_text_is_read_safely(typed: str, read_as: str) -> None:
    assert parse_query(typed).canonical == read_as
    assert to_fts_query(typed)  # a MATCH expression, quoted throughout


@pytest.mark.parametrize("typed", ['"unclosed', "(gold", "gold)", "   ", "--"])
def test_malformed_text_is_a_clear_error(typed: str) -> None:
    with pytest.raises(InvalidSearchQuery):
        to_fts_query(typed)


def test_fts_syntax_errors_become_invalid_search_query(library: Library) -> None:
    with pytest.raises(InvalidSearchQuery, match="Invalid search"):
        library.stories.count(StoryQuery(text="gold AND"))


def test_finds_a_word_that_appears_only_in_a_body(library: Library) -> None:
    bundle = json.loads((bundled_data_dir() / "sample_stories.json").read_text("utf-8"))["stories"]
    holders = [s for s in bundle if "saxaul" in s["content_html"].lower()]
    assert len(holders) == 1 and "saxaul" not in holders[0]["title"].lower()
    page = library.stories.page(StoryQuery(text="saxaul"))
    assert [s.title for s in page.stories] == [holders[0]["title"]]
    assert page.stories[0].snippet is not None and "<b>saxaul</b>" in page.stories[0].snippet.lower()


def test_search_folds_diacritics_and_reads_cyrillic(library: Library) -> None:
    source = add_source(library)
    cafe = add_story(library, source, "Coffee culture", "<p>A new café opened in Алматы.</p>")
    assert [s.id for s in library.stories.page(StoryQuery(text="cafe")).stories] == [cafe]
    assert cafe in [s.id for s in library.stories.page(StoryQuery(text="алматы")).stories]


def test_title_matches_rank_above_body_matches(library: Library) -> None:
    source = add_source(library)
    in_body = add_story(library, source, "Harvest report", "<p>Quokkafruit yields rose this year.</p>")
    in_title = add_story(library, source, "Quokkafruit exports", "<p>Growers shipped more abroad.</p>")
    page = library.stories.page(StoryQuery(text="quokkafruit", sort=SortOrder.RELEVANCE))
    assert [s.id for s in page.stories] == [in_title, in_body]


def test_combined_filters_agree_with_the_stories_themselves(library: Library) -> None:
    everything = list(library.stories.iter(StoryQuery(), chunk=7))
    library.stories.mark_read(everything[0].id)
    library.stories.mark_read(everything[2].id)
    library.bookmarks.set(everything[1].id)
    library.bookmarks.set(everything[2].id)
    everything = list(library.stories.iter(StoryQuery()))
    since, until = dt.date(2024, 6, 1), dt.date(2026, 6, 30)
    section = "economy"
    section_name = next(f.name for f in library.stories.facets().sections if f.key == section)
    for country in ("KZ", "KG", "TJ", "TM", "UZ"):
        for unread in (False, True):
            query = StoryQuery(
                countries=(country,), sections=(section,), since=since, until=until, unread_only=unread
            )
            expected = [
                s.id
                for s in everything
                if country in s.countries
                and section_name in s.sections
                and since <= s.published_at.date() <= until
                and (not unread or not s.is_read)
            ]
            assert [s.id for s in library.stories.iter(query, chunk=3)] == expected
            assert library.stories.count(query) == len(expected)
    bookmarked = [s.id for s in library.stories.iter(StoryQuery(bookmarked_only=True))]
    assert bookmarked == [everything[1].id, everything[2].id]
    unread_bookmarked = StoryQuery(bookmarked_only=True, unread_only=True)
    assert [s.id for s in library.stories.iter(unread_bookmarked)] == [everything[1].id]


def test_keyset_pages_cover_every_story_once_in_order(library: Library) -> None:
    source = add_source(library)
    same_time = dt.datetime(2025, 5, 5, 12, tzinfo=dt.UTC)
    ties = [add_story(library, source, f"Tie {i}", published=same_time) for i in range(5)]
    for sort in (SortOrder.NEWEST, SortOrder.OLDEST):
        whole = library.stories.page(StoryQuery(sort=sort), limit=1000).stories
        paged = list(library.stories.iter(StoryQuery(sort=sort), chunk=4))
        assert [s.id for s in paged] == [s.id for s in whole]
        assert len({s.id for s in paged}) == len(whole) == library.stories.count(StoryQuery())
        assert set(ties) <= {s.id for s in paged}
        keys = [(s.published_at, s.id) for s in paged]
        assert keys == sorted(keys, reverse=sort is SortOrder.NEWEST)


def test_relevance_pages_agree_with_one_big_page(library: Library) -> None:
    query = StoryQuery(text="Kazakhstan OR Uzbekistan", sort=SortOrder.RELEVANCE)
    whole = [s.id for s in library.stories.page(query, limit=1000).stories]
    assert len(whole) > 10
    assert [s.id for s in library.stories.iter(query, chunk=4)] == whole


@pytest.mark.parametrize(
    "query",
    [
        StoryQuery(),
        StoryQuery(countries=("KZ",), unread_only=True),
        StoryQuery(text="gas", sort=SortOrder.RELEVANCE),
        StoryQuery(text="bank", countries=("UZ",), sort=SortOrder.NEWEST),
        StoryQuery(text="saxaul"),
    ],
)
def test_a_first_page_is_the_estimate_and_the_page_read_side_by_side(
    library: Library, query: StoryQuery, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's new query (Stories.first_page) answers what estimate() and page() answer,
    the count read on the storage's reading thread while the page is read on the caller's."""
    from reader.core import stories

    counted_on: list[str] = []
    estimate = stories.estimate_stories

    def watched(conn: Any, q: StoryQuery) -> Any:
        counted_on.append(threading.current_thread().name)
        return estimate(conn, q)

    monkeypatch.setattr(stories, "estimate_stories", watched)
    count, page = library.stories.first_page(query, 10)
    assert counted_on and counted_on[0].startswith("steppe-read")
    assert (count, page) == (library.stories.estimate(query), library.stories.page(query, None, 10))
    assert page.stories and count.value >= len(page.stories)


def test_a_first_page_of_a_malformed_search_is_a_clear_error(library: Library) -> None:
    with pytest.raises(InvalidSearchQuery, match="Invalid search"):
        library.stories.first_page(StoryQuery(text="gold AND"))
    with pytest.raises(ValueError, match="at least 1"):
        library.stories.first_page(StoryQuery(), 0)
