"""Opening the SQLite cache: pragmas, error sorting and migrations on start-up."""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from reader.core.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew, StorageError
from reader.core.paths import migrations_dir
from reader.core.schema import SCHEMA_HEAD

if TYPE_CHECKING:
    from alembic.config import Config

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy's "begin" event below, so DDL is transactional
    # and a migration either lands whole or not at all (SQLAlchemy's pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    # Temporary files in memory: each statement of a write transaction that fires a trigger
    # (story_country's flags, 0010) keeps a statement journal, which by default is a temp file
    # written and truncated once per row of an executemany; about half of inserting a link row.
    # Nothing here makes large temporary data: no VACUUM, and a query's temporary B-tree holds
    # a page of rows or a few thousand ids.
    cursor.execute("PRAGMA temp_store = MEMORY")
    cursor.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


# SQLite's primary result codes (the low byte of sqlite_errorcode) that are the environment's
# fault; any other code (a constraint, an SQL error) is a bug of ours and is let through.
_SQLITE_CORRUPT = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_SQLITE_BUSY = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_SQLITE_FULL = 13
_SQLITE_IOERR = 10
_SQLITE_CANTOPEN = 14
_SQLITE_READONLY = 8
_SQLITE_PERM = 3
_SQLITE_NOMEM = 7


def classify(path: Path, exc: BaseException) -> StorageError | None:
    """Sort a database exception: the environment's fault becomes a StorageError, a bug stays None."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.DatabaseError):
        return None
    message = str(orig)
    code = getattr(orig, "sqlite_errorcode", None)
    if code is None:  # raised by the sqlite3 module itself: only its words to go by
        return _classify_message(path, message)
    primary = code & 0xFF
    if primary in _SQLITE_CORRUPT:
        return DatabaseCorrupt(path, f"The database file is damaged: {message}")
    if primary in _SQLITE_BUSY:
        return DatabaseLocked(path, "The database is in use by another Steppe Reader and stayed locked")
    if primary == _SQLITE_FULL:
        return StorageError(path, "The database cannot be written: the disk is full")
    if primary == _SQLITE_IOERR:
        return StorageError(path, "The disk refused to read or write the database (is it full or removed?)")
    if primary == _SQLITE_CANTOPEN:
        return StorageError(path, "The database file cannot be opened")
    if primary in (_SQLITE_READONLY, _SQLITE_PERM):
        return StorageError(path, "The database cannot be written: it is read-only")
    if primary == _SQLITE_NOMEM:
        return StorageError(path, "The database stopped: the computer is out of memory")
    return None


def _classify_message(path: Path, message: str) -> StorageError | None:
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


def known_revision(revision: str) -> bool:
    """Whether `revision` is one of our migrations (if not, a newer Steppe Reader wrote the file)."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError

    try:
        ScriptDirectory.from_config(_alembic_config()).get_revision(revision)
    except CommandError:
        return False
    return True


def create_sqlite_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def migrate(engine: Engine, path: Path, progress: Callable[[str, int, int], None] | None = None) -> None:
    """Bring the schema to the newest revision; refuse a database from a newer version.

    The whole upgrade is one transaction: failed or interrupted (Ctrl-C, or `progress`
    raising), it leaves the file at its old revision. `progress(what, done, total)` is told
    ("schema", 0, 0) as an upgrade of a cache that holds data begins, then how far each
    migration that reports its batches has come (0009: "stories", "articles")."""
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
        if progress is not None:
            if current:  # a fresh file has nothing to convert: no word of an upgrade
                progress("schema", 0, 0)
            cfg.attributes["progress"] = progress
        with conn.begin():
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")


class _Verdict:
    damaged = False


@contextmanager
def logs_kept_if_damaged(path: Path) -> Iterator[_Verdict]:
    """Hold the -wal and -shm beside `path` by a second name (a hard link) while it is opened;
    if it proves damaged (DatabaseCorrupt, or `verdict.damaged` set), put back what SQLite
    removed on closing it, so `steppe repair` keeps the damaged file with its write-ahead log.
    A sound file's log is SQLite's to replay. Close the engine inside the block."""
    verdict = _Verdict()
    held: dict[Path, Path] = {}
    for suffix in ("-wal", "-shm"):
        log = Path(f"{path}{suffix}")
        second = log.with_name(f".{log.name}.held-{os.getpid()}")
        try:
            if log.is_file():
                os.link(log, second)
                held[log] = second
        except OSError:
            pass  # best effort: a file system without hard links keeps what SQLite leaves
    try:
        yield verdict
    except DatabaseCorrupt:
        verdict.damaged = True
        raise
    finally:
        for log, second in held.items():
            if verdict.damaged and not os.path.lexists(log):
                os.replace(second, log)
            else:
                second.unlink(missing_ok=True)


def open_database(path: Path) -> Engine:
    """An engine on the SQLite file at `path`, migrated to the newest schema."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        raise StorageError(path, "A folder stands where the database file should be")
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
            # analysis_limit bounds the ANALYZE that optimize may run (SQLite's advice for
            # optimize on close): unbounded it read the whole 100k cache, ~60 ms on every exit.
            conn.exec_driver_sql("PRAGMA analysis_limit = 400")
            conn.exec_driver_sql("PRAGMA optimize")
    except DBAPIError:
        pass  # best effort on the way out; the data itself is already committed
    engine.dispose()


def find_damage(path: Path) -> str | None:
    """What SQLite's quick_check finds wrong with the file at `path`, or None if it is sound.

    Damage in the pages of one table is not seen when the file opens, only when those pages
    are read; `steppe repair` runs this to tell a damaged file from a sound one."""
    with logs_kept_if_damaged(path) as verdict:
        engine = create_sqlite_engine(path)
        try:
            with engine.connect() as conn:
                rows = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(5)")]
        except (DBAPIError, sqlite3.DatabaseError) as exc:
            sorted_error = classify(path, exc)
            if sorted_error is None:
                raise
            if not isinstance(sorted_error, DatabaseCorrupt):
                raise sorted_error from exc
            rows = [str(exc.orig if isinstance(exc, DBAPIError) else exc)]
        finally:
            engine.dispose()
        verdict.damaged = rows != ["ok"]
    return None if rows == ["ok"] else "; ".join(rows)


def set_aside(path: Path, moment: dt.datetime) -> Path:
    """Rename the database at `path` (with its -wal and -shm) to `<name>.damaged-YYYYMMDD-HHMMSS`
    beside it, never over an earlier one; returns the new name of the database file."""
    stamp = moment.strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while any(os.path.lexists(f"{kept}{s}") for s in ("", "-wal", "-shm")):
        n += 1
        kept = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    # The -wal first: stopped half-way, a fresh database must never meet (and replay) the
    # damaged one's write-ahead log.
    for suffix in ("-wal", "-shm", ""):
        source = Path(f"{path}{suffix}")
        if os.path.lexists(source):
            os.replace(source, f"{kept}{suffix}")
    return kept
