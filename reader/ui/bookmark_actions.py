"""The main window's bookmark, saved-search and export actions (issue 5), kept out of
main_window.py: File → Export…, View → Bookmarks and Saved searches, Story → Edit bookmark,
and the article pane's context menu."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QWidget,
)

from reader.core.types import BookmarkInfo
from reader.ui import operations
from reader.ui.article_view import ArticleView
from reader.ui.bookmarks_view import BookmarksView
from reader.ui.export_dialog import ExportDialog
from reader.ui.filter_bar import FilterBar
from reader.ui.saved_searches import SavedSearchesPanel
from reader.ui.story_list import StoryListView
from reader.ui.story_model import STORY_ID_ROLE, StoryListModel
from reader.ui.tasks import TaskManager


class ReaderWindow(Protocol):
    """What these actions use of the main window (reader.ui.main_window.MainWindow)."""

    tasks: TaskManager
    data_dir: Path
    model: StoryListModel
    story_list: StoryListView
    filter_bar: FilterBar
    article: ArticleView

    def show_message(self, text: str) -> None: ...

    def open_story(self, story_id: int, mark_read: bool = True) -> None: ...

    def toggle_bookmark(self, story_id: int) -> None: ...

    def current_story_id(self) -> int | None: ...

    def addDockWidget(self, area: Qt.DockWidgetArea, dock: QDockWidget) -> None: ...

    def resizeDocks(
        self, docks: list[QDockWidget], sizes: list[int], orientation: Qt.Orientation
    ) -> None: ...

    def activateWindow(self) -> None: ...


class BookmarkEditDialog(QDialog):
    """Note and tags of one bookmark (Story → Edit bookmark…, Ctrl+Shift+D)."""

    def __init__(self, title: str, note: str, tags: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bookmark"))
        self.setMinimumWidth(460)
        heading = QLabel(title)
        heading.setTextFormat(Qt.TextFormat.PlainText)  # a story's title is never markup
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        self.note = QPlainTextEdit(note)
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("A note of your own about this story"))
        self.tags = QLineEdit(", ".join(tags), placeholderText=self.tr("tags, separated by commas"))
        self.tags.setAccessibleName(self.tr("Tags"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(heading)
        form.addRow(self.tr("&Note"), self.note)
        form.addRow(self.tr("&Tags"), self.tags)
        form.addRow(buttons)


class BookmarkActions(QObject):
    def __init__(self, window: ReaderWindow, widget: QWidget) -> None:
        """`window` and `widget` are the main window, seen as what these actions use and as the
        parent of their docks and dialogs."""
        super().__init__(widget)
        self.window = window
        self.widget = widget
        self.view: BookmarksView | None = None
        self.export_dialog: ExportDialog | None = None
        self.panel = SavedSearchesPanel(window.tasks, window.filter_bar.query, widget)
        self.dock = self.panel.dock(widget)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        window.resizeDocks([self.dock], [170], Qt.Orientation.Horizontal)

    def add_actions(self, file_menu: QMenu, view_menu: QMenu, story_menu: QMenu) -> None:
        def action(text: str, shortcut: str, slot: object) -> QAction:
            act = QAction(text, self.widget)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        self.export_action = action(self.tr("&Export…"), "Ctrl+E", lambda: self.open_export())
        first = file_menu.actions()[0] if file_menu.actions() else None
        if first is None:
            file_menu.addAction(self.export_action)
        else:
            file_menu.insertAction(first, self.export_action)  # above Quit
            file_menu.insertSeparator(first)
        self.bookmarks_action = action(self.tr("&Bookmarks…"), "Ctrl+Shift+B", self.open_bookmarks)
        view_menu.addSeparator()
        view_menu.addAction(self.bookmarks_action)
        self.dock.toggleViewAction().setText(self.tr("Sa&ved searches"))
        view_menu.addAction(self.dock.toggleViewAction())
        self.save_search_action = action(
            self.tr("Save &current filters…"), "Ctrl+Shift+S", self.panel.on_save_clicked
        )
        view_menu.addAction(self.save_search_action)
        self.edit_bookmark_action = action(
            self.tr("&Edit bookmark note and tags…"), "Ctrl+Shift+D", self.edit_current
        )
        story_menu.addAction(self.edit_bookmark_action)

    def connect_signals(self) -> None:
        w = self.window
        self.panel.view_selected.connect(w.filter_bar.apply_query)
        self.panel.message.connect(w.show_message)
        w.article.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        w.article.customContextMenuRequested.connect(self.on_article_menu_requested)

    # -- helpers ---------------------------------------------------------------------------

    def selected_story_ids(self) -> list[int]:
        rows = self.window.story_list.selectionModel().selectedRows(StoryListModel.TITLE)
        return [index.data(STORY_ID_ROLE) for index in sorted(rows, key=QModelIndex.row)]

    def shown_story_id(self) -> int | None:
        """The story in the article pane (which may have been opened from outside the list)."""
        return self.window.article.story_id or self.window.current_story_id()

    def select_story(self, story_id: int) -> None:
        """Open a story the Bookmarks view asked for (in the list when it is there)."""
        w = self.window
        row = w.model.row_of(story_id)
        if row is not None:
            w.story_list.open_row(row)
        else:
            w.story_list.setCurrentIndex(QModelIndex())
            w.open_story(story_id)
        w.activateWindow()

    # -- actions ---------------------------------------------------------------------------

    @Slot()
    def open_bookmarks(self) -> None:
        if self.view is None:
            self.view = BookmarksView(self.window.tasks, self.widget)
            self.view.story_activated.connect(self.select_story)
            self.view.export_requested.connect(lambda: self.open_export("bookmarks"))
        self.view.show()
        self.view.activateWindow()
        self.view.reload()

    def open_export(self, scope: str | None = None) -> ExportDialog:
        w = self.window
        selected = self.selected_story_ids()
        parent: QWidget = self.view if scope == "bookmarks" and self.view is not None else self.widget
        dialog = ExportDialog(
            w.tasks, w.data_dir, self.shown_story_id(), selected, w.filter_bar.query(), parent, scope
        )
        dialog.export_finished.connect(
            lambda result: w.show_message(
                self.tr("Exported %n stories to %1", "", result.count).replace("%1", str(result.path))
            )
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.export_dialog = dialog
        dialog.show()
        return dialog

    @Slot()
    def edit_current(self) -> None:
        story_id = self.shown_story_id()
        if story_id is not None:
            self.edit_bookmark(story_id)

    def edit_bookmark(self, story_id: int) -> None:
        operations.load_bookmark(story_id).success(lambda found: self._show_editor(story_id, *found)).run(
            self.window.tasks
        )

    def _show_editor(self, story_id: int, title: str, bookmark: BookmarkInfo | None) -> None:
        note, tags = ((bookmark.note or ""), bookmark.tags) if bookmark else ("", ())
        dialog = BookmarkEditDialog(title, note, tags, self.widget)
        self.editor = dialog
        dialog.accepted.connect(lambda: self._save(story_id, dialog.note.toPlainText(), dialog.tags.text()))
        dialog.open()

    def _save(self, story_id: int, note: str, tags: str) -> None:
        operations.edit_bookmark(story_id, note, tags).success(
            lambda _changes: self.window.show_message(self.tr("Bookmark saved"))
        ).run(self.window.tasks)

    @Slot(QPoint)
    def on_article_menu_requested(self, pos: QPoint) -> None:
        article = self.window.article
        menu = self.article_menu(pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(article.viewport().mapToGlobal(pos))

    def article_menu(self, pos: QPoint) -> QMenu:
        """The article pane's usual menu (copy, select all) with the bookmark and export actions."""
        article = self.window.article
        menu = article.createStandardContextMenu(pos)
        story_id = article.story_id
        if story_id is not None:
            menu.addSeparator()
            menu.addAction(self.tr("Toggle &bookmark\tCtrl+D"), lambda: self.window.toggle_bookmark(story_id))
            menu.addAction(self.tr("&Edit bookmark note and tags…"), lambda: self.edit_bookmark(story_id))
            menu.addAction(self.tr("E&xport this story…"), lambda: self.open_export("story"))
        return menu
