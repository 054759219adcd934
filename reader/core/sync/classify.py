"""Our sections from a story's categories, and its countries from categories and text.

A country counts when the story names it, its people, its capital or a major city (English
and Russian spellings). Russian words are matched as stems so declensions count too
("в Казахстане", "из Ташкента")."""

from __future__ import annotations

import re
from collections.abc import Iterable

# code: (English stems, matched with any suffix; exact English words; Russian stems; exact Russian)
_PLACES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "KZ": (
        ("Kazakh", "Qazaq", "Astana", "Almaty", "Shymkent", "Karaganda", "Aktobe", "Atyrau", "Aktau",
         "Pavlodar", "Semey", "Oskemen", "Ust-Kamenogorsk", "Baikonur"),
        ("Nur-Sultan",),
        ("Казахстан", "Казах", "Қазақ", "Астан", "Алмат", "Шымкент", "Караганд", "Актоб", "Атырау",
         "Актау", "Павлодар", "Байконур"),
        (),
    ),
    "KG": (
        ("Kyrgyz", "Kirghiz", "Bishkek", "Jalal-Abad", "Karakol", "Issyk-Kul", "Naryn", "Batken", "Talas"),
        ("Osh",),
        ("Кыргыз", "Киргиз", "Бишкек", "Джалал-Абад", "Каракол", "Иссык-Кул", "Нарын", "Баткен"),
        ("Ош", "Оше", "Оша"),
    ),
    "TJ": (
        ("Tajik", "Dushanbe", "Khujand", "Bokhtar", "Kulob", "Khorog", "Gorno-Badakhshan", "Rogun"),
        (),
        ("Таджик", "Душанбе", "Худжанд", "Бохтар", "Куляб", "Хорог", "Рогун"),
        (),
    ),
    "TM": (
        ("Turkmen", "Ashgabat", "Ashkhabad", "Dashoguz", "Turkmenabat", "Balkanabat", "Galkynysh"),
        (),
        ("Туркмен", "Ашхабад", "Дашогуз", "Туркменабат", "Балканабат"),
        (),
    ),
    "UZ": (
        ("Uzbek", "O'zbek", "Tashkent", "Samarkand", "Bukhara", "Namangan", "Andijan", "Fergana",
         "Ferghana", "Nukus", "Karakalpak", "Khiva", "Navoi", "Termez"),
        (),
        ("Узбек", "Ўзбек", "Ташкент", "Самарканд", "Бухар", "Наманган", "Андижан", "Ферган", "Нукус",
         "Каракалпак", "Хива", "Навои", "Термез"),
        (),
    ),
}  # fmt: skip


def _pattern(stems: Iterable[str], words: Iterable[str]) -> re.Pattern[str]:
    parts = [re.escape(s) + r"[\w'’-]*" for s in stems] + [re.escape(w) + r"(?![\w-])" for w in words]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + ")", re.IGNORECASE)


_COUNTRY_PATTERNS = {
    code: _pattern(en + ru, en_words + ru_words) for code, (en, en_words, ru, ru_words) in _PLACES.items()
}

# Our section slugs and the category words that put a story in them (stems, any language).
SECTION_KEYWORDS: dict[str, tuple[str, ...]] = {
    "politics": ("politic", "government", "election", "parliament", "president", "diplomac",
                 "foreign policy", "geopolitic", "security", "human rights", "law", "политик",
                 "выбор", "власть", "дипломат", "siyosat"),
    "economy": ("econom", "business", "financ", "bank", "trade", "market", "invest", "currenc",
                "tax", "budget", "agricultur", "tourism", "экономик", "бизнес", "финанс", "iqtisod"),
    "mining-energy": ("energy", "oil", "gas", "mining", "uranium", "gold", "coal", "electric",
                      "hydro", "nuclear", "power plant", "renewable", "энергетик", "нефт", "газопровод", "природный газ",
                      "горнодобы", "энергия"),
    "society-culture": ("societ", "social", "cultur", "education", "health", "sport", "religio",
                        "arts", "music", "film", "lifestyle", "people", "общество", "культур",
                        "спорт", "образован", "здравоохр", "jamiyat", "madaniyat"),
    "environment": ("environment", "climate", "ecolog", "water", "aral", "glacier", "drought",
                    "pollution", "nature", "wildlife", "экологи", "климат", "водн", "ekologiya"),
    "transport": ("transport", "infrastructure", "rail", "road", "aviation", "airline", "airport",
                  "logistic", "corridor", "transit", "транспорт", "железн", "авиа", "логистик"),
}  # fmt: skip
_SECTION_PATTERNS = {
    slug: re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + ")", re.IGNORECASE)
    for slug, keys in SECTION_KEYWORDS.items()
}


def countries_in(text: str) -> set[str]:
    """ISO codes of the Central Asian countries that `text` mentions."""
    return {code for code, pattern in _COUNTRY_PATTERNS.items() if pattern.search(text)}


def sections_of(categories: Iterable[str]) -> set[str]:
    """Our section slugs for a story's categories and tags (may be empty)."""
    found: set[str] = set()
    for category in categories:
        text = category.replace("-", " ").replace("_", " ")
        found |= {slug for slug, pattern in _SECTION_PATTERNS.items() if pattern.search(text)}
    return found


def classify(categories: Iterable[str], text: str, hint: str = "") -> tuple[set[str], set[str]]:
    """(countries, sections) for a story: countries from its categories, its text and a hint
    such as the feed's own URL (`/category/news/uzbekistan/feed/`), sections from categories."""
    categories = list(categories)
    countries = countries_in(" \n".join([*categories, hint.replace("/", " "), text]))
    return countries, sections_of(categories)
