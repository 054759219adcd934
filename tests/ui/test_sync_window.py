"""Sync in the window, offscreen, against a real HTTP server on 127.0.0.1: F5, progress naming the
source, new stories on top without losing the selection, the error list, offline, cancelling,
cached images in the article pane, and the sources dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.sync.fetch import FetchConfig
from reader.core.sync.service import SyncConfig, SyncProgress, SyncReport
from reader.core.types import SYNC_INTERVAL
from reader.ui import operations
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.story_model import STORY_ID_ROLE
from reader.ui.sync_controller import OFFLINE_TEXT
from tests.core.sync.conftest import FAST, offline_library
from tests.core.sync.payloads import WP_RSS, rss, rss_item, tiny_png
from tests.helpers import add_source
from tests.httpserver import FixtureServer, fixture


def now_rfc822(minutes_ago: int = 0) -> str:
    moment = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes_ago)
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


@pytest.fixture
def sync_library(data_dir: Path) -> Iterator[Library]:
    with offline_library(data_dir) as library:
        yield library


@pytest.fixture
def window(qtbot: QtBot, sync_library: Library) -> Iterator[MainWindow]:
    win = MainWindow(sync_library, settings_for(sync_library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 700)
    sync_library.sync.config = FAST
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    yield win
    win.sync_controller.cancel()
    win.sync_controller.wait()
    win.tasks.wait_idle()


def run_sync(qtbot: QtBot, window: MainWindow, timeout: int = 10000) -> SyncReport:
    with qtbot.waitSignal(window.sync_controller.sync_finished, timeout=timeout) as finished:
        sync_action = next(a for a in _actions(window) if a.text() == "&Sync now")
        assert sync_action.shortcut().toString() == "F5"
        sync_action.trigger()
    report = finished.args[0]
    assert isinstance(report, SyncReport)
    return report


def _actions(window: MainWindow) -> list:  # type: ignore[type-arg]
    return [a for menu in window.menuBar().actions() if menu.menu() for a in menu.menu().actions()]


def test_new_stories_arrive_without_losing_selection_or_place(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer
) -> None:
    items = [
        rss_item(f"n{n}", f"Fresh news {n}", "<p>From Bishkek.</p>", date=now_rfc822(n)) for n in range(5)
    ]
    http_server.route("/feed/", rss(*items))
    add_source(sync_library, "Local news", http_server.url("/feed/"))
    model, view = window.model, window.story_list
    window.move_selection(12)
    qtbot.waitUntil(lambda: window.article.story_id == view.currentIndex().data(STORY_ID_ROLE))
    chosen = window.article.story_id
    view.verticalScrollBar().setValue(6)
    rows_before = model.rowCount()
    seen: list[SyncProgress] = []
    window.sync_controller.sync_progressed.connect(seen.append)

    with qtbot.waitSignal(model.rows_merged, timeout=10000) as merged:
        report = run_sync(qtbot, window)

    assert report.ok and report.new == 5 and merged.args == [5]
    assert any(p.message == "Fetching Local news" for p in seen)
    assert model.rowCount() == rows_before + 5
    assert [model.index(r, 0).data() for r in range(5)] == [f"Fresh news {n}" for n in range(5)]
    assert view.currentIndex().data(STORY_ID_ROLE) == chosen  # the same story, now 5 rows lower
    assert view.currentIndex().row() == 12 + 5
    assert view.verticalScrollBar().value() == 6 + 5 * view.row_height()  # the rows on screen stayed put
    assert window.article.story_id == chosen
    assert window.sync_controller.label.text() == "Synced: 5 new, 0 updated, 1 of 1 sources ok"
    assert window.sync_controller.errors_button.isHidden() and window.sync_controller.progress.isHidden()
    qtbot.waitUntil(lambda: window.count_label.text().endswith(f"of {rows_before + 5} stories"))


def test_errors_are_listed_per_source_and_offline_is_said(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer, tmp_path: Path
) -> None:
    http_server.route("/feed/", fixture(WP_RSS))
    http_server.route("/down/", b"no", status=500)
    http_server.route("/gone/", b"no", status=404)
    add_source(sync_library, "Working feed", http_server.url("/feed/"))
    add_source(sync_library, "Broken feed", http_server.url("/down/"))
    add_source(sync_library, "Moved feed", http_server.url("/gone/"))

    report = run_sync(qtbot, window)

    controller = window.sync_controller
    assert len(report.failures) == 2 and not report.offline
    # The capture's stories (2020) are older than every loaded row: they page in at the end.
    qtbot.waitUntil(lambda: window.model.total == 50 + 2)  # the 50 sample stories, then the capture's
    assert window.model.rowCount() == 50 and window.model.canFetchMore()
    with qtbot.waitSignal(window.model.rows_fetched, timeout=10000):
        window.model.fetchMore()
    assert [window.model.index(r, 0).data() for r in (50, 51)] == [
        "Introducing Learn WordPress",
        "WordPress 5.6 “Simone”",
    ]
    assert controller.errors_button.isVisible() and controller.errors_button.text() == "⚠ 2 sources failed"
    controller.errors_button.click()
    dialog = controller.errors_dialog
    assert dialog is not None and dialog.isVisible()
    rows = [
        tuple(dialog.tree.topLevelItem(i).text(c) for c in range(3))
        for i in range(dialog.tree.topLevelItemCount())
    ]
    assert sorted(rows) == [
        ("Broken feed", "127.0.0.1 answered HTTP 500 Internal Server Error", http_server.url("/down/")),
        ("Moved feed", "127.0.0.1 answered HTTP 404 Not Found", http_server.url("/gone/")),
    ]
    assert dialog.heading.text().startswith("2 of 3 sources failed")
    dialog.grab().save(str(tmp_path / "errors.png"))
    dialog.close()

    http_server.stop()
    rows_before = window.model.rowCount()
    offline = run_sync(qtbot, window)
    assert offline.offline
    # Said once in the status bar, on the button that opens the details.
    assert controller.label.text() == ""
    assert controller.errors_button.text() == f"⚠ {OFFLINE_TEXT}"
    assert window.model.rowCount() == rows_before  # still showing the saved stories
    window.move_selection(1)
    qtbot.waitUntil(lambda: window.article.story_id == window.story_list.currentIndex().data(STORY_ID_ROLE))


def test_sync_can_be_cancelled(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer
) -> None:
    http_server.route("/slow/", fixture(WP_RSS), delay=3.0)
    add_source(sync_library, "Slow source", http_server.url("/slow/"))
    controller = window.sync_controller
    sync_library.sync.config = SyncConfig(fetch=FetchConfig(timeout=10))

    controller.sync_now()
    qtbot.waitUntil(lambda: controller.label.text() == "Fetching Slow source", timeout=5000)
    assert controller.progress.isVisible() and controller.cancel_button.isVisible()
    with qtbot.waitSignal(controller.sync_finished, timeout=2000) as finished:
        controller.cancel_button.click()

    assert finished.args[0].cancelled
    assert controller.label.text().startswith("Sync cancelled")
    assert not controller.running and controller.progress.isHidden()


def test_article_images_come_from_the_cache_never_the_network(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer
) -> None:
    png = tiny_png(5, 4)
    body = '<p>Picture:</p><img src="/img/photo.png"><img src="/img/never-cached.png">'
    http_server.route("/feed/", rss(rss_item("img-1", "Story with a picture", body, date=now_rfc822())))
    http_server.route("/img/photo.png", png, headers={"Content-Type": "image/png"})
    add_source(sync_library, "Pictures", http_server.url("/feed/"))
    report = run_sync(qtbot, window)
    assert report.images_saved == 1
    http_server.stop()
    asked = len(http_server.requests)

    qtbot.waitUntil(lambda: window.model.index(0, 0).data() == "Story with a picture")
    window.story_list.setCurrentIndex(window.model.index(0, 0))
    qtbot.waitUntil(lambda: "Picture:" in window.article.toPlainText())

    article = window.article
    cached = article.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl(http_server.url("/img/photo.png"))
    )
    missing = article.loadResource(
        QTextDocument.ResourceType.ImageResource.value, QUrl(http_server.url("/img/never-cached.png"))
    )
    local = article.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl("file:///etc/hostname"))
    assert isinstance(cached, QImage) and (cached.width(), cached.height()) == (5, 4)
    assert isinstance(missing, QImage) and (missing.width(), missing.height()) == (64, 40)  # the placeholder
    assert isinstance(local, QImage) and (local.width(), local.height()) == (64, 40)
    assert len(http_server.requests) == asked


def test_sources_dialog_adds_renames_disables_removes(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer, tmp_path: Path
) -> None:
    http_server.route(
        "/site/",
        b'<html><head><title>Site</title><link rel="alternate" type="application/rss+xml" href="/site/feed/"></head></html>',
        headers={"Content-Type": "text/html"},
    )
    http_server.route("/site/feed/", fixture(WP_RSS))
    window.sync_controller.show_sources()
    dialog = window.sync_controller.sources_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 14)

    dialog.url_edit.setText(http_server.url("/site/"))
    dialog.name_edit.setText("My local site")
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.add_button.click()
        assert dialog.wait_for_network()
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "My local site" in names and dialog.table.rowCount() == 15
    assert dialog.message.text().startswith(f"Added My local site — {http_server.url('/site/feed/')}")

    dialog.select_source(next(s.id for s in dialog.sources if s.name == "My local site"))
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.rename_selected("Renamed site")
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.toggle_selected()
    mine = next(s for s in dialog.sources if s.feed_url == http_server.url("/site/feed/"))
    assert (mine.name, mine.enabled) == ("Renamed site", False)
    assert dialog.toggle_button.text() == "&Enable"
    assert dialog.table.item(dialog.sources.index(mine), 0).text() == "Renamed site (disabled)"

    exported = tmp_path / "sources.opml"
    dialog.export_opml(exported)
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Wrote 15 sources"))
    assert exported.read_text("utf-8").count("<outline") == 15

    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        dialog.remove_selected()
    assert dialog.table.rowCount() == 14 and "Removed Renamed site" in dialog.message.text()

    dialog.url_edit.setText("ftp://example.test/feed")
    dialog.add_button.click()
    assert dialog.wait_for_network()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("⚠ "))
    assert "only http:// and https://" in dialog.message.text()
    dialog.close()


def test_interval_schedule_follows_the_setting(
    qtbot: QtBot, window: MainWindow, sync_library: Library
) -> None:
    controller = window.sync_controller
    sync_library.settings.set_named("sync.interval_minutes", 0)
    with qtbot.waitSignal(controller.schedule_applied, timeout=5000) as applied:
        controller.start_schedule(first_delay_ms=10)
    assert applied.args == [0] and not controller.timer.isActive()

    sync_library.settings.set_named("sync.interval_minutes", 30)
    with qtbot.waitSignal(controller.sync_finished, timeout=5000) as finished:  # never synced: soon
        controller.start_schedule(first_delay_ms=10)
    assert controller.timer.isActive() and controller.timer.interval() == 30 * 60_000
    assert finished.args[0].results == ()  # nothing enabled here: the bundled sources are off
    assert controller.label.text().startswith("Nothing to sync: no source is enabled")

    # Changed from the window (Sync → Sync interval…), the timer follows at once.
    with qtbot.waitSignal(controller.schedule_applied, timeout=5000) as applied:
        operations.save_setting(SYNC_INTERVAL, 45).run(window.tasks)
    assert applied.args == [45] and controller.timer.interval() == 45 * 60_000
