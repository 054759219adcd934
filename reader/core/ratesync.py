"""Fetching rates from the providers and storing them through the Library.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

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
from reader.core.rates import NewPoint, ProviderStatus

if TYPE_CHECKING:
    from reader.core.library import Library

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
SETTING_PROVIDERS = "rates.providers"  # the providers a refresh asks, in order
SETTING_URL = "rates.url.{key}"  # a provider's URL template (a string or a list tried in order)
SETTING_INTERVAL = "rates.refresh_minutes"
DEFAULT_INTERVAL_MINUTES = 60

log = logging.getLogger(__name__)
Screen = Callable[[RatesPayload], tuple[list[NewPoint], list[RejectedPoint]]]


@dataclass(frozen=True)
class SyncResult:
    provider: str
    ok: bool
    new_points: int = 0
    rates_date: dt.date | None = None
    url: str | None = None
    error: str | None = None
    backfilled: tuple[dt.date, ...] = ()
    notes: tuple[str, ...] = field(default=())


def url_templates(library: Library, provider: Provider, override: str | None = None) -> list[str]:
    if override:
        return [override]
    stored = library.setting(SETTING_URL.format(key=provider.key))
    if isinstance(stored, str) and stored.strip():
        return [stored.strip()]
    if isinstance(stored, list) and stored:
        return [str(u) for u in stored]
    return list(provider.urls)


def enabled_providers(library: Library) -> list[str]:
    keys = library.setting(SETTING_PROVIDERS)
    if isinstance(keys, list) and keys:
        return [k for k in keys if k in PROVIDERS]
    return list(PROVIDERS)


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
    library: Library,
    key: str,
    *,
    url: str | None = None,
    since: dt.date | None = None,
    client: HttpClient | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> SyncResult:
    """One provider's refresh. Whatever goes wrong with it (short of the database itself) is
    this provider's error, recorded and returned; the traceback of a bug goes to the log."""
    provider = get_provider(key)
    started = dt.datetime.now(dt.UTC)
    own_client = client is None
    client = client or make_client()
    try:
        return _sync_provider(library, provider, url, since, client, today, progress, started)
    except StorageError:
        raise
    except Exception:
        log.exception("Rates from %s could not be updated", provider.key)
        error = f"{provider.key}: could not be updated (an unexpected error; details in the log)"
        library.record_rate_fetch(ProviderStatus(provider.key, last_attempt_at=started, last_error=error))
        return SyncResult(provider.key, ok=False, error=error)
    finally:
        if own_client:
            client.close()


def _sync_provider(
    library: Library,
    provider: Provider,
    url: str | None,
    since: dt.date | None,
    client: HttpClient,
    today: dt.date | None,
    progress: Callable[[str], None] | None,
    started: dt.datetime,
) -> SyncResult:
    today = today or dt.datetime.now(dt.UTC).date()
    templates = url_templates(library, provider, url)
    known = {code for code, _name in library.currencies()}
    check = provider.stores[0] if provider.stores else "EUR"
    have_before = library.rate_dates(provider.key, check)
    notes: list[str] = []

    def screen(payload: RatesPayload) -> tuple[list[NewPoint], list[RejectedPoint]]:
        return library.screen_rate_points(provider.key, points_of(provider, payload, known), today)

    try:
        latest = fetch_payload(client, provider, templates, None, today, screen)
    except ProviderError as exc:
        if provider.peg and provider.peg_since and today >= provider.peg_since:
            pegged = RatesPayload(today, dict(provider.peg))
            latest = Fetched(pegged, "peg", *screen(pegged))
            notes.append(f"{provider.name}'s file could not be had ({exc.cause}); used the legal peg")
        else:
            library.record_rate_fetch(
                ProviderStatus(provider.key, last_attempt_at=started, last_error=str(exc))
            )
            return SyncResult(provider.key, ok=False, error=str(exc))
    payload, used_url = latest.payload, latest.url
    new = library.store_rate_points(provider.key, latest.points, today)
    notes += [str(r) for r in latest.refused]
    backfilled: list[dt.date] = []
    dated_urls = any(p in t for t in templates for p in DATE_PLACEHOLDERS)
    if since is not None and not (provider.dated and dated_urls):
        notes.append(f"{provider.name}: no past dates to ask for (the URL names no date); not back-filled")
    if provider.dated and dated_urls and used_url != "peg":
        start = since
        if start is None and have_before:
            start = max(max(have_before) + dt.timedelta(days=1), payload.date - dt.timedelta(days=GAP_DAYS))
        if start is not None:
            have = library.rate_dates(provider.key, check, start) | {payload.date}
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
                new += library.store_rate_points(provider.key, dated.points, today)
                notes += [str(r) for r in dated.refused]
                backfilled.append(dated.payload.date)
    library.record_rate_fetch(
        ProviderStatus(
            provider.key,
            last_attempt_at=started,
            last_success_at=dt.datetime.now(dt.UTC),
            rates_date=payload.date,
            url=used_url,
        )
    )
    return SyncResult(
        provider.key,
        ok=True,
        new_points=new,
        rates_date=payload.date,
        url=used_url,
        backfilled=tuple(sorted(set(backfilled))),
        notes=tuple(notes),
    )


def sync_rates(
    library: Library,
    providers: Sequence[str] | None = None,
    *,
    url: str | None = None,
    since: dt.date | None = None,
    client: HttpClient | None = None,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[SyncResult]:
    """Every provider in turn (default: the enabled ones); one failing never stops the others."""
    keys = list(providers) if providers else enabled_providers(library)
    for key in keys:
        get_provider(key)  # an unknown name is a usage error before anything is fetched
    own_client = client is None
    client = client or make_client()
    try:
        return [
            sync_provider(library, key, url=url, since=since, client=client, today=today, progress=progress)
            for key in keys
        ]
    finally:
        if own_client:
            client.close()
