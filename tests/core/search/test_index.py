"""The search index kept in step with the stories: docids, deletes, changes made behind its
back, the migration from 0005 and the resumable rebuild — read state and bookmarks untouched."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.dialects.sqlite import insert

from reader.core.db import _alembic_config, create_sqlite_engine
from reader.core.library import Library
from reader.core.models import Story
from reader.core.paths import DATABASE_NAME
from reader.core.search import engine, index, reindex_stories, state, unindex_stories
from reader.core.types import SortOrder, StoryCount, StoryQuery
from tests.helpers import add_source, add_story, writing


def _ids(library: Library, query: StoryQuery, chunk: int = 7) -> list[int]:
    return [s.id for s in library.stories.iter(query, chunk=chunk)]


def test_pages_follow_publication_time_whatever_the_insertion_order(library: Library) -> None:
    source = add_source(library)
    rng = random.Random(4)
    moments = [
        dt.datetime(2024, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=rng.randrange(20000)) for _ in range(40)
    ]
    same_second = dt.datetime(2025, 5, 5, 12, tzinfo=dt.UTC)
    moments += [same_second] * 5  # five in one second: each still gets its own docid
    ids = {
        add_story(library, source, f"Zebrafinch report {i}", published=m): m for i, m in enumerate(moments)
    }
    newest = _ids(library, StoryQuery(text="zebrafinch", sort=SortOrder.NEWEST))
    oldest = _ids(library, StoryQuery(text="zebrafinch", sort=SortOrder.OLDEST))
    assert sorted(newest) == sorted(ids) and len(set(newest)) == len(ids)
    assert [ids[i] for i in newest] == sorted(ids.values(), reverse=True)
    assert oldest == newest[::-1] or [ids[i] for i in oldest] == sorted(ids.values())
    by_rank = _ids(library, StoryQuery(text="zebrafinch", sort=SortOrder.RELEVANCE))
    assert sorted(by_rank) == sorted(ids)
    since = StoryQuery(text="zebrafinch", since=dt.date(2025, 1, 1), until=dt.date(2025, 6, 30))
    expected = {i for i, m in ids.items() if dt.date(2025, 1, 1) <= m.date() <= dt.date(2025, 6, 30)}
    assert set(_ids(library, since)) == expected and library.stories.count(since) == len(expected)


def test_relevance_past_the_ranked_window_goes_on_newest_first(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "RANK_WINDOW", 6)
    source = add_source(library)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    ids = [
        add_story(library, source, f"Lynxhollow {i}", published=start + dt.timedelta(days=i))
        for i in range(15)
    ]
    query = StoryQuery(text="lynxhollow", sort=SortOrder.RELEVANCE)
    first = library.stories.page(query, limit=4)
    assert first.ranked_among == 6
    every = _ids(library, query, chunk=4)
    assert sorted(every) == sorted(ids) and len(every) == 15
    assert set(every[:6]) == set(ids[-6:])  # the newest six, ranked
    assert every[6:] == sorted(ids[:-6], reverse=True)  # then the older ones, newest first
    assert (
        library.stories.page(StoryQuery(text="lynxhollow 3", sort=SortOrder.RELEVANCE)).ranked_among is None
    )


def test_unindexing_before_a_change_leaves_nothing_behind(library: Library) -> None:
    source = add_source(library)
    story = add_story(library, source, "Quokkafruit harvest", "<p>Orchards near Osh.</p>")
    with writing(library) as conn:
        unindex_stories(conn, [story])
        conn.execute(text("UPDATE story SET title = 'Wombatberry harvest' WHERE id = :id"), {"id": story})
        reindex_stories(conn, [story])
        assert state.orphan_count(conn) == 0
        assert state.search_index_rows(conn) == conn.execute(text("SELECT count(*) FROM story")).scalar()
    assert library.stories.count(StoryQuery(text="quokkafruit")) == 0
    assert _ids(library, StoryQuery(text="wombatberry")) == [story]


def test_a_change_made_behind_the_index_never_finds_the_old_text(library: Library) -> None:
    source = add_source(library)
    story = add_story(library, source, "Quokkafruit harvest", "<p>Orchards near Zyxwold.</p>")
    with writing(library) as conn:
        conn.execute(text("UPDATE story SET title = 'Wombatberry harvest' WHERE id = :id"), {"id": story})
        reindex_stories(conn, [story])  # it cannot delete the old tokens: they become unreachable
        assert state.orphan_count(conn) == 1
        assert state.search_index_rows(conn) == conn.execute(text("SELECT count(*) FROM story")).scalar() + 1
        reindex_stories(conn, [story])  # unchanged since: nothing to do
        assert state.orphan_count(conn) == 1
    assert library.stories.count(StoryQuery(text="quokkafruit")) == 0
    assert _ids(library, StoryQuery(text="wombatberry")) == [story]
    assert _ids(library, StoryQuery(text="zyxwold")) == [story]
    # Deleting a story without unindexing keeps its docid taken, so no new story inherits its tokens.
    with writing(library) as conn:
        conn.execute(text("DELETE FROM story WHERE id = :id"), {"id": story})
        assert state.orphan_count(conn) == 2
    fresh = add_story(library, source, "Zorblat story", published=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert library.stories.count(StoryQuery(text="wombatberry")) == 0
    assert _ids(library, StoryQuery(text="zorblat")) == [fresh]


def test_too_many_unreachable_rows_empty_the_index_for_a_rebuild(data_dir: Path) -> None:
    with Library(data_dir) as library:
        source = add_source(library)
        ids = [add_story(library, source, f"Story {i}", guid=f"g{i}") for i in range(120)]
        with writing(library) as conn:
            conn.execute(text("UPDATE story SET title = title || ' changed'"))
            reindex_stories(conn, ids)
            assert state.needs_reset(conn)
    with Library(data_dir) as library:
        assert not library.search_index.is_complete()
        library.search_index.rebuild()
        with library._storage.read() as conn:
            assert state.orphan_count(conn) == 0
            assert state.search_index_rows(conn) == conn.execute(text("SELECT count(*) FROM story")).scalar()
        assert library.stories.count(StoryQuery(text="changed")) == library.stories.count(StoryQuery())


def _downgrade_to_0005(path: Path) -> None:
    engine_ = create_sqlite_engine(path)
    cfg = _alembic_config()
    with engine_.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0005")
    engine_.dispose()


def test_a_cache_from_0005_is_migrated_and_rebuilt_without_losing_reading_state(data_dir: Path) -> None:
    with Library(data_dir) as library:
        every = [s.id for s in library.stories.iter(StoryQuery())]
        for story_id in every[:10]:
            library.stories.mark_read(story_id)
        library.bookmarks.set(every[3], note="keep this")
        library.bookmarks.set(every[20])
        read_before = {s.id for s in library.stories.iter(StoryQuery()) if s.is_read}
        marked_before = [s.id for s in library.stories.iter(StoryQuery(bookmarked_only=True))]
    _downgrade_to_0005(data_dir / DATABASE_NAME)
    engine_ = create_sqlite_engine(data_dir / DATABASE_NAME)
    with engine_.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0005"
        # 0005's own index, filled again by the downgrade: the old search works on it.
        assert (
            conn.execute(text("SELECT count(*) FROM story_fts WHERE story_fts MATCH 'saxaul'")).scalar() == 1
        )
    engine_.dispose()

    with Library(data_dir) as library:
        status = library.search_index.status()
        assert not status.complete and status.indexed == 0 and status.total == len(every)
        steps = library.search_index.rebuild_steps(limit=10)
        assert next(steps).indexed == 10  # newest first, ten at a time; stop here (window closed)
    with Library(data_dir) as library:
        assert library.search_index.status().indexed == 10  # resumed, not restarted
        statuses = list(library.search_index.rebuild_steps(limit=10))
        assert statuses[-1].complete and statuses[-1].indexed == len(every)
        assert {s.id for s in library.stories.iter(StoryQuery()) if s.is_read} == read_before
        assert [s.id for s in library.stories.iter(StoryQuery(bookmarked_only=True))] == marked_before
        assert library.stories.get(every[3]).bookmark_note == "keep this"
        assert library.stories.count(StoryQuery(text="saxaul")) == 1
        with library._storage.read() as conn:
            assert state.search_index_rows(conn) == len(every)


def test_very_many_matches_are_counted_roughly_and_say_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engine, "EXACT_COUNT_LIMIT", 20)
    library = Library(tmp_path / "bare", load_bundled=False)  # only these stories, evenly spread
    source = add_source(library)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for i in range(200):  # every other day a "Marmotwatch" story, evenly: an estimate lands close
        add_story(
            library,
            source,
            f"Marmotwatch {i}" if i % 2 else f"Other {i}",
            published=start + dt.timedelta(days=i),
        )
    exact = library.stories.count(StoryQuery(text="marmotwatch"))
    rough = library.stories.estimate(StoryQuery(text="marmotwatch"))
    assert exact == 100 and rough.estimated and abs(rough.value - exact) <= 15
    few = library.stories.estimate(StoryQuery(text="marmotwatch 7"))
    assert not few.estimated and few.value == library.stories.count(StoryQuery(text="marmotwatch 7"))
    assert library.stories.estimate(StoryQuery()).value == library.stories.count(StoryQuery()) == 200
    library.close()


def test_a_filtered_search_is_estimated_from_the_share_of_its_newest_text_matches(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a filter, the estimate walks the text's newest matches alone (a fixed number, whatever
    the filter keeps) and extrapolates the share of them that pass; too few passing, and the
    passing matches are counted instead; every text match seen, and the count is exact."""
    monkeypatch.setattr(engine, "EXACT_COUNT_LIMIT", 40)
    monkeypatch.setattr(engine, "MIN_SAMPLE_PASSING", 5)
    source = add_source(library)
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    for i in range(300):  # 150 Marmotwatch stories, one in three of them in Kazakhstan, evenly
        story = add_story(
            library,
            source,
            f"Marmotwatch {i}" if i % 2 else f"Other {i}",
            published=start + dt.timedelta(days=i),
            countries=("KZ",) if i % 6 == 1 else ("UZ",),
            sections=("economy",) if i == 299 else (),
        )
        if i % 4 == 3:
            library.stories.mark_read(story)
    cases = {
        "country": StoryQuery(text="marmotwatch", countries=("KZ",)),
        "unread": StoryQuery(text="marmotwatch", unread_only=True),
        "country and unread": StoryQuery(text="marmotwatch", countries=("KZ",), unread_only=True),
    }
    for name, query in cases.items():
        exact = library.stories.count(query)
        rough = library.stories.estimate(query)
        assert rough.estimated and abs(rough.value - exact) <= exact * 0.2, (name, exact, rough)
    # One story passes the filter: too few to extrapolate from, so it is counted.
    rare = library.stories.estimate(StoryQuery(text="marmotwatch", sections=("economy",)))
    assert (rare.value, rare.estimated) == (1, False)
    # Few text matches: every one is seen, and the filtered count is exact.
    few = StoryQuery(text="marmotwatch 7", countries=("KZ",))
    assert library.stories.estimate(few) == StoryCount(library.stories.count(few), estimated=False)


def test_more_stories_in_one_second_than_it_has_slots(library: Library) -> None:
    source = add_source(library)
    moment = dt.datetime(2025, 4, 1, 6, tzinfo=dt.UTC)
    now = dt.datetime.now(dt.UTC)
    with writing(library) as conn:
        rows = [
            {
                "source_id": source,
                "guid": f"c{i}",
                "title": f"Caravan {i}",
                "published_at": moment,
                "fetched_at": now,
            }
            for i in range(index.SLOTS_PER_SECOND + 60)
        ]
        ids = list(
            conn.execute(insert(Story).returning(Story.id, sort_by_parameter_order=True), rows).scalars()
        )
        reindex_stories(conn, ids[:700])
    for story_id in ids[700:]:  # one at a time, as a bookmark import brings stories back
        with writing(library) as conn:
            reindex_stories(conn, [story_id])
    assert library.stories.count(StoryQuery(text="caravan")) == len(ids)
    assert sorted(_ids(library, StoryQuery(text="caravan", sort=SortOrder.NEWEST), chunk=500)) == sorted(ids)
