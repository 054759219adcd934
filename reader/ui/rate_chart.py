"""The rate history chart: one currency, several compared, or official against market.

The widget only draws: it is handed `ChartData` (frozen series and story markers prepared off
the GUI thread) and re-slices the arrays it already has when the range changes.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.types import RateSeries, StoryMarker, format_rate, provider_name
from reader.ui import theme

Arrays = tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]

RANGES: tuple[tuple[str, int | None], ...] = (("1M", 31), ("3M", 92), ("6M", 183), ("1Y", 366), ("All", None))
_RANGE_WORDS = (QT_TRANSLATE_NOOP("RateHistoryChart", "All"),)  # for lupdate; 1M … 1Y read alike
DAY = 86400.0


class Mode:
    RATE = "rate"
    COMPARE = "compare"
    OFFICIAL = "official"


@dataclass(frozen=True)
class ChartData:
    """What the chart draws. `series[0]` is the selected currency (RATE) or the market series
    (OFFICIAL); in COMPARE every series is a currency of its own."""

    mode: str
    currency: str
    series: tuple[RateSeries, ...]
    markers: tuple[StoryMarker, ...] = field(default=())
    # Per series, (POSIX seconds, units per USD) as the core prepares them (Rates.arrays), off
    # the GUI thread.
    arrays: tuple[Arrays, ...] = field(default=())
    official_provider: str | None = None  # the central bank "Fetch official rates" would ask


def _to_date(seconds: float) -> dt.date:
    return dt.datetime.fromtimestamp(seconds, dt.UTC).date()


def percent_from_start(y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """% change of the currency's dollar value since the first point (units per USD falling = up)."""
    if len(y) == 0:
        return y
    return np.asarray((y[0] / y - 1.0) * 100.0, dtype=np.float64)


