"""The facts copied into story_country (migration 0010) follow every write: the read state and
whether a story has several primary countries, so the counts taken from the link table alone
("country + unread", several countries) always equal what the list shows."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import delete, insert

from reader.core.library import Library
from reader.core.models import story_country
from reader.core.paths import DATABASE_NAME
from reader.core.types import StoryQuery
from tests.helpers import add_source, add_story, writing

KZ_UNREAD = StoryQuery(countries=("KZ",), unread_only=True)
TWO_UNREAD = StoryQuery(countries=("KZ", "UZ"), unread_only=True)
TWO = StoryQuery(countries=("KZ", "UZ", "TJ"))


def _listed(library: Library, query: StoryQuery) -> int:
    return sum(1 for _ in library.stories.iter(query, chunk=7))


def _assert_counts_right(library: Library) -> None:
    for query in (KZ_UNREAD, TWO_UNREAD, TWO, StoryQuery(countries=("UZ",), unread_only=True)):
        assert library.stories.count(query) == _listed(library, query), query


def _copies_agree(path: Path) -> bool:
    conn = sqlite3.connect(path)
    wrong = conn.execute(
        "SELECT count(*) FROM story_country sc JOIN story s ON s.id = sc.story_id"
        " WHERE sc.unread IS NOT (s.read_at IS NULL) OR sc.shared IS NOT (sc.role = 'primary' AND"
        " (SELECT count(*) FROM story_country p WHERE p.story_id = sc.story_id AND p.role = 'primary') > 1)"
    ).fetchone()[0]
    shared = conn.execute("SELECT count(*) FROM story_country WHERE shared = 1").fetchone()[0]
    conn.close()
    return bool(wrong == 0 and shared > 0)


def _fill(library: Library) -> list[int]:
    source = add_source(library)
    start = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    countries = (("KZ",), ("UZ",), ("KZ", "UZ"))
    return [
        add_story(
            library, source, f"Story {i}", published=start + dt.timedelta(hours=i), countries=countries[i % 3]
        )
        for i in range(30)
    ]


def test_marking_read_and_unread_moves_the_count(library: Library) -> None:
    ids = _fill(library)
    before = library.stories.count(KZ_UNREAD)
    library.stories.mark_read(ids[0])  # KZ
    library.stories.mark_read(ids[2])  # KZ and UZ
    library.stories.mark_read(ids[2])  # already read: nothing changes
    assert library.stories.count(KZ_UNREAD) == before - 2
    _assert_counts_right(library)
    library.stories.mark_read(ids[0], read=False)
    assert library.stories.count(KZ_UNREAD) == before - 1
    marked = library.stories.mark_all_read(StoryQuery(countries=("UZ",))).value
    assert marked and library.stories.count(StoryQuery(countries=("UZ",), unread_only=True)) == 0
    _assert_counts_right(library)
    library.stories.mark_unread_many(marked)
    _assert_counts_right(library)
    assert _copies_agree(library._storage.path)


def test_a_read_story_tagged_again_stays_read_in_the_count(library: Library) -> None:
    ids = _fill(library)
    library.stories.mark_read(ids[1])  # UZ
    # What a sync or the retagger does to a story's countries: delete its rows, write new ones.
    with writing(library) as conn:
        conn.execute(delete(story_country).where(story_country.c.story_id == ids[1]))
        conn.execute(insert(story_country), [{"story_id": ids[1], "country_code": "KZ"}])
    assert ids[1] not in [s.id for s in library.stories.iter(KZ_UNREAD)]
    _assert_counts_right(library)
    assert _copies_agree(library._storage.path)


def test_migration_0010_copies_the_read_state_of_an_older_cache(data_dir: Path) -> None:
    with Library(data_dir) as library:
        ids = _fill(library)
        for story_id in ids[::4]:
            library.stories.mark_read(story_id)
        expected = library.stories.count(KZ_UNREAD), library.stories.count(TWO)
    path = data_dir / DATABASE_NAME
    conn = sqlite3.connect(path)
    # As 0009 left it: no copies, no indexes, no triggers.
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        if trigger.startswith(("story_country_", "story_unread_")):
            conn.execute(f"DROP TRIGGER {trigger}")
    conn.execute("DROP INDEX ix_story_country_unread")
    conn.execute("DROP INDEX ix_story_country_shared")
    conn.execute("ALTER TABLE story_country DROP COLUMN unread")
    conn.execute("ALTER TABLE story_country DROP COLUMN shared")
    conn.execute("UPDATE alembic_version SET version_num = '0009'")
    conn.commit()
    conn.close()
    with Library(data_dir) as library:
        assert (library.stories.count(KZ_UNREAD), library.stories.count(TWO)) == expected
        assert expected == (_listed(library, KZ_UNREAD), _listed(library, TWO))
        library.stories.mark_read(ids[0], read=False)
        _assert_counts_right(library)
    assert _copies_agree(path)


def test_a_story_losing_or_gaining_a_second_country_is_counted_once(library: Library) -> None:
    ids = _fill(library)
    shared = ids[2]  # KZ and UZ
    before = library.stories.count(TWO)
    with writing(library) as conn:
        conn.execute(
            delete(story_country).where(
                story_country.c.story_id == shared, story_country.c.country_code == "UZ"
            )
        )
    assert library.stories.count(TWO) == before  # still one story, now of KZ alone
    _assert_counts_right(library)
    with writing(library) as conn:  # a mentioned country is not a second primary one
        conn.execute(insert(story_country), [{"story_id": shared, "country_code": "TJ", "role": "mentioned"}])
        conn.execute(insert(story_country), [{"story_id": ids[0], "country_code": "TJ"}])
    assert library.stories.count(TWO) == before
    _assert_counts_right(library)
    assert _copies_agree(library._storage.path)
