"""The stories a currency's chart marks: its country's stories and those naming the currency,
newest first, each once, at most `limit` — read through the list's own filters and search."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.rate_markers import story_markers
from reader.core.seed import _ensure_tags
from reader.core.types import SortOrder, StoryQuery
from tests.helpers import add_source, add_story, writing


@pytest.fixture
def bare(tmp_path: Path) -> Iterator[Library]:
    """A cache with the countries and sections but none of the bundled stories."""
    with Library(tmp_path / "bare", load_bundled=False) as library:
        with writing(library) as conn:
            _ensure_tags(conn)
        yield library


def day(n: int) -> dt.datetime:
    return dt.datetime(2026, 3, n, 9, tzinfo=dt.UTC)


def test_country_stories_and_currency_mentions_each_once_newest_first(bare: Library) -> None:
    library = bare
    source = add_source(library)
    tagged = add_story(library, source, "Astana budget", published=day(1), countries=["KZ"])
    both = add_story(
        library,
        source,
        "Tenge steadies",
        "<p>The tenge held firm.</p>",
        published=day(3),
        countries=["KZ"],
    )
    named = add_story(
        library, source, "Tashkent trade", "<p>Paid in tenge.</p>", published=day(2), countries=["UZ"]
    )
    add_story(library, source, "Bishkek roads", "<p>Paid in soms.</p>", published=day(4), countries=["KG"])

    markers = story_markers(library.stories, "KZT")

    assert [m.story_id for m in markers] == [both, named, tagged]
    assert [m.date for m in markers] == [day(3).date(), day(2).date(), day(1).date()]
    assert markers[0].title == "Tenge steadies"
    assert story_markers(library.stories, "XXX") == []


def test_the_limit_counts_each_story_once_when_both_queries_find_it(bare: Library) -> None:
    library = bare
    source = add_source(library)
    # Every country story also names the currency: the search finds them again, and the
    # limit still fills with the two stories only the search finds.
    for n in (5, 6):
        add_story(library, source, f"Tenge note {n}", "<p>Tenge.</p>", published=day(n), countries=["KZ"])
    for n in (1, 2):
        add_story(library, source, f"Elsewhere {n}", "<p>Priced in tenge.</p>", published=day(n))

    markers = story_markers(library.stories, "KZT", limit=4)

    assert len(markers) == 4 == len({m.story_id for m in markers})
    assert len(story_markers(library.stories, "KZT", limit=3)) == 3


def test_headlines_are_the_lists_newest_first_page_with_fewer_columns(library: Library) -> None:
    queries = (
        StoryQuery(),
        StoryQuery(countries=("KZ",)),
        StoryQuery(unread_only=True),
        StoryQuery(text="tenge"),
    )
    for query in queries:
        newest = dataclasses.replace(query, sort=SortOrder.NEWEST)
        page = library.stories.page(newest, limit=7).stories
        assert page, query
        assert library.stories.headlines(query, 7) == [(s.id, s.title, s.published_at) for s in page]
