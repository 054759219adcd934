"""Starting fresh after a damaged database: the damaged file is kept beside the new one, the
cache is rebuilt from the bundled data and the bookmarks come back from their backup.

What cannot come back is said plainly: read marks, synced stories, saved searches, added
sources and settings lived only in the damaged file. Nothing is deleted: the damaged file (with
its -wal and -shm) is renamed, and the bookmark backup is copied aside first whenever not every
bookmark in it could be restored (rebuilding rewrites the backup from the new cache).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.errors import ReaderError
from reader.core.paths import BACKUP_NAME, DATABASE_NAME, data_folder

if TYPE_CHECKING:
    from reader.core.library import Library

LOST = (
    "Read marks, synced stories, saved searches, added sources and settings were only in the "
    "damaged file and are lost; a sync fetches the feeds' current stories again."
)


class NothingToRepair(ReaderError):
    """The database opens and SQLite finds nothing wrong with it: there is nothing to set aside."""


@dataclass(frozen=True)
class RepairReport:
    kept_as: Path  # the damaged database, renamed beside the new one
    damage: str  # what SQLite found wrong
    backup_total: int  # bookmarks in the backup
    restored: int  # bookmarks in the new cache
    backup_problem: str | None = None  # why none could come back (no backup, unreadable)
    backup_copy: Path | None = None  # the backup as it was, kept when not all came back

    def summary(self) -> str:
        """One sentence for the user: where the damaged file is, how many bookmarks came back."""
        line = f"The damaged file was kept as {self.kept_as}; "
        if self.backup_problem is not None:
            line += f"no bookmarks could be restored: {self.backup_problem}"
        elif self.backup_total == 0:
            line += "the backup held no bookmarks to restore"
        else:
            noun = "bookmark" if self.backup_total == 1 else "bookmarks"
            verb = "was" if self.restored == 1 else "were"
            line += f"{self.restored} of {self.backup_total} {noun} {verb} restored from the backup"
        if self.backup_copy is not None:
            line += f" (the backup as it was is kept as {self.backup_copy})"
        return line + "."


def repair(data_dir: Path | None, now: dt.datetime | None = None) -> tuple[Library, RepairReport]:
    """Keep the damaged database of `data_dir` aside and open a fresh cache in its place.

    Refuses (NothingToRepair) a database that opens and passes SQLite's quick_check; a locked
    database is a DatabaseLocked, and nothing is moved."""
    from reader.core.library import Library

    folder = data_folder(data_dir, create=False)
    database = folder / DATABASE_NAME
    if not database.is_file():
        raise NothingToRepair(f"There is no database in {folder} to repair")
    # Imported here: the command line's parser names LOST without loading SQLAlchemy.
    from reader.core.db import find_damage, set_aside

    damage = find_damage(database)
    if damage is None:
        raise NothingToRepair(
            f"The database {database} is not damaged (SQLite's integrity check passes); nothing was changed"
        )
    moment = now or dt.datetime.now()
    backup = folder / BACKUP_NAME
    copy: Path | None = None
    if backup.is_file():
        copy = folder / f"{BACKUP_NAME}.before-repair-{moment:%Y%m%d-%H%M%S}"
        shutil.copy2(backup, copy)
    kept = set_aside(database, moment)
    library = Library(folder)
    try:
        report = _restored(library, kept, damage, backup, copy)
    except BaseException:
        library.close()
        raise
    if copy is not None and report.backup_copy is None:
        copy.unlink(missing_ok=True)  # every bookmark came back: the copy says nothing new
    return library, report


def _restored(library: Library, kept: Path, damage: str, backup: Path, copy: Path | None) -> RepairReport:
    restored = library.restored_bookmarks
    if restored is not None:
        total = restored.total + restored.skipped
        complete = restored.skipped == 0
        return RepairReport(kept, damage, total, restored.total, backup_copy=None if complete else copy)
    if not backup.is_file():
        return RepairReport(kept, damage, 0, 0, backup_problem=f"there is no bookmark backup ({backup})")
    from reader.core.bookmarks import BookmarkFileError

    try:  # the backup was there but restore_if_lost() kept quiet: say why
        report = library.bookmarks.restore()
    except BookmarkFileError as exc:
        return RepairReport(kept, damage, 0, 0, backup_problem=str(exc), backup_copy=copy)
    return RepairReport(kept, damage, report.total + report.skipped, report.total)