class RateHistoryChart(QWidget):
    story_clicked = Signal(int)  # a story marker was clicked
    date_range_selected = Signal(object, object)  # (since, until) dates, or (None, None) to clear
    mode_changed = Signal(str)
    range_changed = Signal(str)
    fetch_official_requested = Signal(str)  # the currency whose official series is missing

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setMenuEnabled(False)
        self.plot.setMinimumHeight(200)
        self.plot.setAccessibleName(self.tr("Rate history chart"))
        item = self.plot.getPlotItem()
        item.setDownsampling(auto=True, mode="peak")
        item.setClipToView(True)
        item.getViewBox().setMouseEnabled(x=True, y=False)
        self.legend = item.addLegend(offset=(8, 8), labelTextSize="8pt")

        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("Chart mode"))
        self.mode.addItem(self.tr("Rate"), Mode.RATE)
        self.mode.addItem(self.tr("Compare % change"), Mode.COMPARE)
        self.mode.addItem(self.tr("Official vs market"), Mode.OFFICIAL)
        self.range_buttons = QButtonGroup(self)
        self.range_buttons.setExclusive(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(2)
        for index, (label, _days) in enumerate(RANGES):
            button = QToolButton()
            button.setText(self.tr(str(label)))
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setAccessibleName(self.tr("Range %1").replace("%1", self.tr(str(label))))
            self.range_buttons.addButton(button, index)
            bar.addWidget(button)
        self.range_buttons.button(len(RANGES) - 1).setChecked(True)
        bar.addStretch(1)
        self.select_dates = QToolButton()
        self.select_dates.setText(self.tr("Filter stories"))
        self.select_dates.setToolTip(
            self.tr("Drag the shaded band's edges: the story list shows those dates")
        )
        self.select_dates.setCheckable(True)
        self.select_dates.setAutoRaise(True)
        bar.addWidget(self.select_dates)
        self.readout = QLabel(" ")
        theme.style(self.readout, "font-size: 9pt;")
        self.readout.setAccessibleName(self.tr("Chart value under the pointer"))
        # Wrapped, two lines high whatever it says: a long compare readout must neither widen
        # the sidebar nor make the chart jump as the pointer moves.
        self.readout.setWordWrap(True)
        self.readout.setFixedHeight(2 * self.readout.fontMetrics().lineSpacing() + 4)
        self.note = QLabel()
        theme.style(self.note, "color: {note}; font-size: 9pt;")
        self.note.setWordWrap(True)
        self.note.hide()
        self.fetch_official = QPushButton(self.tr("Fetch official rates"))
        self.fetch_official.setAccessibleName(self.tr("Fetch official rates"))
        self.fetch_official.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.mode)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.readout)
        layout.addWidget(self.note)
        layout.addWidget(self.fetch_official)

        self._vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(width=1))
        self._hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen(width=1))
        self._region = pg.LinearRegionItem()
        self._region.setZValue(-10)
        self._markers = pg.ScatterPlotItem(size=9, hoverable=True)
        self._markers.setZValue(10)
        self._curves: list[pg.PlotDataItem] = []
        self._full: list[tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]] = []
        self.data: ChartData | None = None
        self.currency: str | None = None
        self.point_count = 0
        self.marker_count = 0
        # The sidebar's convention: False, US dollars per unit (the ticker's); True, units per USD.
        self.inverse = False
        self.cursor_x: float | None = None  # where the crosshair stands, in the chart's seconds
        self.fetching: str | None = None  # "Fetch official rates" running: its progress text
        self._proxy = pg.SignalProxy(self.plot.scene().sigMouseMoved, rateLimit=30, slot=self.on_mouse_moved)
        self._apply_theme()
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.range_buttons.idClicked.connect(self.on_range_clicked)
        self.mode.currentIndexChanged.connect(self.on_mode_index_changed)
        self.select_dates.toggled.connect(self.on_select_dates_toggled)
        self._region.sigRegionChangeFinished.connect(self.on_region_changed)
        self._markers.sigClicked.connect(self.on_marker_clicked)
        self.fetch_official.clicked.connect(self.on_fetch_official_clicked)
        theme.manager().changed.connect(self.on_theme_changed)

    # -- state -----------------------------------------------------------------------------

    def current_mode(self) -> str:
        return str(self.mode.currentData())

    def set_mode(self, mode: str) -> None:
        index = self.mode.findData(mode)
        if index >= 0:
            self.mode.setCurrentIndex(index)

    def set_inverse(self, inverse: bool) -> None:
        """Draw the rate as the sidebar shows it: units per US dollar (True) or dollars per unit."""
        if inverse != self.inverse:
            self.inverse = inverse
            self._redraw()

    def set_fetching(self, progress: str | None) -> None:
        """The official rates are being fetched (`progress` says how far), or no longer (None)."""
        self.fetching = progress
        self._show_official_note()

    def shown(self, units_per_usd: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        """The stored units per USD in the chart's convention (the sidebar's)."""
        if self.inverse:
            return units_per_usd
        with np.errstate(divide="ignore"):
            return np.asarray(1.0 / units_per_usd, dtype=np.float64)

    def unit_label(self, currency: str) -> str:
        return (self.tr("%1 per US dollar") if self.inverse else self.tr("US dollars per %1")).replace(
            "%1", currency
        )

    def current_range(self) -> str:
        return RANGES[max(self.range_buttons.checkedId(), 0)][0]

    def set_range(self, label: str) -> None:
        for index, (name, _days) in enumerate(RANGES):
            if name == label:
                self.range_buttons.button(index).setChecked(True)
                self._redraw()

    # -- drawing ---------------------------------------------------------------------------

    def show_data(self, data: ChartData) -> None:
        self.data = data
        self.currency = data.currency
        if data.mode != self.current_mode():
            with QSignalBlocker(self.mode):
                self.set_mode(data.mode)
        self._full = list(data.arrays)
        self.point_count = sum(len(x) for x, _ in self._full)
        self._redraw()

    def _window(self) -> tuple[float, float] | None:
        days = RANGES[max(self.range_buttons.checkedId(), 0)][1]
        ends = [x[-1] for x, _ in self._full if len(x)]
        starts = [x[0] for x, _ in self._full if len(x)]
        if not ends:
            return None
        end = max(ends)
        start = min(starts) if days is None else end - days * DAY
        return start, end

    def _apply_theme(self) -> None:
        """The plot's background, axes, crosshair, band and markers in the theme's colours."""
        t = theme.current()
        self.plot.setBackground(t.chart_bg)
        item = self.plot.getPlotItem()
        for name in ("left", "bottom"):
            axis = item.getAxis(name)
            axis.setPen(pg.mkPen(t.chart_fg))
            axis.setTextPen(pg.mkPen(t.chart_fg))
        self.legend.setLabelTextColor(t.chart_fg)
        self._vline.setPen(pg.mkPen(t.crosshair, width=1))
        self._hline.setPen(pg.mkPen(t.crosshair, width=1))
        band = t.color("accent")
        band.setAlpha(50)
        self._region.setBrush(pg.mkBrush(band))
        self._markers.setBrush(pg.mkBrush(t.marker))
        self._markers.setPen(pg.mkPen(t.chart_bg))

    @Slot()
    def on_theme_changed(self) -> None:
        self._apply_theme()
        self._redraw()

    def _redraw(self) -> None:
        item = self.plot.getPlotItem()
        for curve in self._curves:
            item.removeItem(curve)
        self._curves.clear()
        self.legend.clear()
        self.marker_count = 0
        for extra in (self._markers, self._vline, self._hline):
            if extra.scene() is not None:
                item.removeItem(extra)
        data = self.data
        window = self._window()
        self.note.hide()
        self.fetch_official.hide()
        if data is None or window is None:
            self.plot.setTitle(self.tr("No rates stored"), color=theme.current().secondary, size="10pt")
            self.readout.setText(" ")
            return
        start, end = window
        mode = data.mode
        if mode == Mode.COMPARE:
            self.plot.setTitle(
                self.tr("% change of dollar value in the range"), color=theme.current().chart_fg, size="9pt"
            )
            item.setLabel("left", "%")
        else:
            self.plot.setTitle(self.unit_label(data.currency), color=theme.current().chart_fg, size="10pt")
            item.setLabel(
                "left", data.currency if self.inverse else self.tr("USD per %1").replace("%1", data.currency)
            )
        for index, (series, (x, y)) in enumerate(zip(data.series, self._full, strict=True)):
            lo = int(np.searchsorted(x, start, side="left"))
            xs, ys = x[lo:], y[lo:]
            if mode == Mode.COMPARE:
                ys = percent_from_start(ys)
                name = series.currency
            elif mode == Mode.OFFICIAL:
                ys = self.shown(ys)
                name = provider_name(series.provider).split(" (")[0]  # the legend fits the sidebar
            else:
                ys = self.shown(ys)
                name = None
            lines = theme.current().lines
            pen = pg.mkPen(lines[index % len(lines)], width=2 if index == 0 else 1.6)
            curve = item.plot(xs, ys, pen=pen, name=name)
            curve.setDownsampling(auto=True, method="peak")
            curve.setClipToView(True)
            self._curves.append(curve)
        self._show_official_note()
        if mode == Mode.RATE and data.markers and self._full:
            self._place_markers(data.markers, start)
        item.addItem(self._vline, ignoreBounds=True)
        item.addItem(self._hline, ignoreBounds=True)
        # Room for a marker's dot on the newest day: 3 % is ~7 px of the sidebar's chart, the dot's radius.
        item.setXRange(start, end + DAY, padding=0.03)
        item.enableAutoRange(axis="y")
        item.setAutoVisible(y=True)
        if self.select_dates.isChecked():
            self._reset_region()
        self._place_cursor()

    def official_missing(self) -> bool:
        data = self.data
        return data is not None and data.mode == Mode.OFFICIAL and len(data.series) < 2

    def _show_official_note(self) -> None:
        """Official vs market with no official series: say so, with a button that fetches it."""
        data = self.data
        if data is None or not self.official_missing():
            self.note.hide()
            self.fetch_official.hide()
            return
        if data.official_provider is None:
            self.note.setText(
                self.tr("No central bank publishes an official rate of %1 that we read.").replace(
                    "%1", data.currency
                )
            )
            self.fetch_official.hide()
        elif self.fetching is not None:
            self.note.setText(
                self.tr("Fetching official rates from %1… %2")
                .replace("%1", provider_name(data.official_provider))
                .replace("%2", self.fetching)
            )
            self.fetch_official.setEnabled(False)
            self.fetch_official.show()
        else:
            self.note.setText(self.tr("No official rates of %1 stored yet.").replace("%1", data.currency))
            self.fetch_official.setToolTip(
                self.tr("Ask %1 for the rates of the last three months").replace(
                    "%1", provider_name(data.official_provider)
                )
            )
            self.fetch_official.setEnabled(True)
            self.fetch_official.show()
        self.note.show()

    def _place_markers(self, markers: Sequence[StoryMarker], start: float) -> None:
        x, units = self._full[0]
        if not len(x):
            return
        y = self.shown(units)
        spots: list[dict[str, Any]] = []
        for marker in markers:
            at = dt.datetime(marker.date.year, marker.date.month, marker.date.day, tzinfo=dt.UTC).timestamp()
            if at < start or at > x[-1] + DAY:
                continue
            value = float(np.interp(at, x, y))
            spots.append({"pos": (at, value), "data": marker.story_id})
        self._markers.setData(
            spots=spots,
            tip=lambda x, y, data: self._marker_tip(data),
        )
        self.plot.getPlotItem().addItem(self._markers)
        self.marker_count = len(spots)

    def _marker_tip(self, story_id: Any) -> str:
        markers = self.data.markers if self.data else ()
        for marker in markers:
            if marker.story_id == story_id:
                # A tooltip is read as rich text when it looks like markup: escape the title.
                return f"<qt>{html.escape(marker.date.isoformat())}: {html.escape(marker.title)}</qt>"
        return ""

    def marker_positions(self) -> list[tuple[float, float, int]]:
        """(x, y, story id) of the markers drawn: for tests and keyboard users."""
        return [(p.pos().x(), p.pos().y(), int(p.data())) for p in self._markers.points()]

    def _reset_region(self) -> None:
        window = self._window()
        if window is None:
            return
        start, end = window
        third = (end - start) / 3
        self._region.setRegion((start + third, end - third))

    # -- slots -----------------------------------------------------------------------------

    @Slot()
    def on_fetch_official_clicked(self) -> None:
        if self.data is not None:
            self.fetch_official_requested.emit(self.data.currency)

    @Slot(int)
    def on_range_clicked(self, _index: int) -> None:
        self._redraw()
        self.range_changed.emit(self.current_range())

    @Slot(int)
    def on_mode_index_changed(self, _index: int) -> None:
        self.mode_changed.emit(self.current_mode())

    @Slot(bool)
    def on_select_dates_toggled(self, checked: bool) -> None:
        item = self.plot.getPlotItem()
        if checked:
            self._reset_region()
            item.addItem(self._region)
            self.on_region_changed()
        else:
            item.removeItem(self._region)
            self.date_range_selected.emit(None, None)

    def selected_dates(self) -> tuple[dt.date, dt.date]:
        low, high = self._region.getRegion()
        return _to_date(low), _to_date(high)

    @Slot()
    def on_region_changed(self, *_args: object) -> None:
        if self.select_dates.isChecked():
            since, until = self.selected_dates()
            self.date_range_selected.emit(since, until)

    def on_marker_clicked(self, _item: object, points: Sequence[Any], *_rest: object) -> None:
        if len(points):
            self.story_clicked.emit(int(points[0].data()))

    def on_mouse_moved(self, event: tuple[Any, ...]) -> None:
        position = event[0]
        item = self.plot.getPlotItem()
        if not self._full or not item.sceneBoundingRect().contains(position):
            return
        point = item.getViewBox().mapSceneToView(position)
        self.cursor_x = point.x()
        self._place_cursor()

    def _place_cursor(self) -> None:
        """The crosshair and its readout at `cursor_x`, in the current mode and convention: after
        a mode, range or direction change they show the new curve's value, never the old one's."""
        x = self._full[0][0] if self._full else None
        if self.cursor_x is None or x is None or not len(x) or self.data is None:
            self.readout.setText(" ")
            return
        index = int(np.clip(np.searchsorted(x, self.cursor_x), 0, len(x) - 1))
        if index > 0 and abs(x[index - 1] - self.cursor_x) <= abs(x[index] - self.cursor_x):
            index -= 1  # the nearest point to the pointer, not the first one after it
        self._vline.setPos(x[index])
        value = self.value_at(0, x[index])
        if value is not None:
            self._hline.setPos(value)
        self.readout.setText(self.readout_text(x[index]))

    def value_at(self, series_index: int, at: float) -> float | None:
        """Curve `series_index`'s value at `at`, as drawn in the current mode."""
        if self.data is None or series_index >= len(self._full):
            return None
        x, y = self._full[series_index]
        if not len(x):
            return None
        index = int(np.clip(np.searchsorted(x, at), 0, len(x) - 1))
        if self.data.mode == Mode.COMPARE:
            window = self._window()
            lo = int(np.searchsorted(x, window[0] if window else at, side="left"))
            base = y[lo] if lo < len(y) else y[0]
            return float((base / y[index] - 1) * 100)
        return float(self.shown(y[index : index + 1])[0])

    def readout_text(self, at: float) -> str:
        """ "2026-03-04 · 0.00192 US dollars per KZT" (or "441.23 KZT per US dollar" the other way
        round; each curve's % in compare mode): what the curves under the pointer show."""
        if self.data is None:
            return ""
        parts = [_to_date(at).isoformat()]
        for index, series in enumerate(self.data.series):
            value = self.value_at(index, at)
            if value is None:
                continue
            if self.data.mode == Mode.COMPARE:
                parts.append(f"{series.currency} {value:+.2f}%")
            elif self.data.mode == Mode.OFFICIAL:
                parts.append(f"{series.provider} {format_rate(value, 2 if self.inverse else 5)}")
            else:
                parts.append(
                    f"{format_rate(value, 2 if self.inverse else 5)} {self.unit_label(series.currency)}"
                )
        if self.data.mode == Mode.OFFICIAL:
            parts.append(self.unit_label(self.data.currency))
        return " · ".join(parts)
