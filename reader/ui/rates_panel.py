"""The rates sidebar: the ticker's five currencies against the dollar, and a history chart."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reader.core.rates import format_inverse, format_ticker, provider_name, series_arrays
from reader.core.types import RateQuote, RateSeries

UP, DOWN, FLAT = QColor("#1e8449"), QColor("#c0392b"), QColor("#555555")


class RateChart(pg.PlotWidget):  # type: ignore[misc]  # pyqtgraph ships no type hints
    """History of one currency, units per US dollar, on a date axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setBackground("w")
        self.showGrid(x=True, y=True, alpha=0.2)
        self.setMenuEnabled(False)
        self.setMinimumHeight(180)
        item = self.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        self._curve = item.plot(pen=pg.mkPen("#2f6f8f", width=2))
        self.currency: str | None = None
        self.point_count = 0

    def show_series(self, series: RateSeries) -> None:
        x, y = series_arrays(series)
        self._curve.setData(x, y)
        self.currency = series.currency
        self.point_count = len(x)
        self.setTitle(f"{series.currency} per US dollar", color="#333333", size="10pt")
        self.getPlotItem().enableAutoRange()


class RatesPanel(QWidget):
    currency_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("<b>Rates vs US dollar</b>")
        self.rates = QListWidget()
        self.rates.setAccessibleName("Currency rates")
        self.rates.setAlternatingRowColors(True)
        self.source = QLabel(wordWrap=True)
        self.source.setStyleSheet("color: #555555; font-size: 9pt;")
        self.chart = RateChart(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(heading)
        layout.addWidget(self.rates)
        layout.addWidget(self.source)
        layout.addWidget(self.chart, 1)
        self.quotes: list[RateQuote] = []
        self.rates.currentRowChanged.connect(self.on_rate_row_changed)

    def show_quotes(self, quotes: list[RateQuote]) -> None:
        selected = self.selected_currency()
        self.quotes = quotes
        self.rates.clear()
        for quote in quotes:
            item = QListWidgetItem(format_ticker(quote))
            change = quote.change_pct or 0.0
            mark = UP if round(change, 2) > 0 else DOWN if round(change, 2) < 0 else FLAT
            item.setForeground(QBrush(mark))
            since = f" since {quote.previous_as_of.isoformat()}" if quote.previous_as_of else ""
            item.setToolTip(f"{quote.name}: {format_inverse(quote)}; change{since}")
            item.setData(Qt.ItemDataRole.UserRole, quote.currency)
            self.rates.addItem(item)
        self.rates.setFixedHeight(self.rates.sizeHintForRow(0) * max(len(quotes), 1) + 6)
        if quotes:
            as_of = max(q.as_of for q in quotes)
            providers = ", ".join(sorted({provider_name(q.provider) for q in quotes}))
            self.source.setText(f"As of {as_of:%d %B %Y} · {providers}")
        codes = [q.currency for q in quotes]
        self.rates.setCurrentRow(codes.index(selected) if selected in codes else 0)

    def selected_currency(self) -> str | None:
        item = self.rates.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @Slot(int)
    def on_rate_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.quotes):
            self.currency_selected.emit(self.quotes[row].currency)
