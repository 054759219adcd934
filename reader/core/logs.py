"""The log file: what went wrong, with its traceback, for a bug report; the user reads a plain
sentence instead. The command line and the window both call `setup_logging()` at start.

Records of the `reader` package (INFO and up) go to `<data folder>/logs/steppe.log`, rotated at
1 MiB with three old files kept, so a sync failing every hour for a year stays a few MiB."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from logging.handlers import RotatingFileHandler

LOG_FOLDER = "logs"
LOG_NAME = "steppe.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_APP_LOGGER = "reader"
_lock = threading.Lock()
_handler: RotatingFileHandler | None = None


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_FOLDER / LOG_NAME


def setup_logging(data_dir: Path | None) -> Path | None:
    """Log to `data_dir`'s log file from now on (None: the default data folder); the file's path,
    or None if the folder cannot be written (the app runs on without a log). Calling it again with
    another folder moves the log."""
    global _handler
    if data_dir is None:
        from reader.core.paths import default_data_dir

        data_dir = default_data_dir()
    path = log_path(data_dir.expanduser().resolve())
    with _lock:
        if _handler is not None and Path(_handler.baseFilename) == path:
            return path
        from logging.handlers import RotatingFileHandler  # with socket and pickle: not before the first paint

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        except OSError:
            return None
        handler.setFormatter(logging.Formatter(FORMAT))
        logger = logging.getLogger(_APP_LOGGER)
        if _handler is not None:
            logger.removeHandler(_handler)
            _handler.close()
        logger.addHandler(handler)
        if logger.level == logging.NOTSET or logger.level > logging.INFO:
            logger.setLevel(logging.INFO)
        _handler = handler
        return path


def stop_logging() -> None:
    """Close the log file (tests, and a Library closed for good)."""
    global _handler
    with _lock:
        if _handler is not None:
            logging.getLogger(_APP_LOGGER).removeHandler(_handler)
            _handler.close()
            _handler = None


def active_log_file() -> Path | None:
    """Where log records are written now, or None when no log file is set up."""
    with _lock:
        return Path(_handler.baseFilename) if _handler is not None else None


def shown_path(path: Path) -> str:
    """A path as a user reads it: the home folder as `~`."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)


def internal_message(action: str, log_file: Path | None) -> str:
    """A bug said plainly: "Steppe could not <action> (an internal error, logged in …)"."""
    where = f", logged in {shown_path(log_file)}" if log_file else ""
    return f"Steppe could not {action} (an internal error{where})"
