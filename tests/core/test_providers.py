"""Every recorded provider payload parsed into the right numbers (spot-checked against the files)."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.core.providers import (
    PROVIDERS,
    RatePayloadError,
    cbr,
    cbt,
    cbu,
    exchange_api,
    expand_url,
    nbk,
    nbkr,
    nbt,
)
from tests.httpserver import fixture


def cb(name: str) -> bytes:
    return fixture(f"central-banks/{name}")


def test_exchange_api() -> None:
    payload = exchange_api.parse(fixture("rates/exchange-api-usd-2026-09-29.min.json"))
    assert payload.date == dt.date(2026, 9, 29)
    assert payload.units_per_usd["KZT"] == pytest.approx(441.23394101)
    assert payload.units_per_usd["TMT"] == pytest.approx(3.49982316)
    assert payload.units_per_usd["AED"] == pytest.approx(3.6725)
    assert "1INCH" not in payload.units_per_usd and "AR" not in payload.units_per_usd  # tokens


def test_nbk_get_rates() -> None:
    table = nbk.parse_table(cb("nbk_get_rates_fdate-01.04.2026.xml"))
    assert table.date == dt.date(2026, 4, 1)
    assert table.home_per_unit["AUD"] == pytest.approx(328.01)
    assert table.home_per_unit["AMD"] == pytest.approx(12.72 / 10)  # quoted per 10
    payload = nbk.parse(cb("nbk_get_rates_fdate-01.04.2026.xml"))
    assert payload.units_per_usd["KZT"] == pytest.approx(478.77)


def test_nbk_rss_2016() -> None:
    table = nbk.parse_table(cb("nbk_rss_rates_all_2016-04-18.xml"))
    assert table.date == dt.date(2016, 4, 18)
    assert table.home_per_unit["USD"] == pytest.approx(334.41)
    assert table.home_per_unit["EUR"] == pytest.approx(376.61)


def test_cbu() -> None:
    table = cbu.parse_table(cb("cbu_json_all_2026-04-01.json"))
    assert table.date == dt.date(2026, 4, 1)
    assert len(table.home_per_unit) == 75
    assert table.home_per_unit["USD"] == pytest.approx(12194.21)
    assert table.home_per_unit["IDR"] == pytest.approx(0.718)  # "7.18" per 10 rupiah
    assert table.home_per_unit["KZT"] == pytest.approx(25.53)
    assert cbu.parse(cb("cbu_json_all_2026-04-01.json")).units_per_usd["UZS"] == pytest.approx(12194.21)


def test_nbkr_daily_and_weekly() -> None:
    daily = nbkr.parse_table(cb("nbkr_daily_2026-05-24.xml"))
    assert daily.date == dt.date(2026, 5, 24)
    assert daily.home_per_unit == pytest.approx(
        {"USD": 87.45, "EUR": 101.5076, "CNY": 12.8707, "KZT": 0.1859, "RUB": 1.2263}
    )
    assert nbkr.parse(cb("nbkr_daily_2026-05-24.xml")).units_per_usd["KGS"] == pytest.approx(87.45)
    weekly = nbkr.parse_table(cb("nbkr_weekly_2026-05-23.xml"))
    assert weekly.date == dt.date(2026, 5, 23)
    assert weekly.home_per_unit["GBP"] == pytest.approx(117.4147)
    assert weekly.home_per_unit["KRW"] == pytest.approx(0.0576)
    with pytest.raises(RatePayloadError, match="no US dollar"):
        nbkr.parse(cb("nbkr_weekly_2026-05-23.xml"))  # the weekly table has no dollar


def test_nbt() -> None:
    table = nbt.parse_table(cb("nbt_export_xml_2026-05-18.xml"))
    assert table.date == dt.date(2026, 5, 18)
    assert table.home_per_unit["USD"] == pytest.approx(9.345)
    assert table.home_per_unit["UZS"] == pytest.approx(0.0780 / 100)
    assert nbt.parse(cb("nbt_export_xml_2026-05-18.xml")).units_per_usd["TJS"] == pytest.approx(9.345)


def test_cbt() -> None:
    table = cbt.parse_table(cb("cbt_kurs_2026_20052026.xml"))
    assert table.date == dt.date(2026, 5, 20)
    assert table.home_per_unit["USD"] == pytest.approx(3.5)
    assert table.home_per_unit["AMD"] == pytest.approx(0.9536 / 100)
    payload = cbt.parse(cb("cbt_kurs_2026_20052026.xml"))
    assert payload.units_per_usd["TMT"] == pytest.approx(3.5)
    assert payload.units_per_usd["AMD"] == pytest.approx(367.04, rel=1e-3)  # its own rate_usd


def test_cbr_daily_windows_1251_comma_decimals_and_nominals() -> None:
    table = cbr.parse_table(cb("cbr_XML_daily_2026-04-25.xml"))
    assert table.date == dt.date(2026, 4, 25)
    assert table.home_per_unit["USD"] == pytest.approx(75.5273)
    assert table.home_per_unit["KZT"] == pytest.approx(0.163172)  # 16,3172 per 100
    assert table.home_per_unit["KGS"] == pytest.approx(0.864125)  # per 100
    assert table.home_per_unit["UZS"] == pytest.approx(0.00628322)  # per 10000
    assert table.home_per_unit["TJS"] == pytest.approx(8.00866)  # per 10
    payload = cbr.parse(cb("cbr_XML_daily_2026-04-25.xml"))
    assert payload.units_per_usd["RUB"] == pytest.approx(75.5273)
    assert payload.units_per_usd["KZT"] == pytest.approx(75.5273 / 0.163172)


def test_cbr_dynamic() -> None:
    points = cbr.parse_dynamic(cb("cbr_XML_dynamic_R01010_2026-03-01_05.xml"))
    assert points == [
        (dt.date(2026, 3, 3), pytest.approx(54.7468)),
        (dt.date(2026, 3, 4), pytest.approx(55.1336)),
        (dt.date(2026, 3, 5), pytest.approx(54.4295)),
    ]


@pytest.mark.parametrize("key", list(PROVIDERS))
@pytest.mark.parametrize("payload", [b"", b"<html>Service unavailable</html>", b'{"date": "x"}', b"[]"])
def test_bad_payloads_are_clear_errors(key: str, payload: bytes) -> None:
    with pytest.raises(RatePayloadError, match=key):
        PROVIDERS[key].parse(payload)


def test_url_templates() -> None:
    day, today = dt.date(2026, 4, 1), dt.date(2026, 11, 27)
    assert expand_url(exchange_api.JSDELIVR, None, today).endswith(
        "currency-api@latest/v1/currencies/usd.min.json"
    )
    assert expand_url(exchange_api.PAGES_DEV, day, today) == (
        "https://2026-04-01.currency-api.pages.dev/v1/currencies/usd.min.json"
    )
    assert expand_url(nbk.PROVIDER.urls[0], day, today).endswith("fdate=01.04.2026")
    assert expand_url(cbr.PROVIDER.urls[0], None, today).endswith("date_req=27/11/2026")
    assert (
        expand_url(cbt.PROVIDER.urls[0], dt.date(2026, 5, 20), today)
        == "https://cbt.tm/kurs/2026/20052026.xml"
    )
