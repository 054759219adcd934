"""The words of amounts of money: currencies, scales, number words and the cues of a rate.

Every word is kept in its normalised form (`normalise_word`): lower case, `ё` as `е`, and every
apostrophe the region's Latin scripts use (so‘m, soʻm, so`m, so'm) as `'`. Inflected languages
list their forms: Russian cases ("сомов", "сумами"), Kazakh, Kyrgyz and Uzbek case endings
("теңгеге", "сомдон", "so'mga") and Tajik ("сомонӣ", "сомониро").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

USD = "USD"

_APOSTROPHES = re.compile(r"[’‘ʻʼ`´′]")


def normalise_word(word: str) -> str:
    return _APOSTROPHES.sub("'", word.lower()).replace("ё", "е")


def _forms(stem: str, endings: Iterable[str]) -> list[str]:
    return [stem + ending for ending in endings]


# Case endings, per language.
_RU_MASC = ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")  # сом, сома, сомов, сомами…
_RU_SOFT = ("ь", "я", "ю", "ем", "е", "и", "ей", "ям", "ями", "ях")  # рубль, рубля, рублей…
_KK_TENGE = ("", "ге", "ден", "нің", "ні", "мен", "де", "лік")  # теңге, теңгеге, теңгеден…
_KY_SOM = ("", "го", "дон", "ду", "дун", "до", "дук")  # сом, сомго, сомдон…
_UZ_LATIN = ("", "ga", "dan", "ni", "lik", "ning", "gacha", "da", "dir")  # so'm, so'mga, so'mdan…
_UZ_CYRILLIC = ("", "га", "дан", "ни", "лик", "нинг", "гача", "да")  # сўм, сўмга, сўмдан…
_TG = ("", "ро", "и", "ҳо")  # сомонӣ, сомониро…


@dataclass(frozen=True)
class CurrencyWord:
    """A word naming a currency. `ambiguous` marks the English som/soum family, which the
    story's country resolves (English text about Kyrgyzstan often writes "soums" for the som)."""

    currency: str
    ambiguous: bool = False


def _currency_words() -> dict[str, CurrencyWord]:
    words: dict[str, CurrencyWord] = {}

    def add(currency: str, forms: Iterable[str], ambiguous: bool = False) -> None:
        for form in forms:
            words[normalise_word(form)] = CurrencyWord(currency, ambiguous)

    add("KZT", ["tenge", "tenges", "тенге", "тг"])
    add("KZT", _forms("теңге", _KK_TENGE))
    # Kyrgyz som: Russian cases and Kyrgyz endings are the som; English spellings are resolved.
    add("KGS", _forms("сом", _RU_MASC) + _forms("сом", _KY_SOM))
    add("KGS", ["som", "soms"], ambiguous=True)
    # Uzbek so'm: Russian "сум", Uzbek Latin "so'm" and Cyrillic "сўм" are always the so'm.
    add("UZS", _forms("сум", _RU_MASC) + _forms("so'm", _UZ_LATIN) + _forms("сўм", _UZ_CYRILLIC))
    add("UZS", ["soum", "soums", "sum", "sums"], ambiguous=True)
    add("TJS", ["somoni", "somonis", "сомони", *_forms("сомонӣ", _TG), *_forms("сомони", _TG[1:])])
    add("TJS", ["сомон"])
    add("TMT", ["manat", "manats", *_forms("манат", _RU_MASC)])
    add("RUB", ["rouble", "roubles", "ruble", "rubles", "руб", *_forms("рубл", _RU_SOFT)])
    add(USD, ["dollar", "dollars", "долл", "dollari", "доллары", "доллари", *_forms("доллар", _RU_MASC)])
    add("EUR", ["euro", "euros", "евро", "yevro"])
    add("CNY", ["yuan", "renminbi", "юань", "юаня", "юаню", "юанем", "юане", "юани", "юаней", "юаням"])
    add("TRY", ["lira", "liras", "lire", "лир", "лира", "лиры"])
    add("AFN", ["afghani", "afghanis", "афгани"])
    return words


CURRENCY_WORDS = _currency_words()

# Codes are matched as written (upper case): "TRY", "ALL" and "CAD" are English words too.
CODES = frozenset({"KZT", "KGS", "UZS", "TJS", "TMT", "RUB", "USD", "EUR", "CNY", "AZN", "TRY", "AFN", "GBP"})
SYMBOLS = {"$": USD, "US$": USD, "U.S.$": USD, "€": "EUR", "₸": "KZT", "₽": "RUB", "£": "GBP"}

