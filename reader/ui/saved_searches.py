"""Saved searches beside the story list: named filters with their unread counts; save the
current filters, rename or update one, remove one. The counts are reloaded when a write
changes them (read state, stories, bookmarks, the searches themselves), not on every query."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.core.types import Changes, SavedSearch, StoryQuery
from reader.ui import operations
from reader.ui.filter_bar import SORT_LABELS
from reader.ui.tasks import Op, TaskManager

SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1


def describe(query: StoryQuery) -> str:
    """A one-line summary for the tooltip: 'search "tenge" · KZ · unread', in the interface's language."""
    parts = []
    if query.text:
        parts.append(
            QCoreApplication.translate("SavedSearchesPanel", "search “%1”").replace("%1", query.text)
        )
    parts += list(query.countries) + list(query.sections)
    if query.sources:
        count = QLocale().toString(
            len(query.sources)
        )  # "sources: 3": no plural (lupdate reads one only in tr())
        parts.append(QCoreApplication.translate("SavedSearchesPanel", "sources: %1").replace("%1", count))
    if query.since or query.until:
        parts.append(f"{query.since or '…'} – {query.until or '…'}")
    if query.unread_only:
        parts.append(QCoreApplication.translate("SavedSearchesPanel", "unread"))
    if query.bookmarked_only:
        parts.append(QCoreApplication.translate("SavedSearchesPanel", "bookmarked"))
    if query.sort is not None:
        parts.append(QCoreApplication.translate("SortOrder", str(SORT_LABELS[query.sort.value])).lower())
    return " · ".join(parts) or QCoreApplication.translate("SavedSearchesPanel", "all stories")


class SavedSearchesPanel(QWidget):
    view_selected = Signal(object)  # StoryQuery to show in the filter bar
    message = Signal(str)  # for the status bar

    def __init__(
        self, tasks: TaskManager, current_query: Callable[[], StoryQuery], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.current_query = current_query
        self._generation = 0
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Saved searches"))
        self.list.setAccessibleDescription(
            self.tr("Filters kept under a name, with their unread counts; choose one to apply it")
        )
        self.list.setWordWrap(True)
        self.save_button = QToolButton()
        self.save_button.setText(self.tr("&Save…"))
        self.save_button.setToolTip(self.tr("Save the current filters as a named view"))
        self.edit_button = QToolButton()
        self.edit_button.setText(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Rename, or replace its filters with the current ones"))
        self.remove_button = QToolButton()
        self.remove_button.setText(self.tr("&Remove"))
        buttons = QHBoxLayout()
        for button in (self.save_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.list.itemActivated.connect(self.on_item_activated)
        self.list.itemClicked.connect(self.on_item_activated)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.save_button.clicked.connect(self.on_save_clicked)
        self.edit_button.clicked.connect(self.on_edit_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        tasks.changes.connect(self.on_changes)
        self._update_buttons()
        self.refresh()

    def sizeHint(self) -> QSize:
        return QSize(170, 300)  # narrow: the story list beside it needs the room

    def dock(self, parent: QWidget) -> QDockWidget:
        dock = QDockWidget(self.tr("Saved searches"), parent)
        dock.setObjectName("saved_searches_dock")
        dock.setWidget(self)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetClosable | QDockWidget.DockWidgetFeature.DockWidgetMovable
        )
        return dock

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the names and unread counts on the database worker."""
        self._generation += 1
        generation = self._generation
        operations.load_saved_searches().success(lambda rows: self._on_loaded(generation, rows)).run(
            self.tasks
        )

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.saved_searches or changes.read_state or changes.stories or changes.bookmarks:
            self.refresh()

    def _on_loaded(self, generation: int, rows: list[SavedSearch]) -> None:
        if generation != self._generation:
            return
        current = self.current_search()
        self.list.blockSignals(True)
        self.list.clear()
        for saved in rows:
            item = QListWidgetItem(f"{saved.name}  ({saved.unread_count})")
            item.setData(SEARCH_ROLE, saved)
            counts = self.tr("%1 unread of %n", "", saved.total_count).replace("%1", str(saved.unread_count))
            item.setToolTip(f"{describe(saved.query)}\n{counts}")
            font = item.font()
            font.setBold(saved.unread_count > 0)
            item.setFont(font)
            self.list.addItem(item)
            if current is not None and saved.id == current.id:
                self.list.setCurrentItem(item)
        if not rows:
            placeholder = QListWidgetItem(self.tr("No saved searches yet:\nset filters, then Save…"))
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(placeholder)
        self.list.blockSignals(False)
        self._update_buttons()

    def current_search(self) -> SavedSearch | None:
        item = self.list.currentItem()
        saved = item.data(SEARCH_ROLE) if item is not None else None
        return saved if isinstance(saved, SavedSearch) else None

    def _update_buttons(self) -> None:
        chosen = self.current_search() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- actions ---------------------------------------------------------------------------

    @Slot(QListWidgetItem)
    def on_item_activated(self, item: QListWidgetItem) -> None:
        saved = item.data(SEARCH_ROLE)
        if isinstance(saved, SavedSearch):
            self.view_selected.emit(saved.query)

    def _run(self, op: Op[Any], done: str) -> None:
        def failed(error: BaseException) -> None:
            if not isinstance(error, ReaderError):
                raise error
            self.message.emit(str(error))

        op.success(lambda _result: self.message.emit(done)).failure(failed).run(self.tasks)

    def save_current(self, name: str) -> None:
        self._run(
            operations.save_search(name, self.current_query()),
            self.tr("Saved search “%1”").replace("%1", name.strip()),
        )

    @Slot()
    def on_save_clicked(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            self.tr("Save search"),
            self.tr("Name for these filters (%1):").replace("%1", describe(self.current_query())),
            QLineEdit.EchoMode.Normal,
        )
        if ok and name.strip():
            self.save_current(name)

    def update_search(self, search_id: int, name: str | None, use_current_filters: bool) -> None:
        query = self.current_query() if use_current_filters else None
        self._run(operations.update_search(search_id, name, query), self.tr("Saved search updated"))

    @Slot()
    def on_edit_clicked(self) -> None:
        saved = self.current_search()
        if saved is None:
            return
        name, ok = QInputDialog.getText(
            self, self.tr("Edit saved search"), self.tr("Name:"), QLineEdit.EchoMode.Normal, saved.name
        )
        if not ok or not name.strip():
            return
        replace = QMessageBox.question(
            self,
            self.tr("Edit saved search"),
            self.tr("Also replace its filters (%1) with the current ones (%2)?")
            .replace("%1", describe(saved.query))
            .replace("%2", describe(self.current_query())),
        )
        self.update_search(saved.id, name, replace == QMessageBox.StandardButton.Yes)

    def remove_search(self, search_id: int) -> None:
        self._run(operations.remove_search(search_id), self.tr("Saved search removed"))

    @Slot()
    def on_remove_clicked(self) -> None:
        saved = self.current_search()
        if saved is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Remove saved search"),
            self.tr("Remove the saved search “%1”?").replace("%1", saved.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_search(saved.id)
