"""Start-up on a cache from an older version: the upgrade's dialog counts the stories while the
conversion runs off the GUI thread, then the window opens (offscreen)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.core.paths import DATABASE_NAME
from reader.core.schema import SCHEMA_HEAD
from reader.core.upgrade import pending_upgrade
from reader.ui import i18n
from reader.ui.app import RETRY, StartupProblemDialog, open_library, settings_for
from reader.ui.cache_upgrade import UpgradeDialog
from reader.ui.main_window import MainWindow
from tests.helpers import cache_at_0008
from tests.ui.test_startup import when_shown

STORIES_ADDED = 1_100


def _revision(data_dir: Path) -> str:
    db = sqlite3.connect(data_dir / DATABASE_NAME)
    try:
        return str(db.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        db.close()


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    """The upgrade installs the cache's language; the other tests read English."""
    yield
    i18n.install_translators(qapp, "en")


def test_the_upgrade_dialog_counts_the_stories_then_the_window_opens(
    qtbot: QtBot, data_dir: Path, english_after: None
) -> None:
    before = cache_at_0008(data_dir, STORIES_ADDED, articles=10, language="en")
    stories = sum(1 for (table, _), pair in before.items() if table == "story" and any(pair))
    seen: list[tuple[str, str, bool]] = []
    counts: list[str] = []

    def watch(dialog: QWidget) -> None:
        assert isinstance(dialog, UpgradeDialog)
        seen.append((dialog.heading.text(), dialog.stop_button.text(), dialog.worker.isRunning()))
        dialog.worker.progressed.connect(lambda *_: counts.append(dialog.count.text()))

    when_shown("cache-upgrade", watch)
    library = open_library(data_dir)
    assert library is not None
    try:
        assert seen == [("<b>Upgrading the story cache (one time)…</b>", "Stop and quit", True)]
        # Every count from the first the test saw (it connects once the dialog is up), in order.
        expected = [f"{done:,} of {stories:,} stories" for done in range(0, stories, 500)]
        expected += [f"{stories:,} of {stories:,} stories", "0 of 10 full articles", "10 of 10 full articles"]
        shown = [text for text in counts if text != "Preparing…"]
        assert len(shown) >= 3 and shown == expected[-len(shown) :]
        assert _revision(data_dir) == SCHEMA_HEAD
        window = MainWindow(library, settings_for(library.data_dir))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.model.rowCount() > 0)
        assert window.isVisible()
        window.close()
        window.tasks.wait_idle()
    finally:
        library.close()


def test_stop_and_quit_leaves_the_cache_at_its_old_revision(
    qtbot: QtBot, data_dir: Path, russian: None
) -> None:
    cache_at_0008(data_dir, STORIES_ADDED, language="ru")
    seen: list[str] = []

    def stop(dialog: QWidget) -> None:
        assert isinstance(dialog, UpgradeDialog)
        seen.append(dialog.heading.text())
        qtbot.mouseClick(dialog.stop_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.count.text())

    when_shown("cache-upgrade", stop)
    assert open_library(data_dir) is None
    assert seen == [
        "<b>Обновление кэша новостей (один раз)…</b>",
        "Остановка… кэш останется прежним.",
    ]
    assert _revision(data_dir) == "0008"
    assert pending_upgrade(data_dir) is not None  # and the next start upgrades it


def test_an_upgrade_that_fails_says_why_keeps_the_cache_and_can_be_tried_again(
    qtbot: QtBot, data_dir: Path, english_after: None
) -> None:
    before = cache_at_0008(data_dir, 600, language="en")
    other = sqlite3.connect(data_dir / DATABASE_NAME, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock past the busy timeout
    problems: list[tuple[str, list[str]]] = []

    def release_and_retry(dialog: QWidget) -> None:
        assert isinstance(dialog, StartupProblemDialog)
        problems.append((dialog.heading.text(), [b.text() for b in dialog.buttons.values()]))
        # Nothing of the upgrade was kept: every text is still stored as 0008 left it.
        assert _revision(data_dir) == "0008"
        texts = other.execute("SELECT id, content_html, content_text FROM story").fetchall()
        assert {("story", i): (h, t) for i, h, t in texts} == {
            k: v for k, v in before.items() if k[0] == "story"
        }
        other.rollback()
        other.close()
        dialog.buttons[RETRY].click()

    when_shown("startup-problem", release_and_retry)
    library = open_library(data_dir)
    assert library is not None
    try:
        assert problems == [("<b>The database is in use</b>", ["Try again", "Quit"])]
        assert _revision(data_dir) == SCHEMA_HEAD
        story_id = next(key for table, key in before if table == "story")
        story = library.stories.get(story_id)
        assert (story.content_html, story.content_text) == before[("story", story_id)]
    finally:
        library.close()
