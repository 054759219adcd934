"""The one-time upgrade of a cache written by an older version, said on stderr while it runs.

One line: on a terminal it counts up in place ("… 12,000 of 100,000 stories"); into a file or a
pipe it is written once, with the number of stories, so a log is not filled with counts."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from reader.core.types.words import plural
from reader.core.upgrade import ARTICLES, STORIES, UpgradeProgress, pending_upgrade, upgrade

HEADING = "Upgrading the story cache (one time)…"
_WHAT = {STORIES: ("story", "stories"), ARTICLES: ("full article", "full articles")}


class _Line:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.said = False

    def show(self, step: UpgradeProgress) -> None:
        words = _WHAT.get(step.what)
        if step.what == ARTICLES and not step.total:
            return  # no full articles to convert: the stories' count stays on the line
        if self.live:
            count = f" {step.done:,} of {plural(step.total, *words)}" if words else ""
            print(f"\r{HEADING}{count}\x1b[K", end="", file=self.stream, flush=True)
            self.said = True
        elif not self.said and step.what == STORIES:
            print(f"{HEADING} {plural(step.total, *_WHAT[STORIES])}", file=self.stream, flush=True)
            self.said = True

    def end(self) -> None:
        if self.live and self.said:
            print(file=self.stream, flush=True)


def upgrade_if_behind(data_dir: Path | None, stream: TextIO | None = None) -> None:
    """Upgrade the cache in `data_dir` if an older version wrote it, saying so on `stream`
    (stderr); a failure or Ctrl-C leaves it as it was (reader.core.upgrade)."""
    pending = pending_upgrade(data_dir)
    if pending is None:
        return
    line = _Line(stream or sys.stderr)
    try:
        upgrade(pending, line.show)
    finally:
        line.end()
