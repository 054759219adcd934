"""View → Theme: System / Light / Dark, kept in the `ui.theme` setting."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from reader.core.types import Changes
from reader.core.types.settings import UI_THEME
from reader.ui import operations, theme
from reader.ui.tasks import TaskManager

LABELS = {
    "system": QT_TRANSLATE_NOOP("ThemeActions", "&System"),
    "light": QT_TRANSLATE_NOOP("ThemeActions", "&Light"),
    "dark": QT_TRANSLATE_NOOP("ThemeActions", "&Dark"),
}


class ThemeActions(QObject):
    """Reads the setting at start and after each change of it, applies the theme, and offers
    the choice in a checkable submenu."""

    def __init__(self, tasks: TaskManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for choice in theme.CHOICES:
            act = QAction(
                QCoreApplication.translate("ThemeActions", str(LABELS[choice])), self, checkable=True
            )
            act.setData(choice)
            self.group.addAction(act)
            self.actions[choice] = act
        self.actions[theme.manager().choice].setChecked(True)
        self.group.triggered.connect(self.on_action_triggered)
        tasks.changes.connect(self.on_changes)

    def add_menu(self, menu: QMenu) -> QMenu:
        sub = menu.addMenu(self.tr("&Theme"))
        for act in self.actions.values():
            sub.addAction(act)
        return sub

    def load(self) -> None:
        operations.load_setting(UI_THEME).success(self.apply).run(self.tasks)

    def apply(self, choice: str) -> None:
        if choice != theme.manager().choice or theme.resolve(choice) != theme.current():
            theme.manager().apply(choice)
        self.actions.get(choice, self.actions["system"]).setChecked(True)

    @Slot(QAction)
    def on_action_triggered(self, act: QAction) -> None:
        choice = str(act.data())
        self.apply(choice)  # at once; the setting follows
        operations.save_setting(UI_THEME, choice).run(self.tasks, initiator=self)

    def on_changes(self, changes: Changes, initiator: object) -> None:
        if UI_THEME.name in changes.setting_names and initiator is not self:
            self.load()
