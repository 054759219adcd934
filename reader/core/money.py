"""Finding the amounts of money a story states, in English and Russian.

`find_amounts(text, countries)` returns every amount it recognises, dollars included; the
currency context (`money_context`) then values the non-dollar ones in US dollars at the rate of
the story's date and at today's. The story's own text is never changed.

What is recognised:
- a number, then an optional scale, then a currency: "20.6 billion tenge", "1,500 soms",
  "45 000 тенге", "12,5 млрд сомов", "17.9 billion KGS", "$38 million" is the other order;
- a code or symbol, then the number: "KZT 5 trillion", "UZS 12.5 trillion", "₸45,000", "$38m";
- ranges share the currency: "150,000 to 300,000 soums" is two amounts, both in soums.
Numbers: "1,500" and "1 500" are thousands; "12,5" and "20.6" are decimals (a comma followed
by exactly three digits groups thousands, any other comma is a decimal comma).

Som or so'm: "soum", "sum", "so'm", "сум" are always the Uzbek soum (UZS); "som", "soms", "сом"
are the Kyrgyz som (KGS) unless the story is tagged with Uzbekistan alone, or the word is
preceded by "Uzbek". Rates ("3.5 manats per US dollar", "19 to 20 manats to the dollar") are
not amounts and are skipped, as are amounts of the "old" currencies ("5,000 old manats").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

USD = "USD"

# Words for each currency, matched case-insensitively and whole. "som" is resolved by context.
_WORDS: dict[str, tuple[str, ...]] = {
    "KZT": ("tenge", "теңге", "тенге", "тг"),
    "KGS": ("soms", "som", "сомов", "сома", "сом"),
    "UZS": ("soums", "soum", "sums", "sum", "so'm", "soʻm", "so‘m", "so`m", "сумов", "сума", "сум"),
    "TJS": ("somonis", "somoni", "сомони"),
    "TMT": ("manats", "manat", "манатов", "маната", "манат"),
    "RUB": ("roubles", "rubles", "rouble", "ruble", "рублей", "рубля", "рубль", "руб"),
    "EUR": ("euros", "euro", "евро"),
    "CNY": ("yuan", "юаней", "юаня", "юань"),
    USD: ("us dollars", "u.s. dollars", "dollars", "долларов сша", "долларов", "доллара", "доллар", "долл"),
}
_CODES = ("KZT", "KGS", "UZS", "TJS", "TMT", "RUB", "EUR", "CNY", "USD")
_SYMBOLS = {"₸": "KZT", "₽": "RUB", "€": "EUR", "US$": USD, "$": USD}

_SCALES: dict[str, float] = {
    "thousand": 1e3,
    "тыс": 1e3,
    "тысяч": 1e3,
    "тысячи": 1e3,
    "тысяча": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "млн": 1e6,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bln": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "млрд": 1e9,
    "миллиард": 1e9,
    "миллиарда": 1e9,
    "миллиардов": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "tn": 1e12,
    "трлн": 1e12,
    "триллион": 1e12,
    "триллиона": 1e12,
    "триллионов": 1e12,
}
_ADJECTIVES: dict[str, str | None] = {
    "kazakh": None,
    "kazakhstani": None,
    "kyrgyz": "KGS",
    "kyrgyzstani": "KGS",
    "uzbek": "UZS",
    "uzbekistani": "UZS",
    "tajik": None,
    "tajikistani": None,
    "turkmen": None,
    "russian": None,
    "us": None,
    "u.s.": None,
    "американских": None,
    "казахстанских": None,
    "киргизских": "KGS",
    "кыргызских": "KGS",
    "узбекских": "UZS",
    "российских": None,
}


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD_TO_CURRENCY = {w: code for code, words in _WORDS.items() for w in words}
# Thousands grouped by "," or a (non-breaking) space, or a plain number with an optional decimal.
_NUMBER = r"\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?:\.\d+)?(?![\d,]\d)|\d+(?:[.,]\d+)?"
_SCALE = rf"(?:{_alternation(_SCALES)})\.?"
_ADJ = rf"(?:{_alternation(_ADJECTIVES)})\s+"
_CUR_WORD = _alternation(_WORD_TO_CURRENCY)
_CODE = "|".join(_CODES)
_SYMBOL = _alternation(_SYMBOLS)

# number [scale] [adjective] currency-word-or-code
_AFTER = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUMBER})(?:[ \u00a0]?(?P<scale>{_SCALE}))?(?![\w])[ \u00a0]*"
    rf"(?P<adj>{_ADJ})?(?P<cur>{_CUR_WORD}|{_CODE})(?!\w)",
    re.IGNORECASE,
)
# code-or-symbol number [scale]
_BEFORE = re.compile(
    rf"(?<![\w])(?P<cur>{_SYMBOL}|(?:{_CODE})(?=[ \u00a0]?\d))[ \u00a0]?(?P<num>{_NUMBER})"
    rf"(?:[ \u00a0]?(?P<scale>{_SCALE})(?![\w]))?",
    re.IGNORECASE,
)
# "150,000 to 300,000 soums": the first number of a range, right before a match.
_RANGE_HEAD = re.compile(
    rf"(?P<num>{_NUMBER})(?:[ \u00a0]?(?P<scale>{_SCALE}))?\s+(?:to|and|or|-|–|—|до|и)\s+$|"
    rf"(?P<num2>{_NUMBER})(?:[ \u00a0]?(?P<scale2>{_SCALE}))?[-–—]$",
    re.IGNORECASE,
)
# What follows a rate rather than an amount: "3.5 manats per US dollar", "87 сомов за доллар".
_RATE_TAIL = re.compile(
    r"\s*(?:per|to\s+the|to\s+one|to\s+a|for\s+one|for\s+a|a|за)\s+(?:one\s+|1\s+)?"
    r"(?:us\s+|u\.s\.\s+|american\s+)?(?:dollar|\$|usd|доллар)",
    re.IGNORECASE,
)
_OLD = re.compile(r"(?:old|former|старых|старого)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """An amount as the text states it, with its character offsets in that text."""

    text: str
    currency: str  # ISO 4217
    amount: float
    start: int
    end: int

    @property
    def is_usd(self) -> bool:
        return self.currency == USD


def parse_number(text: str) -> float:
    """ "1,500" -> 1500, "1 500" -> 1500, "12,5" -> 12.5, "20.6" -> 20.6."""
    compact = re.sub(r"[ \u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", compact):
        compact = compact.replace(",", "")
    else:
        compact = compact.replace(",", ".")
    return float(compact)


def _scale(word: str | None) -> float:
    if not word:
        return 1.0
    return _SCALES[word.lower().rstrip(".")]


def _currency(word: str, adjective: str | None, countries: Sequence[str]) -> str:
    key = word.lower()
    if key.upper() in _CODES:
        return key.upper()
    code = _WORD_TO_CURRENCY[key]
    if adjective:
        hinted = _ADJECTIVES.get(adjective.strip().lower())
        if hinted and code in ("KGS", "UZS"):
            return hinted
    if code == "KGS" and set(countries) == {"UZ"}:
        return "UZS"  # "som" in a story about Uzbekistan alone is the so'm
    return code


def find_amounts(text: str, countries: Sequence[str] = ()) -> list[Amount]:
    """Every amount of money in `text`, in order; `countries` (ISO codes) resolve "som"."""
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []

    def overlaps(start: int, end: int) -> bool:
        return any(start < e and s < end for s, e in taken)

    for match in _AFTER.finditer(text):
        start, end = match.span()
        cur = match.group("cur")
        if cur in _SYMBOLS:
            continue
        if _RATE_TAIL.match(text, end) or _OLD.search(text, max(0, start - 12), start):
            continue
        currency = _currency(cur, match.group("adj"), countries)
        value = parse_number(match.group("num"))
        scale = _scale(match.group("scale"))
        head = _RANGE_HEAD.search(text, max(0, start - 40), start)
        if head is not None and not _OLD.search(text, max(0, head.start() - 12), head.start()):
            which = "num" if head.group("num") else "num2"
            scale_group = "scale" if which == "num" else "scale2"
            head_end = head.end(scale_group) if head.group(scale_group) else head.end(which)
            head_scale = _scale(head.group(scale_group)) if head.group(scale_group) else scale
            found.append(
                Amount(
                    text=text[head.start(which) : head_end],
                    currency=currency,
                    amount=parse_number(head.group(which)) * head_scale,
                    start=head.start(which),
                    end=head_end,
                )
            )
        found.append(Amount(text[start:end], currency, value * scale, start, end))
        taken.append((start, end))
    for match in _BEFORE.finditer(text):
        start, end = match.span()
        if overlaps(start, end) or _RATE_TAIL.match(text, end):
            continue
        cur = match.group("cur")
        currency = _SYMBOLS.get(cur, _SYMBOLS.get(cur.upper(), cur.upper()))
        value = parse_number(match.group("num")) * _scale(match.group("scale"))
        found.append(Amount(text[start:end], currency, value, start, end))
        taken.append((start, end))
    found.sort(key=lambda a: a.start)
    return found
