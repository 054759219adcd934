"""Hostile rates payloads, served by a real HTTP server on 127.0.0.1 and fetched by a real rates
sync: what is stored (nothing bad, everything good beside it) and what the user is told.

The payloads are written here, in the providers' real layouts: exchange-api's usd.json and the
National Bank of the Kyrgyz Republic's windows-1251 daily.xml with comma decimals.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from reader.core import ratesync
from reader.core.http import HttpClient, Limits
from reader.core.library import Library
from reader.core.models import RatePoint
from reader.core.rates import NewPoint
from tests.httpserver import FixtureServer

TODAY = dt.datetime.now(dt.UTC).date()
BEFORE = TODAY - dt.timedelta(days=2)  # the baseline stored before each case
DAY = TODAY - dt.timedelta(days=1)  # the date of the hostile payload
EA = "/ea/{date}.json"
KG = "/kg/daily.xml"
BASELINE = {"KZT": 470.0, "KGS": 87.45, "EUR": 0.9, "CNY": 7.1, "RUB": 80.0}


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(Limits(timeout=3.0, deadline=10.0, max_bytes=5 * 1024 * 1024)) as c:
        yield c


@pytest.fixture
def rates_library(library: Library) -> Library:
    """The bundled library, plus a baseline on BEFORE for exchange-api and nbkr."""
    library.store_rate_points("exchange-api", [NewPoint(c, BEFORE, v) for c, v in BASELINE.items()])
    library.store_rate_points("nbkr", [NewPoint("KGS", BEFORE, 87.45)])
    return library


def stored(library: Library, provider: str, code: str) -> dict[dt.date, float]:
    with library._read() as conn:
        rows = conn.execute(
            select(RatePoint.date, RatePoint.units_per_usd).where(
                RatePoint.provider == provider, RatePoint.currency_code == code, RatePoint.date >= BEFORE
            )
        ).all()
    return {r.date: r.units_per_usd for r in rows}


def usd_json(kzt_literal: str, day: str | None = None) -> bytes:
    """exchange-api's layout with KZT written as `kzt_literal` (raw JSON text)."""
    when = json.dumps(day or DAY.isoformat())
    return (
        f'{{"date":{when},"usd":{{"1inch":9.9,"cny":7.12,"eur":0.91,"kgs":87.5,"kzt":{kzt_literal},"rub":80.5}}}}'
    ).encode()


def sync_ea(library: Library, server: FixtureServer, client: HttpClient | None) -> ratesync.SyncResult:
    (result,) = ratesync.sync_rates(library, ["exchange-api"], url=server.url(EA), client=client)
    return result


# -- one bad value: refused by name, the rest of the payload stored ------------------------------


@dataclass(frozen=True)
class Value:
    literal: str  # as it appears in the JSON
    note: str | None  # None: the value is stored
    stored: float | None = None


VALUES = [
    Value("Infinity", "the value is infinite"),
    Value("-Infinity", "the value is infinite"),
    Value("NaN", "the value is not a number"),
    Value("1e999", "the value is infinite"),  # json.loads makes it inf
    Value("1e308", "1e+308 is far outside any real rate"),
    Value("1e-320", "9.99989e-321 is far outside any real rate"),
    Value("0", "0 is not positive"),
    Value("-0.0", "-0 is not positive"),
    Value("-470.5", "-470.5 is not positive"),
    Value("true", "true is not a rate"),
    Value("false", "false is not a rate"),
    Value('"470.5"', "the value is not a number"),
    Value("null", "the value is not a number"),
    Value('{"rate": 470.5}', "the value is not a number"),
    Value("[470.5]", "the value is not a number"),
    Value("4700.5", "4700.5 is more than 10 times away from 470, stored for a nearby date"),
    Value("46.9", "46.9 is more than 10 times away from 470, stored for a nearby date"),
    Value("47", None, 47.0),  # exactly a tenth: a crash, not an error
    Value("940.0", None, 940.0),  # a devaluation halving the tenge
    Value("470", None, 470.0),  # a JSON integer
    Value("471.234567891234", None, 471.234567891234),
]


