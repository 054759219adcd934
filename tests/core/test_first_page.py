"""The list's first page read before the Library opens (reader.core.first_page) is the page the
Library gives for the default query, row for row: the window shows it, then refreshes it in place.
Any cache it cannot read that way gives None (the window then waits for the Library, as before).
`settled` is false for each thing opening the Library would change (`steppe stories` then opens it)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import insert

from reader.core.bundle import DIGEST_KEY
from reader.core.first_page import COUNT_SQL, PAGE_SQL, first_look
from reader.core.library import Library
from reader.core.models import Meta, StoryFull, story_country
from reader.core.paths import BACKUP_NAME, DATABASE_NAME
from reader.core.tagger_version import TAGGER_VERSION, TAGGER_VERSION_KEY
from reader.core.types import StoryQuery
from reader.core.types.settings import UI_LANGUAGE, UI_THEME
from tests.helpers import add_source, add_story, writing

START = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)  # newer than the bundled samples: these come first


@pytest.fixture
def varied(library: Library) -> Library:
    """Stories of every kind a row shows: read, bookmarked, several countries and mentioned ones,
    sections, a kept full article, teasers and whole bodies, two at the same second."""
    source = add_source(library, name="Feed «Азия»")
    long_body = "<p>" + " ".join(f"word{i}" for i in range(900)) + "</p>"
    for i in range(40):
        story = add_story(
            library,
            source,
            title=f"Story {i} — Алматы",
            body=long_body if i % 3 == 0 else "<p>Short teaser. Read more</p>",
            published=START + dt.timedelta(hours=i // 2),  # pairs share a second: the id breaks the tie
            countries=[("KZ",), ("KZ", "UZ"), (), ("TJ",)][i % 4],
            sections=("economy",) if i % 5 == 0 else (),
        )
        with writing(library) as conn:
            if i % 6 == 0:
                conn.execute(
                    insert(story_country).values(story_id=story, country_code="KG", role="mentioned")
                )
            if i % 7 == 0:
                conn.execute(
                    insert(StoryFull).values(
                        story_id=story, status="ok", html="<p>Full.</p>", text="Full.", fetched_at=START
                    )
                )
        if i % 4 == 1:
            library.stories.mark_read(story)
        if i % 9 == 0:
            library.bookmarks.set(story, True)
    return library


@pytest.mark.parametrize("limit", [1, 7, 50, 10_000])
def test_the_first_page_is_the_librarys_own(varied: Library, limit: int) -> None:
    look = first_look(varied.data_dir, limit)
    assert look is not None
    page = varied.stories.page(StoryQuery(), limit=limit)
    assert look.page == page
    assert look.count == varied.stories.estimate(StoryQuery())
    assert look.data_dir == varied.data_dir
    shown = look.page.stories
    # The fixture's kinds are all there, so the comparison covers every field.
    if limit >= 50:
        assert {s.is_read for s in shown} == {True, False}
        assert {s.is_bookmarked for s in shown} == {True, False}
        assert {s.summary_only for s in shown} == {True, False}
        assert any(s.mentioned_countries for s in shown) and any(s.sections for s in shown)
        assert any(len(s.countries) == 2 for s in shown)
    if limit == 10_000:
        assert look.page.next_cursor is None
    else:
        assert look.page.next_cursor is not None


def test_the_theme_and_language_are_the_stored_ones(varied: Library) -> None:
    varied.settings.set(UI_THEME, "dark")
    varied.settings.set(UI_LANGUAGE, "ru")
    look = first_look(varied.data_dir, 5)
    assert look is not None and (look.theme, look.language) == ("dark", "ru")
    with writing(varied) as conn:  # written by hand: not a choice of this version
        conn.execute(Meta.__table__.update().where(Meta.key == "setting.ui.theme").values(value='"purple"'))
        conn.execute(
            Meta.__table__.update().where(Meta.key == "setting.ui.language").values(value="{not json")
        )
    look = first_look(varied.data_dir, 5)
    assert look is not None and (look.theme, look.language) == ("system", "system")


def test_an_empty_cache_has_an_empty_first_page(tmp_path: Path) -> None:
    Library(tmp_path, load_bundled=False).close()
    look = first_look(tmp_path, 50)
    assert look is not None
    assert look.page.stories == () and look.page.next_cursor is None and look.count.value == 0


def _set_revision(data_dir: Path, revision: str) -> None:
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    conn.close()


@pytest.mark.parametrize("revision", ["0009", "9999"], ids=["older: to upgrade", "newer: refused"])
def test_a_cache_at_another_schema_is_left_to_the_library(data_dir: Path, revision: str) -> None:
    Library(data_dir).close()
    _set_revision(data_dir, revision)
    assert first_look(data_dir, 50) is None


def test_what_cannot_be_read_gives_none(tmp_path: Path) -> None:
    assert first_look(tmp_path / "missing", 50) is None  # a first start
    assert first_look(tmp_path, 50) is None  # a folder with no cache yet
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    assert first_look(a_file, 50) is None
    damaged = tmp_path / "damaged"
    damaged.mkdir()
    (damaged / DATABASE_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert first_look(damaged, 50) is None
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    conn = sqlite3.connect(foreign / DATABASE_NAME)
    conn.execute("CREATE TABLE other (x)")
    conn.close()
    assert first_look(foreign, 50) is None


def test_a_cache_being_written_is_read_as_last_committed(varied: Library) -> None:
    """Another process writing (WAL): the first page is what was committed; nothing waits."""
    before = first_look(varied.data_dir, 50)
    conn = sqlite3.connect(varied.data_dir / DATABASE_NAME, isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE story SET read_at = '2030-02-01 00:00:00.000000'")
    during = first_look(varied.data_dir, 50)
    conn.execute("ROLLBACK")
    conn.close()
    assert during == before


def test_it_reads_without_loading_sqlalchemy(varied: Library) -> None:
    probe = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from reader.core.first_page import first_look\n"
        f"look = first_look(Path({str(varied.data_dir)!r}), 50)\n"
        "print(json.dumps([len(look.page.stories), 'sqlalchemy' in sys.modules]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert json.loads(done.stdout) == [50, False]


def test_the_page_walks_the_date_index_and_stops(varied: Library) -> None:
    """As the list's own page (tests/core/test_query_plans.py): no scan, no sort of every story."""
    conn = sqlite3.connect(varied.data_dir / DATABASE_NAME)
    try:
        steps = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + PAGE_SQL, (51,))]
        count_steps = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + COUNT_SQL)]
    finally:
        conn.close()
    assert steps[0] == "SCAN s USING INDEX ix_story_published", steps  # newest first, then stops
    assert not [s for s in steps if "TEMP B-TREE" in s], steps
    assert all(s.startswith(("SEARCH", "CORRELATED")) for s in steps[1:]), steps  # one look-up per row
    assert count_steps == ["SCAN story USING COVERING INDEX ix_story_published"], count_steps


