"""OPML subscription lists: read the feeds out of one (nested outlines flattened)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from reader.core.errors import ReaderError


class InvalidOpml(ReaderError, ValueError):
    pass


@dataclass(frozen=True)
class OpmlFeed:
    name: str
    feed_url: str
    site_url: str | None
    language: str | None


def read_opml(path: Path) -> list[OpmlFeed]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InvalidOpml(f"Cannot read the OPML file {path}: {exc}") from exc
    if root.tag != "opml":
        raise InvalidOpml(f"{path} is not an OPML file (its root element is <{root.tag}>)")
    feeds: list[OpmlFeed] = []
    for outline in root.iter("outline"):
        feed_url = outline.get("xmlUrl")
        if not feed_url:
            continue
        feeds.append(
            OpmlFeed(
                name=outline.get("title") or outline.get("text") or feed_url,
                feed_url=feed_url.strip(),
                site_url=outline.get("htmlUrl"),
                language=outline.get("language"),
            )
        )
    return feeds
