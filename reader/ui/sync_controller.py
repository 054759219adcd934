"""Sync in the window: "Sync now" (F5), an automatic interval, a cancellable progress bar in the
status bar naming the source being fetched, a per-source error list instead of dialogs, and
"Offline — showing saved stories" when nothing could be reached.

The whole run happens on one worker thread of its own (its fetches in parallel inside it, its
writes through the Library's one writer); progress and the report come back by queued signals,
and only the slots here touch widgets."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QProgressBar,
    QStatusBar,
    QToolButton,
    QWidget,
)

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.logs import active_log_file
from reader.core.sync.problems import internal_message
from reader.core.sync.retention import DEFAULT_RETENTION_DAYS, RETENTION_SETTING
from reader.core.sync.service import (
    DEFAULT_INTERVAL_MINUTES,
    INTERVAL_SETTING,
    SyncConfig,
    SyncProgress,
    SyncReport,
    SyncService,
)
from reader.ui.sources_dialog import SourcesDialog
from reader.ui.sync_problems import OFFLINE_TEXT, SyncErrorsDialog

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

__all__ = ["OFFLINE_TEXT", "SyncController", "SyncErrorsDialog"]
log = logging.getLogger(__name__)


class _Signals(QObject):
    progressed = Signal(object)  # SyncProgress
    finished = Signal(object, object)  # SyncReport | None, error | None


class _SyncTask(QRunnable):
    def __init__(self, service: SyncService, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self._service = service
        self._signals = signals
        self._cancel = cancel

    def run(self) -> None:
        try:
            report = self._service.sync(progress=self._signals.progressed.emit, cancel=self._cancel)
        except BaseException as exc:  # handed to the GUI thread, which decides what to show
            self._signals.finished.emit(None, exc)
        else:
            self._signals.finished.emit(report, None)


class SyncController(QObject):
    """Owns the sync thread, the status bar widgets, the interval timer and the error list."""

    sync_started = Signal()
    sync_finished = Signal(object)  # SyncReport
    sync_failed = Signal(str)

    def __init__(
        self,
        library: Library,
        status_bar: QStatusBar,
        parent: QObject | None = None,
        config: SyncConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.config = config or SyncConfig()
        self.last_report: SyncReport | None = None
        self.last_finished_at: dt.datetime | None = None
        self._cancel: threading.Event | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals()
        self._signals.progressed.connect(self.on_sync_progressed)
        self._signals.finished.connect(self.on_sync_done)

        self.label = QLabel()
        self.label.setAccessibleName("Sync status")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Sync progress")
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop this sync (what arrived so far is kept)")
        self.cancel_button.clicked.connect(self.cancel)
        self.errors_button = QToolButton()
        self.errors_button.setAccessibleName("Sync problems")
        self.errors_button.setToolTip("Show which sources failed and why")
        self.errors_button.clicked.connect(self.show_errors)
        # Permanent widgets: a passing status message must not hide the progress.
        for widget in (self.label, self.progress, self.cancel_button, self.errors_button):
            status_bar.addPermanentWidget(widget)
        self._set_running(False)
        self.errors_button.hide()
        self.errors_dialog: SyncErrorsDialog | None = None
        self.sources_dialog: SourcesDialog | None = None
        self._window: MainWindow | None = None

        self.timer = QTimer(self)
        self.timer.timeout.connect(self.sync_now)

    # -- wiring ----------------------------------------------------------------------------

    def attach(self, window: MainWindow) -> None:
        """Show new stories in the window's list as a sync ends, and cached images in its pane."""
        self._window = window
        window.article.image_cache = self.library.images
        # The sync's outcome is the status label's one line: no second message beside it.
        self.sync_finished.connect(lambda _report: self._refresh_window(window))
        window.model.rows_merged.connect(lambda count: self._keep_place(window, count))
        window.installEventFilter(self)

    def _refresh_window(self, window: MainWindow) -> None:
        window.model.merge_new_stories()
        window.refresh_facets()
        window.refresh_state()

    @staticmethod
    def _keep_place(window: MainWindow, inserted: int) -> None:
        # Rows went in above: move the scroll bar by as much, so the rows on screen stay put
        # (at the very top, the new stories simply show).
        bar = window.story_list.verticalScrollBar()
        if inserted and bar.value() > 0:
            row_height = max(1, window.story_list.verticalHeader().defaultSectionSize())
            per_item = window.story_list.verticalScrollMode().name == "ScrollPerItem"
            bar.setValue(bar.value() + inserted * (1 if per_item else row_height))
        window.count_label.setText(window.model.count_text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.cancel()
            self._pool.waitForDone(5000)
        return False

    # -- scheduling --------------------------------------------------------------------------

    def interval_minutes(self) -> int:
        value = self.library.setting(INTERVAL_SETTING, DEFAULT_INTERVAL_MINUTES)
        return value if isinstance(value, int) and value >= 0 else DEFAULT_INTERVAL_MINUTES

    def start_schedule(self, first_delay_ms: int = 3000) -> None:
        """Sync every `interval` minutes (0: never), and soon after start-up if the last sync is
        older than that."""
        minutes = self.interval_minutes()
        if minutes == 0:
            self.timer.stop()
            return
        self.timer.start(minutes * 60_000)
        last = self.library.data_state().last_sync_at
        if last is None or dt.datetime.now(dt.UTC) - last > dt.timedelta(minutes=minutes):
            QTimer.singleShot(first_delay_ms, self.sync_now)

    @Slot()
    def choose_interval(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self._window, "Automatic sync", "Sync every how many minutes (0: only on F5)?",
            self.interval_minutes(), 0, 24 * 60,
        )  # fmt: skip
        if ok:
            self.library.set_setting(INTERVAL_SETTING, minutes)
            self.timer.stop()
            if minutes:
                self.timer.start(minutes * 60_000)

    @Slot()
    def choose_retention(self) -> None:
        days = self.library.setting(RETENTION_SETTING, DEFAULT_RETENTION_DAYS)
        days, ok = QInputDialog.getInt(
            self._window, "Keep stories",
            "Keep stories for how many days (0: forever)? Bookmarked stories are always kept.",
            days if isinstance(days, int) else DEFAULT_RETENTION_DAYS, 0, 100 * 365,
        )  # fmt: skip
        if ok:
            self.library.set_setting(RETENTION_SETTING, days)

    # -- running ---------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._cancel is not None

    @Slot()
    def sync_now(self) -> None:
        if self.running:
            return
        self._cancel = threading.Event()
        service = SyncService(self.library, self.config)
        self._set_running(True)
        self.progress.setRange(0, 0)  # busy until the first source reports
        self.label.setText("Syncing…")
        self.sync_started.emit()
        self._pool.start(_SyncTask(service, self._signals, self._cancel))

    @Slot()
    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.label.setText("Cancelling…")
            self.cancel_button.setEnabled(False)

    def wait(self, msecs: int = 10000) -> bool:
        return self._pool.waitForDone(msecs)

    @Slot(object)
    def on_sync_progressed(self, progress: SyncProgress) -> None:
        if not self.running:
            return
        if progress.total:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(progress.done)
            self.progress.setFormat(f"{progress.done}/{progress.total}")
        self.label.setText(progress.message)  # "Fetching X", then "X: 3 new, 0 updated" or "X: failed — …"

    @Slot(object, object)
    def on_sync_done(self, report: SyncReport | None, error: BaseException | None) -> None:
        self._cancel = None
        self._set_running(False)
        if error is not None:
            said = self._plain(error)
            self.label.setText(said)
            self.label.setToolTip("")
            self.sync_failed.emit(said)
            return
        assert report is not None
        self.last_report = report
        self.last_finished_at = dt.datetime.now(dt.UTC)
        self.label.setText(report.summary())
        lines = report.problem_lines()
        self.label.setToolTip("\n".join(lines))
        failures = len(report.failures)
        if report.offline:
            self.errors_button.setText("⚠ Offline")
        elif failures:
            self.errors_button.setText(f"⚠ {failures} source{'s' if failures != 1 else ''} failed")
        self.errors_button.setToolTip("\n".join([*lines, "Click for the list and the details"]))
        self.errors_button.setVisible(bool(failures))
        if self.errors_dialog is not None and self.errors_dialog.isVisible():
            self.errors_dialog.show_report(report, self.last_finished_at)
        self.sync_finished.emit(report)

    @staticmethod
    def _plain(error: BaseException) -> str:
        """The whole run failed (not one source: those are in the report). A ReaderError says
        why in words; anything else is a bug, logged with its traceback, never shown as one."""
        if isinstance(error, ReaderError):
            return f"Sync failed: {error}"
        log.error("The sync failed", exc_info=error)
        return internal_message("finish the sync", active_log_file())

    @Slot()
    def show_errors(self) -> None:
        if self.errors_dialog is None:
            parent = self.parent()
            self.errors_dialog = SyncErrorsDialog(parent if isinstance(parent, QWidget) else None)
        self.errors_dialog.show_report(self.last_report, self.last_finished_at)
        _show(self.errors_dialog)

    @Slot()
    def show_sources(self) -> None:
        window = self._window
        if window is None:
            return
        if self.sources_dialog is None:
            self.sources_dialog = SourcesDialog(self.library, window.runner, window)
            self.sources_dialog.sources_changed.connect(window.refresh_facets)
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
