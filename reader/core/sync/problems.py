"""What went wrong with a source, said two ways: one plain line for the user (the window's problem
list, the CLI, `last_error`) and the technical detail for the log and the Details button; and the
same problem of many sources said once ("No internet connection — 14 sources not checked")."""

from __future__ import annotations

import datetime as dt
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from reader.core.errors import ReaderError, StorageError
from reader.core.logs import shown_path
from reader.core.sync.fetch import SourceError, is_network_failure

INTERNAL = "internal"  # a bug of ours: the traceback is in the log
WAITING = "waiting"  # not asked: the server told us to come back later
MAX_LINE = 300  # characters of a plain line; the rest is in the detail
_SHOWN_NAMES = 3


@dataclass(frozen=True)
class SourceProblem:
    kind: str  # the fetcher's (reader/core/http/errors.py: offline, timeout, http, …), storage, internal, waiting
    message: str  # one plain line
    detail: str  # technical: the exception's type and text, or the fetcher's own detail
    url: str  # the address that failed (after redirects, or the API's)
    at: dt.datetime
    network: bool = False  # the host could not be reached at all
    traceback: str | None = None  # internal errors only, for the Details view

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or self.url


def internal_message(action: str, log_file: Path | None) -> str:
    """A bug said plainly: "Steppe could not <action> (an internal error, logged in …)"."""
    where = f", logged in {shown_path(log_file)}" if log_file else ""
    return f"Steppe could not {action} (an internal error{where})"


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


def collapse(failed: Sequence[tuple[str, SourceProblem]], *, offline: bool) -> list[str]:
    """One line per distinct problem: the same cause at the same host (or the same bug) from
    several sources is one line with their count; nothing reachable at all is one line."""
    if not failed:
        return []
    if offline:
        return [f"No internet connection — {_sources(len(failed))} not checked"]
    groups: dict[tuple[str, str, str], list[tuple[str, SourceProblem]]] = {}
    for name, problem in failed:
        host = "" if problem.kind == INTERNAL else problem.host
        groups.setdefault((problem.kind, host, problem.message), []).append((name, problem))
    ordered = sorted(groups.values(), key=len, reverse=True)  # stable: first seen first among equals
    return [_line(group) for group in ordered]


def _line(group: list[tuple[str, SourceProblem]]) -> str:
    name, problem = group[0]
    if len(group) == 1:
        return f"{name}: {problem.message}"
    names = [n for n, _ in group]
    listed = ", ".join(names[:_SHOWN_NAMES]) + (
        f" and {len(names) - _SHOWN_NAMES} more" if len(names) > _SHOWN_NAMES else ""
    )
    if problem.kind == INTERNAL:
        return f"{problem.message.replace('this source', _sources(len(group)), 1)}: {listed}"
    said = problem.message if problem.host in problem.message else f"{problem.host}: {problem.message}"
    return f"{said} — {_sources(len(group))} ({listed})"


def _sources(count: int) -> str:
    return f"{count} source{'' if count == 1 else 's'}"


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"
