"""New stories after a sync: a quiet status-bar line with the count per matching saved search
("Sync: 12 new stories — 'Uzbek cotton': 3, 'KZT': 5"), and, when Sync → "Notify on new stories"
is on (the `sync.notify` setting, off by default), a desktop notification through the system
tray where there is one. The saved searches are counted on the database worker."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, QObject, Signal, Slot
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QStatusBar, QSystemTrayIcon

from reader.core.types import SYNC_NOTIFY, Changes, SyncReport
from reader.ui import operations
from reader.ui.sync_controller import SyncController
from reader.ui.tasks import TaskManager

MESSAGE_MS = 15_000
log = logging.getLogger(__name__)


class NewStoriesWords(QObject):
    """The line's words (a QObject so that lupdate sees the plural: QObject.tr with a count)."""

    def line(self, new: int, matches: list[tuple[str, int]]) -> str:
        said = self.tr("Sync: %n new stories", "", new)
        if matches:
            said += " — " + ", ".join(
                self.tr("'%1': %2").replace("%1", name).replace("%2", QLocale().toString(count))
                for name, count in matches
            )
        return said


def new_stories_text(new: int, matches: list[tuple[str, int]]) -> str:
    """The one line: how many new stories, and how many of them each saved search matched."""
    return NewStoriesWords().line(new, matches)


class NewStoriesNotifier(QObject):
    """Says what a finished sync brought; owns the checkable "Notify on new stories" action."""

    announced = Signal(str)  # the line, once the saved searches are counted

    def __init__(self, tasks: TaskManager, sync: SyncController, status_bar: QStatusBar) -> None:
        super().__init__(sync)
        self.tasks = tasks
        self._status_bar = status_bar
        self.tray: QSystemTrayIcon | None = None
        self.action = QAction(self.tr("&Notify on new stories"), self)
        self.action.setCheckable(True)
        self.action.setToolTip(self.tr("Show a desktop notification when a sync brings new stories"))
        self.action.toggled.connect(self.on_action_toggled)
        sync.sync_finished.connect(self.on_sync_finished)
        tasks.changes.connect(self.on_changes)
        self._load()

    def _load(self) -> None:
        operations.load_setting(SYNC_NOTIFY).success(self._show_setting).run(self.tasks)

    def _show_setting(self, on: bool) -> None:
        self.action.blockSignals(True)
        self.action.setChecked(on)
        self.action.blockSignals(False)

    @Slot(bool)
    def on_action_toggled(self, on: bool) -> None:
        operations.save_setting(SYNC_NOTIFY, on).run(self.tasks, self)

    def on_changes(self, changes: Changes, initiator: object) -> None:
        if SYNC_NOTIFY.name in changes.setting_names and initiator is not self:
            self._load()

    @Slot(object)
    def on_sync_finished(self, report: SyncReport) -> None:
        if not report.new:
            return
        new = report.new
        operations.count_new_in_saved_searches(report.new_ids).success(
            lambda matches: self._announce(new_stories_text(new, matches))
        ).failure(lambda error: self._count_failed(error, new)).run(self.tasks)

    def _count_failed(self, error: BaseException, new: int) -> None:
        """The saved searches could not be counted: the line still says how many came."""
        log.warning("Counting new stories per saved search failed", exc_info=error)
        self._announce(new_stories_text(new, []))

    def _announce(self, text: str) -> None:
        self._status_bar.showMessage(text, MESSAGE_MS)
        if self.action.isChecked() and QSystemTrayIcon.isSystemTrayAvailable():
            if self.tray is None:
                self.tray = QSystemTrayIcon(QGuiApplication.windowIcon(), self)
                self.tray.setToolTip("Steppe Reader")
            self.tray.show()
            self.tray.showMessage("Steppe Reader", text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
        self.announced.emit(text)
