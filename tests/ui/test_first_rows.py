"""Start-up shows the list's first rows before the Library opens (reader.ui.app._first_window):
the window is built on the data folder alone, everything it asks for waits for the Library, and
the first query's answer then refreshes those rows in place — or replaces them when the cache
changed meanwhile. Nothing is lost or run twice on the way."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.first_page import FirstLook, first_look
from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui import operations
from reader.ui.app import _first_window
from reader.ui.main_window import MainWindow
from reader.ui.story_model import STORY_ID_ROLE, StoryListModel
from reader.ui.tasks import TaskManager
from tests.helpers import add_source, add_story

START = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)


@pytest.fixture
def filled(library: Library) -> Library:
    source = add_source(library)
    for i in range(80):  # more than a page: the cursor goes on from the rows shown
        add_story(library, source, f"Steppe story {i}", published=START + dt.timedelta(hours=i))
    return library


@pytest.fixture
def early(qtbot: QtBot, filled: Library) -> Iterator[tuple[MainWindow, FirstLook]]:
    look = first_look(filled.data_dir, StoryListModel.PAGE_SIZE)
    assert look is not None
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window = _first_window(app, look)
    qtbot.addWidget(window)
    yield window, look
    window.tasks.wait_idle()


def test_the_first_rows_show_before_the_library_and_stay(
    qtbot: QtBot, filled: Library, early: tuple[MainWindow, FirstLook]
) -> None:
    window, look = early
    model = window.model
    assert not window.tasks.attached
    assert model.rowCount() == StoryListModel.PAGE_SIZE
    assert [model.story_at(r) for r in range(model.rowCount())] == list(look.page.stories)
    assert window.count_label.text() == f"Showing 1–50 of {look.count.value:,} stories"
    assert window.story_list.currentIndex().row() == 0  # shown, as after any first page
    assert window.article.story_id is None  # the pane waits for the Library, saying so
    waiting = window.article.toPlainText()
    assert look.page.stories[0].title in waiting and "Opening the story" in waiting
    assert "Select a story" not in waiting
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))

    window.attach(filled)
    first_id = look.page.stories[0].id
    qtbot.waitUntil(lambda: window.article.story_id == first_id, timeout=10000)
    window.tasks.wait_idle()
    qtbot.wait(50)
    assert resets == []  # the same stories: refreshed in place, the selection kept
    assert window.story_list.currentIndex().data(STORY_ID_ROLE) == first_id
    assert [model.story_at(r) for r in range(model.rowCount())] == list(
        filled.stories.page(StoryQuery(), limit=StoryListModel.PAGE_SIZE).stories
    )
    assert not filled.stories.get(first_id).is_read  # shown, not opened: nothing marked read
    # Scrolling goes on from the rows shown, each story once.
    while model.canFetchMore():
        with qtbot.waitSignal(model.rows_fetched, timeout=10000):
            model.fetchMore()
    ids = [model.story_at(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids)) == filled.stories.count(StoryQuery())


def test_a_story_that_came_meanwhile_replaces_the_first_rows(
    qtbot: QtBot, filled: Library, early: tuple[MainWindow, FirstLook]
) -> None:
    window, look = early
    newest = add_story(filled, add_source(filled, "Late feed", "https://late.test/"), "Came in meanwhile",
                       published=START + dt.timedelta(days=30))  # fmt: skip
    window.attach(filled)
    qtbot.waitUntil(
        lambda: window.model.story_at(0) is not None and window.model.story_at(0).id == newest, timeout=10000
    )  # type: ignore[union-attr]
    expected = filled.stories.page(StoryQuery(), limit=StoryListModel.PAGE_SIZE).stories
    assert [window.model.story_at(r) for r in range(window.model.rowCount())] == list(expected)
    assert window.count_label.text() == f"Showing 1–50 of {look.count.value + 1:,} stories"


def test_operations_wait_for_the_library_in_order(qtbot: QtBot, filled: Library) -> None:
    tasks = TaskManager(None)
    answers: list[str] = []
    operations.count(StoryQuery()).success(lambda n: answers.append(f"count {n}")).run(tasks)
    operations.load_page(StoryQuery(), None, 3).success(
        lambda p: answers.append(f"page {len(p.stories)}")
    ).run(tasks)
    assert tasks.wait_idle() and answers == []  # nothing runs without a Library
    tasks.attach(filled)
    qtbot.waitUntil(lambda: len(answers) == 2, timeout=10000)
    assert answers == [f"count {filled.stories.count(StoryQuery())}", "page 3"]
    with pytest.raises(RuntimeError):
        tasks.attach(filled)
    tasks.shutdown()


def test_a_window_closed_before_its_library_runs_nothing(qtbot: QtBot, filled: Library) -> None:
    tasks = TaskManager(None)
    answers: list[int] = []
    operations.count(StoryQuery()).success(answers.append).run(tasks)
    tasks.shutdown()
    tasks.attach(filled)  # too late: what waited was dropped with the window
    qtbot.wait(100)
    assert answers == []


def test_the_first_rows_load_no_sqlalchemy(filled: Library, tmp_path: Path) -> None:
    """What the first paint imports: Qt, the window's modules, and the standard library's sqlite3."""
    probe = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from reader.core.first_page import first_look\n"
        "from reader.ui.app import _first_window\n"
        f"window = _first_window(app, first_look(Path({str(filled.data_dir)!r}), 50))\n"
        "loaded = [m for m in ('sqlalchemy', 'reader.core.library', 'reader.core.storage') if m in sys.modules]\n"
        "print(json.dumps([window.model.rowCount(), loaded]))\n"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120, env=env
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [50, []]


def test_a_window_closed_before_its_library_keeps_what_was_asked(
    qtbot: QtBot, filled: Library, early: tuple[MainWindow, FirstLook]
) -> None:
    """Closed in the moment before the Library opens: the window hides, and closes only once the
    Library has run what it was asked meanwhile (here a bookmark), so nothing is lost."""
    window, look = early
    story = look.page.stories[3].id
    window.toggle_bookmark(story)
    window.close()
    assert not window.isVisible() and window.closing
    assert not filled.stories.get(story).is_bookmarked  # nothing ran without the Library
    window.attach(filled)
    qtbot.waitUntil(lambda: filled.stories.get(story).is_bookmarked, timeout=10000)
    qtbot.waitUntil(lambda: window.tasks.closed, timeout=10000)  # then it closed for good


def test_a_window_whose_library_never_comes_closes(qtbot: QtBot, early: tuple[MainWindow, FirstLook]) -> None:
    window, _look = early
    window.discard()  # the start-up dialog's Quit
    assert not window.isVisible() and window.tasks.closed
