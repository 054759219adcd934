"""Writing files the user will keep: sanitised names, no silent overwrite, temp file then rename.

A target is checked before any work is done (`check_target`), so a bad path is one clear
sentence rather than a traceback after a long export: a missing or file-as-folder parent, a
folder where a file must go, a device, a NUL in the name, a name too long, a folder that takes
no new files. Whatever the disk does while writing becomes a `CannotWrite` in plain words, and
the temporary file is removed: the old file, if any, is never touched.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.errors import CannotWrite, ReaderError, describe_os_error

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')
# Names Windows refuses whatever the extension (a file may be copied there later).
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
# The temporary name is `.<start of the name>.<random>.part`: short enough that a target
# name near the file system's 255-byte limit still gets a temporary file beside it.
_TEMP_PREFIX_CHARS = 40


def _default_mode(folder: bool) -> int:
    """What a plain open() or mkdir() would have given (mkstemp and mkdtemp give 0600/0700)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


class TargetExists(ReaderError, FileExistsError):
    """The destination exists and the user did not say to replace it."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; use --force to replace it")
        self.path = path


def safe_filename(text: str, suffix: str = "", max_length: int = 80) -> str:
    """A file name made from `text` (a title): no separators, control or reserved characters."""
    name = unicodedata.normalize("NFC", text)
    name = _UNSAFE.sub("-", name)
    name = re.sub(r"\s+", " ", name).strip(" .-")
    name = name[:max_length].rstrip(" .-") or "untitled"
    if name.casefold() in _RESERVED:
        name = f"_{name}"
    return name + suffix


def _is_markdown_export(folder: Path) -> bool:
    """Only `*.md` files and an `images/` folder of files: what atomic_folder's writers leave.

    --force replaces such a folder; any other folder may be the user's own (their home, their
    Documents), which a typo must never move aside and delete."""
    try:
        for entry in folder.iterdir():
            if entry.is_symlink():
                return False
            if entry.is_dir():
                if entry.name != "images" or any(not f.is_file() or f.is_symlink() for f in entry.iterdir()):
                    return False
            elif not (entry.is_file() and entry.suffix == ".md"):
                return False
    except OSError:
        return False
    return True


def _has_entries(folder: Path) -> bool:
    try:
        return any(folder.iterdir())
    except OSError as exc:  # a folder we may not list is not one to export into
        raise CannotWrite(folder, describe_os_error(exc, folder)) from exc


def _first_file_ancestor(path: Path) -> Path | None:
    """The part of `path` that is a file where a folder is needed (ENOTDIR), if any."""
    for ancestor in reversed(path.parents):
        try:
            if ancestor.exists() and not ancestor.is_dir():
                return ancestor
        except OSError:
            return None
    return None


def check_target(path: Path, *, folder: bool = False, force: bool = False) -> Path:
    """`path` made absolute if a file (`folder=False`) or folder can be written there, else a
    clear CannotWrite / TargetExists; nothing is created except a probe file, removed at once."""
    text = os.fspath(path)
    if "\x00" in text:
        raise CannotWrite(Path(text.replace("\x00", "\\0")), "the name contains a NUL character")
    path = Path(text).expanduser()
    if path.name in ("", ".", "..") and not folder:
        raise CannotWrite(path, "that is a folder; give a file name")
    path = Path(os.path.abspath(path))
    try:
        st: os.stat_result | None = path.stat()
    except FileNotFoundError:
        st = None
    except NotADirectoryError:
        blocker = _first_file_ancestor(path)
        raise CannotWrite(path, f"{blocker or path.parent} is a file, not a folder") from None
    except OSError as exc:
        raise CannotWrite(path, describe_os_error(exc, path)) from exc
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            if not folder:
                raise CannotWrite(path, "that is a folder; give a file name inside it")
            if force and not _is_markdown_export(path):
                raise CannotWrite(
                    path,
                    "the folder holds files of its own; only a folder of a Markdown export is "
                    "replaced (choose a new or empty folder)",
                )
            if not force and _has_entries(path):
                raise TargetExists(path)
        elif not stat.S_ISREG(st.st_mode):
            raise CannotWrite(path, "that is a device or a pipe, not a file; give a file name")
        elif not force:
            raise TargetExists(path)
    parent = path.parent
    try:
        parent_st = parent.stat()
    except FileNotFoundError:
        raise CannotWrite(path, f"the folder {parent} does not exist") from None
    except NotADirectoryError:
        raise CannotWrite(path, f"{_first_file_ancestor(parent) or parent} is a file, not a folder") from None
    except OSError as exc:
        raise CannotWrite(path, describe_os_error(exc, path)) from exc
    if not stat.S_ISDIR(parent_st.st_mode):
        raise CannotWrite(path, f"{parent} is a file, not a folder")
    _probe(parent, path)
    return path


def _probe(parent: Path, path: Path) -> None:
    """Create and remove a file in `parent`: the only sure test that it takes new files (root
    passes every permission check, and a read-only disk says so only when written)."""
    try:
        fd, probe = tempfile.mkstemp(dir=parent, prefix=".steppe-probe-")
    except OSError as exc:
        raise CannotWrite(path, _folder_refuses(parent, exc)) from exc
    os.close(fd)
    os.unlink(probe)


def _folder_refuses(parent: Path, exc: OSError) -> str:
    if exc.errno == errno.ENOENT:  # the folder exists but takes no files (/proc, a gone mount)
        return f"the folder {parent} does not take new files"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"permission denied: the folder {parent} does not let you write in it"
    if exc.errno == errno.EROFS:
        return f"the folder {parent} is on a read-only disk"
    return describe_os_error(exc, exc.filename)  # the probe's name means nothing to the user


def _fsync(path: Path) -> None:
    """Make the finished temporary file durable before the rename makes it the target."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _written(path: Path, tmp: Path, exc: OSError) -> CannotWrite:
    """An OSError met while writing `tmp` (for `path`), said about `path`: the temporary
    name means nothing to the user, any other file (a cached image) is named."""
    in_tmp = exc.filename is not None and os.fspath(exc.filename).startswith(os.fspath(tmp))
    reason = describe_os_error(exc, exc.filename if in_tmp else path)
    return CannotWrite(path, f"{reason}; nothing was written")


