"""Currency rates held in the cache: latest quotes with their change, history series, the
dollar value of the amounts a story states, and the Library's rates part (`Rates`).

Rates are stored as units of a currency per US dollar, per provider and date. The sidebar shows
them the other way round, as timesca.com's ticker does: "TJS/USD = 0.10840 0.37%".
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Connection, func, select
from sqlalchemy.dialects.sqlite import insert

from reader.core import rate_checks
from reader.core.errors import UnknownCurrency
from reader.core.models import Currency, RatePoint, RateProviderStatus
from reader.core.money import Amount, find_amounts
from reader.core.storage import Storage
from reader.core.types import (
    MARKET_PROVIDER,
    Changes,
    Conversion,
    MoneyContext,
    NewPoint,
    ProviderInfo,
    ProviderStatus,
    RateQuote,
    RateSeries,
    RatesReport,
    Story,
    StoryMarker,
)
from reader.core.types.settings import PROVIDER_URLS, RATES_PROVIDERS

log = logging.getLogger(__name__)

# Our dollar value and the publisher's own differ by more than this: we misread the amount.
MISREAD_FACTOR = 10.0

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from reader.core.http import HttpClient
    from reader.core.settings import Settings
    from reader.core.stories import Stories

DEFAULT_PROVIDER = MARKET_PROVIDER
OFFICIAL_DAYS = 92  # "Fetch official rates" back-fills this much: the chart's 3M range


def latest_quote(
    conn: Connection, currency: str, as_of: dt.date | None = None, provider: str | None = None
) -> RateQuote:
    """The newest point on or before `as_of`, and the point before it for the change."""
    code = currency.upper()
    name = conn.execute(select(Currency.name).where(Currency.code == code)).scalar_one_or_none()
    if name is None:
        raise UnknownCurrency(code)
    provider = provider or _preferred_provider(conn, code)
    stmt = (
        select(RatePoint.date, RatePoint.units_per_usd)
        .where(RatePoint.currency_code == code, RatePoint.provider == provider, *plausible_points())
        .order_by(RatePoint.date.desc())
        .limit(2)
    )
    if as_of is not None:
        stmt = stmt.where(RatePoint.date <= as_of)
    rows = conn.execute(stmt).all()
    if not rows:
        raise UnknownCurrency(code)
    previous = rows[1] if len(rows) > 1 else None
    return RateQuote(
        currency=code,
        name=name,
        units_per_usd=rows[0].units_per_usd,
        as_of=rows[0].date,
        provider=provider,
        previous_units_per_usd=previous.units_per_usd if previous else None,
        previous_as_of=previous.date if previous else None,
    )


def plausible_points() -> tuple[ColumnElement[bool], ...]:
    """What a stored point must be to be read: an older cache may hold a future date or an
    infinite value from before rates were checked; they never become "the latest rate"."""
    return (
        RatePoint.date <= rate_checks.latest_date(),
        RatePoint.units_per_usd.between(rate_checks.MIN_RATE, rate_checks.MAX_RATE),
    )


def _preferred_provider(conn: Connection, code: str) -> str:
    providers = set(
        conn.execute(select(RatePoint.provider).where(RatePoint.currency_code == code).distinct()).scalars()
    )
    if not providers or DEFAULT_PROVIDER in providers:
        return DEFAULT_PROVIDER
    return sorted(providers)[0]


def rate_series(
    conn: Connection,
    currency: str,
    since: dt.date | None = None,
    until: dt.date | None = None,
    provider: str | None = None,
) -> RateSeries:
    code = currency.upper()
    provider = provider or _preferred_provider(conn, code)
    stmt = (
        select(RatePoint.date, RatePoint.units_per_usd)
        .where(RatePoint.currency_code == code, RatePoint.provider == provider, *plausible_points())
        .order_by(RatePoint.date)
    )
    if since is not None:
        stmt = stmt.where(RatePoint.date >= since)
    if until is not None:
        stmt = stmt.where(RatePoint.date <= until)
    rows = conn.execute(stmt).all()
    if not rows and since is None and until is None:
        raise UnknownCurrency(code)
    return RateSeries(
        currency=code,
        provider=provider,
        dates=tuple(r.date for r in rows),
        units_per_usd=tuple(r.units_per_usd for r in rows),
    )


def series_arrays(series: RateSeries) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """(POSIX seconds at UTC midnight, units per USD): what a chart with a date axis plots."""
    import numpy as np  # only the chart needs it: not imported with the Library

    seconds = np.array(
        [dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC).timestamp() for d in series.dates],
        dtype=np.float64,
    )
    return seconds, np.array(series.units_per_usd, dtype=np.float64)


def stored_currencies(conn: Connection) -> list[tuple[str, str]]:
    """(code, name) of every currency that has at least one rate point, by code."""
    rows = conn.execute(
        select(Currency.code, Currency.name)
        .where(Currency.code.in_(select(RatePoint.currency_code).distinct()))
        .order_by(Currency.code)
    ).all()
    return [(r.code, r.name) for r in rows]


def units_per_usd_on(
    conn: Connection, currency: str, on: dt.date | None = None
) -> tuple[float, dt.date | None]:
    """(units of `currency` per USD, the rate's date) on or before `on` (None: the newest).

    The US dollar is the base of every stored rate, so it is 1.0 on any date.
    """
    code = currency.upper()
    if code == "USD":
        return 1.0, on
    quote = latest_quote(conn, code, as_of=on)
    return quote.units_per_usd, quote.as_of


def convert(
    conn: Connection, amount: float, from_currency: str, to_currency: str, on: dt.date | None = None
) -> Conversion:
    """`amount` of one stored currency in another, through the dollar, at the rate of `on`."""
    from_rate, from_date = units_per_usd_on(conn, from_currency, on)
    to_rate, to_date = units_per_usd_on(conn, to_currency, on)
    dates = [d for d in (from_date, to_date) if d is not None]
    return Conversion(
        amount=amount,
        from_currency=from_currency.upper(),
        to_currency=to_currency.upper(),
        result=amount / from_rate * to_rate,
        rate=to_rate / from_rate,
        as_of=min(dates) if dates else None,
    )


def money_context(
    conn: Connection, text: str, countries: Sequence[str], published: dt.date
) -> list[MoneyContext]:
    """The non-dollar amounts `text` states, valued in dollars at `published` and today, each
    checked against the publisher's own dollar figure where the story gives one."""
    rates: dict[tuple[str, dt.date | None], RateQuote | None] = {}

    def quote(amount: Amount, on: dt.date | None) -> RateQuote | None:
        key = (amount.currency, on)
        if key not in rates:
            try:
                rates[key] = latest_quote(conn, amount.currency, as_of=on)
            except UnknownCurrency:
                rates[key] = None
        return rates[key]

    def usd(amount: Amount, on: dt.date | None) -> float | None:
        found = quote(amount, on)
        return None if found is None else amount.amount / found.units_per_usd

    def rate_date(amount: Amount, on: dt.date | None) -> dt.date | None:
        found = quote(amount, on)
        return None if found is None else found.as_of

    contexts = []
    for a in find_amounts(text, countries):
        if a.is_usd:
            continue
        then, now = usd(a, published), usd(a, None)
        ours = then if then is not None else now
        misread = (
            a.stated_usd is not None
            and a.stated_usd > 0
            and ours is not None
            and ours > 0
            and not (1 / MISREAD_FACTOR <= ours / a.stated_usd <= MISREAD_FACTOR)
        )
        contexts.append(
            MoneyContext(
                text=a.text,
                currency=a.currency,
                amount=a.amount,
                usd_at_published=None if misread else then,
                usd_today=None if misread else now,
                start=a.start,
                end=a.end,
                publisher_usd=a.stated_usd,
                publisher_text=a.stated_usd_text,
                misread=misread,
                range_text=a.range_text,
                rate_date=rate_date(a, published),
                today_rate_date=rate_date(a, None),
            )
        )
    return contexts


def screen_points(
    conn: Connection, provider: str, points: Sequence[NewPoint], today: dt.date | None = None
) -> tuple[list[NewPoint], list[rate_checks.RejectedPoint]]:
    """The points that pass `rate_checks`, and those refused (each logged with its reason)."""
    neighbours = _neighbours(conn, provider, points)
    accepted: list[NewPoint] = []
    rejected: list[rate_checks.RejectedPoint] = []
    for p in points:
        code = p.currency.upper()
        reason = (
            rate_checks.value_problem(p.units_per_usd)
            or rate_checks.date_problem(p.date, today)
            or rate_checks.band_problem(p.units_per_usd, neighbours.get((code, p.date)))
        )
        if reason is None:
            accepted.append(p)
            continue
        refused = rate_checks.RejectedPoint(provider, code, p.date, p.units_per_usd, reason)
        log.warning("Rate from %s refused: %s", provider, refused)
        rejected.append(refused)
    return accepted, rejected


def _neighbours(
    conn: Connection, provider: str, points: Sequence[NewPoint]
) -> dict[tuple[str, dt.date], float]:
    """For each point, the series' stored value nearest its date (within BAND_DAYS, not the same
    date; the earlier one on a tie): what a new value is compared with."""
    found: dict[tuple[str, dt.date], float] = {}
    span = dt.timedelta(days=rate_checks.BAND_DAYS)
    for day in sorted({p.date for p in points}):
        codes = sorted({p.currency.upper() for p in points if p.date == day})
        rows = conn.execute(
            select(RatePoint.currency_code, RatePoint.date, RatePoint.units_per_usd).where(
                RatePoint.provider == provider,
                RatePoint.currency_code.in_(codes),
                RatePoint.date.between(day - span, day + span),
                RatePoint.date != day,
                *plausible_points(),
            )
        ).all()
        best: dict[str, tuple[tuple[int, int], float]] = {}
        for code, when, value in rows:
            distance = (abs((when - day).days), 0 if when < day else 1)
            if code not in best or distance < best[code][0]:
                best[code] = (distance, value)
        found.update({(code, day): value for code, (_d, value) in best.items()})
    return found


def store_points(
    conn: Connection, provider: str, points: Sequence[NewPoint], today: dt.date | None = None
) -> int:
    """Insert the points that pass the checks, replacing a provider's earlier value for the same
    date; returns new rows. A refused point is logged and never stored (nor is NaN ever sent)."""
    points, _refused = screen_points(conn, provider, points, today)
    if not points:
        return 0
    codes = sorted({p.currency.upper() for p in points})
    conn.execute(insert(Currency).values([{"code": c, "name": c} for c in codes]).on_conflict_do_nothing())
    before = _count(conn, provider)
    stmt = insert(RatePoint)
    conn.execute(
        stmt.on_conflict_do_update(
            index_elements=[RatePoint.currency_code, RatePoint.provider, RatePoint.date],
            set_={"units_per_usd": stmt.excluded.units_per_usd},
        ),
        [
            {
                "currency_code": p.currency.upper(),
                "date": p.date,
                "units_per_usd": float(p.units_per_usd),
                "provider": provider,
            }
            for p in points
        ],
    )
    return _count(conn, provider) - before


def _count(conn: Connection, provider: str) -> int:
    return int(conn.execute(select(func.count()).where(RatePoint.provider == provider)).scalar_one())


def stored_dates(
    conn: Connection, provider: str, currency: str, since: dt.date | None = None
) -> set[dt.date]:
    stmt = select(RatePoint.date).where(
        RatePoint.provider == provider, RatePoint.currency_code == currency.upper()
    )
    if since is not None:
        stmt = stmt.where(RatePoint.date >= since)
    return set(conn.execute(stmt).scalars())


def record_status(conn: Connection, status: ProviderStatus) -> None:
    """Store a fetch's outcome; a failure keeps the last success's time, date and URL."""
    values: dict[str, object] = {"last_attempt_at": status.last_attempt_at, "last_error": status.last_error}
    if status.last_error is None:
        values |= {
            "last_success_at": status.last_success_at,
            "rates_date": status.rates_date,
            "url": status.url,
        }
    conn.execute(
        insert(RateProviderStatus)
        .values(provider=status.provider, **values)
        .on_conflict_do_update(index_elements=[RateProviderStatus.provider], set_=values)
    )


def provider_statuses(conn: Connection) -> list[ProviderStatus]:
    rows = conn.execute(select(*RateProviderStatus.__table__.c).order_by(RateProviderStatus.provider)).all()
    return [
        ProviderStatus(
            provider=r.provider,
            last_attempt_at=r.last_attempt_at,
            last_success_at=r.last_success_at,
            rates_date=r.rates_date,
            url=r.url,
            last_error=r.last_error,
        )
        for r in rows
    ]


class Rates:
    """The rates part of the Library: quotes, series, conversion, money in stories, and the
    refresh from the providers (reader.core.ratesync, loaded on first use)."""

    def __init__(self, storage: Storage, settings: Settings, stories: Stories) -> None:
        self._storage = storage
        self._settings = settings
        self._stories = stories

    def latest(self, currencies: Sequence[str], as_of: dt.date | None = None) -> list[RateQuote]:
        with self._storage.read() as conn:
            return [latest_quote(conn, code, as_of) for code in currencies]

    def series(
        self,
        currency: str,
        since: dt.date | None = None,
        until: dt.date | None = None,
        provider: str | None = None,
    ) -> RateSeries:
        with self._storage.read() as conn:
            return rate_series(conn, currency, since, until, provider)

    def official_vs_market(self, currency: str) -> tuple[RateSeries, ...]:
        """The market series, and the currency's central-bank series where one is stored."""
        from reader.core.providers import OFFICIAL_FOR

        everything = dt.date(1900, 1, 1)
        found = [self.series(currency, provider=MARKET_PROVIDER, since=everything)]
        official = OFFICIAL_FOR.get(currency.upper())
        if official:
            series = self.series(currency, provider=official, since=everything)
            if series.dates:
                found.append(series)
        return tuple(found)

    @staticmethod
    def official_provider(currency: str) -> str | None:
        """The central bank whose official rate of `currency` the chart sets against the market."""
        from reader.core.providers import OFFICIAL_FOR

        return OFFICIAL_FOR.get(currency.upper())

    def refresh_official(
        self,
        currency: str,
        *,
        days: int = OFFICIAL_DAYS,
        progress: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
        today: dt.date | None = None,
        client: HttpClient | None = None,
    ) -> RatesReport:
        """Fetch `currency`'s official series (its central bank) and back-fill the last `days`
        days: what the chart's "Fetch official rates" asks. UnknownCurrency if it has none."""
        provider = self.official_provider(currency)
        if provider is None:
            raise UnknownCurrency(currency.upper())
        start = (today or dt.datetime.now(dt.UTC).date()) - dt.timedelta(days=days)
        return self.refresh(
            [provider], since=start, progress=progress, cancel=cancel, today=today, client=client
        )

    def currencies(self) -> list[tuple[str, str]]:
        with self._storage.read() as conn:
            return stored_currencies(conn)

    def convert(
        self, amount: float, from_currency: str, to_currency: str, on: dt.date | None = None
    ) -> Conversion:
        """`amount` converted through the dollar at the stored rates of `on` (None: newest)."""
        with self._storage.read() as conn:
            return convert(conn, amount, from_currency, to_currency, on)

    @staticmethod
    def arrays(series: RateSeries) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        """The series as (POSIX seconds, units per USD) arrays, what the chart plots."""
        return series_arrays(series)

    @staticmethod
    def parse_amount(text: str) -> float:
        """ "1,500" -> 1500.0, "12,5" -> 12.5; ValueError for anything else."""
        from reader.core.money import parse_number

        return parse_number(text.strip())

    def money_in(self, story: Story) -> list[MoneyContext]:
        """The amounts of money the story states, valued in US dollars then and now."""
        with self._storage.read() as conn:
            return money_context(
                conn, story.body_text, story.countries, story.published_at.astimezone(dt.UTC).date()
            )

    def money_context(self, story_id: int) -> list[MoneyContext]:
        return self.money_in(self._stories.get(story_id))

    def markers(self, currency: str) -> list[StoryMarker]:
        """The stories the currency's chart marks (reader.core.rate_markers)."""
        from reader.core.rate_markers import story_markers

        return story_markers(self._stories, currency)

    # -- what the refresh writes -------------------------------------------------------------

    def store_points(self, provider: str, points: Sequence[NewPoint], today: dt.date | None = None) -> int:
        """Insert or update a provider's points in one transaction; returns how many were new.
        Points that fail the rate checks (core/rate_checks.py) are logged and left out."""
        return self._storage.write(lambda conn: store_points(conn, provider, points, today))

    def screen_points(
        self, provider: str, points: Sequence[NewPoint], today: dt.date | None = None
    ) -> tuple[list[NewPoint], list[rate_checks.RejectedPoint]]:
        """The points that would be stored, and those that would be refused with the reason."""
        with self._storage.read() as conn:
            return screen_points(conn, provider, points, today)

    def stored_dates(self, provider: str, currency: str, since: dt.date | None = None) -> set[dt.date]:
        with self._storage.read() as conn:
            return stored_dates(conn, provider, currency, since)

    def last_value(self, provider: str, currency: str) -> float | None:
        """The newest stored units-per-USD of a provider's series (None: nothing stored)."""
        with self._storage.read() as conn:
            return conn.execute(
                select(RatePoint.units_per_usd)
                .where(RatePoint.provider == provider, RatePoint.currency_code == currency.upper())
                .order_by(RatePoint.date.desc())
                .limit(1)
            ).scalar_one_or_none()

    def record_fetch(self, status: ProviderStatus) -> None:
        self._storage.write(lambda conn: record_status(conn, status))

    def provider_statuses(self) -> list[ProviderStatus]:
        with self._storage.read() as conn:
            return provider_statuses(conn)

    def providers(self) -> list[ProviderInfo]:
        """Every provider with whether a refresh asks it, its URL templates and its last fetch."""
        from reader.core import ratesync
        from reader.core.providers import PROVIDERS

        enabled = self._settings.get(RATES_PROVIDERS)
        statuses = {s.provider: s for s in self.provider_statuses()}
        return [
            ProviderInfo(
                key, provider.name, key in enabled,
                tuple(ratesync.url_templates(self._settings, provider)), statuses.get(key),
            )
            for key, provider in PROVIDERS.items()
        ]  # fmt: skip

    def set_url(self, provider: str, templates: Sequence[str] | None) -> Changes:
        """A provider's URL templates (None or empty: its own)."""
        option = PROVIDER_URLS[provider]
        return self._settings.set(option, tuple(templates or ()))

    def refresh(
        self,
        providers: Sequence[str] | None = None,
        *,
        url: str | None = None,
        since: dt.date | None = None,
        progress: Callable[[str], None] | None = None,
        cancel: threading.Event | None = None,
        today: dt.date | None = None,
        client: HttpClient | None = None,
    ) -> RatesReport:
        """Fetch the latest rates from the providers (default: the enabled ones) and back-fill
        the missing dates; one failing never stops the others."""
        from reader.core import ratesync

        return ratesync.sync_rates(
            self,
            self._settings,
            providers,
            url=url,
            since=since,
            progress=progress,
            cancel=cancel,
            today=today,
            client=client,
        )
