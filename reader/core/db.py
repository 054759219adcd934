"""Opening the SQLite cache: pragmas, error sorting and migrations on start-up."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from reader.core.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, StorageError
from reader.core.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

BUSY_TIMEOUT_MS = 5000
# The newest revision in db/versions. Start-up compares the file's alembic_version with it and
# imports Alembic (about a tenth of a second) only when they differ; tests/core/test_db.py
# checks that it names Alembic's head, so it cannot drift.
SCHEMA_HEAD = "0005"


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event below, so DDL is transactional
    # and a migration either lands whole or not at all (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def classify(path: Path, exc: BaseException) -> StorageError | None:
    """Sort a database exception: the environment's fault becomes a StorageError, a bug stays None."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.DatabaseError):
        return None
    message = str(orig)
    if re.search(r"file is not a database|malformed|file is encrypted", message):
        return DatabaseCorrupt(path, f"The database file is damaged: {message}")
    if "database is locked" in message or "database is busy" in message:
        return DatabaseLocked(path, "The database is in use by another Steppe Reader and stayed locked")
    if re.search(r"disk is full|disk I/O error|unable to open database|readonly database", message):
        return StorageError(path, f"The database cannot be written: {message}")
    return None


@contextmanager
def storage_errors(path: Path) -> Iterator[None]:
    """Re-raise the environment's database failures as StorageError; let bugs through."""
    try:
        yield
    except (DBAPIError, sqlite3.DatabaseError) as exc:
        sorted_error = classify(path, exc)
        if sorted_error is None:
            raise
        raise sorted_error from exc


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def migrate(engine: Engine, path: Path) -> None:
    """Bring the schema to the newest revision; refuse a database from a newer version."""
    with storage_errors(path), engine.connect() as conn:
        has_version = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).first()
        if has_version and conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all() == [
            SCHEMA_HEAD
        ]:
            return
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    cfg = _alembic_config()
    script = ScriptDirectory.from_config(cfg)
    heads = set(script.get_heads())
    with storage_errors(path), engine.connect() as conn:
        current = set(MigrationContext.configure(conn).get_current_heads())
        if current == heads:
            return
        for revision in current:
            try:
                script.get_revision(revision)
            except CommandError:
                raise DatabaseTooNew(
                    path,
                    f"This database was written by a newer Steppe Reader (schema {revision}); "
                    "please update the app. The file was left untouched",
                ) from None
        conn.rollback()
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


def open_database(path: Path) -> Engine:
    """An engine on the SQLite file at `path`, migrated to the newest schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_sqlite_engine(path)
    try:
        with storage_errors(path), engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
        migrate(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return engine


def close_database(engine: Engine) -> None:
    """Let SQLite refresh its planner statistics, then release the connections."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize")
    except DBAPIError:
        pass  # best effort on the way out; the data itself is already committed
    engine.dispose()
