"""National Bank of Kazakhstan: official KZT rates.

get_rates.cfm?fdate=DD.MM.YYYY answers <rates><date>DD.MM.YYYY</date><item><title>ISO
<description>KZT per <quant> units. The older rates_all.xml RSS has <item><pubDate>DD.MM.YY.
Both are read; divide by quant.
"""

from __future__ import annotations

from reader.core.providers.base import (
    BankTable,
    Provider,
    RatePayloadError,
    RatesPayload,
    decimal,
    dmy,
    xml_root,
)

KEY = "nbk"


def parse_table(payload: bytes) -> BankTable:
    root = xml_root(payload, KEY)
    items = root.findall("item") or root.findall("channel/item")
    if not items:
        raise RatePayloadError(KEY, "no <item> rates")
    date_text = root.findtext("date") or items[0].findtext("pubDate")
    day = dmy(date_text, KEY)
    per_unit: dict[str, float] = {}
    for item in items:
        code = (item.findtext("title") or "").strip().upper()
        if len(code) != 3:
            continue
        quant = decimal(item.findtext("quant") or "1", KEY, f"{code} quant")
        per_unit[code] = decimal(item.findtext("description"), KEY, f"{code} rate") / quant
    return BankTable(day, "KZT", per_unit)


def parse(payload: bytes) -> RatesPayload:
    return parse_table(payload).per_usd(KEY)


PROVIDER = Provider(
    key=KEY,
    name="National Bank of Kazakhstan",
    kind="official",
    urls=("https://nationalbank.kz/rss/get_rates.cfm?fdate={dmy}",),
    parse=parse,
    stores=("KZT",),
    dated=True,
    attribution="Official rates of the National Bank of Kazakhstan (nationalbank.kz)",
)
