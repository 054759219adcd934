"""Amounts of money in story text — English, Russian, and the region's own languages.

`find_amounts(text, countries)` reads every amount a story states, dollars included, with a
small tokenizer (`tokens`) and grammar (`grammar`) over the words in `lexicon`; the currency
context (`rates.money_context`) values the non-dollar ones in US dollars (the one dollar
formatter is `reader.core.types.format_usd`). The story's own text is never changed.
"""

from __future__ import annotations

from reader.core.money.grammar import Amount, find_amounts
from reader.core.money.lexicon import USD
from reader.core.money.tokens import number_value

__all__ = ["USD", "Amount", "find_amounts", "parse_number"]


def parse_number(text: str) -> float:
    """ "1,500" -> 1500, "1 500" -> 1500, "12,5" -> 12.5, "20.6" -> 20.6 (no scale word after)."""
    return number_value(text.strip(), scaled=False, comma_decimal=False)
