"""CSV export: one row of metadata per story (no bodies), UTF-8 with a header row."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from reader.core.export import ExportStory, iso, money_lines
from reader.core.safe_write import atomic_file

COLUMNS = (
    "id", "title", "url", "source", "source_feed_url", "published_at", "author", "countries",
    "sections", "summary", "is_read", "bookmarked_at", "bookmark_note", "bookmark_tags", "money_context",
    "mentioned_countries",
)  # fmt: skip
LIST_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Text from a feed, made inert for spreadsheets: a leading = + - @ would start a formula
    (CSV injection), so such a cell gets a leading apostrophe, as spreadsheet programs do."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_csv(items: Iterator[ExportStory], path: Path, force: bool, total: int) -> None:
    # utf-8-sig: spreadsheet programs then read Cyrillic and Uzbek letters correctly.
    with atomic_file(path, force) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for item in items:
            s, b = item.story, item.bookmark
            writer.writerow(
                (
                    s.id,
                    cell(s.title),
                    s.url or "",
                    cell(s.source_name),
                    item.feed_url or "",
                    iso(s.published_at),
                    cell(s.author or ""),
                    LIST_SEPARATOR.join(s.countries),
                    LIST_SEPARATOR.join(s.sections),
                    cell(s.summary or ""),
                    "yes" if s.is_read else "no",
                    iso(b.created_at) if b else "",
                    cell(b.note or "") if b else "",
                    cell(LIST_SEPARATOR.join(b.tags)) if b else "",
                    cell(LIST_SEPARATOR.join(money_lines(item))),
                    LIST_SEPARATOR.join(s.mentioned_countries),
                )
            )
