"""File → Export… with a destination that cannot be written: one sentence in the dialog, before
any story is read, and nothing written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.export import ExportFormat
from reader.core.library import Library
from reader.ui.app import settings_for
from reader.ui.export_dialog import ExportDialog
from reader.ui.main_window import MainWindow


@pytest.fixture
def dialog(qtbot: QtBot, library: Library) -> Iterator[ExportDialog]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    export = win.bookmark_actions.open_export()
    export.set_format(ExportFormat.JSON)
    yield export
    export.close()
    win.runner.wait_idle()


@pytest.mark.parametrize(
    ("destination", "fmt", "status"),
    [
        ("{t}/missing/out.json", ExportFormat.JSON, "Cannot write {t}/missing/out.json: the folder {t}/missing does not exist"),
        ("{t}/afile/out.csv", ExportFormat.CSV, "Cannot write {t}/afile/out.csv: {t}/afile is a file, not a folder"),
        ("{t}/folder", ExportFormat.HTML, "Cannot write {t}/folder: that is a folder; give a file name inside it"),
        ("{t}/folder", ExportFormat.MARKDOWN, "Cannot write {t}/folder: the folder holds files of its own; only a folder of a Markdown export is replaced (choose a new or empty folder)"),
        ("{t}/out\x00.json", ExportFormat.JSON, "Cannot write {t}/out\\0.json: the name contains a NUL character"),
        ("/dev/full", ExportFormat.JSON, "Cannot write /dev/full: that is a device or a pipe, not a file; give a file name"),
        ("/proc/out.json", ExportFormat.JSON, "Cannot write /proc/out.json: the folder /proc does not take new files"),
    ],
)  # fmt: skip
def test_a_bad_destination_is_said_in_the_dialog_and_nothing_is_written(
    dialog: ExportDialog, tmp_path: Path, destination: str, fmt: ExportFormat, status: str
) -> None:
    (tmp_path / "afile").write_text("mine", "utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "notes.txt").write_text("mine", "utf-8")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    asked: list[Path] = []
    dialog.confirm_overwrite = lambda path: asked.append(path) is None  # "yes, replace"
    dialog.set_format(fmt)
    dialog.destination.setText(destination.format(t=tmp_path))
    dialog.export_button.click()
    assert dialog.status.text() == status.format(t=tmp_path)
    assert dialog.task is None and dialog.export_button.isEnabled()  # nothing started
    assert asked == []  # a destination that cannot be written is not offered for replacing
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before
    assert (tmp_path / "folder" / "notes.txt").read_text("utf-8") == "mine"
