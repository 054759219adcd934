"""The status bar's account of the cache: stories, unread, bookmarked, samples, and the rates'
date and last check, from the Library's one status (Library.status(), which `steppe status`
prints with the same words). The last sync is the sync controller's label, beside it, from the
same status: each fact is said once, in one place.

It reloads itself when a write changes what it counts; no other code refreshes it."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reader.core.types import Changes, DataState, LibraryStatus
from reader.ui import operations
from reader.ui.tasks import TaskManager


class StateLabel(QLabel):
    status_loaded = Signal(object)  # LibraryStatus, each time it is read

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.status: LibraryStatus | None = None
        self.setAccessibleName("What the cache holds")
        # It shrinks (cut at the right edge, whole in its tooltip) rather than widening the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)
        tasks.changes.connect(self.on_changes)
        self.reload()

    def reload(self) -> None:
        operations.load_status().success(lambda loaded: self.show_state(*loaded)).run(self._tasks)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.stories or changes.read_state or changes.bookmarks or changes.sources or changes.rates:
            self.reload()

    def show_state(self, state: DataState, status: LibraryStatus | None = None) -> None:
        self.status = status
        text = state.counts_text()
        if status is not None:
            text += f" · {status.rates_text()}"
        self.setText(text)
        self.setToolTip(text)
        if status is not None:
            self.status_loaded.emit(status)
