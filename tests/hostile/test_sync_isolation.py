"""One bad source never spoils a sync (hostile corpus: sync runs).

Every scenario puts one hostile source between good ones (sources sync in name order: "A good"
before, "N good" and "Z good" after) on a real HTTP server on 127.0.0.1, runs a real sync on a
real Library and checks that the good ones are stored with their counts, that the hostile one is
either stored or has its own one-line plain problem (recorded as `last_error`, nothing of it
half-stored, its traceback in the log file when it is a bug of ours), and that the next sync
tries it again. Faults are made at the network or payload level, never by mocking our code.

Scenarios marked `must_fail` can only fail; the others are payloads our parsers have tripped
over (a zero date, a javascript: redirect, an absurd Retry-After, odd WordPress JSON): whether
they are read or refused, they must stay that one source's business.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from reader.core.library import Library
from reader.core.logs import log_path
from reader.core.models import Source
from reader.core.sync.problems import INTERNAL
from reader.core.sync.service import SyncReport, SyncService
from reader.core.sync.sources import SourceManager
from reader.core.types import StoryQuery
from tests.core.sync.conftest import FAST, offline_library
from tests.core.sync.payloads import RSS_TYPE, rss, rss_item
from tests.helpers import closed_port, logging_to_its_folder, refuse_inserts
from tests.httpserver import FixtureServer, Request

GOOD = {"A good": 2, "N good": 1, "Z good": 3}  # name -> stories in its feed
HOSTILE = "M hostile"
ATOM_TYPE = {"Content-Type": "application/atom+xml"}
REPR_MARKS = ("Traceback", 'File "', "object at 0x", "<class ", "\n")


def good_feed(name: str, count: int) -> bytes:
    slug = name.split()[0].lower()
    return rss(
        *(
            rss_item(f"{slug}-{n}", f"{name} story {n} from Almaty", f"<p>Story {n}.</p>")
            for n in range(count)
        ),
        title=name,
    )


def poison_entries(library: Library) -> None:
    """A database constraint error on one source's entries: SQLite aborts that source's insert."""
    refuse_inserts(library, "story", "NEW.guid LIKE 'poison-%'")


def hang_up(_request: Request) -> bytes:
    raise ConnectionResetError("the test server hangs up without answering")


@dataclass(frozen=True)
class Fault:
    id: str
    serve: Callable[[FixtureServer], str]  # routes the hostile payload, returns the feed URL
    must_fail: bool = False
    message: str | None = None  # a part of the plain line, when it can only be that
    retried: bool = True  # the next sync asks again (not so after a Retry-After)
    api: bool = False  # a WordPress source: its REST API under /bad/wp-json/
    prepare: Callable[[Library], None] | None = None


def at(path: str, body: bytes = b"", **options: object) -> Callable[[FixtureServer], str]:
    def serve(server: FixtureServer) -> str:
        server.route(path, body, **options)
        return server.url(path)

    return serve


def redirect_to(location: str) -> Callable[[FixtureServer], str]:
    return at("/bad/", status=302, headers={"Location": location})


def redirect_loop(server: FixtureServer) -> str:
    for hop in range(8):
        server.route(f"/bad/{hop}", status=301, headers={"Location": server.url(f"/bad/{hop + 1}")})
    return server.url("/bad/0")


def refused(_server: FixtureServer) -> str:
    return f"http://127.0.0.1:{closed_port()}/feed/"


def poisoned_feed(server: FixtureServer) -> str:
    # 400 fine entries fill one insert chunk; the 401st is refused in the next: the whole
    # source must roll back, not keep the first chunk.
    items = [rss_item(f"fine-{n}", f"Fine entry {n}", "<p>Fine.</p>") for n in range(400)]
    server.route("/bad/", rss(*items, rss_item("poison-1", "Refused entry", "<p>No.</p>")), headers=RSS_TYPE)
    return server.url("/bad/")


def odd_wordpress(server: FixtureServer) -> str:
    posts = [
        {"id": 1, "title": ["not", "a", "dict"], "link": 7, "guid": {"rendered": 12}, "date_gmt": 20260101,
         "modified_gmt": {"odd": True}, "content": {"rendered": None}, "categories": ["a", {"x": 1}, 3.5],
         "tags": "nope", "jetpack_featured_media_url": 5, "excerpt": []},
        {"id": "two", "title": {"rendered": 42}, "link": "https://example.test/two/", "date_gmt": "0000-00-00T00:00:00",
         "content": {"rendered": {"nested": "dict"}}, "categories": [None, True, 2**70]},
        "a string where a post should be", None, [1, 2],
    ]  # fmt: skip
    server.route("/bad/wp-json/wp/v2/posts?per_page=100&page=1", json.dumps(posts).encode(),
                 headers={"Content-Type": "application/json", "X-WP-TotalPages": "9999999999999999999999"})  # fmt: skip
    server.route("/bad/", good_feed("Odd WordPress feed", 1), headers=RSS_TYPE)
    return server.url("/bad/")


ZERO_DATE = rss(rss_item("z-1", "Zero date", "<p>x</p>", date="0000-00-00T00:00:00Z"))
YEAR_ZERO_ATOM = (
    b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Year zero</title>'
    b"<entry><id>y0</id><title>Year zero</title><updated>0000-01-01T00:00:00Z</updated></entry></feed>"
)
NESTED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Nested</title><item><title>Deep</title>'
    b"<guid>deep-1</guid><description>"
    + b"<a>" * 30000
    + b"x"
    + b"</a>" * 30000
    + b"</description></item></channel></rss>"
)
# "Billion laughs", 10**8 characters if expanded: expat (2.4+) refuses the amplification.
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
    + b"".join(f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">'.encode() for n in range(7))
    + b']><rss version="2.0"><channel><title>Laughs</title><item><title>&h;</title><guid>l-1</guid></item>'
    b"</channel></rss>"
)
TRUNCATED = good_feed("Truncated", 3)[:-60]
CONTROL_CHARS = rss(rss_item("c-1", "Control \x01\x02 chars", "<p>\x0b\x0c</p>"))

FAULTS = [
    Fault("http-404", at("/bad/", b"gone", status=404), must_fail=True, message="404"),
    Fault("http-500", at("/bad/", b"oops", status=500), must_fail=True, message="500"),
    Fault("http-410", at("/bad/", b"gone for good", status=410), must_fail=True, message="410"),
    Fault("timeout", at("/bad/", good_feed("Slow", 1), delay=1.2), must_fail=True),
    Fault("connection-refused", refused, must_fail=True),
    Fault("hang-up-without-answer", at("/bad/", hang_up), must_fail=True),
    Fault(
        "html-not-a-feed",
        at("/bad/", b"<html><body><p>Hello</p></body></html>", headers={"Content-Type": "text/html"}),
        must_fail=True,
        message="not an RSS",
    ),
    Fault("empty-body", at("/bad/", b"", headers=RSS_TYPE), must_fail=True),
    Fault(
        "png-as-feed",
        at("/bad/", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, headers=RSS_TYPE),
        must_fail=True,
    ),
    Fault(
        "json-feed",
        at(
            "/bad/",
            b'{"version": "https://jsonfeed.org/version/1", "items": []}',
            headers={"Content-Type": "application/feed+json"},
        ),
        must_fail=True,
    ),
    Fault(
        "over-size-cap",
        at("/bad/", b"<rss>" + b" " * (300 * 1024) + b"</rss>"),
        must_fail=True,
        message="sent more than 256 KiB",
    ),
    Fault(
        "gzip-header-lie",
        at("/bad/", good_feed("Lie", 1), headers={"Content-Encoding": "gzip", **RSS_TYPE}),
        must_fail=True,
    ),
    Fault("redirect-loop", redirect_loop, must_fail=True, message="redirected more than 5 times"),
    Fault("redirect-to-ftp", redirect_to("ftp://127.0.0.1/feed.xml"), must_fail=True),
    Fault("redirect-to-javascript", redirect_to("javascript:alert(1)"), must_fail=True),
    Fault("redirect-to-bad-url", redirect_to("http://[::1/feed"), must_fail=True),
    Fault(
        "redirect-to-closed-port",
        lambda s: redirect_to(f"http://127.0.0.1:{closed_port()}/")(s),
        must_fail=True,
    ),
    Fault(
        "retry-after-absurd",
        at("/bad/", b"", status=429, headers={"Retry-After": "9" * 30}),
        must_fail=True,
        retried=False,
    ),
    Fault(
        "retry-after-year-9999",
        at("/bad/", b"", status=503, headers={"Retry-After": "Fri, 31 Dec 9999 23:59:59 GMT"}),
        must_fail=True,
        retried=False,
    ),
    Fault("database-refuses-an-entry", poisoned_feed, must_fail=True, prepare=poison_entries),
    Fault("zero-date", at("/bad/", ZERO_DATE, headers=RSS_TYPE)),
    Fault("year-zero-atom", at("/bad/", YEAR_ZERO_ATOM, headers=ATOM_TYPE)),
    Fault(
        "far-future-date",
        at("/bad/", rss(rss_item("f-1", "Far", "<p>x</p>", date="Fri, 31 Dec 9999 23:59:59 -1400"))),
    ),
    Fault("deeply-nested-markup", at("/bad/", NESTED, headers=RSS_TYPE)),
    Fault("entity-expansion", at("/bad/", LAUGHS, headers=RSS_TYPE)),
    Fault("truncated-feed", at("/bad/", TRUNCATED, headers=RSS_TYPE)),
    Fault("control-characters", at("/bad/", CONTROL_CHARS, headers=RSS_TYPE)),
    Fault("wordpress-odd-json", odd_wordpress, api=True),
]


@pytest.fixture
def logged_library(data_dir: Path) -> Iterator[Library]:
    """A library on the test server only, logging to its own log file as the app does."""
    with offline_library(data_dir) as library, logging_to_its_folder(library):
        yield library


def add_goods(library: Library, server: FixtureServer) -> dict[str, int]:
    ids = {}
    for name, count in GOOD.items():
        path = f"/{name.split()[0].lower()}/"
        server.route(path, good_feed(name, count), headers=RSS_TYPE)
        ids[name] = SourceManager(library).add_known(server.url(path), name).id
    return ids


def assert_plain(line: str | None) -> None:
    assert line, "a failed source needs a reason"
    assert len(line) <= 300 and not any(mark in line for mark in REPR_MARKS), line


def last_error(library: Library, source_id: int) -> str | None:
    with library._read() as conn:
        return conn.execute(select(Source.last_error).where(Source.id == source_id)).scalar_one()


def stories_of(library: Library, source_id: int) -> int:
    return library.count_stories(StoryQuery(sources=(source_id,)))


def check_goods(library: Library, report: SyncReport, ids: dict[str, int], first: bool) -> None:
    by_name = {r.name: r for r in report.results}
    for name, count in GOOD.items():
        assert by_name[name].status in (("ok",) if first else ("ok", "not-modified")), by_name[name]
        assert by_name[name].new == (count if first else 0)
        assert stories_of(library, ids[name]) == count and last_error(library, ids[name]) is None


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.id)
def test_one_bad_source_does_not_spoil_the_sync(
    fault: Fault, http_server: FixtureServer, logged_library: Library
) -> None:
    library = logged_library
    ids = add_goods(library, http_server)
    url = fault.serve(http_server)
    api = http_server.url("/bad/wp-json/") if fault.api else None
    hostile = SourceManager(library).add_known(url, HOSTILE, api_url=api).id
    if fault.prepare:
        fault.prepare(library)
    service = SyncService(library, FAST)

    report = service.sync(images=False)

    assert [r.name for r in report.results] == ["A good", HOSTILE, "N good", "Z good"]
    check_goods(library, report, ids, first=True)
    bad = next(r for r in report.results if r.name == HOSTILE)
    if fault.must_fail:
        assert bad.failed, bad
    if bad.failed:
        assert bad.problem is not None
        assert_plain(bad.error)
        if fault.message:
            assert fault.message in (bad.error or "")
        assert last_error(library, hostile) == bad.error
        assert stories_of(library, hostile) == 0  # nothing half-stored
        assert not report.ok and not report.offline
        assert report.problem_lines() == [f"{HOSTILE}: {bad.error}"]
        assert not report.summary().startswith("Synced:") and "1 failed" in report.summary()
        logged = log_path(library.data_dir).read_text(encoding="utf-8")
        assert f"Sync of {HOSTILE} <" in logged
        if bad.problem.kind == INTERNAL:
            assert "Traceback (most recent call last)" in logged and bad.problem.traceback
            assert bad.error is not None and bad.error.startswith("Steppe could not read this source")
    else:
        assert bad.status == "ok" and report.ok, bad
        assert last_error(library, hostile) is None

    asked = len(http_server.requests)
    again = service.sync(images=False)

    check_goods(library, again, ids, first=False)
    bad_again = next(r for r in again.results if r.name == HOSTILE)
    if fault.must_fail and fault.retried:
        assert bad_again.failed and bad_again.problem is not None
        if url.startswith(http_server.url("/")):
            assert any(r.path.startswith("/bad/") for r in http_server.requests[asked:])  # asked again
    elif fault.must_fail:
        assert bad_again.status in ("waiting", "failed")
    assert bad_again.status in ("ok", "not-modified", "failed", "waiting")


def test_the_scenario_count_stays_as_the_readme_says() -> None:
    assert len(FAULTS) == len({f.id for f in FAULTS}) >= 15
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"{len(FAULTS)} fault scenarios" in readme


MIXED = [  # name, what it serves; sources sync in name order, broken ones between good ones
    ("01 Good", 2), ("02 Gone", "404"), ("03 Good", 1), ("04 Broken", "500"), ("05 Good", 3),
    ("06 Slow", "timeout"), ("07 Good", 4), ("08 Closed port", "refused"), ("09 Good", 1),
    ("10 Web page", "html"), ("11 Refused entry", "poison"), ("12 Good", 2),
]  # fmt: skip


def serve_mixed(library: Library, server: FixtureServer) -> dict[str, int]:
    ids = {}
    for name, what in MIXED:
        path = f"/{name[:2]}/"
        if isinstance(what, int):
            server.route(path, good_feed(name, what), headers=RSS_TYPE)
        elif what in ("404", "500"):
            server.route(path, b"no", status=int(what))
        elif what == "timeout":
            server.route(path, good_feed(name, 1), delay=1.2)
        elif what == "html":
            server.route(path, b"<html><body>A page</body></html>", headers={"Content-Type": "text/html"})
        elif what == "poison":
            items = [rss_item(f"p-{n}", f"Entry {n}", "<p>x</p>") for n in range(3)]
            server.route(path, rss(*items, rss_item("poison-2", "Refused", "<p>x</p>")), headers=RSS_TYPE)
        url = f"http://127.0.0.1:{closed_port()}/feed/" if what == "refused" else server.url(path)
        ids[name] = SourceManager(library).add_known(url, name).id
    poison_entries(library)
    return ids


def test_a_dozen_sources_each_broken_one_failing_its_own_way(
    http_server: FixtureServer, logged_library: Library
) -> None:
    library = logged_library
    ids = serve_mixed(library, http_server)
    service = SyncService(library, FAST)

    report = service.sync(images=False)

    by_name = {r.name: r for r in report.results}
    assert [r.name for r in report.results] == [name for name, _ in MIXED]
    for name, what in MIXED:
        if isinstance(what, int):
            assert by_name[name].status == "ok" and by_name[name].new == what
            assert stories_of(library, ids[name]) == what and last_error(library, ids[name]) is None
        else:
            assert by_name[name].failed, name
            assert_plain(by_name[name].error)
            assert last_error(library, ids[name]) == by_name[name].error
            assert stories_of(library, ids[name]) == 0
    kinds = {name: r.problem.kind for name, r in by_name.items() if r.problem}
    assert kinds["11 Refused entry"] == INTERNAL
    assert "404" in (by_name["02 Gone"].error or "") and "500" in (by_name["04 Broken"].error or "")
    assert by_name["06 Slow"].network_failure and by_name["08 Closed port"].network_failure
    lines = report.problem_lines()
    assert len(lines) == 6 and sorted(line.split(":")[0] for line in lines) == [
        "02 Gone", "04 Broken", "06 Slow", "08 Closed port", "10 Web page", "11 Refused entry"
    ]  # fmt: skip
    assert report.summary() == "Synced 6 of 12 sources, 6 failed: 13 new, 0 updated"
    logged = log_path(library.data_dir).read_text(encoding="utf-8")
    # One error record with its traceback (the bug); the others are plain warnings.
    assert logged.count(" ERROR ") == 1 and logged.count(" WARNING ") == 5
    assert "Traceback (most recent call last)" in logged
    assert "IntegrityError" in logged and "refused by the test trigger on story" in logged
    for name, what in MIXED:
        assert (f"Sync of {name} <" in logged) == (not isinstance(what, int))

    asked = len(http_server.requests)
    again = service.sync(images=False)

    assert [r.name for r in again.results if r.failed] == [n for n, w in MIXED if not isinstance(w, int)]
    asked_again = {r.path for r in http_server.requests[asked:]}
    assert {"/02/", "/04/", "/06/", "/10/", "/11/"} <= asked_again  # every broken one is tried again
    assert sum(r.new for r in again.results) == 0
    assert all(stories_of(library, ids[n]) == w for n, w in MIXED if isinstance(w, int))
