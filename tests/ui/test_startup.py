"""The window's start-up when the cache cannot be opened: the dialog says what happened and
offers the ways forward, driven here through its real buttons (offscreen)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.paths import DATABASE_NAME
from reader.core.repair import LOST
from reader.ui.app import (
    OPEN_FOLDER,
    OTHER_FOLDER,
    QUIT,
    REPAIR,
    RETRY,
    StartupProblemDialog,
    open_library,
    settings_for,
)
from reader.ui.bookmarks_view import BOOKMARK_ID_ROLE
from reader.ui.main_window import MainWindow
from tests.helpers import bundled_sample_count


def when_shown(name: str, act: Callable[[QWidget], None]) -> list[str]:
    """Run `act` on the modal window called `name` once it is up (inside its exec()); returns
    a list that records each time it acted."""
    seen: list[str] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.objectName() == name and modal.isVisible():
            seen.append(name)
            act(modal)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def labels(dialog: StartupProblemDialog) -> list[str]:
    """The buttons offered, in the dialog's order (the button box lays them out as the platform does)."""
    assert set(dialog.button_box.buttons()) == set(dialog.buttons.values())
    return [button.text() for button in dialog.buttons.values()]


class UrlCatcher(QObject):
    """Stands in for the desktop's file manager: QDesktopServices hands it the file: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def file_manager() -> Iterator[UrlCatcher]:
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


def test_a_damaged_database_moved_aside_opens_the_window_with_every_bookmark(
    qtbot: QtBot, data_dir: Path
) -> None:
    with Library(data_dir) as library:
        library.bookmarks.edit(3, note="bond yields", tags=["money", "UZ"])
        library.bookmarks.edit(7, tags=["culture"])
        library.set_bookmarked(12)
        library.set_read(3)
    with (data_dir / DATABASE_NAME).open("r+b") as handle:
        handle.write(b"\x00" * 100)
    damaged = (data_dir / DATABASE_NAME).read_bytes()

    shown: list[list[str]] = []
    told: list[str] = []

    def choose_repair(dialog: QWidget) -> None:
        assert isinstance(dialog, StartupProblemDialog)
        shown.append(labels(dialog))
        assert dialog.heading.text() == "<b>The database is damaged</b>"
        assert "file is not a database" in dialog.body.text() and LOST in dialog.body.text()
        qtbot.mouseClick(dialog.buttons[REPAIR], Qt.MouseButton.LeftButton)

    def read_and_close(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        told.append(box.text())
        assert box.informativeText() == LOST
        box.button(QMessageBox.StandardButton.Ok).click()

    when_shown("startup-problem", choose_repair)
    when_shown("repair-report", read_and_close)
    library = open_library(data_dir)
    assert library is not None
    try:
        assert shown == [["Move the damaged file aside and start fresh", "Open data folder", "Quit"]]
        (kept,) = data_dir.glob(f"{DATABASE_NAME}.damaged-*")
        assert kept.read_bytes() == damaged
        assert told == [
            f"The damaged file was kept as {kept}; 3 of 3 bookmarks were restored from the backup."
        ]

        window = MainWindow(library, settings_for(library.data_dir))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.model.rowCount() > 0)
        window.bookmark_actions.open_bookmarks()
        view = window.bookmark_actions.view
        assert view is not None
        qtbot.waitUntil(lambda: view.model.rowCount() == 3)
        assert {view.model.index(r, 0).data(BOOKMARK_ID_ROLE) for r in range(3)} == {3, 7, 12}
        marks = {b.story_id: (b.note, b.tags) for b in library.bookmarks.find()}
        assert marks == {3: ("bond yields", ("money", "UZ")), 7: (None, ("culture",)), 12: (None, ())}
        assert not library.story(3).is_read  # read marks were only in the damaged file, as we said
        window.close()
        window.runner.wait_idle()
    finally:
        library.close()


def test_a_newer_database_offers_only_open_folder_and_quit(
    qtbot: QtBot, data_dir: Path, file_manager: UrlCatcher
) -> None:
    Library(data_dir).close()
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = (data_dir / DATABASE_NAME).read_bytes()
    shown: list[list[str]] = []

    def look_then_quit(dialog: QWidget) -> None:
        assert isinstance(dialog, StartupProblemDialog)
        shown.append(labels(dialog))
        assert REPAIR not in dialog.buttons
        dialog.buttons[OPEN_FOLDER].click()
        assert dialog.isVisible()  # opening the folder does not close the dialog
        dialog.buttons[QUIT].click()

    when_shown("startup-problem", look_then_quit)
    assert open_library(data_dir) is None
    assert shown == [["Open data folder", "Quit"]]
    assert [u.toLocalFile() for u in file_manager.urls] == [str(data_dir.resolve())]
    assert (data_dir / DATABASE_NAME).read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir() if "damaged" in p.name) == []


def test_a_data_folder_that_is_a_file_can_be_swapped_for_another(qtbot: QtBot, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("the user's notes\n", "utf-8")
    elsewhere = tmp_path / "elsewhere"
    shown: list[tuple[list[str], str]] = []

    def use_another(dialog: QWidget) -> None:
        assert isinstance(dialog, StartupProblemDialog)
        shown.append((labels(dialog), dialog.body.text().splitlines()[0]))
        dialog.buttons[OTHER_FOLDER].click()

    when_shown("startup-problem", use_another)
    library = open_library(not_a_folder, other_folder=lambda _current: elsewhere)
    assert library is not None
    with library:
        assert (
            library.data_dir == elsewhere.resolve()
            and library.data_state().story_count == bundled_sample_count()
        )
    assert shown == [
        (
            ["Use another folder…", "Try again", "Quit"],
            f"The data folder is a file, not a folder ({not_a_folder}).",
        ),
    ]
    assert not_a_folder.read_text("utf-8") == "the user's notes\n"


def test_a_locked_database_can_be_tried_again(qtbot: QtBot, data_dir: Path) -> None:
    Library(data_dir).close()
    holder = sqlite3.connect(data_dir / DATABASE_NAME, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    shown: list[list[str]] = []

    def release_and_retry(dialog: QWidget) -> None:
        assert isinstance(dialog, StartupProblemDialog)
        shown.append(labels(dialog))
        holder.execute("ROLLBACK")
        holder.close()  # the other Steppe Reader was closed
        dialog.buttons[RETRY].click()

    when_shown("startup-problem", release_and_retry)
    library = open_library(data_dir)
    assert library is not None
    library.close()
    assert shown == [["Try again", "Quit"]]
