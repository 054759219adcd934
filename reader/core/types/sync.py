"""Sources and sync runs: frozen values handed out by the Library."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from reader.core.types.changes import Changes
from reader.core.types.words import plural


@dataclass(frozen=True)
class SourceStatus:
    """A source with its story count and sync state (the filter bar, the sources dialog, the CLI)."""

    id: int
    name: str
    feed_url: str
    site_url: str | None
    api_url: str | None
    kind: str
    enabled: bool
    is_sample: bool
    story_count: int
    last_fetched_at: dt.datetime | None
    last_error: str | None
    retry_after: dt.datetime | None
    full_articles: str = "automatic"  # fetch the article pages: automatic, always or never


WAITING = "waiting"  # not asked: the server told us to come back later
INTERNAL = "internal"  # a bug of ours: the traceback is in the log
_SHOWN_NAMES = 3


@dataclass(frozen=True)
class SourceProblem:
    """What went wrong with a source (reader.core.sync.problems makes them): one plain line for the
    user, the technical detail for the log and the Details button."""

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


@dataclass(frozen=True)
class SourceResult:
    source_id: int
    name: str
    url: str
    status: str  # ok | not-modified | failed | waiting
    new: int = 0
    updated: int = 0
    problem: SourceProblem | None = None  # failed or waiting: why
    skipped: int = 0  # entries of the feed that could not be read (the others were stored)
    new_ids: tuple[int, ...] = ()  # the new stories' ids (what the saved searches are counted among)

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def error(self) -> str | None:
        """The plain line for the user."""
        return self.problem.message if self.problem else None

    @property
    def network_failure(self) -> bool:
        return self.problem is not None and self.problem.network


@dataclass(frozen=True)
class SyncProgress:
    """Reported as the run goes: `done` of `total` sources, and what is happening now."""

    done: int
    total: int
    source: str
    message: str
    finished: bool = False  # True: `source` is done (the message says how it went)


@dataclass(frozen=True)
class SyncReport:
    results: tuple[SourceResult, ...]
    cancelled: bool = False
    images_saved: int = 0
    pruned: int = 0

    @property
    def changes(self) -> Changes:
        # Every attempted source had its sync state written; stories only when some came or went.
        touched = self.new or self.updated or self.pruned
        return Changes(sources=bool(self.results), stories=bool(touched))

    @property
    def ok(self) -> bool:
        return not self.cancelled and not any(r.failed for r in self.results)

    @property
    def failures(self) -> tuple[SourceResult, ...]:
        return tuple(r for r in self.results if r.failed)

    @property
    def offline(self) -> bool:
        """Nothing could be reached at all: every attempted source failed at the network."""
        tried = [r for r in self.results if r.status != WAITING]
        return bool(tried) and all(r.failed and r.network_failure for r in tried)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.results)

    @property
    def new_ids(self) -> tuple[int, ...]:
        return tuple(i for r in self.results for i in r.new_ids)

    @property
    def waiting(self) -> tuple[SourceResult, ...]:
        return tuple(r for r in self.results if r.status == WAITING)

    def summary(self) -> str:
        """One status line; it never says "synced" of a source that failed."""
        if self.offline:
            return "Offline — showing saved stories"
        if not self.results and not self.cancelled:
            return "Nothing to sync: no source is enabled (Sync → Sources…, or `steppe sources add`)"
        failed, waiting = len(self.failures), len(self.waiting)
        total = len(self.results)
        counts = [f"{self.new} new", f"{self.updated} updated"]
        if self.images_saved:
            counts.append(f"{plural(self.images_saved, 'image')} saved")
        if self.pruned:
            counts.append(f"{plural(self.pruned, 'old story', 'old stories')} pruned")
        if self.cancelled:
            return f"Sync cancelled: {', '.join(counts)}, {plural(total - failed - waiting, 'source')} done"
        later = f", {waiting} waiting" if waiting else ""
        if failed:
            return (
                f"Synced {total - failed - waiting} of {total} sources, {failed} failed{later}: "
                + ", ".join(counts)
            )
        return f"Synced: {', '.join(counts)}, {total - waiting} of {total} sources ok{later}"

    def problem_lines(self) -> list[str]:
        """The failures, the same problem of several sources said once (see problems.collapse)."""
        return collapse(
            [(r.name, r.problem) for r in self.failures if r.problem is not None], offline=self.offline
        )


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