@pytest.mark.parametrize("value", VALUES, ids=lambda v: v.literal)
def test_one_bad_value_is_refused_and_the_rest_stored(
    value: Value, rates_library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    http_server.route(EA.format(date="latest"), usd_json(value.literal))
    result = sync_ea(rates_library, http_server, client)
    assert result.ok and result.rates_date == DAY
    assert stored(rates_library, "exchange-api", "EUR") == {BEFORE: 0.9, DAY: 0.91}
    kzt = stored(rates_library, "exchange-api", "KZT")
    (latest,) = rates_library.latest_rates(["KZT"])
    if value.note is None:
        assert kzt == {BEFORE: 470.0, DAY: value.stored}
        assert (latest.as_of, latest.units_per_usd) == (DAY, value.stored)
        assert not any(n.startswith("KZT") for n in result.notes)
    else:
        assert kzt == {BEFORE: 470.0}
        assert (latest.as_of, latest.units_per_usd) == (BEFORE, 470.0)
        assert f"KZT on {DAY.isoformat()} not stored: {value.note}" in result.notes


# -- payloads with nothing usable: that provider's error, nothing written --------------------------

DEEP = b"[" * 100_000 + b"]" * 100_000
TOMORROW, AFTER = TODAY + dt.timedelta(days=1), TODAY + dt.timedelta(days=2)


@dataclass(frozen=True)
class Whole:
    id: str
    body: bytes
    error: str | None  # in the provider's error; None: the payload is fine after all
    headers: tuple[tuple[str, str], ...] = ()


WHOLE = [
    Whole(
        "dated-2099",
        usd_json("470.1", "2099-01-01"),
        "sent no usable rate: CNY on 2099-01-01 not stored: it is dated in the future (and 4 more)",
    ),
    Whole("dated-1900", usd_json("470.1", "1900-01-01"), "not stored: it is dated before 1990"),
    Whole("dated-day-after-tomorrow", usd_json("470.1", AFTER.isoformat()), "it is dated in the future"),
    Whole("dated-tomorrow", usd_json("470.1", TOMORROW.isoformat()), None),  # a bank may publish it today
    Whole("no-date", b'{"usd":{"kzt":470.1}}', "not the usd.json layout (KeyError: 'date')"),
    Whole("date-a-number", b'{"date":20261201,"usd":{"kzt":470.1}}', "not the usd.json layout (TypeError"),
    Whole("date-garbage", b'{"date":"yesterday","usd":{"kzt":470.1}}', "not the usd.json layout (ValueError"),
    Whole("a-list", b"[470.1, 87.5]", "not the usd.json layout (not a JSON object)"),
    Whole("a-string", b'"470.1"', "not the usd.json layout (not a JSON object)"),
    Whole("usd-a-list", b'{"date":"2026-11-30","usd":[470.1]}', '"usd" is not an object'),
    Whole("usd-a-string", b'{"date":"2026-11-30","usd":"470.1"}', '"usd" is not an object'),
    Whole("usd-missing", b'{"date":"2026-11-30"}', "not the usd.json layout (KeyError: 'usd')"),
    Whole("empty-object", b"{}", "not the usd.json layout (KeyError: 'date')"),
    Whole("nested-too-deep", DEEP, "JSON nested too deep"),
    Whole("huge-array", b"[" + b"0," * 1_000_000 + b"0]", "not the usd.json layout (not a JSON object)"),
    Whole(
        "duplicate-kzt",
        b'{"date":"%s","usd":{"kzt":470.1,"kzt":4701}}' % DAY.isoformat().encode(),
        "the key 'kzt' is given twice with different values",
    ),
    Whole(
        "duplicate-date",
        b'{"date":"%s","date":"2099-01-01","usd":{"kzt":470.1}}' % DAY.isoformat().encode(),
        "the key 'date' is given twice with different values",
    ),
    Whole(
        "duplicate-same", b'{"date":"%s","usd":{"kzt":470.1,"kzt":470.1}}' % DAY.isoformat().encode(), None
    ),
    Whole(
        "only-tokens",
        b'{"date":"%s","usd":{"1inch":9.9,"ar":0.2}}' % DAY.isoformat().encode(),
        "no rates in the payload",
    ),
    Whole(
        "every-value-a-string",
        b'{"date":"%s","usd":{"kzt":"470","eur":"0.9","kgs":"87"}}' % DAY.isoformat().encode(),
        "sent no usable rate: EUR on",
    ),
    Whole("empty-body", b"", "not JSON"),
    Whole("html-page", b"<!doctype html><html><body>Maintenance</body></html>", "not JSON"),
    Whole("binary-noise", bytes(range(256)) * 16, "not JSON"),
    Whole("utf8-bom", b"\xef\xbb\xbf" + usd_json("470.1"), None),
    Whole("gzip-stored-as-is", gzip.compress(usd_json("470.1")), "not JSON"),  # no Content-Encoding said
    Whole("gzip-said", gzip.compress(usd_json("470.1")), None, (("Content-Encoding", "gzip"),)),
]


@pytest.mark.parametrize("case", WHOLE, ids=lambda c: c.id)
def test_a_payload_with_nothing_usable_is_the_providers_error(
    case: Whole, rates_library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    http_server.route(EA.format(date="latest"), case.body, headers=dict(case.headers))
    before = {code: stored(rates_library, "exchange-api", code) for code in BASELINE}
    result = sync_ea(rates_library, http_server, client)
    after = {code: stored(rates_library, "exchange-api", code) for code in BASELINE}
    (status,) = (s for s in rates_library.rate_provider_statuses() if s.provider == "exchange-api")
    if case.error is None:
        assert result.ok and after["KZT"][result.rates_date or DAY] == 470.1
        return
    assert not result.ok and case.error in (result.error or "")
    assert (result.error or "").startswith("exchange-api: 127.0.0.1 ")
    assert after == before  # nothing written
    assert status.is_offline and case.error in (status.last_error or "")
    (kzt,) = rates_library.latest_rates(["KZT"])
    assert (kzt.as_of, kzt.units_per_usd) == (BEFORE, 470.0)


def test_size_cap_and_bomb_for_rates(rates_library: Library, http_server: FixtureServer) -> None:
    """The rates' own client (5 MiB) against a 6 MiB answer and a gzip bomb; the next provider
    still updates."""
    http_server.route(EA.format(date="latest"), b" " * (6 * 1024 * 1024))
    http_server.route("/bomb", gzip.compress(bytes(64 * 1024 * 1024)), headers={"Content-Encoding": "gzip"})
    http_server.route(KG, nbkr_xml("88,1000"))
    rates_library.set_setting("rates.url.exchange-api", http_server.url(EA))
    rates_library.set_setting("rates.url.nbk", http_server.url("/bomb?d={dmy}"))
    rates_library.set_setting("rates.url.nbkr", http_server.url(KG))
    ea, nbk, nbkr = ratesync.sync_rates(rates_library, ["exchange-api", "nbk", "nbkr"])
    assert ea.error == "exchange-api: 127.0.0.1 sent more than 5 MiB"
    assert nbk.error == "nbk: 127.0.0.1 sent more than 5 MiB"
    assert nbkr.ok and stored(rates_library, "nbkr", "KGS")[DAY] == 88.1


# -- bank XML: windows-1251, comma decimals, no DTD --------------------------------------------


def nbkr_xml(
    value: str = "87,4500",
    *,
    day: str | None = None,
    declared: str = "windows-1251",
    written: str = "cp1251",
    prolog: str = "",
    nominal: str = "1",
    root: str = "CurrencyRates",
    inside: str = "",
) -> bytes:
    """daily.xml as the NBKR writes it (a Cyrillic name attribute, so the encoding matters)."""
    when = day or DAY.strftime("%d.%m.%Y")
    return (
        f'<?xml version="1.0" encoding="{declared}" ?>{prolog}\n'
        f'<{root} Name="Ежедневные курсы" Date="{when}">{inside}\n'
        f'<Currency ISOCode="USD"><Nominal>{nominal}</Nominal><Value>{value}</Value></Currency>\n'
        f'<Currency ISOCode="EUR"><Nominal>1</Nominal><Value>101,5076</Value></Currency>\n'
        f"</{root}>\n"
    ).encode(written)


BOMB = (
    '<!DOCTYPE CurrencyRates [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]>"
)


@dataclass(frozen=True)
class Bank:
    id: str
    body: bytes
    error: str | None  # None: stored, as `kgs`
    kgs: float | None = None


BANK = [
    Bank("comma-decimal", nbkr_xml("87,9100"), None, 87.91),
    Bank("dot-decimal", nbkr_xml("87.9100"), None, 87.91),
    Bank("spaces-around", nbkr_xml("  87,91  "), None, 87.91),
    Bank("two-commas", nbkr_xml("87,45,00"), "USD Value is not a number: '87,45,00'"),
    Bank("thousands-and-comma", nbkr_xml("1.234,56"), "USD Value is not a number: '1.234,56'"),
    Bank("underscore", nbkr_xml("8_7,45"), "USD Value is not a number: '8_7,45'"),
    Bank("inf", nbkr_xml("inf"), "USD Value is not a number: 'inf'"),
    Bank("nan", nbkr_xml("NaN"), "USD Value is not a number: 'NaN'"),
    Bank("exponent", nbkr_xml("8.745e1"), "USD Value is not a number: '8.745e1'"),
    Bank("negative", nbkr_xml("-87,45"), "USD Value is not a number: '-87,45'"),
    Bank("zero", nbkr_xml("0,0000"), "USD Value is not positive: 0.0"),
    Bank("arabic-digits", nbkr_xml("٨٧,٤٥", declared="utf-8", written="utf-8"), "USD Value is not a number"),
    Bank("empty-value", nbkr_xml(""), "USD Value is empty"),
    Bank("words", nbkr_xml("n/a"), "USD Value is not a number: 'n/a'"),
    Bank("nominal-zero", nbkr_xml(nominal="0"), "USD Nominal is not positive: 0.0"),
    Bank("nominal-words", nbkr_xml(nominal="one"), "USD Nominal is not a number: 'one'"),
    Bank("nominal-100", nbkr_xml("8745,00", nominal="100"), None, 87.45),
    Bank(
        "ten-times",
        nbkr_xml("874,6000"),
        "874.6 is more than 10 times away from 87.45, stored for a nearby date",
    ),
    Bank("devaluation-2x", nbkr_xml("174,9000"), None, 174.9),
    Bank("nbsp-thousands", nbkr_xml("87\u00a0450,00"), "87450 is more than 10 times away from 87.45"),
    Bank("dated-2099", nbkr_xml(day="01.01.2099"), "KGS on 2099-01-01 not stored: it is dated in the future"),
    Bank("dated-1900", nbkr_xml(day="01.01.1900"), "KGS on 1900-01-01 not stored: it is dated before 1990"),
    Bank("date-31-february", nbkr_xml(day="31.02.2026"), "not a date: '31.02.2026'"),
    Bank("date-iso", nbkr_xml(day="2026-11-30"), "not a DD.MM.YYYY date: '2026-11-30'"),
    Bank(
        "entity-bomb", nbkr_xml(prolog=BOMB, inside="&i;"), "XML with a DTD (refused: bank tables have none)"
    ),
    Bank(
        "external-entity",
        nbkr_xml(prolog='<!DOCTYPE CurrencyRates [<!ENTITY x SYSTEM "file:///etc/passwd">]>', inside="&x;"),
        "XML with a DTD (refused: bank tables have none)",
    ),
    Bank(
        "plain-doctype",
        nbkr_xml(prolog="<!DOCTYPE CurrencyRates>"),
        "XML with a DTD (refused: bank tables have none)",
    ),
    Bank("undeclared-entity", nbkr_xml(inside="&lol;"), "not XML (undefined entity"),
    Bank(
        "utf8-declared-cp1251-written", nbkr_xml(declared="utf-8"), "not XML (not well-formed (invalid token)"
    ),
    Bank(
        "unknown-encoding",
        nbkr_xml(declared="koi8-x"),
        "XML in an unknown encoding (unknown encoding: koi8-x)",
    ),
    Bank(
        "cp1251-declared-utf8-written", nbkr_xml("87,9100", written="utf-8"), None, 87.91
    ),  # names garbled only
    Bank("utf16", nbkr_xml("87,9100", declared="utf-16", written="utf-16"), None, 87.91),
    Bank("wrong-root", nbkr_xml(root="html"), "root is <html>, not <CurrencyRates>"),
    Bank("truncated", nbkr_xml()[:150], "not XML (unclosed token"),
    Bank(
        "html-instead",
        b"<html><body>Site under maintenance</body></html>",
        "root is <html>, not <CurrencyRates>",
    ),
    Bank("binary-noise", bytes(range(256)) * 4, "not XML"),
    Bank("deep-nesting", nbkr_xml(inside="<a>" * 50_000 + "</a>" * 50_000), None, 87.45),
    Bank("no-usd", nbkr_xml().replace(b'ISOCode="USD"', b'ISOCode="GBP"'), "no US dollar rate in the table"),
]


@pytest.mark.parametrize("case", BANK, ids=lambda c: c.id)
def test_bank_xml(case: Bank, rates_library: Library, http_server: FixtureServer, client: HttpClient) -> None:
    http_server.route(KG, case.body, headers={"Content-Type": "application/xml; charset=windows-1251"})
    (result,) = ratesync.sync_rates(rates_library, ["nbkr"], url=http_server.url(KG), client=client)
    kgs = stored(rates_library, "nbkr", "KGS")
    if case.error is None:
        assert result.ok and kgs == {BEFORE: 87.45, DAY: case.kgs}, result.error
        return
    assert not result.ok and case.error in (result.error or ""), result.error
    assert kgs == {BEFORE: 87.45}
    assert rates_library.rate_series("KGS", provider="nbkr").units_per_usd[-1] == 87.45


# -- the store itself, and an older cache that already holds bad rows --------------------------------


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (math.nan, DAY),
        (math.inf, DAY),
        (-math.inf, DAY),
        (True, DAY),
        (1e308, DAY),
        (470.0, dt.date(2099, 1, 1)),
        (470.0, dt.date(1900, 1, 1)),
    ],
)
def test_the_store_refuses_what_no_provider_should_send(
    rates_library: Library, value: float, day: dt.date
) -> None:
    """NaN never reaches SQLite (where it would break NOT NULL), nor does anything else bad."""
    assert (
        rates_library.store_rate_points("nbk", [NewPoint("KZT", day, value), NewPoint("KGS", DAY, 87.4)]) == 1
    )
    assert stored(rates_library, "nbk", "KZT") == {}
    assert stored(rates_library, "nbk", "KGS") == {DAY: 87.4}


