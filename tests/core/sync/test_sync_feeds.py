"""Sync against a real HTTP server on 127.0.0.1 serving the recorded WordPress RSS capture and
feeds built from it: formats, conditional GET, de-duplication, updates keeping reader state."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, text, update

from reader.core.library import Library
from reader.core.models import Source, Story
from reader.core.search.state import search_index_rows
from reader.core.sync.retention import prune_stories
from reader.core.sync.service import Sync
from reader.core.types import StoryQuery
from tests.core.sync.payloads import ATOM, RDF, RSS_TYPE, WP_RSS, rss, rss_item, tiny_png
from tests.helpers import writing
from tests.httpserver import FixtureServer, fixture


def story_rows(library: Library, source_id: int) -> list[Story]:
    with library._storage.read() as conn:
        return list(
            conn.execute(select(Story).where(Story.source_id == source_id).order_by(Story.published_at)).all()
        )


def titles(library: Library, source_id: int) -> list[str]:
    return [s.title for s in library.stories.iter(StoryQuery(sources=(source_id,)))]


def test_rss2_from_the_wordpress_capture(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    http_server.route("/feed/", fixture(WP_RSS), headers=RSS_TYPE)
    source = sync_library.sources.add_known(http_server.url("/feed/"), "WordPress News").value

    report = service.run([str(source.id)], images=False)

    assert report.ok and [(r.status, r.new) for r in report.results] == [("ok", 2)]
    assert titles(sync_library, source.id) == ["Introducing Learn WordPress", "WordPress 5.6 “Simone”"]
    learn = sync_library.stories.get(
        sync_library.stories.page(StoryQuery(text='"Learn WordPress"')).stories[0].id
    )
    assert learn.guid == "https://wordpress.org/news/?p=9444"
    assert learn.url == "https://wordpress.org/news/2020/12/introducing-learn-wordpress/"
    assert learn.author == "Hugh Lashbrooke"
    assert learn.published_at == dt.datetime(2020, 12, 15, 13, 0, tzinfo=dt.UTC)
    assert "cross-team initiative" in learn.content_text
    assert learn.image_url and learn.image_url.startswith(
        "https://i1.wp.com/wordpress.org/news/files/2020/12/"
    )
    assert 'class="' not in learn.content_html  # attributes outside the allow-list are gone
    assert http_server.requests[0].headers["User-Agent"].startswith("SteppeReader/")


@pytest.mark.parametrize("body", [ATOM, RDF], ids=["atom", "rdf"])
def test_atom_and_rdf(http_server: FixtureServer, service: Sync, body: bytes, sync_library: Library) -> None:
    http_server.route("/feed", body, headers={"Content-Type": "application/xml"})
    source = sync_library.sources.add_known(http_server.url("/feed"), "Other format").value

    report = service.run([str(source.id)], images=False)

    assert report.ok and report.new == 2
    rows = story_rows(sync_library, source.id)
    assert [r.title for r in rows] == ["WordPress 5.6 “Simone”", "Introducing Learn WordPress"]
    assert rows[1].url == "https://wordpress.org/news/2020/12/introducing-learn-wordpress/"
    assert rows[1].author == "Hugh Lashbrooke"
    assert rows[1].published_at == dt.datetime(2020, 12, 15, 13, 0, tzinfo=dt.UTC)
    if body is ATOM:  # a relative link is made absolute against the document's address (no xml:base)
        assert f'href="{http_server.url("/news/learn/")}"' in (rows[1].content_html or "")


def test_conditional_get_304_and_no_duplicates(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    modified = "Tue, 15 Dec 2020 21:02:22 GMT"
    http_server.route("/feed/", fixture(WP_RSS), headers=RSS_TYPE, etag='"v1"', last_modified=modified)
    source = sync_library.sources.add_known(http_server.url("/feed/"), "WordPress News").value

    first = service.run([str(source.id)], images=False)
    second = service.run([str(source.id)], images=False)

    assert first.results[0].new == 2
    assert second.ok and second.results[0].status == "not-modified" and second.new == 0
    assert http_server.requests[-1].headers["If-None-Match"] == '"v1"'
    assert http_server.requests[-1].headers["If-Modified-Since"] == modified
    with sync_library._storage.read() as conn:
        row = conn.execute(
            select(Source.etag, Source.last_modified, Source.last_error).where(Source.id == source.id)
        ).one()
    assert tuple(row) == ('"v1"', modified, None)
    assert len(story_rows(sync_library, source.id)) == 2

    # Without validators the feed is downloaded again: still no duplicates, nothing "updated".
    http_server.route("/feed/", fixture(WP_RSS), headers=RSS_TYPE)
    third = service.run([str(source.id)], images=False)
    assert (third.results[0].status, third.new, third.updated) == ("ok", 0, 0)
    assert len(story_rows(sync_library, source.id)) == 2


def test_update_refreshes_content_but_keeps_read_and_bookmark(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    library = sync_library
    http_server.route("/feed/", rss(rss_item("g-1", "Budget talks", "<p>First version.</p>")))
    source = library.sources.add_known(http_server.url("/feed/"), "Updates").value
    service.run([str(source.id)], images=False)
    (story,) = story_rows(library, source.id)
    library.stories.mark_read(story.id)
    library.bookmarks.set(story.id, note="keep")

    http_server.route("/feed/", rss(rss_item("g-1", "Budget talks resume", "<p>Second version, Almaty.</p>")))
    report = service.run([str(source.id)], images=False)

    assert (report.new, report.updated) == (0, 1)
    after = library.stories.get(story.id)
    assert after.title == "Budget talks resume" and after.content_text == "Second version, Almaty."
    assert after.is_read and after.is_bookmarked and after.bookmark_note == "keep"
    assert after.countries == ("KZ",)
    mine = (source.id,)
    assert [s.id for s in library.stories.page(StoryQuery(text="second", sources=mine)).stories] == [story.id]
    assert library.stories.count(StoryQuery(text="first", sources=mine)) == 0  # re-indexed


def test_guid_falls_back_to_the_url(http_server: FixtureServer, service: Sync, sync_library: Library) -> None:
    item = "<item><title>No guid here</title><link>https://example.test/a</link><description>x</description></item>"
    http_server.route("/feed/", rss(item, item))  # and the same story twice in one document
    source = sync_library.sources.add_known(http_server.url("/feed/"), "No guids").value

    service.run([str(source.id)], images=False)
    service.run([str(source.id)], images=False)

    rows = story_rows(sync_library, source.id)
    assert [(r.guid, r.url) for r in rows] == [("https://example.test/a", "https://example.test/a")]


def test_html_is_sanitised_at_ingest(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    body = (
        '<p onclick="steal()">Hello <a href="javascript:alert(1)">bad</a> <a href="/about">rel</a></p>'
        "<script>alert(1)</script><style>p{}</style><iframe src='https://evil.test/'></iframe>"
        '<img src="data:image/png;base64,AAAA"><img src="https://pixel.wp.com/g.gif?x=1">'
        '<img src="https://example.test/one.png" width="1" height="1"><p><img src="/photo.jpg"></p>'
    )
    http_server.route("/feed/", rss(rss_item("s-1", "Sanitised", body, link="https://example.test/story/1")))
    source = sync_library.sources.add_known(http_server.url("/feed/"), "Dirty").value
    service.run([str(source.id)], images=False)

    (row,) = story_rows(sync_library, source.id)
    html = row.content_html or ""
    for banned in (
        "onclick",
        "javascript:",
        "<script",
        "<style",
        "<iframe",
        "data:",
        "pixel.wp.com",
        "one.png",
    ):
        assert banned not in html
    # Relative addresses resolve against the feed document's address.
    assert f'href="{http_server.url("/about")}"' in html
    assert f'<img src="{http_server.url("/photo.jpg")}">' in html
    assert row.image_url == http_server.url("/photo.jpg")


def test_countries_and_sections_from_categories_and_text(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    items = [
        rss_item("c-1", "Gas pipeline", "<p>Talks in Ashgabat.</p>", categories=("Energy", "Business")),
        rss_item("c-2", "Выборы", "<p>Новости из Бишкека и Душанбе.</p>", categories=("Политика",)),
        rss_item("c-3", "Rail corridor", "<p>Nothing local.</p>", categories=("Uzbekistan", "Transport")),
        rss_item("c-4", "Oshkosh story", "<p>Not about Osh... or is it? It is not.</p>"),
    ]
    http_server.route("/feed/", rss(*items))
    source = sync_library.sources.add_known(http_server.url("/feed/"), "Tags").value
    service.run([str(source.id)], images=False)

    got = {
        s.title: (s.countries, s.sections)
        for s in sync_library.stories.iter(StoryQuery(sources=(source.id,)))
    }
    assert got["Gas pipeline"] == (("TM",), ("Economy", "Mining & Energy"))
    assert got["Выборы"] == (("KG", "TJ"), ("Politics",))
    assert got["Rail corridor"] == (("UZ",), ("Transport & Infrastructure",))
    assert got["Oshkosh story"] == (("KG",), ())  # "Osh" the city, named on its own


def test_retention_prunes_in_chunks_but_never_bookmarks(
    sync_library: Library, http_server: FixtureServer
) -> None:
    old = (dt.datetime.now(dt.UTC) - dt.timedelta(days=800)).strftime("%a, %d %b %Y %H:%M:%S +0000")
    new = dt.datetime.now(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    items = [rss_item(f"old-{n}", f"Zyxwold story {n}", "<p>Old.</p>", date=old) for n in range(7)]
    items.append(rss_item("fresh", "Fresh story", "<p>New.</p>", date=new))
    http_server.route("/feed/", rss(*items))
    source = sync_library.sources.add_known(http_server.url("/feed/"), "Retention").value
    service = sync_library.sync
    service.run([str(source.id)], images=False)  # retention off (0): everything is kept
    assert len(titles(sync_library, source.id)) == 8
    kept = sync_library.stories.page(StoryQuery(text='"Zyxwold story 3"')).stories[0].id
    sync_library.bookmarks.set(kept)

    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=365)
    pruned, _images = prune_stories(sync_library._storage, cutoff, chunk=2)  # four short transactions
    assert pruned == 6
    assert titles(sync_library, source.id) == ["Fresh story", "Zyxwold story 3"]
    with sync_library._storage.read() as conn:
        indexed = conn.execute(
            text("SELECT count(*) FROM search_index WHERE search_index MATCH 'title : zyxwold'")
        ).scalar_one()
        assert search_index_rows(conn) == conn.execute(text("SELECT count(*) FROM search_doc")).scalar_one()
        total = conn.execute(select(func.count()).select_from(Story)).scalar_one()
    assert indexed == 1  # pruned stories left the search index too
    assert total == 50 + 2  # the 50 sample stories are never pruned

    # With a one-year setting, a sync neither prunes the bookmark nor brings the old ones back.
    sync_library.settings.set_named("sync.retention_days", 365)
    report = service.run([str(source.id)], images=False)
    assert (report.new, report.pruned) == (0, 0)
    assert titles(sync_library, source.id) == ["Fresh story", "Zyxwold story 3"]
    # A pruned story's cached lead image goes with it; a kept story's stays.
    old_image, kept_image = "https://img.example/old.png", "https://img.example/kept.png"
    with writing(sync_library) as conn:
        conn.execute(update(Story).where(Story.id == kept).values(image_url=kept_image))
    fresh_id = sync_library.stories.page(StoryQuery(text='"Fresh story"')).stories[0].id
    with writing(sync_library) as conn:
        conn.execute(
            update(Story)
            .where(Story.id == fresh_id)
            .values(image_url=old_image, published_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
        )
    for url in (old_image, kept_image):
        sync_library.images.put(url, tiny_png())
    http_server.route("/feed/", rss())  # the story left the feed, so the sync does not refresh it
    assert service.run([str(source.id)], images=False).pruned == 1
    assert sync_library.images.get(old_image) is None and sync_library.images.get(kept_image) is not None
    assert titles(sync_library, source.id) == ["Zyxwold story 3"]
