"""The SQLite cache: migrations from empty, pragmas, and clear refusals of unusable files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

from reader.core.db import open_database
from reader.core.errors import DatabaseCorrupt, DatabaseTooNew
from reader.core.library import Library
from reader.core.paths import DATABASE_NAME, migrations_dir

EXPECTED_TABLES = {
    "alembic_version", "bookmark", "country", "currency", "meta", "rate_point", "section", "source",
    "search_doc", "search_index", "story", "story_country", "story_section", "sync_run",
}  # fmt: skip


def _head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return ScriptDirectory.from_config(cfg).get_current_head() or ""


def test_migrates_an_empty_file_to_the_newest_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables >= EXPECTED_TABLES
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(_head(),)]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    fts_sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_index'").fetchone()[0]
    assert "content=''" in fts_sql  # contentless: no copy of the text
    assert "story_fts" not in tables


def test_connections_enforce_foreign_keys(library: Library) -> None:
    with library._storage.read() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA temp_store").scalar() == 2  # MEMORY: no statement journal files


def test_opening_twice_runs_no_migration_and_keeps_data(data_dir: Path) -> None:
    with Library(data_dir) as first:
        first.bookmarks.set(1, note="keep me")
    with Library(data_dir) as second:
        assert second.stories.get(1).bookmark_note == "keep me"


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseTooNew, match="newer Steppe Reader"):
        Library(tmp_path)
    assert path.read_bytes() == before


def test_a_damaged_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / DATABASE_NAME
    garbage = b"this is not a database, but it might be someone's only copy\n" * 200
    path.write_bytes(garbage)
    with pytest.raises(DatabaseCorrupt, match="damaged"):
        Library(tmp_path)
    assert path.read_bytes() == garbage


def test_settings_persist_typed_and_refuse_what_does_not_fit(data_dir: Path) -> None:
    from reader.core.errors import InvalidSetting
    from reader.core.types.settings import RATES_INTERVAL, SIDEBAR_CURRENCIES, SYNC_INTERVAL

    with Library(data_dir) as lib:
        assert lib.settings.get(SYNC_INTERVAL) == 60
        assert lib.settings.set(SYNC_INTERVAL, 15).setting_names == {"sync.interval_minutes"}
        lib.settings.set_text("rates.sidebar_currencies", "kzt, RUB")
        with pytest.raises(InvalidSetting, match="from 5 to 1440"):
            lib.settings.set(RATES_INTERVAL, 4)
        with pytest.raises(InvalidSetting, match="whole number"):
            lib.settings.set_text("sync.retention_days", "a year")
        with pytest.raises(InvalidSetting, match="No setting named"):
            lib.settings.set_text("sync.nonsense", "1")
    with Library(data_dir) as lib:
        assert lib.settings.get(SYNC_INTERVAL) == 15
        assert lib.settings.get(SIDEBAR_CURRENCIES) == ("KZT", "RUB")
        assert lib.settings.get(RATES_INTERVAL) == 60  # the refused value was not stored
        lib.settings.reset("sync.interval_minutes")
        assert lib.settings.value("sync.interval_minutes").is_default


def test_schema_head_constant_names_alembics_head() -> None:
    from reader.core.schema import SCHEMA_HEAD

    assert _head() == SCHEMA_HEAD
