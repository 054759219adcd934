"""Fetching rates from the providers and storing them through the Library's rates part.

For each provider: the latest payload first (each URL template in turn, so jsDelivr falls back
to pages.dev), then the missing dates back to `since` (or the days since the last stored point,
at most `GAP_DAYS`). A payload is parsed whole before anything is written: a bad one changes
nothing. A provider that fails is recorded as offline; the others carry on.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

import httpx

from reader import __version__
from reader.core.providers import (
    PROVIDERS,
    Provider,
    ProviderError,
    RatePayloadError,
    RatesPayload,
    expand_url,
)
from reader.core.providers import get_provider as get_provider
from reader.core.types import NewPoint, ProviderStatus, RateFetch, RatesReport
from reader.core.types.settings import PROVIDER_URLS, RATES_PROVIDERS

if TYPE_CHECKING:
    from reader.core.settings import Settings


class RateStore(Protocol):
    """What a refresh needs of the Library's rates part (reader.core.rates.Rates)."""

    def currencies(self) -> list[tuple[str, str]]: ...

    def stored_dates(self, provider: str, currency: str, since: dt.date | None = None) -> set[dt.date]: ...

    def store_points(self, provider: str, points: Sequence[NewPoint]) -> int: ...

    def record_fetch(self, status: ProviderStatus) -> None: ...


DATE_PLACEHOLDERS = ("{date}", "{iso}", "{dmy}", "{dmy_slash}", "{dmy_compact}")
GAP_DAYS = 31  # without --since, back-fill at most this many days since the last stored point
MAX_BACKFILL = 3700  # a hard bound on dated requests per provider and run (about ten years)
TIMEOUT = httpx.Timeout(15.0, connect=8.0)


def url_templates(settings: Settings, provider: Provider, override: str | None = None) -> list[str]:
    if override:
        return [override]
    stored = settings.get(PROVIDER_URLS[provider.key]) if provider.key in PROVIDER_URLS else ()
    return list(stored) or list(provider.urls)


def enabled_providers(settings: Settings) -> list[str]:
    return [k for k in settings.get(RATES_PROVIDERS) if k in PROVIDERS]


def make_client() -> httpx.Client:
    return httpx.Client(
        timeout=TIMEOUT,
        follow_redirects=True,
        headers={"User-Agent": f"SteppeReader/{__version__} (+rates)"},
    )


def fetch_payload(
    client: httpx.Client, provider: Provider, templates: Sequence[str], day: dt.date | None, today: dt.date
) -> tuple[RatesPayload, str]:
    """The first URL that answers with a payload we can read, and that URL."""
    errors: list[str] = []
    url = ""
    for template in templates:
        url = expand_url(template, day, today)
        try:
            response = client.get(url)
        except httpx.HTTPError as exc:
            errors.append(f"{url}: {exc.__class__.__name__}: {exc}")
            continue
        if response.status_code != 200:
            errors.append(f"{url}: HTTP {response.status_code}")
            continue
        try:
            return provider.parse(response.content), url
        except RatePayloadError as exc:
            errors.append(f"{url}: {exc.reason}")
    raise ProviderError(provider.key, url, "; ".join(errors) or "no URL to try")


def points_of(provider: Provider, payload: RatesPayload, known: set[str]) -> list[NewPoint]:
    """The payload's points for the currencies this provider is trusted for."""
    wanted = set(provider.stores) if provider.stores is not None else known
    return [
        NewPoint(code, payload.date, rate)
        for code, rate in sorted(payload.units_per_usd.items())
        if code in wanted
    ]


def sync_provider(
    rates: RateStore,
    settings: Settings,
    key: str,
    *,
    url: str | None = None,
    since: dt.date | None = None,
    client: httpx.Client | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> RateFetch:
    provider = get_provider(key)
    today = today or dt.datetime.now(dt.UTC).date()
    templates = url_templates(settings, provider, url)
    known = {code for code, _name in rates.currencies()}
    check = provider.stores[0] if provider.stores else "EUR"
    have_before = rates.stored_dates(provider.key, check)
    own_client = client is None
    client = client or make_client()
    started = dt.datetime.now(dt.UTC)
    notes: list[str] = []
    try:
        try:
            payload, used_url = fetch_payload(client, provider, templates, None, today)
        except ProviderError as exc:
            if provider.peg and provider.peg_since and today >= provider.peg_since:
                payload = RatesPayload(today, dict(provider.peg))
                used_url = "peg"
                notes.append(f"{provider.name}'s file could not be had ({exc.cause}); used the legal peg")
            else:
                rates.record_fetch(ProviderStatus(provider.key, last_attempt_at=started, last_error=str(exc)))
                return RateFetch(provider.key, ok=False, error=str(exc))
        new = rates.store_points(provider.key, points_of(provider, payload, known))
        backfilled: list[dt.date] = []
        dated_urls = any(p in t for t in templates for p in DATE_PLACEHOLDERS)
        if since is not None and not (provider.dated and dated_urls):
            notes.append(
                f"{provider.name}: no past dates to ask for (the URL names no date); not back-filled"
            )
        if provider.dated and dated_urls and used_url != "peg":
            start = since
            if start is None and have_before:
                start = max(
                    max(have_before) + dt.timedelta(days=1), payload.date - dt.timedelta(days=GAP_DAYS)
                )
            if start is not None:
                have = rates.stored_dates(provider.key, check, start) | {payload.date}
                missing = [
                    start + dt.timedelta(days=i)
                    for i in range((payload.date - start).days)
                    if start + dt.timedelta(days=i) not in have
                ][-MAX_BACKFILL:]
                for day in missing:
                    if progress:
                        progress(f"{provider.key} {day.isoformat()}")
                    try:
                        dated, _ = fetch_payload(client, provider, templates, day, today)
                    except ProviderError as exc:
                        notes.append(f"{day.isoformat()}: {exc.cause}")
                        continue
                    if dated.date > day:
                        # NBT answers today's table for a date it has nothing for: not that day's.
                        notes.append(f"{day.isoformat()}: answered {dated.date.isoformat()} instead; skipped")
                        continue
                    new += rates.store_points(provider.key, points_of(provider, dated, known))
                    backfilled.append(dated.date)
        rates.record_fetch(
            ProviderStatus(
                provider.key,
                last_attempt_at=started,
                last_success_at=dt.datetime.now(dt.UTC),
                rates_date=payload.date,
                url=used_url,
            )
        )
        return RateFetch(
            provider.key,
            ok=True,
            new_points=new,
            rates_date=payload.date,
            url=used_url,
            backfilled=tuple(sorted(set(backfilled))),
            notes=tuple(notes),
        )
    finally:
        if own_client:
            client.close()


def sync_rates(
    rates: RateStore,
    settings: Settings,
    providers: Sequence[str] | None = None,
    *,
    url: str | None = None,
    since: dt.date | None = None,
    client: httpx.Client | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
    cancel: threading.Event | None = None,
) -> RatesReport:
    """Every provider in turn (default: the enabled ones); one failing never stops the others.
    `cancel` is checked between providers."""
    keys = list(providers) if providers else enabled_providers(settings)
    for key in keys:
        get_provider(key)  # an unknown name is a usage error before anything is fetched
    own_client = client is None
    client = client or make_client()
    results: list[RateFetch] = []
    try:
        for key in keys:
            if cancel is not None and cancel.is_set():
                break
            results.append(
                sync_provider(
                    rates, settings, key, url=url, since=since, client=client, today=today, progress=progress
                )
            )
    finally:
        if own_client:
            client.close()
    return RatesReport(tuple(results), cancelled=len(results) < len(keys))
