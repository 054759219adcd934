"""Running core work off the GUI thread, Anki-style: Op(fn).success(cb).failure(cb).run().

Database work goes to one serial worker (so a write is never overtaken by a later read);
network work that reports nothing until it is done (discovering a feed, say) goes to a small
parallel pool, `Op(...).run(runner, network=True)`. The callbacks run back on the GUI thread
through a queued signal and are the only code that touches widgets. An Op never touches widgets
itself. Long work with progress (a sync, a rates refresh, an export) has its own worker.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from reader.core.errors import ReaderError


class _Relay(QObject):
    """Lives on the GUI thread; receives the worker's result through a queued connection."""

    finished = Signal(object, object)  # result, error

    def __init__(self, op: Op) -> None:
        super().__init__()
        self._op = op
        self.finished.connect(self.on_finished)

    @Slot(object, object)
    def on_finished(self, result: Any, error: BaseException | None) -> None:
        self._op._deliver(result, error)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:
            self._relay.finished.emit(None, exc)
        else:
            self._relay.finished.emit(result, None)


class OpRunner(QObject):
    """Owns the worker pools. `db` is serial: every Library call goes there; `network` is not."""

    op_failed = Signal(str)  # a ReaderError nobody handled, for the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = QThreadPool(self)
        self.db.setMaxThreadCount(1)
        self.network = QThreadPool(self)
        self.network.setMaxThreadCount(2)
        self._pending: set[Op] = set()

    def run(self, op: Op, *, network: bool = False) -> None:
        self._pending.add(op)
        op._relay = _Relay(op)
        op._runner = self
        (self.network if network else self.db).start(_Task(op._fn, op._relay))

    def wait_idle(self, msecs: int = 10000) -> bool:
        return self.db.waitForDone(msecs) and self.network.waitForDone(msecs)

    def _done(self, op: Op) -> None:
        self._pending.discard(op)


class Op:
    def __init__(self, fn: Callable[[], Any]) -> None:
        self._fn = fn
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._relay: _Relay | None = None
        self._runner: OpRunner | None = None

    def success(self, callback: Callable[[Any], None]) -> Op:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Op:
        self._on_failure = callback
        return self

    def run(self, runner: OpRunner, *, network: bool = False) -> None:
        runner.run(self, network=network)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        runner = self._runner
        assert runner is not None
        if not shiboken6.isValid(runner):
            return  # its window is gone (closed and deleted while the work ran): nothing to update
        runner._done(self)
        if error is None:
            if self._on_success is not None:
                self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(error)
        elif isinstance(error, ReaderError):
            runner.op_failed.emit(str(error))
        else:
            # A bug: show it where bugs are seen instead of swallowing it.
            traceback.print_exception(error)
            runner.op_failed.emit(f"Internal error: {error!r}")
