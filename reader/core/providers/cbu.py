"""Central Bank of Uzbekistan: official UZS rates.

/json/all/YYYY-MM-DD/ answers a JSON array of {Ccy, Nominal, Rate, Date "DD.MM.YYYY", ...}:
every value a string; Rate is UZS per Nominal units.
"""

from __future__ import annotations

from typing import Any

from reader.core.providers.base import (
    BankTable,
    Provider,
    RatePayloadError,
    RatesPayload,
    decimal,
    dmy,
    load_json,
)

KEY = "cbu"


def parse_table(payload: bytes) -> BankTable:
    rows: Any = load_json(payload, KEY)
    if not isinstance(rows, list) or not rows:
        raise RatePayloadError(KEY, "not a JSON array of rates")
    per_unit: dict[str, float] = {}
    dates = set()
    for row in rows:
        if not isinstance(row, dict) or "Ccy" not in row:
            raise RatePayloadError(KEY, "a row without Ccy")
        code = str(row["Ccy"]).upper()
        nominal = decimal(str(row.get("Nominal", "1")), KEY, f"{code} Nominal")
        per_unit[code] = decimal(str(row.get("Rate")), KEY, f"{code} Rate") / nominal
        dates.add(dmy(str(row.get("Date")), KEY))
    return BankTable(max(dates), "UZS", per_unit)


def parse(payload: bytes) -> RatesPayload:
    return parse_table(payload).per_usd(KEY)


PROVIDER = Provider(
    key=KEY,
    name="Central Bank of Uzbekistan",
    kind="official",
    urls=("https://cbu.uz/en/arkhiv-kursov-valyut/json/all/{iso}/",),
    parse=parse,
    stores=("UZS",),
    dated=True,
    attribution="Official rates of the Central Bank of the Republic of Uzbekistan (cbu.uz)",
)
