"""The window after a sync with broken sources, offscreen against a real HTTP server: the status
bar's one line, the Sync problems dialog with its summary and Details, and the Sources dialog's
Add when the site cannot be read. No traceback or Python repr reaches a label."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from reader.core.library import Library
from reader.core.logs import log_path, shown_path
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from tests.core.sync.conftest import FAST, offline_library
from tests.core.sync.payloads import RSS_TYPE, rss, rss_item
from tests.helpers import add_source, logging_to_its_folder, refuse_inserts
from tests.httpserver import FixtureServer

REPR_MARKS = ("Traceback", 'File "', "object at 0x", "<class ", "Error(")


@pytest.fixture
def sync_library(data_dir: Path) -> Iterator[Library]:
    with offline_library(data_dir) as library, logging_to_its_folder(library):  # as run_app does
        yield library


@pytest.fixture
def window(qtbot: QtBot, sync_library: Library) -> Iterator[MainWindow]:
    win = MainWindow(sync_library, settings_for(sync_library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 700)
    win.sync_controller.config = FAST
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=10000)
    yield win
    win.sync_controller.cancel()
    win.sync_controller.wait()
    win.runner.wait_idle()


def plain(text: str) -> bool:
    return not any(mark in text for mark in REPR_MARKS)


def test_problems_dialog_lists_each_source_sums_up_and_shows_details(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer
) -> None:
    http_server.route("/ok/", rss(rss_item("ok-1", "Fine story", "<p>Fine.</p>")), headers=RSS_TYPE)
    http_server.route("/gone/", b"gone", status=404)
    for path in ("/down1/", "/down2/", "/down3/"):
        http_server.route(path, b"down", status=500)
    items = [rss_item("fine-1", "Fine", "<p>x</p>"), rss_item("poison-1", "Refused", "<p>x</p>")]
    http_server.route("/poisoned/", rss(*items), headers=RSS_TYPE)
    add_source(sync_library, "Working", http_server.url("/ok/"))
    add_source(sync_library, "Moved", http_server.url("/gone/"))
    for n in (1, 2, 3):
        add_source(sync_library, f"Down {n}", http_server.url(f"/down{n}/"))
    add_source(sync_library, "Poisoned", http_server.url("/poisoned/"))
    refuse_inserts(sync_library, "story", "NEW.guid LIKE 'poison-%'")
    controller = window.sync_controller

    with qtbot.waitSignal(controller.sync_finished, timeout=10000) as finished:
        controller.sync_now()

    report = finished.args[0]
    assert len(report.failures) == 5 and report.new == 1
    assert controller.label.text() == "Synced 1 of 6 sources, 5 failed: 1 new, 0 updated"
    assert controller.errors_button.text() == "⚠ 5 sources failed"
    assert plain(controller.label.text()) and plain(controller.errors_button.toolTip())
    assert window.statusBar().currentMessage() == ""  # one status line per sync, no second message

    controller.errors_button.click()
    dialog = controller.errors_dialog
    assert dialog is not None and dialog.isVisible()
    rows = {
        dialog.tree.topLevelItem(i).text(0): dialog.tree.topLevelItem(i).text(1)
        for i in range(dialog.tree.topLevelItemCount())
    }
    log_file = shown_path(log_path(sync_library.data_dir.resolve()))
    assert rows == {
        "Moved": "127.0.0.1 answered HTTP 404 Not Found",
        "Down 1": "127.0.0.1 answered HTTP 500 Internal Server Error",
        "Down 2": "127.0.0.1 answered HTTP 500 Internal Server Error",
        "Down 3": "127.0.0.1 answered HTTP 500 Internal Server Error",
        "Poisoned": f"Steppe could not read this source (an internal error, logged in {log_file})",
    }
    assert all(plain(problem) for problem in rows.values())
    # The three 500s at one host are one line in the summary above the list.
    assert dialog.summary.isVisible()
    summary = dialog.summary.text().splitlines()
    assert len(summary) == 3
    assert summary[0].startswith("• 127.0.0.1 answered HTTP 500") and summary[0].endswith(
        "3 sources (Down 1, Down 2, Down 3)"
    )
    assert log_file in dialog.log_note.text()

    assert dialog.details.isHidden() and dialog.details_button.isEnabled()
    dialog.details_button.click()
    assert dialog.details.isVisible()
    names = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(names.index("Moved")))
    details = dialog.details.toPlainText()
    assert (
        "Problem: 127.0.0.1 answered HTTP 404 Not Found" in details
        and f"Feed address: {http_server.url('/gone/')}" in details
    )
    assert "Kind: http" in details and f"Log file: {log_file}" in details and "When: " in details
    assert "Traceback" not in details
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(names.index("Poisoned")))
    details = dialog.details.toPlainText()
    assert "Kind: internal" in details and "sqlalchemy.exc.IntegrityError" in details
    assert "Traceback (most recent call last)" in details  # only here, never in the list
    dialog.details_button.click()
    assert dialog.details.isHidden()
    dialog.close()


def test_sources_dialog_add_failures_are_one_plain_line_and_add_nothing(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer
) -> None:
    http_server.route("/gone/", b"gone", status=404)
    http_server.route(
        "/feed/", rss(rss_item("a-1", "Fine", "<p>x</p>"), title="Poisoned name"), headers=RSS_TYPE
    )
    refuse_inserts(sync_library, "source", "NEW.name = 'Poisoned name'")
    window.sync_controller.show_sources()
    dialog = window.sync_controller.sources_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 14)

    def add(url: str) -> str:
        dialog.message.clear()
        dialog.url_edit.setText(url)
        dialog.add_button.click()
        assert dialog.wait_for_network()
        qtbot.waitUntil(lambda: dialog.message.text().startswith("⚠ "))
        return dialog.message.text()

    gone = add(http_server.url("/gone/"))
    assert gone == f"⚠ {http_server.url('/gone/')}: 127.0.0.1 answered HTTP 404 Not Found"
    bug = add(http_server.url("/feed/"))
    log_file = shown_path(log_path(sync_library.data_dir.resolve()))
    assert (
        bug
        == f"⚠ {http_server.url('/feed/')}: Steppe could not add this source (an internal error, logged in {log_file})"
    )
    assert "refused by the test trigger on source" in log_path(sync_library.data_dir).read_text(
        encoding="utf-8"
    )
    assert dialog.add_button.isEnabled() and dialog.table.rowCount() == 14
    assert len(dialog.manager.list()) == 14
    dialog.close()


def test_a_sync_that_cannot_run_at_all_is_one_plain_status_line(
    qtbot: QtBot, window: MainWindow, sync_library: Library
) -> None:
    source_id = add_source(sync_library, "Damaged row", "https://example.test/feed/")
    with sync_library._write() as conn:  # a damaged cache: a date column holding text
        conn.execute(text("UPDATE source SET retry_after = 'not a date' WHERE id = :id"), {"id": source_id})
    controller = window.sync_controller

    with qtbot.waitSignal(controller.sync_failed, timeout=10000) as failed:
        controller.sync_now()

    log_file = shown_path(log_path(sync_library.data_dir.resolve()))
    said = f"Steppe could not finish the sync (an internal error, logged in {log_file})"
    assert failed.args == [said] and controller.label.text() == said
    assert not controller.running and controller.progress.isHidden()
    assert "Traceback (most recent call last)" in log_path(sync_library.data_dir).read_text(encoding="utf-8")
