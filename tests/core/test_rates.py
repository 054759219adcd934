"""Rates from the bundled exchange-api history, as the sidebar and `steppe rates` show them."""

from __future__ import annotations

import csv
import datetime as dt
import itertools

import pytest

from reader.core.errors import UnknownCurrency
from reader.core.library import Library
from reader.core.paths import bundled_data_dir
from reader.core.rates import series_arrays
from reader.core.types import TICKER_CURRENCIES, NewPoint, RateQuote, format_change


def _csv() -> dict[str, dict[dt.date, float]]:
    table: dict[str, dict[dt.date, float]] = {}
    with (bundled_data_dir() / "usd-rates-history.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            table.setdefault(row["currency"], {})[dt.date.fromisoformat(row["date"])] = float(row["per_usd"])
    return table


@pytest.mark.parametrize(
    ("change", "shown"),
    [
        (0.37, "0.37%"),
        (-0.18, "-0.18%"),
        (0.0, "0.00%"),
        (-0.001, "0.00%"),  # never "-0%": a change that rounds to nothing is no change
        (-0.004, "0.00%"),
        (0.004, "0.00%"),
        (-0.005001, "-0.01%"),
        (0.85, "0.85%"),
        (None, "—"),
    ],
)
def test_change_is_printed_as_the_ticker_prints_it(change: float | None, shown: str) -> None:
    assert format_change(change) == shown


def test_no_change_is_never_a_negative_zero_and_shows_flat() -> None:
    quote = RateQuote("KZT", "Kazakhstani Tenge", 520.0, dt.date(2026, 9, 29), "exchange-api",
                      previous_units_per_usd=520.0 * (1 - 0.00001))  # fmt: skip
    assert quote.change_pct is not None and quote.change_pct < 0
    assert quote.ticker.endswith(" 0.00%") and "-0" not in quote.ticker
    assert quote.trend == 0


@pytest.mark.parametrize(
    ("units_per_usd", "ticker", "inverse"),
    [
        (11800.0, "UZS/USD = 0.0000847", "1 USD = 11,800.00 UZS"),
        (520.0, "KZT/USD = 0.00192", "1 USD = 520.00 KZT"),
        (1 / 0.10840, "TJS/USD = 0.10840", "1 USD = 9.23 TJS"),
        (0.3081, "KWD/USD = 3.24570", "1 USD = 0.308 KWD"),
    ],
)
def test_rates_keep_three_significant_digits(units_per_usd: float, ticker: str, inverse: str) -> None:
    code = ticker[:3]
    quote = RateQuote(code, code, units_per_usd, dt.date(2026, 9, 29), "exchange-api")
    assert quote.ticker == f"{ticker} —"
    assert quote.inverse == inverse
    digits = ticker.split("= ")[1].replace("0.", "", 1).lstrip("0")
    assert len(digits) >= 3


def test_ticker_format_matches_the_seed_page() -> None:
    # timesca.com showed "TJS/USD = 0.10840 0.37%": 1/0.10840 somoni per dollar, up 0.37 %.
    quote = RateQuote("TJS", "Tajikistani Somoni", 1 / 0.10840, dt.date(2025, 11, 14), "exchange-api",
                      previous_units_per_usd=1 / 0.10840 * 1.0037)  # fmt: skip
    assert quote.ticker == "TJS/USD = 0.10840 0.37%"


def test_latest_rates_are_the_newest_bundled_points_with_their_change(library: Library) -> None:
    table = _csv()
    quotes = library.rates.latest(TICKER_CURRENCIES)
    assert [q.currency for q in quotes] == ["KGS", "KZT", "TJS", "UZS", "TMT"]
    for quote in quotes:
        history = table[quote.currency]
        dates = sorted(history)
        assert quote.as_of == dates[-1] == dt.date(2026, 9, 29)
        assert quote.units_per_usd == pytest.approx(history[dates[-1]])
        assert quote.previous_as_of == dates[-2]
        expected = (history[dates[-2]] / history[dates[-1]] - 1) * 100
        assert quote.change_pct == pytest.approx(expected)
        assert quote.provider == "exchange-api"


def test_rates_as_of_a_past_date(library: Library) -> None:
    table = _csv()["KZT"]
    wanted = dt.date(2025, 1, 15)
    on_or_before = max(d for d in table if d <= wanted)
    (quote,) = library.rates.latest(["KZT"], as_of=wanted)
    assert quote.as_of == on_or_before
    assert quote.units_per_usd == pytest.approx(table[on_or_before])


def test_series_and_chart_arrays(library: Library) -> None:
    series = library.rates.series("UZS", since=dt.date(2025, 1, 1))
    table = _csv()["UZS"]
    expected_dates = sorted(d for d in table if d >= dt.date(2025, 1, 1))
    assert list(series.dates) == expected_dates
    x, y = series_arrays(series)
    assert len(x) == len(y) == len(expected_dates)
    first = expected_dates[0]
    assert x[0] == dt.datetime(first.year, first.month, first.day, tzinfo=dt.UTC).timestamp()
    assert all(b - a >= 86400 for a, b in itertools.pairwise(x))
    assert y[-1] == pytest.approx(table[expected_dates[-1]])


def test_unknown_currency_is_a_clear_error(library: Library) -> None:
    with pytest.raises(UnknownCurrency, match="XYZ"):
        library.rates.latest(["XYZ"])
    assert ("RUB", "Russian Ruble") in library.rates.currencies()


def test_status_date_is_the_market_series_not_a_newer_official_point(library: Library) -> None:
    library.rates.store_points("cbt", [NewPoint("TMT", dt.date(2026, 11, 27), 3.5)])
    assert library.state().rates_as_of == dt.date(2026, 9, 29)
