"""One error hierarchy, sorted at the database edge into the environment's fault and ours."""

from __future__ import annotations

import errno
from pathlib import Path


class ReaderError(Exception):
    """Base of every error Steppe Reader explains to the user."""


class InvalidSearchQuery(ReaderError, ValueError):
    """The search text is not a valid query (an unclosed quote, a dangling operator...)."""

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(f"Invalid search {query!r}: {reason}")
        self.query = query
        self.reason = reason


class StoryNotFound(ReaderError, LookupError):
    def __init__(self, story_id: int) -> None:
        super().__init__(f"No story with id {story_id}")
        self.story_id = story_id


class UnknownCurrency(ReaderError, LookupError):
    def __init__(self, code: str) -> None:
        super().__init__(f"No rates are stored for currency {code!r}")
        self.code = code


class StorageError(ReaderError):
    """The database cannot be used, through no bug of ours (disk full, locked, damaged...)."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{message} ({path})")
        self.path = path


class DatabaseCorrupt(StorageError):
    """The file is not a SQLite database, or SQLite reports it malformed."""


class DatabaseTooNew(StorageError):
    """The database was written by a newer Steppe Reader whose migrations we do not know."""


class DatabaseLocked(StorageError):
    """Another process holds the database for longer than the busy timeout."""


class BundledDataError(ReaderError):
    """The data shipped with the app is missing or malformed: a packaging bug."""


class DataFolderError(StorageError):
    """The data folder cannot be used: a file stands where it should be, or it cannot be made or written."""


class CannotWrite(ReaderError, OSError):
    """A file the user asked for cannot be written there (the name, the folder or the disk)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot write {path}: {reason}")
        self.path = path
        self.reason = reason


# What an errno means, in words a person can act on (the C library's strerror is terse).
# By name, since not every platform defines every code (Windows lacks EDQUOT, for one).
_ERRNO_WORDS = {
    getattr(errno, name): words
    for name, words in (
        ("ENOSPC", "the disk is full"),
        ("EDQUOT", "the disk quota is used up"),
        ("EACCES", "permission denied"),
        ("EPERM", "the operation is not permitted"),
        ("EROFS", "the disk is read-only"),
        ("ENOENT", "no such file or folder"),
        ("ENOTDIR", "a part of the path is a file, not a folder"),
        ("EISDIR", "it is a folder, not a file"),
        ("EEXIST", "it already exists"),
        ("ENAMETOOLONG", "the name is too long"),
        ("EFBIG", "the file grew too large"),
        ("EIO", "the disk reported an input/output error"),
        ("ELOOP", "too many symbolic links"),
        ("EMFILE", "too many files are open"),
        ("ENFILE", "too many files are open"),
        ("EBUSY", "it is in use"),
        ("ETXTBSY", "it is in use"),
        ("ENXIO", "no such device"),
        ("ENODEV", "no such device"),
        ("EXDEV", "it is on another disk"),
        ("EINVAL", "the name is not valid there"),
        ("ENOMEM", "the computer is out of memory"),
        ("ENOTEMPTY", "the folder is not empty"),
    )
    if hasattr(errno, name)
}


def describe_os_error(exc: OSError, path: Path | str | None = None) -> str:
    """`exc` in plain words, naming the file it concerns unless that is `path` (already said)."""
    words = _ERRNO_WORDS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__
    where = exc.filename
    if where is not None and (path is None or str(where) != str(path)):
        return f"{words} ({where})"
    return words
