"""Accessibility: every visible interactive widget of every window and dialog, opened as the app
opens them, has a name assistive technology can read (its own, its text, or its label buddy's,
as Qt's accessibility layer derives it); the story and bookmark lists say unread, bookmarked and
read in words; the main window's tab order runs search → filters → list → article → sidebar."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.ui import operations
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.rates_dialogs import CurrencyListDialog
from reader.ui.story_model import STORY_ID_ROLE
from reader.ui.welcome import show_welcome

INTERACTIVE = (
    QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QSlider, QTabBar,
    QPlainTextEdit, QTextEdit,
)  # fmt: skip
A11Y = Qt.ItemDataRole.AccessibleTextRole
A11Y_DESCRIPTION = Qt.ItemDataRole.AccessibleDescriptionRole


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    yield win
    win.tasks.wait_idle()


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def unnamed(root: QWidget) -> list[str]:
    """The visible interactive widgets under `root` that nothing names."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if isinstance(widget.parentWidget(), (QComboBox, QAbstractSpinBox)):
            continue  # an editable box's own line edit: the box carries the name
        if isinstance(widget, QHeaderView) and isinstance(widget.parentWidget(), QAbstractItemView):
            continue  # a table's header: the table's interface exposes its sections as column headers
        if not accessible_name(widget):
            found.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parentWidget()).__name__}"
            )
    return found


def faults(root: QWidget) -> list[str]:
    return unnamed(root) + weakly_named(root)


def test_unnamed_finds_an_unnamed_button(qtbot: QtBot) -> None:
    """The walk itself can fail: a bare icon-less, text-less button is reported until named."""
    from PySide6.QtWidgets import QToolButton, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    QVBoxLayout(root).addWidget(button := QToolButton())
    root.show()
    assert len(unnamed(root)) == 1
    button.setAccessibleName("Refresh")
    assert unnamed(root) == []
    button.setAccessibleName("")
    button.setText("▲")
    assert unnamed(root) == [] and len(weakly_named(root)) == 1
    button.setToolTip("Previous hit")  # Qt describes a widget by its tooltip
    assert faults(root) == []


def test_the_main_window_names_every_control(window: MainWindow) -> None:
    window.find_bar.open_bar()
    assert unnamed(window) == []
    # The non-obvious ones say what they do and which keys work there.
    for widget in (window.story_list, window.article, window.filter_bar.search, window.filter_bar.unread,
                   window.rates_controller.panel.rates, window.bookmark_actions.panel.list):  # fmt: skip
        face = QAccessible.queryAccessibleInterface(widget)
        assert face is not None and len(face.text(QAccessible.Text.Description)) > 20, type(widget).__name__


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen: the converter raises itself
def test_every_dialog_and_window_names_every_control(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    actions = window.bookmark_actions
    actions.open_bookmarks()
    assert actions.view is not None
    qtbot.waitExposed(actions.view)
    bad = {"bookmarks": faults(actions.view)}

    export = actions.open_export()
    qtbot.waitExposed(export)
    bad["export"] = faults(export)
    export.close()

    window.rates_controller.open_converter()
    converter = window.rates_controller.converter
    assert converter is not None
    qtbot.waitExposed(converter)
    bad["converter"] = faults(converter)

    window.show_shortcuts()
    assert window.shortcuts_sheet is not None
    qtbot.waitExposed(window.shortcuts_sheet)
    bad["shortcuts"] = faults(window.shortcuts_sheet)

    window.sync_controller.show_errors()
    problems = window.sync_controller.errors_dialog
    assert problems is not None
    qtbot.waitExposed(problems)
    bad["problems"] = faults(problems)

    window.sync_controller.show_sources()
    sources = window.sync_controller.sources_dialog
    assert sources is not None
    qtbot.waitExposed(sources)
    qtbot.wait(300)  # its list arrives from the worker
    bad["sources"] = faults(sources)

    window.bookmark_actions.edit_current()
    qtbot.waitUntil(
        lambda: isinstance(getattr(actions, "editor", None), QDialog) and actions.editor.isVisible()
    )
    bad["editor"] = faults(actions.editor)
    actions.editor.reject()

    window.show_settings()
    settings = window.settings_dialog
    qtbot.waitExposed(settings)
    qtbot.waitUntil(lambda: settings.loaded is not None)
    for tab in range(settings.tabs.count()):  # only the shown page's controls are visible
        settings.tabs.setCurrentIndex(tab)
        bad[f"settings {settings.tabs.tabText(tab)}"] = faults(settings)
    settings.reject()

    greeting = show_welcome(library.data_dir, window)
    qtbot.waitExposed(greeting)
    bad["welcome"] = faults(greeting)
    greeting.close()

    loaded: list[tuple[list[tuple[str, str]], tuple[str, ...]]] = []
    operations.load_currencies().success(loaded.append).run(window.tasks)
    qtbot.waitUntil(lambda: bool(loaded))
    currencies, chosen = loaded[0]
    dialog = CurrencyListDialog(currencies, list(chosen), window)  # as Rates → Sidebar currencies… makes it
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    bad["currencies"] = faults(dialog)
    assert {k: v for k, v in bad.items() if v} == {}
    for top in QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            top.close()


def test_story_rows_say_their_state_in_words(qtbot: QtBot, window: MainWindow) -> None:
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.index(r).data(A11Y).startswith("Unread."))
    index = model.index(row)
    story_id = index.data(STORY_ID_ROLE)
    title = index.data(Qt.ItemDataRole.DisplayRole)
    assert index.data(A11Y).startswith(f"Unread. {title} — ")
    assert index.data(A11Y_DESCRIPTION).startswith("Unread.")

    operations.toggle_bookmark(story_id).run(window.tasks)
    qtbot.waitUntil(lambda: model.index(row).data(A11Y).startswith("Unread, bookmarked. "), timeout=5000)
    assert model.index(row).data(A11Y_DESCRIPTION).startswith("Unread, bookmarked.")
    operations.mark_read(story_id, True).run(window.tasks)
    qtbot.waitUntil(lambda: model.index(row).data(A11Y).startswith("Read, bookmarked. "), timeout=5000)

    window.bookmark_actions.open_bookmarks()
    view = window.bookmark_actions.view
    assert view is not None
    qtbot.waitUntil(lambda: view.model.row_of(story_id) is not None, timeout=5000)
    marked = view.model.index(view.model.row_of(story_id), view.model.TITLE)
    assert marked.data(A11Y).startswith(f"Read, bookmarked. {title} — ")
    assert marked.data(A11Y_DESCRIPTION).startswith("Read, bookmarked.")
    view.close()


