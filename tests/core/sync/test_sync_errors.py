"""What goes wrong on the network is a clear per-source error; the other sources are still stored."""

from __future__ import annotations

import time

from sqlalchemy import select

from reader.core.library import Library
from reader.core.models import Source
from reader.core.sync.service import Sync
from reader.core.types import StoryQuery
from tests.core.sync.payloads import RSS_TYPE, WP_RSS, rss, rss_item
from tests.httpserver import FixtureServer, fixture


def add(library: Library, server: FixtureServer, path: str, name: str) -> int:
    return library.sources.add_known(server.url(path), name).value.id


def test_each_failure_is_reported_for_its_own_source(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    library = sync_library
    good = fixture(WP_RSS)
    http_server.route("/ok/", rss(rss_item("ok-1", "Fine story", "<p>Fine.</p>")), headers=RSS_TYPE)
    http_server.route("/broken/", b"oops", status=500)
    http_server.route("/slow/", good, delay=1.2)  # beyond the 0.5 s timeout of these tests
    http_server.route("/huge/", b"<rss>" + b" " * (300 * 1024) + b"</rss>")  # over the 256 KiB cap
    http_server.route("/gzip/", good, gzip=True, headers=RSS_TYPE)
    http_server.route("/notafeed/", b"<html><body>Hello</body></html>", headers={"Content-Type": "text/html"})
    for hop in range(3):  # /r0 -> /r1 -> /r2 -> /gzip/
        target = f"/r{hop + 1}" if hop < 2 else "/gzip/"
        http_server.route(f"/r{hop}", status=302, headers={"Location": http_server.url(target)})
    for hop in range(8):  # a chain longer than the 5 redirects allowed
        http_server.route(f"/loop{hop}", status=301, headers={"Location": http_server.url(f"/loop{hop + 1}")})
    http_server.route("/ftp/", status=302, headers={"Location": "ftp://127.0.0.1/feed.xml"})
    ids = {
        name: add(library, http_server, path, name)
        for name, path in [
            ("Good", "/ok/"), ("Broken", "/broken/"), ("Slow", "/slow/"), ("Huge", "/huge/"),
            ("Gzip", "/gzip/"), ("Not a feed", "/notafeed/"), ("Redirected", "/r0"),
            ("Redirect loop", "/loop0"), ("To FTP", "/ftp/"),
        ]
    }  # fmt: skip

    started = time.monotonic()
    report = service.run([str(i) for i in ids.values()], images=False)
    elapsed = time.monotonic() - started

    by_name = {r.name: r for r in report.results}
    assert not report.ok and not report.offline
    assert {n for n, r in by_name.items() if not r.failed} == {"Good", "Gzip", "Redirected"}
    assert (by_name["Good"].new, by_name["Gzip"].new, by_name["Redirected"].new) == (1, 2, 2)
    assert by_name["Broken"].error == "127.0.0.1 answered HTTP 500 Internal Server Error"
    assert (
        by_name["Slow"].error == "127.0.0.1 did not answer within 0.5 s" and by_name["Slow"].network_failure
    )
    assert by_name["Huge"].error == "127.0.0.1 sent more than 256 KiB"
    assert (
        by_name["Not a feed"].error is not None
        and "not an RSS, Atom or RDF feed" in by_name["Not a feed"].error
    )
    assert by_name["Redirect loop"].error == "127.0.0.1 redirected more than 5 times"
    assert by_name["To FTP"].error == "127.0.0.1 redirected to an ftp: address"
    assert elapsed < 5
    with library._storage.read() as conn:
        errors = dict(
            conn.execute(select(Source.name, Source.last_error).where(Source.id.in_(ids.values()))).all()
        )
    assert errors["Broken"] == "127.0.0.1 answered HTTP 500 Internal Server Error" and errors["Good"] is None
    assert library.stories.count(StoryQuery(sources=(ids["Good"],))) == 1
    assert library.stories.count(StoryQuery(sources=(ids["Gzip"],))) == 2
    assert library.stories.count(StoryQuery(sources=(ids["Redirected"],))) == 2


def test_retry_after_backs_off(http_server: FixtureServer, service: Sync, sync_library: Library) -> None:
    http_server.route("/busy/", b"slow down", status=429, headers={"Retry-After": "120"})
    source_id = add(sync_library, http_server, "/busy/", "Busy")

    first = service.run([str(source_id)], images=False)
    asked = len(http_server.requests)
    second = service.run([str(source_id)], images=False)

    assert first.results[0].failed and "127.0.0.1 asks us to wait (HTTP 429 Too Many Requests) until " in (
        first.results[0].error or ""
    )
    assert second.results[0].status == "waiting" and not second.results[0].failed
    assert len(http_server.requests) == asked  # not asked again before the time it gave


def test_offline_keeps_saved_stories(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    http_server.route("/feed/", rss(rss_item("o-1", "Saved before", "<p>Kept.</p>")))
    source_id = add(sync_library, http_server, "/feed/", "Soon offline")
    other = add(sync_library, http_server, "/other/", "Also offline")
    service.run([str(source_id)], images=False)
    http_server.stop()

    report = service.run([str(source_id), str(other)], images=False)

    assert report.offline and not report.ok
    assert report.summary() == "Offline — showing saved stories"
    assert all(r.error == "127.0.0.1 refused the connection" for r in report.results)
    assert [s.title for s in sync_library.stories.iter(StoryQuery(sources=(source_id,)))] == ["Saved before"]


def test_a_feed_cut_off_before_its_first_story_is_a_problem_but_an_empty_feed_is_not(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    whole = rss(rss_item("c-1", "Cut story", "<p>Text.</p>"))
    http_server.route("/cut/", whole[: whole.index(b"<item")] + b"<item><title>Cu", headers=RSS_TYPE)
    http_server.route("/empty/", rss(), headers=RSS_TYPE)
    ids = [add(sync_library, http_server, "/cut/", "Cut"), add(sync_library, http_server, "/empty/", "Empty")]

    report = service.run([str(i) for i in ids], images=False)

    by_name = {r.name: r for r in report.results}
    assert by_name["Cut"].error == "127.0.0.1 sent a feed that is cut off or broken before its first story"
    assert not by_name["Empty"].failed and by_name["Empty"].new == 0
