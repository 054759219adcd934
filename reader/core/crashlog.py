"""A bug's traceback goes to the log file (reader.core.logs); the user is told one sentence
and where the details are (the command line's and the window's safety nets)."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.core.logs import active_log_file, setup_logging, shown_path

_log = logging.getLogger("reader.crash")


def report_internal_error(exc: BaseException, data_dir: Path | None, argv: Sequence[str]) -> str:
    """Log the traceback of a bug — in the data folder's log if it can hold one, else in the
    temporary folder's — and return where, as the user reads a path."""
    for folder in (data_dir, Path(tempfile.gettempdir()) / "steppe-reader"):
        if folder is None:
            continue
        try:
            if setup_logging(folder) is not None:
                break
        except (OSError, ValueError):  # a NUL in the name, a file in the way
            continue
    _log.error("internal error in `steppe %s` (Steppe Reader %s)", " ".join(argv), __version__, exc_info=exc)
    where = active_log_file()
    return shown_path(where) if where is not None else "the log (it could not be written)"


def describe_bug(exc: BaseException) -> str:
    """`KeyError: 'x'`, or just `OverflowError` when the exception has nothing to say."""
    said = " ".join(str(exc).splitlines())
    return f"{type(exc).__name__}: {said}" if said else type(exc).__name__
