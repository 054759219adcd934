"""How counts are written in every message, the window's and the CLI's alike."""

from __future__ import annotations


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 new point", "2 new points", "0 stories" (`many` for a plural that is not word + s)."""
    return f"{count:,} {word if count == 1 else many or word + 's'}"
