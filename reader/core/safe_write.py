"""Writing files the user will keep: sanitised names, no silent overwrite, and the one atomic
write (a temporary file beside the target, flushed to disk, then renamed over it)."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reader.core.errors import ReaderError

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


def _fsync(path: Path, folder: bool = False) -> None:
    """Flush a file (or, best effort, a folder's entries) to disk before we rely on it."""
    try:
        fd = os.open(path, os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if folder else 0))
    except OSError:
        if folder:
            return  # a platform that cannot open folders (Windows) renames durably anyway
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not folder:
            raise
    finally:
        os.close(fd)


@contextmanager
def atomic_file(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; when the block ends well it is flushed to disk
    and replaces `path` in one rename, so a crash leaves the old file or the new one whole."""
    path = path.expanduser()
    if path.exists() and not force:
        raise TargetExists(path)
    if path.is_dir():
        raise TargetExists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    os.close(fd)
    tmp = Path(tmp_name)
    os.chmod(tmp, _default_mode(folder=False))
    try:
        yield tmp
        _fsync(tmp)
        os.replace(tmp, path)
        _fsync(path.parent, folder=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically (the bookmark backup, a cached image)."""
    with atomic_file(path, force=True) as tmp:
        tmp.write_bytes(data)


@contextmanager
def atomic_folder(path: Path, force: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside `path`; on success it takes `path`'s place."""
    path = path.expanduser()
    if path.exists() and (path.is_file() or any(path.iterdir())) and not force:
        raise TargetExists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part"))
    os.chmod(tmp, _default_mode(folder=True))
    try:
        yield tmp
        old: Path | None = None
        if path.exists():
            old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
            os.replace(path, old / "previous")
        os.replace(tmp, path)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
