"""Our sections from a story's categories, and its countries (reader.core.country_tags).

Countries are weighed from the headline, the lede and the body, with the feed's own categories
and its URL as strong evidence; the story gets primary countries and "also mentioned" ones."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.country_tags import CountryTags, split_story, tag_countries

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


def sections_of(categories: Iterable[str]) -> set[str]:
    """Our section slugs for a story's categories and tags (may be empty)."""
    found: set[str] = set()
    for category in categories:
        text = category.replace("-", " ").replace("_", " ")
        found |= {slug for slug, pattern in _SECTION_PATTERNS.items() if pattern.search(text)}
    return found


def classify_story(
    categories: Iterable[str], title: str, summary: str | None, content_text: str | None, hint: str = ""
) -> tuple[CountryTags, set[str]]:
    """(countries, sections) for a story: countries from its headline, lede and body, with its
    categories and a hint such as the feed's own URL (`/category/news/uzbekistan/feed/`) as
    strong evidence; sections from its categories."""
    categories = list(categories)
    headline, lede, body = split_story(title, summary, content_text)
    return tag_countries(headline, lede, body, categories, hint), sections_of(categories)
