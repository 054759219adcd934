"""The WordPress REST API: posts paged by X-WP-TotalPages, categories and tags resolved to names,
and discovery of a site's feed and API from its home page."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from reader.core.library import Library
from reader.core.sync.fetch import SourceError
from reader.core.sync.service import Sync
from reader.core.sync.sources import SourceExists
from reader.core.types import StoryQuery
from tests.core.sync.payloads import RSS_TYPE, WP_RSS, serve_wordpress, wp_posts
from tests.httpserver import FixtureServer, fixture


def test_rest_api_pages_and_terms(http_server: FixtureServer, service: Sync, sync_library: Library) -> None:
    serve_wordpress(http_server, wp_posts(250), etag='"p1"')
    http_server.route("/feed/", fixture(WP_RSS), headers=RSS_TYPE)
    source = sync_library.sources.add_known(
        http_server.url("/feed/"), "WP site", api_url=http_server.url("/wp-json/")
    ).value
    assert source.kind == "wordpress"

    report = service.run([str(source.id)], images=False)

    assert report.ok and report.new == 250
    pages = [parse_qs(urlsplit(r.path).query).get("page") for r in http_server.requests if "/posts" in r.path]
    assert pages == [["1"], ["2"], ["3"]]  # X-WP-TotalPages said 3: no fourth request
    assert not any(r.path.startswith("/feed/") for r in http_server.requests)  # the API was enough
    library = sync_library
    assert library.stories.count(StoryQuery(sources=(source.id,))) == 250
    story = library.stories.get(library.stories.page(StoryQuery(text='"Post 1001"')).stories[0].id)
    assert story.guid == "http://example.org/?p=1001" and story.url == "http://example.org/1001/"
    assert story.content_text == "Body of post 1001."
    assert story.countries == ("UZ",)  # from the tag "Uzbekistan" and "Tashkent" in the title
    assert story.sections == ("Mining & Energy",)  # category 7, "Energy"
    assert (
        library.stories.get(library.stories.page(StoryQuery(text='"Post 1000"')).stories[0].id).sections == ()
    )

    again = service.run([str(source.id)], images=False)  # page one answers 304 to its ETag
    assert again.results[0].status == "not-modified"
    assert [r.headers.get("If-None-Match") for r in http_server.requests if "page=1" in r.path][-1] == '"p1"'
    assert library.stories.count(StoryQuery(sources=(source.id,))) == 250


def test_closed_rest_api_falls_back_to_the_feed(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    http_server.route("/feed/", fixture(WP_RSS), headers=RSS_TYPE)  # /wp-json/... answers 404
    source = sync_library.sources.add_known(
        http_server.url("/feed/"), "WP, API off", api_url=http_server.url("/wp-json/")
    ).value
    report = service.run([str(source.id)], images=False)
    assert report.ok and report.new == 2


def test_discovery_from_a_site_home_page(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    home = (
        "<html><head><title>Example News</title>"
        f'<link rel="https://api.w.org/" href="{http_server.url("/wp-json/")}">'
        '<link rel="alternate" type="application/rss+xml" title="Example News &raquo; Feed" href="/feed/">'
        "</head><body>Hi</body></html>"
    ).encode()
    http_server.route("/", home, headers={"Content-Type": "text/html; charset=UTF-8"})
    http_server.route("/feed/", fixture(WP_RSS), headers=RSS_TYPE)
    manager = sync_library.sources

    source = manager.add(http_server.url("/")).value

    assert source.feed_url == http_server.url("/feed/")
    assert source.api_url == http_server.url("/wp-json/")
    assert source.name == "News – – WordPress.org"  # the feed's own title, whitespace collapsed
    assert source.kind == "wordpress"
    with pytest.raises(SourceExists):
        manager.add(http_server.url("/feed/"), "again")


def test_discovery_guesses_feed_and_says_when_nothing_is_there(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    http_server.route(
        "/site/", b"<html><head><title>Plain</title></head></html>", headers={"Content-Type": "text/html"}
    )
    http_server.route("/site/feed/", fixture(WP_RSS), headers=RSS_TYPE)
    http_server.route("/wp-json/", b'{"name": "Site", "namespaces": ["oembed/1.0", "wp/v2"]}')
    http_server.route("/empty/", b"<html><head></head></html>", headers={"Content-Type": "text/html"})
    manager = sync_library.sources

    mine = manager.add(http_server.url("/site/"), name="Mine").value
    assert (mine.feed_url, mine.api_url, mine.name) == (
        http_server.url("/site/feed/"),
        http_server.url("/wp-json/"),
        "Mine",
    )
    with pytest.raises(SourceError, match="no RSS or Atom feed found on this page"):
        manager.add(http_server.url("/empty/"))
    with pytest.raises(SourceError, match="only http:// and https://"):
        manager.add("file:///etc/passwd")


def test_posts_fixture_is_the_real_capture() -> None:
    # The generated posts keep every field of the recorded one; only ids, dates, titles vary.
    recorded = json.loads(fixture("wordpress/wp-rest-v2-posts-collection.json"))[0]
    assert set(wp_posts(1)[0]) == set(recorded)
