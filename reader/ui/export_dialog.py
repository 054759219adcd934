"""File → Export…: format, scope (one story, the selection, the current filter's results, all
bookmarks) and destination; the export runs as a job on the task manager's parallel pool, with
a progress bar and Cancel (a cancelled export writes nothing)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QStandardPaths, Signal, Slot
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
from reader.core.errors import ReaderError, describe_os_error
from reader.core.types import Changes, ExportFormat, ExportResult, ExportScope, StoryQuery
from reader.ui import operations
from reader.ui.error_text import error_text, reason_text
from reader.ui.tasks import Job, TaskManager

# ExportFormat.label's words (the CLI's), for the window in its language.
FORMAT_LABELS = {
    ExportFormat.MARKDOWN: QT_TRANSLATE_NOOP("ExportDialog", "Markdown (CommonMark)"),
    ExportFormat.HTML: QT_TRANSLATE_NOOP("ExportDialog", "HTML (one self-contained file)"),
    ExportFormat.PDF: QT_TRANSLATE_NOOP("ExportDialog", "PDF"),
    ExportFormat.EPUB: QT_TRANSLATE_NOOP("ExportDialog", "EPUB 3 e-book"),
    ExportFormat.JSON: QT_TRANSLATE_NOOP("ExportDialog", "JSON"),
    ExportFormat.CSV: QT_TRANSLATE_NOOP("ExportDialog", "CSV (metadata)"),
}


def format_label(fmt: ExportFormat) -> str:
    return QCoreApplication.translate("ExportDialog", str(FORMAT_LABELS[fmt]))


class ExportDialog(QDialog):
    export_finished = Signal(object)  # ExportResult

    SCOPES = ("story", "selection", "filter", "bookmarks")

    def __init__(
        self,
        tasks: TaskManager,
        data_dir: Path,
        story_id: int | None,
        selected_ids: Sequence[int],
        query: StoryQuery,
        parent: QWidget | None = None,
        initial_scope: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export stories"))
        self.setMinimumWidth(560)
        self.tasks = tasks
        self.data_dir = data_dir
        self.story_id = story_id
        self.selected_ids = tuple(selected_ids)
        self.query = query
        self.task: Job[ExportResult] | None = None
        self._closed = False  # a job's answer after the dialog closed is dropped
        # Asked when the destination exists; tests replace it.
        self.confirm_overwrite: Callable[[Path], bool] = self._ask_overwrite

        self.format = QComboBox()
        self.format.setAccessibleName(self.tr("Format"))
        self.format.setAccessibleDescription(self.tr("The kind of file the export writes"))
        for fmt in ExportFormat:
            self.format.addItem(format_label(fmt), fmt)
        self.scope_group = QButtonGroup(self)
        self.scope_buttons: dict[str, QRadioButton] = {}
        scope_box = QVBoxLayout()
        for n, (key, text) in enumerate(
            (
                ("story", self.tr("This story")),
                ("selection", self.tr("Selected stories (%1)").replace("%1", str(len(self.selected_ids)))),
                ("filter", self.tr("The current filter's results (counting…)")),
                ("bookmarks", self.tr("All bookmarks (counting…)")),
            )
        ):
            button = QRadioButton(text)
            self.scope_group.addButton(button, n)
            self.scope_buttons[key] = button
            scope_box.addWidget(button)
        self.scope_buttons["story"].setEnabled(story_id is not None)
        self.scope_buttons["selection"].setEnabled(len(self.selected_ids) > 1)
        self.destination = QLineEdit()
        self.destination.setAccessibleName(self.tr("Destination"))
        self.destination.setAccessibleDescription(
            self.tr("The file the export writes (Browse… to choose it)")
        )
        self.browse = QPushButton(self.tr("B&rowse…"))
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.destination, 1)
        dest_row.addWidget(self.browse)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setFormat(self.tr("%v of %m stories"))
        self.progress.setTextVisible(False)  # until an export runs
        self.status = QLabel(" ")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        form = QFormLayout()
        form.addRow(self.tr("F&ormat"), self.format)
        form.addRow(self.tr("Stories"), scope_box)
        form.addRow(self.tr("&Save to"), dest_row)
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
        self.tasks.changes.connect(self.on_changes)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.stories or changes.bookmarks or changes.read_state:
            self._count_scopes()

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
        operations.count_export_scopes(self.query, self.story_id).success(self._on_counted).run(self.tasks)

    def _on_counted(self, counts: tuple[int, int, str | None]) -> None:
        if self._closed:
            return
        filtered, bookmarks, title = counts
        self._title = title
        self._counts = (filtered, bookmarks)
        self.scope_buttons["filter"].setText(
            self.tr("The current filter's results (%1)").replace("%1", str(filtered))
        )
        self.scope_buttons["filter"].setEnabled(filtered > 0)
        self.scope_buttons["bookmarks"].setText(self.tr("All bookmarks (%1)").replace("%1", str(bookmarks)))
        self.scope_buttons["bookmarks"].setEnabled(bookmarks > 0)
        if title:
            short = title[:60] + ("…" if len(title) > 60 else "")
            self.scope_buttons["story"].setText(self.tr("This story: %1").replace("%1", short))
        self._update_destination()

    def _update_destination(self) -> None:
        fmt = self.chosen_format()
        current = self.destination.text().strip()
        folder = Path(current).parent if current else _documents_folder()
        name = self.chosen_scope().file_name(fmt, self._title)
        self.destination.setText(str(folder / name))
        hints = {
            ExportFormat.MARKDOWN: self.tr(
                "One .md file; give a name without .md for a folder with one file per story and its images."
            ),
            ExportFormat.HTML: self.tr("One file with the images inside; prints well."),
            ExportFormat.PDF: self.tr("A4 pages with images; each story starts a page."),
            ExportFormat.EPUB: self.tr("An e-book with a table of contents and the images inside."),
            ExportFormat.JSON: self.tr("Every field, in the documented steppe-export schema."),
            ExportFormat.CSV: self.tr("One row of metadata per story, for spreadsheets."),
        }
        self.hint.setText(hints[fmt])

    # -- actions ---------------------------------------------------------------------------

    @Slot()
    def on_browse_clicked(self) -> None:
        fmt = self.chosen_format()
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export to"),
            self.destination.text(),
            f"{format_label(fmt)} (*{fmt.suffix});;" + self.tr("All files (*)"),
        )
        if path:
            self.destination.setText(path)

    def _ask_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Replace?"), self.tr("%1 already exists. Replace it?").replace("%1", path.name)
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def on_export_clicked(self) -> None:
        text = self.destination.text().strip()
        if not text:
            self.status.setText(self.tr("Choose where to save the export."))
            return
        # A bad destination is said now, before anything is offered for replacing or read.
        operations.check_export_destination(Path(text).expanduser(), self.chosen_format()).success(
            lambda checked: self._confirm_and_start(*checked)
        ).failure(self._refused).run(self.tasks)

    def _refused(self, error: BaseException) -> None:
        if self._closed:
            return
        if not isinstance(error, ReaderError):
            raise error
        self.status.setText(error_text(error))

    def _confirm_and_start(self, path: Path, exists: bool) -> None:
        if self._closed:
            return
        force = False
        if exists:
            if not self.confirm_overwrite(path):
                self.status.setText(self.tr("Not exported: the file exists."))
                return
            force = True
        self.start_export(path, force)

    def start_export(self, path: Path, force: bool) -> None:
        def failed(error: BaseException) -> None:
            if isinstance(error, ReaderError):
                self.on_failed(error_text(error))
            elif isinstance(error, OSError):
                reason = reason_text(describe_os_error(error, path))
                self.on_failed(self.tr("Cannot write %1: %2").replace("%1", str(path)).replace("%2", reason))
            elif isinstance(error, Exception):  # a bug: the dialog must not wait for ever; the log has it
                log = report_internal_error(error, self.data_dir, ["(export dialog)", str(path)])
                self.on_failed(
                    self.tr("Internal error: %1 (details in %2)")
                    .replace("%1", describe_bug(error))
                    .replace("%2", str(log))
                )
            else:
                raise error

        self.progress.setRange(0, 0)  # busy until the first story is written
        self.progress.setTextVisible(True)
        self._set_running(True)
        self.status.setText(self.tr("Exporting to %1…").replace("%1", str(path)))
        job = operations.export(self.chosen_format(), path, self.chosen_scope(), force)
        job.progress(lambda done_total: self.on_progressed(*done_total))
        self.task = job
        job.success(self.on_finished).failure(failed).run(self.tasks)

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.format,
            self.destination,
            self.browse,
            self.export_button,
            *self.scope_buttons.values(),
        ):
            widget.setEnabled(not running)
        self.close_button.setText(self.tr("Cancel") if running else self.tr("Close"))
        if not running:
            self._on_counted_enable()

    def _on_counted_enable(self) -> None:
        self.scope_buttons["story"].setEnabled(self.story_id is not None)
        self.scope_buttons["selection"].setEnabled(len(self.selected_ids) > 1)
        self.scope_buttons["filter"].setEnabled(self._counts[0] > 0)
        self.scope_buttons["bookmarks"].setEnabled(self._counts[1] > 0)

    @Slot(int, int)
    def on_progressed(self, done: int, total: int) -> None:
        if self._closed:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    @Slot(object)
    def on_finished(self, result: Any) -> None:
        if self._closed:
            return
        self.task = None
        self._set_running(False)
        self.status.setText(
            self.tr("Exported %n stories to %1", "", result.count).replace("%1", str(result.path))
        )
        self.export_finished.emit(result)

    @Slot(str)
    def on_failed(self, message: str) -> None:
        if self._closed:
            return
        self.task = None
        self._set_running(False)
        self.progress.setValue(0)
        self.status.setText(message)

    @Slot()
    def on_close_clicked(self) -> None:
        if self.task is not None:
            self.task.cancel()  # the worker stops at the next story; nothing is written
            return
        self.reject()

    def done(self, code: int) -> None:
        if self.task is not None:
            self.task.cancel()
        self._closed = True
        self.tasks.changes.disconnect(self.on_changes)
        super().done(code)


def _documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


__all__ = ("ExportDialog",)
