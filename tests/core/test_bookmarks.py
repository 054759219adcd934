"""Bookmarks are never lost: notes, tags, the automatic backup, export/import, and a cache that
is re-synced, pruned, re-seeded and migrated with bookmarks in it."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import delete, text
from sqlalchemy.exc import IntegrityError

from reader.core.bookmarks import BookmarkBackupError, BookmarkFileError, normalize_tags
from reader.core.db import _alembic_config, create_sqlite_engine
from reader.core.library import Library
from reader.core.models import Meta, Story
from reader.core.paths import BACKUP_NAME, DATABASE_NAME
from reader.core.seed import load_bundled_data
from reader.core.sync.ingest import ingest_entries
from reader.core.sync.parse import Entry
from reader.core.sync.retention import prune_stories
from reader.core.types import StoryQuery
from tests.helpers import add_source, writing

FEED = "https://wire.example.test/feed/"
OLD = dt.datetime(2020, 3, 1, 8, 0, tzinfo=dt.UTC)


def _entry(guid: str, title: str, body: str = "<p>First version.</p>") -> Entry:
    return Entry(
        guid=guid, url=f"https://wire.example.test/{guid}", title=title, author="Wire desk",
        published_at=OLD, updated_at=None, summary_html=None, content_html=body,
    )  # fmt: skip


def _ingest(library: Library, source_id: int, entries: list[Entry]) -> None:
    with writing(library) as conn:
        ingest_entries(conn, source_id, entries)


def _query(source_id: int) -> StoryQuery:
    return StoryQuery(sources=(source_id,))


def _marks(library: Library) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Bookmarks by story title: (note, tags)."""
    return {b.title: (b.note, b.tags) for b in library.bookmarks.find()}


def test_notes_and_tags_are_kept_and_searchable(library: Library) -> None:
    library.bookmarks.edit(3, note="  read with the rates  ", tags=["Banks", "banks", " soum ,  bonds "])
    (b,) = library.bookmarks.find()
    assert (b.story_id, b.note, b.tags) == (3, "read with the rates", ("Banks", "bonds", "soum"))
    assert (
        library.stories.get(3).is_bookmarked and library.stories.get(3).bookmark_note == "read with the rates"
    )
    library.bookmarks.set(8)
    assert [x.story_id for x in library.bookmarks.find(tag="SOUM")] == [3]
    assert [x.story_id for x in library.bookmarks.find("rates")] == [3]
    assert library.bookmarks.tags() == ["Banks", "bonds", "soum"]
    library.bookmarks.edit(3, tags=[])
    assert library.bookmarks.get(3) is not None and library.bookmarks.get(3).tags == ()  # type: ignore[union-attr]
    assert normalize_tags(["a,b", "B", " c d "]) == ("a", "b", "c d")


def test_every_change_rewrites_the_backup_atomically(library: Library) -> None:
    backup = library.data_dir / BACKUP_NAME
    library.bookmarks.set(4, note="first")
    library.bookmarks.edit(4, tags=["one"])
    doc = json.loads(backup.read_text("utf-8"))
    assert doc["format"] == "steppe-bookmarks"
    assert [(e["note"], e["tags"]) for e in doc["bookmarks"]] == [("first", ["one"])]
    assert library.bookmarks.toggle(4).value is False  # bookmarked above: now removed
    assert json.loads(backup.read_text("utf-8"))["bookmarks"] == []
    assert [p.name for p in library.data_dir.iterdir() if ".part" in p.name] == []


def test_a_lost_cache_is_restored_from_the_backup_on_start(data_dir: Path) -> None:
    with Library(data_dir) as lib:
        source = add_source(lib, "Wire", FEED)
        _ingest(lib, source, [_entry("g-1", "Dam on the Vakhsh")])
        (story,) = lib.stories.iter(_query(source))
        lib.bookmarks.edit(story.id, note="dam", tags=["energy"])
        lib.bookmarks.edit(2, note="a sample", tags=["samples"])
    (data_dir / DATABASE_NAME).unlink()  # the cache is lost; the backup beside it is not
    for extra in data_dir.glob(DATABASE_NAME + "-*"):
        extra.unlink()
    with Library(data_dir) as lib:
        assert _marks(lib) == {
            "Dam on the Vakhsh": ("dam", ("energy",)),
            lib.stories.get(2).title: ("a sample", ("samples",)),
        }
        restored = next(b for b in lib.bookmarks.find() if b.title == "Dam on the Vakhsh")
        story = lib.stories.get(restored.story_id)
        assert story.url == "https://wire.example.test/g-1" and "First version." in story.content_text
        assert lib.sources.find(FEED).feed_url == FEED


