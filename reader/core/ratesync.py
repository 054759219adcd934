"""Fetching rates from the providers and storing them through the Library's rates part.

For each provider: the latest payload first (each URL template in turn, so jsDelivr falls back
to pages.dev), then the missing dates back to `since` (or the days since the last stored point,
at most `GAP_DAYS`). Every answer comes through the app's bounded HTTP client (a 5 MiB cap, a
30 s deadline, a minimum rate). A payload is parsed whole and its points checked
(core/rate_checks.py) before anything is written: a bad one changes nothing, and one with
nothing usable is that provider's error. A provider that fails is recorded as offline; the
others carry on.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from reader import __version__
from reader.core.errors import StorageError
from reader.core.http import FetchError, HttpClient, Limits, is_network_failure
from reader.core.http.client import host_of
from reader.core.providers import (
    PROVIDERS,
    Provider,
    ProviderError,
    RatePayloadError,
    RatesPayload,
    expand_url,
)
from reader.core.providers import get_provider as get_provider
from reader.core.rate_checks import RejectedPoint
from reader.core.types import NewPoint, ProviderStatus, RateFetch, RatesReport
from reader.core.types.settings import PROVIDER_URLS, RATES_PROVIDERS

if TYPE_CHECKING:
    from reader.core.settings import Settings


class RateStore(Protocol):
    """What a refresh needs of the Library's rates part (reader.core.rates.Rates)."""

    def currencies(self) -> list[tuple[str, str]]: ...

    def stored_dates(self, provider: str, currency: str, since: dt.date | None = None) -> set[dt.date]: ...

    def screen_points(
        self, provider: str, points: Sequence[NewPoint], today: dt.date | None = None
    ) -> tuple[list[NewPoint], list[RejectedPoint]]: ...

    def store_points(
        self, provider: str, points: Sequence[NewPoint], today: dt.date | None = None
    ) -> int: ...

    def record_fetch(self, status: ProviderStatus) -> None: ...

    def last_value(self, provider: str, currency: str) -> float | None: ...


DATE_PLACEHOLDERS = ("{date}", "{iso}", "{dmy}", "{dmy_slash}", "{dmy_compact}")
GAP_DAYS = 31  # without --since, back-fill at most this many days since the last stored point
MAX_BACKFILL = 3700  # a hard bound on dated requests per provider and run (about ten years)
# Rates files are small: the largest recorded one, the CBU's JSON table, is 26 KB.
RATE_LIMITS = Limits(
    timeout=15.0,
    connect_timeout=8.0,
    deadline=30.0,
    max_bytes=5 * 1024 * 1024,
    user_agent=f"SteppeReader/{__version__} (+rates)",
)
GIVE_UP_AFTER = 3  # network failures in a row that end a back-fill (the rest waits for next time)

log = logging.getLogger(__name__)
Screen = Callable[[RatesPayload], tuple[list[NewPoint], list[RejectedPoint]]]


def url_templates(settings: Settings, provider: Provider, override: str | None = None) -> list[str]:
    if override:
        return [override]
    stored = settings.get(PROVIDER_URLS[provider.key]) if provider.key in PROVIDER_URLS else ()
    return list(stored) or list(provider.urls)


def enabled_providers(settings: Settings) -> list[str]:
    return [k for k in settings.get(RATES_PROVIDERS) if k in PROVIDERS]


def make_client() -> HttpClient:
    return HttpClient(RATE_LIMITS)


@dataclass(frozen=True)
class Fetched:
    """A payload that answered, with its points split into those to store and those refused."""

    payload: RatesPayload
    url: str
    points: list[NewPoint]
    refused: list[RejectedPoint]


def fetch_payload(
    client: HttpClient,
    provider: Provider,
    templates: Sequence[str],
    day: dt.date | None,
    today: dt.date,
    screen: Screen,
) -> Fetched:
    """The first URL that answers with a payload holding at least one usable point."""
    errors: list[str] = []
    network = bool(templates)  # stays True only if no URL answered at all
    url = ""
    for template in templates:
        url = expand_url(template, day, today)
        try:
            response = client.get(url)
        except FetchError as exc:
            log.info("%s: %s (%s)", provider.key, exc.cause, exc.detail)
            errors.append(exc.cause)
            network = network and is_network_failure(exc)
            continue
        network = False
        try:
            payload = provider.parse(response.body)
        except RatePayloadError as exc:
            errors.append(f"{host_of(url)} sent something that is not a rates file we know ({exc.reason})")
            continue
        points, refused = screen(payload)
        if points:
            return Fetched(payload, url, points, refused)
        if refused:
            more = f" (and {len(refused) - 1} more)" if len(refused) > 1 else ""
            errors.append(f"{host_of(url)} sent no usable rate: {refused[0]}{more}")
        else:
            errors.append(f"{host_of(url)} sent no rate for the currencies we follow")
    raise ProviderError(provider.key, url, "; ".join(errors) or "no URL to try", network_failure=network)


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
    client: HttpClient | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> RateFetch:
    """One provider's refresh. Whatever goes wrong with it (short of the database itself) is
    this provider's error, recorded and returned; the traceback of a bug goes to the log."""
    provider = get_provider(key)
    started = dt.datetime.now(dt.UTC)
    own_client = client is None
    client = client or make_client()
    try:
        return _sync_provider(rates, settings, provider, url, since, client, today, progress, started)
    except StorageError:
        raise
    except Exception:
        log.exception("Rates from %s could not be updated", provider.key)
        error = f"{provider.key}: could not be updated (an unexpected error; details in the log)"
        rates.record_fetch(ProviderStatus(provider.key, last_attempt_at=started, last_error=error))
        return RateFetch(provider.key, ok=False, error=error)
    finally:
        if own_client:
            client.close()


