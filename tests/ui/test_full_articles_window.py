"""Full articles in the window (issue 15), offscreen, against a real HTTP server on 127.0.0.1:
after a sync of a summary-only feed the article pages are fetched in the background; the pane
shows the whole story with a "Feed version / Full article" toggle; a page that fails is the
story's note and the list says "summary only"; Story → Fetch full article tries again; the
sources dialog sets a source's "Full articles" mode."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.sync.fetch import FetchConfig
from reader.core.sync.service import SyncConfig
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.story_model import ROW_ROLE, STORY_ID_ROLE
from tests.core.sync.conftest import offline_library
from tests.core.sync.payloads import rss, rss_item
from tests.helpers import add_source
from tests.httpserver import FIXTURES, FixtureServer, fixture
from tests.ui.test_sync_window import now_rfc822, run_sync

HTML = {"Content-Type": "text/html; charset=utf-8"}
EXPECTED = json.loads((FIXTURES / "articles" / "expected.json").read_text(encoding="utf-8"))
# The pages are small and local: a deadline of seconds, as the real client has.
CONFIG = SyncConfig(fetch=FetchConfig(timeout=5.0, max_bytes=1024 * 1024), workers=2)


def teaser(text: str, link: str) -> str:
    return f'<p>{text}</p><p><a href="{link}">Read more</a></p>'


@pytest.fixture
def library(data_dir: Path, http_server: FixtureServer) -> Iterator[Library]:
    with offline_library(data_dir) as lib:
        lib.sync.config = CONFIG
        http_server.route("/ru", fixture("articles/custom-ru.html"), headers=HTML)
        http_server.route("/en", fixture("articles/wordpress-en.html"), headers=HTML)
        http_server.route("/gone", b"gone", status=404)
        items = [
            rss_item("ru", "Teaser in Russian", teaser("Первый абзац.", http_server.url("/ru")),
                     link=http_server.url("/ru"), date=now_rfc822(1)),
            rss_item("en", "Teaser in English", teaser("The first lines.", http_server.url("/en")),
                     link=http_server.url("/en"), date=now_rfc822(2)),
            rss_item("gone", "Teaser of a page that is gone", teaser("Only this.", http_server.url("/gone")),
                     link=http_server.url("/gone"), date=now_rfc822(3)),
        ]  # fmt: skip
        http_server.route("/feed/", rss(*items, title="Summaries only"))
        add_source(lib, "Summaries only", http_server.url("/feed/"))
        yield lib


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 800)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    yield win
    win.full_articles.cancel()
    win.sync_controller.cancel()
    win.sync_controller.wait()
    win.tasks.wait_idle()


def show(qtbot: QtBot, window: MainWindow, title: str) -> int:
    """Select the story with this title (shown, not opened) and wait for the pane."""
    qtbot.waitUntil(
        lambda: any(window.model.story_at(r).title == title for r in range(window.model.rowCount()))
    )
    row = next(r for r in range(window.model.rowCount()) if window.model.story_at(r).title == title)
    story_id = int(window.model.index(row, 0).data(STORY_ID_ROLE))
    window.story_list.open_row(row)
    qtbot.waitUntil(
        lambda: window.article.story_id == story_id and window.full_articles.bar.story_id == story_id
    )
    return story_id


def pane_text(window: MainWindow) -> str:
    return " ".join(window.article.document().toPlainText().split())


def test_a_sync_fetches_the_pages_and_the_pane_toggles_versions(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    with qtbot.waitSignal(window.full_articles.run_finished, timeout=30000) as finished:
        report = run_sync(qtbot, window)
        assert report.new == 3 and report.ok
    run = finished.args[0]
    assert (run.kept, run.failed) == (2, 1)

    story_id = show(qtbot, window, "Teaser in Russian")
    bar = window.full_articles.bar
    assert bar.isVisible() and bar.full_button.isVisible() and bar.full_button.isChecked()
    assert not bar.fetch_button.isVisible()
    first = " ".join(EXPECTED["custom-ru.html"]["paragraphs"][0].split())
    assert first in pane_text(window)
    for junk in EXPECTED["custom-ru.html"]["junk"]:
        assert " ".join(junk.split()) not in pane_text(window)

    bar.feed_button.click()  # the feed's own teaser, kept beside the full text
    qtbot.waitUntil(lambda: "Первый абзац." in pane_text(window))
    assert first not in pane_text(window) and window.article.story_id == story_id
    bar.full_button.click()
    qtbot.waitUntil(lambda: first in pane_text(window))

    row = window.model.row_of(story_id)
    assert row is not None and "summary only" not in window.model.index(row, 0).data(ROW_ROLE).meta
    samples = [window.model.story_at(r) for r in range(window.model.rowCount())]
    assert any(s.is_sample for s in samples if s is not None)
    assert not any(s.summary_only for s in samples if s is not None and s.is_sample)  # whole, ours


def test_a_failed_page_is_the_storys_note_and_fetch_tries_again(
    qtbot: QtBot, window: MainWindow, library: Library, http_server: FixtureServer
) -> None:
    with qtbot.waitSignal(window.full_articles.run_finished, timeout=30000):
        report = run_sync(qtbot, window)
    assert report.ok  # a page that failed is never a failed sync
    story_id = show(qtbot, window, "Teaser of a page that is gone")
    bar = window.full_articles.bar
    assert bar.isVisible() and bar.label.text().startswith("Summary only — ")
    assert "404" in bar.label.text() or "could not" in bar.label.text().lower()
    assert bar.fetch_button.isVisible() and bar.fetch_button.text() == "Try again"
    assert not bar.full_button.isVisible()
    row = window.model.row_of(story_id)
    assert row is not None and "summary only" in window.model.index(row, 0).data(ROW_ROLE).meta

    http_server.route("/gone", fixture("articles/drupal-en.html"), headers=HTML)  # the page is back
    library.stories.mark_read(story_id, False)  # opened above; fetching must not read it again
    action = window.full_articles.fetch_action
    assert action is not None and action.shortcut().toString() == "Ctrl+Shift+A"
    with qtbot.waitSignal(window.full_articles.fetch_finished, timeout=15000) as fetched:
        action.trigger()
    assert fetched.args == [story_id]
    first = " ".join(EXPECTED["drupal-en.html"]["paragraphs"][0].split())
    qtbot.waitUntil(lambda: first in pane_text(window), timeout=5000)
    qtbot.waitUntil(lambda: bar.full_button.isVisible())
    qtbot.waitUntil(
        lambda: (
            "summary only"
            not in window.model.index(window.model.row_of(story_id) or 0, 0).data(ROW_ROLE).meta
        )
    )
    assert not library.stories.get(story_id).is_read  # fetching never marks a story read


def test_the_sources_dialog_sets_a_sources_full_articles_mode(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    window.sync_controller.show_sources()
    dialog = window.sync_controller.sources_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: any(s.name == "Summaries only" for s in dialog.sources))
    assert not dialog.full_combo.isEnabled()  # nothing selected
    mine = next(s for s in dialog.sources if s.name == "Summaries only")
    dialog.select_source(mine.id)
    assert dialog.full_combo.isEnabled() and dialog.full_combo.currentData() == "automatic"
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.full_combo.setCurrentIndex(dialog.full_combo.findData("never"))
        dialog.full_combo.activated.emit(dialog.full_combo.currentIndex())
    assert "never fetched" in dialog.message.text()
    assert next(s for s in dialog.sources if s.id == mine.id).full_articles == "never"
    assert dialog.full_combo.currentData() == "never"
    assert next(s for s in library.sources.list() if s.id == mine.id).full_articles == "never"
    dialog.close()
