"""Counting a sync's new stories per saved search: only among the given ids, with each search's
filters (tags, text, unread) as the list applies them."""

from __future__ import annotations

from reader.core.library import Library
from reader.core.types import StoryQuery


def test_count_new_counts_only_among_the_ids_and_keeps_each_filter(library: Library) -> None:
    stories = list(library.stories.iter(StoryQuery()))
    kz = [s.id for s in stories if "KZ" in s.countries]
    others = [s.id for s in stories if "KZ" not in s.countries]
    assert len(kz) >= 3 and len(others) >= 2
    new = [*kz[:3], *others[:2]]
    library.saved_searches.save("Kazakhstan", StoryQuery(countries=("KZ",)))
    library.saved_searches.save("Anything", StoryQuery())
    library.saved_searches.save("Nothing", StoryQuery(text="zzqxwv"))
    assert library.saved_searches.count_new(new) == [("Anything", 5), ("Kazakhstan", 3)]

    library.stories.mark_read(kz[0])
    library.saved_searches.save("Unread Kazakhstan", StoryQuery(countries=("KZ",), unread_only=True))
    assert ("Unread Kazakhstan", 2) in library.saved_searches.count_new(new)
    assert library.saved_searches.count_new([]) == []
