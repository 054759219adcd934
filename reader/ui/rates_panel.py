"""The live rates sidebar: a row per currency in the ticker's format, with a coloured up/down
mark and a sparkline, the provider and "as of", an offline state, and the history chart."""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QSignalBlocker,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPainter, QPen, QPolygonF
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

from reader.core.types import (
    SIDEBAR_CURRENCIES,
    SIDEBAR_INVERSE,
    Changes,
    RateQuote,
    RatesReport,
    provider_name,
)
from reader.ui import operations, theme
from reader.ui.operations import SidebarData
from reader.ui.status_line import when
from reader.ui.tasks import TaskManager

if TYPE_CHECKING:
    from reader.ui.rate_chart import ChartData, RateHistoryChart

# One width whatever the chart shows, so a mode change never squeezes the list, and narrow
# enough for the window to reach its minimum width (≤ 900 px) with the sidebar shown.
SIDEBAR_WIDTH = 290
CONVENTION = {
    False: QT_TRANSLATE_NOOP(
        "RatesPanel",
        "US dollars per unit, as the ticker prints it. ▲▼ the currency's dollar value since the day before.",
    ),
    True: QT_TRANSLATE_NOOP(
        "RatesPanel", "Units one US dollar buys. ▲▼ and the sparklines: still the currency's dollar value."
    ),
}
CODE_ROLE = Qt.ItemDataRole.UserRole
SPARK_ROLE = Qt.ItemDataRole.UserRole + 1
TREND_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex


def long_date(day: dt.date) -> str:
    """ "29 September 2026", in the interface's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "dd MMMM yyyy")


class RateRowDelegate(QStyledItemDelegate):
    """Paints a row: the up/down mark, the ticker text in the mark's colour, a sparkline."""

    SPARK_WIDTH = 50

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
        colour = theme.current().color("rise" if trend > 0 else "fall" if trend < 0 else "secondary")
        mark = "▲" if trend > 0 else "▼" if trend < 0 else "●"
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(option.palette.highlightedText().color() if selected else colour)
        painter.drawText(
            QRect(rect.left() + 4, rect.top(), 16, rect.height()), Qt.AlignmentFlag.AlignVCenter, mark
        )
        painter.setPen(
            option.palette.highlightedText().color() if selected else option.palette.text().color()
        )
        text_rect = QRect(rect.left() + 22, rect.top(), rect.width() - self.SPARK_WIDTH - 30, rect.height())
        text = painter.fontMetrics().elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole)), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
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
            painter.setPen(QPen(option.palette.highlightedText().color() if selected else colour, 1.3))
            painter.drawPolyline(polygon)
        painter.restore()


