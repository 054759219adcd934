"""Retake the rates screenshots offscreen from the bundled data (issue 4).

rates-sidebar.png: the sidebar with seven currencies, after a refresh that found the provider
unreachable (a closed port on 127.0.0.1 stands in for the network), so the offline line shows;
in the ticker's convention (dollars per unit) and, beside it, after "1 USD =" (units per dollar).
rates-chart.png: KZT per dollar with story markers, then the compare mode.
story-currency-context.png: the window on a story stating tenge amounts, with its context block.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kit import settle
from PySide6.QtWidgets import QApplication

from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.rate_chart import Mode


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        library.settings.set_named(
            "rates.sidebar_currencies", ["KGS", "KZT", "TJS", "UZS", "TMT", "RUB", "CNY"]
        )
        library.settings.set_named("rates.url.exchange-api", "http://127.0.0.1:9/{date}/usd.min.json")
        library.settings.set_named("rates.providers", ["exchange-api"])
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1440, 900)
        window.splitter.setSizes([560, 520, 360])
        window.show()
        settle(app, window)
        window.rates_controller.refresher.refresh_now()
        settle(app, window)
        (story,) = library.stories.page(StoryQuery(text='"20.6 billion tenge"'), limit=1).stories
        window.on_rate_story_clicked(story.id)
        panel = window.rates_panel
        panel.rates.setCurrentRow(1)  # KZT
        settle(app, window, 1000)
        dollars = panel.grab()  # the ticker's convention, US dollars per unit
        panel.direction.setChecked(True)  # "1 USD =": the rows and the chart turn round
        settle(app, window, 1000)
        units = panel.grab()
        panel.direction.setChecked(False)
        settle(app, window)
        from PySide6.QtGui import QPainter, QPixmap

        both = QPixmap(dollars.width() + units.width() + 10, max(dollars.height(), units.height()))
        both.fill()
        painter = QPainter(both)
        painter.drawPixmap(0, 0, dollars)
        painter.drawPixmap(dollars.width() + 10, 0, units)
        painter.end()
        both.save(str(out / "rates-sidebar.png"))
        bar = window.article.verticalScrollBar()
        bar.setValue(bar.maximum())  # the currency context block follows the story
        app.processEvents()
        window.grab().save(str(out / "story-currency-context.png"))
        assert panel.chart is not None  # built when its first data arrived (after the first paint)
        panel.chart.set_range("1Y")
        settle(app, window)
        chart_rate = panel.chart.grab()
        panel.chart.set_mode(Mode.COMPARE)
        settle(app, window, 1000)
        chart_compare = panel.chart.grab()

        combined = QPixmap(
            chart_rate.width() + chart_compare.width() + 10, max(chart_rate.height(), chart_compare.height())
        )
        combined.fill()
        painter = QPainter(combined)
        painter.drawPixmap(0, 0, chart_rate)
        painter.drawPixmap(chart_rate.width() + 10, 0, chart_compare)
        painter.end()
        combined.save(str(out / "rates-chart.png"))
        for name in ("rates-sidebar.png", "rates-chart.png", "story-currency-context.png"):
            print(f"saved {out / name}")
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
