"""The live rates sidebar: a row per currency in the ticker's format, with a coloured up/down
mark and a sparkline, the provider and "as of", an offline state, and the history chart."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core import ratesync
from reader.core.errors import UnknownCurrency
from reader.core.library import Library
from reader.core.providers import OFFICIAL_FOR
from reader.core.rate_markers import story_markers
from reader.core.rates import (
    DEFAULT_PROVIDER,
    TICKER_CURRENCIES,
    ProviderStatus,
    format_inverse,
    format_ticker,
    provider_name,
)
from reader.core.types import RateQuote, RateSeries
from reader.ui.ops import Op, OpRunner
from reader.ui.rate_chart import ChartData, Mode, RateHistoryChart

UP, DOWN, FLAT = QColor("#1e8449"), QColor("#c0392b"), QColor("#555555")
SETTING_CURRENCIES = "rates.sidebar_currencies"
SETTING_INVERSE = "rates.sidebar_inverse"
SPARK_DAYS = 120
CODE_ROLE = Qt.ItemDataRole.UserRole
SPARK_ROLE = Qt.ItemDataRole.UserRole + 1
TREND_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class SidebarData:
    quotes: tuple[RateQuote, ...]
    sparklines: dict[str, tuple[float, ...]] = field(default_factory=dict)  # dollar value per unit
    statuses: tuple[ProviderStatus, ...] = ()
    missing: tuple[str, ...] = ()  # asked-for currencies with no stored rates


def load_sidebar(library: Library, currencies: list[str]) -> SidebarData:
    """Everything the sidebar shows, read in one go (runs on the database worker)."""
    quotes: list[RateQuote] = []
    missing: list[str] = []
    sparks: dict[str, tuple[float, ...]] = {}
    for code in currencies:
        try:
            (quote,) = library.latest_rates([code])
        except UnknownCurrency:
            missing.append(code)
            continue
        quotes.append(quote)
        series = library.rate_series(
            code, since=quote.as_of - dt.timedelta(days=SPARK_DAYS), provider=quote.provider
        )
        sparks[code] = tuple(1.0 / v for v in series.units_per_usd)
    return SidebarData(tuple(quotes), sparks, tuple(library.rate_provider_statuses()), tuple(missing))


def load_chart(library: Library, mode: str, currency: str, compared: list[str]) -> ChartData:
    if mode == Mode.COMPARE:
        series: list[RateSeries] = []
        for code in compared or [currency]:
            try:
                series.append(library.rate_series(code))
            except UnknownCurrency:
                continue
        return ChartData(Mode.COMPARE, currency, tuple(series))
    if mode == Mode.OFFICIAL:
        market = library.rate_series(currency, provider=DEFAULT_PROVIDER, since=dt.date(1900, 1, 1))
        found = [market]
        official = OFFICIAL_FOR.get(currency)
        if official:
            series_official = library.rate_series(currency, provider=official, since=dt.date(1900, 1, 1))
            if series_official.dates:
                found.append(series_official)
        return ChartData(Mode.OFFICIAL, currency, tuple(found))
    return ChartData(
        Mode.RATE, currency, (library.rate_series(currency),), tuple(story_markers(library, currency))
    )


class RateRowDelegate(QStyledItemDelegate):
    """Paints a row: the up/down mark, the ticker text in the mark's colour, a sparkline."""

    SPARK_WIDTH = 64

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + self.SPARK_WIDTH + 28, max(size.height(), 24))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)
        rect: QRect = option.rect
        trend = int(index.data(TREND_ROLE) or 0)
        colour = UP if trend > 0 else DOWN if trend < 0 else FLAT
        mark = "▲" if trend > 0 else "▼" if trend < 0 else "●"
        painter.setPen(colour)
        painter.drawText(
            QRect(rect.left() + 4, rect.top(), 16, rect.height()), Qt.AlignmentFlag.AlignVCenter, mark
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(option.palette.highlightedText().color() if selected else QColor("#222222"))
        text_rect = QRect(rect.left() + 22, rect.top(), rect.width() - self.SPARK_WIDTH - 30, rect.height())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter, str(index.data(Qt.ItemDataRole.DisplayRole))
        )
        values = index.data(SPARK_ROLE) or ()
        if len(values) >= 2:
            spark = QRect(
                rect.right() - self.SPARK_WIDTH - 4, rect.top() + 5, self.SPARK_WIDTH, rect.height() - 10
            )
            low, high = min(values), max(values)
            span = (high - low) or 1.0
            step = spark.width() / (len(values) - 1)
            polygon = QPolygonF(
                [
                    QPointF(spark.left() + i * step, spark.bottom() - (v - low) / span * spark.height())
                    for i, v in enumerate(values)
                ]
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(colour, 1.3))
            painter.drawPolyline(polygon)
        painter.restore()


