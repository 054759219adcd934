"""The window's rates glue: the Rates menu, the live refresh, the converter and the currency chooser."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.core import ratesync
from reader.core.rates import TICKER_CURRENCIES
from reader.ui.ops import Op
from reader.ui.rates_dialogs import ConverterDialog, CurrencyListDialog
from reader.ui.rates_panel import SETTING_CURRENCIES
from reader.ui.rates_refresh import RatesRefresher

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


class RatesController(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.rates_panel
        self.refresher = RatesRefresher(window.library, self)
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

        self.refresh_action = action("&Refresh rates now", "Ctrl+Alt+R", self.refresher.refresh_now)
        self.converter_action = action("Currency &converter…", "Ctrl+Alt+C", self.open_converter)
        self.inverse_action = action("Show &1 USD = … units", "", self.panel.direction.setChecked)
        self.inverse_action.setCheckable(True)
        self.panel.direction.toggled.connect(self.inverse_action.setChecked)
        action("Sidebar &currencies…", "", self.choose_currencies)

    def _connect_signals(self) -> None:
        self.panel.refresh_requested.connect(self.refresher.refresh_now)
        self.panel.configure_requested.connect(self.choose_currencies)
        self.refresher.refresh_started.connect(lambda: self.panel.set_refreshing(True))
        self.refresher.refresh_finished.connect(self.on_refresh_finished)
        self.refresher.refresh_failed.connect(self.on_refresh_failed)

    @Slot(object)
    def on_refresh_finished(self, results: list[ratesync.SyncResult]) -> None:
        self.panel.on_refresh_finished(results)
        self.window.show_message(self.panel.describe_results(results))
        self.window.refresh_state()

    @Slot(str)
    def on_refresh_failed(self, message: str) -> None:
        self.panel.set_refreshing(False)
        self.window.show_message(message)
        self.panel.reload()

    @Slot()
    def open_converter(self) -> None:
        if self.converter is None:
            self.converter = ConverterDialog(self.window.library, self.window.runner, self.window)
        self.converter.show()
        self.converter.raise_()

    @Slot()
    def choose_currencies(self) -> None:
        library = self.window.library

        def load() -> tuple[list[tuple[str, str]], list[str]]:
            stored = library.setting(SETTING_CURRENCIES)
            chosen = (
                [str(c) for c in stored] if isinstance(stored, list) and stored else list(TICKER_CURRENCIES)
            )
            return library.currencies(), chosen

        Op(load).success(self._ask_currencies).run(self.window.runner)

    def _ask_currencies(self, loaded: tuple[list[tuple[str, str]], list[str]]) -> None:
        currencies, chosen = loaded
        dialog = CurrencyListDialog(currencies, chosen, self.window)
        self.currency_dialog = dialog
        if dialog.exec() != CurrencyListDialog.DialogCode.Accepted or not dialog.chosen():
            return
        self.save_currencies(dialog.chosen())

    def save_currencies(self, codes: list[str]) -> None:
        library = self.window.library
        Op(lambda: library.set_setting(SETTING_CURRENCIES, codes)).success(lambda _: self.panel.reload()).run(
            self.window.runner
        )
