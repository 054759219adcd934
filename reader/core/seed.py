"""Loading the data bundled with the app into the cache, idempotently.

Loading only ever inserts what is missing: read state, bookmarks and anything synced are never
touched, and loading twice adds nothing. A digest of the bundled files in the meta table lets
an unchanged bundle be skipped at start-up without reading it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from reader.core import search
from reader.core.bundle import DIGEST_KEY, bundled_digest
from reader.core.errors import BundledDataError
from reader.core.models import (
    ROLE_MENTIONED,
    ROLE_PRIMARY,
    Country,
    Currency,
    Meta,
    RatePoint,
    Section,
    Source,
    Story,
    SyncRun,
    story_country,
    story_section,
)
from reader.core.opml import read_opml
from reader.core.paths import bundled_data_dir
from reader.core.storage import Storage
from reader.core.types.stories import COUNTRIES

SECTIONS = (
    ("politics", "Politics"),
    ("economy", "Economy"),
    ("mining-energy", "Mining & Energy"),
    ("society-culture", "Society & Culture"),
    ("environment", "Environment"),
    ("transport", "Transport & Infrastructure"),
)
SAMPLE_SOURCE_URL = "steppe-sample:stories"
SAMPLE_SOURCE_NAME = "Steppe Reader samples"
BUNDLED_RATES_PROVIDER = "exchange-api"
_CHUNK = 1000


@dataclass(frozen=True)
class SeedReport:
    skipped: bool
    new_stories: int = 0
    new_rate_points: int = 0
    new_sources: int = 0


def load_bundled_data(storage: Storage, folder: Path | None = None) -> SeedReport:
    folder = folder or bundled_data_dir()
    digest = bundled_digest(folder)
    return storage.write(lambda conn: _load(conn, folder, digest))


def _load(conn: Connection, folder: Path, digest: str) -> SeedReport:
    known = conn.execute(select(Meta.value).where(Meta.key == DIGEST_KEY)).scalar_one_or_none()
    if known == digest:
        return SeedReport(skipped=True)
    now = dt.datetime.now(dt.UTC)
    fresh = conn.execute(select(Story.id).limit(1)).first() is None
    _ensure_tags(conn)
    new_sources = _load_sources(conn, folder / "sources.opml", now)
    new_stories = _load_stories(conn, folder / "sample_stories.json", now)
    new_points = _load_rates(conn, folder / "usd-rates-history.csv", folder / "currency-names.json")
    if fresh:
        from reader.core import retag  # the tagger: only when there is something to load

        retag.mark_current(conn)  # every story here was just tagged by this tagger
    conn.execute(
        insert(Meta)
        .values(key=DIGEST_KEY, value=digest)
        .on_conflict_do_update(index_elements=[Meta.key], set_={"value": digest})
    )
    conn.execute(
        insert(SyncRun).values(
            kind="seed",
            started_at=now,
            finished_at=dt.datetime.now(dt.UTC),
            status="ok",
            new_count=new_stories,
            updated_count=0,
            message=f"{new_stories} stories, {new_points} rate points, {new_sources} sources",
        )
    )
    return SeedReport(
        skipped=False, new_stories=new_stories, new_rate_points=new_points, new_sources=new_sources
    )


def _ensure_tags(conn: Connection) -> None:
    conn.execute(
        insert(Country)
        .values([{"code": c, "name": n, "currency_code": cur} for c, n, cur in COUNTRIES])
        .on_conflict_do_nothing()
    )
    conn.execute(
        insert(Section).values([{"slug": s, "name": n} for s, n in SECTIONS]).on_conflict_do_nothing()
    )


def _load_sources(conn: Connection, opml: Path, now: dt.datetime) -> int:
    rows: list[dict[str, Any]] = [
        {
            "name": SAMPLE_SOURCE_NAME,
            "feed_url": SAMPLE_SOURCE_URL,
            "site_url": None,
            "kind": "sample",
            "enabled": False,  # nothing to fetch
            "is_sample": True,
            "created_at": now,
        }
    ]
    rows += [
        {
            "name": feed.name,
            "feed_url": feed.feed_url,
            "site_url": feed.site_url,
            "kind": "rss",
            "enabled": True,
            "is_sample": False,
            "created_at": now,
        }
        for feed in read_opml(opml)
    ]
    result = conn.execute(insert(Source).on_conflict_do_nothing(index_elements=[Source.feed_url]), rows)
    return max(result.rowcount, 0)


def _parse_utc(value: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        raise BundledDataError(f"Sample story date without a timezone: {value}")
    return parsed.astimezone(dt.UTC)


def _load_stories(conn: Connection, path: Path, now: dt.datetime) -> int:
    from reader.core.html import html_to_text, sanitize_html  # only when the bundle changed

    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
        items = payload["stories"]
    except (OSError, ValueError, KeyError) as exc:
        raise BundledDataError(f"Bundled sample stories are unreadable: {path}: {exc}") from exc
    from reader.core.country_tags import split_story, tag_countries  # only when loading

    source_id = conn.execute(select(Source.id).where(Source.feed_url == SAMPLE_SOURCE_URL)).scalar_one()
    have = set(conn.execute(select(Story.guid).where(Story.source_id == source_id)).scalars())
    section_ids = {slug: id_ for slug, id_ in conn.execute(select(Section.slug, Section.id))}
    new_ids: list[int] = []
    for item in items:
        if item["guid"] in have:
            continue
        content_html = sanitize_html(item["content_html"])
        content_text = html_to_text(content_html)
        # The bundle gives each sample its primary countries; the tagger adds those it mentions.
        primary = list(item.get("countries", []))
        named = tag_countries(*split_story(item["title"], item.get("summary"), content_text)).all
        story_id = conn.execute(
            insert(Story)
            .values(
                source_id=source_id,
                guid=item["guid"],
                url=None,
                title=item["title"],
                author=item.get("author"),
                published_at=_parse_utc(item["published_at"]),
                fetched_at=now,
                summary=item.get("summary"),
                content_html=content_html,
                content_text=content_text,
                language=item.get("language", "en"),
            )
            .returning(Story.id)
        ).scalar_one()
        countries = [{"story_id": story_id, "country_code": c, "role": ROLE_PRIMARY} for c in primary]
        countries += [
            {"story_id": story_id, "country_code": c, "role": ROLE_MENTIONED}
            for c in sorted(named - set(primary))
        ]
        if countries:
            conn.execute(insert(story_country), countries)
        sections = [{"story_id": story_id, "section_id": section_ids[s]} for s in item.get("sections", [])]
        if sections:
            conn.execute(insert(story_section), sections)
        new_ids.append(story_id)
    search.reindex_stories(conn, new_ids)
    return len(new_ids)


def _load_rates(conn: Connection, csv_path: Path, names_path: Path) -> int:
    try:
        names: dict[str, str] = json.loads(names_path.read_text(encoding="utf-8"))
        with csv_path.open(newline="", encoding="utf-8") as handle:
            rows = [
                {
                    "currency_code": row["currency"].upper(),
                    "date": dt.date.fromisoformat(row["date"]),
                    "units_per_usd": float(row["per_usd"]),
                    "provider": BUNDLED_RATES_PROVIDER,
                }
                for row in csv.DictReader(handle)
            ]
    except (OSError, ValueError, KeyError) as exc:
        raise BundledDataError(f"Bundled rate history is unreadable: {csv_path}: {exc}") from exc
    codes = sorted({str(r["currency_code"]) for r in rows})
    conn.execute(
        insert(Currency)
        .values([{"code": c, "name": names.get(c.lower(), c)} for c in codes])
        .on_conflict_do_nothing()
    )
    added = 0
    for start in range(0, len(rows), _CHUNK):
        result = conn.execute(insert(RatePoint).on_conflict_do_nothing(), rows[start : start + _CHUNK])
        added += max(result.rowcount, 0)
    return added
