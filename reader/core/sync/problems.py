"""What went wrong with a source, said two ways: one plain line for the user (the window's problem
list, the CLI, `last_error`) and the technical detail for the log and the Details button; and the
same problem of many sources said once ("No internet connection — 14 sources not checked")."""

from __future__ import annotations

import datetime as dt
import traceback
from pathlib import Path

from reader.core.errors import ReaderError, StorageError
from reader.core.logs import internal_message
from reader.core.sync.fetch import SourceError, is_network_failure
from reader.core.types.sync import INTERNAL, WAITING, SourceProblem, collapse

__all__ = [
    "INTERNAL",
    "WAITING",
    "SourceProblem",
    "collapse",
    "internal_message",
    "problem_of",
    "waiting_problem",
]

MAX_LINE = 300  # characters of a plain line; the rest is in the detail


def problem_of(error: Exception, url: str, *, log_file: Path | None, at: dt.datetime) -> SourceProblem:
    """Any exception of one source's fetch, parse or store as that source's problem."""
    technical = _one_line(f"{type(error).__module__}.{type(error).__qualname__}: {error}")
    if isinstance(error, SourceError):
        technical = _one_line(f"{type(error).__qualname__}: {error.cause}")
        return SourceProblem(
            error.kind, _one_line(error.cause), _one_line(error.detail) if error.detail else technical,
            error.url or url, at, network=is_network_failure(error),
        )  # fmt: skip
    if isinstance(error, ReaderError):
        kind = "storage" if isinstance(error, StorageError) else "feed"
        return SourceProblem(kind, _one_line(str(error)), technical, url, at)
    return SourceProblem(
        INTERNAL, internal_message("read this source", log_file), technical, url, at,
        traceback="".join(traceback.format_exception(error)),
    )  # fmt: skip


def waiting_problem(url: str, until: dt.datetime, at: dt.datetime) -> SourceProblem:
    return SourceProblem(
        WAITING, f"asked to wait until {until:%Y-%m-%d %H:%M} UTC", f"Retry-After until {until.isoformat()}", url, at
    )  # fmt: skip


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"
