"""Rates and money: frozen values handed out by the Library, and the one way each is written."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from reader.core.types.changes import Changes

# The ticker's currencies, in its order: the sidebar's default list and `steppe rates`'s.
TICKER_CURRENCIES = ("KGS", "KZT", "TJS", "UZS", "TMT")
MARKET_PROVIDER = "exchange-api"  # the series the sidebar, the converter and the money context use
PROVIDER_NAMES = {
    "exchange-api": "exchange-api (fawazahmed0, CC0)",
    "nbk": "National Bank of Kazakhstan",
    "cbu": "Central Bank of Uzbekistan",
    "nbkr": "National Bank of the Kyrgyz Republic",
    "nbt": "National Bank of Tajikistan",
    "cbt": "Central Bank of Turkmenistan",
    "cbr": "Central Bank of Russia",
}


def provider_name(key: str) -> str:
    return PROVIDER_NAMES.get(key, key)


def usd_scale(value: float) -> tuple[float, str | None, int]:
    """How a dollar amount is written: the number, its scale word ("trillion", "billion",
    "million", or None) and its decimals — format_usd's rule, which the window writes in its
    own language and numbers (reader.ui.pane_words)."""
    size = abs(value)
    for limit, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if size >= limit:
            return value / limit, word, 1
    return value, None, 0 if size >= 100 else 2


def format_usd(value: float | None) -> str:
    """The one dollar formatter: "$38.1 million", "$1.2 trillion", "$412", "$0.03"."""
    if value is None:
        return "no rate stored"
    number, word, decimals = usd_scale(value)
    written = f"${number:,.{decimals}f}"
    return f"{written} {word}" if word else written


def format_change(change_pct: float | None) -> str:
    """As the ticker prints it, to two decimals: "0.37%", "-0.18%"; a change that rounds to
    nothing is "0.00%" whichever side of zero it was (never "-0%")."""
    if change_pct is None:
        return "—"
    rounded = round(change_pct, 2)
    if rounded == 0:
        return "0.00%"
    return f"{rounded:.2f}%"


def format_rate(value: float, decimals: int = 2, significant: int = 3) -> str:
    """`value` with `decimals` decimals, or more where that would show fewer than `significant`
    digits: 0.10840 stays "0.10840" at 5, 1/11,800 is "0.0000847", not "0.00008"."""
    size = abs(value)
    if size > 0 and math.isfinite(size):
        leading = math.floor(math.log10(size))  # 0.0000847 -> -5
        decimals = max(decimals, significant - 1 - leading)
    return f"{value:,.{decimals}f}"


@dataclass(frozen=True)
class RateQuote:
    """The latest rate of a currency against the US dollar, with its change since the point before."""

    currency: str
    name: str
    units_per_usd: float
    as_of: dt.date
    provider: str
    previous_units_per_usd: float | None = None
    previous_as_of: dt.date | None = None

    @property
    def usd_per_unit(self) -> float:
        return 1.0 / self.units_per_usd

    @property
    def change_pct(self) -> float | None:
        """Change of the currency's dollar value (positive: the currency strengthened)."""
        if self.previous_units_per_usd is None:
            return None
        return (self.previous_units_per_usd / self.units_per_usd - 1.0) * 100.0

    @property
    def ticker(self) -> str:
        """ "TJS/USD = 0.10840 0.37%": dollars per unit to five decimals (at least three
        significant digits: "UZS/USD = 0.0000847"), then the change of that dollar value."""
        return f"{self.currency}/USD = {format_rate(self.usd_per_unit, 5)} {format_change(self.change_pct)}"

    @property
    def inverse(self) -> str:
        """ "1 USD = 87.45 KGS" (at least three significant digits: "1 USD = 0.921 EUR")."""
        return f"1 USD = {format_rate(self.units_per_usd, 2)} {self.currency}"

    @property
    def trend(self) -> int:
        """+1 up, -1 down, 0 flat, as the ticker rounds the change."""
        change = round(self.change_pct or 0.0, 2)
        return 1 if change > 0 else -1 if change < 0 else 0


@dataclass(frozen=True)
class RateSeries:
    """A currency's history from one provider, oldest first."""

    currency: str
    provider: str
    dates: tuple[dt.date, ...] = field(default=())
    units_per_usd: tuple[float, ...] = field(default=())