def test_export_and_import_merge_without_duplicates(tmp_path: Path) -> None:
    with Library(tmp_path / "a") as a, Library(tmp_path / "b") as b:
        source_a = add_source(a, "Wire", FEED)
        add_source(b, "Decoy", "https://decoy.example.test/")  # ids differ between the caches
        source_b = add_source(b, "Wire", FEED)
        _ingest(a, source_a, [_entry("g-1", "One"), _entry("g-2", "Two")])
        _ingest(b, source_b, [_entry("g-2", "Two"), _entry("g-1", "One")])
        ids_a = {s.title: s.id for s in a.stories.iter(_query(source_a))}
        ids_b = {s.title: s.id for s in b.stories.iter(_query(source_b))}
        assert ids_a != ids_b
        a.bookmarks.edit(ids_a["One"], note="from A", tags=["x"])
        a.bookmarks.edit(ids_a["Two"], tags=["y"])
        a.bookmarks.edit(3, note="sample in A")  # matched by feed URL + guid of the bundled sample
        b.bookmarks.edit(ids_b["Two"], note="kept in B", tags=["z"])
        out = tmp_path / "marks.json"
        assert a.bookmarks.export(out) == 3
        report = b.bookmarks.import_file(out)
        assert (report.added, report.merged, report.stories_created, report.skipped) == (2, 1, 0, 0)
        expected = {
            "One": ("from A", ("x",)),
            "Two": ("kept in B", ("y", "z")),
            b.stories.get(3).title: ("sample in A", ()),
        }
        assert _marks(b) == expected
        again = b.bookmarks.import_file(out)  # importing twice changes nothing
        assert (again.added, again.merged) == (0, 3)
        assert _marks(b) == expected
        with pytest.raises(FileExistsError):
            a.bookmarks.export(out)


def test_import_matches_by_url_when_the_guid_differs(tmp_path: Path) -> None:
    with Library(tmp_path / "a") as a:
        source = add_source(a, "Wire", FEED)
        _ingest(a, source, [_entry("g-9", "Nine")])
        (story,) = a.stories.iter(_query(source))
        path = tmp_path / "in.json"
        doc = {
            "format": "steppe-bookmarks", "version": 1,
            "bookmarks": [{"feed_url": "https://mirror.example.test/rss", "guid": "other-guid",
                           "url": "https://wire.example.test/g-9", "title": "Nine", "note": "by url"}],
        }  # fmt: skip
        path.write_text(json.dumps(doc), "utf-8")
        assert a.bookmarks.import_file(path).added == 1
        assert _marks(a) == {"Nine": ("by url", ())}
        assert a.stories.get(story.id).is_bookmarked


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{not json", "not a JSON file"), ('{"format": "other"}', "not a Steppe bookmarks file"),
     ('{"format": "steppe-bookmarks", "version": 99, "bookmarks": []}', "newer Steppe Reader"),
     ('{"format": "steppe-bookmarks", "version": 1, "bookmarks": {}}', "must be a list")],
)  # fmt: skip
def test_a_bad_file_is_a_clear_error_and_changes_nothing(
    library: Library, tmp_path: Path, content: str, reason: str
) -> None:
    library.bookmarks.set(6, note="mine")
    path = tmp_path / "bad.json"
    path.write_text(content, "utf-8")
    with pytest.raises(BookmarkFileError, match=reason):
        library.bookmarks.import_file(path)
    assert _marks(library) == {library.stories.get(6).title: ("mine", ())}


def _build_at_0001(path: Path) -> None:
    """A cache as the first release wrote it, with two bookmarks and a note."""
    engine = create_sqlite_engine(path)
    cfg = _alembic_config()
    with engine.connect() as conn, conn.begin():
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    engine.dispose()
    db = sqlite3.connect(path)
    with db:
        db.execute(
            "INSERT INTO source (id, name, feed_url, kind, enabled, is_sample, created_at) "
            "VALUES (1, 'Wire', ?, 'rss', 1, 0, '2020-01-01 00:00:00')",
            (FEED,),
        )
        for n in (1, 2, 3):
            db.execute(
                "INSERT INTO story (id, source_id, guid, url, title, published_at, fetched_at, content_html, "
                "content_text) VALUES (?, 1, ?, ?, ?, '2020-03-01 08:00:00', '2020-03-01 09:00:00', "
                "'<p>Old text.</p>', 'Old text.')",
                (n, f"g-{n}", f"https://wire.example.test/g-{n}", f"Old story {n}"),
            )
        db.execute(
            "INSERT INTO bookmark (story_id, created_at, note) VALUES (1, '2020-03-02 10:00:00', 'kept note')"
        )
        db.execute(
            "INSERT INTO bookmark (story_id, created_at, note) VALUES (2, '2020-03-02 11:00:00', NULL)"
        )
    db.close()


