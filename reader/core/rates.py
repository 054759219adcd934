"""Currency rates held in the cache: latest quotes with their change, and history series.

Rates are stored as units of a currency per US dollar, per provider and date. The sidebar shows
them the other way round, as timesca.com's ticker does: "TJS/USD = 0.10840 0.37%".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sqlalchemy import ColumnElement, Connection, func, select
from sqlalchemy.dialects.sqlite import insert

from reader.core import rate_checks
from reader.core.errors import UnknownCurrency
from reader.core.models import Currency, RatePoint, RateProviderStatus
from reader.core.money import Amount, find_amounts
from reader.core.types import Conversion, MoneyContext, RateQuote, RateSeries

log = logging.getLogger(__name__)

# The ticker's currencies, in its order.
TICKER_CURRENCIES = ("KGS", "KZT", "TJS", "UZS", "TMT")
DEFAULT_PROVIDER = "exchange-api"
# Our dollar value and the publisher's own differ by more than this: we misread the amount.
MISREAD_FACTOR = 10.0
PROVIDER_NAMES = {
    "exchange-api": "exchange-api (fawazahmed0, CC0)",
    "nbk": "National Bank of Kazakhstan",
    "cbu": "Central Bank of Uzbekistan",
    "nbkr": "National Bank of the Kyrgyz Republic",
    "nbt": "National Bank of Tajikistan",
    "cbt": "Central Bank of Turkmenistan",
    "cbr": "Central Bank of Russia",
}


@dataclass(frozen=True)
class NewPoint:
    """A rate a provider reported: units of `currency` per US dollar on `date`."""

    currency: str
    date: dt.date
    units_per_usd: float


@dataclass(frozen=True)
class ProviderStatus:
    """A provider's last fetch, as stored in rate_provider_status."""

    provider: str
    last_attempt_at: dt.datetime | None = None
    last_success_at: dt.datetime | None = None
    rates_date: dt.date | None = None
    url: str | None = None
    last_error: str | None = None

    @property
    def is_offline(self) -> bool:
        """The last attempt failed (or none ever succeeded)."""
        return self.last_error is not None or self.last_success_at is None


def provider_name(key: str) -> str:
    return PROVIDER_NAMES.get(key, key)


def format_change(change_pct: float | None) -> str:
    """As the ticker prints it: "0.37%", "-0.18%", "0%", and "-0%" for a tiny fall."""
    if change_pct is None:
        return "—"
    rounded = round(change_pct, 2)
    if rounded == 0:
        return "-0%" if change_pct < 0 else "0%"
    return f"{rounded:.2f}%"


def format_ticker(quote: RateQuote) -> str:
    """ "TJS/USD = 0.10840 0.37%": dollars per unit to five decimals, then the change."""
    return f"{quote.currency}/USD = {quote.usd_per_unit:.5f} {format_change(quote.change_pct)}"


def format_inverse(quote: RateQuote) -> str:
    """ "1 USD = 87.45 KGS" """
    return f"1 USD = {quote.units_per_usd:,.2f} {quote.currency}"


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


def latest_quotes(
    conn: Connection, currencies: Sequence[str], as_of: dt.date | None = None
) -> list[RateQuote]:
    return [latest_quote(conn, code, as_of) for code in currencies]


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
    rates: dict[tuple[str, dt.date | None], float | None] = {}

    def usd(amount: Amount, on: dt.date | None) -> float | None:
        key = (amount.currency, on)
        if key not in rates:
            try:
                quote = latest_quote(conn, amount.currency, as_of=on)
            except UnknownCurrency:
                rates[key] = None
            else:
                rates[key] = quote.units_per_usd
        rate = rates[key]
        return None if rate is None else amount.amount / rate

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
            index_elements=[RatePoint.currency_code, RatePoint.date, RatePoint.provider],
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
