"""Tracebacks of bugs go to the log in the data folder; the user is told one sentence and where
the details are (the command line's and the window's safety nets)."""

from __future__ import annotations

import datetime as dt
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path

from reader.core.paths import log_file


def report_internal_error(exc: BaseException, data_dir: Path | None, argv: Sequence[str]) -> Path:
    """Append the traceback of a bug to the log in the data folder (else the temp folder);
    returns where it went."""
    from reader import __version__

    text = (
        f"\n=== {dt.datetime.now().astimezone():%Y-%m-%d %H:%M:%S %z} steppe {__version__}: internal error\n"
        f"command: steppe {' '.join(argv)}\n" + "".join(traceback.format_exception(exc))
    )
    candidates = [log_file(data_dir)] if data_dir is not None else []
    candidates.append(Path(tempfile.gettempdir()) / "steppe-reader.log")
    for path in candidates:
        try:
            with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(text)
            return path
        except (OSError, ValueError):
            continue
    return candidates[-1]


def describe_bug(exc: BaseException) -> str:
    """`KeyError: 'x'`, or just `OverflowError` when the exception has nothing to say."""
    said = " ".join(str(exc).splitlines())
    return f"{type(exc).__name__}: {said}" if said else type(exc).__name__
