"""Upgrading a cache written by an older Steppe Reader, with progress, before the Library opens it.

Migration 0009 rewrites every story's texts: about half a minute at 100,000 stories. Start-up
asks `pending_upgrade()` whether the cache is behind (one read of its `alembic_version`, no
Alembic import when it is not), and if so runs `upgrade()` (the window on a worker thread,
behind a progress dialog; the command line with a line on stderr). The upgrade is one
transaction: failed, stopped (`UpgradeStopped` from the callback) or killed, the cache is left
at its old revision, whole, and the next start begins it again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reader.core.db import (
    close_database,
    create_sqlite_engine,
    known_revision,
    logs_kept_if_damaged,
    migrate,
)
from reader.core.errors import DataFolderError, ReaderError
from reader.core.paths import DATABASE_NAME, data_folder
from reader.core.schema import SCHEMA_HEAD
from reader.core.types.settings import STORED_PREFIX, UI_LANGUAGE

# What a progress report counts; SCHEMA has no count (the migrations before 0009 are quick).
SCHEMA, STORIES, ARTICLES = "schema", "stories", "articles"


class UpgradeStopped(ReaderError):
    """The user stopped the upgrade: the cache is as it was before, and is upgraded next time."""

    def __init__(self) -> None:
        super().__init__("The cache upgrade was stopped; the cache is left as it was")


@dataclass(frozen=True)
class UpgradeProgress:
    """How far an upgrade has come: `done` of `total` `what` (STORIES, ARTICLES) converted;
    SCHEMA with 0 of 0 while the schema changes."""

    what: str
    done: int
    total: int


@dataclass(frozen=True)
class PendingUpgrade:
    """A cache behind the newest schema, with the interface language stored in it (read before
    the cache opens, so the upgrade's dialog already speaks it)."""

    database_path: Path
    revision: str
    language: str


def pending_upgrade(data_dir: Path | None = None) -> PendingUpgrade | None:
    """The upgrade the cache in `data_dir` needs, or None: none, a fresh or missing cache, or one
    that cannot be read here (opening the Library then says what is wrong with it)."""
    try:
        path = data_folder(data_dir, create=False) / DATABASE_NAME
    except DataFolderError:
        return None
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
            stored = conn.execute(
                "SELECT value FROM meta WHERE key = ?", (STORED_PREFIX + UI_LANGUAGE.name,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # no version table (fresh), damaged, locked: the Library's open sorts it out
    if len(revisions) != 1 or revisions[0] == SCHEMA_HEAD or not known_revision(revisions[0]):
        return None  # a newer database is refused, untouched, by the Library
    return PendingUpgrade(path, revisions[0], UI_LANGUAGE.from_stored(stored[0] if stored else None))


def upgrade(pending: PendingUpgrade, progress: Callable[[UpgradeProgress], None] | None = None) -> None:
    """Bring the cache to the newest schema in one transaction, telling `progress` how far it has
    come. StorageError when the environment stops it (disk full, locked, damaged), UpgradeStopped
    when `progress` raises it; either way the cache is left as it was."""

    def report(what: str, done: int, total: int) -> None:
        if progress is not None:
            progress(UpgradeProgress(what, done, total))

    path = pending.database_path
    with logs_kept_if_damaged(path):  # as the Library opens it, for `steppe repair`
        engine = create_sqlite_engine(path)
        try:
            migrate(engine, path, report)
        finally:
            close_database(engine)