def _sync_provider(
    rates: RateStore,
    settings: Settings,
    provider: Provider,
    url: str | None,
    since: dt.date | None,
    client: HttpClient,
    today: dt.date | None,
    progress: Callable[[str], None] | None,
    started: dt.datetime,
) -> RateFetch:
    today = today or dt.datetime.now(dt.UTC).date()
    templates = url_templates(settings, provider, url)
    known = {code for code, _name in rates.currencies()}
    check = provider.stores[0] if provider.stores else "EUR"
    have_before = rates.stored_dates(provider.key, check)
    notes: list[str] = []

    def screen(payload: RatesPayload) -> tuple[list[NewPoint], list[RejectedPoint]]:
        return rates.screen_points(provider.key, points_of(provider, payload, known), today)

    try:
        latest = fetch_payload(client, provider, templates, None, today, screen)
    except ProviderError as exc:
        rates.record_fetch(ProviderStatus(provider.key, last_attempt_at=started, last_error=str(exc)))
        if provider.peg and provider.peg_since and today >= provider.peg_since:
            return _at_peg(rates, provider, today, screen, exc)
        return RateFetch(provider.key, ok=False, error=str(exc))
    payload, used_url = latest.payload, latest.url
    new = rates.store_points(provider.key, latest.points, today)
    notes += [str(r) for r in latest.refused]
    backfilled: list[dt.date] = []
    dated_urls = any(p in t for t in templates for p in DATE_PLACEHOLDERS)
    if since is not None and not (provider.dated and dated_urls):
        notes.append(f"{provider.name}: no past dates to ask for (the URL names no date); not back-filled")
    if provider.dated and dated_urls:
        start = since
        if start is None and have_before:
            start = max(max(have_before) + dt.timedelta(days=1), payload.date - dt.timedelta(days=GAP_DAYS))
        if start is not None:
            have = rates.stored_dates(provider.key, check, start) | {payload.date}
            missing = [
                start + dt.timedelta(days=i)
                for i in range((payload.date - start).days)
                if start + dt.timedelta(days=i) not in have
            ][-MAX_BACKFILL:]
            failures = 0
            for day in missing:
                if progress:
                    progress(f"{provider.key} {day.isoformat()}")
                try:
                    dated = fetch_payload(client, provider, templates, day, today, screen)
                except ProviderError as exc:
                    notes.append(f"{day.isoformat()}: {exc.cause}")
                    failures = failures + 1 if exc.network_failure else 0
                    if failures >= GIVE_UP_AFTER:
                        notes.append(f"back-fill stopped after {failures} failures in a row; the rest waits")
                        break
                    continue
                failures = 0
                if dated.payload.date > day:
                    # NBT answers today's table for a date it has nothing for: not that day's.
                    notes.append(
                        f"{day.isoformat()}: answered {dated.payload.date.isoformat()} instead; skipped"
                    )
                    continue
                new += rates.store_points(provider.key, dated.points, today)
                notes += [str(r) for r in dated.refused]
                backfilled.append(dated.payload.date)
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


def _at_peg(
    rates: RateStore, provider: Provider, today: dt.date, screen: Screen, exc: ProviderError
) -> RateFetch:
    """The provider's file could not be had: its currencies stand at the legal peg. That is no
    refresh (the provider stays offline), and a peg is a step, not a daily quote: a point is
    written only where the series does not already end at the peg (the first time, or after
    the peg changed), never a "fresh" one on every refresh."""
    peg = tuple(sorted(provider.peg.items()))
    stale = [
        NewPoint(code, today, value) for code, value in peg if rates.last_value(provider.key, code) != value
    ]
    new = 0
    if stale:
        points, _refused = screen(RatesPayload(today, {p.currency: p.units_per_usd for p in stale}))
        new = rates.store_points(provider.key, points, today)
    return RateFetch(
        provider.key,
        ok=False,
        new_points=new,
        error=str(exc),
        notes=(f"{provider.name}'s file could not be had ({exc.cause}); its legal peg stands",),
        peg=peg,
    )


def sync_rates(
    rates: RateStore,
    settings: Settings,
    providers: Sequence[str] | None = None,
    *,
    url: str | None = None,
    since: dt.date | None = None,
    client: HttpClient | None = None,
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
