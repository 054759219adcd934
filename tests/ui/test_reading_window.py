"""The reading-first window (issue 10): it fits a small screen, the list has the focus, the keys
do what the shortcuts sheet says, mark-all-read undoes, dialogs open over the window and close
with Esc, the compact density and text size are remembered, and painting runs no query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui import operations, shortcuts_sheet, story_model
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.story_model import BOOKMARKED_ROLE, READ_ROLE, ROW_ROLE, STORY_ID_ROLE
from tests.helpers import add_source, add_story


def make_window(qtbot: QtBot, library: Library, size: tuple[int, int] | None = (1300, 780)) -> MainWindow:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    if size is not None:
        win.resize(*size)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    win.tasks.wait_idle()
    return win


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = make_window(qtbot, library)
    yield win
    win.tasks.wait_idle()


def current_id(window: MainWindow) -> int:
    return int(window.story_list.currentIndex().data(STORY_ID_ROLE))


# -- fitting the screen ------------------------------------------------------------------------


def test_the_window_fits_a_1024_screen(qtbot: QtBot, library: Library) -> None:
    win = make_window(qtbot, library, size=None)  # the first window, as it starts
    minimum = max(win.minimumSizeHint().width(), win.minimumWidth())
    assert minimum <= 900, minimum
    # The first window takes the screen's room, never a fixed 1400×860 (the offscreen screen is
    # 800×800: narrower than the minimum, so the window is as narrow as it can be).
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert win.width() == max(min(1400, area.width() - 16), minimum)
    assert win.height() <= area.height() - 40
    # At 1024 px wide nothing of the window's bars is cut: the filter bar's row fits.
    win.resize(1024, 700)
    qtbot.wait(50)
    assert win.filter_bar.clear.geometry().right() <= win.filter_bar.width()
    assert win.statusBar().width() <= 1024


def test_panels_collapse_come_back_and_are_remembered(qtbot: QtBot, library: Library) -> None:
    win = make_window(qtbot, library)
    win.rates_action.trigger()
    assert not win.rates_panel.isVisible()
    win.saved_searches_action.trigger()
    dock_shown = win.bookmark_actions.dock.isVisible()
    win.compact_action.trigger()
    win.close()
    again = make_window(qtbot, library)
    assert not again.rates_panel.isVisible() and not again.rates_action.isChecked()
    assert again.bookmark_actions.dock.isVisible() == dock_shown
    assert again.story_list.compact
    again.rates_action.trigger()
    assert again.rates_panel.isVisible()
    again.close()


def test_the_filter_bar_folds_its_less_used_filters(qtbot: QtBot, window: MainWindow) -> None:
    bar = window.filter_bar
    assert not bar.more.isVisible() and bar.section.isHidden() is False  # folded: inside `more`
    assert not bar.section.isVisible()
    bar.more_button.click()
    assert bar.section.isVisible() and bar.source.isVisible() and bar.use_dates.isVisible()
    bar.section.set_checked(["economy"])
    bar.more_button.click()
    assert bar.more_button.text() == "Filters (1)"  # a folded filter that is set says so


# -- focus and keys ------------------------------------------------------------------------------


def test_focus_starts_on_the_list_and_search_comes_back_with_esc(qtbot: QtBot, window: MainWindow) -> None:
    assert QApplication.focusWidget() is window.story_list
    first = current_id(window)
    qtbot.keyClick(window.story_list, Qt.Key.Key_Slash)
    assert QApplication.focusWidget() is window.filter_bar.search
    # Single keys type in the search box; they move nothing.
    qtbot.keyClicks(window.filter_bar.search, "jnms")
    assert window.filter_bar.search.text() == "jnms"
    assert current_id(window) == first
    qtbot.keyClick(window.filter_bar.search, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is window.story_list
    window.filter_bar.search.clear()
    window.filter_bar.on_search_committed()
    qtbot.keyClick(window.story_list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.filter_bar.search


def test_single_keys_leave_the_filters_alone(qtbot: QtBot, window: MainWindow) -> None:
    first = current_id(window)
    window.filter_bar.unread.setFocus()
    qtbot.keyClick(window.filter_bar.unread, Qt.Key.Key_Space)  # toggles the box, pages nothing
    assert window.filter_bar.unread.isChecked()
    qtbot.keyClick(window.filter_bar.unread, Qt.Key.Key_J)
    window.tasks.wait_idle()
    qtbot.waitUntil(lambda: window.model.query.unread_only)
    assert window.model.rowCount() and window.story_list.currentIndex().row() == 0
    assert current_id(window) == first or window.model.index(0, 0).data(STORY_ID_ROLE) == current_id(window)


def test_j_n_m_s_and_mark_all_with_undo(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    view = window.story_list
    ids = [window.model.index(r, 0).data(STORY_ID_ROLE) for r in range(6)]
    # Read the third story first, so N skips it.
    operations.mark_read(ids[2], True).run(window.tasks)
    qtbot.waitUntil(lambda: window.model.index(2, 0).data(READ_ROLE))
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: library.stories.get(ids[1]).is_read)
    qtbot.keyClick(view, Qt.Key.Key_N)  # next unread: the fourth, not the third
    qtbot.waitUntil(lambda: current_id(window) == ids[3])
    qtbot.waitUntil(lambda: library.stories.get(ids[3]).is_read)
    qtbot.waitUntil(lambda: window.model.index(3, 0).data(READ_ROLE))  # the row shows it read
    qtbot.keyClick(view, Qt.Key.Key_M)  # toggles it back to unread
    qtbot.waitUntil(lambda: not library.stories.get(ids[3]).is_read)
    qtbot.waitUntil(lambda: not window.model.index(3, 0).data(READ_ROLE))
    qtbot.keyClick(view, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: library.stories.get(ids[3]).is_read)
    qtbot.keyClick(view, Qt.Key.Key_S)  # bookmark
    qtbot.waitUntil(lambda: library.stories.get(ids[3]).is_bookmarked)
    qtbot.waitUntil(lambda: window.model.index(3, 0).data(BOOKMARKED_ROLE))

    # Shift+A: everything in the filter read; Ctrl+Z brings back exactly what it marked.
    window.filter_bar.country.set_checked(["KZ"])
    qtbot.waitUntil(
        lambda: window.model.query.countries == ("KZ",) and window.count_label.text() != "Loading…"
    )
    window.tasks.wait_idle()
    kz_unread_before = library.stories.count(StoryQuery(countries=("KZ",), unread_only=True))
    all_unread_before = library.stories.count(StoryQuery(unread_only=True))
    assert kz_unread_before > 1
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: library.stories.count(StoryQuery(countries=("KZ",), unread_only=True)) == 0)
    assert library.stories.count(StoryQuery(unread_only=True)) == all_unread_before - kz_unread_before
    qtbot.waitUntil(lambda: window.undo_button.isVisible())
    assert "read" in window.statusBar().currentMessage()
    qtbot.waitUntil(
        lambda: all(window.model.index(r, 0).data(READ_ROLE) for r in range(window.model.rowCount()))
    )
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(
        lambda: library.stories.count(StoryQuery(countries=("KZ",), unread_only=True)) == kz_unread_before
    )
    assert library.stories.count(StoryQuery(unread_only=True)) == all_unread_before
    assert not window.undo_action.isEnabled() and not window.undo_button.isVisible()


def test_space_pages_the_article_then_goes_to_the_next_unread(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1100, 500)  # a short pane: the story takes more than one page
    first = current_id(window)
    bar = window.article.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    pages = 0
    while bar.value() < bar.maximum():
        qtbot.keyClick(window.story_list, Qt.Key.Key_Space)
        pages += 1
        assert current_id(window) == first and pages < 50
    qtbot.keyClick(window.story_list, Qt.Key.Key_Space)  # at the end: the next unread story
    qtbot.waitUntil(lambda: current_id(window) != first)
    assert window.model.index(window.story_list.currentIndex().row(), 0).data(ROW_ROLE) is not None


@pytest.fixture
def linked(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    """The window over a cache whose newest story has an original on the web."""
    source = add_source(library)
    add_story(
        library, source, title="A story with its original", published=dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    )
    win = make_window(qtbot, library)
    yield win
    win.tasks.wait_idle()


def test_o_opens_the_original(qtbot: QtBot, linked: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    story = linked.story_list.currentIndex().data(story_model.SUMMARY_ROLE)
    assert story.title == "A story with its original" and story.url.startswith("https://example.test/")
    qtbot.keyClick(linked.story_list, Qt.Key.Key_O)
    assert opened == [story.url]


def test_text_size_changes_and_is_remembered(qtbot: QtBot, library: Library) -> None:
    win = make_window(qtbot, library)
    before = win.article.document().defaultStyleSheet()
    qtbot.keyClick(win.story_list, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(win.story_list, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    bigger = win.article.document().defaultStyleSheet()
    assert "13.8pt" in bigger and "11.0pt" in before  # the body's 11pt, two steps up: × 1.25
    win.close()
    again = make_window(qtbot, library)
    assert again.article.document().defaultStyleSheet() == bigger
    qtbot.keyClick(again.story_list, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert "11.0pt" in again.article.document().defaultStyleSheet()
    again.close()


def test_find_in_the_article(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(
        window.story_list,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    bar = window.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit
    word = window.article.toPlainText().split()[10].strip(".,;:“”\"'()")
    qtbot.keyClicks(bar.edit, word)
    assert bar.hits and bar.current == 0
    assert len(window.article.extraSelections()) == len(bar.hits)
    assert bar.count.text() == f"1 of {len(bar.hits)}"
    if len(bar.hits) > 1:
        qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
        assert bar.current == 1
        qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
        assert bar.current == 0
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and window.article.extraSelections() == []


# -- the shortcuts sheet ---------------------------------------------------------------------------


def test_every_action_with_a_key_is_in_the_sheet_and_no_key_is_taken_twice(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window.story_list, "?")
    qtbot.waitUntil(lambda: window.shortcuts_sheet is not None and window.shortcuts_sheet.isVisible())
    sheet = window.shortcuts_sheet
    assert sheet is not None
    listed = {(name, keys) for _menu, name, keys in sheet.entries}
    text = sheet.text.toPlainText()
    owners: dict[str, str] = {}
    actions = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(actions) > 25
    for action in actions:
        name = action.text().replace("&", "")
        keys = shortcuts_sheet.keys_of(action)
        if not keys:
            continue
        assert (name, keys) in listed, name
        assert name.rstrip("…") in text and keys in text
        for key in action.shortcuts():
            native = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert native not in owners, f"{native}: {owners.get(native)} and {name}"
            owners[native] = name
    for wanted in ("J", "K", "N", "M", "S", "O", "Space", "Shift+A", "/", "?", "F3", "Ctrl+Z", "Ctrl+0"):
        assert wanted in owners, wanted
    qtbot.keyClick(sheet, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


# -- dialogs ---------------------------------------------------------------------------------------


def _on_screen(widget: QWidget) -> bool:
    area: QRect = widget.screen().availableGeometry()
    return area.contains(widget.frameGeometry())


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the converter raises itself
def test_every_dialog_opens_over_the_window_and_closes_with_esc(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(780, 700)
    window.move(0, 0)
    openers = [
        window.bookmark_actions.open_bookmarks,
        window.bookmark_actions.open_export,
        window.sync_controller.show_sources,
        window.sync_controller.show_errors,
        window.rates_controller.open_converter,
        window.show_shortcuts,
    ]
    for open_it in openers:
        before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
        open_it()
        qtbot.wait(30)
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and id(w) not in before]
        assert len(shown) == 1, (open_it, shown)
        dialog = shown[0]
        assert _on_screen(dialog), (dialog, dialog.frameGeometry())
        assert dialog.frameGeometry().intersects(window.frameGeometry())
        dialog.activateWindow()
        target = dialog.focusWidget() or dialog
        qtbot.keyClick(target, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible(), timeout=2000)
        assert isinstance(dialog, QDialog) or dialog is window.bookmark_actions.view


# -- the list's rows ---------------------------------------------------------------------------------


def test_compact_rows_are_one_line(qtbot: QtBot, window: MainWindow) -> None:
    tall = window.story_list.row_height()
    window.compact_action.trigger()
    compact = window.story_list.row_height()
    line = window.story_list.fontMetrics().lineSpacing()
    assert compact < 2 * line + 4 < tall
    assert tall >= 4 * line  # title (two lines), source · date · countries, a line of the story
    window.compact_action.trigger()
    assert window.story_list.row_height() == tall


def test_rows_are_painted_from_cached_values_with_no_query(
    qtbot: QtBot,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
    database_never_on_the_gui_thread: list[str],
) -> None:
    window.filter_bar.search.setText("water")
    window.filter_bar.on_search_committed()
    qtbot.waitUntil(lambda: window.model.query.text == "water" and window.count_label.text() != "Loading…")
    window.tasks.wait_idle()
    text = window.model.index(0, 0).data(ROW_ROLE)
    assert any(hit and t.lower().startswith("water") for t, hit in text.snippet)  # a hit to mark
    assert any(not hit for _t, hit in text.snippet)
    window.story_list.grab()  # fills the cache of the rows on screen
    worked: list[object] = []
    real = story_model.row_text
    monkeypatch.setattr(story_model, "row_text", lambda *a: worked.append(a) or real(*a))
    for compact in (False, True):
        window.story_list.set_compact(compact)
        image = window.story_list.grab().toImage()
        assert not image.isNull()
    assert worked == []  # painting again worked nothing out: no parsing, no query
    assert database_never_on_the_gui_thread == []


def test_the_drop_downs_count_within_the_other_filters(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    bar = window.filter_bar

    def labels() -> dict[str, str]:
        model = bar.country.model()
        return {
            model.index(r, 0).data(Qt.ItemDataRole.UserRole + 1): model.index(r, 0).data()
            for r in range(1, model.rowCount())
        }

    for story_id in [window.model.index(r, 0).data(STORY_ID_ROLE) for r in range(6)]:
        operations.mark_read(story_id, True).run(window.tasks)
    window.tasks.wait_idle()
    bar.unread.setChecked(True)
    expected = {
        f.key: f"{f.name} ({f.count})" for f in library.stories.facets(StoryQuery(unread_only=True)).countries
    }
    assert expected != {f.key: f"{f.name} ({f.count})" for f in library.stories.facets().countries}
    qtbot.waitUntil(lambda: labels() == expected, timeout=10000)
    # The popup is as wide as its longest label: "Kyrgyzstan (12)" is never cut.
    widest = max(bar.country.view().fontMetrics().horizontalAdvance(t) for t in expected.values())
    assert bar.country.view().minimumWidth() > widest


def test_enter_opens_the_story_then_its_original(
    qtbot: QtBot, linked: MainWindow, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    first = current_id(linked)
    qtbot.keyClick(linked.story_list, Qt.Key.Key_Return)  # shown only: Enter opens it
    qtbot.waitUntil(lambda: library.stories.get(first).is_read)
    assert opened == []
    story = linked.story_list.currentIndex().data(story_model.SUMMARY_ROLE)
    qtbot.keyClick(linked.story_list, Qt.Key.Key_Return)  # open already: its original
    assert opened == [story.url] and story.url.startswith("https://example.test/")


def test_a_long_count_line_never_widens_the_window(qtbot: QtBot, library: Library) -> None:
    """The count line of a big search ("Showing 1–50 of about 43,700 stories · best matches
    among the newest 1,000", longer in Russian) ends in "…" where the list ends and is whole in
    its tooltip; a plain label had made the window's minimum 1,246 px wide with the saved
    searches shown."""
    win = make_window(qtbot, library)
    win.bookmark_actions.dock.show()
    qtbot.wait(50)
    before = win.minimumSizeHint().width()
    long_line = "Showing 1–50 of about 43,700 stories · best matches among the newest 1,000 " * 3
    win.count_label.setText(long_line)
    qtbot.wait(50)
    assert win.minimumSizeHint().width() == before <= 1024
    assert win.count_label.text() == win.count_label.toolTip() == long_line
    win.resize(1024, 700)
    qtbot.wait(50)
    assert win.width() == 1024 and win.count_label.width() < win.count_label.fontMetrics().horizontalAdvance(
        long_line
    )