@contextmanager
def atomic_file(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it replaces `path` in one rename."""
    path = check_target(path, force=force)
    try:
        fd, tmp_name = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name[:_TEMP_PREFIX_CHARS]}.", suffix=".part"
        )
    except OSError as exc:
        raise CannotWrite(path, _folder_refuses(path.parent, exc)) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, _default_mode(folder=False))
        yield tmp
        _fsync(tmp)
        os.replace(tmp, path)
    except ReaderError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _written(path, tmp, exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def atomic_folder(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside `path`; on success it takes `path`'s place."""
    path = check_target(path, folder=True, force=force)
    prefix = f".{path.name[:_TEMP_PREFIX_CHARS]}."
    try:
        tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=prefix, suffix=".part"))
    except OSError as exc:
        raise CannotWrite(path, _folder_refuses(path.parent, exc)) from exc
    try:
        os.chmod(tmp, _default_mode(folder=True))
        yield tmp
        _replace_folder(path, tmp, prefix)
    except ReaderError:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise _written(path, tmp, exc) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _replace_folder(path: Path, tmp: Path, prefix: str) -> None:
    """Put `tmp` in `path`'s place; the previous export there comes back if that fails."""
    if not os.path.lexists(path):
        os.replace(tmp, path)
        return
    old = Path(tempfile.mkdtemp(dir=path.parent, prefix=prefix, suffix=".old"))
    os.replace(path, old / "previous")
    try:
        os.replace(tmp, path)
    except BaseException:
        os.replace(old / "previous", path)
        old.rmdir()
        raise
    shutil.rmtree(old, ignore_errors=True)
