"""The Bookmarks view: every bookmark with its note and tags, its own search and tag filter,
and an editor for the note and tags. Changes go through the core on the database worker, and
the view reloads when any write changes bookmarks or read state, wherever it was made."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.core.types import BookmarkInfo, Changes
from reader.ui import operations
from reader.ui.story_model import state_words
from reader.ui.tasks import TaskManager

_Index = QModelIndex | QPersistentModelIndex
BOOKMARK_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _local(stamp: datetime, pattern: str) -> str:
    """A UTC-aware datetime in local time, in the interface's locale (QLocale's default)."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(stamp.timestamp())), pattern)


class BookmarkListModel(QAbstractTableModel):
    """Bookmarks as rows. A person's bookmarks are few enough to hold; stories are not."""

    COLUMNS = (
        QT_TRANSLATE_NOOP("BookmarkListModel", "Title"),
        QT_TRANSLATE_NOOP("BookmarkListModel", "Note"),
        QT_TRANSLATE_NOOP("BookmarkListModel", "Tags"),
        QT_TRANSLATE_NOOP("BookmarkListModel", "Source"),
        QT_TRANSLATE_NOOP("BookmarkListModel", "Published"),
        QT_TRANSLATE_NOOP("BookmarkListModel", "Bookmarked"),
    )
    TITLE, NOTE, TAGS, SOURCE, PUBLISHED, BOOKMARKED = range(6)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[BookmarkInfo] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_bookmarks(self, rows: list[BookmarkInfo]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def bookmark_at(self, row: int) -> BookmarkInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, story_id: int) -> int | None:
        return next((i for i, b in enumerate(self._rows) if b.story_id == story_id), None)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return QCoreApplication.translate("BookmarkListModel", str(self.COLUMNS[section]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        b = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return b.title
            if column == self.NOTE:
                return " ".join((b.note or "").split())
            if column == self.TAGS:
                return ", ".join(b.tags)
            if column == self.SOURCE:
                return b.source_name
            if column == self.PUBLISHED:
                return _local(b.published_at, "yyyy-MM-dd")
            if column == self.BOOKMARKED:
                return _local(b.created_at, "yyyy-MM-dd")
        elif role == Qt.ItemDataRole.ToolTipRole and column in (self.TITLE, self.NOTE) and b.note:
            return b.note
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.BOOKMARKED:
            return self.tr("Bookmarked %1").replace("%1", _local(b.created_at, "d MMMM yyyy, HH:mm"))
        elif role == Qt.ItemDataRole.FontRole:
            return self._bold if not b.is_read else None
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == self.TITLE:
            published = _local(b.published_at, "yyyy-MM-dd")
            return f"{state_words(b.is_read, True)}. {b.title} — {b.source_name}, {published}"
        elif role == Qt.ItemDataRole.AccessibleDescriptionRole and column == self.TITLE:
            note = " ".join((b.note or "").split())
            words = f"{state_words(b.is_read, True)}."
            return words + " " + self.tr("Note: %1").replace("%1", note) if note else words
        elif role == BOOKMARK_ID_ROLE:
            return b.story_id
        return None


class BookmarksView(QWidget):
    """A window of its own (View → Bookmarks, Ctrl+Shift+B)."""

    story_activated = Signal(int)  # open this story in the main window
    export_requested = Signal()  # export all bookmarks

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.tasks = tasks
        self.setWindowTitle(self.tr("Bookmarks — Steppe Reader"))
        self.resize(1100, 560)  # reader.ui.placement puts it over the main window, on-screen
        self._generation = 0
        close = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WindowShortcut)
        close.activated.connect(self.close)  # a window, not a dialog: Esc closes it as one

        self.search = QLineEdit(
            placeholderText=self.tr("Search titles, notes and tags"), clearButtonEnabled=True
        )
        self.search.setAccessibleName(self.tr("Search bookmarks"))
        self.tag = QComboBox()
        self.tag.setAccessibleName(self.tr("Tag"))
        self.tag.setMinimumWidth(160)
        self.unread = QCheckBox(self.tr("&Unread"))
        self.unread.setToolTip(self.tr("Only bookmarks not yet read"))
        self.count_label = QLabel()
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setToolTip(self.tr("Export all bookmarks (File → Export…)"))
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.tag, 1)
        top.addWidget(self.unread)
        top.addWidget(self.export_button)

        self.model = BookmarkListModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Bookmarks"))
        self.table.setAccessibleDescription(
            self.tr("Your bookmarks; each row says whether it is read. Double-click or Open story opens it")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(BookmarkListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(BookmarkListModel.NOTE, 170)
        header.resizeSection(BookmarkListModel.TAGS, 90)
        header.resizeSection(BookmarkListModel.SOURCE, 100)
        header.resizeSection(BookmarkListModel.PUBLISHED, 84)
        header.resizeSection(BookmarkListModel.BOOKMARKED, 92)

        self.title = QLabel(self.tr("Select a bookmark"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a story's title is never markup
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName(self.tr("Note"))
        self.note.setPlaceholderText(self.tr("A note of your own about this story"))
        self.tags = QLineEdit(placeholderText=self.tr("tags, separated by commas"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.save_button = QPushButton(self.tr("&Save note and tags"))
        self.open_button = QPushButton(self.tr("&Open story"))
        self.remove_button = QPushButton(self.tr("&Remove bookmark"))
        editor = QWidget()
        editor.setMaximumWidth(380)
        form = QFormLayout(editor)
        form.addRow(self.title)
        form.addRow(self.tr("&Note"), self.note)
        form.addRow(self.tr("&Tags"), self.tags)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        form.addRow(buttons)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(editor)
        splitter.setSizes([700, 300])
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)
        self._set_editor_enabled(False)
        self._fill_tags([])
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(lambda _text: self.reload())
        self.tag.currentIndexChanged.connect(lambda _index: self.reload())
        self.unread.toggled.connect(lambda _on: self.reload())
        self.table.selectionModel().currentRowChanged.connect(self.on_current_changed)
        self.table.doubleClicked.connect(self.on_open_clicked)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.open_button.clicked.connect(self.on_open_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.export_button.clicked.connect(self.export_requested)
        self.tasks.changes.connect(self.on_changes)

    # -- loading ---------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        keep = self.current_story_id()
        operations.find_bookmarks(
            self.search.text(), self.tag.currentData(), self.unread.isChecked()
        ).success(lambda result: self._on_loaded(generation, keep, *result)).run(self.tasks)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if self.isVisible() and (changes.bookmarks or changes.read_state or changes.stories):
            self.reload()

    def _on_loaded(
        self, generation: int, keep: int | None, rows: list[BookmarkInfo], tags: list[str]
    ) -> None:
        if generation != self._generation:
            return
        self._fill_tags(tags)
        self.model.set_bookmarks(rows)
        n = len(rows)
        self.count_label.setText(self.tr("%n bookmarks", "", n) if n else self.tr("No bookmarks match"))
        row = self.model.row_of(keep) if keep is not None else None
        if row is None and n:
            row = 0
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self._show(None)

    def _fill_tags(self, tags: list[str]) -> None:
        current = self.tag.currentData()
        self.tag.blockSignals(True)
        self.tag.clear()
        self.tag.addItem(self.tr("All tags"), None)
        for tag in tags:
            self.tag.addItem(f"#{tag}", tag)
        found = self.tag.findData(current) if current is not None else 0
        self.tag.setCurrentIndex(max(found, 0))
        self.tag.blockSignals(False)

    # -- editing ---------------------------------------------------------------------------

    def current_story_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(BOOKMARK_ID_ROLE) if index.isValid() else None

    def _set_editor_enabled(self, enabled: bool) -> None:
        for widget in (self.note, self.tags, self.save_button, self.open_button, self.remove_button):
            widget.setEnabled(enabled)

    def _show(self, bookmark: BookmarkInfo | None) -> None:
        self._set_editor_enabled(bookmark is not None)
        self.title.setText(bookmark.title if bookmark else self.tr("Select a bookmark"))
        self.note.setPlainText((bookmark.note or "") if bookmark else "")
        self.tags.setText(", ".join(bookmark.tags) if bookmark else "")

    @Slot(QModelIndex, QModelIndex)
    def on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show(self.model.bookmark_at(current.row()) if current.isValid() else None)

    @Slot()
    def on_save_clicked(self) -> None:
        story_id = self.current_story_id()
        if story_id is None:
            return
        operations.edit_bookmark(story_id, self.note.toPlainText(), self.tags.text()).run(self.tasks)

    @Slot()
    def on_remove_clicked(self) -> None:
        story_id = self.current_story_id()
        if story_id is None:
            return
        operations.remove_bookmark(story_id).run(self.tasks)

    @Slot()
    def on_open_clicked(self) -> None:
        story_id = self.current_story_id()
        if story_id is not None:
            self.story_activated.emit(story_id)
