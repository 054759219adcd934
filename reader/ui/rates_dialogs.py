"""The currency converter and the sidebar's currency chooser."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import ReaderError, UnknownCurrency
from reader.core.types import Conversion
from reader.ui import operations, theme
from reader.ui.currency_names import currency_name
from reader.ui.error_text import error_text
from reader.ui.tasks import TaskManager


class ConverterDialog(QDialog):
    """An amount, from and to any two stored currencies (and the dollar), at any stored date."""

    converted = Signal(object)  # Conversion

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Currency converter"))
        self.tasks = tasks
        self.amount = QLineEdit(QLocale().toString(1000))  # "1,000", "1 000": the parser reads both
        self.amount.setAccessibleName(self.tr("Amount"))
        self.from_currency = QComboBox()
        self.from_currency.setAccessibleName(self.tr("From currency"))
        self.to_currency = QComboBox()
        self.to_currency.setAccessibleName(self.tr("To currency"))
        self.latest = QCheckBox(self.tr("&Newest rates"))
        self.latest.setChecked(True)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.date.setEnabled(False)
        self.date.setAccessibleName(self.tr("Rates of date"))
        self.date.setAccessibleDescription(
            self.tr("The day whose rates convert; used when Newest rates is off")
        )
        self.amount.setAccessibleDescription(self.tr("Type an amount, e.g. 20.6 or 1,500"))
        self.latest.setAccessibleDescription(self.tr("Convert at the newest rates instead of a chosen day's"))
        self.result_label = QLabel("…")
        self.result_label.setAccessibleName(self.tr("Conversion result"))
        self.result_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel()
        theme.style(self.detail, "color: {secondary};")
        form = QFormLayout()
        form.addRow(self.tr("&Amount"), self.amount)
        form.addRow(self.tr("&From"), self.from_currency)
        form.addRow(self.tr("&To"), self.to_currency)
        form.addRow(self.latest, self.date)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addWidget(self.detail)
        layout.addWidget(buttons)
        self.last: Conversion | None = None
        self.amount.textChanged.connect(self.on_input_changed)
        self.from_currency.currentIndexChanged.connect(self.on_input_changed)
        self.to_currency.currentIndexChanged.connect(self.on_input_changed)
        self.date.dateChanged.connect(self.on_input_changed)
        self.latest.toggled.connect(self.on_latest_toggled)
        operations.load_currencies().success(lambda loaded: self.set_currencies(loaded[0])).run(tasks)

    def set_currencies(self, currencies: list[tuple[str, str]]) -> None:
        choices = [("USD", "US Dollar"), *currencies]  # the stored names: the providers' English
        for combo, default in ((self.from_currency, "KZT"), (self.to_currency, "USD")):
            combo.blockSignals(True)
            combo.clear()
            for code, name in choices:
                combo.addItem(f"{code} — {currency_name(code, name)}", code)
            combo.setCurrentIndex(max(combo.findData(default), 0))
            combo.blockSignals(False)
        self.on_input_changed()

    def on_latest_toggled(self, latest: bool) -> None:
        self.date.setEnabled(not latest)
        self.on_input_changed()

    @Slot()
    def on_input_changed(self, *_args: object) -> None:
        text = self.amount.text()
        source, target = self.from_currency.currentData(), self.to_currency.currentData()
        if not source or not target:
            return
        on = None if self.latest.isChecked() else _date(self.date.date())
        operations.convert_text(text, source, target, on).success(self.show_conversion).failure(
            self.show_error
        ).run(self.tasks)

    def show_conversion(self, conversion: Conversion) -> None:
        self.last = conversion
        locale = QLocale()
        amount, result = (
            locale.toString(conversion.amount, "f", 2),
            locale.toString(conversion.result, "f", 2),
        )
        self.result_label.setText(f"{amount} {conversion.from_currency} = {result} {conversion.to_currency}")
        if conversion.as_of:
            day = QDate(conversion.as_of.year, conversion.as_of.month, conversion.as_of.day)
            as_of = self.tr("rates of %1").replace("%1", locale.toString(day, "dd MMMM yyyy"))
        else:
            as_of = self.tr("same currency")
        rate = locale.toString(conversion.rate, "g", 6)
        self.detail.setText(f"1 {conversion.from_currency} = {rate} {conversion.to_currency} · {as_of}")
        self.converted.emit(conversion)

    def show_error(self, error: BaseException) -> None:
        if isinstance(error, ValueError) and not isinstance(error, ReaderError):
            self.result_label.setText(self.tr("Type an amount, e.g. 20.6 or 1,500"))
        elif isinstance(error, UnknownCurrency):
            self.result_label.setText(self.tr("No rates are stored for %1").replace("%1", error.code))
        elif isinstance(error, ReaderError):
            self.result_label.setText(error_text(error))
        else:
            raise error
        self.detail.setText("")


class CurrencyListDialog(QDialog):
    """Which stored currencies the sidebar lists, and in what order (checked ones, top to bottom)."""

    def __init__(
        self, currencies: list[tuple[str, str]], chosen: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sidebar currencies"))
        self.list = QListWidget()
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        self.list.setAccessibleName(self.tr("Currencies"))
        names = dict(currencies)
        order = [c for c in chosen if c in names] + [c for c, _ in currencies if c not in chosen]
        for code in order:
            item = QListWidgetItem(f"{code} — {currency_name(code, names[code])}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Tick the currencies to list; drag to reorder.")))
        layout.addWidget(self.list)
        layout.addWidget(buttons)

    def chosen(self) -> list[str]:
        return [
            str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
