"""Which of the five countries a story is about, weighing the evidence instead of tagging any mention.

Every name of the shared alias table (`reader.core.aliases`) found in the story is evidence for
its country, weighed by
- where it stands: the headline counts most, then the lede, then the body;
- what kind of name it is: the country's own name (in any language or script), its capital,
  regions, cities, leaders and institutions count fully; its currency and its demonym less;
  a name the table marks as ambiguous (`Mary`, `Kant`, `сом`) much less;
- how often it recurs (each further mention in the same part counts less);
- what kind of mention it is: a demonym of a diaspora ("Afghan Uzbeks", "Syrian Turkmen"), a
  citizenship ("Kazakh citizenship"), a member of a list of countries that are not all the
  region's ("the presidents of Russia, Belarus and Kazakhstan"), the Syria talks' "Astana
  format" — each only says the country is mentioned.
"The five Central Asian states" (C5+1, пять государств Центральной Азии) is evidence for all five.

Countries whose weight passes a floor, and is close enough to the best-supported one, are the
story's primary countries (the list, the filter); the others named are "also mentioned". A
feed's own categories (and a feed URL such as `/category/uzbekistan/feed/`) are strong evidence:
a country they name is primary.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from reader.core.aliases import AliasGroup, AliasMatch, alias_table
from reader.core.tagger_version import TAGGER_VERSION  # noqa: F401  (bump it when these rules change)
from reader.core.textnorm import normalize_word, tokens

REGION = ("KZ", "KG", "TJ", "TM", "UZ")

ZONE_WEIGHTS = {"headline": 3.0, "lede": 2.0, "body": 0.5}
KIND_WEIGHTS = {
    "country": 3.0, "capital": 2.5, "region": 2.5, "abbreviation": 2.5, "person": 2.5,
    "institution": 2.5, "city": 2.0, "place": 2.0, "demonym": 2.0, "currency": 1.2,
}  # fmt: skip
AMOUNT_CURRENCY_WEIGHT = 1.5  # "50 billion tenge": money stated in the country's currency
AMBIGUOUS_FACTOR = 0.3
CATEGORY_WEIGHT = 10.0
PRIMARY_FLOOR = 3.0  # a country name in the lede (3 × 2) passes; one in the body (3 × 0.5) does not
PRIMARY_SHARE = 0.6  # …and at least 60 % of the weight of the best-supported country
FALLBACK_FLOOR = 1.5  # with nothing above the floor: the body's one country, if it names one
LEDE_CHARS = 500
# Only the body's opening is read: a name further down adds little (×0.5, then less each time),
# and a feed's full text can be long.
BODY_CHARS = 3000
_HOME_DOMAINS = {"kz": "KZ", "kg": "KG", "tj": "TJ", "tm": "TM", "uz": "UZ"}

# Ambiguous names whose other meaning is the same country's: Turkmenbashi (the port, and
# Niyazov's title), Balkhash (the town and the lake), Navoi (the city, and the poet).
_SAME_COUNTRY_EITHER_WAY = frozenset({"tm.city.turkmenbashi", "kz.city.balkhash", "uz.city.navoi"})
_PROPER_KINDS = frozenset({"country", "capital", "region", "city", "place", "person"})
# Adjectives and words that make a demonym a diaspora: "Afghan Uzbeks", "ethnic Kazakhs in China".
_DIASPORA_BEFORE = frozenset(
    {"afghan", "syrian", "iraqi", "iranian", "chinese", "turkish", "pakistani", "mongolian", "ethnic",
     "afghanistan's", "афганские", "афганских", "афганский", "сирийские", "сирийских", "иракские",
     "иракских", "иранские", "иранских", "китайские", "китайских", "этнические", "этнических",
     "афганистанские", "этнический"}
)  # fmt: skip
_DIASPORA_AFTER_PLACES = frozenset({"AF", "CN", "IR", "IQ", "SY", "TR", "PK", "MN"})
_CITIZENSHIP = frozenset(
    {"citizenship", "citizen", "passport", "nationality", "гражданство", "гражданства", "гражданином",
     "гражданкой", "паспорт", "паспорта", "подданство"}
)  # fmt: skip
_LIST_GLUE = re.compile(
    r"^\s*(?:,|;|and|or|и|или|а также|as well as|, and|, и|,\s*а также)?\s*$", re.IGNORECASE
)
_RATE_WORDS = frozenset({"курс", "курса", "курсу", "курсом", "rate", "exchange"})
# Mentions that name a country without being about it.
_MENTION_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bAstana\s+(?:format|process|talks|peace\s+talks)\b", re.IGNORECASE), "KZ"),
    (re.compile(r"\bастанинск\w*\s+(?:формат|процесс|переговор)\w*", re.IGNORECASE), "KZ"),
)
_SUPPRESSED = (
    re.compile(r"\b(?:East(?:ern)?|Восточн\w*)\s+(?:Turkestan|Turkistan|Туркестан\w*)", re.IGNORECASE),
)
_ALL_FIVE = re.compile(
    r"\b(?:(?:all\s+)?(?:the\s+)?five\s+(?:countries\s+of\s+Central\s+Asia|Central\s+Asian\s+"
    r"(?:states|countries|republics|nations|leaders|presidents|governments))|"
    r"C5\s*\+\s*1|C5\b|Central\s+Asia\s+Five|"
    r"пят[иь]\w*\s+(?:государств|стран|республик)\w*\s+(?:Центральной|Средней)\s+Азии|"
    r"центральноазиатск\w+\s+пят[её]рк\w*|"
    r"пят[иь]\w*\s+центральноазиатских\s+(?:государств|стран|республик)\w*)",
    re.IGNORECASE,
)
# Case endings after a name, when the table's word-form matching misses it: Turkic ones
# ("Qazaqstanda", "Oʻzbekistonning", "Кыргызстандын", "Тоҷикистонда", "Türkmenistanda"; Latin
# diacritics folded) and Russian ones ("в Казахстане", "в Астане", "Ферганы") — a Russian ending
# may replace the nominative's "а"/"я"/"ь"/"ия" ("Астана" → "Астане", "Киргизия" → "Киргизии").
_ENDINGS = tuple(
    sorted(
        {"da", "de", "ta", "te", "ga", "ge", "ka", "ke", "qa", "dan", "den", "tan", "ten", "nan", "nen",
         "ning", "nin", "nyn", "din", "dyn", "tin", "tyn", "ni", "ny", "di", "dy", "ti", "ty", "dagi",
         "dagy", "daky", "deki", "ndan", "nda", "na", "ne", "yn", "in", "un", "dun", "a", "e",
         "да", "де", "та", "те", "ға", "ге", "қа", "ке", "га", "го", "гө", "ка", "ко", "дан", "ден",
         "тан", "тен", "нан", "нен", "дон", "дөн", "тон", "төн", "дын", "дин", "тын", "тин", "нын",
         "нин", "дун", "дүн", "тун", "түн", "нун", "ның", "нің", "дың", "дің", "тың", "тің", "ни",
         "ны", "ди", "ды", "ти", "ты", "ну", "ду", "ту", "даги", "нинг", "ро", "дағы", "дегі", "дагы",
         "е", "у", "а", "ы", "и", "ом", "ой", "ою", "ам", "ами", "ах", "ей", "ем", "ю", "я", "ии", "ию",
         "ией"},
        key=len,
        reverse=True,
    )
)  # fmt: skip
_RESTORED = ("", "а", "я", "ь", "ия")
_CAPITALISED = re.compile(r"(?<![\w'’ʻ])[^\W\d_a-zа-яё][\w'’ʻ‘]+")
_MIN_STEM = 3


@dataclass(frozen=True)
class CountryTags:
    """A story's countries: `primary` (what it is about) and `mentioned` (named, not primary)."""

    primary: frozenset[str]
    mentioned: frozenset[str]

    @property
    def all(self) -> frozenset[str]:
        return self.primary | self.mentioned


