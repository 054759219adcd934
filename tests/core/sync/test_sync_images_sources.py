"""Offline images (saved during sync, served from the cache with the server gone) and source
management (rename, disable, remove, OPML import and export)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.opml import read_opml
from reader.core.search.state import search_index_rows
from reader.core.sync.service import Sync
from reader.core.sync.sources import SourceInUse, SourceNotFound
from reader.core.types import StoryQuery
from tests.core.sync.payloads import rss, rss_item, tiny_png
from tests.httpserver import FixtureServer


def test_images_are_cached_and_served_with_the_server_stopped(
    http_server: FixtureServer, service: Sync, sync_library: Library
) -> None:
    png = tiny_png()
    body = '<p>Photo:</p><img src="/img/a.png"><img src="/img/fake.png"><img src="/img/missing.png">'
    http_server.route("/feed/", rss(rss_item("i-1", "With photos", body)))
    http_server.route("/img/a.png", png, headers={"Content-Type": "image/png"})
    http_server.route("/img/fake.png", b"<html>not an image</html>", headers={"Content-Type": "image/png"})
    source = sync_library.sources.add_known(http_server.url("/feed/"), "Photos").value

    report = service.run([str(source.id)])
    http_server.stop()

    assert report.ok and report.images_saved == 1
    cache = sync_library.images
    cached = cache.get(http_server.url("/img/a.png"))
    assert cached is not None and cached.read_bytes() == png
    assert cache.get(http_server.url("/img/fake.png")) is None  # type checked, not trusted
    assert cache.get(http_server.url("/img/missing.png")) is None
    image_requests = [r for r in http_server.requests if r.path.startswith("/img/")]
    assert len(image_requests) == 3

    # A second sync does not download what is already cached.
    again = service.run([str(source.id)])
    assert again.offline and again.images_saved == 0


def test_rename_disable_remove(http_server: FixtureServer, service: Sync, sync_library: Library) -> None:
    library = sync_library
    manager = library.sources
    http_server.route("/feed/", rss(*(rss_item(f"r-{n}", f"Story {n}", "<p>x</p>") for n in range(3))))
    source = manager.add_known(http_server.url("/feed/"), "Original").value
    service.run([str(source.id)], images=False)

    manager.rename(source.id, "  Renamed ")
    manager.set_enabled(source.id, False)
    assert (manager.get(source.id).name, manager.get(source.id).enabled) == ("Renamed", False)
    assert service.run(images=False).results == ()  # disabled sources are not synced by default

    story_id = library.stories.page(StoryQuery(sources=(source.id,))).stories[0].id
    library.bookmarks.set(story_id)
    with pytest.raises(SourceInUse, match="1 bookmarked story"):
        manager.remove(source.id)
    assert library.stories.count(StoryQuery(sources=(source.id,))) == 3  # nothing lost

    library.bookmarks.set(story_id, False)
    assert manager.remove(source.id).value == 3
    with pytest.raises(SourceNotFound):
        manager.get(source.id)
    with library._storage.read() as conn:
        from sqlalchemy import text

        leftover = conn.execute(
            text("SELECT count(*) FROM search_doc WHERE story_id = :id"), {"id": story_id}
        ).scalar()
        # The index's own rows went too (not left unreachable): one per remaining story.
        assert search_index_rows(conn) == conn.execute(text("SELECT count(*) FROM story")).scalar()
    assert leftover == 0


def test_opml_round_trip(sync_library: Library, tmp_path: Path) -> None:
    manager = sync_library.sources
    before = {s.feed_url for s in manager.list()}
    assert len(before) == 14  # the bundled default sources
    exported = tmp_path / "mine.opml"

    assert manager.export_opml(exported) == 14
    assert {f.feed_url for f in read_opml(exported)} == before

    other = tmp_path / "other.opml"
    other.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head/><body>'
        '<outline text="Group"><outline type="rss" text="New one" xmlUrl="https://new.example/feed/"/></outline>'
        '<outline type="rss" text="Dup" xmlUrl="https://timesca.com/feed/"/>'
        '<outline type="rss" text="Bad scheme" xmlUrl="javascript:alert(1)"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    assert manager.import_opml(other).value == (1, 2)
    assert manager.find("New one").feed_url == "https://new.example/feed/"
    assert len(manager.list()) == 15
