"""Story dates read defensively: an impossible or implausible date is "no date", never an error.

Feeds write dates by hand and by broken templates: `0000-00-00T00:00:00Z`, month 13, the 30th of
February, year 10000, an offset of +25:00, a Unix timestamp of 0. feedparser quietly *normalises*
some of these (month 13 becomes January of the next year, `10000-01-01` becomes 2010) and hands
back others that `datetime` cannot hold (year -1). So the two shapes nearly every feed uses —
ISO 8601 / W3C-DTF and RFC 822 — are read here, strictly; anything else is left to feedparser's
many handlers and range-checked. A date before `EARLIEST` (the Unix epoch and its neighbours,
.NET's year 1) is no date either. Dates in the future are clamped by the caller (`clamp`), which
knows the fetch time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from typing import Final

EARLIEST: Final = dt.datetime(1970, 1, 2, tzinfo=dt.UTC)  # epoch 0 in any time zone is not a date
CLOCK_SKEW: Final = dt.timedelta(minutes=10)  # a date this far ahead of the fetch time is kept
_MAX_CHARS = 80  # no real date is longer; a long string is not worth a regular expression


class _Invalid:
    """The text has a date's shape, but no such moment exists."""


INVALID: Final = _Invalid()

_ISO = re.compile(
    r"""([+-]?\d{4,})-(\d{1,2})-(\d{1,2})
        (?:(?:[Tt]|\s+)(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:[.,]\d+)?)?)?
        \s*(Z|z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?""",
    re.VERBOSE,
)
_RFC822 = re.compile(
    r"""(?:[A-Za-z]{2,9}\.?,?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+([+-]?\d{2,})
        (?:[\sT]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:[.,]\d+)?)?
        \s*(.*)""",
    re.VERBOSE,
)
_OFFSET = re.compile(r"([+-])(\d{1,2}):?(\d{2})?\b")
_MONTHS = {
    name: n
    for n, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}  # fmt: skip
# RFC 822's zones and the region's own (feedparser reads MSK, UZT... as UTC).
_ZONES = {
    "z": 0, "ut": 0, "utc": 0, "gmt": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
    "mdt": -6, "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2, "eet": 2, "eest": 3,
    "msk": 3, "uzt": 5, "tjt": 5, "tmt": 5, "kgt": 6,
}  # fmt: skip
_MAX_OFFSET_HOURS = 14  # UTC+14 (Kiribati) is the furthest real offset


def parse_date_text(text: str) -> dt.datetime | _Invalid | None:
    """An ISO 8601 or RFC 822 date as an aware UTC datetime; INVALID when the text has one of
    those shapes but names no real moment; None when it has neither shape (ask feedparser)."""
    text = text.strip()
    if len(text) > _MAX_CHARS:
        return INVALID
    iso = _ISO.fullmatch(text)
    if iso is not None:
        year_text, month, day, hour, minute, second, zone = iso.groups()
        if len(year_text) != 4 or not year_text.isdigit():
            return INVALID  # year 10000, a signed year
        return _build(int(year_text), int(month), int(day), hour, minute, second, _iso_offset(zone))
    rfc = _RFC822.fullmatch(text)
    if rfc is not None:
        day, month_name, year_text, hour, minute, second, zone = rfc.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            return None  # a month name we do not know: maybe feedparser does
        if not year_text.isdigit() or len(year_text) > 4:
            return INVALID
        year = int(year_text)
        if len(year_text) == 2:
            year += 2000 if year < 50 else 1900  # RFC 2822 §4.3
        elif len(year_text) == 3:
            year += 1900
        return _build(year, month, int(day), hour, minute, second, _rfc_offset(zone))
    return None


def feed_moment(text: object, parsed: time.struct_time | None) -> dt.datetime | None:
    """A feed entry's date from feedparser's raw text and parsed struct (either may be missing)."""
    if isinstance(text, str) and text.strip():
        strict = parse_date_text(text)
        if isinstance(strict, _Invalid):
            return None
        if strict is not None:
            return strict if strict >= EARLIEST else None
    return _from_struct(parsed)


def text_moment(value: object) -> dt.datetime | None:
    """A date given as text of any JSON type (WordPress `date_gmt`): naive means UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    moment = parse_date_text(value)
    if moment is None or isinstance(moment, _Invalid) or moment < EARLIEST:
        return None
    return moment


def clamp(moment: dt.datetime | None, now: dt.datetime) -> dt.datetime | None:
    """A date after the fetch time (beyond CLOCK_SKEW) becomes the fetch time: a story cannot
    have been published later than we read it, and 9999-12-31 must not top the list for ever."""
    if moment is not None and moment > now + CLOCK_SKEW:
        return now
    return moment


def _build(
    year: int, month: int, day: int, hour: str | None, minute: str | None, second: str | None, offset: int
) -> dt.datetime | _Invalid:
    try:
        moment = dt.datetime(
            year, month, day, int(hour or 0), int(minute or 0), min(int(second or 0), 59), tzinfo=dt.UTC
        )  # a leap second (:60) is the last second of its minute
        return moment - dt.timedelta(minutes=offset)
    except (ValueError, OverflowError):
        return INVALID


def _iso_offset(zone: str | None) -> int:
    """Minutes east of UTC; an offset no clock uses is read as UTC."""
    if not zone or zone.upper() in ("Z", "UTC", "GMT"):
        return 0
    match = _OFFSET.match(zone)
    return _minutes(match) if match else 0


def _rfc_offset(rest: str) -> int:
    rest = rest.strip().lower()
    if not rest:
        return 0
    match = _OFFSET.match(rest)
    if match is not None:
        return _minutes(match)
    word = re.match(r"\(?([a-z]+)", rest)
    return _ZONES.get(word.group(1), 0) * 60 if word else 0  # an unknown zone: UTC, as feedparser does


def _minutes(match: re.Match[str]) -> int:
    sign, hours, minutes = match.groups()
    h, m = int(hours), int(minutes or 0)
    if h > _MAX_OFFSET_HOURS or m > 59:
        return 0
    return (-1 if sign == "-" else 1) * (h * 60 + m)


def _from_struct(parsed: time.struct_time | None) -> dt.datetime | None:
    """feedparser's struct (UTC), range-checked: it can hold years datetime cannot."""
    if parsed is None:
        return None
    try:
        seconds = calendar.timegm(parsed)
        moment = dt.datetime(1970, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=seconds)
    except (TypeError, ValueError, OverflowError):
        return None
    return moment if moment >= EARLIEST else None