# Adjectives that may stand between the number and the currency word ("1 billion Kazakh tenge",
# "долларов США" has its country after) and what they say about an ambiguous word.
ADJECTIVES: dict[str, str | None] = {
    "kazakh": "KZT", "kazakhstani": "KZT", "казахстанских": "KZT", "казахстанский": "KZT",
    "kyrgyz": "KGS", "kyrgyzstani": "KGS", "kirghiz": "KGS", "киргизских": "KGS", "кыргызских": "KGS",
    "uzbek": "UZS", "uzbekistani": "UZS", "узбекских": "UZS", "узбекский": "UZS",
    "tajik": "TJS", "tajikistani": "TJS", "таджикских": "TJS",
    "turkmen": "TMT", "turkmenistani": "TMT", "туркменских": "TMT", "new": None,
    "azerbaijani": "AZN", "azeri": "AZN", "азербайджанских": "AZN", "азербайджанский": "AZN",
    "russian": "RUB", "российских": "RUB", "российский": "RUB",
    "us": USD, "u.s": USD, "american": USD, "американских": USD, "американский": USD,
    "aqsh": USD, "ақш": USD, "chinese": "CNY", "китайских": "CNY", "turkish": "TRY", "турецких": "TRY",
    "afghan": "AFN",
}  # fmt: skip

# Words after a currency word that belong to it: "долларов США", "dollars US".
CURRENCY_TAILS = frozenset({"сша", "us"})

# Scale words, by their normalised form (a trailing full stop is a separate token).
SCALES: dict[str, float] = {}
for _factor, _words in (
    (1e3, ("thousand", "k", "тыс", "тысяч", "тысяча", "тысячи", "тысячу", "тысячами", "мың", "миң", "ming",
           "минг", "ҳазор", "хазор", "ҳаз")),
    (1e6, ("million", "millions", "mln", "mn", "m", "mil", "mio", "млн", "миллион", "миллиона", "миллионов",
           "миллиону", "миллионами")),
    (1e9, ("billion", "billions", "bln", "bn", "b", "mlrd", "milliard", "млрд", "миллиард", "миллиарда",
           "миллиардов", "миллиарду", "миллиардами")),
    (1e12, ("trillion", "trillions", "trln", "tln", "trn", "tn", "трлн", "триллион", "триллиона",
            "триллионов", "триллиону")),
):  # fmt: skip
    for _word in _words:
        SCALES[_word] = _factor
# A one-letter scale counts only glued to its number ("$38m", "KZT 5b"), never "5 m".
GLUED_ONLY_SCALES = frozenset({"m", "b", "k"})
# Scale words of the Uzbek and Russian press, where a comma is a decimal comma.
COMMA_DECIMAL_SCALES = frozenset({"mlrd", "ming", "milliard"})

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "один": 1, "одна": 1, "одного": 1, "два": 2, "две": 2, "двух": 2, "три": 3, "трех": 3,
    "четыре": 4, "четырех": 4, "пять": 5, "пяти": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90, "сто": 100, "двести": 200, "триста": 300,
    "четыреста": 400, "пятьсот": 500, "шестьсот": 600, "семьсот": 700, "восемьсот": 800,
    "девятьсот": 900, "полтора": 1.5, "полторы": 1.5, "полутора": 1.5,
}  # fmt: skip
# "two hundred million": multiplies the number word before it.
HUNDRED = "hundred"
# Russian case endings written after digits: "2-х млрд", "5-ти тысяч".
NUMERAL_ENDINGS = frozenset({"х", "ти", "ми", "ух", "ех", "и", "ста", "сот"})
# Glued Russian halves: "полмиллиарда тенге".
HALF_SCALES = {"полмиллиона": 0.5e6, "полмиллиарда": 0.5e9, "полтриллиона": 0.5e12}

# Words that say the next number is a range's lower end ("between 5 and 10", "от 5 до 10").
RANGE_OPENERS = frozenset({"between", "from", "от", "с", "со", "между"})
RANGE_JOINERS = frozenset({"to", "до", "and", "и", "-", "–", "—", "‒", "−", "…"})
# Words after a number that make it something else than an amount's head.
NOT_MONEY_AFTER = frozenset({"%", "per", "percent", "процент", "процента", "процентов", "раз", "times"})

