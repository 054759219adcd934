"""What the screenshot scripts share (they run as `python packaging/screenshots/take_*.py OUT`,
so this folder is on the import path): waiting for the window to settle, opening a story."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from reader.ui.main_window import MainWindow
from reader.ui.story_model import STORY_ID_ROLE


def settle(app: QApplication, window: MainWindow | None = None, ms: int = 700) -> None:
    """Let the window's work finish (database tasks, a rates refresh) and paint, three times
    over `ms`: a finished task often queues the next (a page, then its images)."""
    for _ in range(3):
        if window is not None:
            window.tasks.wait_idle()
            window.rates_controller.refresher.wait_idle()
        loop = QEventLoop()
        QTimer.singleShot(ms // 3, loop.quit)
        loop.exec()
        app.processEvents()


def open_story(window: MainWindow, story_id: int) -> bool:
    """Open the story if the list shows it; False if it does not."""
    for row in range(window.model.rowCount()):
        if window.model.index(row, 0).data(STORY_ID_ROLE) == story_id:
            window.story_list.open_row(row)
            return True
    return False