def test_an_older_cache_with_a_future_date_and_infinity(rates_library: Library, data_dir: Path) -> None:
    with rates_library._write() as conn:
        for day, value in (("2099-01-01", 470.0), (DAY.isoformat(), math.inf), (TODAY.isoformat(), 1e300)):
            conn.execute(
                text(
                    "INSERT INTO rate_point (currency_code, date, units_per_usd, provider) "
                    "VALUES ('KZT', :day, :value, 'exchange-api')"
                ),
                {"day": day, "value": value},
            )
        assert (
            conn.execute(select(func.count()).where(RatePoint.date == dt.date(2099, 1, 1))).scalar_one() == 1
        )
    (kzt,) = rates_library.latest_rates(["KZT"])
    assert (kzt.as_of, kzt.units_per_usd) == (BEFORE, 470.0)
    assert rates_library.data_state().rates_as_of == BEFORE
    series = rates_library.rate_series("KZT", since=BEFORE)
    assert series.dates == (BEFORE,)
    conversion = rates_library.convert(100, "USD", "KZT")
    assert conversion.result == 47_000 and conversion.as_of == BEFORE


def _steppe(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def _strict(run: subprocess.CompletedProcess[str]) -> object:
    def refuse(constant: str) -> object:
        raise AssertionError(f"not JSON: {constant}")

    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout, parse_constant=refuse)