class _Evidence(NamedTuple):  # a tuple: made a dozen times a story, cheaply
    country: str
    group: str
    weight: float
    mention_only: bool
    start: int
    end: int
    kind: str
    ambiguous: bool = False


def split_story(title: str, summary: str | None, content_text: str | None) -> tuple[str, str, str]:
    """(headline, lede, body) of a story: the lede is the summary, else the body's opening; the
    body leaves out its opening when the summary repeats it."""
    body = content_text or ""
    lede = (summary or "").strip()
    if not lede:
        lede = body[:LEDE_CHARS]
        cut = max(lede.rfind(". "), lede.rfind("\n"))
        if len(body) > LEDE_CHARS and cut > 80:
            lede = lede[: cut + 1]
        return title, lede, body[len(lede) :]
    probe = lede.rstrip("…").strip()[:80]
    if probe and body.startswith(probe):
        return title, lede, body[len(lede.rstrip("…")) :]
    return title, lede, body


def tag_countries(
    title: str,
    lede: str = "",
    body: str = "",
    categories: Iterable[str] = (),
    hint: str = "",
) -> CountryTags:
    """The primary and mentioned countries of a story from its headline, lede, body, its feed's
    categories and a hint such as the feed's URL."""
    scores: dict[str, float] = defaultdict(float)
    unambiguous: set[str] = set()  # countries named at least once by a name that cannot be another thing
    named: set[str] = set()
    foreign = False
    for zone, text in (("headline", title), ("lede", lede), ("body", body[:BODY_CHARS])):
        by_country: dict[str, list[float]] = defaultdict(list)
        for ev in _evidence(text):
            if ev.country not in REGION:
                foreign = foreign or ev.kind in ("country", "capital")
                continue
            if not ev.ambiguous:  # "Mary Robinson", "the same sum" name no country
                named.add(ev.country)
            if not ev.mention_only:
                by_country[ev.country].append(ev.weight)
                if not ev.ambiguous:
                    unambiguous.add(ev.country)
        for country, weights in by_country.items():
            weights.sort(reverse=True)
            scores[country] += ZONE_WEIGHTS[zone] * sum(w / (k + 1) for k, w in enumerate(weights))
    strong = _category_countries((*categories, hint.replace("/", " ").replace("-", " ")))
    for country in strong:
        scores[country] += CATEGORY_WEIGHT
    ranked = sorted(scores.values(), reverse=True)
    top = ranked[0] if ranked else 0.0
    primary = {c for c, s in scores.items() if s >= PRIMARY_FLOOR and s >= PRIMARY_SHARE * top} | strong
    if not primary and top >= FALLBACK_FLOOR and (len(ranked) == 1 or top >= 2 * ranked[1]):
        # Nothing in the headline or lede, but the body keeps to one country.
        primary = {c for c, s in scores.items() if s == top and c in unambiguous}
    if not primary and not named and not foreign and (home := _home_country(hint)):
        primary = {home}  # a story of a national outlet (.kz, .uz…) naming no country at all
    return CountryTags(frozenset(primary), frozenset(named - primary))


