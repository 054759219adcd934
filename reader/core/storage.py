"""The storage layer: the SQLite cache, read on any thread, written by exactly one thread.

Every write transaction runs on the storage's own writer thread, whoever asks for it: the
window's database operations (which run on that same thread), a sync's per-source writes from
the network pool, the command line. So there is one writer in the process by construction,
not a lock that several threads race for, and a write never meets our own "database is
locked". Reads open their own short connection on the caller's thread (SQLite WAL lets them
run beside the writer); `beside` runs one on the storage's reading thread instead, so that two
reads of one answer (the list's count and its first page) use both cores.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection

from reader.core.db import close_database, open_database, storage_errors

T = TypeVar("T")


class _Abandoned(BaseException):
    """Raised on the writer thread to roll back a transaction whose caller was interrupted."""


class Storage:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine = open_database(path)
        self._writer_ident: int | None = None
        self._writer = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="steppe-db", initializer=self._on_writer_start
        )
        self._reader: ThreadPoolExecutor | None = None  # beside(): made on first use
        self._reader_lock = threading.Lock()
        self._open = threading.local()  # the writer's open transaction, for nested writes
        self._active: Any = None  # the DB-API connection of the open write transaction

    def _on_writer_start(self) -> None:
        self._writer_ident = threading.get_ident()

    @property
    def executor(self) -> Executor:
        """The writer thread as an executor: the window queues its database work here, so its
        reads keep their order with its writes."""
        return self._writer

    def on_writer_thread(self) -> bool:
        return threading.get_ident() == self._writer_ident

    def serially(self, fn: Callable[[], T]) -> T:
        """Run `fn` on the writer thread (at once when already there) and return its result.
        A caller interrupted while it waits (Ctrl-C) abandons the work: its transaction is
        rolled back, never committed behind the caller's back."""
        if self.on_writer_thread():
            return fn()
        abandoned = threading.Event()
        future = self._writer.submit(self._task, fn, abandoned)
        try:
            return future.result()
        except KeyboardInterrupt:
            abandoned.set()
            dbapi = self._active
            if dbapi is not None:
                dbapi.interrupt()  # stop the statement running now (sqlite3 allows it from here)
            raise

    def _task(self, fn: Callable[[], T], abandoned: threading.Event) -> T:
        self._open.abandoned = abandoned
        try:
            return fn()
        finally:
            self._open.abandoned = None

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for one short unit of reading, on the caller's thread."""
        with storage_errors(self.path), self._engine.connect() as conn:
            yield conn

    def beside(self, fn: Callable[[Connection], T]) -> Future[T]:
        """Start the read `fn(conn)` on the storage's reading thread, with its own connection,
        and return at once: the caller reads something else meanwhile, then takes the result
        (errors as read() raises them). SQLite runs the two statements on two cores: the sqlite3
        module lets go of the GIL while a statement steps."""

        def reading() -> T:
            with self.read() as conn:
                return fn(conn)

        with self._reader_lock:
            if self._reader is None:
                self._reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="steppe-read")
            return self._reader.submit(reading)

    def write(self, fn: Callable[[Connection], T]) -> T:
        """Run `fn(conn)` in one write transaction on the writer thread; commit if it returns.
        A write asked for from inside another joins the one already open."""
        return self.serially(lambda: self._transaction(fn))

    def _transaction(self, fn: Callable[[Connection], T]) -> T:
        current: Connection | None = getattr(self._open, "conn", None)
        if current is not None:
            return fn(current)
        with storage_errors(self.path), self._engine.begin() as conn:
            self._open.conn = conn
            self._active = conn.connection.dbapi_connection
            try:
                result = fn(conn)
                abandoned: threading.Event | None = getattr(self._open, "abandoned", None)
                if abandoned is not None and abandoned.is_set():
                    raise _Abandoned  # the caller is gone: roll back rather than commit
                return result
            finally:
                self._open.conn = None
                self._active = None

    def close(self) -> None:
        """Finish the queued work, then release the database."""
        self._writer.shutdown(wait=True)
        with self._reader_lock:
            reader, self._reader = self._reader, None
        if reader is not None:
            reader.shutdown(wait=True)
        close_database(self._engine)
