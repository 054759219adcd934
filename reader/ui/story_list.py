"""The story list's view: a table that knows whether its current row last moved because the user
moved it (mouse, keyboard, J/K), which is what opens a story rather than only showing it."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QTableView, QWidget

from reader.ui.story_model import StoryListModel


class StoryListView(QTableView):
    """The list: it remembers whether the current row last moved because the user moved it
    (mouse, keyboard), which is what opens a story rather than just showing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._user_moved = False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self._user_moved = True  # arrow keys, Page Up/Down, Home/End, typing a title's start
        super().keyPressEvent(event)
        self._user_moved = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._user_moved = True
        super().mousePressEvent(event)
        self._user_moved = False

    def open_row(self, row: int) -> None:
        """Move to `row` as the user (J/K)."""
        self._user_moved = True
        self.selectionModel().setCurrentIndex(
            self.model().index(row, StoryListModel.TITLE),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._user_moved = False

    def take_user_move(self) -> bool:
        moved, self._user_moved = self._user_moved, False
        return moved
