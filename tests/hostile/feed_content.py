"""The hostile feed-content corpus (tests/hostile/feeds/): loading the cases, serving them and
checking what a sync stored. Used by test_feed_content.py; kept apart so the test module reads
as the list of rules it checks.

A case is a `[[case]]` table of `feeds/cases.toml` naming one file of the folder (a name ending
`.gz` is kept compressed in the repository and served decompressed):

    file, what        the payload and what it does (required)
    type              the Content-Type sent ("" sends none); by default from the file's suffix
    headers           more response headers (X-WP-TotalPages...)
    wordpress         serve the file as the WordPress REST API's posts (the source has an API URL)
    terms             a file served as the API's categories and tags
    fallback_feed     also serve a one-story RSS feed at the source's feed URL
    status            "ok" (the default), "failed" or "any"
    error             a phrase the failure's message must contain
    count, count_min  stories stored for the source
    syncs             sync this many times; second_new / second_updated: the second sync's counts
    max_requests      at most this many requests to the posts endpoint
    nowhere           text no stored field of the source may contain
    [[case.story]]    one stored story, found by guid, title, title_prefix or guid_prefix (or the
                      only one), with: url, image_url ("" = none; "@server" = the test server),
                      published / updated ("fetched" = the sync's fetch time, "" = none, or UTC
                      ISO 8601), author, author_prefix, author_max, language, sections, countries,
                      content_has, content_lacks, text_has, text_lacks, content_max, max_depth

Every stored story is also held to the rules that apply to all of them (`check_invariants`).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select

from reader.core.export import ExportStory
from reader.core.export.render import story_html
from reader.core.library import Library
from reader.core.models import Story as StoryTable
from reader.core.story_html import pane_html  # the article pane's HTML: no widget is made
from reader.core.types import Story, StoryQuery, SyncReport
from tests.httpserver import FixtureServer

FEEDS = Path(__file__).with_name("feeds")
MANIFEST = FEEDS / "cases.toml"
FALLBACK_FEED = (
    b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fallback</title>'
    b"<link>https://wp.example/</link><item><title>Fallback feed story</title>"
    b"<link>https://wp.example/fallback/</link><guid>fallback-1</guid>"
    b"<pubDate>Tue, 15 Dec 2020 13:00:00 +0000</pubDate><description>From the feed.</description>"
    b"</item></channel></rss>"
)
StoryRow = Any  # a row of the story table, as the database holds it
DEFAULT_TYPES = {".json": "application/json", ".html": "text/html", ".bin": "application/octet-stream"}
EARLIEST = dt.datetime(1970, 1, 2, tzinfo=dt.UTC)
SKEW = dt.timedelta(minutes=10)
SHOWN_MAX = 60

# What no stored title, author or source name may hold: C0/C1 controls, bidi controls, zero-width
# junk, BOM, lone surrogates (ZWNJ and ZWJ are allowed: Persian and emoji need them).
INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f"
    "\u2028\u2029\ufeff\ud800-\udfff]"
)
CONTROLS_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
DANGEROUS_MARKUP = (
    "<script", "<iframe", "<object", "<embed", "<applet", "<style", "<form", "<input", "<svg", "<math",
    "<meta", "<link", "<base", "javascript:", "vbscript:", "srcdoc", "expression(",
)  # fmt: skip
EVENT_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
URL_ATTRIBUTE = re.compile(r"""\b(?:href|src)\s*=\s*"([^"]*)\"""")
TAG = re.compile(r"<(/?)([a-zA-Z0-9]+)[^>]*?(/?)>")
VOID = {"br", "hr", "img"}
LANGUAGE = re.compile(r"[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8}){0,4}")


@dataclass(frozen=True)
class Case:
    name: str
    spec: dict[str, Any]

    @property
    def file(self) -> Path:
        return FEEDS / self.spec["file"]

    def body(self) -> bytes:
        data = self.file.read_bytes()
        return gzip.decompress(data) if self.file.suffix == ".gz" else data

    def content_type(self) -> str:
        if "type" in self.spec:
            return str(self.spec["type"])
        suffix = Path(self.spec["file"].removesuffix(".gz")).suffix
        return DEFAULT_TYPES.get(suffix, "application/rss+xml")


def load_cases() -> list[Case]:
    with MANIFEST.open("rb") as handle:
        specs = tomllib.load(handle)["case"]
    return [Case(spec["file"].split(".")[0], spec) for spec in specs]


@dataclass
class Outcome:
    """One case synced: the reports, the stored rows and what the library shows of them."""

    library: Library
    reports: list[SyncReport]
    rows: list[StoryRow]
    shown: dict[int, Story]
    before: dt.datetime
    after: dt.datetime
    server_root: str
    posts_requests: int


def run_case(case: Case, library: Library, server: FixtureServer) -> Outcome:
    spec = case.spec
    prefix = f"/{case.name}"
    headers = dict(spec.get("headers", {}))
    content_type = case.content_type()
    if content_type:
        headers["Content-Type"] = content_type
    api_url = None
    if spec.get("wordpress"):
        server.route(f"{prefix}/wp-json/wp/v2/posts", case.body(), headers=headers)
        if "terms" in spec:
            terms = (FEEDS / spec["terms"]).read_bytes()
            for taxonomy in ("categories", "tags"):
                server.route(
                    f"{prefix}/wp-json/wp/v2/{taxonomy}", terms, headers={"Content-Type": "application/json"}
                )
        if spec.get("fallback_feed"):
            server.route(f"{prefix}/feed/", FALLBACK_FEED, headers={"Content-Type": "application/rss+xml"})
        api_url = server.url(f"{prefix}/wp-json/")
    else:
        server.route(f"{prefix}/feed/", case.body(), headers=headers)
    source = library.sources.add_known(
        server.url(f"{prefix}/feed/"), f"Hostile {case.name}", api_url=api_url
    ).value
    reports = []
    before = dt.datetime.now(dt.UTC)
    for _ in range(int(spec.get("syncs", 1))):
        reports.append(library.sync.run([str(source.id)], images=False))
    after = dt.datetime.now(dt.UTC)
    with library._storage.read() as conn:
        rows = list(conn.execute(select(*StoryTable.__table__.c).where(StoryTable.source_id == source.id)))
    # What the library shows (the window's and the CLI's view): every story is listed; the first
    # SHOWN_MAX are also opened, rendered for the article pane and exported.
    listed = {s.id for s in library.stories.iter(StoryQuery(sources=(source.id,)))}
    assert listed == {row.id for row in rows}, "the story list shows what is stored"
    shown = {row.id: library.stories.get(row.id) for row in sorted(rows, key=lambda r: r.id)[:SHOWN_MAX]}
    posts = sum(1 for r in server.requests if r.path.startswith(f"{prefix}/wp-json/wp/v2/posts"))
    return Outcome(library, reports, rows, shown, before, after, server.url(""), posts)


# -- rules for every stored story --------------------------------------------------------------


def check_invariants(outcome: Outcome) -> None:
    for row in outcome.rows:
        where = f"story {row.guid[:60]!r}"
        check_line(row.title, 300, f"{where}: title")
        if row.author is not None:
            check_line(row.author, 200, f"{where}: author")
        for name in ("url", "image_url"):
            value = getattr(row, name)
            assert value is None or is_web_url(value), f"{where}: {name} {value!r} is not an http(s) address"
        assert EARLIEST <= row.published_at <= outcome.after + SKEW, f"{where}: published {row.published_at}"
        if row.updated_at is not None:
            assert EARLIEST <= row.updated_at <= outcome.after + SKEW, f"{where}: updated {row.updated_at}"
        check_html(row.content_html or "", where)
        for name in ("content_text", "summary"):
            value = getattr(row, name) or ""
            assert not CONTROLS_IN_TEXT.search(value), f"{where}: {name} holds control characters"
            assert "\x1b" not in value
        assert row.guid and len(row.guid) <= 1024, f"{where}: guid"
        assert row.language is None or LANGUAGE.fullmatch(row.language), f"{where}: language {row.language!r}"
        if row.id in outcome.shown:
            check_shown(outcome.shown[row.id], row)


def check_line(value: str, limit: int, where: str) -> None:
    assert value, f"{where} is empty"
    assert len(value) <= limit, f"{where} is {len(value)} characters long"
    assert value == value.strip() and "  " not in value, f"{where} has stray whitespace: {value!r}"
    found = INVISIBLE.search(value)
    assert found is None, f"{where} holds {found.group()!r}: {value!r}"
    lowered = value.lower()
    assert "<script" not in lowered and "<iframe" not in lowered and "<!--" not in value, (
        f"{where}: {value!r}"
    )


def is_web_url(value: str) -> bool:
    parts = urlsplit(value)
    return (
        parts.scheme.lower() in ("http", "https")
        and bool(parts.hostname)
        and not re.search(r"[\s\x00-\x1f]", value)
    )


def check_html(html: str, where: str) -> None:
    lowered = html.lower()
    for bad in DANGEROUS_MARKUP:
        assert bad not in lowered, f"{where}: content holds {bad!r}"
    assert not EVENT_HANDLER.search(html), f"{where}: content holds an event handler"
    for url in URL_ATTRIBUTE.findall(html):
        scheme = urlsplit(url.replace("&amp;", "&")).scheme.lower()
        assert scheme in ("http", "https", "mailto"), f"{where}: content links to {url[:60]!r}"
    assert "\x00" not in html and "\x1b" not in html, f"{where}: content holds control characters"


def check_shown(story: Story, row: StoryRow) -> None:
    """What the window and the exports make of the story: no link but http(s), the title as text."""
    assert story.title == row.title and story.url == row.url
    for html in (pane_html(story), story_html(ExportStory(story, None, None, ()), lambda _url: None)):
        for url in URL_ATTRIBUTE.findall(html):
            scheme = urlsplit(url.replace("&amp;", "&")).scheme.lower()
            assert scheme in ("http", "https", "mailto"), f"shown with a link to {url[:60]!r}"
        assert "<script" not in html.lower()


def depth_of(html: str) -> int:
    depth = deepest = 0
    for closing, name, self_closing in TAG.findall(html):
        if name.lower() in VOID or self_closing:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


# -- the case's own expectations -----------------------------------------------------------------


def check_expectations(case: Case, outcome: Outcome) -> None:
    spec = case.spec
    result = outcome.reports[0].results[0]
    status = spec.get("status", "ok")
    if status == "ok":
        assert not result.failed, f"the sync failed: {result.error}"
    elif status == "failed":
        assert result.failed, "the sync should have refused this payload"
    if result.failed:
        message = result.error or ""
        assert message and "Traceback" not in message and "\n" not in message, (
            f"not a plain message: {message!r}"
        )
        if "error" in spec:
            assert spec["error"] in message, message
    if "count" in spec:
        assert len(outcome.rows) == spec["count"], f"{len(outcome.rows)} stories stored"
    if "count_min" in spec:
        assert len(outcome.rows) >= spec["count_min"], f"{len(outcome.rows)} stories stored"
    if len(outcome.reports) > 1:
        second = outcome.reports[1]
        assert second.new == spec.get("second_new", second.new), f"second sync: {second.new} new"
        assert second.updated == spec.get("second_updated", second.updated), (
            f"second sync: {second.updated} updated"
        )
    if "max_requests" in spec:
        assert outcome.posts_requests <= spec["max_requests"], f"{outcome.posts_requests} requests"
    for text in spec.get("nowhere", ()):
        for row in outcome.rows:
            assert text not in " ".join(stored_text(row)), f"{text!r} was stored"
    for expected in spec.get("story", ()):
        check_story(expected, find(expected, outcome.rows), outcome)


def stored_text(row: StoryRow) -> Iterable[str]:
    for value in (
        row.title,
        row.author,
        row.url,
        row.image_url,
        row.summary,
        row.content_html,
        row.content_text,
        row.guid,
    ):
        if value:
            yield value


def find(expected: dict[str, Any], rows: list[StoryRow]) -> StoryRow:
    if "guid" in expected:
        found = [r for r in rows if r.guid == expected["guid"]]
    elif "title" in expected:
        found = [r for r in rows if r.title == expected["title"]]
    elif "title_prefix" in expected:
        found = [r for r in rows if r.title.startswith(expected["title_prefix"])]
    elif "guid_prefix" in expected:
        found = [r for r in rows if r.guid.startswith(expected["guid_prefix"])]
    else:
        found = rows
    titles = [r.title[:80] for r in rows[:20]]
    assert len(found) == 1, (
        f"{len(found)} stored stories match {json.dumps(expected, ensure_ascii=False)[:200]}; stored: {titles}"
    )
    return found[0]


def check_story(expected: dict[str, Any], row: StoryRow, outcome: Outcome) -> None:
    shown = outcome.shown.get(row.id) or outcome.library.stories.get(row.id)
    for key in ("title", "guid"):
        if key in expected:
            assert getattr(row, key) == expected[key], f"{key}: {getattr(row, key)!r} != {expected[key]!r}"
    for key in ("url", "image_url"):
        if key in expected:
            want = expected[key].replace("@server", outcome.server_root) or None
            assert getattr(row, key) == want, f"{key}: {getattr(row, key)!r} != {want!r}"
    for key, stored in (("published", row.published_at), ("updated", row.updated_at)):
        if key in expected:
            check_moment(expected[key], stored, outcome, key)
    if "author" in expected:
        assert row.author == (expected["author"] or None), f"author {row.author!r}"
    if "author_prefix" in expected:
        assert row.author and row.author.startswith(expected["author_prefix"]), f"author {row.author!r}"
    if "author_max" in expected:
        assert row.author and len(row.author) <= expected["author_max"]
    if "language" in expected:
        assert row.language == (expected["language"] or None), f"language {row.language!r}"
    if "sections" in expected:
        assert sorted(shown.sections) == sorted(expected["sections"]), f"sections {shown.sections}"
    if "countries" in expected:
        assert sorted(shown.countries) == sorted(expected["countries"]), f"countries {shown.countries}"
    html, text = row.content_html or "", row.content_text or ""
    for needle in expected.get("content_has", ()):
        assert needle.replace("@server", outcome.server_root) in html, (
            f"content lacks {needle!r}: {html[:300]!r}"
        )
    for needle in expected.get("content_lacks", ()):
        assert needle not in html, f"content holds {needle!r}: {html[:300]!r}"
    for needle in expected.get("text_has", ()):
        assert needle in text, f"text lacks {needle!r}: {text[:300]!r}"
    for needle in expected.get("text_lacks", ()):
        assert needle not in text, f"text holds {needle!r}"
    if "content_max" in expected:
        assert len(html) <= expected["content_max"], f"content is {len(html)} characters"
    if "max_depth" in expected:
        assert depth_of(html) <= expected["max_depth"], f"content nests {depth_of(html)} deep"


def check_moment(expected: str, stored: dt.datetime | None, outcome: Outcome, key: str) -> None:
    if expected == "":
        assert stored is None, f"{key}: {stored}"
    elif expected == "fetched":
        assert stored is not None and outcome.before <= stored <= outcome.after, (
            f"{key}: {stored} is not the fetch time ({outcome.before} … {outcome.after})"
        )
    else:
        want = dt.datetime.fromisoformat(expected.replace("Z", "+00:00"))
        assert stored == want, f"{key}: {stored} != {want}"
