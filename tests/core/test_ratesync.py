"""Fetching rates from a real HTTP server on 127.0.0.1 serving the recorded payloads."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reader.core.http import HttpClient, Limits
from reader.core.library import Library
from reader.core.models import RatePoint
from tests.httpserver import FixtureServer, Request, fixture

USD_JSON = fixture("rates/exchange-api-usd-2026-09-29.min.json")
JSD = "/npm/@fawazahmed0/currency-api@{date}/v1/currencies/usd.min.json"
PAGES = "/pages/{date}/v1/currencies/usd.min.json"


def usd_json(day: str, kzt: float | None = None) -> bytes:
    data = json.loads(USD_JSON)
    data["date"] = day
    if kzt is not None:
        data["usd"]["kzt"] = kzt
    return json.dumps(data).encode()


def point_count(library: Library) -> int:
    with library._storage.read() as conn:
        return int(conn.execute(select(func.count()).select_from(RatePoint)).scalar_one())


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(Limits(timeout=3.0)) as c:
        yield c


def test_latest_fetch_stores_the_known_currencies(
    library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    http_server.route(JSD.format(date="latest"), usd_json("2026-09-30", kzt=450.5))
    before = point_count(library)
    (result,) = library.rates.refresh(
        ["exchange-api"], url=http_server.url(JSD), client=client, today=dt.date(2026, 9, 30)
    ).results
    assert result.ok and result.rates_date == dt.date(2026, 9, 30)
    known = {code for code, _ in library.rates.currencies()}
    assert result.new_points == len(known) == point_count(library) - before
    (kzt,) = library.rates.latest(["KZT"])
    assert (kzt.as_of, kzt.units_per_usd) == (dt.date(2026, 9, 30), 450.5)
    assert kzt.previous_as_of == dt.date(2026, 9, 29)
    (status,) = library.rates.provider_statuses()
    assert status.provider == "exchange-api" and not status.is_offline
    assert status.rates_date == dt.date(2026, 9, 30) and status.url == http_server.url(
        JSD.format(date="latest")
    )


def test_by_date_back_fill(library: Library, http_server: FixtureServer, client: HttpClient) -> None:
    http_server.route(JSD.format(date="latest"), usd_json("2026-10-03"))
    for day in ("2026-09-30", "2026-10-01", "2026-10-02"):
        http_server.route(JSD.format(date=day), usd_json(day, kzt=440.0))
    (result,) = library.rates.refresh(
        ["exchange-api"],
        url=http_server.url(JSD),
        since=dt.date(2026, 9, 29),
        client=client,
        today=dt.date(2026, 10, 3),
    ).results
    assert result.ok
    assert result.backfilled == (dt.date(2026, 9, 30), dt.date(2026, 10, 1), dt.date(2026, 10, 2))
    asked = [r.path for r in http_server.requests]
    assert not any("@2026-09-29" in p for p in asked)  # already stored (bundled)
    series = library.rates.series("KZT", since=dt.date(2026, 9, 29))
    assert series.dates == tuple(dt.date(2026, 9, d) for d in (29, 30)) + tuple(
        dt.date(2026, 10, d) for d in (1, 2, 3)
    )
    assert series.units_per_usd[1:4] == (440.0, 440.0, 440.0)
    # A second run finds nothing missing and asks only for the latest.
    http_server.requests.clear()
    library.rates.refresh(
        ["exchange-api"], url=http_server.url(JSD), since=dt.date(2026, 9, 29), client=client
    )
    assert len(http_server.requests) == 1


@pytest.mark.parametrize("status", [404, 500])
def test_jsdelivr_falls_back_to_pages_dev(
    library: Library, http_server: FixtureServer, client: HttpClient, status: int
) -> None:
    http_server.route(JSD.format(date="latest"), b"gone", status=status)
    http_server.route(PAGES.format(date="latest"), usd_json("2026-09-30"))
    library.settings.set_named("rates.url.exchange-api", [http_server.url(JSD), http_server.url(PAGES)])
    (result,) = library.rates.refresh(["exchange-api"], client=client).results
    assert result.ok and result.url == http_server.url(PAGES.format(date="latest"))
    assert [r.path for r in http_server.requests] == [JSD.format(date="latest"), PAGES.format(date="latest")]
    assert library.rates.latest(["KZT"])[0].as_of == dt.date(2026, 9, 30)


def test_a_provider_down_while_the_others_still_update(
    library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    http_server.route("/ea/latest.json", usd_json("2026-09-30"))
    http_server.route("/nbk", b"oops", status=500)
    http_server.route("/kg/daily.xml", fixture("central-banks/nbkr_daily_2026-05-24.xml"))
    library.settings.set_named("rates.url.exchange-api", http_server.url("/ea/{date}.json"))
    library.settings.set_named("rates.url.nbk", http_server.url("/nbk?fdate={dmy}"))
    library.settings.set_named("rates.url.nbkr", http_server.url("/kg/daily.xml"))
    results = library.rates.refresh(["exchange-api", "nbk", "nbkr"], client=client).results
    assert [(r.provider, r.ok) for r in results] == [("exchange-api", True), ("nbk", False), ("nbkr", True)]
    assert "HTTP 500" in (results[1].error or "")
    statuses = {s.provider: s for s in library.rates.provider_statuses()}
    assert statuses["nbk"].is_offline and "HTTP 500" in (statuses["nbk"].last_error or "")
    assert not statuses["nbkr"].is_offline
    assert library.rates.series("KGS", provider="nbkr").units_per_usd == (87.45,)
    assert library.rates.latest(["KZT"])[0].as_of == dt.date(2026, 9, 30)


def test_nothing_is_lost_on_a_bad_payload(
    library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    http_server.route("/kg/daily.xml", fixture("central-banks/nbkr_daily_2026-05-24.xml"))
    library.settings.set_named("rates.url.nbkr", http_server.url("/kg/daily.xml"))
    assert library.rates.refresh(["nbkr"], client=client).results[0].ok
    good = library.rates.provider_statuses()[0]
    count = point_count(library)
    for bad in (
        b"<CurrencyRates Date='25.05.2026'><Currency ISOCode='USD'><Value>n/a</Value>",
        b"",
        b"<html/>",
    ):
        http_server.route("/kg/daily.xml", bad)
        (result,) = library.rates.refresh(["nbkr"], client=client).results
        assert not result.ok
        assert point_count(library) == count
        assert library.rates.series("KGS", provider="nbkr").units_per_usd == (87.45,)
        status = library.rates.provider_statuses()[0]
        assert status.is_offline and status.last_success_at == good.last_success_at
        assert status.rates_date == dt.date(2026, 5, 24)


def test_nbt_silent_fallback_to_today_is_not_stored_under_the_asked_date(
    library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    # Whatever date is asked, this server answers the 2026-05-18 table, as NBT does.
    http_server.route("/nbt", fixture("central-banks/nbt_export_xml_2026-05-18.xml"))
    (result,) = library.rates.refresh(
        ["nbt"],
        url=http_server.url("/nbt?date={iso}&export=xmlout"),
        since=dt.date(2026, 5, 15),
        client=client,
        today=dt.date(2026, 5, 18),
    ).results
    assert result.ok and result.backfilled == ()
    assert [r.path for r in http_server.requests][1:] == [
        f"/nbt?date=2026-05-{d}&export=xmlout" for d in (15, 16, 17)
    ]
    assert sum("instead; skipped" in n for n in result.notes) == 3
    assert library.rates.series("TJS", provider="nbt").dates == (dt.date(2026, 5, 18),)


def test_turkmenistan_peg_when_the_file_is_unreachable(
    library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    (result,) = library.rates.refresh(
        ["cbt"],
        url=http_server.url("/missing/{dmy_compact}.xml"),
        client=client,
        today=dt.date(2026, 5, 20),
    ).results
    # The peg stands, but it is not a refresh: the provider is offline and counted as failed.
    assert not result.ok and result.peg == (("TMT", 3.5),) and result.notes and result.new_points == 1
    assert library.rates.series("TMT", provider="cbt").units_per_usd == (3.5,)
    (status,) = [s for s in library.rates.provider_statuses() if s.provider == "cbt"]
    assert status.is_offline
    report = library.rates.refresh(
        ["cbt"], url=http_server.url("/missing/{dmy_compact}.xml"), client=client, today=dt.date(2026, 5, 22)
    )
    (again,) = report.results
    # Not written as a fresh point on every refresh: the series already ends at the peg.
    assert again.peg and again.new_points == 0
    assert library.rates.series("TMT", provider="cbt").dates == (dt.date(2026, 5, 20),)
    assert report.summary() == (
        "Rates offline: the provider could not be reached; TMT at its legal peg of 3.5 per US dollar"
    )
    http_server.route("/kurs/20052026.xml", fixture("central-banks/cbt_kurs_2026_20052026.xml"))
    (result,) = library.rates.refresh(
        ["cbt"],
        url=http_server.url("/kurs/{dmy_compact}.xml"),
        client=client,
        today=dt.date(2026, 5, 20),
    ).results
    assert result.url == http_server.url("/kurs/20052026.xml")


def test_counts_are_written_in_the_singular_and_plural() -> None:
    from reader.core.types import RateFetch, RatesReport, plural

    assert plural(1, "new point") == "1 new point" and plural(2, "new point") == "2 new points"
    assert plural(1, "story", "stories") == "1 story" and plural(0, "story", "stories") == "0 stories"
    assert plural(1200, "story", "stories") == "1,200 stories"
    one = RatesReport((RateFetch("exchange-api", ok=True, new_points=1),))
    assert one.summary() == "Rates refreshed from 1 of 1 providers"


def test_unknown_provider_is_a_usage_error(library: Library) -> None:
    from reader.core.providers import UnknownProvider

    with pytest.raises(UnknownProvider, match="nbk"):
        library.rates.refresh(["nope"])


def _steppe(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_sync_and_convert(data_dir: Path, http_server: FixtureServer) -> None:
    def dated(request: Request) -> bytes:
        return fixture("central-banks/cbr_XML_daily_2026-04-25.xml")

    http_server.route("/cbr", dated)
    run = _steppe(
        data_dir,
        "rates",
        "sync",
        "--provider",
        "cbr",
        "--url",
        http_server.url("/cbr?d={dmy_slash}"),
        "--json",
    )
    assert run.returncode == 0, run.stderr
    (result,) = json.loads(run.stdout)
    assert result["ok"] and result["rates_date"] == "2026-04-25" and result["new_points"] == 1
    # Counts are written as counts: "1 new point", never "1 new points"; the run's summary last.
    http_server.route("/cbr-plain", fixture("central-banks/cbr_XML_daily_2026-04-25.xml"))
    again = _steppe(data_dir, "rates", "sync", "--provider", "cbr", "--url", http_server.url("/cbr-plain"))
    assert again.returncode == 0, again.stderr
    assert "0 new points" in again.stdout and "1 new points" not in again.stdout
    assert again.stdout.splitlines()[-1] == "Rates refreshed from 1 of 1 providers"
    http_server.route("/nbk.xml", fixture("central-banks/nbk_get_rates_fdate-01.04.2026.xml"))
    one = _steppe(data_dir, "rates", "sync", "--provider", "nbk", "--url", http_server.url("/nbk.xml"))
    assert "rates of 2026-04-01, 1 new point (" in one.stdout and "1 new points" not in one.stdout
    history = json.loads(_steppe(data_dir, "rates", "history", "RUB", "--json").stdout)
    assert history["provider"] == "exchange-api"  # the market series stays the default
    run = _steppe(data_dir, "convert", "1,000", "USD", "KZT", "--date", "2025-06-01", "--json")
    converted = json.loads(run.stdout)
    assert converted["from"] == "USD" and converted["to"] == "KZT" and converted["amount"] == 1000
    assert 400_000 < converted["result"] < 600_000
    run = _steppe(data_dir, "convert", "5", "XYZ", "USD")
    assert run.returncode == 2 and "XYZ" in run.stderr
    down = _steppe(data_dir, "rates", "sync", "--provider", "nbk", "--url", http_server.url("/none"))
    assert down.returncode == 1 and "FAILED" in down.stdout
    both = _steppe(data_dir, "rates", "sync", "--provider", "nbk", "--provider", "cbr", "--url", "http://x/")
    assert both.returncode == 2 and "single --provider" in both.stderr
    # A stored URL template stands in for the provider's own on every later sync.
    http_server.route("/kg/daily.xml", fixture("central-banks/nbkr_daily_2026-05-24.xml"))
    stored = _steppe(
        data_dir,
        "rates",
        "settings",
        "--provider",
        "nbkr",
        "--url",
        http_server.url("/kg/daily.xml"),
        "--json",
    )
    rows = {r["provider"]: r for r in json.loads(stored.stdout)["providers"]}
    assert rows["nbkr"]["urls"] == [http_server.url("/kg/daily.xml")]
    synced = json.loads(_steppe(data_dir, "rates", "sync", "--provider", "nbkr", "--json").stdout)
    assert synced[0]["ok"] and synced[0]["rates_date"] == "2026-05-24"
    reset = json.loads(
        _steppe(data_dir, "rates", "settings", "--provider", "nbkr", "--url", "default", "--json").stdout
    )
    assert [r["urls"] for r in reset["providers"] if r["provider"] == "nbkr"] == [
        ["https://www.nbkr.kg/XML/daily.xml"]
    ]


def test_a_provider_without_dated_urls_is_not_back_filled(
    library: Library, http_server: FixtureServer, client: HttpClient
) -> None:
    http_server.route("/kg/daily.xml", fixture("central-banks/nbkr_daily_2026-05-24.xml"))
    (result,) = library.rates.refresh(
        ["nbkr"], url=http_server.url("/kg/daily.xml"), since=dt.date(2026, 5, 1), client=client
    ).results
    assert result.ok and result.backfilled == () and len(http_server.requests) == 1
    assert any("not back-filled" in n for n in result.notes)
