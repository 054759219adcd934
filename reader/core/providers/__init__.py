"""Rates providers: one module per source, each parsing its real payload (see base.py)."""

from __future__ import annotations

from reader.core.providers import cbr, cbt, cbu, exchange_api, nbk, nbkr, nbt
from reader.core.providers.base import (
    BankTable,
    Provider,
    ProviderError,
    RatePayloadError,
    RatesPayload,
    UnknownProvider,
    expand_url,
)

PROVIDERS: dict[str, Provider] = {
    p.key: p
    for p in (
        exchange_api.PROVIDER,
        nbk.PROVIDER,
        cbu.PROVIDER,
        nbkr.PROVIDER,
        nbt.PROVIDER,
        cbt.PROVIDER,
        cbr.PROVIDER,
    )
}
# The official provider for each currency of the region (the chart's "official" series).
OFFICIAL_FOR = {"KZT": "nbk", "UZS": "cbu", "KGS": "nbkr", "TJS": "nbt", "TMT": "cbt", "RUB": "cbr"}


def get_provider(key: str) -> Provider:
    try:
        return PROVIDERS[key]
    except KeyError:
        raise UnknownProvider(key, list(PROVIDERS)) from None


__all__ = [
    "OFFICIAL_FOR",
    "PROVIDERS",
    "BankTable",
    "Provider",
    "ProviderError",
    "RatePayloadError",
    "RatesPayload",
    "UnknownProvider",
    "expand_url",
    "get_provider",
]
