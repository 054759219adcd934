"""National Bank of the Kyrgyz Republic: official KGS rates.

daily.xml (and weekly.xml, which has no US dollar) are declared windows-1251 and write comma
decimals: <CurrencyRates Date="DD.MM.YYYY"><Currency ISOCode="USD"><Nominal>1</Nominal>
<Value>87,4500</Value>. Only today's file is published, so there is no back-fill.
"""

from __future__ import annotations

from reader.core.providers.base import (
    BankTable,
    Provider,
    RatesPayload,
    dmy,
    xml_rows,
    xml_table_root,
)

KEY = "nbkr"


def parse_table(payload: bytes) -> BankTable:
    root = xml_table_root(payload, KEY, "CurrencyRates")
    per_unit = xml_rows(root, KEY, "Currency", lambda node: node.get("ISOCode"), "Nominal", "Value")
    return BankTable(dmy(root.get("Date"), KEY), "KGS", per_unit)


def parse(payload: bytes) -> RatesPayload:
    return parse_table(payload).per_usd(KEY)


PROVIDER = Provider(
    key=KEY,
    name="National Bank of the Kyrgyz Republic",
    kind="official",
    urls=("https://www.nbkr.kg/XML/daily.xml",),
    parse=parse,
    stores=("KGS",),
    dated=False,
    attribution="Official rates of the National Bank of the Kyrgyz Republic (nbkr.kg)",
)
