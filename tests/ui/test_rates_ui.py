"""The rates sidebar, chart, converter and currency context, offscreen, on real data."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import numpy as np
import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.rates import series_arrays
from reader.core.types import RateSeries, StoryQuery, format_rate
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.rate_chart import ChartData, Mode, RateHistoryChart
from reader.ui.rates_dialogs import ConverterDialog, CurrencyListDialog
from reader.ui.rates_panel import SIDEBAR_WIDTH, SPARK_ROLE, TREND_ROLE
from tests.httpserver import FixtureServer, fixture


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1400, 860)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.article.story_id is not None, timeout=10000)
    qtbot.waitUntil(
        lambda: (
            win.rates_panel.rates.count() == 5
            and win.rates_panel.chart is not None
            and win.rates_panel.chart.point_count > 0
        )
    )
    yield win
    win.rates_controller.refresher.wait_idle()
    win.tasks.wait_idle()


def test_sidebar_rows_marks_sparklines_and_direction(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    panel = window.rates_panel
    quotes = library.rates.latest(["KGS", "KZT", "TJS", "UZS", "TMT"])
    assert panel.row_texts() == [q.ticker for q in quotes]
    for row, quote in enumerate(quotes):
        item = panel.rates.item(row)
        change = round(quote.change_pct or 0, 2)
        assert item.data(TREND_ROLE) == (1 if change > 0 else -1 if change < 0 else 0)
        spark = item.data(SPARK_ROLE)
        assert len(spark) > 10 and spark[-1] == pytest.approx(quote.usd_per_unit)
    panel.direction.setChecked(True)
    assert panel.row_texts() == [q.inverse for q in quotes]
    assert panel.row_texts()[0].startswith("1 USD = ") and panel.row_texts()[0].endswith(" KGS")
    qtbot.waitUntil(lambda: library.settings.get_named("rates.sidebar_inverse") is True)
    assert window.rates_controller.inverse_action.isChecked()


def test_currency_list_is_configurable(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    dialog = CurrencyListDialog(library.rates.currencies(), ["KZT"])
    qtbot.addWidget(dialog)
    assert dialog.chosen() == ["KZT"]
    assert dialog.list.count() == len(library.rates.currencies())
    window.rates_controller.save_currencies(["RUB", "CNY", "EUR", "TRY", "AFN"])
    qtbot.waitUntil(
        lambda: (
            [t.split("/")[0] for t in window.rates_panel.row_texts()] == ["RUB", "CNY", "EUR", "TRY", "AFN"]
        )
    )
    assert library.settings.get_named("rates.sidebar_currencies") == ("RUB", "CNY", "EUR", "TRY", "AFN")


def test_live_refresh_from_a_local_server_and_the_offline_state(
    qtbot: QtBot, window: MainWindow, library: Library, http_server: FixtureServer
) -> None:
    data = json.loads(fixture("rates/exchange-api-usd-2026-09-29.min.json"))
    data["date"] = "2026-09-30"
    data["usd"]["kgs"] = 90.0
    http_server.route("/latest/usd.json", json.dumps(data).encode())
    library.settings.set_named("rates.url.exchange-api", http_server.url("/{date}/usd.json"))
    library.settings.set_named("rates.providers", ["exchange-api"])
    refresher = window.rates_controller.refresher
    panel = window.rates_panel
    with qtbot.waitSignal(refresher.refresh_finished, timeout=10000):
        panel.refresh_button.click()
    qtbot.waitUntil(lambda: "30 September 2026" in panel.source.text(), timeout=5000)
    assert panel.row_texts()[0].startswith(f"KGS/USD = {1 / 90:.5f}")
    assert "checked" in panel.source.text() and panel.offline.isHidden()
    # The provider goes away: the stored rates stay, and the sidebar says it is offline.
    library.settings.set_named("rates.url.exchange-api", http_server.url("/gone/{date}.json"))
    with qtbot.waitSignal(refresher.refresh_finished, timeout=10000):
        refresher.refresh_now()
    qtbot.waitUntil(lambda: not panel.offline.isHidden(), timeout=5000)
    assert "Offline" in panel.offline.text() and "30 September 2026" in panel.offline.text()
    assert "HTTP 404" in panel.offline.toolTip()
    assert panel.row_texts()[0].startswith(f"KGS/USD = {1 / 90:.5f}")


def test_chart_modes_markers_and_story_click(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    panel, chart = window.rates_panel, window.rates_panel.chart
    panel.rates.setCurrentRow(1)  # KZT
    qtbot.waitUntil(lambda: chart.currency == "KZT" and chart.marker_count > 0, timeout=5000)
    assert chart.point_count == len(library.rates.series("KZT").dates)
    markers = chart.marker_positions()
    kz_ids = {s.id for s in library.stories.iter(StoryQuery(countries=("KZ",)))}
    assert kz_ids <= {m[2] for m in markers} | {0}
    target = next(m for m in markers if m[2] != window.article.story_id)
    with qtbot.waitSignal(chart.story_clicked) as clicked:
        chart.on_marker_clicked(None, [p for p in chart._markers.points() if int(p.data()) == target[2]])
    assert clicked.args == [target[2]]
    qtbot.waitUntil(lambda: window.article.story_id == target[2], timeout=5000)
    assert library.stories.get(target[2]).title in window.article.toPlainText()
    chart.set_mode(Mode.COMPARE)
    qtbot.waitUntil(lambda: chart.data is not None and chart.data.mode == Mode.COMPARE, timeout=5000)
    assert [s.currency for s in chart.data.series] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
    chart.set_range("3M")
    for curve in chart._curves:
        _x, y = curve.getOriginalDataset()
        assert y[0] == pytest.approx(0.0)  # % change from the range start
    chart.set_mode(Mode.OFFICIAL)
    qtbot.waitUntil(lambda: chart.data is not None and chart.data.mode == Mode.OFFICIAL, timeout=5000)
    assert len(chart.data.series) == 1 and chart.note.isVisibleTo(chart)  # no official rates yet


def test_official_against_market(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    from reader.core.rates import NewPoint

    library.rates.store_points("nbk", [NewPoint("KZT", dt.date(2026, 9, d), 470.0 + d) for d in range(1, 29)])
    chart = window.rates_panel.chart
    window.rates_panel.rates.setCurrentRow(1)
    chart.set_mode(Mode.OFFICIAL)
    qtbot.waitUntil(lambda: chart.data is not None and len(chart.data.series) == 2, timeout=5000)
    assert [s.provider for s in chart.data.series] == ["exchange-api", "nbk"]
    assert chart.note.isHidden()


def test_crosshair_readout_and_date_range_filter(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    chart = window.rates_panel.chart
    x, units = chart._full[0]
    y = chart.shown(units)  # as drawn: US dollars per som, the sidebar's convention
    box = chart.plot.getPlotItem().getViewBox()
    scene = box.mapViewToScene(QPointF(float(x[len(x) // 2]), float(y[len(y) // 2])))
    chart.on_mouse_moved((scene,))
    day = dt.datetime.fromtimestamp(x[len(x) // 2], dt.UTC).date()
    assert chart.readout.text().startswith(day.isoformat())
    assert f"{format_rate(1 / units[len(units) // 2], 5)} US dollars per KGS" in chart.readout.text()
    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        chart.select_dates.setChecked(True)
    since, until = chart.selected_dates()
    query = window.filter_bar.query()
    assert (query.since, query.until) == (since, until) and since < until
    assert window.model.total == library.stories.count(StoryQuery(since=since, until=until))
    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        chart.select_dates.setChecked(False)
    assert window.filter_bar.query().since is None


def test_converter_dialog(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    dialog = ConverterDialog(window.tasks)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.from_currency.count() > 5 and dialog.last is not None, timeout=5000)
    dialog.amount.setText(["20.6", "billion"][0])
    dialog.from_currency.setCurrentIndex(dialog.from_currency.findData("KZT"))
    dialog.to_currency.setCurrentIndex(dialog.to_currency.findData("KGS"))
    dialog.latest.setChecked(False)
    dialog.date.setDate(dialog.date.date().fromString("2025-03-01", "yyyy-MM-dd"))
    expected = library.rates.convert(20.6, "KZT", "KGS", dt.date(2025, 3, 1))
    qtbot.waitUntil(lambda: dialog.last == expected, timeout=5000)
    assert dialog.result_label.text() == f"20.60 KZT = {expected.result:,.2f} KGS"
    dialog.from_currency.setCurrentIndex(dialog.from_currency.findData("USD"))
    qtbot.waitUntil(lambda: dialog.last is not None and dialog.last.from_currency == "USD", timeout=5000)


def test_story_shows_currency_context_beside_its_text(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    (summary,) = library.stories.page(StoryQuery(text='"20.6 billion tenge"'), limit=1).stories
    window.on_rate_story_clicked(summary.id)
    qtbot.waitUntil(lambda: "Currency context" in window.article.toPlainText(), timeout=5000)
    text = window.article.toPlainText()
    story = library.stories.get(summary.id)
    (money,) = library.rates.money_context(summary.id)
    assert "20.6 billion tenge (about $38 million)" in text  # the story's own text is unchanged
    context = text[text.index("Currency context") :]
    assert "20.6 billion tenge" in context
    # A dollar amount gets no row of its own: it shows as the publisher's figure beside ours.
    assert context.count("$38 million") == 1 and "publisher: about $38 million" in context
    assert money.usd_at_published is not None
    assert f"${money.usd_at_published / 1e6:,.1f} million" in context
    assert story.content_text.splitlines()[0][:50] in text


def test_ten_years_of_daily_points_for_five_currencies(qtbot: QtBot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    chart = RateHistoryChart()
    qtbot.addWidget(chart)
    chart.resize(900, 500)
    start = dt.date(2016, 1, 1)
    days = tuple(start + dt.timedelta(days=i) for i in range(3653))
    rng = np.random.default_rng(4)
    series = tuple(
        RateSeries(
            code,
            "exchange-api",
            days,
            tuple(float(v) for v in base * np.exp(np.cumsum(rng.normal(0, 0.004, len(days))))),
        )
        for code, base in (("KZT", 330.0), ("KGS", 68.0), ("TJS", 7.8), ("UZS", 2900.0), ("TMT", 3.5))
    )
    chart.show()
    chart.show_data(ChartData(Mode.COMPARE, "KZT", series, arrays=tuple(series_arrays(s) for s in series)))
    assert chart.point_count == 5 * 3653
    shot = chart.grab().toImage()
    assert shot.width() == 900
    colours = {shot.pixel(x, y) for x in range(0, 900, 6) for y in range(60, 450, 6)}
    assert len(colours) > 8  # five coloured curves were painted
    chart.set_range("1M")
    assert (
        chart.plot.getPlotItem().getViewBox().viewRange()[0][1]
        - chart.plot.getPlotItem().getViewBox().viewRange()[0][0]
        < 40 * 86400
    )
    assert isinstance(shot, QImage)


def test_sidebar_width_is_the_same_in_every_chart_mode_and_direction(
    qtbot: QtBot, window: MainWindow
) -> None:
    panel, chart = window.rates_panel, window.rates_panel.chart
    assert SIDEBAR_WIDTH <= 300
    widths = {panel.width()}
    for inverse in (False, True):
        panel.direction.setChecked(inverse)
        for mode in (Mode.COMPARE, Mode.OFFICIAL, Mode.RATE):
            chart.set_mode(mode)
            qtbot.waitUntil(
                lambda mode=mode: chart.data is not None and chart.data.mode == mode, timeout=5000
            )
            window.tasks.wait_idle()
            qtbot.wait(20)
            widths.add(panel.width())
            assert panel.minimumSizeHint().width() <= SIDEBAR_WIDTH
    assert widths == {SIDEBAR_WIDTH}


def test_uzs_shows_three_significant_digits_and_never_minus_zero(qtbot: QtBot, window: MainWindow) -> None:
    rows = window.rates_panel.row_texts()
    (uzs,) = [r for r in rows if r.startswith("UZS/USD")]
    number = uzs.split("= ")[1].split()[0]
    assert len(number.replace("0.", "", 1).lstrip("0")) >= 3  # 0.0000848, not 0.00008
    assert all("-0%" not in r and "−0%" not in r for r in rows)


def test_the_convention_is_said_and_the_chart_follows_the_toggle(qtbot: QtBot, window: MainWindow) -> None:
    panel, chart = window.rates_panel, window.rates_panel.chart
    assert "US dollars per unit" in panel.convention.text()
    _x, units = chart._full[0]
    drawn = chart._curves[0].getOriginalDataset()[1]
    assert drawn[-1] == pytest.approx(1 / units[-1])  # dollars per som, as the rows
    panel.direction.setChecked(True)
    assert "one US dollar buys" in panel.convention.text()
    drawn = chart._curves[0].getOriginalDataset()[1]
    assert drawn[-1] == pytest.approx(units[-1])  # soms per dollar, as "1 USD = 87.45 KGS"
    assert chart.plot.getPlotItem().titleLabel.text == "KGS per US dollar"


def test_crosshair_readout_follows_the_mode_and_direction(qtbot: QtBot, window: MainWindow) -> None:
    panel, chart = window.rates_panel, window.rates_panel.chart
    x, units = chart._full[0]
    at = float(x[len(x) // 2])
    box = chart.plot.getPlotItem().getViewBox()
    chart.on_mouse_moved((box.mapViewToScene(QPointF(at, float(chart.shown(units)[len(x) // 2]))),))
    assert "US dollars per KGS" in chart.readout.text()
    chart.set_mode(Mode.COMPARE)
    qtbot.waitUntil(lambda: chart.data is not None and chart.data.mode == Mode.COMPARE, timeout=5000)
    # Without the pointer moving: the readout is the compare mode's, not the rate it showed.
    text = chart.readout.text()
    assert "per KGS" not in text and "KGS " in text and text.count("%") == len(chart.data.series)
    assert chart._hline.value() == pytest.approx(chart.value_at(0, chart._vline.value()))
    chart.set_mode(Mode.RATE)
    qtbot.waitUntil(lambda: chart.data is not None and chart.data.mode == Mode.RATE, timeout=5000)
    assert "US dollars per KGS" in chart.readout.text()
    panel.direction.setChecked(True)
    assert "KGS per US dollar" in chart.readout.text()
    index = int(np.searchsorted(x, chart._vline.value()))
    assert chart._hline.value() == pytest.approx(units[index])


def test_fetch_official_rates_from_the_chart(
    qtbot: QtBot, window: MainWindow, library: Library, http_server: FixtureServer
) -> None:
    http_server.route("/nbk.xml", fixture("central-banks/nbk_get_rates_fdate-01.04.2026.xml"))
    library.settings.set_named("rates.url.nbk", http_server.url("/nbk.xml"))
    panel, chart = window.rates_panel, window.rates_panel.chart
    panel.rates.setCurrentRow(1)  # KZT
    qtbot.waitUntil(lambda: chart.currency == "KZT", timeout=5000)
    chart.set_mode(Mode.OFFICIAL)
    qtbot.waitUntil(lambda: chart.data is not None and chart.data.mode == Mode.OFFICIAL, timeout=5000)
    # No shell command to run: a button that fetches them.
    assert chart.fetch_official.isVisibleTo(chart) and "steppe" not in chart.note.text()
    refresher = window.rates_controller.refresher
    with qtbot.waitSignal(refresher.official_finished, timeout=10000) as finished:
        chart.fetch_official.click()
    assert [r.provider for r in finished.args[0].results] == ["nbk"] and finished.args[0].results[0].ok
    qtbot.waitUntil(lambda: chart.data is not None and len(chart.data.series) == 2, timeout=5000)
    assert [s.provider for s in chart.data.series] == ["exchange-api", "nbk"]
    assert chart.fetch_official.isHidden() and chart.note.isHidden()
    assert library.rates.series("KZT", provider="nbk").dates == (dt.date(2026, 4, 1),)


def test_a_legal_peg_is_shown_as_a_peg_not_as_a_refreshed_provider(
    qtbot: QtBot, window: MainWindow, library: Library, http_server: FixtureServer
) -> None:
    library.settings.set_named("rates.url.exchange-api", http_server.url("/gone/{date}.json"))
    library.settings.set_named("rates.url.cbt", http_server.url("/missing/{dmy_compact}.xml"))
    library.settings.set_named("rates.providers", ["exchange-api", "cbt"])
    refresher, panel = window.rates_controller.refresher, window.rates_panel
    with qtbot.waitSignal(refresher.refresh_finished, timeout=10000) as finished:
        refresher.refresh_now()
    report = finished.args[0]
    assert not any(r.ok for r in report.results)
    said = window.statusBar().currentMessage()
    assert said == report.summary() and "refreshed from" not in said
    assert said.startswith("Rates offline") and "TMT at its legal peg of 3.5 per US dollar" in said
    qtbot.waitUntil(lambda: not panel.offline.isHidden(), timeout=5000)  # the sidebar reloaded
    assert "TMT at its legal peg of 3.5" in panel.source.text()
    # The next refresh writes no new peg point: the series already ends at it.
    points = len(library.rates.series("TMT", provider="cbt").dates)
    with qtbot.waitSignal(refresher.refresh_finished, timeout=10000) as again:
        refresher.refresh_now()
    assert sum(r.new_points for r in again.args[0].results) == 0
    assert len(library.rates.series("TMT", provider="cbt").dates) == points == 1
