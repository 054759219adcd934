"""Sync in the window: "Sync now" (F5), an automatic interval, a cancellable progress bar in the
status bar naming the source being fetched, a per-source error list instead of dialogs, and
"Offline — showing saved stories" when nothing could be reached.

The run is a Job on the task manager: its fetches fan out on the network pool, its writes go
through the Library's one writer; progress and the report come back by queued signal, and only
the slots here touch widgets. New stories reach the list through the `changes` the report
carries, like every other write's."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QDialog, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.core.errors import ReaderError
from reader.core.logs import active_log_file, internal_message
from reader.core.types import (
    SYNC_INTERVAL,
    Changes,
    LibraryStatus,
    SyncProgress,
    SyncReport,
)
from reader.ui import operations
from reader.ui.sources_dialog import SourcesDialog
from reader.ui.status_line import ElidedLabel, rates_text, when
from reader.ui.sync_problems import OFFLINE_TEXT, SyncErrorsDialog
from reader.ui.tasks import Job, TaskManager

__all__ = ["OFFLINE_TEXT", "SyncController", "SyncErrorsDialog"]
log = logging.getLogger(__name__)
LABEL_MIN_WIDTH = 160  # the sync label's room on the narrowest bar


class SyncController(QObject):
    """Owns the sync job, the status bar widgets, the interval timer and the error list."""

    sync_started = Signal()
    sync_progressed = Signal(object)  # SyncProgress
    sync_finished = Signal(object)  # SyncReport
    sync_failed = Signal(str)
    schedule_applied = Signal(int)  # the interval in minutes (0: only on F5)

    def __init__(self, tasks: TaskManager, status_bar: QStatusBar, window: QWidget) -> None:
        super().__init__(window)
        self.tasks = tasks
        self._window = window
        self.last_report: SyncReport | None = None
        self.last_finished_at: dt.datetime | None = None
        self.status: LibraryStatus | None = None  # the Library's one status, as last read
        self._job: Job[SyncReport] | None = None
        self._first_delay_ms = 3000
        self.interval = SYNC_INTERVAL.default

        # At most two fifths of the bar, ending in "…" (whole in its tooltip): a long failure
        # ("X: failed — … could not be found: …") must not squeeze a passing message to a stub.
        self.label = ElidedLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it names sources
        self.label.setMaximumWidth(max(LABEL_MIN_WIDTH, status_bar.width() * 2 // 5))
        status_bar.installEventFilter(self)
        self.label.setAccessibleName(self.tr("Sync status"))
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this sync (what arrived so far is kept)"))
        self.cancel_button.clicked.connect(self.cancel)
        self.errors_button = QToolButton()
        self.errors_button.setAccessibleName(self.tr("Sync problems"))
        self.errors_button.setToolTip(self.tr("Show which sources failed and why"))
        self.errors_button.clicked.connect(self.show_errors)
        # Permanent widgets: a passing status message must not hide the progress.
        for widget in (self.label, self.progress, self.cancel_button, self.errors_button):
            status_bar.addPermanentWidget(widget)
        self._set_running(False)
        self.errors_button.hide()
        self.errors_dialog: SyncErrorsDialog | None = None
        self.sources_dialog: SourcesDialog | None = None

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)
        tasks.changes.connect(self.on_changes)
        self.load_status()

    # -- the status ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QStatusBar):
            self.label.setMaximumWidth(max(LABEL_MIN_WIDTH, watched.width() * 2 // 5))
        return False

    def load_status(self) -> None:
        """The last sync and the offline state as the Library records them: what the label says
        until a sync runs in this session, and what the problems dialog says of earlier ones."""
        operations.load_status().success(lambda loaded: self.show_status(loaded[1])).run(self.tasks)

    def show_status(self, status: LibraryStatus) -> None:
        self.status = status
        if self.last_report is None and not self.running:
            self.label.setText(self.sync_text(status))
            self.label.setToolTip(f"{self.sync_text(status)} · {rates_text(status)}")
        if self.errors_dialog is not None and self.errors_dialog.isVisible() and self.last_report is None:
            self.errors_dialog.show_report(None, None, status, self.sync_text(status))

    def _status_text(self) -> str | None:
        return self.sync_text(self.status) if self.status is not None else None

    def sync_text(self, status: LibraryStatus) -> str:
        """ "Last sync 02 Dec 18:40", "Offline since … · last sync …", "Not synced yet"
        (LibraryStatus.sync_text, translated)."""
        last, tried = status.last_sync_at, status.last_sync_attempt_at
        if status.sync_offline and tried is not None:
            if last is None:
                return self.tr("Offline since %1 · not synced yet").replace("%1", when(tried))
            return (
                self.tr("Offline since %1 · last sync %2")
                .replace("%1", when(tried))
                .replace("%2", when(last))
            )
        if last is not None:
            return self.tr("Last sync %1").replace("%1", when(last))
        return self.tr("Not synced yet")

    # -- scheduling --------------------------------------------------------------------------

    def start_schedule(self, first_delay_ms: int = 3000) -> None:
        """Sync every `interval` minutes (0: never), and soon after start-up if the last sync is
        older than that. The setting is read off the GUI thread; `schedule_applied` follows."""
        self._first_delay_ms = first_delay_ms
        operations.load_schedule(SYNC_INTERVAL).success(
            lambda loaded: self._apply_schedule(*loaded, True)
        ).run(self.tasks)

    def _apply_schedule(self, minutes: int, status: LibraryStatus | None, catch_up: bool) -> None:
        self.interval = minutes
        self.timer.stop()
        if minutes:
            self.timer.start(minutes * 60_000)
            last = status.last_sync_at if status is not None else None
            stale = last is None or dt.datetime.now(dt.UTC) - last > dt.timedelta(minutes=minutes)
            if catch_up and stale:
                QTimer.singleShot(self._first_delay_ms, self.sync_now)
        self.schedule_applied.emit(minutes)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.sources or changes.rates:
            self.load_status()
        if SYNC_INTERVAL.name in changes.setting_names:
            operations.load_setting(SYNC_INTERVAL).success(
                lambda m: self._apply_schedule(m, None, False)
            ).run(self.tasks)

    def stop(self) -> None:
        self.timer.stop()
        self.cancel()

    # -- running ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._job is not None

    @Slot()
    def sync_now(self) -> None:
        if self.running:
            return
        self._set_running(True)
        self.progress.setRange(0, 0)  # busy until the first source reports
        self.label.setText(self.tr("Syncing…"))
        self.sync_started.emit()
        job = operations.sync_stories()
        job.progress(self.on_sync_progressed).success(self.on_sync_done).failure(self.on_sync_failed)
        self._job = job
        job.run(self.tasks)

    @Slot()
    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.label.setText(self.tr("Cancelling…"))
            self.cancel_button.setEnabled(False)

    def wait(self, timeout: float = 10.0) -> bool:
        return self.tasks.wait_idle(timeout)

    def on_sync_progressed(self, progress: SyncProgress) -> None:
        if not self.running:
            return
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
            self.progress.setFormat(f"{progress.done}/{progress.total}")
        self.label.setText(progress.message)  # "Fetching X", then "X: 3 new, 0 updated" or "X: failed — …"
        self.label.setToolTip(progress.message)
        self.sync_progressed.emit(progress)

    def on_sync_failed(self, error: BaseException) -> None:
        self._job = None
        self._set_running(False)
        said = self._plain(error)
        self.label.setText(said)
        self.label.setToolTip("")
        self.sync_failed.emit(said)

    def _plain(self, error: BaseException) -> str:
        """The whole run failed (not one source: those are in the report). A ReaderError says
        why in words; anything else is a bug, logged with its traceback, never shown as one."""
        if isinstance(error, ReaderError):
            return self.tr("Sync failed: %1").replace("%1", str(error))
        log.error("The sync failed", exc_info=error)
        return internal_message("finish the sync", active_log_file())

    def on_sync_done(self, report: SyncReport) -> None:
        self._job = None
        self._set_running(False)
        self.last_report = report
        self.last_finished_at = dt.datetime.now(dt.UTC)
        self.label.setText(report.summary())
        lines = report.problem_lines()
        self.label.setToolTip("\n".join(lines))
        failures = len(report.failures)
        if report.offline:
            # Said once, on the button that opens the details (not again on the label beside it).
            self.label.setText("")
            self.errors_button.setText(
                "⚠ " + QCoreApplication.translate("SyncErrorsDialog", str(OFFLINE_TEXT))
            )
        elif failures:
            self.errors_button.setText(self.tr("⚠ %n sources failed", "", failures))
        self.errors_button.setToolTip("\n".join([*lines, self.tr("Click for the list and the details")]))
        self.errors_button.setVisible(bool(failures))
        if self.errors_dialog is not None and self.errors_dialog.isVisible():
            self.errors_dialog.show_report(report, self.last_finished_at, self.status, self._status_text())
        self.sync_finished.emit(report)

    @Slot()
    def show_errors(self) -> None:
        if self.errors_dialog is None:
            self.errors_dialog = SyncErrorsDialog(self._window)
        self.errors_dialog.show_report(
            self.last_report, self.last_finished_at, self.status, self._status_text()
        )
        _show(self.errors_dialog)

    @Slot()
    def show_sources(self) -> None:
        if self.sources_dialog is None:
            self.sources_dialog = SourcesDialog(self.tasks, self._window)
        else:
            self.sources_dialog.refresh()
        _show(self.sources_dialog)

    def _set_running(self, running: bool) -> None:
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)
        if running:
            self.errors_button.hide()


def _show(dialog: QDialog) -> None:
    """Show a modeless dialog, or bring it to the front if it is open already."""
    if dialog.isVisible():
        dialog.raise_()
    else:
        dialog.show()
