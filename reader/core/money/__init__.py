"""Amounts of money in story text — English, Russian, and the region's own languages.

`find_amounts(text, countries)` reads every amount a story states, dollars included, with a
small tokenizer (`tokens`) and grammar (`grammar`) over the words in `lexicon`; the currency
context (`rates.money_context`) values the non-dollar ones in US dollars. `format_usd` is the
one dollar formatter. The story's own text is never changed.
"""

from __future__ import annotations

from reader.core.money.grammar import Amount, find_amounts
from reader.core.money.lexicon import USD
from reader.core.money.tokens import number_value

__all__ = ["USD", "Amount", "find_amounts", "format_usd", "parse_number"]


def parse_number(text: str) -> float:
    """ "1,500" -> 1500, "1 500" -> 1500, "12,5" -> 12.5, "20.6" -> 20.6 (no scale word after)."""
    return number_value(text.strip(), scaled=False, comma_decimal=False)


def format_usd(value: float) -> str:
    """ "$38.1 million", "$1.2 billion", "$412", "$0.03"."""
    size = abs(value)
    for limit, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if size >= limit:
            return f"${value / limit:,.1f} {word}"
    if size >= 100:
        return f"${value:,.0f}"
    return f"${value:,.2f}"