class RatesPanel(QWidget):
    currency_selected = Signal(str)
    story_clicked = Signal(int)  # a story marker on the chart
    date_range_selected = Signal(object, object)  # (since, until) or (None, None)
    refresh_requested = Signal()
    configure_requested = Signal()
    official_fetch_requested = Signal(str)  # the chart's "Fetch official rates", for a currency

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.setFixedWidth(SIDEBAR_WIDTH)
        heading = QLabel(self.tr("<b>Rates vs US dollar</b>"))
        self.refresh_button = QToolButton()
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Fetch the latest rates now"))
        self.refresh_button.setAutoRaise(True)
        self.direction = QToolButton()
        self.direction.setText("1 USD =")
        self.direction.setCheckable(True)
        self.direction.setToolTip(self.tr("Show how many units one US dollar buys (the chart follows)"))
        self.configure_button = QToolButton()
        self.configure_button.setText(self.tr("Currencies…"))
        self.configure_button.setAutoRaise(True)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.direction)
        tools.addStretch(1)
        tools.addWidget(self.configure_button)
        self.convention = QLabel(self.tr(str(CONVENTION[False])), wordWrap=True)
        theme.style(self.convention, "color: {secondary}; font-size: 8.5pt;")
        self.convention.setAccessibleName(self.tr("How the rates are shown"))
        self.rates = QListWidget()
        self.rates.setAccessibleName(self.tr("Currency rates"))
        self.rates.setAccessibleDescription(
            self.tr("The newest rate of each sidebar currency; choose one for its chart")
        )
        self.rates.setItemDelegate(RateRowDelegate(self.rates))
        self.rates.setUniformItemSizes(True)
        self.source = QLabel(wordWrap=True)
        theme.style(self.source, "color: {secondary}; font-size: 9pt;")
        self.source.setAccessibleName(self.tr("Rates provider and date"))
        self.offline = QLabel(wordWrap=True)
        theme.style(self.offline, "color: {warning}; font-size: 9pt;")
        self.offline.setAccessibleName(self.tr("Rates offline state"))
        self.offline.hide()
        # The history chart (pyqtgraph, numpy) is built when its first data arrive, after the
        # window's first paint and the list's first page; until then an empty space holds its place.
        self.chart: RateHistoryChart | None = None
        self._chart_space = QWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addLayout(tools)
        layout.addWidget(self.convention)
        layout.addWidget(self.rates)
        layout.addWidget(self.source)
        layout.addWidget(self.offline)
        layout.addWidget(self._chart_space, 1)
        self.quotes: list[RateQuote] = []
        self.data = SidebarData(())
        self.refreshing = False
        # From the last refresh: currencies standing at a legal peg because their bank's file
        # could not be had, (code, units per USD, provider) — said as pegs, never as fresh rates.
        self.pegs: tuple[tuple[str, float, str], ...] = ()
        # The chart's code (pyqtgraph, numpy: ~0.3 s of imports) loads once on the other pool
        # before the first chart is asked of the database worker, which stays free meanwhile.
        self._chart_code = "loaded" if "reader.ui.rate_chart" in sys.modules else "not loaded"
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.rates.currentRowChanged.connect(self.on_rate_row_changed)
        self.direction.toggled.connect(self.on_direction_toggled)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.configure_button.clicked.connect(self.configure_requested)
        self.tasks.changes.connect(self.on_changes)

    def _build_chart(self) -> RateHistoryChart:
        from reader.ui.rate_chart import RateHistoryChart  # already loaded by operations.load_chart

        chart = RateHistoryChart(self)
        chart.story_clicked.connect(self.story_clicked)
        chart.date_range_selected.connect(self.date_range_selected)
        chart.mode_changed.connect(self.on_chart_mode_changed)
        chart.fetch_official_requested.connect(self.official_fetch_requested)
        chart.set_inverse(self.direction.isChecked())
        layout = self.layout()
        assert layout is not None
        layout.replaceWidget(self._chart_space, chart)
        self._chart_space.deleteLater()
        self.chart = chart
        return chart

    def chart_mode(self) -> str:
        """The chart's mode; "rate" (one currency's history) until the chart is built."""
        return self.chart.current_mode() if self.chart is not None else "rate"

    # -- loading (through the database worker) ---------------------------------------------

    def reload(self) -> None:
        """Read the currency list, then the quotes, sparklines and provider states."""
        operations.load_sidebar().success(self.show_sidebar).run(self.tasks)

    def on_changes(self, changes: Changes, initiator: object) -> None:
        if initiator is self and not changes.rates:
            return  # the direction it stored is already shown
        sidebar = {SIDEBAR_CURRENCIES.name, SIDEBAR_INVERSE.name}
        if changes.rates or sidebar & changes.setting_names:
            self.reload()  # the chart follows when the sidebar is shown
        elif changes.stories and self.chart_mode() == "rate":
            self.load_chart()  # its story markers

    def load_chart(self, currency: str | None = None) -> None:
        code = currency or self.selected_currency()
        if code is None:
            return
        if self._chart_code == "not loaded":
            self._chart_code = "loading"
            operations.load_chart_code().success(lambda _none: self._chart_code_done(code)).failure(
                lambda _error: self._chart_code_done(code)  # the chart's own load says what failed
            ).run(self.tasks)
        if self._chart_code == "loading":
            return  # _chart_code_done asks for the chart
        compared = [q.currency for q in self.quotes]
        operations.load_chart(self.chart_mode(), code, compared).success(self.show_chart).run(self.tasks)

    def _chart_code_done(self, code: str) -> None:
        self._chart_code = "loaded"
        self.load_chart(self.selected_currency() or code)

    def show_chart(self, data: ChartData) -> None:
        (self.chart or self._build_chart()).show_data(data)

    # -- showing ---------------------------------------------------------------------------

    def show_sidebar(self, data: SidebarData) -> None:
        """Show the rows, then load the chart of the selected currency once."""
        selected = self.selected_currency()
        self.data = data
        self.quotes = list(data.quotes)
        with QSignalBlocker(self.direction):
            self.direction.setChecked(data.inverse)
        self._show_convention()
        self.rates.blockSignals(True)
        self.rates.clear()
        for quote in self.quotes:
            item = QListWidgetItem(self.row_text(quote))
            item.setData(TREND_ROLE, quote.trend)
            item.setData(SPARK_ROLE, data.sparklines.get(quote.currency, ()))
            item.setData(CODE_ROLE, quote.currency)
            since = f" since {quote.previous_as_of.isoformat()}" if quote.previous_as_of else ""
            item.setToolTip(
                f"{quote.name}: {quote.ticker} · {quote.inverse}; change{since} "
                f"({provider_name(quote.provider)}, {quote.as_of.isoformat()})"
            )
            self.rates.addItem(item)
        rows = max(len(self.quotes), 1)
        self.rates.setFixedHeight(self.rates.sizeHintForRow(0) * rows + 6 if self.quotes else 30)
        codes = [q.currency for q in self.quotes]
        if codes:
            self.rates.setCurrentRow(codes.index(selected) if selected in codes else 0)
        self.rates.blockSignals(False)
        self._show_source()
        if codes:
            self.load_chart()  # once (the row change above was silent)

    def _show_convention(self) -> None:
        inverse = self.direction.isChecked()
        self.convention.setText(self.tr(str(CONVENTION[inverse])))
        if self.chart is not None:
            self.chart.set_inverse(inverse)

    def row_text(self, quote: RateQuote) -> str:
        return quote.inverse if self.direction.isChecked() else quote.ticker

    def _show_source(self) -> None:
        if not self.quotes:
            self.source.setText(self.tr("No rates stored for the chosen currencies."))
            return
        as_of = max(q.as_of for q in self.quotes)
        providers = ", ".join(sorted({provider_name(q.provider) for q in self.quotes}))
        statuses = {s.provider: s for s in self.data.statuses}
        checked = ""
        main = statuses.get(self.quotes[0].provider)
        if main is not None and main.last_success_at is not None:
            checked = self.tr(" · checked %1").replace("%1", when(main.last_success_at))
        text = self.tr("As of %1 · %2").replace("%1", long_date(as_of)).replace("%2", providers) + checked
        if self.refreshing:
            text += self.tr(" · refreshing…")
        if self.data.missing:
            text += self.tr(" · no rates for %1").replace("%1", ", ".join(self.data.missing))
        for code, value, provider in self.pegs:
            text += (
                self.tr(" · %1 at its legal peg of %2 per US dollar (%3 unreachable)")
                .replace("%1", code)
                .replace("%2", f"{value:g}")
                .replace("%3", provider_name(provider))
            )
        self.source.setText(text)
        if main is not None and main.is_offline and main.last_attempt_at is not None:
            self.offline.setText(
                self.tr("Offline: %1 could not be reached at %2; showing stored rates of %3.")
                .replace("%1", provider_name(main.provider))
                .replace("%2", f"{main.last_attempt_at.astimezone():%H:%M}")
                .replace("%3", long_date(as_of))
            )
            self.offline.setToolTip(main.last_error or "")
            self.offline.show()
        else:
            self.offline.hide()

    def show_report(self, report: RatesReport) -> None:
        """A refresh ended: keep what it said of pegs for the provider line."""
        self.pegs = tuple((code, value, r.provider) for r in report.results for code, value in r.peg)
        self.set_refreshing(False)

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
        self._show_convention()
        # Stored for next time; the rows already show it (this panel is the initiator).
        operations.save_setting(SIDEBAR_INVERSE, inverse).run(self.tasks, initiator=self)

    @Slot(str)
    def on_chart_mode_changed(self, _mode: str) -> None:
        self.load_chart()
