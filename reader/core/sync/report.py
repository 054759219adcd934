"""What a sync run tells its callers: each source's result (with its problem, if any), the progress
as it goes, and the report at the end with its one status line and its collapsed problem lines.
The values live with the Library's other values (reader.core.types); this module says how a
finished source is described as the run goes."""

from __future__ import annotations

from reader.core.types.sync import SourceResult, SyncProgress, SyncReport

__all__ = ["SourceResult", "SyncProgress", "SyncReport", "describe"]


def describe(result: SourceResult) -> str:
    if result.failed:
        return f"{result.name}: failed — {result.error}"
    if result.status == "not-modified":
        return f"{result.name}: not modified"
    line = f"{result.name}: {result.new} new, {result.updated} updated"
    if result.skipped:
        line += f", {result.skipped} unreadable {'entry' if result.skipped == 1 else 'entries'} skipped"
    return line
