"""National Bank of Tajikistan: official TJS rates.

export_xml.php?date=YYYY-MM-DD answers <ValCurs Date="YYYY-MM-DD"><Valute><CharCode>
<Nominal><Value>9.3450. A date it has no rates for silently answers today's table: the sync
compares the Date attribute with the date it asked for.
"""

from __future__ import annotations

import datetime as dt

from reader.core.providers.base import (
    BankTable,
    Provider,
    RatePayloadError,
    RatesPayload,
    xml_rows,
    xml_table_root,
)

KEY = "nbt"


def parse_table(payload: bytes) -> BankTable:
    root = xml_table_root(payload, KEY, "ValCurs")
    try:
        day = dt.date.fromisoformat((root.get("Date") or "").strip())
    except ValueError:
        raise RatePayloadError(KEY, f"Date is not YYYY-MM-DD: {root.get('Date')!r}") from None
    per_unit = xml_rows(root, KEY, "Valute", lambda node: node.findtext("CharCode"), "Nominal", "Value")
    return BankTable(day, "TJS", per_unit)


def parse(payload: bytes) -> RatesPayload:
    return parse_table(payload).per_usd(KEY)


PROVIDER = Provider(
    key=KEY,
    name="National Bank of Tajikistan",
    kind="official",
    urls=("https://www.nbt.tj/en/kurs/export_xml.php?date={iso}&export=xmlout",),
    parse=parse,
    stores=("TJS",),
    dated=True,
    attribution="Official rates of the National Bank of Tajikistan (nbt.tj)",
)
