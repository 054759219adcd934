"""Sources and sync runs: frozen values handed out by the Library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from reader.core.types.changes import Changes


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


@dataclass(frozen=True)
class SourceResult:
    source_id: int
    name: str
    url: str
    status: str  # ok | not-modified | failed | waiting
    new: int = 0
    updated: int = 0
    error: str | None = None
    network_failure: bool = False

    @property
    def failed(self) -> bool:
        return self.status == "failed"


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
        tried = [r for r in self.results if r.status != "waiting"]
        return bool(tried) and all(r.failed and r.network_failure for r in tried)

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    @property
    def updated(self) -> int:
        return sum(r.updated for r in self.results)

    def summary(self) -> str:
        if self.offline:
            return "Offline — showing saved stories"
        if not self.results and not self.cancelled:
            return "Nothing to sync: no source is enabled (Sync → Sources…, or `steppe sources add`)"
        parts = [f"{self.new} new", f"{self.updated} updated"]
        failed = len(self.failures)
        parts.append(f"{len(self.results) - failed} of {len(self.results)} sources ok")
        if self.images_saved:
            parts.append(f"{self.images_saved} images saved")
        if self.pruned:
            parts.append(f"{self.pruned} old stories pruned")
        return ("Sync cancelled: " if self.cancelled else "Synced: ") + ", ".join(parts)
