"""One error hierarchy, sorted at the database edge into the environment's fault and ours."""

from __future__ import annotations

from pathlib import Path


def internal_message(action: str, log_file: Path | None) -> str:
    """A bug said plainly: "Steppe could not <action> (an internal error, logged in …)"."""
    from reader.core.logs import shown_path

    where = f", logged in {shown_path(log_file)}" if log_file else ""
    return f"Steppe could not {action} (an internal error{where})"


class ReaderError(Exception):
    """Base of every error Steppe Reader explains to the user."""


class InvalidSearchQuery(ReaderError, ValueError):
    """The search text is not a valid query (an unclosed quote, a dangling operator...)."""

    def __init__(self, query: str, reason: str) -> None:
        super().__init__(f"Invalid search {query!r}: {reason}")
        self.query = query
        self.reason = reason


class InvalidSetting(ReaderError, ValueError):
    """A setting name we do not have, or a value outside what the setting allows."""


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
