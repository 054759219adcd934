"""What every rates provider shares: the parsed payload, the provider's description, URL templates.

A provider turns one HTTP payload into units of each currency per US dollar on the payload's
own date. Central banks quote their home currency per unit (or per 10, 100, 1000... units) of
each foreign currency; `BankTable.per_usd()` turns that into the per-dollar form we store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.core.errors import ReaderError


class RatePayloadError(ReaderError, ValueError):
    """A provider answered with something that is not the rates payload we know."""

    def __init__(self, provider: str, reason: str) -> None:
        super().__init__(f"{provider}: unusable rates payload: {reason}")
        self.provider = provider
        self.reason = reason


class ProviderError(ReaderError):
    """A provider could not be reached, or every URL tried failed."""

    def __init__(self, provider: str, url: str, cause: str, *, network_failure: bool = False) -> None:
        super().__init__(f"{provider}: {cause}")
        self.provider = provider
        self.url = url
        self.cause = cause
        self.network_failure = network_failure  # every URL failed to connect or answer in time


class UnknownProvider(ReaderError, LookupError):
    def __init__(self, key: str, known: list[str]) -> None:
        super().__init__(f"Unknown rates provider {key!r}; use one of {', '.join(known)}")
        self.key = key


@dataclass(frozen=True)
class RatesPayload:
    """What one payload says: units of each currency per US dollar on `date`."""

    date: dt.date
    units_per_usd: Mapping[str, float]


@dataclass(frozen=True)
class BankTable:
    """A central bank's table: units of its home currency per ONE unit of each other currency."""

    date: dt.date
    home: str
    home_per_unit: Mapping[str, float]

    def per_usd(self, provider: str) -> RatesPayload:
        usd = self.home_per_unit.get("USD")
        if usd is None or usd <= 0:
            raise RatePayloadError(provider, "no US dollar rate in the table")
        rates = {
            code: usd / value for code, value in self.home_per_unit.items() if value > 0 and code != "USD"
        }
        rates[self.home] = usd
        return RatesPayload(self.date, rates)


@dataclass(frozen=True)
class Provider:
    key: str
    name: str
    kind: str  # "market" or "official"
    urls: tuple[str, ...]  # default URL templates, tried in order
    parse: Callable[[bytes], RatesPayload]
    stores: tuple[str, ...] | None  # the currencies it is trusted for; None: every known one
    dated: bool  # whether a URL can name a past date (back-fill)
    attribution: str
    # A rate fixed by law, used when the provider's file cannot be had (Turkmenistan's peg).
    peg: Mapping[str, float] = field(default_factory=dict)
    peg_since: dt.date | None = None


_DECIMAL = re.compile(r"[0-9]{1,15}(?:[.,][0-9]{1,15})?")


def decimal(text: str | None, provider: str, what: str) -> float:
    """A number as banks write it: "87,4500" (comma decimals), "12194.21", " 9.3450 ". Nothing
    else: no exponent, no "inf"/"nan", no thousands separators (1.234,56 is refused, not guessed)."""
    if text is None or not text.strip():
        raise RatePayloadError(provider, f"{what} is empty")
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if not _DECIMAL.fullmatch(cleaned):
        raise RatePayloadError(provider, f"{what} is not a number: {text.strip()[:40]!r}")
    value = float(cleaned.replace(",", "."))
    if value <= 0:
        raise RatePayloadError(provider, f"{what} is not positive: {value}")
    return value


def dmy(text: str | None, provider: str) -> dt.date:
    """ "01.04.2026" (and the RSS's two-digit "18.04.16")."""
    try:
        assert text is not None
        day, month, year = (int(p) for p in text.strip().split("."))
    except (AssertionError, ValueError):
        raise RatePayloadError(provider, f"not a DD.MM.YYYY date: {text!r}") from None
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise RatePayloadError(provider, f"not a date: {text!r}") from None


class _NoDoctype(ET.TreeBuilder):
    """Refuses any DTD. No bank table has one, and a DTD is how entity bombs and external
    entities get in (expat limits the bombs; refusing the DTD keeps us out of that game)."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise _DoctypeRefused


class _DoctypeRefused(Exception):
    pass


def xml_root(payload: bytes, provider: str) -> ET.Element:
    """Parsed XML; the declared encoding (windows-1251 for NBKR and the CBR) is honoured."""
    parser = ET.XMLParser(target=_NoDoctype())
    try:
        parser.feed(payload)
        return parser.close()
    except _DoctypeRefused:
        raise RatePayloadError(provider, "XML with a DTD (refused: bank tables have none)") from None
    except ET.ParseError as exc:
        raise RatePayloadError(provider, f"not XML ({exc})") from None
    except LookupError as exc:  # an encoding Python does not know
        raise RatePayloadError(provider, f"XML in an unknown encoding ({exc})") from None


def xml_table_root(payload: bytes, provider: str, tag: str) -> ET.Element:
    """xml_root(), refusing any root element but the bank's own `tag`."""
    root = xml_root(payload, provider)
    if root.tag != tag:
        raise RatePayloadError(provider, f"root is <{root.tag}>, not <{tag}>")
    return root


def xml_rows(
    root: ET.Element,
    provider: str,
    row: str,
    code: Callable[[ET.Element], str | None],
    nominal: str,
    value: str,
) -> dict[str, float]:
    """Home-currency units per ONE unit of each currency, from the table's `row` elements: the
    currency's `code` (an attribute or a child), its `value` per `nominal` units (a child each,
    the nominal 1 when absent). The loop every XML bank table shares (CBR, NBT, CBT, NBKR)."""
    per_unit: dict[str, float] = {}
    for node in root.findall(row):
        name = (code(node) or "").strip().upper()
        units = decimal(node.findtext(nominal) or "1", provider, f"{name} {nominal}")
        per_unit[name] = decimal(node.findtext(value), provider, f"{name} {value}") / units
    if not per_unit:
        raise RatePayloadError(provider, f"no <{row}> rates")
    return per_unit


def load_json(payload: bytes, provider: str) -> Any:
    """Parsed JSON. A key given twice with different values is refused (which one would be
    true?), and so is nesting too deep for the parser."""

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result and result[key] != value:
                raise RatePayloadError(provider, f"the key {key[:40]!r} is given twice with different values")
            result[key] = value
        return result

    try:
        return json.loads(payload, object_pairs_hook=pairs)
    except RatePayloadError:
        raise
    except RecursionError:
        raise RatePayloadError(provider, "JSON nested too deep") from None
    except ValueError as exc:  # UnicodeDecodeError included
        raise RatePayloadError(provider, f"not JSON ({exc})") from None


def expand_url(template: str, day: dt.date | None, today: dt.date) -> str:
    """Fill a URL template. `{date}` is "latest" or YYYY-MM-DD; the others always name a day
    (today for the latest): `{iso}` YYYY-MM-DD, `{dmy}` DD.MM.YYYY, `{dmy_slash}` DD/MM/YYYY,
    `{dmy_compact}` DDMMYYYY, `{year}` YYYY."""
    when = day or today
    values = {
        "{date}": day.isoformat() if day else "latest",
        "{iso}": when.isoformat(),
        "{dmy}": when.strftime("%d.%m.%Y"),
        "{dmy_slash}": when.strftime("%d/%m/%Y"),
        "{dmy_compact}": when.strftime("%d%m%Y"),
        "{year}": f"{when.year:04d}",
    }
    url = template
    for key, value in values.items():
        url = url.replace(key, value)
    return url
