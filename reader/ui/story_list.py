"""The story list's view: a list of rows painted by StoryDelegate, which knows whether its
current row last moved because the user moved it (mouse, keyboard, J/K), which is what opens a
story rather than only showing it. A click on a row's star toggles its bookmark instead."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from reader.ui.story_delegate import StoryDelegate


class StoryListView(QListView):
    """The list: it remembers whether the current row last moved because the user moved it
    (mouse, keyboard), which is what opens a story rather than just showing it."""

    star_clicked = Signal(QModelIndex)  # the bookmark star of this row was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_moved = False
        self.delegate = StoryDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)  # every row the same height: layout never asks each row
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Extended: a selection of stories can be exported (File → Export…).
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setMinimumWidth(230)

    def set_compact(self, compact: bool) -> None:
        self.delegate.compact = compact
        self.scheduleDelayedItemsLayout()  # the row height changed
        self.viewport().update()

    @property
    def compact(self) -> bool:
        return self.delegate.compact

    def row_height(self) -> int:
        return self.sizeHintForRow(0) if self.model() is not None and self.model().rowCount() else 0

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._user_moved = True  # arrow keys, Page Up/Down, Home/End, typing a title's start
        super().keyPressEvent(event)
        self._user_moved = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if (
            index.isValid()
            and event.button() == Qt.MouseButton.LeftButton
            and not event.modifiers()
            and self.delegate.star_rect(self.visualRect(index)).contains(event.position().toPoint())
        ):
            self.star_clicked.emit(index)  # the star: the selection stays where it is
            event.accept()
            return
        self._user_moved = True
        super().mousePressEvent(event)
        self._user_moved = False

    def open_row(self, row: int) -> None:
        """Move to `row` as the user (J/K)."""
        self._user_moved = True
        self.selectionModel().setCurrentIndex(
            self.model().index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._user_moved = False

    def take_user_move(self) -> bool:
        moved, self._user_moved = self._user_moved, False
        return moved
