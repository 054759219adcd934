"""The Library's `articles` part and `steppe fetch-article`, on a real cache and a local server."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import insert, inspect, select, update

from reader.cli import main
from reader.core.library import Library
from reader.core.models import Source, Story
from tests.httpserver import FIXTURES, FixtureServer, fixture

EXPECTED = json.loads((FIXTURES / "articles" / "expected.json").read_text(encoding="utf-8"))
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _first_story(library: Library, url: str) -> int:
    with library._storage.read() as conn:
        story_id = conn.execute(select(Story.id).order_by(Story.id).limit(1)).scalar_one()
    library._storage.write(
        lambda conn: conn.execute(update(Story).where(Story.id == story_id).values(url=url))
    )
    return story_id


def test_the_full_text_is_kept_beside_the_summary(tmp_path: Path, http_server: FixtureServer) -> None:
    http_server.route("/story", fixture("articles/bitrix-ru.html"), headers=HTML)
    with Library(tmp_path) as library:
        story_id = _first_story(library, http_server.url("/story"))
        summary = library.stories.get(story_id).summary
        changes = library.articles.fetch(story_id)
        assert changes.stories and changes.story_ids == {story_id}
        full = library.articles.get(story_id)
        assert full is not None and full.ok and full.note is None
        for paragraph in EXPECTED["bitrix-ru.html"]["paragraphs"]:
            assert paragraph in (full.text or "")
        assert library.stories.get(story_id).summary == summary


def test_a_failed_fetch_is_a_note_and_the_cli_says_so(
    tmp_path: Path, http_server: FixtureServer, capsys
) -> None:  # type: ignore[no-untyped-def]
    http_server.route("/gone", b"gone", status=404)
    http_server.route("/story", fixture("articles/wordpress-en.html"), headers=HTML)
    with Library(tmp_path) as library:
        story_id = _first_story(library, http_server.url("/gone"))
    assert main(["--data-dir", str(tmp_path), "fetch-article", str(story_id)]) == 1
    out = capsys.readouterr().out
    assert "could not be fetched" in out and "summary is kept" in out
    with Library(tmp_path) as library:
        full = library.articles.get(story_id)
        assert full is not None and not full.ok and full.note
        _first_story(library, http_server.url("/story"))
    assert main(["--data-dir", str(tmp_path), "fetch-article", str(story_id)]) == 0
    assert "full article kept" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "fetch-article", "999999"]) == 2
    assert "no story 999999" in capsys.readouterr().err


def test_0007_adds_the_table_and_the_source_setting(tmp_path: Path) -> None:
    with Library(tmp_path) as library, library._storage.read() as conn:
        assert "story_full" in inspect(conn).get_table_names()
        settings = set(conn.execute(select(Source.full_articles)).scalars())
    assert settings == {"automatic"}


def test_0007_upgrades_a_0006_cache_keeping_bookmarks_and_read_marks(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import text

    from reader.core.db import _alembic_config

    with Library(tmp_path) as library:
        library.bookmarks.set(4, note="kept across 0007")
        library.stories.mark_read(5)
        cfg = _alembic_config()
        with library._storage._engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
        with library._storage._engine.connect() as conn:
            assert "story_full" not in inspect(conn).get_table_names()
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == "0006"
    with Library(tmp_path) as library:  # upgraded again on open
        assert library.stories.get(4).bookmark_note == "kept across 0007"
        assert library.stories.get(5).is_read
        with library._storage.read() as conn:
            assert "story_full" in inspect(conn).get_table_names()


def test_search_finds_a_word_only_in_the_full_text(tmp_path: Path, http_server: FixtureServer) -> None:
    from reader.core.types import StoryQuery

    http_server.route("/story", fixture("articles/bitrix-ru.html"), headers=HTML)
    with Library(tmp_path) as library:
        library.search_index.rebuild()
        story_id = _first_story(library, http_server.url("/story"))
        query = StoryQuery(text="Аламедин")  # a river named only on the article page
        assert story_id not in {s.id for s in library.stories.iter(query)}
        library.articles.fetch(story_id)
        assert story_id in {s.id for s in library.stories.iter(query)}


def test_the_background_run_follows_each_sources_setting(tmp_path: Path, http_server: FixtureServer) -> None:
    http_server.route("/a", fixture("articles/custom-en.html"), headers=HTML)
    long_text = "<p>" + "steppe " * 200 + "</p>"
    with Library(tmp_path) as library:

        def setup(conn):  # type: ignore[no-untyped-def]
            now = dt.datetime.now(dt.UTC)
            conn.execute(update(Story).values(url=None))
            stories = conn.execute(select(Story.id).order_by(Story.id).limit(3)).scalars().all()
            picked = []
            for n, story_id in enumerate(stories):
                source_id = conn.execute(
                    insert(Source).values(
                        name=f"Outlet {n}", feed_url=f"{http_server.url('/feed')}?{n}", created_at=now
                    )
                ).inserted_primary_key[0]
                conn.execute(
                    update(Story)
                    .where(Story.id == story_id)
                    .values(
                        source_id=source_id,
                        url=http_server.url(f"/a?{story_id}"),
                        summary=long_text,
                        content_html=long_text,
                    )
                )
                picked.append((source_id, story_id))
            return picked

        (never_src, never_id), (always_src, always_id), (_auto_src, auto_id) = library._storage.write(setup)
        library.articles.set_mode(never_src, "never")
        library.articles.set_mode(always_src, "always")
        # automatic with a long feed text: not fetched; with a "read more" ending: fetched
        assert set(library.articles.wanted()) == {always_id}
        teaser = long_text.replace("</p>", ' <a href="/more">Подробнее</a></p>')
        library._storage.write(
            lambda conn: conn.execute(update(Story).where(Story.id == auto_id).values(content_html=teaser))
        )
        assert set(library.articles.wanted()) == {always_id, auto_id}
        run = library.articles.fetch_wanted()
        assert run.changes.story_ids == {always_id, auto_id} and (run.kept, run.failed) == (2, 0)
        assert library.articles.get(never_id) is None
        assert library.articles.get(always_id).ok and library.articles.get(auto_id).ok  # type: ignore[union-attr]
        assert library.articles.wanted() == []
        try:
            library.articles.set_mode(never_src, "sometimes")
        except ValueError as error:
            assert "automatic, always, never" in str(error)
        else:
            raise AssertionError("an unknown mode was accepted")
