"""The one text normalisation: used to index stories, to read queries, and to tag countries.

Rules, in order, for every word:
- Every apostrophe-like character — `' ‘ ’ ‛ ′ ´ \u0060 ʹ ʻ ʼ ʽ ʾ ʿ ˈ ՚ ꞌ ＇` — becomes the ASCII
  apostrophe, so Uzbek `Oʻzbekiston` is one word whichever one was typed. It stays inside a word
  when it stands between two letters; anywhere else it is punctuation. An English possessive
  `'s` at the end of a Latin word is not part of the word.
- Unicode NFKC (compatibility forms: ligatures, full-width letters, superscripts become plain),
  then case folding (`str.casefold`, so `ß` is `ss` and `İ` is `i̇` before diacritics go).
- `ё` becomes `е` (Russian writes both for the same word).
- Diacritics are folded on Latin letters only (`café` → `cafe`, `Türkmenistan` → `turkmenistan`,
  `ı` → `i`); Cyrillic letters are kept whole, including the region's own
  (ә ғ қ ң ө ұ ү һ і ў ҳ ҷ ӯ, and й): they are letters, not accented ones.

A word is a run of letters, digits and combining marks (underscores and hyphens split words:
`Kambarata-1` is `kambarata` and `1`). `tokens()` yields each word's normal form with its start
and end in the original text, so a match can be highlighted as it appears there.

Beside the normal form, `stem()` gives a word's Snowball stem (Russian for Cyrillic words,
English for Latin ones), `name_stem()` the same for a name (Russian surnames keep their
`-ов`/`-ев` in every case), and `latin_key()` a loose Latin spelling used to match a name across
scripts and transliterations (`Бишкек` / `Bishkek`, `Тоқаев` / `Toqaev` / `Tokayev`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

import Stemmer
from anyascii import anyascii

APOSTROPHE = "'"
APOSTROPHE_LIKE = (
    "'\u2018\u2019\u201b\u2032\u00b4\u0060\u02b9\u02bb\u02bc\u02bd\u02be\u02bf\u02c8\u055a\ua78c\uff07"
)
_TO_APOSTROPHE = str.maketrans(dict.fromkeys(APOSTROPHE_LIKE, APOSTROPHE))

# Combining marks (decomposed accents) belong to the word they sit on.
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# A letter or digit: a word character that is neither "_" nor one of the modifier-letter
# apostrophes (ʹ ʻ ʼ … are Unicode letters, but Uzbek uses them as apostrophes).
_LETTER = rf"(?:[^\W_{APOSTROPHE_LIKE}]|[{_MARKS}])"
_WORD = re.compile(rf"{_LETTER}+(?:[{APOSTROPHE_LIKE}]{_LETTER}+)*")
_LETTER_NFC = rf"[^\W_{APOSTROPHE_LIKE}]"
_WORD_NFC = re.compile(rf"{_LETTER_NFC}+(?:[{APOSTROPHE_LIKE}]{_LETTER_NFC}+)*")
_HAS_MARK = re.compile(f"[{_MARKS}]")
_POSSESSIVE = re.compile(r"'s?$")

_CYRILLIC = re.compile(r"[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]")
_LATIN = re.compile(r"[a-z]")
# Latin letters without a decomposition that still carry a "diacritic" for our purposes.
_LATIN_EXTRA = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŀ": "l"})


class Token(NamedTuple):
    """A word of a text: its normal form, and where it stands in the original text."""

    norm: str
    start: int
    end: int


def _fold_latin_diacritics(word: str) -> str:
    if word.isascii():
        return word
    out: list[str] = []
    for char in unicodedata.normalize("NFD", word):
        if unicodedata.combining(char) and out and _is_latin_base(out[-1]):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out)).translate(_LATIN_EXTRA)


def _is_latin_base(char: str) -> bool:
    return char.isascii() or "LATIN" in unicodedata.name(char, "")


@functools.lru_cache(maxsize=65536)
def normalize_word(word: str) -> str:
    """The normal form of one word as written (see the module's rules)."""
    # Apostrophes first: NFKC would turn the acute accent ´ into a space and a combining mark.
    folded = unicodedata.normalize("NFKC", word.translate(_TO_APOSTROPHE)).casefold().replace("ё", "е")
    return _fold_latin_diacritics(folded)


def normalize(text: str) -> str:
    """The normal forms of the words of `text`, joined by single spaces."""
    return " ".join(t.norm for t in tokens(text))


def tokens(text: str) -> Iterator[Token]:
    """Each word of `text`, normalised, with its [start, end) offsets in `text`."""
    # Most text is precomposed (NFC): the simpler pattern, without combining marks, is faster.
    pattern = _WORD if _HAS_MARK.search(text) else _WORD_NFC
    for match in pattern.finditer(text):
        parts, cut = word_parts(match.group())
        start, end = match.span()
        for part in parts:
            yield Token(part, start, end - cut)


def written_words(text: str) -> list[str]:
    """The words of `text` as written (no offsets: the indexer's fast path); `word_forms()`
    gives their normal forms."""
    return (_WORD if _HAS_MARK.search(text) else _WORD_NFC).findall(text)


def iter_words(text: str, end: int | None = None) -> Iterator[re.Match[str]]:
    """The words of `text` (up to `end`) as regular-expression matches: written form, offsets."""
    return (_WORD if _HAS_MARK.search(text) else _WORD_NFC).finditer(
        text, 0, len(text) if end is None else end
    )


def word_forms(word: str) -> tuple[str, ...]:
    """The normal form(s) of one written word, as `tokens()` gives them."""
    return word_parts(word)[0]


@functools.lru_cache(maxsize=1 << 17)
def word_parts(word: str) -> tuple[tuple[str, ...], int]:
    """A written word's normal form(s), and how many trailing characters are not part of it."""
    norm = normalize_word(word)
    cut = 0
    if APOSTROPHE in norm and _LATIN.search(norm):
        possessive = _POSSESSIVE.search(norm)
        if possessive is not None and possessive.start() > 0:
            cut = len(norm) - possessive.start()
            norm = norm[: possessive.start()]
    if _WORD_NFC.fullmatch(norm):
        return (norm,), cut
    # NFKC can turn one written character into several words ("½" → "1⁄2"): keep each part.
    return tuple(_WORD.findall(norm)), cut


def is_cyrillic(word: str) -> bool:
    return _CYRILLIC.search(word) is not None


def is_latin(word: str) -> bool:
    return _LATIN.search(word) is not None and not is_cyrillic(word)


# -- word forms ---------------------------------------------------------------------------

# Stories in these languages are not stemmed: Snowball has no Kazakh, Kyrgyz, Uzbek, Tajik or
# Turkmen stemmer, and a Russian or English one would cut their words at the wrong places.
UNSTEMMED_LANGUAGES = frozenset({"kk", "ky", "uz", "tg", "tk"})
_STEMMERS = {"ru": Stemmer.Stemmer("russian"), "en": Stemmer.Stemmer("english")}
_MIN_STEM_LENGTH = 3


def stem_language(word: str) -> str | None:
    """The stemmer a word takes by its script: "ru" for Cyrillic, "en" for Latin, else None."""
    if is_cyrillic(word):
        return "ru"
    if _LATIN.search(word):
        return "en"
    return None


def is_unstemmed(story_language: str | None) -> bool:
    """Whether stories in this language are indexed without stems (see UNSTEMMED_LANGUAGES)."""
    return story_language is not None and story_language.split("-")[0].lower() in UNSTEMMED_LANGUAGES


def stem(word: str, story_language: str | None = None) -> str:
    """The Snowball stem of a normalised word (Russian for Cyrillic, English for Latin).

    `story_language` (the feed's language code) turns stemming off for the region's languages
    that have no stemmer; a word's script, not the story's language, picks the stemmer, so a
    query stems the same way without knowing the language of the story it will find."""
    if story_language is not None and is_unstemmed(story_language):
        return word
    return _script_stem(word)


@functools.lru_cache(maxsize=1 << 18)
def _script_stem(word: str) -> str:
    if len(word) < _MIN_STEM_LENGTH or APOSTROPHE in word:
        return word
    language = stem_language(word)
    if language is None:
        return word
    stemmed: str = _STEMMERS[language].stemWord(word)
    return stemmed or word


# Russian surnames and place names in -ов/-ев/-ёв/-ин/-ын: Snowball reads the nominative's
# suffix as a plural ending and cuts it (Токаев → тока) but keeps it in the other cases
# (Токаева, Токаевым → токаев). For names the nominative is kept whole instead.
_RUSSIAN_NAME_SUFFIX = re.compile(r"(?:ов|ев|ин|ын)$")


@functools.lru_cache(maxsize=65536)
def name_stem(word: str) -> str:
    """The stem of a normalised word read as a name: every case of a Russian surname gives the
    same stem (`токаев`, `токаева`, `токаевым` → `токаев`); otherwise `stem(word)`."""
    if len(word) > 4 and _RUSSIAN_NAME_SUFFIX.search(word) and is_cyrillic(word):
        return word
    return stem(word)


# -- across scripts -----------------------------------------------------------------------

# Turkic Latin and Cyrillic letters spelled the way English-language reporting spells them,
# before anyascii turns the rest into ASCII: Uzbek ў is oʻ, Turkmen ş/ç/ž/ý/ň are sh/ch/zh/y/ng.
_BEFORE_ASCII = str.maketrans(
    {"ў": "o", "ş": "sh", "ç": "ch", "ž": "zh", "ý": "y", "ň": "ng", "ñ": "ng", "ә": "a", "ä": "a",
     "ғ": "g", "ğ": "g", "ҳ": "h", "һ": "h", "ҷ": "j", "қ": "k", "ө": "o", "ұ": "u", "ү": "u", "і": "i"}
)  # fmt: skip
# Spelling differences between transliteration schemes, folded to one (order matters).
_LOOSE_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[^a-z0-9]", ""),  # apostrophes, soft and hard signs
        (r"shch", "sh"),
        (r"dzh|dj|zh", "j"),
        (r"kh|x", "h"),
        (r"gh", "g"),
        (r"q|ck", "k"),
        (r"w", "v"),
        (r"y", "i"),
        (r"^ie", "e"),  # Yerlan / Ерлан (Erlan)
        (r"(?<=[aeiou])i(?=[aeiou])", ""),  # Tokayev / Tokaev, Mirziyoyev / Mirzioev
        (r"(.)\1+", r"\1"),  # Berdimukhammedov / Berdimuhamedov, Kassym / Kasym
    )
)


@functools.lru_cache(maxsize=65536)
def latin_key(word: str) -> str:
    """A loose Latin spelling of a normalised word, equal for its usual transliterations.

    `бишкек`, `bishkek` → `bishkek`; `тоқаев`, `токаев`, `toqaev`, `tokayev` → `tokaev`;
    `жапаров`, `zhaparov`, `japarov` → `japarov`; `ўзбекистон`, `o'zbekiston` → `ozbekiston`.
    It is meant for names: ordinary words of two languages can share a key."""
    key = anyascii(word.translate(_BEFORE_ASCII)).lower()
    for pattern, replacement in _LOOSE_RULES:
        key = pattern.sub(replacement, key)
    return key
