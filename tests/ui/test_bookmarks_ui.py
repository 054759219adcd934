"""Bookmarks view, saved searches beside the list, and File → Export…, offscreen."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from pytestqt.qtbot import QtBot

from reader.core.export import ExportFormat
from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui.app import settings_for
from reader.ui.bookmarks_view import BOOKMARK_ID_ROLE
from reader.ui.main_window import MainWindow
from reader.ui.saved_searches import SEARCH_ROLE
from reader.ui.story_model import BOOKMARKED_ROLE, STORY_ID_ROLE, StoryListModel


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    yield win
    win.tasks.wait_idle()


def _row_id(window: MainWindow, row: int) -> int:
    return int(window.model.index(row, 0).data(STORY_ID_ROLE))


def test_toggle_from_the_list_keyboard_and_article_menu(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    first, second = _row_id(window, 0), _row_id(window, 1)
    row = window.story_list.visualRect(window.model.index(1, 0))
    star = window.story_list.delegate.star_rect(row)  # the star at the row's right
    qtbot.mouseClick(window.story_list.viewport(), Qt.MouseButton.LeftButton, pos=star.center())
    qtbot.waitUntil(lambda: library.stories.get(second).is_bookmarked)
    qtbot.waitUntil(lambda: window.model.index(1, 0).data(BOOKMARKED_ROLE))

    window.story_list.setCurrentIndex(window.model.index(0, StoryListModel.TITLE))
    window.story_list.setFocus()
    qtbot.keyClick(window.story_list, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: library.stories.get(first).is_bookmarked)

    # The article pane's context menu offers the same, plus the note editor and export.
    qtbot.waitUntil(lambda: window.article.story_id == first)
    actions = window.bookmark_actions
    menu = actions.article_menu(window.article.viewport().rect().center())
    labels = [a.text() for a in menu.actions()]
    assert "Toggle &bookmark\tCtrl+D" in labels and "&Edit bookmark note and tags…" in labels
    next(a for a in menu.actions() if a.text().startswith("Toggle &bookmark")).trigger()
    menu.deleteLater()
    qtbot.waitUntil(lambda: not library.stories.get(first).is_bookmarked)
    qtbot.waitUntil(lambda: not window.model.index(0, 0).data(BOOKMARKED_ROLE))

    actions.edit_bookmark(first)
    qtbot.waitUntil(lambda: getattr(actions, "editor", None) is not None and actions.editor.isVisible())
    actions.editor.note.setPlainText("check the dam figures")
    actions.editor.tags.setText("water, TJ")
    actions.editor.accept()
    qtbot.waitUntil(lambda: library.bookmarks.get(first) is not None)
    saved = library.bookmarks.get(first)
    assert saved is not None and (saved.note, saved.tags) == ("check the dam figures", ("TJ", "water"))
    qtbot.waitUntil(lambda: window.model.index(0, 0).data(BOOKMARKED_ROLE))


def test_bookmarks_view_searches_filters_edits_and_removes(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    library.bookmarks.edit(3, note="bond yields", tags=["money"])
    library.bookmarks.edit(7, tags=["culture"])
    library.bookmarks.edit(9)
    window.bookmark_actions.open_bookmarks()
    view = window.bookmark_actions.view
    assert view is not None and view.isVisible()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert view.count_label.text() == "3 bookmarks"
    assert [view.tag.itemText(i) for i in range(view.tag.count())] == ["All tags", "#culture", "#money"]

    view.search.setText("bond")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.index(0, 0).data(BOOKMARK_ID_ROLE) == 3
    assert view.note.toPlainText() == "bond yields" and view.tags.text() == "money"
    view.search.clear()
    library.stories.mark_read(9)
    view.unread.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and view.model.row_of(9) is None)
    view.unread.setChecked(False)
    view.tag.setCurrentIndex(view.tag.findData("culture"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.index(0, 0).data(BOOKMARK_ID_ROLE) == 7)

    view.note.setPlainText("script reform timeline")
    view.tags.setText("culture, KZ")
    view.save_button.click()
    qtbot.waitUntil(
        lambda: library.bookmarks.get(7) is not None and library.bookmarks.get(7).tags == ("culture", "KZ")
    )  # type: ignore[union-attr]
    assert library.stories.get(7).bookmark_note == "script reform timeline"

    view.tag.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    row = view.model.row_of(9)
    assert row is not None
    view.table.setCurrentIndex(view.model.index(row, 0))
    view.remove_button.click()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert not library.stories.get(9).is_bookmarked
    shown = window.model.row_of(9)
    if shown is not None:
        qtbot.waitUntil(lambda: not window.model.index(shown, 0).data(BOOKMARKED_ROLE))

    # Open story: the main window selects it.
    view.table.setCurrentIndex(view.model.index(view.model.row_of(3) or 0, 0))
    view.open_button.click()
    qtbot.waitUntil(lambda: window.article.story_id == 3)

    # A bookmark toggled in the main window shows in the open view.
    window.toggle_bookmark(3)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.model.row_of(3) is None)


def test_saved_searches_save_apply_rename_and_remove(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    panel = window.bookmark_actions.panel
    bar = window.filter_bar
    bar.country.set_checked(["KZ"])
    bar.unread.setChecked(True)
    qtbot.waitUntil(lambda: window.model.query == StoryQuery(countries=("KZ",), unread_only=True))
    # The new list shows its first story, which does not mark it read.
    qtbot.waitUntil(lambda: window.article.story_id == window.model.index(0, 0).data(STORY_ID_ROLE))
    window.tasks.wait_idle()
    expected = library.stories.count(StoryQuery(countries=("KZ",), unread_only=True))
    assert expected == library.stories.count(StoryQuery(countries=("KZ",)))  # the bundle starts unread
    panel.save_current("Unread Kazakhstan")
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.list.item(0).data(SEARCH_ROLE) is not None)
    assert panel.list.item(0).text() == f"Unread Kazakhstan  ({expected})"

    bar.on_clear_clicked()
    qtbot.waitUntil(lambda: window.model.query == StoryQuery())
    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        panel.on_item_activated(panel.list.item(0))
    assert bar.country.checked() == ("KZ",) and bar.unread.isChecked()
    assert window.model.total == expected

    # Opening a story (a click on it) lowers the unread count beside the list.
    rect = window.story_list.visualRect(window.model.index(0, StoryListModel.TITLE))
    qtbot.mouseClick(window.story_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: panel.list.item(0).text() == f"Unread Kazakhstan  ({expected - 1})", timeout=10000
    )

    panel.list.setCurrentRow(0)
    saved = panel.current_search()
    assert saved is not None
    bar.on_clear_clicked()
    qtbot.waitUntil(lambda: window.model.query == StoryQuery())
    panel.update_search(saved.id, "Kazakhstan", use_current_filters=True)
    qtbot.waitUntil(lambda: panel.list.count() == 1 and panel.list.item(0).text().startswith("Kazakhstan  ("))
    (stored,) = library.saved_searches.all()
    assert stored.name == "Kazakhstan" and stored.query == StoryQuery()

    panel.save_current("kazakhstan")  # names are unique whatever their case
    qtbot.waitUntil(lambda: "exists already" in window.statusBar().currentMessage())
    panel.remove_search(saved.id)
    qtbot.waitUntil(lambda: library.saved_searches.all() == [] and panel.current_search() is None)


def test_export_dialog_scopes_progress_and_no_silent_overwrite(
    qtbot: QtBot, window: MainWindow, library: Library, tmp_path: Path
) -> None:
    library.bookmarks.edit(4, note="n")
    library.bookmarks.edit(6)
    selection = window.story_list.selectionModel()
    for row in (2, 3, 5):
        selection.select(
            window.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    picked = [_row_id(window, r) for r in (0, 2, 3, 5)]  # row 0: the story already open
    dialog = window.bookmark_actions.open_export()
    qtbot.waitUntil(lambda: dialog.scope_buttons["bookmarks"].text() == "All bookmarks (2)")
    assert dialog.scope_buttons["selection"].isChecked()
    assert dialog.scope_buttons["selection"].text() == f"Selected stories ({len(picked)})"
    assert dialog.chosen_scope().story_ids == tuple(picked)
    total = library.stories.count(StoryQuery())
    assert dialog.scope_buttons["filter"].text() == f"The current filter's results ({total})"

    dialog.set_format(ExportFormat.JSON)
    dialog.scope_buttons["filter"].setChecked(True)
    assert dialog.destination.text().endswith(".json")
    target = tmp_path / "all.json"
    dialog.destination.setText(str(target))
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_button.click()
    assert dialog.progress.value() == dialog.progress.maximum() == total
    assert json.loads(target.read_text("utf-8"))["count"] == total
    assert dialog.status.text() == f"Exported {total} stories to {target}"

    dialog.scope_buttons["bookmarks"].setChecked(True)
    dialog.destination.setText(str(target))
    asked: list[Path] = []
    dialog.confirm_overwrite = lambda path: asked.append(path) is not None  # always "no"
    dialog.export_button.click()
    qtbot.waitUntil(lambda: dialog.status.text() == "Not exported: the file exists.", timeout=5000)
    assert asked == [target]
    assert json.loads(target.read_text("utf-8"))["count"] == total
    dialog.confirm_overwrite = lambda path: True
    with qtbot.waitSignal(dialog.export_finished, timeout=30000):
        dialog.export_button.click()
    assert sorted(s["id"] for s in json.loads(target.read_text("utf-8"))["stories"]) == [4, 6]
    dialog.close()
