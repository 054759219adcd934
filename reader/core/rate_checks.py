"""The rules a rate must pass before it is stored, in one place (`rates.screen_points` applies
them to every point any provider reports).

A rate is units of a currency per US dollar. It is refused when it is not a plain finite number
(JSON `true` is an int to Python), not positive, absurd (outside 1e-9 … 1e12), dated after
tomorrow (UTC; a bank may publish tomorrow's rate today) or before 1990, or more than ten times
away from the same series' nearest stored value within 30 days.

Why ten: the region's largest one-day moves are far smaller — Uzbekistan's 2017 liberalisation
roughly doubled UZS per dollar overnight, Kazakhstan's 2015 float took KZT per dollar from 188 to
about 255, Turkmenistan's 2015 devaluation moved 2.85 to 3.5, the rouble's 2014 and 2022 falls
stayed within a factor of two — while a feed's own errors are factors of 100 or 1000 (a dropped
nominal, a per-100 quote read as per-1). A redenomination would also be refused, but only for 30
days: after that the old values are no longer neighbours and the new series starts again.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

MIN_RATE = 1e-9  # units per USD; bitcoin at a million dollars is 1e-6
MAX_RATE = 1e12  # the largest real quotes (the rial, the bolívar) are near 1e6
BAND = 10.0  # a factor either way from the series' neighbouring stored value
BAND_DAYS = 30  # how far a stored value still counts as a neighbour
EARLIEST = dt.date(1990, 1, 1)


@dataclass(frozen=True)
class RejectedPoint:
    """A rate that was not stored, and why (in words for the user and the log)."""

    provider: str
    currency: str
    date: dt.date
    value: object
    reason: str

    def __str__(self) -> str:
        return f"{self.currency} on {self.date.isoformat()} not stored: {self.reason}"


def latest_date(today: dt.date | None = None) -> dt.date:
    """The newest date a rate may carry: tomorrow, in UTC."""
    return (today or dt.datetime.now(dt.UTC).date()) + dt.timedelta(days=1)


def value_problem(value: object) -> str | None:
    """Why `value` cannot be a rate, or None if it can."""
    if isinstance(value, bool):
        return f"{str(value).lower()} is not a rate"
    if not isinstance(value, int | float) or math.isnan(value):
        return "the value is not a number"
    if math.isinf(value):
        return "the value is infinite"
    if value <= 0:
        return f"{_shown(value)} is not positive"
    if not MIN_RATE <= value <= MAX_RATE:
        return f"{_shown(value)} is far outside any real rate"
    return None


def date_problem(day: dt.date, today: dt.date | None = None) -> str | None:
    if day > latest_date(today):
        return "it is dated in the future"
    if day < EARLIEST:
        return "it is dated before 1990"
    return None


def band_problem(value: float, neighbour: float | None) -> str | None:
    """Why `value` is implausible next to the series' nearest stored value, or None."""
    if neighbour is None or neighbour / BAND <= value <= neighbour * BAND:
        return None
    return (
        f"{_shown(value)} is more than {BAND:g} times away from {_shown(neighbour)}, stored for a nearby date"
    )


def _shown(value: float) -> str:
    return f"{value:.6g}"
