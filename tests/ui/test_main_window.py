"""The main window, offscreen: stories, an article, five rates, filters, keyboard, saved layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.story_model import BOOKMARKED_ROLE, STORY_ID_ROLE


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    qtbot.waitUntil(
        lambda: (
            win.rates_panel.rates.count() == 5
            and win.rates_panel.chart is not None
            and win.rates_panel.chart.point_count > 0
        )
    )
    yield win
    win.tasks.wait_idle()


def test_window_shows_stories_an_article_and_five_rates(
    window: MainWindow, library: Library, tmp_path: Path
) -> None:
    total = library.stories.count(StoryQuery())
    assert window.count_label.text() == f"Showing 1–{min(total, 50)} of {total} stories"
    first = window.model.index(0, 0).data(STORY_ID_ROLE)
    story = library.stories.get(first)
    text = window.article.toPlainText()
    assert story.title in text and "Sample story written for Steppe Reader" in text
    assert story.content_text.splitlines()[0][:60] in text
    assert not story.is_read  # shown for the user, not opened by them: still unread
    rows = [window.rates_panel.rates.item(i).text() for i in range(5)]
    assert [r.split("/")[0] for r in rows] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
    assert all(" = 0." in r and r.endswith("%") for r in rows)
    assert "exchange-api" in window.rates_panel.source.text()
    assert window.rates_panel.chart.point_count == 203
    assert "sample" in window.state_label.text()
    shot = tmp_path / "window.png"
    assert window.grab().save(str(shot))
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1400, 860)
    colours = {image.pixel(x, y) for x in range(0, 1400, 10) for y in range(0, 860, 10)}
    assert len(colours) > 40  # text, chart and widgets were painted, not a blank window


def test_filters_narrow_the_list_and_the_count(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    bar = window.filter_bar
    expected = library.stories.count(StoryQuery(countries=("TJ",)))
    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        bar.country.set_checked(["TJ"])
    assert window.model.total == expected
    assert window.count_label.text().endswith(f"of {expected} stories")
    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        bar.search.setText("saxaul")
        bar.on_search_committed()
    assert window.model.total == 0  # the saxaul story is not about Tajikistan alone
    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        bar.on_clear_clicked()
    assert window.model.total == library.stories.count(StoryQuery())


def test_a_bad_search_is_explained_not_run(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.filter_bar.search_rejected) as blocker:
        window.filter_bar.search.setText('"unclosed')
        window.filter_bar.on_search_committed()
    assert "quotation mark" in blocker.args[0]
    assert "quotation mark" in window.statusBar().currentMessage()


def test_keyboard_moves_and_bookmarks(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    window.story_list.setFocus()
    qtbot.keyClick(window.story_list, Qt.Key.Key_J)
    second = window.model.index(1, 0).data(STORY_ID_ROLE)
    qtbot.waitUntil(lambda: window.article.story_id == second, timeout=5000)
    qtbot.waitUntil(lambda: library.stories.get(second).is_read, timeout=5000)  # J opened it
    qtbot.keyClick(window.story_list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.index(1, 0).data(BOOKMARKED_ROLE), timeout=5000)
    assert library.stories.get(second).is_bookmarked


def test_layout_is_remembered(qtbot: QtBot, library: Library) -> None:
    first = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(first)
    first.resize(780, 700)  # the offscreen screen is 800x800; restoreGeometry keeps windows on it
    first.show()
    first.splitter.setSizes([400, 250, 130])
    sizes = first.splitter.sizes()
    first.close()
    second = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(second)
    second.show()
    assert second.size() == first.size()
    assert second.splitter.sizes() == sizes
    second.close()


def test_live_rates_are_asked_for_after_the_first_page(qtbot: QtBot, library: Library) -> None:
    """At start-up the live rates (their HTTP client's imports, their requests) wait until the
    list's first page is in, so they do not take turns with the first paint of the rows; they
    are asked for once, and at the latest after FIRST_PAGE_WAIT_MS."""
    from reader.ui import app

    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    rows_when_started: list[int] = []
    app._after_first_page(win, lambda: rows_when_started.append(win.model.rowCount()))
    win.show()
    qtbot.waitUntil(lambda: bool(rows_when_started), timeout=app.FIRST_PAGE_WAIT_MS + 2000)
    assert rows_when_started[0] > 0  # after the first page, not beside it
    win.model.set_query(StoryQuery(text="tenge"))  # a later page does not start it again
    qtbot.wait(app.FIRST_PAGE_GRACE_MS * 3)
    assert len(rows_when_started) == 1
    win.tasks.wait_idle()