def test_json_output_is_always_json(data_dir: Path, http_server: FixtureServer) -> None:
    with Library(data_dir) as library:
        library.store_rate_points("exchange-api", [NewPoint("KZT", BEFORE, 470.0)])
    http_server.route(EA.format(date="latest"), usd_json("Infinity"))
    synced = _strict(_steppe(data_dir, "rates", "sync", "--url", http_server.url(EA), "--json"))
    assert isinstance(synced, list) and synced[0]["ok"]
    assert f"KZT on {DAY.isoformat()} not stored: the value is infinite" in synced[0]["notes"]
    history = _strict(_steppe(data_dir, "rates", "history", "KZT", "--since", BEFORE.isoformat(), "--json"))
    assert isinstance(history, dict) and history["points"] == [
        {"date": BEFORE.isoformat(), "units_per_usd": 470.0}
    ]
    quotes = _strict(_steppe(data_dir, "rates", "--currency", "KZT", "--json"))
    assert isinstance(quotes, list) and quotes[0]["units_per_usd"] == 470.0
    converted = _strict(_steppe(data_dir, "convert", "1e307", "USD", "KZT", "--json"))
    assert isinstance(converted, dict) and converted["amount"] == 1e307
    assert converted["result"] is None  # 4.7e309 is past a float: null, not the non-JSON Infinity
    for amount in ("1" + "0" * 400, "inf", "nan"):
        refused = _steppe(data_dir, "convert", amount, "USD", "KZT", "--json")
        assert refused.returncode == 2 and "the amount is too large" in refused.stderr
