"""Article extraction and polite fetching over a real HTTP server on 127.0.0.1 (issue 15).

The pages in tests/fixtures/articles/ are ours (SOURCES.txt): a story in the layout of WordPress,
1C-Bitrix, Drupal or a custom CMS, wrapped in menus, ads, "read also" blocks, comments and share
buttons; expected.json lists each story's paragraphs and the junk that must not survive.
"""

from __future__ import annotations

import json
import threading
import time

import pytest

from reader.core.articles import wants_full_article
from reader.core.articles.fetch import NO_STORY_NOTE, fetch_articles
from tests.httpserver import FIXTURES, FixtureServer, Request, fixture

EXPECTED = json.loads((FIXTURES / "articles" / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_story_is_whole_and_the_junk_gone(http_server: FixtureServer, name: str) -> None:
    http_server.route(
        f"/{name}", fixture(f"articles/{name}"), headers={"Content-Type": "text/html; charset=utf-8"}
    )
    [result] = fetch_articles([http_server.url(f"/{name}")], delay=0)
    assert result.note is None and result.article is not None
    text = result.article.text
    for paragraph in EXPECTED[name]["paragraphs"]:
        assert paragraph in text
    for junk in EXPECTED[name]["junk"]:
        assert junk not in text
    assert result.article.author
    assert "<script" not in result.article.html


def test_at_most_two_requests_at_a_time_to_one_host(http_server: FixtureServer) -> None:
    lock = threading.Lock()
    now = peak = 0
    page = fixture("articles/drupal-en.html")

    def slow(_request: Request) -> bytes:
        nonlocal now, peak
        with lock:
            now += 1
            peak = max(peak, now)
        time.sleep(0.2)
        with lock:
            now -= 1
        return page

    http_server.route("/a", slow, headers={"Content-Type": "text/html; charset=utf-8"})
    results = fetch_articles([http_server.url(f"/a?{i}") for i in range(6)], workers=6, delay=0.05)
    assert all(r.article is not None for r in results)
    assert peak == 2


def test_a_failure_is_the_story_note_not_an_exception(http_server: FixtureServer) -> None:
    http_server.route("/gone", b"no", status=404)
    http_server.route(
        "/empty",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        headers={"Content-Type": "text/html"},
    )
    gone, empty = fetch_articles([http_server.url("/gone"), http_server.url("/empty")], delay=0)
    assert (
        gone.article is None and gone.note and gone.note.startswith("The full article could not be fetched")
    )
    assert empty.article is None and empty.note == NO_STORY_NOTE


def test_a_redirect_to_javascript_is_refused(http_server: FixtureServer) -> None:
    http_server.route("/r", b"", status=302, headers={"Location": "javascript:alert(1)"})
    [result] = fetch_articles([http_server.url("/r")], delay=0)
    assert result.article is None and result.note


def test_the_automatic_rule() -> None:
    assert wants_full_article("<p>A short teaser about a tram line.</p>")
    assert wants_full_article("<p>" + "word " * 120 + '<a href="/x">Читать далее</a></p>')
    assert not wants_full_article("<p>" + "word " * 120 + "</p>")


def test_a_huge_or_slow_page_is_a_note(http_server: FixtureServer) -> None:
    from reader.core.http import Limits

    huge = b"<html><body><p>" + b"word " * (800 * 1024) + b"</p></body></html>"  # 4 MiB > PAGE_BYTES
    http_server.route("/huge", huge, headers={"Content-Type": "text/html"})
    http_server.route(
        "/slow", fixture("articles/drupal-en.html"), headers={"Content-Type": "text/html"}, delay=3
    )
    [big] = fetch_articles([http_server.url("/huge")], delay=0)
    [slow] = fetch_articles([http_server.url("/slow")], delay=0, limits=Limits(timeout=0.5, deadline=1.0))
    assert big.article is None and big.note and big.note.startswith("The full article could not be fetched")
    assert (
        slow.article is None and slow.note and slow.note.startswith("The full article could not be fetched")
    )