# A rate is stated against a unit of another currency: "per US dollar", "за доллар", "to the dollar".
RATE_LINKS = frozenset({"per", "a", "an", "for", "to", "against", "за", "к", "/", "vs", "versus", "против"})
RATE_UNIT_FILLERS = frozenset({"one", "1", "a", "the", "each", "один", "одного", "us", "u.s", "american",
                               "американский", "американского", "сша", "new", "новый"})  # fmt: skip
# Singular forms of a foreign unit: "the dollar traded at…", "курс доллара…", "euro rose to…".
SINGULAR_UNITS: dict[str, str] = {
    "dollar": USD, "доллар": USD, "доллара": USD, "доллару": USD, "долларом": USD, "greenback": USD,
    "euro": "EUR", "евро": "EUR", "rouble": "RUB", "ruble": "RUB", "рубль": "RUB", "рубля": "RUB",
    "рублю": "RUB", "yuan": "CNY", "юань": "CNY", "юаня": "CNY", "tenge": "KZT", "тенге": "KZT",
    "somoni": "TJS", "сомони": "TJS", "manat": "TMT", "манат": "TMT", "маната": "TMT", "som": "KGS",
    "сом": "KGS", "сома": "KGS", "soum": "UZS", "сум": "UZS", "сума": "UZS", "lira": "TRY",
}  # fmt: skip
# The currencies the region's currencies are quoted against.
QUOTE_UNITS = frozenset({USD, "EUR", "RUB", "CNY", "TRY", "GBP"})
# Words before an amount that make it an exchange rate (checked only for amounts without a
# scale of a million or more: no exchange rate is stated in millions).
RATE_CUES = frozenset({
    "rate", "rates", "exchange", "exchanged", "peg", "pegged", "quoted", "quote", "курс", "курса",
    "курсу", "курсом", "курсе", "kurs", "kursi", "kursini", "обменный", "обменных", "обменниках",
    "обменники", "обменнике", "обменные", "обмена", "котировка", "котировки", "покупка", "продажа",
    "покупки", "продажи", "покупке", "продаже", "buying", "selling",
})  # fmt: skip
# Cues that stop being rate cues after these words: "interest rate", "tax rate".
RATE_CUE_BLOCKERS = frozenset({"interest", "tax", "growth", "refinancing", "base", "mortgage", "inflation",
                               "unemployment", "birth", "poverty", "vat", "policy", "tariff", "rent", "stock",
                               "commodity", "in", "information", "data"})  # fmt: skip
# "5,000 old manats": a currency that no longer exists.
OLD_CURRENCY = frozenset({"old", "former", "старых", "старого", "старые", "неденоминированных"})
# Words just before a four-digit number that make it a year: "in 2023 – 412.5 million".
YEAR_CONTEXT = frozenset({"in", "since", "by", "of", "for", "until", "till", "в", "во", "к", "с", "до",
                          "по", "year", "год", "года", "году", "yil", "yilda",
                          "january", "february", "march", "april", "may", "june", "july", "august",
                          "september", "october", "november", "december", "января", "февраля", "марта",
                          "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
                          "декабря"})  # fmt: skip
NUMBER_SIGNS = frozenset({"№", "no", "nr", "n", "#", "№№", "article", "статья", "статьи", "статьей",
                          "пункт", "п", "ст"})  # fmt: skip

# Between an amount and the publisher's own conversion: "20.6 billion tenge (about $38 million)",
# "28 трлн тенге, или $58 млрд", "3 trillion soums, equivalent to $240 million".
STATED_LINKERS = frozenset({
    "(", "[", ",", "—", "–", "-", "/", "or", "или", "about", "around", "approximately", "approx",
    "roughly", "some", "nearly", "almost", "over", "more", "than", "less", "under", "just", "up",
    "to", "at", "the", "current", "exchange", "rate", "equivalent", "equal", "equals", "worth",
    "i.e", "that", "is", "≈", "~", "около", "примерно", "приблизительно", "порядка", "более", "свыше",
    "почти", "менее", "чуть", "до", "эквивалентно", "эквивалент", "что", "составляет", "равно",
    "то", "есть", "по", "курсу", "текущему", "нынешнему", "в", "пересчете", "на", "доллары", "us",
    "this", "which", "это", "of",
})  # fmt: skip
