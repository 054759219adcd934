"""Rate history chart: draw time with ten years of daily points for five currencies (offscreen).

Measures, as medians of several runs with min–max: building the curves (`show_data`, compare
mode) and painting the widget (`grab()`, which renders the whole chart), then switching the
range (1Y) and repainting. Target: a full redraw under 250 ms on the project machine.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtWidgets import QApplication

from reader.core.rates import series_arrays
from reader.core.types import RateSeries
from reader.ui.rate_chart import ChartData, Mode, RateHistoryChart

RUNS = 9
TARGET_MS = 250.0


def ten_years() -> tuple[RateSeries, ...]:
    start = dt.date(2016, 1, 1)
    days = tuple(start + dt.timedelta(days=i) for i in range(3653))
    rng = np.random.default_rng(7)
    return tuple(
        RateSeries(
            code,
            "exchange-api",
            days,
            tuple(float(v) for v in base * np.exp(np.cumsum(rng.normal(0, 0.004, len(days))))),
        )
        for code, base in (("KZT", 330.0), ("KGS", 68.0), ("TJS", 7.8), ("UZS", 2900.0), ("TMT", 3.5))
    )


def timed(fn: object) -> float:
    begin = time.perf_counter()
    fn()  # type: ignore[operator]
    return (time.perf_counter() - begin) * 1000.0


def report(name: str, samples: list[float]) -> float:
    median = statistics.median(samples)
    print(
        f"{name:<44} median {median:7.1f} ms   (min {min(samples):.1f} – max {max(samples):.1f}, {len(samples)} runs)"
    )
    return median


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    series = ten_years()
    chart = RateHistoryChart()
    chart.resize(1200, 600)
    chart.show()
    app.processEvents()
    arrays = tuple(series_arrays(s) for s in series)  # the core's arrays, made off the GUI thread
    data_compare = ChartData(Mode.COMPARE, "KZT", series, arrays=arrays)
    data_rate = ChartData(Mode.RATE, "KZT", series[:1], arrays=arrays[:1])
    print(
        f"{len(series)} currencies × {len(series[0].dates)} daily points = {5 * len(series[0].dates)} points"
    )
    full, paint, rate, ranged = [], [], [], []
    for _ in range(RUNS):
        full.append(timed(lambda: (chart.show_data(data_compare), chart.grab())))
        paint.append(timed(chart.grab))
        rate.append(timed(lambda: (chart.show_data(data_rate), chart.grab())))
        chart.show_data(data_compare)
        ranged.append(timed(lambda: (chart.set_range("1Y"), chart.grab())))
        chart.set_range("All")
    worst = report("compare 5 currencies: build + paint", full)
    report("repaint only (grab)", paint)
    report("one currency: build + paint", rate)
    report("switch range to 1Y + paint", ranged)
    chart.close()
    if worst > TARGET_MS:
        print(f"FAILED: full redraw {worst:.1f} ms > {TARGET_MS:.0f} ms")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
