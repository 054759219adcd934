"""Cutting story text into the tokens the amount grammar reads: numbers, words, symbols, marks.

A number token keeps every grouping the region's press uses — "1,500", "1 500" (with a space,
NBSP, narrow NBSP or thin space), "1.500.000", "2 418,5", "1,234.5" — and is interpreted only
later, when the grammar knows whether a scale word follows and which language it is in. Dates
("12.03.2024") are their own tokens, so they never become numbers.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from reader.core.money.lexicon import normalise_word


class Kind(enum.Enum):
    NUMBER = "number"
    WORD = "word"
    SYMBOL = "symbol"  # a currency symbol: $, US$, €, ₸, ₽, £
    MARK = "mark"  # punctuation: ( ) , . ; - – — % = / …
    OTHER = "other"  # a date or a time: never part of an amount


@dataclass(frozen=True, slots=True)
class Token:
    kind: Kind
    text: str
    start: int
    end: int
    norm: str  # normalised word (lexicon.normalise_word); the text itself for other kinds
    spaced: bool  # whitespace before it (False: glued to the token before, as in "KZT4.1trln")
    newline: bool  # a line break before it

    @property
    def cyrillic(self) -> bool:
        return bool(_CYRILLIC.search(self.text))


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_SPACE = "[ \u00a0\u202f\u2009\u2007]"
_TOKEN = re.compile(
    rf"""
    (?P<other>\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}(?!\d)|\d{{1,2}}:\d{{2}}(?!\d))
   |(?P<number>
        \d{{1,3}}(?:{_SPACE}\d{{3}}(?![\d]))+(?:[.,]\d+)?
       |\d{{1,3}}(?:,\d{{3}}(?!\d))+(?:\.\d+)?
       |\d{{1,3}}(?:\.\d{{3}}(?!\d))+(?:,\d+)?
       |\d+(?:[.,]\d+)?
    )
   |(?P<symbol>U\.?S\.?\s?\$|[$€₸₽£])
   |(?P<abbrev>(?i:u\.s\.|i\.e\.)(?!\w))
   |(?P<word>[^\W\d_](?:[^\W\d_]|['’‘ʻʼ`´](?=[^\W\d_]))*)
   |(?P<mark>[^\s\w])
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        kind_name = match.lastgroup
        start, end = match.span()
        raw = match.group()
        gap = text[last_end:start]
        last_end = end
        if kind_name == "number":
            kind, norm = Kind.NUMBER, raw
        elif kind_name == "symbol":
            kind, norm = Kind.SYMBOL, re.sub(r"\s", "", raw).replace(".", "")
        elif kind_name in ("word", "abbrev"):
            kind, norm = Kind.WORD, normalise_word(raw).rstrip(".")
        elif kind_name == "other":
            kind, norm = Kind.OTHER, raw
        else:
            kind, norm = Kind.MARK, raw
        tokens.append(Token(kind, raw, start, end, norm, bool(gap), "\n" in gap))
    return tokens


def number_value(raw: str, *, scaled: bool, comma_decimal: bool) -> float:
    """The value of a number token. `scaled`: a scale word follows ("3,25 млрд"); `comma_decimal`:
    the amount is in Russian or Uzbek, where a comma is a decimal comma and thousands are
    grouped with spaces.

    One comma or full stop before exactly three digits is ambiguous: "1,500 soms" and
    "12.500 сумов" group thousands (money is never stated to three decimals), while
    "3,250 млрд" is 3.25 billion in Russian and "1.125 trillion" 1.125 trillion anywhere.
    """
    compact = re.sub(_SPACE, "", raw)
    grouped = compact != raw
    if grouped:  # "2 418,5": spaces group, the mark left is the decimal one
        return float(compact.replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3},\d{3}\.\d+", compact):
        return float(compact.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?|\d{1,3}\.\d{3},\d+", compact):
        return float(compact.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3},\d{3}", compact):
        return (
            float(compact.replace(",", ".")) if scaled and comma_decimal else float(compact.replace(",", ""))
        )
    if re.fullmatch(r"\d{1,3}\.\d{3}", compact):
        return float(compact) if scaled else float(compact.replace(".", ""))
    return float(compact.replace(",", "."))


def looks_like_year(raw: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d{2}", raw))
