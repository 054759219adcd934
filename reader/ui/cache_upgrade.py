"""The one-time upgrade of a cache written by an older version, at start-up: a small dialog
counts the stories while reader.core.upgrade converts them on a worker thread, then the start
goes on. "Stop and quit" stops it after the current batch; the upgrade is one transaction, so
the cache is left as it was and the next start begins it again."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QThread, Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from reader.core.upgrade import (
    ARTICLES,
    STORIES,
    PendingUpgrade,
    UpgradeProgress,
    UpgradeStopped,
    pending_upgrade,
)
from reader.core.upgrade import upgrade as upgrade_cache
from reader.ui import i18n


class UpgradeWorker(QThread):
    """Runs the upgrade off the GUI thread; `error` holds what stopped it, if anything."""

    progressed = Signal(str, int, int)  # what (STORIES, ARTICLES, or SCHEMA), done, total

    def __init__(self, pending: PendingUpgrade, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pending = pending
        self.error: Exception | None = None
        self._stop = threading.Event()

    def stop(self) -> None:
        """Stop at the next batch (the transaction rolls back)."""
        self._stop.set()

    def run(self) -> None:
        try:
            upgrade_cache(self.pending, self._report)
        except Exception as exc:  # handed to the GUI thread, where open_library explains it
            self.error = exc

    def _report(self, step: UpgradeProgress) -> None:
        if self._stop.is_set():
            raise UpgradeStopped
        self.progressed.emit(step.what, step.done, step.total)


class UpgradeDialog(QDialog):
    """ "Upgrading the story cache (one time)… 12,000 of 100,000 stories", with a bar."""

    def __init__(self, pending: PendingUpgrade, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cache-upgrade")
        self.setWindowTitle(self.tr("Steppe Reader"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        heading = self.tr("Upgrading the story cache (one time)…")
        self.heading = QLabel(f"<b>{heading}</b>")
        self.why = QLabel(
            self.tr(
                "This version stores the stories more compactly. If it is stopped, the cache is "
                "kept as it was and the upgrade starts again next time."
            )
        )
        self.why.setWordWrap(True)
        self.count = QLabel(self.tr("Preparing…"))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until the first count
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Upgrade progress"))
        self.stop_button = QPushButton(self.tr("Stop and quit"))
        self.stop_button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.why)
        layout.addWidget(self.count)
        layout.addWidget(self.bar)
        layout.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(420)

        self.worker = UpgradeWorker(pending, self)
        self.stopped = False
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.worker.progressed.connect(self.on_worker_progressed)
        self.worker.finished.connect(self.on_worker_finished)
        self.stop_button.clicked.connect(self.on_stop_clicked)

    def run(self) -> bool:
        """Upgrade with the dialog shown; True when done, False when the user stopped it.
        Raises what stopped it otherwise (a StorageError, or a bug), the cache left as it was."""
        self.worker.start()
        self.exec()
        self.worker.wait()
        error = self.worker.error
        if isinstance(error, UpgradeStopped):
            return False
        if error is not None:
            raise error
        return True

    @Slot(str, int, int)
    def on_worker_progressed(self, what: str, done: int, total: int) -> None:
        if self.stopped:
            return
        locale = QLocale()
        if what == STORIES:
            text = self.tr("%1 of %Ln stories", "", total)
        elif what == ARTICLES and total:
            text = self.tr("%1 of %Ln full articles", "", total)
        else:
            return  # the schema's quick steps (the bar stays busy), or no full articles
        self.count.setText(text.replace("%1", locale.toString(done)))
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(min(done, total))

    @Slot()
    def on_stop_clicked(self) -> None:
        self.stopped = True
        self.worker.stop()
        self.stop_button.setEnabled(False)
        self.count.setText(self.tr("Stopping… the cache is kept as it was."))
        self.bar.setRange(0, 0)

    @Slot()
    def on_worker_finished(self) -> None:
        self.done(QDialog.DialogCode.Accepted)

    def reject(self) -> None:
        """Escape or the window's close button: stop, never leave the worker running alone."""
        if self.worker.isRunning():
            self.on_stop_clicked()
        else:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.worker.isRunning():
            event.ignore()
            self.on_stop_clicked()
        else:
            super().closeEvent(event)


def upgrade_if_behind(data_dir: Path) -> bool:
    """Upgrade the cache in `data_dir` behind the dialog if an older version wrote it (in the
    language stored in it); False when the user stopped the upgrade."""
    pending = pending_upgrade(data_dir)
    if pending is None:
        return True
    app = QApplication.instance()
    if app is not None:
        i18n.install_translators(app, pending.language)
    return UpgradeDialog(pending).run()
