"""exchange-api by fawazahmed0 (data CC0-1.0): market rates for ~300 currencies, daily.

Layout: {"date": "2026-09-29", "usd": {"kzt": 441.23, ...}}: lowercase keys, units per 1 USD.
Served from jsDelivr's npm CDN, with Cloudflare Pages as the documented fallback.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from reader.core.providers.base import Provider, RatePayloadError, RatesPayload, load_json

KEY = "exchange-api"
JSDELIVR = "https://cdn.jsdelivr.net/npm/@fawazahmed0/currency-api@{date}/v1/currencies/usd.min.json"
PAGES_DEV = "https://{date}.currency-api.pages.dev/v1/currencies/usd.min.json"


def parse(payload: bytes) -> RatesPayload:
    data: Any = load_json(payload, KEY)
    if not isinstance(data, dict):
        raise RatePayloadError(KEY, "not the usd.json layout (not a JSON object)")
    try:
        day = dt.date.fromisoformat(data["date"])
        table = data["usd"]
    except (ValueError, KeyError, TypeError) as exc:
        raise RatePayloadError(KEY, f"not the usd.json layout ({exc.__class__.__name__}: {exc})") from None
    if not isinstance(table, dict):
        raise RatePayloadError(KEY, '"usd" is not an object')
    # Fiat and metal codes are three letters; tokens such as "1inch" or "ar" are skipped. A value
    # that is not a JSON number (a string, null, an object) is kept as NaN, so the rate checks
    # refuse it by name ("not a number") instead of it silently vanishing; JSON true/false stay
    # booleans for the same reason.
    rates = {
        code.upper(): value if isinstance(value, int | float) else math.nan
        for code, value in table.items()
        if len(code) == 3 and code.isascii() and code.isalpha()
    }
    if not rates:
        raise RatePayloadError(KEY, "no rates in the payload")
    return RatesPayload(day, rates)


PROVIDER = Provider(
    key=KEY,
    name="exchange-api (fawazahmed0, CC0)",
    kind="market",
    urls=(JSDELIVR, PAGES_DEV),
    parse=parse,
    stores=None,
    dated=True,
    attribution="exchange-api by Fawaz Ahmed (fawazahmed0), data licensed CC0-1.0",
)
