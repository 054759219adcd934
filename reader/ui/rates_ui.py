"""The window's rates glue: the Rates menu, the live refresh, the converter and the currency chooser."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.types import SIDEBAR_CURRENCIES, RatesReport
from reader.ui import operations
from reader.ui.rates_dialogs import ConverterDialog, CurrencyListDialog
from reader.ui.rates_panel import RatesPanel
from reader.ui.rates_refresh import RatesRefresher
from reader.ui.tasks import TaskManager


class RatesController(QObject):
    def __init__(
        self, tasks: TaskManager, panel: RatesPanel, window: QWidget, show_message: Callable[[str], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.tasks = tasks
        self.panel = panel
        self.show_message = show_message
        self.refresher = RatesRefresher(tasks, self)
        self.converter: ConverterDialog | None = None
        self._connect_signals()

    def add_actions(self, menu: QMenu) -> None:
        def action(text: str, shortcut: str, slot: object) -> QAction:
            act = QAction(text, self.window)
            if shortcut:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        self.refresh_action = action(self.tr("&Refresh rates now"), "Ctrl+Alt+R", self.refresher.refresh_now)
        self.converter_action = action(self.tr("Currency &converter…"), "Ctrl+Alt+C", self.open_converter)
        self.inverse_action = action(self.tr("Show &1 USD = … units"), "", self.panel.direction.setChecked)
        self.inverse_action.setCheckable(True)
        self.panel.direction.toggled.connect(self.inverse_action.setChecked)
        action(self.tr("Sidebar &currencies…"), "", self.choose_currencies)

    def _connect_signals(self) -> None:
        self.panel.refresh_requested.connect(self.refresher.refresh_now)
        self.panel.configure_requested.connect(self.choose_currencies)
        self.refresher.refresh_started.connect(lambda: self.panel.set_refreshing(True))
        self.refresher.refresh_finished.connect(self.on_refresh_finished)
        self.refresher.refresh_failed.connect(self.on_refresh_failed)
        self.panel.official_fetch_requested.connect(self.refresher.fetch_official)
        self.refresher.official_progressed.connect(self.on_official_progressed)
        self.refresher.official_finished.connect(self.on_official_finished)

    @Slot(str)
    def on_official_progressed(self, day: str) -> None:
        if self.panel.chart is not None:
            self.panel.chart.set_fetching(day)

    @Slot(object)
    def on_official_finished(self, report: RatesReport) -> None:
        # The chart reloads from the report's changes and shows the official series if it came.
        if self.panel.chart is not None:
            self.panel.chart.set_fetching(None)
        self.show_message(report.summary())

    @Slot(object)
    def on_refresh_finished(self, report: RatesReport) -> None:
        self.panel.show_report(report)  # the rates themselves reload from the report's changes
        self.show_message(report.summary())

    @Slot(str)
    def on_refresh_failed(self, message: str) -> None:
        self.panel.set_refreshing(False)
        if self.panel.chart is not None:
            self.panel.chart.set_fetching(None)
        self.show_message(message)

    @Slot()
    def open_converter(self) -> None:
        if self.converter is None:
            self.converter = ConverterDialog(self.tasks, self.window)
        self.converter.show()
        self.converter.raise_()

    @Slot()
    def choose_currencies(self) -> None:
        operations.load_currencies().success(self._ask_currencies).run(self.tasks)

    def _ask_currencies(self, loaded: tuple[list[tuple[str, str]], tuple[str, ...]]) -> None:
        currencies, chosen = loaded
        dialog = CurrencyListDialog(currencies, list(chosen), self.window)
        self.currency_dialog = dialog
        if dialog.exec() != CurrencyListDialog.DialogCode.Accepted or not dialog.chosen():
            return
        self.save_currencies(dialog.chosen())

    def save_currencies(self, codes: list[str]) -> None:
        operations.save_setting(SIDEBAR_CURRENCIES, codes).run(self.tasks)  # the panel reloads itself
