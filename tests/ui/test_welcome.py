"""The welcome: Help → Welcome opens it; the start path shows it once, and the flag is kept in
the window's settings file so the next start (a new QSettings on the same file) does not."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.ui import welcome
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.welcome import WelcomeDialog


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.article.story_id is not None, timeout=10000)
    yield win
    win.tasks.wait_idle()


def welcomes() -> list[WelcomeDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog) and w.isVisible()]


def test_help_welcome_opens_it(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    assert welcomes() == []  # a window built directly does not greet by itself
    help_menu = window.menuBar().actions()[-1].menu()
    next(a for a in help_menu.actions() if a.text() == "&Welcome").trigger()
    qtbot.waitUntil(lambda: len(welcomes()) == 1)
    dialog = welcomes()[0]
    text = dialog.text.toPlainText()
    for words in ("sample", "wrote them ourselves", "Sync → Sources…", "OPML", "Sync now", "F5"):
        assert words in text, words
    assert dialog.folder.text() == str(library.data_dir) and dialog.folder.isReadOnly()
    assert dialog.open_folder.isVisible()
    dialog.close()


def test_shown_once_and_remembered(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    first = welcome.show_once(window.settings, library.data_dir, window)
    assert first is not None
    qtbot.waitExposed(first)
    first.close()
    assert welcome.show_once(window.settings, library.data_dir, window) is None
    again = settings_for(library.data_dir)  # the next start reads the same file
    assert again.value(welcome.SHOWN_KEY, False, type=bool) is True
    assert welcome.show_once(again, library.data_dir, window) is None
    assert welcomes() == []
