"""Building the search index in the window: after an upgrade (migration 0006) or a change of the
normaliser, the index is filled in the background, a step of a few hundred stories at a time on
the window's database executor, with its progress in the status bar. Other work interleaves
between steps, so the window stays usable; closing it stops after the current step, and the
next start resumes where it stopped."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from reader.core.types import IndexStatus
from reader.ui import operations
from reader.ui.tasks import TaskManager


class SearchIndexBuilder(QObject):
    progressed = Signal(object)  # IndexStatus
    finished = Signal()  # the index is complete (it was not when the window opened)

    def __init__(self, tasks: TaskManager, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._stopped = False
        self.status: IndexStatus | None = None
        self.label = QLabel("Building the search index…")
        self.label.setAccessibleName("Search index progress")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Search index build")
        self.progress.setMaximumWidth(140)
        self.progress.setRange(0, 100)
        for widget in (self.label, self.progress):
            widget.hide()
            status_bar.addPermanentWidget(widget)

    @property
    def building(self) -> bool:
        return self.status is not None and not self.status.complete

    def start(self) -> None:
        """Check the index, and build what is missing."""
        operations.search_index_status().success(self.on_status).run(self._tasks)

    def stop(self) -> None:
        self._stopped = True

    @Slot(object)
    def on_status(self, status: IndexStatus) -> None:
        was_building = self.building
        self.status = status
        if status.complete:
            self.label.hide()
            self.progress.hide()
            if was_building:
                self.finished.emit()
            return
        self.label.show()
        self.progress.show()
        self.progress.setValue(status.percent)
        self.progress.setFormat(f"{status.percent} %")
        self.label.setText(f"Building the search index: {status.indexed:,} of {status.total:,} stories")
        self.progressed.emit(status)
        if not self._stopped:
            # Through the event loop, so the window's own work queues between two steps.
            QTimer.singleShot(0, self._step)

    def _step(self) -> None:
        if self._stopped:
            return
        operations.build_search_index().success(self.on_status).run(self._tasks)
