"""Re-tagging the stories' countries after an upgrade, in the background, chunk by chunk.

Each chunk is one Op on the window's serial database worker, so a story opened or a bookmark
toggled in between waits for at most one chunk; closing the window stops the job after the
current chunk, and the next start resumes it (the position reached is stored in the cache).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.library import Library
from reader.core.retag import RetagProgress
from reader.ui.ops import Op, OpRunner

# Smaller than the core's default: a chunk holds the database worker for about half a second.
UI_CHUNK = 100


class RetagJob(QObject):
    progressed = Signal(int, int)  # stories done, total
    finished = Signal()  # every story is tagged by the current tagger (the list may change)

    def __init__(self, library: Library, runner: OpRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._stopped = False

    def start(self) -> None:
        """Look whether the cache needs it, and if so run it to the end."""
        Op(self._library.retag_pending).success(self._on_checked).run(self._runner)

    def stop(self) -> None:
        self._stopped = True

    def _on_checked(self, pending: bool) -> None:
        if pending:
            self._step()

    def _step(self) -> None:
        if not self._stopped:
            library = self._library
            Op(lambda: library.retag_step(UI_CHUNK)).success(self._on_step).run(self._runner)

    def _on_step(self, progress: RetagProgress) -> None:
        self.progressed.emit(progress.done, progress.total)
        if progress.finished:
            self.finished.emit()
        else:
            QTimer.singleShot(0, self._step)  # let other work queued meanwhile run first
