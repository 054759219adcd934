"""Live rates: a timer (hourly by default) and an on-demand refresh, as a job on the task
manager's network pool, so a slow central bank never holds up the story list; its writes go
through the Library's one writer, and the sidebar reloads from the `changes` it carries."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from reader.core.types import RATES_INTERVAL, Changes, RatesReport
from reader.ui import operations
from reader.ui.tasks import Job, TaskManager


class RatesRefresher(QObject):
    refresh_started = Signal()
    refresh_finished = Signal(object)  # RatesReport
    refresh_failed = Signal(str)
    official_progressed = Signal(str)  # "Fetch official rates": the date being asked
    official_finished = Signal(object)  # RatesReport

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_now)
        self.providers: list[str] | None = None  # None: the enabled ones
        self._job: Job[RatesReport] | None = None
        tasks.changes.connect(self.on_changes)

    @property
    def running(self) -> bool:
        return self._job is not None

    def start(self, refresh_now: bool = True) -> None:
        """Begin the interval timer (and refresh at once): the app calls this, tests need not."""
        operations.load_setting(RATES_INTERVAL).success(self._set_interval).run(self.tasks)
        if refresh_now:
            self.refresh_now()

    def _set_interval(self, minutes: int) -> None:
        self.timer.start(minutes * 60_000)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if RATES_INTERVAL.name in changes.setting_names and self.timer.isActive():
            operations.load_setting(RATES_INTERVAL).success(self._set_interval).run(self.tasks)

    def stop(self) -> None:
        """No more refreshes; a running one ends after the provider it is asking."""
        self.timer.stop()
        if self._job is not None:
            self._job.cancel()

    @Slot()
    def refresh_now(self) -> None:
        if self.running:
            return
        self.refresh_started.emit()
        job = operations.refresh_rates(self.providers)
        self._job = job
        job.success(self.on_refreshed).failure(self.on_failed).run(self.tasks)

    @Slot(str)
    def fetch_official(self, currency: str) -> None:
        """The currency's official series from its central bank (the chart's button), with its
        progress; one rates job at a time, as for the refresh."""
        if self.running:
            self.refresh_failed.emit("A rates refresh is running: try again when it ends")
            return
        job = operations.fetch_official_rates(currency)
        self._job = job

        def progressed(text: object) -> None:
            self.official_progressed.emit(str(text).split(" ")[-1])  # "nbk 2026-09-01": the date

        def finished(report: RatesReport) -> None:
            self._job = None
            self.official_finished.emit(report)

        self.official_progressed.emit("")
        job.progress(progressed).success(finished).failure(self.on_failed).run(self.tasks)

    def wait_idle(self, timeout: float = 20.0) -> bool:
        return self.tasks.wait_idle(timeout)

    def on_refreshed(self, report: RatesReport) -> None:
        self._job = None
        self.refresh_finished.emit(report)

    def on_failed(self, error: BaseException) -> None:
        self._job = None
        self.refresh_failed.emit(f"Rates refresh failed: {error}")
