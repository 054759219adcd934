"""National Bank of the Kyrgyz Republic: official KGS rates.

daily.xml (and weekly.xml, which has no US dollar) are declared windows-1251 and write comma
decimals: <CurrencyRates Date="DD.MM.YYYY"><Currency ISOCode="USD"><Nominal>1</Nominal>
<Value>87,4500</Value>. Only today's file is published, so there is no back-fill.
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

KEY = "nbkr"


def parse_table(payload: bytes) -> BankTable:
    root = xml_root(payload, KEY)
    if root.tag != "CurrencyRates":
        raise RatePayloadError(KEY, f"root is <{root.tag}>, not <CurrencyRates>")
    day = dmy(root.get("Date"), KEY)
    per_unit: dict[str, float] = {}
    for node in root.findall("Currency"):
        code = (node.get("ISOCode") or "").upper()
        nominal = decimal(node.findtext("Nominal") or "1", KEY, f"{code} Nominal")
        per_unit[code] = decimal(node.findtext("Value"), KEY, f"{code} Value") / nominal
    if not per_unit:
        raise RatePayloadError(KEY, "no <Currency> rates")
    return BankTable(day, "KGS", per_unit)


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
