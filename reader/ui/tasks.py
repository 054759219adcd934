"""The window's one task manager, after Anki's: operations run off the GUI thread and report back.

- Database work runs on one serial executor: the Library's own writer thread, so the window's
  reads keep their order with its writes and every write has one writer.
- Network work and long jobs (a sync's fetches, a rates refresh, an export) run on one small
  parallel pool; their writes still go through the Library's one writer.

An operation is built as `Op(name, fn).success(cb).failure(cb)` (the named ones live in
reader/ui/operations.py) and run with `.run(tasks)`. `fn(library)` runs on a worker and never
touches a widget; its result comes back to the GUI thread by a queued signal and only the
callbacks see it there. When the result is (or carries) a `Changes`, the task manager emits its
one `changes` signal after the success callback, and every view decides for itself what to
reload. Widgets hold the task manager, never the Library, so they cannot query it on the GUI
thread by mistake.

At start-up the window is built, and shown with the list's first page, before the Library is
open (reader.ui.app): operations asked for until then wait, in order, and run once `attach`
hands the task manager its Library.
"""

from __future__ import annotations

import contextlib
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor, wait
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.errors import ReaderError
from reader.core.types import Changes, changes_of

if TYPE_CHECKING:
    from reader.core.library import Library

T = TypeVar("T")
NETWORK_WORKERS = 6  # a sync's four parallel fetches, beside a rates refresh or an export


class Op(Generic[T]):
    """A unit of work for a worker: `fn(library)`. Network Ops run on the parallel pool."""

    def __init__(self, name: str, fn: Callable[[Library], T], *, network: bool = False) -> None:
        self.name = name
        self._fn = fn
        self.network = network
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        self.initiator: object | None = None

    def success(self, callback: Callable[[T], object]) -> Op[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], object]) -> Op[T]:
        self._on_failure = callback
        return self

    def run(self, tasks: TaskManager, initiator: object | None = None) -> Op[T]:
        """Queue it; `initiator` (the view that asked) travels with its `changes`."""
        self.initiator = initiator
        tasks.start(self)
        return self

    def _call(self, library: Library) -> T:
        return self._fn(library)


class Job(Op[T]):
    """A long operation on the parallel pool: `fn(library, job)` may call `job.report(value)`
    (delivered to the `progress` callback on the GUI thread) and should stop soon after
    `job.cancelled` is set. `job.pool` is the pool it runs on, for work it fans out."""

    def __init__(self, name: str, fn: Callable[[Library, Job[T]], T]) -> None:
        super().__init__(name, lambda library: fn(library, self), network=True)
        self.cancelled = threading.Event()
        self._on_progress: Callable[[Any], object] | None = None
        self._tasks: TaskManager | None = None

    def progress(self, callback: Callable[[Any], object]) -> Job[T]:
        self._on_progress = callback
        return self

    @property
    def pool(self) -> ThreadPoolExecutor:
        assert self._tasks is not None
        return self._tasks.network

    def report(self, value: object) -> None:
        """From the worker: hand `value` to the progress callback on the GUI thread."""
        if self._tasks is not None and self._on_progress is not None:
            self._tasks._post(lambda: self._progressed(value))

    def _progressed(self, value: object) -> None:
        if self._on_progress is not None and not self.cancelled.is_set():
            self._on_progress(value)

    def cancel(self) -> None:
        self.cancelled.set()


class TaskManager(QObject):
    changes = Signal(object, object)  # Changes, the initiator (or None)
    op_failed = Signal(str)  # a ReaderError nobody handled, for the status bar
    _posted = Signal(object)  # a closure from a worker, run on the GUI thread

    def __init__(self, library: Library | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library: Library | None = None
        self.database: Executor | None = None  # serial: the Library's writer thread
        self.network = ThreadPoolExecutor(max_workers=NETWORK_WORKERS, thread_name_prefix="steppe-net")
        self._futures: set[Future[None]] = set()
        self._futures_lock = threading.Lock()
        self._jobs: set[Job[Any]] = set()
        self._waiting: list[Op[Any]] = []  # asked for before the Library was attached
        self._closed = False
        self._posted.connect(self._on_posted)
        if library is not None:
            self.attach(library)

    @property
    def attached(self) -> bool:
        return self._library is not None

    @property
    def closed(self) -> bool:
        """Shut down with its window: no work starts and no callback runs."""
        return self._closed

    def attach(self, library: Library) -> None:
        """Hand over the open Library: the operations waiting for it start, in the order asked."""
        if self._library is not None:
            raise RuntimeError("the task manager has its Library already")
        self._library = library
        self.database = library.executor
        waiting, self._waiting = self._waiting, []
        for op in waiting:
            self._submit(op)

    def start(self, op: Op[Any]) -> None:
        if self._closed:
            return
        if isinstance(op, Job):
            op._tasks = self
            self._jobs.add(op)
        if self._library is None:
            self._waiting.append(op)
            return
        self._submit(op)

    def _submit(self, op: Op[Any]) -> None:
        executor = self.network if op.network else self.database
        assert executor is not None
        future = executor.submit(self._work, op)
        with self._futures_lock:
            self._futures.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future[None]) -> None:
        with self._futures_lock:
            self._futures.discard(future)

    def _work(self, op: Op[Any]) -> None:
        """On a worker: run the op, then post its outcome to the GUI thread."""
        try:
            assert self._library is not None  # submitted only once attached
            result = op._call(self._library)
        except BaseException as exc:  # handed to the GUI thread, which decides what to show
            error = exc
            self._post(lambda: self._deliver(op, None, error))
        else:
            self._post(lambda: self._deliver(op, result, None))

    def _post(self, fn: Callable[[], None]) -> None:
        with contextlib.suppress(RuntimeError):  # the window is gone: nothing left to update
            self._posted.emit(fn)

    @Slot(object)
    def _on_posted(self, fn: Callable[[], None]) -> None:
        fn()

    def _deliver(self, op: Op[Any], result: Any, error: BaseException | None) -> None:
        if isinstance(op, Job):
            self._jobs.discard(op)
        if self._closed:
            return
        if error is None:
            if op._on_success is not None:
                op._on_success(result)
            self._announce(changes_of(result), op)
            return
        # A failed write may still have changed something (a bookmark saved, its backup not).
        self._announce(changes_of(error), op)
        if op._on_failure is not None:
            op._on_failure(error)
        elif isinstance(error, ReaderError):
            self.op_failed.emit(str(error))
        else:
            # A bug: show it where bugs are seen instead of swallowing it.
            traceback.print_exception(error)
            self.op_failed.emit(f"Internal error in {op.name}: {error!r}")

    def _announce(self, changes: Changes | None, op: Op[Any]) -> None:
        if changes:
            self.changes.emit(changes, op.initiator)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait for every queued operation's work (not its callbacks, which need the event loop)."""
        with self._futures_lock:
            running = set(self._futures)
        _done, pending = wait(running, timeout=timeout)
        return not pending

    def shutdown(self) -> None:
        """Cancel the long jobs and wait for the work under way; callbacks no longer run; what
        still waits for a Library is dropped."""
        self._waiting.clear()
        for job in list(self._jobs):
            job.cancel()
        self.wait_idle(20.0)
        self._closed = True
        self.network.shutdown(wait=True, cancel_futures=True)
