"""Worker processes for the CPU-heavy part of a large sync: parsing feeds, preparing entries
(sanitising, plain text), tagging countries and making the search index's tokens. All of it is
pure Python under the GIL, so threads cannot spread it over the cores; processes can.

A process costs about half a second of CPU to start (its imports and the alias table), so small
work — the few hundred entries of an ordinary sync, the fixtures of a test — stays on the
calling thread: callers pass `worth_it` (their size against their threshold). The pool starts on
first use, is kept for the process's life (the window's next sync reuses it) and is shut down at
exit. Workers are spawned, never forked: forking a process that runs threads (the window, a sync)
can copy a held lock. `STEPPE_WORKERS=0` turns the pool off; a pool that breaks (a worker killed)
is replaced by running the work here.

What the workers log (a skipped entry, a tagger failure) comes back with the result and is
logged here, by the logger that wrote it, so the log file has it; a traceback comes back as text.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None


def workers() -> int:
    """How many worker processes a pool has: one per core, unless STEPPE_WORKERS says otherwise."""
    wanted = os.environ.get("STEPPE_WORKERS", "")
    if wanted.isdigit():
        return int(wanted)
    return min(os.cpu_count() or 1, 4)


def _get_pool() -> ProcessPoolExecutor | None:
    global _pool
    with _lock:
        if _pool is None and workers() >= 2:
            _pool = ProcessPoolExecutor(
                max_workers=workers(),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(logging.getLogger().getEffectiveLevel(),),
            )
        return _pool


def _drop_pool(broken: ProcessPoolExecutor) -> None:
    global _pool
    with _lock:
        if _pool is broken:
            _pool = None
    broken.shutdown(wait=False, cancel_futures=True)


def shutdown() -> None:
    """Stop the workers (at exit, and in tests that want a fresh pool)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)


def run(fn: Callable[..., T], *args: Any, worth_it: bool = True) -> T:
    """`fn(*args)` in a worker process when `worth_it` and a pool is available, else here.
    `fn` and its arguments must be picklable (module-level functions, plain values)."""
    pool = _get_pool() if worth_it else None
    if pool is None:
        return fn(*args)
    try:
        answer = pool.submit(_logged, fn, args).result()
    except BrokenProcessPool:
        log.warning("A worker process stopped; doing its work in this process")
        _drop_pool(pool)
        return fn(*args)
    return _unpack(answer)  # type: ignore[no-any-return]


def map_chunks(
    fn: Callable[[Sequence[T]], list[R]], items: Sequence[T], *, chunk: int, min_items: int
) -> list[R]:
    """`fn` over `items` in chunks of `chunk`, spread over the workers when there are at least
    `min_items`; `fn` maps a chunk to one result per item, and the results keep the items' order."""
    if len(items) < min_items:
        return fn(items)
    pool = _get_pool()
    if pool is None:
        return fn(items)
    pieces = [items[i : i + chunk] for i in range(0, len(items), chunk)]
    try:
        futures = [pool.submit(_logged, fn, (piece,)) for piece in pieces]
        answers = [f.result() for f in futures]
    except BrokenProcessPool:
        log.warning("A worker process stopped; doing its work in this process")
        _drop_pool(pool)
        return fn(items)
    out: list[R] = []
    for answer in answers:
        out.extend(_unpack(answer))
    return out


def _unpack(answer: tuple[Any, list[logging.LogRecord]]) -> Any:
    value, records = answer
    for record in records:
        logging.getLogger(record.name).handle(record)
    if isinstance(value, _Raised):
        raise value.error
    return value


# -- in the worker ------------------------------------------------------------------------------


class _Raised:
    """What `fn` raised in the worker, sent back beside the records logged before it."""

    def __init__(self, error: Exception) -> None:
        self.error = error


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None  # a traceback does not pickle; its text does
        record.msg, record.args = record.getMessage(), None
        self.records.append(record)


def _start_worker(level: int) -> None:
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(level)


def _logged(fn: Callable[..., T], args: tuple[Any, ...]) -> tuple[T | _Raised, list[logging.LogRecord]]:
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        return fn(*args), handler.records
    except Exception as error:
        return _Raised(error), handler.records
    finally:
        root.removeHandler(handler)
