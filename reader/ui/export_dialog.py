"""File → Export…: format, scope (one story, the selection, the current filter's results, all
bookmarks) and destination; the export runs on a worker thread with a progress bar and Cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QStandardPaths, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.crashlog import describe_bug, report_internal_error
from reader.core.errors import CannotWrite, ReaderError, describe_os_error
from reader.core.export import (
    ExportCancelled,
    ExportFormat,
    ExportResult,
    ExportScope,
    default_file_name,
    export_stories,
)
from reader.core.library import Library
from reader.core.safe_write import check_target
from reader.core.types import StoryQuery
from reader.ui.ops import Op, OpRunner


class _ExportSignals(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)  # ExportResult
    failed = Signal(str)


class _ExportTask(QRunnable):
    """Reads stories (parallel reads are fine under WAL) and writes the file, off the GUI thread."""

    def __init__(
        self, library: Library, fmt: ExportFormat, path: Path, scope: ExportScope, force: bool
    ) -> None:
        super().__init__()
        self.signals = _ExportSignals()
        self.cancel = threading.Event()
        self._args = (library, fmt, path, scope, force)

    def run(self) -> None:
        library, fmt, path, scope, force = self._args

        def progress(done: int, total: int) -> bool:
            self.signals.progressed.emit(done, total)
            return not self.cancel.is_set()

        try:
            result = export_stories(library, fmt, path, scope, force=force, progress=progress)
        except ReaderError as exc:
            self.signals.failed.emit(_sentence(str(exc)))
        except OSError as exc:
            self.signals.failed.emit(f"Cannot write {path}: {describe_os_error(exc, path)}")
        except Exception as exc:  # a bug: the dialog must not wait for ever; the log has it
            log = report_internal_error(exc, library.data_dir, ["(export dialog)", fmt.value, str(path)])
            self.signals.failed.emit(f"Internal error: {describe_bug(exc)} (details in {log})")
        else:
            self.signals.finished.emit(result)


class ExportDialog(QDialog):
    export_finished = Signal(object)  # ExportResult

    SCOPES = ("story", "selection", "filter", "bookmarks")

    def __init__(
        self,
        library: Library,
        runner: OpRunner,
        story_id: int | None,
        selected_ids: Sequence[int],
        query: StoryQuery,
        parent: QWidget | None = None,
        initial_scope: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export stories")
        self.setMinimumWidth(560)
        self.library = library
        self.runner = runner
        self.story_id = story_id
        self.selected_ids = tuple(selected_ids)
        self.query = query
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.task: _ExportTask | None = None
        self.export_result: ExportResult | None = None
        # Asked when the destination exists; tests replace it.
        self.confirm_overwrite: Callable[[Path], bool] = self._ask_overwrite

        self.format = QComboBox()
        self.format.setAccessibleName("Format")
        for fmt in ExportFormat:
            self.format.addItem(fmt.label, fmt)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        scope_box = QVBoxLayout()
        for n, (key, text) in enumerate(
            (
                ("story", "This story"),
                ("selection", f"Selected stories ({len(self.selected_ids)})"),
                ("filter", "The current filter's results (counting…)"),
                ("bookmarks", "All bookmarks (counting…)"),
            )
        ):
            button = QRadioButton(text)
            self.scope_group.addButton(button, n)
            self.scope_buttons[key] = button
            scope_box.addWidget(button)
        self.scope_buttons["story"].setEnabled(story_id is not None)
        self.scope_buttons["selection"].setEnabled(len(self.selected_ids) > 1)
        self.destination = QLineEdit()
        self.destination.setAccessibleName("Destination")
        self.browse = QPushButton("Browse…")
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.destination, 1)
        dest_row.addWidget(self.browse)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat("%v of %m stories")
        self.progress.setTextVisible(False)  # until an export runs
        self.status = QLabel(" ")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        form = QFormLayout()
        form.addRow("Format", self.format)
        form.addRow("Stories", scope_box)
        form.addRow("Save to", dest_row)
        form.addRow("", self.hint)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        default = initial_scope or (
            "selection" if len(self.selected_ids) > 1 else "story" if story_id else "filter"
        )
        self.scope_buttons[default].setChecked(True)
        self._title: str | None = None
        self._counts = (1, 1)  # until counted: filter and bookmarks stay choosable
        self._connect_signals()
        self._update_destination()
        self._count_scopes()

    def _connect_signals(self) -> None:
        self.format.currentIndexChanged.connect(lambda _i: self._update_destination())
        self.scope_group.idToggled.connect(self.on_scope_toggled)
        self.browse.clicked.connect(self.on_browse_clicked)
        self.export_button.clicked.connect(self.on_export_clicked)
        self.close_button.clicked.connect(self.on_close_clicked)

    @Slot(int, bool)
    def on_scope_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._update_destination()

    # -- state -----------------------------------------------------------------------------

    def chosen_format(self) -> ExportFormat:
        fmt = self.format.currentData()
        assert isinstance(fmt, ExportFormat)
        return fmt

    def set_format(self, fmt: ExportFormat) -> None:
        self.format.setCurrentIndex(self.format.findData(fmt))

    def chosen_scope(self) -> ExportScope:
        key = self.SCOPES[self.scope_group.checkedId()]
        if key == "story" and self.story_id is not None:
            return ExportScope(story_ids=(self.story_id,))
        if key == "selection":
            return ExportScope(story_ids=self.selected_ids)
        if key == "bookmarks":
            return ExportScope.bookmarks()
        return ExportScope(query=self.query)

    def _count_scopes(self) -> None:
        library, query = self.library, self.query

        def count() -> tuple[int, int, str | None]:
            title = library.story(self.story_id).title if self.story_id is not None else None
            return (
                library.count_stories(query),
                library.count_stories(StoryQuery(bookmarked_only=True)),
                title,
            )

        Op(count).success(self._on_counted).run(self.runner)

    def _on_counted(self, counts: tuple[int, int, str | None]) -> None:
        filtered, bookmarks, title = counts
        self._title = title
        self._counts = (filtered, bookmarks)
        self.scope_buttons["filter"].setText(f"The current filter's results ({filtered})")
        self.scope_buttons["filter"].setEnabled(filtered > 0)
        self.scope_buttons["bookmarks"].setText(f"All bookmarks ({bookmarks})")
        self.scope_buttons["bookmarks"].setEnabled(bookmarks > 0)
        if title:
            self.scope_buttons["story"].setText(f"This story: {title[:60]}{'…' if len(title) > 60 else ''}")
        self._update_destination()

    def _update_destination(self) -> None:
        fmt = self.chosen_format()
        current = self.destination.text().strip()
        folder = Path(current).parent if current else _documents_folder()
        name = default_file_name(self.chosen_scope(), fmt, self._title)
        self.destination.setText(str(folder / name))
        hints = {
            ExportFormat.MARKDOWN: "One .md file; give a name without .md for a folder with one file per "
            "story and its images.",
            ExportFormat.HTML: "One file with the images inside; prints well.",
            ExportFormat.PDF: "A4 pages with images; each story starts a page.",
            ExportFormat.EPUB: "An e-book with a table of contents and the images inside.",
            ExportFormat.JSON: "Every field, in the documented steppe-export schema.",
            ExportFormat.CSV: "One row of metadata per story, for spreadsheets.",
        }
        self.hint.setText(hints[fmt])

    # -- actions ---------------------------------------------------------------------------

    @Slot()
    def on_browse_clicked(self) -> None:
        fmt = self.chosen_format()
        path, _filter = QFileDialog.getSaveFileName(
            self, "Export to", self.destination.text(), f"{fmt.label} (*{fmt.suffix});;All files (*)"
        )
        if path:
            self.destination.setText(path)

    def _ask_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(self, "Replace?", f"{path.name} already exists. Replace it?")
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def on_export_clicked(self) -> None:
        text = self.destination.text().strip()
        if not text:
            self.status.setText("Choose where to save the export.")
            return
        path = Path(text).expanduser()
        fmt = self.chosen_format()
        folder = fmt is ExportFormat.MARKDOWN and (path.suffix.lower() != ".md" or path.is_dir())
        try:  # a bad destination is said now, not after the stories are read
            path = check_target(path, folder=folder, force=True)
        except CannotWrite as exc:
            self.status.setText(_sentence(str(exc)))
            return
        force = False
        if path.exists():
            if not self.confirm_overwrite(path):
                self.status.setText("Not exported: the file exists.")
                return
            force = True
        self.start_export(path, force)

    def start_export(self, path: Path, force: bool) -> None:
        task = _ExportTask(self.library, self.chosen_format(), path, self.chosen_scope(), force)
        task.signals.progressed.connect(self.on_progressed)
        task.signals.finished.connect(self.on_finished)
        task.signals.failed.connect(self.on_failed)
        self.task = task
        self.progress.setRange(0, 0)  # busy until the first story is written
        self.progress.setTextVisible(True)
        self._set_running(True)
        self.status.setText(f"Exporting to {path}…")
        self.pool.start(task)

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.format,
            self.destination,
            self.browse,
            self.export_button,
            *self.scope_buttons.values(),
        ):
            widget.setEnabled(not running)
        self.close_button.setText("Cancel" if running else "Close")
        if not running:
            self._on_counted_enable()

    def _on_counted_enable(self) -> None:
        self.scope_buttons["story"].setEnabled(self.story_id is not None)
        self.scope_buttons["selection"].setEnabled(len(self.selected_ids) > 1)
        self.scope_buttons["filter"].setEnabled(self._counts[0] > 0)
        self.scope_buttons["bookmarks"].setEnabled(self._counts[1] > 0)

    @Slot(int, int)
    def on_progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot(object)
    def on_finished(self, result: Any) -> None:
        self.task = None
        self.export_result = result
        self._set_running(False)
        n = result.count
        self.status.setText(f"Exported {n} stor{'y' if n == 1 else 'ies'} to {result.path}")
        self.export_finished.emit(result)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        self.task = None
        self._set_running(False)
        self.progress.setValue(0)
        self.status.setText(message)

    @Slot()
    def on_close_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel.set()  # the worker stops at the next story; nothing is written
            return
        self.reject()

    def done(self, code: int) -> None:
        if self.task is not None:
            self.task.cancel.set()
        self.pool.waitForDone(10000)
        super().done(code)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


__all__ = ("ExportCancelled", "ExportDialog")