def test_a_cache_as_the_library_leaves_it_is_settled(varied: Library) -> None:
    look = first_look(varied.data_dir, 5)
    assert look is not None and look.settled


def _set_meta(data_dir: Path, key: str, value: str) -> None:
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    with conn:
        conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    conn.close()


def test_a_new_bundle_unsettles_it_until_the_library_loads_it(varied: Library) -> None:
    _set_meta(varied.data_dir, DIGEST_KEY, "the previous version's")
    look = first_look(varied.data_dir, 5)
    assert look is not None and not look.settled
    Library(varied.data_dir).close()  # opening loads the bundle and stores its digest
    look = first_look(varied.data_dir, 5)
    assert look is not None and look.settled


def test_stories_tagged_by_an_older_tagger_unsettle_it(varied: Library) -> None:
    _set_meta(varied.data_dir, TAGGER_VERSION_KEY, str(TAGGER_VERSION - 1))
    look = first_look(varied.data_dir, 5)
    assert look is not None and not look.settled  # `steppe stories` has a note to print
    assert varied.retag_pending()


def test_bookmarks_to_restore_from_the_backup_unsettle_it(varied: Library) -> None:
    assert (varied.data_dir / BACKUP_NAME).is_file()
    conn = sqlite3.connect(varied.data_dir / DATABASE_NAME)
    with conn:
        conn.execute("DELETE FROM bookmark")  # lost, as a replaced cache loses them
    conn.close()
    look = first_look(varied.data_dir, 50)
    assert look is not None and not look.settled
    Library(varied.data_dir).close()  # opening brings them back
    look = first_look(varied.data_dir, 50)
    assert look is not None and look.settled
    assert any(s.is_bookmarked for s in look.page.stories)


def test_no_bookmarks_and_no_backup_is_settled(tmp_path: Path) -> None:
    Library(tmp_path).close()
    assert not (tmp_path / BACKUP_NAME).exists()
    look = first_look(tmp_path, 5)
    assert look is not None and look.settled