def _home_country(hint: str) -> str | None:
    """The country of a national top-level domain in a feed's URL: kun.uz, 24.kg, inform.kz."""
    host = re.match(r"^[a-z][a-z0-9+.-]*://([^/:?#]+)", hint.strip().lower())
    return _HOME_DOMAINS.get(host.group(1).rsplit(".", 1)[-1]) if host else None


@functools.lru_cache(maxsize=4096)  # a feed sends the same categories, and its URL, again and again
def _category_countries(categories: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for category in categories:
        if not category.strip():
            continue
        for match in _matches(category):
            group = match.group
            if group.country in REGION and group.kind in (
                "country",
                "capital",
                "region",
                "city",
                "abbreviation",
            ):
                found.add(group.country)
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def _single_word_names() -> dict[str, tuple[AliasGroup, ...]]:
    """The table's one-word names that are not ambiguous nor abbreviations, by normal form."""
    index: dict[str, list[AliasGroup]] = defaultdict(list)
    for group in alias_table().groups:
        if group.kind == "abbreviation":
            continue
        for name in group.names:
            words = list(tokens(name))
            if len(words) == 1 and name not in group.ambiguous:
                index[words[0].norm].append(group)
    return {k: tuple(dict.fromkeys(v)) for k, v in index.items()}


def _matches(text: str) -> list[AliasMatch]:
    """The table's names in `text`, each group once per place, and names the table's word-form
    matching misses, read through their case endings."""
    seen: set[tuple[str, int]] = set()
    found: list[AliasMatch] = []
    covered: list[tuple[int, int]] = []
    for match in alias_table().find(text):
        key = (match.group.id, match.start)
        if key not in seen:
            seen.add(key)
            found.append(match)
            covered.append((match.start, match.end))
    starts = {s for s, _ in covered}
    # Only a capitalised word can be a name read through its ending ("в Казахстане"); most
    # texts have none, and are read once, without offsets.
    if any(map(_written_through_ending, _CAPITALISED.findall(text))):
        for word in _CAPITALISED.finditer(text):
            start = word.start()
            if start in starts:
                continue
            for group in _written_through_ending(word.group()):
                found.append(AliasMatch(group, start, word.end(), word.group(), False))
    found.sort(key=lambda m: m.start)
    return found


@functools.lru_cache(maxsize=1)
def _name_prefixes() -> frozenset[str]:
    return frozenset(name[:_MIN_STEM] for name in _single_word_names())


@functools.lru_cache(maxsize=65536)
def _written_through_ending(written: str) -> tuple[AliasGroup, ...]:
    """`_through_ending` of a capitalised word as written, long enough to have an ending."""
    return _through_ending(normalize_word(written)) if len(written) > _MIN_STEM + 1 else ()


@functools.lru_cache(maxsize=65536)
def _through_ending(word: str) -> tuple[AliasGroup, ...]:
    """The groups a capitalised word names once its case ending is read: "казахстане" → KZ."""
    if word[:_MIN_STEM] not in _name_prefixes():
        return ()
    names = _single_word_names()
    for ending in _ENDINGS:
        if not word.endswith(ending):
            continue
        base = word[: -len(ending)]
        if len(base) < _MIN_STEM:
            continue
        for restored in _RESTORED:
            if (base + restored) in names:
                return names[base + restored]
    return ()


# What a text must contain, case folded, for each phrase pattern to match in it: a pattern that
# ignores case is slow to run over a body, a substring test is not. (Under re.IGNORECASE every
# letter of these needles matches only the characters whose case folding it is, with "ı" and "İ"
# read as "i": checked over all of Unicode when they were chosen.)
_NEEDLES: dict[re.Pattern[str], tuple[str, ...]] = {
    _SUPPRESSED[0]: ("turk", "туркестан"),
    _MENTION_PHRASES[0][0]: ("astana",),
    _MENTION_PHRASES[1][0]: ("астанинск",),
    _ALL_FIVE: ("five", "c5", "пят"),
}


def _fold_for_needles(text: str) -> str:
    return text.casefold().replace("ı", "i").replace("\u0307", "")


def _finditer_if(pattern: re.Pattern[str], text: str, folded: str) -> Iterable[re.Match[str]]:
    """`pattern.finditer(text)`, skipped when `folded` lacks every needle the pattern needs (a
    pattern without needles always runs)."""
    needles = _NEEDLES.get(pattern)
    if needles is None or any(needle in folded for needle in needles):
        return pattern.finditer(text)
    return ()


def _evidence(text: str) -> list[_Evidence]:
    if not text.strip():
        return []
    shouting = text.isupper()
    folded = _fold_for_needles(text)
    suppressed = [m.span() for pattern in _SUPPRESSED for m in _finditer_if(pattern, text, folded)]
    mention_spans: list[tuple[int, int, str]] = [
        (m.start(), m.end(), country)
        for pattern, country in _MENTION_PHRASES
        for m in _finditer_if(pattern, text, folded)
    ]
    matches = [
        m
        for m in _matches(text)
        if not any(s <= m.start < e for s, e in suppressed)
        and (shouting or m.group.kind not in _PROPER_KINDS or m.text[:1].isupper())
    ]
    listed = _listed_with_foreign(text, matches)
    evidence: list[_Evidence] = []
    for index, m in enumerate(matches):
        group = m.group
        if group.country is None:
            continue
        kind = group.kind
        weight = KIND_WEIGHTS.get(kind, 1.0)
        mention_only = False
        if any(s <= m.start < e for s, e, _ in mention_spans):
            mention_only = True
        elif kind == "currency":
            weight = _currency_weight(text, m, weight)
        elif kind == "demonym":
            nxt = matches[index + 1] if index + 1 < len(matches) else None
            if nxt is not None and nxt.group.kind == "currency" and nxt.start - m.end <= 2:
                continue  # "Kazakh tenge": the currency says it
            mention_only = _diaspora_or_citizenship(text, m, matches)
        ambiguous = m.ambiguous and group.id not in _SAME_COUNTRY_EITHER_WAY
        if ambiguous and kind != "currency":
            weight *= AMBIGUOUS_FACTOR
        if index in listed:
            mention_only = True
        evidence.append(
            _Evidence(group.country, group.id, weight, mention_only, m.start, m.end, kind, ambiguous)
        )
    for s, e, country in mention_spans:
        evidence.append(_Evidence(country, "mention", 0.0, True, s, e, "mention"))
    for five in _finditer_if(_ALL_FIVE, text, folded):
        for country in REGION:
            evidence.append(
                _Evidence(
                    country, "five", KIND_WEIGHTS["country"], False, five.start(), five.end(), "country"
                )
            )
    return evidence


def _currency_weight(text: str, m: AliasMatch, weight: float) -> float:
    before = text[max(0, m.start - 25) : m.start]
    if re.search(r"\d", before):
        return AMOUNT_CURRENCY_WEIGHT  # money stated in this currency
    previous = [t.norm for t in tokens(text[max(0, m.start - 20) : m.start])][-1:]
    following = [t.norm for t in tokens(text[m.end : m.end + 20])][:1]
    if m.ambiguous and not (set(previous) | set(following)) & _RATE_WORDS:
        return weight * AMBIGUOUS_FACTOR
    return weight


def _diaspora_or_citizenship(text: str, m: AliasMatch, matches: Sequence[AliasMatch]) -> bool:
    before = [t.norm for t in tokens(text[max(0, m.start - 40) : m.start])][-3:]
    after = [t.norm for t in tokens(text[m.end : m.end + 40])][:3]
    if after[:1] and after[0] in _CITIZENSHIP:
        return True
    if any(w in _DIASPORA_BEFORE for w in before):
        return True
    # "Uzbeks in northern Afghanistan", "Kazakhs of Xinjiang"
    if after[:1] and after[0] in ("in", "of", "from", "в", "из"):
        for other in matches:
            if (
                other.start > m.end
                and other.start - m.end <= 40
                and other.group.country in _DIASPORA_AFTER_PLACES
            ):
                return True
    return False


def _listed_with_foreign(text: str, matches: Sequence[AliasMatch]) -> set[int]:
    """Indexes of the region's country names standing in a list of countries with others.

    "Russia, Belarus, Kazakhstan and Kyrgyzstan": the region's members are only mentioned."""
    countries = [
        (i, m)
        for i, m in enumerate(matches)
        if m.group.kind in ("country", "abbreviation") and m.group.country
    ]
    listed: set[int] = set()
    run: list[tuple[int, AliasMatch]] = []

    def close() -> None:
        codes = [m.group.country for _, m in run]
        if (len(run) >= 3 and any(c not in REGION for c in codes)) or (
            len(run) == 2 and any(c not in REGION for c in codes) and _named_as_participants(text, run[0][1])
        ):
            listed.update(i for i, m in run if m.group.country in REGION)

    for i, m in countries:
        if run and _LIST_GLUE.match(text[run[-1][1].end : m.start]):
            run.append((i, m))
            continue
        if run:
            close()
        run = [(i, m)]
    if run:
        close()
    return listed


def _named_as_participants(text: str, first: AliasMatch) -> bool:
    """ "visitors from Kazakhstan and Russia", "the presidents of Russia and Kazakhstan"."""
    before = [normalize_word(t.norm) for t in tokens(text[max(0, first.start - 30) : first.start])][-2:]
    return bool(set(before) & {"from", "of", "из", "от"})