@dataclass(frozen=True)
class MoneyContext:
    """An amount of money a story states, with its US-dollar value (rates issue).

    Where the story states its own dollar figure beside the amount ("(about $38 million)"),
    `publisher_usd` and `publisher_text` carry it. When ours and the publisher's differ by more
    than a factor of ten, the amount was misread: `misread` is set and our dollar values are
    withheld (None), so only the publisher's figure is shown."""

    text: str  # as written in the story, e.g. "20.6 billion tenge"
    currency: str  # ISO 4217
    amount: float  # in units of `currency`
    usd_at_published: float | None  # at the rate of the story's date, None if no rate is stored
    usd_today: float | None  # at the newest stored rate
    start: int = 0  # character offsets of `text` in the story's content_text
    end: int = 0
    publisher_usd: float | None = None  # the story's own dollar figure for this amount
    publisher_text: str | None = None  # as written, e.g. "about $38 million"
    misread: bool = False  # ours and the publisher's differ by more than 10×: ours is withheld
    range_text: str | None = None  # a range's two ends both carry it: "5 and 6 billion tenge"
    rate_date: dt.date | None = None  # the date of the rate `usd_at_published` used (on or before)
    today_rate_date: dt.date | None = None  # the date of the newest rate, `usd_today`'s

    @property
    def label(self) -> str:
        """The amount as a reader should see it listed: a range's bare lower end gets its range."""
        if self.range_text and not any(c.isalpha() for c in self.text):
            return f"{self.text} (in “{self.range_text}”)"
        return self.text


@dataclass(frozen=True)
class Conversion:
    """An amount converted between two currencies through the US dollar (rates issue)."""

    amount: float
    from_currency: str
    to_currency: str
    result: float
    rate: float  # units of `to_currency` per unit of `from_currency`
    as_of: dt.date | None  # the older of the two rates' dates; None for USD to USD


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


@dataclass(frozen=True)
class ProviderInfo:
    """A rates provider as `steppe rates settings` lists it."""

    key: str
    name: str
    enabled: bool
    urls: tuple[str, ...]
    status: ProviderStatus | None


@dataclass(frozen=True)
class RateFetch:
    """How one provider's fetch went in a rates refresh."""

    provider: str
    ok: bool
    new_points: int = 0
    rates_date: dt.date | None = None
    url: str | None = None
    error: str | None = None
    backfilled: tuple[dt.date, ...] = ()
    notes: tuple[str, ...] = field(default=())
    # The provider's file could not be had and its currencies stand at a legal peg instead
    # (Turkmenistan's 3.5 manat per dollar): not a refresh (`ok` is False), said apart.
    peg: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class RatesReport:
    """A rates refresh: one RateFetch per provider asked."""

    results: tuple[RateFetch, ...]
    cancelled: bool = False

    @property
    def changes(self) -> Changes:
        return Changes(rates=True)  # points or at least the providers' states were written

    @property
    def offline(self) -> bool:
        """No provider answered (a legal peg is no answer)."""
        return bool(self.results) and not any(r.ok for r in self.results)

    def summary(self) -> str:
        """ "Rates refreshed from 6 of 7 providers; unreachable: …", "Rates offline: no provider
        could be reached"; a peg is named as one ("TMT at its legal peg of 3.5 per US dollar")."""
        ok = [r for r in self.results if r.ok]
        failed = [r for r in self.results if not r.ok]
        if self.offline:
            who = "the provider could not" if len(self.results) == 1 else "no provider could"
            text = f"Rates offline: {who} be reached"
        else:
            text = f"Rates refreshed from {len(ok)} of {len(self.results)} providers"
            if failed:
                text += f"; unreachable: {', '.join(provider_name(r.provider) for r in failed)}"
        pegs = [
            f"{code} at its legal peg of {value:g} per US dollar"
            for r in self.results
            for code, value in r.peg
        ]
        if pegs:
            text += "; " + ", ".join(pegs)
        if self.cancelled:
            text += " (cancelled)"
        return text


@dataclass(frozen=True)
class StoryMarker:
    """A story a currency's chart marks on its date."""

    story_id: int
    title: str
    date: dt.date
