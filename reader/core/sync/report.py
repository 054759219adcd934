"""What a sync run tells its callers: each source's result (with its problem, if any), the progress
as it goes, and the report at the end with its one status line and its collapsed problem lines."""

from __future__ import annotations

from dataclasses import dataclass

from reader.core.sync.problems import SourceProblem, collapse


@dataclass(frozen=True)
class SourceResult:
    source_id: int
    name: str
    url: str
    status: str  # ok | not-modified | failed | waiting
    new: int = 0
    updated: int = 0
    problem: SourceProblem | None = None  # failed or waiting: why

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

    @property
    def waiting(self) -> tuple[SourceResult, ...]:
        return tuple(r for r in self.results if r.status == "waiting")

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
            counts.append(f"{self.images_saved} images saved")
        if self.pruned:
            counts.append(f"{self.pruned} old stories pruned")
        if self.cancelled:
            return f"Sync cancelled: {', '.join(counts)}, {total - failed - waiting} sources done"
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


def describe(result: SourceResult) -> str:
    if result.failed:
        return f"{result.name}: failed — {result.error}"
    if result.status == "not-modified":
        return f"{result.name}: not modified"
    return f"{result.name}: {result.new} new, {result.updated} updated"
