"""JSON export: the documented schema "steppe-export" version 1 (README, "JSON export schema").

Written as a stream, one story at a time, so a large export never builds the whole list.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reader import __version__
from reader.core.export import ExportStory, iso
from reader.core.safe_write import atomic_file

FORMAT = "steppe-export"
VERSION = 1


def story_record(item: ExportStory) -> dict[str, Any]:
    s = item.story
    return {
        "id": s.id,
        "guid": s.guid,
        "title": s.title,
        "url": s.url,
        "author": s.author,
        "source": {"name": s.source_name, "feed_url": item.feed_url, "site_url": s.source_site_url},
        "published_at": iso(s.published_at),
        "updated_at": iso(s.updated_at),
        "language": s.language,
        "countries": list(s.countries),
        "mentioned_countries": list(s.mentioned_countries),
        "sections": list(s.sections),
        "summary": s.summary,
        "content_html": s.content_html,
        "content_text": s.content_text,
        "image_url": s.image_url,
        "is_read": s.is_read,
        "is_sample": s.is_sample,
        "bookmark": None
        if item.bookmark is None
        else {
            "bookmarked_at": iso(item.bookmark.created_at),
            "note": item.bookmark.note,
            "tags": list(item.bookmark.tags),
        },
        "money_context": [
            {
                "text": m.text,
                "currency": m.currency,
                "amount": m.amount,
                "usd_at_published": m.usd_at_published,
                "usd_today": m.usd_today,
                "publisher_usd": m.publisher_usd,
                "publisher_text": m.publisher_text,
                "misread": m.misread,
            }
            for m in item.money
        ],
    }


def write_json(items: Iterator[ExportStory], path: Path, force: bool, total: int) -> None:
    with atomic_file(path, force) as tmp, tmp.open("w", encoding="utf-8") as out:
        head = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": iso(dt.datetime.now(dt.UTC)),
            "generator": f"Steppe Reader {__version__}",
            "count": total,
        }
        out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2] + ',\n "stories": [')
        for n, item in enumerate(items):
            out.write(",\n  " if n else "\n  ")
            out.write(json.dumps(story_record(item), ensure_ascii=False))
        out.write("\n ]\n}\n")
