"""The window must never wait on the database: during every UI test, a call into the storage
layer (every Library read and write passes there) made on the GUI thread from window code
(any frame of reader.ui on the stack) fails the test.

The test's own checks (`library.stories.get(...)` in an assertion) run on the same thread but
not from window code, so they are allowed; the window's work runs on the task manager's workers.
One exemption, said here so it is not forgotten: start-up (reader.ui.app) opens the Library on
the GUI thread, because its problem dialog must know whether the cache opens at all — after the
window has painted its first rows (read with the standard library's sqlite3 by
reader.core.first_page, not through the storage layer), or before any window exists when the
cache cannot be read that way.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from reader.core.storage import Storage
from reader.ui import i18n

GUARDED = ("read", "write", "serially")


def window_frame() -> str | None:
    """The reader.ui function on the current stack, if any (its module and name)."""
    frame = sys._getframe(2)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module == "reader.ui.app" and frame.f_code.co_name == "open_library":
            return None  # start-up opening the Library: see the module's docstring
        if module.startswith("reader.ui"):
            return f"{module}.{frame.f_code.co_name}"
        frame = frame.f_back
    return None


@pytest.fixture(autouse=True)
def database_never_on_the_gui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    offences: list[str] = []

    def guard(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def checked(self: Storage, *args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                caller = window_frame()
                if caller is not None:
                    offences.append(f"Storage.{name} on the GUI thread from {caller}")
                    raise AssertionError(offences[-1])
            return method(self, *args, **kwargs)

        return checked

    for name in GUARDED:
        monkeypatch.setattr(Storage, name, guard(name, getattr(Storage, name)))
    yield offences
    assert offences == [], "the window queried the database on the GUI thread"


@pytest.fixture(autouse=True, scope="session")
def english_interface(qapp: QApplication) -> None:
    """English as the app installs it (its plural forms, "1 story", come from steppe_en.qm)."""
    i18n.install_translators(qapp, "en")


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    """The interface in Russian for one test, then English again (the other tests read English)."""
    assert i18n.install_translators(qapp, "ru") == "ru"
    yield
    i18n.install_translators(qapp, "en")
