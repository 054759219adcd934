"""Re-tagging the stories' countries after an upgrade, in the background, chunk by chunk.

Each chunk is one operation on the serial database executor, so a story opened or a bookmark
toggled in between waits for at most one chunk; closing the window stops the job after the
current chunk, and the next start resumes it (the position reached is stored in the cache).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.types import Outcome, RetagProgress
from reader.ui import operations
from reader.ui.tasks import TaskManager

# Smaller than the core's default: a chunk holds the database executor for about half a second.
UI_CHUNK = 100


class RetagJob(QObject):
    progressed = Signal(int, int)  # stories done, total
    finished = Signal()  # every story is tagged by the current tagger (the list may change)

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._stopped = False

    def start(self) -> None:
        """Look whether the cache needs it, and if so run it to the end."""
        operations.retag_pending().success(self._on_checked).run(self._tasks)

    def stop(self) -> None:
        self._stopped = True

    def _on_checked(self, pending: bool) -> None:
        if pending:
            self._step()

    def _step(self) -> None:
        if not self._stopped:
            operations.retag_step(UI_CHUNK).success(self._on_step).run(self._tasks)

    def _on_step(self, step: Outcome[RetagProgress]) -> None:
        progress = step.value
        self.progressed.emit(progress.done, progress.total)
        if progress.finished:
            self.finished.emit()
        else:
            QTimer.singleShot(0, self._step)  # let other work queued meanwhile run first
