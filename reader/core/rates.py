"""Currency rates held in the cache: latest quotes with their change, and history series.

Rates are stored as units of a currency per US dollar, per provider and date. The sidebar shows
them the other way round, as timesca.com's ticker does: "TJS/USD = 0.10840 0.37%".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection, select

from reader.core.errors import UnknownCurrency
from reader.core.models import Currency, RatePoint
from reader.core.types import RateQuote, RateSeries

# The ticker's currencies, in its order.
TICKER_CURRENCIES = ("KGS", "KZT", "TJS", "UZS", "TMT")
DEFAULT_PROVIDER = "exchange-api"
PROVIDER_NAMES = {
    "exchange-api": "exchange-api (fawazahmed0, CC0)",
}


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
        .where(RatePoint.currency_code == code, RatePoint.provider == provider)
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
        .where(RatePoint.currency_code == code, RatePoint.provider == provider)
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
