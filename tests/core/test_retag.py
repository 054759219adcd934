"""Re-tagging the countries of an upgraded cache: primary and mentioned roles, resumable in
chunks, never touching read state or bookmarks; and the list, facets and search that use them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import select, text

from reader.core import retag
from reader.core.db import _alembic_config, create_sqlite_engine
from reader.core.library import Library
from reader.core.models import story_country
from reader.core.paths import DATABASE_NAME, bundled_data_dir
from reader.core.search import state as search_state
from reader.core.sync.ingest import ingest_entries
from reader.core.sync.parse import Entry
from reader.core.types import StoryQuery
from tests.helpers import writing

FEED = "https://wire.example.test/feed/"
# (title, body, the old tagger's countries): every one of these was tagged KZ by any mention.
OLD_STORIES = [
    ("Astana format talks on Syria resume", "Delegations of Russia, Turkey and Iran met.", ["KZ"]),
    ("Russian boxer takes Kazakh citizenship", "The Moscow-born fighter will box abroad.", ["KZ"]),
    ("Floods hit villages in Turkistan region", "Rescuers evacuated 300 people.", ["KZ"]),
    ("В Бишкеке ограничат въезд грузовиков", "Запрет будет действовать днём. Грузы из Казахстана пойдут в объезд.",
     ["KG", "KZ"]),
    ("EAEU leaders meet in Minsk", "Presidents of Russia, Belarus, Armenia, Kazakhstan and Kyrgyzstan met.",
     ["KZ", "KG"]),
]  # fmt: skip
EXPECTED = {  # title: (primary, mentioned) by the new tagger
    "Astana format talks on Syria resume": ((), ("KZ",)),
    "Russian boxer takes Kazakh citizenship": ((), ("KZ",)),
    "Floods hit villages in Turkistan region": (("KZ",), ()),
    "В Бишкеке ограничат въезд грузовиков": (("KG",), ("KZ",)),
    "EAEU leaders meet in Minsk": ((), ("KG", "KZ")),
}


def _build_at_0004(path: Path) -> None:
    """A cache as release 0004 wrote it: stories tagged by any mention, bookmarks, read marks."""
    engine = create_sqlite_engine(path)
    cfg = _alembic_config()
    with engine.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004")
    engine.dispose()
    db = sqlite3.connect(path)
    with db:
        for code, name, cur in (("KZ", "Kazakhstan", "KZT"), ("KG", "Kyrgyzstan", "KGS"), ("TJ", "Tajikistan", "TJS"),
                                ("TM", "Turkmenistan", "TMT"), ("UZ", "Uzbekistan", "UZS")):  # fmt: skip
            db.execute("INSERT INTO country (code, name, currency_code) VALUES (?, ?, ?)", (code, name, cur))
        db.execute(
            "INSERT INTO source (id, name, feed_url, kind, enabled, is_sample, created_at) "
            "VALUES (1, 'Wire', ?, 'rss', 1, 0, '2025-01-01 00:00:00')",
            (FEED,),
        )
        for n, (title, body, countries) in enumerate(OLD_STORIES, 1):
            read_at = "2025-03-02 10:00:00" if n % 2 else None
            db.execute(
                "INSERT INTO story (id, source_id, guid, url, title, published_at, fetched_at, summary, "
                "content_html, content_text, read_at) VALUES (?, 1, ?, ?, ?, '2025-03-01 08:00:00', "
                "'2025-03-01 09:00:00', ?, ?, ?, ?)",
                (
                    n,
                    f"g-{n}",
                    f"https://wire.example.test/g-{n}",
                    title,
                    body.split(". ")[0],
                    f"<p>{body}</p>",
                    body,
                    read_at,
                ),
            )
            for code in countries:
                db.execute("INSERT INTO story_country (story_id, country_code) VALUES (?, ?)", (n, code))
        db.execute(
            "INSERT INTO bookmark (story_id, created_at, note) VALUES (1, '2025-03-02 10:00:00', 'mine')"
        )
        db.execute("INSERT INTO bookmark_tag (bookmark_id, tag) VALUES (1, 'syria')")
        db.execute(
            "INSERT INTO bookmark (story_id, created_at, note) VALUES (4, '2025-03-02 11:00:00', NULL)"
        )
    db.close()


def _state(library: Library) -> list[tuple[object, ...]]:
    """What a re-tag must never change: read times and bookmarks with their notes and tags."""
    with library._storage.read() as conn:
        return [
            tuple(r)
            for r in conn.execute(
                text(
                    "SELECT s.id, s.read_at, b.note, b.created_at, group_concat(t.tag) FROM story s "
                    "LEFT JOIN bookmark b ON b.story_id = s.id LEFT JOIN bookmark_tag t ON t.bookmark_id = b.id "
                    "GROUP BY s.id ORDER BY s.id"
                )
            )
        ]


def _tags(library: Library) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {
        library.stories.get(n).title: (
            library.stories.get(n).countries,
            library.stories.get(n).mentioned_countries,
        )
        for n in range(1, len(OLD_STORIES) + 1)
    }


def test_an_upgraded_cache_is_retagged_in_resumable_chunks_keeping_reads_and_bookmarks(
    data_dir: Path,
) -> None:
    data_dir.mkdir(parents=True)
    _build_at_0004(data_dir / DATABASE_NAME)
    with Library(data_dir) as lib:
        before = _state(lib)
        assert lib.retag_pending()
        # The migration keeps every old tag, as primary, until the job sorts them out.
        assert lib.stories.get(1).countries == ("KZ",) and lib.stories.get(1).mentioned_countries == ()
        first = lib.retag_step(limit=2)
        assert (first.done, first.finished) == (2, False) and first.total > len(OLD_STORIES)
        assert _state(lib) == before
    with Library(data_dir) as lib:  # interrupted: the next start goes on from story 3
        assert lib.retag_pending()
        with lib._storage.read() as conn:
            assert retag.cursor(conn) == 2
        seen: list[int] = []
        done = lib.retag_all(lambda p: seen.append(p.done))
        assert done.finished and done.done == done.total
        assert seen == sorted(seen) and len(seen) >= 1
        assert not lib.retag_pending()
        assert _tags(lib) == EXPECTED
        assert _state(lib) == before  # read marks, bookmarks, notes and tags untouched
        with lib._storage.read() as conn:  # re-tagged stories left the search index first: nothing stale
            assert search_state.orphan_count(conn) == 0

        # The list, the filter and the facets use primary countries; search finds both.
        kz = {s.title for s in lib.stories.iter(StoryQuery(countries=("KZ",), sources=(1,)))}
        assert kz == {"Floods hit villages in Turkistan region"}
        facet = {f.key: f.count for f in lib.stories.facets().countries}
        samples_kz = sum("KZ" in s["countries"] for s in _bundle())
        assert facet["KZ"] == samples_kz + 1
        found = {s.title for s in lib.stories.iter(StoryQuery(text="Kazakhstan", sources=(1,)))}
        assert "Astana format talks on Syria resume" in found  # by its "also mentioned" tag

        # The bundled samples keep the primary countries they were written for.
        for item in _bundle():
            (summary,) = [
                s for s in lib.stories.iter(StoryQuery(text=f'"{item["title"]}"')) if s.title == item["title"]
            ]
            assert set(summary.countries) == set(item["countries"])
            assert not set(summary.mentioned_countries) & set(item["countries"])


def _bundle() -> list[dict[str, object]]:
    stories: list[dict[str, object]] = json.loads(
        (bundled_data_dir() / "sample_stories.json").read_text("utf-8")
    )["stories"]
    return stories


def test_a_fresh_cache_needs_no_retagging_and_samples_have_mentioned_countries(library: Library) -> None:
    assert not library.retag_pending()
    progress = library.retag_progress()
    assert progress.finished and progress.done == progress.total
    mentioned = [s for s in library.stories.iter(StoryQuery()) if s.mentioned_countries]
    assert mentioned, "some sample stories name countries they are not about"


def test_a_story_sync_rewrote_meanwhile_keeps_syncs_tags(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    _build_at_0004(data_dir / DATABASE_NAME)
    with Library(data_dir) as lib:
        with lib._storage.read() as conn:
            chunk = retag.read_chunk(conn, limit=len(OLD_STORIES))
        tags = [retag.tag_story(s) for s in chunk]
        # Sync updates story 2 now, with a text about Tajikistan, tagged by the current tagger.
        changed = Entry(
            guid="g-2", url="https://wire.example.test/g-2", title="Dushanbe opens a new bridge",
            author=None, published_at=dt.datetime(2025, 3, 1, 8, tzinfo=dt.UTC), updated_at=None,
            summary_html=None, content_html="<p>The bridge spans the Varzob.</p>",
        )  # fmt: skip
        with writing(lib) as conn:
            ingest_entries(conn, 1, [changed])
        with writing(lib) as conn:
            retag.write_chunk(conn, chunk, tags, limit=len(OLD_STORIES))
        assert lib.stories.get(2).countries == ("TJ",)  # sync's tags, not the stale chunk's
        assert lib.stories.get(3).countries == ("KZ",)
        with lib._storage.read() as conn:
            roles = set(conn.execute(select(story_country.c.role)).scalars())
        assert roles == {"primary", "mentioned"}


def test_ingest_stores_roles_and_the_feeds_categories(library: Library) -> None:
    from tests.helpers import add_source, writing

    source = add_source(library)
    entry = Entry(
        guid="x-1", url="https://example.test/x-1", title="Tokayev meets Chinese investors in Beijing",
        author=None, published_at=dt.datetime(2025, 5, 1, tzinfo=dt.UTC), updated_at=None,
        summary_html="<p>The president invited companies to invest.</p>",
        content_html="<p>The president invited companies to invest.</p><p>Transit via Kyrgyzstan was discussed.</p>",
        categories=["Economy", "China"],
    )  # fmt: skip
    with writing(library) as conn:
        result = ingest_entries(conn, source, [entry], hint="https://example.test/feed/")
    (story_id,) = result.new_ids
    story = library.stories.get(story_id)
    assert (story.countries, story.mentioned_countries) == (("KZ",), ("KG",))
    with library._storage.read() as conn:
        raw = conn.execute(text("SELECT categories FROM story WHERE id = :i"), {"i": story_id}).scalar_one()
    assert json.loads(raw) == ["Economy", "China"]
