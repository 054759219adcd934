"""Where things live: the user's data folder and the data bundled with the app."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import platformdirs

from reader.core.errors import DataFolderError, describe_os_error

APP_NAME = "steppe-reader"
DATA_DIR_ENV = "STEPPE_DATA_DIR"
DATABASE_NAME = "steppe.sqlite3"
# The bookmarks' automatic backup beside the cache (reader.core.bookmarks writes it).
BACKUP_NAME = "bookmarks-backup.json"


def default_data_dir() -> Path:
    """`$STEPPE_DATA_DIR` if set, else the platform's per-user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_folder(path: Path | None = None, create: bool = True) -> Path:
    """The data folder `path` (default: default_data_dir()), absolute, created if missing (or,
    with create=False, left missing) and known to take new files; otherwise a DataFolderError
    saying what stands in the way."""
    given = path if path is not None else default_data_dir()
    text = os.fspath(given)
    if "\x00" in text:
        raise DataFolderError(
            Path(text.replace("\x00", "\\0")), "The data folder's name contains a NUL character"
        )
    folder = Path(os.path.abspath(Path(text).expanduser()))
    try:
        if folder.exists() and not folder.is_dir():
            hint = f" (give the folder that holds {DATABASE_NAME})" if folder.name == DATABASE_NAME else ""
            raise DataFolderError(folder, f"The data folder is a file, not a folder{hint}")
        if not create and not folder.exists():
            return folder
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".steppe-probe-")
        os.close(fd)
        os.unlink(probe)
    except NotADirectoryError:
        blocker = next((p for p in reversed(folder.parents) if p.exists() and not p.is_dir()), folder.parent)
        raise DataFolderError(
            folder, f"The data folder cannot be made: {blocker} is a file, not a folder"
        ) from None
    except OSError as exc:
        raise DataFolderError(folder, _data_folder_refuses(exc)) from exc
    return folder.resolve()


def _data_folder_refuses(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:  # /proc, a folder deleted meanwhile, a gone mount
        return "The data folder cannot be made or does not take new files"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "The data folder cannot be written: permission denied"
    if exc.errno == errno.EROFS:
        return "The data folder is on a read-only disk"
    return f"The data folder cannot be used: {describe_os_error(exc, exc.filename)}"


def _bundled_root() -> Path:
    # An installed wheel carries resources/ and db/ inside the package (see pyproject.toml);
    # a source checkout or an editable install finds them at the top of the repository.
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "_bundled"
    if installed.is_dir():
        return installed
    return package_dir.parent


def resources_dir() -> Path:
    return _bundled_root() / "resources"


def migrations_dir() -> Path:
    return _bundled_root() / "db"


def bundled_data_dir() -> Path:
    return resources_dir() / "data"
