"""New entries are finished — tagged, tokenised for search, compressed — before the write
(`finish_entries`, beside the writer or in a worker process), and the writer only inserts them.
What that stores must be what the writer's own path stores: the same countries and sections,
the same tokens, and tokens the index can take out again when the story changes (its digest is
the one `unindex_stories` computes from the row)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, select, text

from reader.core import cpu
from reader.core.compressed import Packed, decompress
from reader.core.library import Library
from reader.core.models import Story, story_country, story_section
from reader.core.search.index import _ROWS_SQL, TagNames, digest, index_tags, tag_names
from reader.core.search.index import _values as indexed_values
from reader.core.search.state import orphan_count
from reader.core.sync.ingest import (
    PreparedEntries,
    finish_entries,
    ingest_prepared,
    parse_and_prepare,
    unstored,
)
from reader.core.sync.service import Sync
from reader.core.types import StoryQuery
from tests.core.sync.conftest import offline_library
from tests.core.sync.payloads import RSS_TYPE, rss, rss_item
from tests.helpers import add_source
from tests.httpserver import FixtureServer

NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)
# Bodies naming several countries and categories naming several sections, so that the order of
# the index's tags text (countries by code, sections by id) is put to the test.
BODIES = [
    "<p>Kazakhstan and Uzbekistan signed a water deal in Tashkent; Kyrgyzstan's delegation "
    "from Bishkek joined the talks on the Syr Darya, and Tajikistan sent observers.</p>",
    "<p>Turkmenistan raised gas exports to China through the Central Asia pipeline, which "
    "crosses Uzbekistan and Kazakhstan.</p><p>Ashgabat did not comment.</p>",
    "<p>В Душанбе обсудили строительство Рогунской ГЭС; Таджикистан ждёт решения Узбекистана.</p>",
    "<p>The tenge weakened against the dollar as the National Bank in Astana held its rate.</p>",
    "<p>A plain story that names no country at all, about a concert and a football match.</p>",
]
CATEGORIES = [
    ("Politics", "Water", "Environment"),
    ("Energy", "Economy", "Transport"),
    ("Энергетика", "Экономика"),
    ("Business", "Banks"),
    ("Culture", "Sport"),
]


def feed(count: int, title_suffix: str = "") -> bytes:
    return rss(*(
        rss_item(f"story-{n}", f"Story {n}{title_suffix}", BODIES[n % len(BODIES)] + f"<p>Number {n}.</p>",
                 date=f"Tue, {1 + n % 28:02d} Dec 2020 {n % 24:02d}:00:00 +0000",
                 link=f"https://example.test/{n}/", categories=CATEGORIES[n % len(CATEGORIES)])
        for n in range(count)
    ))  # fmt: skip


def prepared(count: int) -> PreparedEntries:
    return parse_and_prepare(feed(count), "https://example.test/feed/", None, "", NOW, None)


def _names(library: Library) -> TagNames:
    with library._storage.read() as conn:
        return tag_names(conn)


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Library, Library]]:
    with offline_library(tmp_path / "a") as a, offline_library(tmp_path / "b") as b:
        yield a, b


def stored(conn: Connection) -> dict[str, object]:
    """Everything ingest writes for the stories, keyed by guid (ids may differ between caches)."""
    guid = {i: g for i, g in conn.execute(select(Story.id, Story.guid))}
    stories = {
        row.guid: (row.title, row.content_html, row.content_text, row.summary)
        for row in conn.execute(
            select(Story.guid, Story.title, Story.content_html, Story.content_text, Story.summary)
        )
    }
    countries = sorted(
        (guid[r.story_id], r.country_code, r.role)
        for r in conn.execute(
            select(story_country.c.story_id, story_country.c.country_code, story_country.c.role)
        )
    )
    sections = sorted((guid[r.story_id], r.section_id) for r in conn.execute(select(story_section)))
    index = sorted(
        (guid[r.story_id], r.docid, r.digest)
        for r in conn.execute(
            text("SELECT story_id, docid, digest FROM search_doc WHERE story_id IS NOT NULL")
        )
    )
    return {"stories": stories, "countries": countries, "sections": sections, "index": index}


def index_matches_rows(conn: Connection) -> None:
    """The digest stored for each story is the one its row gives now, as `unindex_stories` reads it."""
    ids = [i for (i,) in conn.execute(select(Story.id))]
    rows = conn.execute(_ROWS_SQL, {"ids": json.dumps(ids)}).all()
    assert rows and all(row.docid is not None for row in rows)
    assert [row.digest for row in rows] == [digest(indexed_values(row)) for row in rows]


def test_finished_entries_store_what_the_writer_would(two: tuple[Library, Library]) -> None:
    finished, plain = two
    entries = prepared(60)
    for library, finish in ((finished, True), (plain, False)):
        source = add_source(library)
        names = _names(library)
        with library._storage.read() as conn:
            fresh = unstored(conn, source, entries)
        assert fresh == list(range(60))
        ready = finish_entries(entries, fresh, names) if finish else entries
        assert all((p.finished is not None) == finish for p in ready.items)
        result = library._storage.write(lambda conn, s=source, r=ready: ingest_prepared(conn, s, r, NOW))  # type: ignore[misc]
        assert len(result.new_ids) == 60
    with finished._storage.read() as a, plain._storage.read() as b:
        mine, theirs = stored(a), stored(b)
        assert mine == theirs
        assert len(mine["countries"]) > 60 and len(mine["sections"]) > 60  # type: ignore[arg-type]
        index_matches_rows(a)


def test_the_tags_text_lists_countries_by_code_and_sections_by_id(library: Library) -> None:
    names = _names(library)
    sections = sorted(names.sections, key=lambda s: names.sections[s][0])
    text_ = index_tags(["UZ", "KZ", "XX"], [sections[2], sections[0]], names)
    assert (
        text_
        == f"Kazakhstan KZ Uzbekistan UZ {names.sections[sections[0]][1]} {names.sections[sections[2]][1]}"
    )
    assert index_tags([], [], names) == ""


def test_compressed_before_the_write_and_read_back_as_text(library: Library) -> None:
    entries = finish_entries(prepared(5), range(5), _names(library))
    packed = entries.items[0].finished.packed  # type: ignore[union-attr]
    assert isinstance(packed["content_html"], Packed)
    assert decompress(bytes(packed["content_html"])) == entries.items[0].values["content_html"]  # type: ignore[arg-type]


def test_an_entry_stored_after_the_check_is_stored_once(library: Library) -> None:
    """A finished entry that another write stored meanwhile is compared, not inserted again."""
    source = add_source(library)
    ready = finish_entries(prepared(10), range(10), _names(library))
    first = library._storage.write(lambda conn: ingest_prepared(conn, source, ready, NOW))
    again = library._storage.write(lambda conn: ingest_prepared(conn, source, ready, NOW))
    assert len(first.new_ids) == 10 and again.new_ids == [] and again.updated_ids == []
    with library._storage.read() as conn:
        assert unstored(conn, source, ready) == []
        assert conn.execute(text("SELECT count(*) FROM search_doc")).scalar_one() >= 10


def test_finished_in_a_worker_is_finished_here(pool: None, library: Library) -> None:
    entries, names = prepared(30), _names(library)
    here = cpu.run(finish_entries, entries, list(range(30)), names, worth_it=False)
    there = cpu.run(finish_entries, entries, list(range(30)), names, worth_it=True)
    assert cpu._pool is not None and here == there


def test_a_synced_story_that_changes_leaves_no_orphaned_tokens(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    route = http_server.route("/feed/", feed(40), headers=RSS_TYPE)
    source = sync_library.sources.add_known(http_server.url("/feed/"), "Test feed").value
    assert service.run([str(source.id)], images=False).results[0].new == 40
    with sync_library._storage.read() as conn:
        index_matches_rows(conn)
    route.body = feed(40, title_suffix=" (updated)")
    assert service.run([str(source.id)], images=False).results[0].updated == 40
    with sync_library._storage.read() as conn:
        assert orphan_count(conn) == 0  # every old token was found and taken out
        index_matches_rows(conn)
    found = sync_library.stories.page(StoryQuery(text="updated Uzbekistan", sources=(source.id,))).stories
    assert found and all("(updated)" in s.title for s in found)
