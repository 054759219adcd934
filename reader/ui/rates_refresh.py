"""Live rates: a timer (hourly by default) and an on-demand refresh, fetching off the GUI thread.

Network work runs in its own one-thread pool, never on the serial database worker, so a slow
central bank cannot hold up the story list; the fetch writes through the Library's own lock.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from reader.core import ratesync
from reader.core.library import Library


class _Signals(QObject):
    finished = Signal(object, object)  # results, error


class _SyncTask(QRunnable):
    def __init__(self, library: Library, providers: list[str] | None, signals: _Signals) -> None:
        super().__init__()
        self._library = library
        self._providers = providers
        self._signals = signals
        self.cancelled = False  # checked between providers, so closing the window is quick

    def run(self) -> None:
        try:
            keys = self._providers or ratesync.enabled_providers(self._library)
            results = []
            with ratesync.make_client() as client:
                for key in keys:
                    if self.cancelled:
                        break
                    results.append(ratesync.sync_provider(self._library, key, client=client))
        except Exception as exc:  # reported at the UI edge, never raised in a pool thread
            self._signals.finished.emit(None, exc)
        else:
            self._signals.finished.emit(results, None)


class RatesRefresher(QObject):
    refresh_started = Signal()
    refresh_finished = Signal(object)  # list[ratesync.SyncResult]
    refresh_failed = Signal(str)

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_now)
        self._signals = _Signals()
        self._signals.finished.connect(self.on_task_finished)
        self.running = False
        self.providers: list[str] | None = None  # None: the enabled ones
        self._task: _SyncTask | None = None

    def interval_minutes(self) -> int:
        value: Any = self.library.setting(ratesync.SETTING_INTERVAL, ratesync.DEFAULT_INTERVAL_MINUTES)
        try:
            return max(5, int(value))
        except (TypeError, ValueError):
            return ratesync.DEFAULT_INTERVAL_MINUTES

    def start(self, refresh_now: bool = True) -> None:
        """Begin the interval timer (and refresh at once): the app calls this, tests need not."""
        self.timer.start(self.interval_minutes() * 60_000)
        if refresh_now:
            self.refresh_now()

    def stop(self) -> None:
        """No more refreshes; a running one ends after the provider it is asking."""
        self.timer.stop()
        if self._task is not None:
            self._task.cancelled = True

    @Slot()
    def refresh_now(self) -> None:
        if self.running:
            return
        self.running = True
        self.refresh_started.emit()
        self._task = _SyncTask(self.library, self.providers, self._signals)
        self._task.setAutoDelete(False)
        self.pool.start(self._task)

    def wait_idle(self, msecs: int = 20_000) -> bool:
        return self.pool.waitForDone(msecs)

    @Slot(object, object)
    def on_task_finished(self, results: Any, error: BaseException | None) -> None:
        self.running = False
        self._task = None
        if error is not None:
            self.refresh_failed.emit(f"Rates refresh failed: {error}")
            return
        self.refresh_finished.emit(results)
