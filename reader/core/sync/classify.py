"""Our sections from a story's categories. (Its countries: reader.core.country_tags, which
weighs the headline, lede and body with the feed's own categories as strong evidence.)"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
