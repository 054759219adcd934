"""Selection is not reading, and a saved search comes back exactly: through the real window."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types import SortOrder, StoryQuery
from reader.ui import operations
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.saved_searches import SEARCH_ROLE
from reader.ui.story_model import READ_ROLE, STORY_ID_ROLE, StoryListModel


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    yield win
    win.tasks.wait_idle()


def unread(library: Library) -> int:
    return library.stories.count(StoryQuery(unread_only=True))


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Let the list load and its first story show (which is where reading used to happen)."""
    qtbot.waitUntil(lambda: window.count_label.text() != "Loading…", timeout=10000)
    first = window.model.index(0, 0).data(STORY_ID_ROLE) if window.model.rowCount() else None
    qtbot.waitUntil(lambda: window.article.story_id == first or first is None, timeout=10000)
    window.tasks.wait_idle()
    qtbot.wait(20)


def test_twenty_filter_changes_and_searches_leave_read_state_alone(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    for story_id in (2, 5):  # some read (through the window, so its status follows), most not
        operations.mark_read(story_id, True).run(window.tasks)
    window.tasks.wait_idle()
    before, state_before = unread(library), library.state().unread_count
    assert 0 < before == state_before < library.stories.count(StoryQuery())
    bar = window.filter_bar
    steps = [
        lambda: bar.country.set_checked(["KZ"]),
        lambda: bar.country.set_checked(["KZ", "UZ"]),
        lambda: bar.section.set_checked(["economy"]),
        lambda: bar.section.set_checked([]),
        lambda: bar.unread.setChecked(True),
        lambda: bar.country.set_checked(["TJ"]),
        lambda: bar.bookmarked.setChecked(True),
        lambda: bar.bookmarked.setChecked(False),
        lambda: bar.unread.setChecked(False),
        lambda: bar.country.set_checked([]),
        lambda: (bar.search.setText("tenge"), bar.on_search_committed()),
        lambda: (bar.search.setText("water OR dam"), bar.on_search_committed()),
        lambda: bar.sort.activated.emit(bar.sort.findData(SortOrder.OLDEST)),
        lambda: (bar.search.setText("Kazakhstan"), bar.on_search_committed()),
        lambda: bar.use_dates.setChecked(True),
        lambda: bar.set_date_range(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
        lambda: bar.use_dates.setChecked(False),
        lambda: (bar.search.setText("zzzz-nothing"), bar.on_search_committed()),
        lambda: bar.on_clear_clicked(),
        lambda: bar.unread.setChecked(True),
    ]
    assert len(steps) == 20
    for step in steps:
        step()
        settle(qtbot, window)
        assert unread(library) == before
    assert library.state().unread_count == state_before
    total = library.stories.count(StoryQuery())
    qtbot.waitUntil(lambda: window.state_label.text().startswith(f"{total} stories · {before} unread"))


def test_with_unread_only_the_one_unread_story_stays_unread(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    everything = [s.id for s in library.stories.iter(StoryQuery())]
    last = everything[-1]
    for story_id in everything[:-1]:
        library.stories.mark_read(story_id)
    window.filter_bar.unread.setChecked(True)
    qtbot.waitUntil(lambda: window.model.total == 1 and window.article.story_id == last, timeout=10000)
    window.tasks.wait_idle()
    qtbot.wait(50)
    assert not library.stories.get(last).is_read  # shown, so the user can read it, not read for them
    assert not window.model.index(0, 0).data(READ_ROLE)  # painted unread


def test_a_story_is_read_when_the_user_opens_it(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    ids = [window.model.index(r, 0).data(STORY_ID_ROLE) for r in range(5)]
    assert window.article.story_id == ids[0] and not library.stories.get(ids[0]).is_read
    view = window.story_list
    view.setFocus()
    # A click on the story that was only shown opens it.
    rect = view.visualRect(window.model.index(0, StoryListModel.TITLE))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: library.stories.get(ids[0]).is_read, timeout=5000)
    # J, the Down arrow and Enter open too.
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: library.stories.get(ids[1]).is_read, timeout=5000)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: library.stories.get(ids[2]).is_read, timeout=5000)
    view.setCurrentIndex(window.model.index(3, StoryListModel.TITLE))  # moved for the user: shown only
    qtbot.waitUntil(lambda: window.article.story_id == ids[3], timeout=5000)
    window.tasks.wait_idle()
    assert not library.stories.get(ids[3]).is_read
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: library.stories.get(ids[3]).is_read, timeout=5000)
    # Ctrl+U makes it unread again, and nothing reads it behind the user's back.
    qtbot.keyClick(view, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not library.stories.get(ids[3]).is_read, timeout=5000)
    qtbot.waitUntil(lambda: not window.model.index(3, 0).data(READ_ROLE))
    assert not library.stories.get(ids[4]).is_read


