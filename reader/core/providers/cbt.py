"""Central Bank of Turkmenistan: the official manat, pegged at 3.5 TMT per US dollar since 2015.

kurs/YYYY/DDMMYYYY.xml answers <cbt_currency_rate><date>DD.MM.YYYY</date><rate code="USD">
<multiplier>1</multiplier><rate_tmt>3.5</rate_tmt>: TMT per multiplier units. The site is
often unreachable from abroad; then the sync records the legal peg instead (`peg`).
"""

from __future__ import annotations

import datetime as dt

from reader.core.providers.base import (
    BankTable,
    Provider,
    RatesPayload,
    dmy,
    xml_rows,
    xml_table_root,
)

KEY = "cbt"


def parse_table(payload: bytes) -> BankTable:
    root = xml_table_root(payload, KEY, "cbt_currency_rate")
    per_unit = xml_rows(root, KEY, "rate", lambda node: node.get("code"), "multiplier", "rate_tmt")
    return BankTable(dmy(root.findtext("date"), KEY), "TMT", per_unit)


def parse(payload: bytes) -> RatesPayload:
    return parse_table(payload).per_usd(KEY)


PROVIDER = Provider(
    key=KEY,
    name="Central Bank of Turkmenistan",
    kind="official",
    urls=("https://cbt.tm/kurs/{year}/{dmy_compact}.xml",),
    parse=parse,
    stores=("TMT",),
    dated=True,
    attribution="Official rate of the Central Bank of Turkmenistan (cbt.tm); legal peg 3.5 TMT per USD",
    peg={"TMT": 3.5},
    peg_since=dt.date(2015, 1, 1),
)
