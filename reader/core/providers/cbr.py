"""Central Bank of Russia: official RUB rates (and its per-10/100/10000 quotes of the region's).

XML_daily.asp?date_req=DD/MM/YYYY answers raw windows-1251 with comma decimals:
<ValCurs Date="DD.MM.YYYY"><Valute ID="R01235"><CharCode>USD<Nominal>1<Value>75,5273.
KZT and KGS are quoted per 100, UZS per 10000, TJS per 10: divide by Nominal.
XML_dynamic.asp answers one currency over a date range (<Record Date=...>).
"""

from __future__ import annotations

import datetime as dt

from reader.core.providers.base import (
    BankTable,
    Provider,
    RatesPayload,
    decimal,
    dmy,
    xml_root,
    xml_rows,
    xml_table_root,
)

KEY = "cbr"


def parse_table(payload: bytes) -> BankTable:
    root = xml_table_root(payload, KEY, "ValCurs")
    per_unit = xml_rows(root, KEY, "Valute", lambda node: node.findtext("CharCode"), "Nominal", "Value")
    return BankTable(dmy(root.get("Date"), KEY), "RUB", per_unit)


def parse_dynamic(payload: bytes) -> list[tuple[dt.date, float]]:
    """(date, RUB per one unit) for each <Record> of an XML_dynamic.asp answer."""
    root = xml_root(payload, KEY)
    points = []
    for record in root.findall("Record"):
        nominal = decimal(record.findtext("Nominal") or "1", KEY, "Nominal")
        points.append(
            (dmy(record.get("Date"), KEY), decimal(record.findtext("Value"), KEY, "Value") / nominal)
        )
    return points


def parse(payload: bytes) -> RatesPayload:
    return parse_table(payload).per_usd(KEY)


PROVIDER = Provider(
    key=KEY,
    name="Central Bank of Russia",
    kind="official",
    urls=("https://www.cbr.ru/scripts/XML_daily.asp?date_req={dmy_slash}",),
    parse=parse,
    stores=("RUB",),
    dated=True,
    attribution="Official rates of the Central Bank of the Russian Federation (cbr.ru)",
)