def test_a_saved_search_comes_back_with_every_field(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    sources = [s for s in library.sources.list(include_sample=True)]
    sample = next(s.id for s in sources if s.is_sample)
    feed = next(s.id for s in sources if not s.is_sample)
    bar = window.filter_bar
    qtbot.waitUntil(lambda: len(bar.source.checked()) == 0 and bar.source.count() > 2)
    bar.search.setText("tenge OR soum")
    bar.on_search_committed()
    bar.country.set_checked(["KZ", "UZ"])
    bar.section.set_checked(["economy", "politics"])
    bar.source.set_checked([sample, feed])
    bar.use_dates.setChecked(True)
    bar.since.setDate(QDate(2024, 3, 1))
    bar.until.setDate(QDate(2026, 10, 31))
    bar.unread.setChecked(True)
    bar.bookmarked.setChecked(True)
    bar.sort.activated.emit(bar.sort.findData(SortOrder.OLDEST))
    wanted = StoryQuery(
        text="tenge OR soum",
        countries=("KZ", "UZ"),
        sections=("economy", "politics"),
        sources=(sample, feed),
        since=dt.date(2024, 3, 1),
        until=dt.date(2026, 10, 31),
        unread_only=True,
        bookmarked_only=True,
        sort=SortOrder.OLDEST,
    )
    assert bar.query() == wanted
    # Bookmark a story that fits the rest, so the search finds something.
    unfiltered = dataclasses.replace(wanted, bookmarked_only=False)
    operations.toggle_bookmark(library.stories.page(unfiltered, limit=1).stories[0].id).run(window.tasks)
    qtbot.waitUntil(lambda: window.model.query == wanted and window.model.total > 0, timeout=10000)
    expected_total = library.stories.count(wanted)
    assert window.model.total == expected_total > 0

    panel = window.bookmark_actions.panel
    panel.save_current("Everything at once")
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.list.item(0).data(SEARCH_ROLE) is not None)
    assert library.saved_searches.get("Everything at once").query == wanted

    bar.on_clear_clicked()
    qtbot.waitUntil(lambda: window.model.query == StoryQuery(), timeout=10000)
    assert bar.country.checked() == () and not bar.unread.isChecked()

    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        panel.on_item_activated(panel.list.item(0))
    assert window.model.query == wanted and bar.query() == wanted
    assert window.model.total == expected_total
    # The bar shows all of it, not its first value of each.
    assert bar.search.text() == "tenge OR soum"
    assert bar.country.checked() == ("KZ", "UZ") and bar.country.summary() == "Kazakhstan, Uzbekistan"
    assert bar.section.checked() == ("economy", "politics")
    assert bar.source.checked() == (sample, feed)
    assert bar.use_dates.isChecked() and bar.since.date() == QDate(2024, 3, 1)
    assert bar.until.date() == QDate(2026, 10, 31)
    assert bar.unread.isChecked() and bar.bookmarked.isChecked()
    assert bar.sort.currentData() is SortOrder.OLDEST
    # Editing one filter afterwards keeps the others as they were saved.
    bar.bookmarked.setChecked(False)
    assert bar.query() == unfiltered


@pytest.mark.qt_log_ignore("This plugin does not support")  # offscreen: popups cannot raise or grab
def test_the_drop_downs_tick_several_values_from_their_popup(qtbot: QtBot, window: MainWindow) -> None:
    combo = window.filter_bar.country
    qtbot.waitUntil(lambda: combo.count() == 6)  # "All countries" and the five
    combo.showPopup()
    view = combo.view()
    for key in ("TJ", "KG"):
        row = combo.keys_in_order().index(key) + 1
        rect = view.visualRect(view.model().index(row, 0))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.isVisible()  # ticking keeps it open
    assert set(combo.checked()) == {"KG", "TJ"}
    qtbot.waitUntil(lambda: set(window.model.query.countries) == {"KG", "TJ"}, timeout=10000)
    rect = view.visualRect(view.model().index(0, 0))  # "All countries" clears the choice
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert combo.checked() == () and combo.summary() == "All countries"
    qtbot.waitUntil(lambda: window.model.query.countries == (), timeout=10000)


def test_views_reload_only_what_a_write_made_stale(
    qtbot: QtBot, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chart loads once when the sidebar opens; a query recounts no saved search; a write
    reloads the views it concerns, once each."""
    from reader.ui.rate_chart import RateHistoryChart
    from reader.ui.saved_searches import SavedSearchesPanel

    charts: list[str] = []
    counts: list[int] = []
    show_data, refresh = RateHistoryChart.show_data, SavedSearchesPanel.refresh
    monkeypatch.setattr(
        RateHistoryChart,
        "show_data",
        lambda self, data: (charts.append(data.currency), show_data(self, data))[1],
    )
    monkeypatch.setattr(SavedSearchesPanel, "refresh", lambda self: (counts.append(1), refresh(self))[1])
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and charts == ["KGS"], timeout=10000)
    win.tasks.wait_idle()
    qtbot.wait(200)
    assert charts == ["KGS"] and counts == [1]  # one chart, one count of the saved searches, at start
    for country in ("KZ", "UZ", "TJ"):
        win.filter_bar.country.set_checked([country])
        qtbot.waitUntil(lambda c=country: win.model.query.countries == (c,), timeout=10000)
    win.tasks.wait_idle()
    qtbot.wait(100)
    assert counts == [1]  # queries change nothing the saved searches count
    operations.mark_read(win.model.index(0, 0).data(STORY_ID_ROLE), True).run(win.tasks)
    qtbot.waitUntil(lambda: counts == [1, 1], timeout=10000)  # a read changes their unread counts
    win.tasks.wait_idle()
    qtbot.wait(100)
    assert counts == [1, 1] and charts == ["KGS"]  # and the rates did not change
    win.close()