def test_tab_order_runs_search_filters_list_article_sidebar(window: MainWindow) -> None:
    order = [window.filter_bar.search, window.filter_bar.unread, window.story_list, window.article]
    widget = window.filter_bar.search
    seen: list[QWidget] = []
    for _ in range(40):
        seen.append(widget)
        widget = widget.nextInFocusChain()
        while (
            widget.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus
            or not widget.isVisible()
        ):
            widget = widget.nextInFocusChain()
    positions = [seen.index(w) for w in order]
    assert positions == sorted(positions), [type(w).__name__ for w in seen]
    sidebar = [w for w in seen if window.rates_controller.panel.isAncestorOf(w)]
    assert sidebar and min(seen.index(w) for w in sidebar) > seen.index(window.article)


def weakly_named(root: QWidget) -> list[str]:
    """Visible interactive widgets named only by a symbol ("↻", "★", "⚠ 2") and not described."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        name = accessible_name(widget)
        words = [w for w in name.split() if sum(c.isalpha() for c in w) >= 2]
        face = QAccessible.queryAccessibleInterface(widget)
        described = face is not None and face.text(QAccessible.Text.Description).strip()
        if name and not words and not described:
            found.append(f"{type(widget).__name__} {name!r}")
    return found


def test_symbol_buttons_are_described(qtbot: QtBot, window: MainWindow) -> None:
    window.find_bar.open_bar()
    window.bookmark_actions.open_bookmarks()
    view = window.bookmark_actions.view
    assert view is not None
    qtbot.waitExposed(view)
    assert weakly_named(window) == [] and weakly_named(view) == []
    view.close()


def test_the_reading_flow_by_keyboard_alone(qtbot: QtBot, window: MainWindow) -> None:
    """From the search box, Tab reaches the list; J moves and opens, S bookmarks (the row says
    so), Tab goes on to the article, and Ctrl+1 comes back to the list."""
    window.activateWindow()
    window.filter_bar.search.setFocus()
    qtbot.waitUntil(window.filter_bar.search.hasFocus)
    for _ in range(12):
        if window.story_list.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert window.story_list.hasFocus()
    first = window.article.story_id
    qtbot.keyClick(window.story_list, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: window.article.story_id not in (None, first), timeout=5000)
    row = window.story_list.currentIndex().row()
    qtbot.keyClick(window.story_list, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: ", bookmarked. " in window.model.index(row).data(A11Y), timeout=5000)
    qtbot.keyClick(window.story_list, Qt.Key.Key_Tab)
    assert window.article.hasFocus()
    qtbot.keyClick(window.article, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.story_list.hasFocus()
