"""The filter drop-downs' counts (issue 10): a country's count is of the stories the other
filters select, and so is a section's; the filtered counts are read from indexes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reader.core.library import Library
from reader.core.types import StoryQuery
from tests.core.test_query_plans import filled, full_scans, plans, recorded  # noqa: F401
from tests.helpers import add_source, add_story


def counts(library: Library, query: StoryQuery) -> tuple[dict[str, int], dict[str, int]]:
    facets = library.stories.facets(query)
    return {f.key: f.count for f in facets.countries}, {f.key: f.count for f in facets.sections}


def listed(library: Library, query: StoryQuery) -> int:
    return sum(1 for _ in library.stories.iter(query))


@pytest.mark.parametrize(
    "query",
    [
        StoryQuery(),
        StoryQuery(unread_only=True),
        StoryQuery(countries=("KZ",)),
        StoryQuery(countries=("KZ",), sections=("economy",)),
        StoryQuery(sections=("economy",), unread_only=True),
        StoryQuery(since=dt.date(2026, 3, 1)),
        StoryQuery(text="pipeline"),
        StoryQuery(text="pipeline", countries=("UZ",)),
    ],
    ids=repr,
)
def test_counts_are_within_the_other_filters(filled: Library, query: StoryQuery) -> None:  # noqa: F811
    countries, sections = counts(filled, query)
    for code in ("KZ", "UZ", "TJ"):
        # A country's count: what ticking it alone (with the other filters kept) would list.
        assert countries[code] == listed(filled, StoryQuery(**{**query.__dict__, "countries": (code,)})), code
    assert sections["economy"] == listed(filled, StoryQuery(**{**query.__dict__, "sections": ("economy",)}))


def test_a_filter_lowers_the_other_facets_counts(filled: Library) -> None:  # noqa: F811
    everything, _ = counts(filled, StoryQuery())
    unread, _ = counts(filled, StoryQuery(unread_only=True))
    assert unread["KZ"] < everything["KZ"] and unread["UZ"] < everything["UZ"]
    # Its own dimension is left out: with KZ ticked, UZ still shows what it would add.
    with_kz, _ = counts(filled, StoryQuery(countries=("KZ",)))
    assert with_kz == everything


def test_facet_counts_come_from_indexes(filled: Library, recorded: list[tuple[str, Any]]) -> None:  # noqa: F811
    for query in (
        StoryQuery(unread_only=True),
        StoryQuery(countries=("KZ",), sections=("economy",)),
        StoryQuery(text="pipeline", countries=("KZ",)),
    ):
        filled.stories.facets(query)
    explained = [
        (sql, steps)
        for sql, steps in plans(filled, recorded)
        if sql.startswith(("SELECT story_country", "SELECT story_section"))
    ]
    assert len(explained) == 6
    for sql, steps in explained:
        assert not full_scans(steps), (sql, steps)


def test_mark_all_read_and_undo(library: Library) -> None:
    source = add_source(library)
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    made = [
        add_story(
            library, source, title=f"Story {i}", published=start + dt.timedelta(days=i), countries=("KG",)
        )
        for i in range(1203)  # more than two chunks
    ]
    library.stories.mark_read(made[0])
    query = StoryQuery(countries=("KG",))
    kg_unread = {s.id for s in library.stories.iter(StoryQuery(countries=("KG",), unread_only=True))}
    assert set(made[1:]) <= kg_unread and made[0] not in kg_unread
    others = library.stories.count(StoryQuery(unread_only=True)) - len(kg_unread)
    outcome = library.stories.mark_all_read(query)
    assert set(outcome.value) == kg_unread  # the one read already is not undone later
    assert outcome.changes.read_state and outcome.changes.story_ids == frozenset(kg_unread)
    assert library.stories.count(StoryQuery(countries=("KG",), unread_only=True)) == 0
    assert library.stories.count(StoryQuery(unread_only=True)) == others  # other countries untouched
    changes = library.stories.mark_unread_many(outcome.value)
    assert changes.read_state
    assert library.stories.count(StoryQuery(countries=("KG",), unread_only=True)) == len(kg_unread)
    assert library.stories.get(made[0]).is_read
    # A search's stories too.
    searched = library.stories.mark_all_read(StoryQuery(text="Story", countries=("KG",)))
    assert set(made[1:]) <= set(searched.value)
