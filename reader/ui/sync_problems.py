"""The Sync problems dialog: the last sync's failed (and waiting) sources, each with its plain
reason, the same problem of many sources summed up once above the list, and a Details area with
the technical side of the selected one (what failed, where, when, the log file) for a bug report.
No dialog storm: one list, opened from the status bar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.logs import active_log_file, shown_path
from reader.core.types import LibraryStatus, SourceResult, SyncReport

OFFLINE_TEXT = QT_TRANSLATE_NOOP("SyncErrorsDialog", "Offline — showing saved stories")


class SyncErrorsDialog(QDialog):
    """The sources that failed in the last sync, each with its reason: one list, no dialog storm."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync problems"))
        self.resize(800, 420)
        self.results: list[SourceResult] = []
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # it names sources
        self.summary.setAccessibleName(self.tr("Problems in short"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Sources that failed"))
        self.tree.setAccessibleDescription(
            self.tr("Each failed source with why; Details shows the technical side of the selected one")
        )
        self.tree.setHeaderLabels([self.tr("Source"), self.tr("Problem"), self.tr("Address")])
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnWidth(0, 190)
        self.tree.setColumnWidth(1, 360)
        self.details = QPlainTextEdit()
        self.details.setAccessibleName(self.tr("Technical details"))
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.hide()
        self.log_note = QLabel()
        self.log_note.setAccessibleName(self.tr("Log file"))
        self.log_note.setWordWrap(True)
        self.log_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.details_button = QPushButton(self.tr("&Details"))
        self.details_button.setCheckable(True)
        self.details_button.setToolTip(
            self.tr("The technical side of the selected problem, for a bug report (in English)")
        )
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 2)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.log_note)
        layout.addWidget(buttons)
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.details_button.toggled.connect(self.on_details_toggled)
        self.tree.currentItemChanged.connect(self.on_current_changed)

    def show_report(
        self,
        report: SyncReport | None,
        finished_at: dt.datetime | None,
        status: LibraryStatus | None = None,
        status_text: str | None = None,
    ) -> None:
        """The report of this session's last sync; before one, what the Library's status says
        of the last (the same words as the status bar's)."""
        self.tree.clear()
        failures: tuple[SourceResult, ...] = report.failures if report else ()
        waiting = report.waiting if report else ()
        when = finished_at.astimezone().strftime("%H:%M") if finished_at else ""
        lines = report.problem_lines() if report else []
        if report is None:
            said = status_text or (status.sync_text() if status is not None else "")
            heading = self.tr("No sync has run since the app started.")
            self.heading.setText(f"{heading} {said}." if said else heading)
        elif report.offline:
            self.heading.setText(
                self.tr("%1: no source could be reached in the sync at %2.")
                .replace("%1", self.tr(str(OFFLINE_TEXT)))
                .replace("%2", when)
            )
        elif failures:
            self.heading.setText(
                self.tr(
                    "%1 of %2 sources failed in the sync at %3. "
                    "The others were updated; saved stories stay readable. The next sync tries again."
                )
                .replace("%1", str(len(failures)))
                .replace("%2", str(len(report.results)))
                .replace("%3", when)
            )
        else:
            self.heading.setText(self.tr("Every source synced at %1.").replace("%1", when))
        # The summary earns its place when it says something shorter than the list below.
        self.summary.setText("\n".join(f"• {line}" for line in lines))
        self.summary.setVisible(bool(lines) and len(lines) < len(failures))
        self.results = [*failures, *waiting]
        for result in self.results:
            item = QTreeWidgetItem([result.name, result.error or "", result.url])
            item.setToolTip(1, result.error or "")
            self.tree.addTopLevelItem(item)
        log_file = active_log_file()
        self.log_note.setText(
            self.tr("Every problem is also written, with its technical detail, to the log file %1").replace(
                "%1", shown_path(log_file)
            )
            if log_file
            else self.tr("No log file is being written.")
        )
        self.details_button.setEnabled(bool(self.results))
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._show_details()

    @Slot(bool)
    def on_details_toggled(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.details_button.setText(self.tr("Hide &details") if shown else self.tr("&Details"))
        self._show_details()

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def on_current_changed(self, _current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        self._show_details()

    def _show_details(self) -> None:
        current = self.tree.currentItem()
        row = self.tree.indexOfTopLevelItem(current) if current is not None else -1
        self.details.setPlainText(details_text(self.results[row]) if 0 <= row < len(self.results) else "")


def details_text(result: SourceResult) -> str:
    """The technical side of one source's problem: what, where, when, and where the log is."""
    problem = result.problem
    if problem is None:
        return f"{result.name}: no problem"
    log_file = active_log_file()
    lines = [
        f"Source: {result.name}",
        f"Feed address: {result.url}",
        f"Failed address: {problem.url}",
        f"Problem: {problem.message}",
        f"Kind: {problem.kind}" + (" (the host could not be reached)" if problem.network else ""),
        f"Technical: {problem.detail}",
        f"When: {problem.at.astimezone():%Y-%m-%d %H:%M:%S %Z} ({problem.at:%H:%M:%S} UTC)",
        f"Log file: {shown_path(log_file) if log_file else 'none'}",
    ]
    if problem.traceback:
        lines += ["", problem.traceback.rstrip()]
    return "\n".join(lines)
