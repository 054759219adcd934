"""The sources dialog: add a source by feed or site address, rename, disable and remove sources,
import and export OPML. Its work runs as named operations on the task manager (finding a
site's feed on the network pool); it reloads when any write changes the sources."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.articles.rule import MODES
from reader.core.errors import ReaderError
from reader.core.logs import active_log_file, shown_path
from reader.core.types import Changes, Outcome, SourceStatus
from reader.ui import operations
from reader.ui.tasks import Op, TaskManager

SOURCE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# A source's "Full articles" setting (reader.core.articles): the combo's words for each mode.
FULL_ARTICLE_CHOICES = {
    "automatic": QT_TRANSLATE_NOOP("SourcesDialog", "Automatic"),
    "always": QT_TRANSLATE_NOOP("SourcesDialog", "Always"),
    "never": QT_TRANSLATE_NOOP("SourcesDialog", "Never"),
}
log = logging.getLogger(__name__)


class SourcesDialog(QDialog):
    loaded = Signal()  # the table shows the current sources

    COLUMNS = (
        QT_TRANSLATE_NOOP("SourcesDialog", "Name"),
        QT_TRANSLATE_NOOP("SourcesDialog", "Feed address"),
        QT_TRANSLATE_NOOP("SourcesDialog", "Stories"),
        QT_TRANSLATE_NOOP("SourcesDialog", "Last sync"),
        QT_TRANSLATE_NOOP("SourcesDialog", "Problem"),
    )

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sources"))
        self.resize(980, 520)
        self.tasks = tasks
        self.sources: list[SourceStatus] = []

        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(self.tr("Feed or site address, e.g. https://timesca.com/"))
        self.url_edit.setAccessibleName(self.tr("Address of the source to add"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("Name (optional)"))
        self.name_edit.setAccessibleName(self.tr("Name of the source to add"))
        self.add_button = QPushButton(self.tr("&Add"))
        self.add_button.setAccessibleDescription(
            self.tr("Add the source; a site's address is searched for its feed")
        )
        add_row = QHBoxLayout()
        add_row.addWidget(self.url_edit, 3)
        add_row.addWidget(self.name_edit, 1)
        add_row.addWidget(self.add_button)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setAccessibleName(self.tr("Sources"))
        self.table.setAccessibleDescription(
            self.tr("Every source with its state and last problem; the buttons below act on the selected one")
        )
        self.table.setHorizontalHeaderLabels([self.tr(str(column)) for column in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 240), (2, 64), (3, 130), (4, 230)):
            self.table.setColumnWidth(column, width)

        self.rename_button = QPushButton(self.tr("&Rename…"))
        self.toggle_button = QPushButton(self.tr("&Disable"))
        self.remove_button = QPushButton(self.tr("Re&move…"))
        self.import_button = QPushButton(self.tr("&Import OPML…"))
        self.export_button = QPushButton(self.tr("&Export OPML…"))
        self.full_combo = QComboBox()
        for mode in MODES:
            self.full_combo.addItem(self.tr(str(FULL_ARTICLE_CHOICES[mode])), mode)
        self.full_combo.setAccessibleName(self.tr("Full articles for the selected source"))
        self.full_combo.setToolTip(
            self.tr(
                "Whether the sync fetches each story's page for the whole story to read offline:"
                " automatic when the feed sends only a summary, always, or never"
            )
        )
        self.full_combo.setAccessibleDescription(
            self.tr("Automatic fetches the page when the feed sends only a summary or a read-more link")
        )
        full_label = QLabel(self.tr("&Full articles:"))
        full_label.setBuddy(self.full_combo)
        self.toggle_button.setAccessibleDescription(
            self.tr("A disabled source keeps its stories and is not fetched")
        )
        self.remove_button.setAccessibleDescription(
            self.tr("Removes the source and its stories; bookmarked stories are kept")
        )
        actions = QHBoxLayout()
        for button in (self.rename_button, self.toggle_button, self.remove_button):
            actions.addWidget(button)
        actions.addSpacing(12)
        actions.addWidget(full_label)
        actions.addWidget(self.full_combo)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # it names sources
        self.message.setAccessibleName(self.tr("Sources message"))
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self.on_add_clicked)
        self.url_edit.returnPressed.connect(self.on_add_clicked)
        self.rename_button.clicked.connect(self.on_rename_clicked)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.import_button.clicked.connect(self.on_import_clicked)
        self.export_button.clicked.connect(self.on_export_clicked)
        self.table.itemSelectionChanged.connect(self.on_selection_changed)
        self.full_combo.activated.connect(self.on_full_articles_chosen)
        self.tasks.changes.connect(self.on_changes)

    # -- loading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        operations.list_sources().success(self.show_sources).failure(self.show_error).run(self.tasks)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.sources or changes.stories:
            self.refresh()

    def show_sources(self, sources: list[SourceStatus]) -> None:
        selected = self.selected_source()
        self.sources = sources
        self.table.setRowCount(len(sources))
        for row, source in enumerate(sources):
            fetched = (
                source.last_fetched_at.astimezone().strftime("%Y-%m-%d %H:%M")
                if source.last_fetched_at
                else self.tr("never")
            )
            name = source.name if source.enabled else self.tr("%1 (disabled)").replace("%1", source.name)
            count = QLocale().toString(source.story_count)
            cells = (name, source.feed_url, count, fetched, source.last_error or "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(SOURCE_ID_ROLE, source.id)
                if column in (1, 4):
                    item.setToolTip(text)
                if not source.enabled:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
            if selected is not None and source.id == selected.id:
                self.table.selectRow(row)
        self.on_selection_changed()
        self.loaded.emit()

    def selected_source(self) -> SourceStatus | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or not self.sources or rows[0].row() >= len(self.sources):
            return None
        return self.sources[rows[0].row()]

    @Slot()
    def on_selection_changed(self) -> None:
        source = self.selected_source()
        for widget in (self.rename_button, self.toggle_button, self.remove_button, self.full_combo):
            widget.setEnabled(source is not None)
        if source is not None:
            self.full_combo.setCurrentIndex(max(0, self.full_combo.findData(source.full_articles)))
        self.toggle_button.setText(
            self.tr("&Enable") if source is not None and not source.enabled else self.tr("&Disable")
        )

    def select_source(self, source_id: int) -> None:
        for row, source in enumerate(self.sources):
            if source.id == source_id:
                self.table.selectRow(row)

    # -- changes ---------------------------------------------------------------------------

    def _change(self, op: Op[Any], message: Callable[[Any], str]) -> None:
        op.success(lambda result: self.message.setText(message(result))).failure(self.show_error).run(
            self.tasks
        )

    def show_error(self, error: BaseException) -> None:
        """One plain line under the table; a bug is logged with its traceback, never shown as one."""
        if isinstance(error, ReaderError):  # a SourceError says "<address>: <cause>"
            self.message.setText(f"⚠ {error}")
        elif isinstance(error, Exception):
            log.error("A sources dialog action failed", exc_info=error)
            log_file = active_log_file()
            said = (
                self.tr("Steppe could not make this change (an internal error, logged in %1)").replace(
                    "%1", shown_path(log_file)
                )
                if log_file
                else self.tr("Steppe could not make this change (an internal error)")
            )
            self.message.setText(f"⚠ {said}")
        else:
            raise error  # KeyboardInterrupt, SystemExit

    @Slot()
    def on_add_clicked(self) -> None:
        url, name = self.url_edit.text().strip(), self.name_edit.text().strip() or None
        if not url:
            self.message.setText(self.tr("Type the address of a feed or of a site first."))
            return
        self.add_button.setEnabled(False)
        self.message.setText(self.tr("Looking for the feed at %1…").replace("%1", url))
        # Discovery reads the site over the network: not on the serial database worker.
        operations.add_source(url, name).success(self.on_added).failure(self.on_add_failed).run(self.tasks)

    def on_add_failed(self, error: BaseException) -> None:
        self.add_button.setEnabled(True)
        self.show_error(error)

    def on_added(self, added: Outcome[SourceStatus]) -> None:
        source = added.value
        self.add_button.setEnabled(True)
        self.url_edit.clear()
        self.name_edit.clear()
        said = (
            self.tr(
                "Added %1 — %2 (with the WordPress API for full stories). It is fetched at the next sync."
            )
            if source.api_url
            else self.tr("Added %1 — %2. It is fetched at the next sync.")
        )
        self.message.setText(said.replace("%2", source.feed_url).replace("%1", source.name))

    def wait_for_network(self, timeout: float = 10.0) -> bool:
        return self.tasks.wait_idle(timeout)

    @Slot()
    def on_rename_clicked(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        name, ok = QInputDialog.getText(self, self.tr("Rename source"), self.tr("&Name:"), text=source.name)
        if ok:
            self.rename_selected(name)

    def rename_selected(self, name: str) -> None:
        source = self.selected_source()
        if source is not None:
            self._change(
                operations.rename_source(source.id, name),
                lambda _r: self.tr("Renamed to %1").replace("%1", name.strip()),
            )

    @Slot()
    def toggle_selected(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        enable = not source.enabled
        said = (
            self.tr("%1 enabled") if enable else self.tr("%1 disabled: its stories stay, it is not fetched")
        ).replace("%1", source.name)
        self._change(operations.set_source_enabled(source.id, enable), lambda _r: said)

    @Slot(int)
    def on_full_articles_chosen(self, index: int) -> None:
        self.set_full_articles(str(self.full_combo.itemData(index)))

    def set_full_articles(self, mode: str) -> None:
        source = self.selected_source()
        if source is None or mode == source.full_articles:
            return
        said = {
            "automatic": self.tr(
                "%1: full articles fetched when its feed sends only a summary (from the next sync)"
            ),
            "always": self.tr("%1: full articles always fetched (from the next sync)"),
            "never": self.tr("%1: full articles never fetched (from the next sync)"),
        }[mode].replace("%1", source.name)
        self._change(operations.set_full_articles(source.id, mode), lambda _r: said)

    @Slot()
    def on_remove_clicked(self) -> None:
        source = self.selected_source()
        if source is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Remove source"),
            self.tr(
                "Remove %1 and its %Ln stories? Bookmarked stories are never removed.", "", source.story_count
            ).replace("%1", source.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a source's name is never markup
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.remove_selected()

    def remove_selected(self) -> None:
        source = self.selected_source()
        if source is not None:
            self._change(
                operations.remove_source(source.id),
                lambda n: self.tr("Removed %1 and %Ln stories", "", n.value).replace("%1", source.name),
            )

    @Slot()
    def on_import_clicked(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import OPML"), "", self.tr("OPML (*.opml *.xml);;All files (*)")
        )
        if path:
            self.import_opml(Path(path))

    def import_opml(self, path: Path) -> None:
        self._change(
            operations.import_opml(path),
            lambda r: (
                self.tr("Imported %Ln new sources from %1 (%2 already there or unusable)", "", r.value[0])
                .replace("%2", QLocale().toString(r.value[1]))
                .replace("%1", path.name)
            ),
        )

    @Slot()
    def on_export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export OPML"), "steppe-sources.opml", self.tr("OPML (*.opml)")
        )
        if path:
            self.export_opml(Path(path))

    def export_opml(self, path: Path) -> None:
        operations.export_opml(path).success(
            lambda n: self.message.setText(self.tr("Wrote %Ln sources to %1", "", n).replace("%1", str(path)))
        ).failure(self.show_error).run(self.tasks)