class RatesPanel(QWidget):
    currency_selected = Signal(str)
    story_clicked = Signal(int)  # a story marker on the chart
    date_range_selected = Signal(object, object)  # (since, until) or (None, None)
    refresh_requested = Signal()
    configure_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel("<b>Rates vs US dollar</b>")
        self.refresh_button = QToolButton()
        self.refresh_button.setText("Refresh")
        self.refresh_button.setToolTip("Fetch the latest rates now")
        self.refresh_button.setAutoRaise(True)
        self.direction = QToolButton()
        self.direction.setText("1 USD =")
        self.direction.setCheckable(True)
        self.direction.setAutoRaise(True)
        self.direction.setToolTip("Show how many units one US dollar buys")
        self.configure_button = QToolButton()
        self.configure_button.setText("Currencies…")
        self.configure_button.setAutoRaise(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.direction)
        top.addWidget(self.configure_button)
        top.addWidget(self.refresh_button)
        self.rates = QListWidget()
        self.rates.setAccessibleName("Currency rates")
        self.rates.setItemDelegate(RateRowDelegate(self.rates))
        self.rates.setUniformItemSizes(True)
        self.source = QLabel(wordWrap=True)
        self.source.setStyleSheet("color: #555555; font-size: 9pt;")
        self.source.setAccessibleName("Rates provider and date")
        self.offline = QLabel(wordWrap=True)
        self.offline.setStyleSheet("color: #9c2a00; font-size: 9pt;")
        self.offline.setAccessibleName("Rates offline state")
        self.offline.hide()
        self.chart = RateHistoryChart(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.rates)
        layout.addWidget(self.source)
        layout.addWidget(self.offline)
        layout.addWidget(self.chart, 1)
        self.quotes: list[RateQuote] = []
        self.data = SidebarData(())
        self.currencies: list[str] = list(TICKER_CURRENCIES)
        self.library: Library | None = None
        self.runner: OpRunner | None = None
        self.refreshing = False
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.rates.currentRowChanged.connect(self.on_rate_row_changed)
        self.direction.toggled.connect(self.on_direction_toggled)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.configure_button.clicked.connect(self.configure_requested)
        self.chart.story_clicked.connect(self.story_clicked)
        self.chart.date_range_selected.connect(self.date_range_selected)
        self.chart.mode_changed.connect(self.on_chart_mode_changed)

    # -- loading (through the database worker) ---------------------------------------------

    def attach(self, library: Library, runner: OpRunner) -> None:
        self.library, self.runner = library, runner

    def reload(self) -> None:
        """Read the currency list, then the quotes, sparklines and provider states."""
        library, runner = self.library, self.runner
        if library is None or runner is None:
            return

        def load() -> tuple[list[str], bool, SidebarData]:
            stored = library.setting(SETTING_CURRENCIES)
            codes = (
                [str(c).upper() for c in stored]
                if isinstance(stored, list) and stored
                else list(TICKER_CURRENCIES)
            )
            inverse = bool(library.setting(SETTING_INVERSE, False))
            return codes, inverse, load_sidebar(library, codes)

        Op(load).success(self._on_loaded).run(runner)

    def _on_loaded(self, result: tuple[list[str], bool, SidebarData]) -> None:
        codes, inverse, data = result
        self.currencies = codes
        self.direction.blockSignals(True)
        self.direction.setChecked(inverse)
        self.direction.blockSignals(False)
        self.show_sidebar(data)

    def load_chart(self, currency: str | None = None) -> None:
        library, runner = self.library, self.runner
        code = currency or self.selected_currency()
        if library is None or runner is None or code is None:
            return
        mode = self.chart.current_mode()
        compared = [q.currency for q in self.quotes]
        Op(lambda: load_chart(library, mode, code, compared)).success(self.chart.show_data).run(runner)

    # -- showing ---------------------------------------------------------------------------

    def show_quotes(self, quotes: list[RateQuote]) -> None:
        self.show_sidebar(SidebarData(tuple(quotes), self.data.sparklines, self.data.statuses))

    def show_sidebar(self, data: SidebarData) -> None:
        selected = self.selected_currency()
        self.data = data
        self.quotes = list(data.quotes)
        self.rates.blockSignals(True)
        self.rates.clear()
        for quote in self.quotes:
            item = QListWidgetItem(self.row_text(quote))
            change = round(quote.change_pct or 0.0, 2)
            item.setData(TREND_ROLE, 1 if change > 0 else -1 if change < 0 else 0)
            item.setData(SPARK_ROLE, data.sparklines.get(quote.currency, ()))
            item.setData(CODE_ROLE, quote.currency)
            since = f" since {quote.previous_as_of.isoformat()}" if quote.previous_as_of else ""
            item.setToolTip(
                f"{quote.name}: {format_ticker(quote)} · {format_inverse(quote)}; change{since} "
                f"({provider_name(quote.provider)}, {quote.as_of.isoformat()})"
            )
            self.rates.addItem(item)
        self.rates.blockSignals(False)
        rows = max(len(self.quotes), 1)
        self.rates.setFixedHeight(self.rates.sizeHintForRow(0) * rows + 6 if self.quotes else 30)
        self._show_source()
        codes = [q.currency for q in self.quotes]
        if codes:
            self.rates.setCurrentRow(codes.index(selected) if selected in codes else 0)
            if selected in codes:
                self.load_chart()

    def row_text(self, quote: RateQuote) -> str:
        return format_inverse(quote) if self.direction.isChecked() else format_ticker(quote)

    def _show_source(self) -> None:
        if not self.quotes:
            self.source.setText("No rates stored for the chosen currencies.")
            return
        as_of = max(q.as_of for q in self.quotes)
        providers = ", ".join(sorted({provider_name(q.provider) for q in self.quotes}))
        statuses = {s.provider: s for s in self.data.statuses}
        checked = ""
        main = statuses.get(self.quotes[0].provider)
        if main is not None and main.last_success_at is not None:
            checked = f" · checked {main.last_success_at.astimezone():%d %b %H:%M}"
        text = f"As of {as_of:%d %B %Y} · {providers}{checked}"
        if self.refreshing:
            text += " · refreshing…"
        if self.data.missing:
            text += f" · no rates for {', '.join(self.data.missing)}"
        self.source.setText(text)
        if main is not None and main.is_offline and main.last_attempt_at is not None:
            self.offline.setText(
                f"Offline: {provider_name(main.provider)} could not be reached at "
                f"{main.last_attempt_at.astimezone():%H:%M}; showing stored rates of {as_of:%d %B %Y}."
            )
            self.offline.setToolTip(main.last_error or "")
            self.offline.show()
        else:
            self.offline.hide()

    def set_refreshing(self, refreshing: bool) -> None:
        self.refreshing = refreshing
        self.refresh_button.setEnabled(not refreshing)
        self._show_source()

    def selected_currency(self) -> str | None:
        item = self.rates.currentItem()
        return item.data(CODE_ROLE) if item else None

    def row_texts(self) -> list[str]:
        return [self.rates.item(i).text() for i in range(self.rates.count())]

    # -- slots -----------------------------------------------------------------------------

    @Slot(int)
    def on_rate_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.quotes):
            self.currency_selected.emit(self.quotes[row].currency)
            self.load_chart(self.quotes[row].currency)

    @Slot(bool)
    def on_direction_toggled(self, inverse: bool) -> None:
        for row, quote in enumerate(self.quotes):
            self.rates.item(row).setText(self.row_text(quote))
        library, runner = self.library, self.runner
        if library is not None and runner is not None:
            Op(lambda: library.set_setting(SETTING_INVERSE, inverse)).run(runner)

    @Slot(str)
    def on_chart_mode_changed(self, _mode: str) -> None:
        self.load_chart()

    @Slot(object)
    def on_refresh_finished(self, results: list[ratesync.SyncResult]) -> None:
        self.set_refreshing(False)
        self.reload()

    def describe_results(self, results: list[ratesync.SyncResult]) -> str:
        ok = [r for r in results if r.ok]
        failed = [r for r in results if not r.ok]
        text = f"Rates refreshed from {len(ok)} of {len(results)} providers"
        if failed:
            text += f"; unreachable: {', '.join(provider_name(r.provider) for r in failed)}"
        return text