def test_bookmarks_survive_migration_resync_prune_and_reseed(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    _build_at_0001(data_dir / DATABASE_NAME)

    # Migrate: the first-release cache opens at the newest schema with its bookmarks.
    with Library(data_dir) as lib:
        with lib._storage.read() as conn:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        assert version == ScriptDirectory.from_config(_alembic_config()).get_current_head()
        assert _marks(lib) == {"Old story 1": ("kept note", ()), "Old story 2": (None, ())}
        lib.bookmarks.edit(1, tags=["water", "Tajikistan"])
        lib.bookmarks.edit(2, note="added after the upgrade", tags=["energy"])
        expected = {
            "Old story 1": ("kept note", ("Tajikistan", "water")),
            "Old story 2": ("added after the upgrade", ("energy",)),
        }
        assert _marks(lib) == expected

        # Re-sync: the feed sends the same stories again, changed, through the real ingest code.
        _ingest(lib, 1, [_entry(f"g-{n}", f"Old story {n}", "<p>Second version.</p>") for n in (1, 2, 3)])
        assert _marks(lib) == expected
        assert "Second version." in lib.stories.get(1).content_text

        # Prune: everything older than tomorrow goes, in chunks, except the bookmarked stories.
        pruned, _images = prune_stories(lib._storage, dt.datetime.now(dt.UTC) + dt.timedelta(days=1), chunk=1)
        assert pruned == 1  # story 3 only
        assert _marks(lib) == expected
        with pytest.raises(IntegrityError), writing(lib) as conn:  # and the schema itself refuses
            conn.execute(delete(Story).where(Story.id == 1))

        # Re-seed: the bundle is loaded again, as after an app update.
        with writing(lib) as conn:
            conn.execute(delete(Meta))
        assert not load_bundled_data(lib._storage).skipped
        assert _marks(lib) == expected

    # And once more from the top: reopening runs no migration and loses nothing.
    with Library(data_dir) as lib:
        assert _marks(lib) == expected
        with lib._storage.read() as conn:
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
        assert {"bookmark_tag", "saved_search"} <= tables
        backup = json.loads((data_dir / BACKUP_NAME).read_text("utf-8"))
        assert {(e["title"], e["note"], tuple(e["tags"])) for e in backup["bookmarks"]} == {
            (title, note, tags) for title, (note, tags) in expected.items()
        }


def test_a_backup_that_cannot_be_written_is_reported_and_the_bookmark_kept(library: Library) -> None:
    (library.data_dir / BACKUP_NAME).mkdir()  # something in the way of the rename
    with pytest.raises(BookmarkBackupError, match="Bookmark saved, but its backup"):
        library.bookmarks.set(5, note="still here")
    assert library.stories.get(5).is_bookmarked and library.stories.get(5).bookmark_note == "still here"
    assert [p.name for p in library.data_dir.iterdir() if ".part" in p.name] == []


def test_revision_0004_downgrades_and_upgrades_keeping_bookmarks(data_dir: Path) -> None:
    with Library(data_dir) as lib:
        lib.bookmarks.edit(4, note="across revisions", tags=["t"])
        lib.saved_searches.save("KZ", StoryQuery(countries=("KZ",)))
        engine = lib._storage._engine
        cfg = _alembic_config()
        with engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
        with engine.connect() as conn:
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))}
            assert "bookmark_tag" not in tables and "saved_search" not in tables
            notes = conn.execute(text("SELECT story_id, note FROM bookmark")).all()
        assert [tuple(n) for n in notes] == [(4, "across revisions")]
    with Library(data_dir) as lib:  # upgraded again on open
        # The bookmark and its note stay; the tag was 0004's own data, and the backup brings it back.
        assert _marks(lib) == {lib.stories.get(4).title: ("across revisions", ())}
        assert lib.saved_searches.all() == []
        report = lib.bookmarks.restore()
        assert (report.merged, report.added) == (1, 0)
        assert _marks(lib) == {lib.stories.get(4).title: ("across revisions", ("t",))}
