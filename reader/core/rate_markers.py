"""The stories a currency's chart marks: those tagged with its country, or naming the currency."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from reader.core.errors import InvalidSearchQuery
from reader.core.types import SortOrder, StoryMarker, StoryQuery
from reader.core.types.stories import COUNTRIES

if TYPE_CHECKING:
    from reader.core.stories import Stories

# Search words for each currency (English; the search folds case and diacritics).
SEARCH_WORDS = {
    "KZT": ("tenge", "KZT"),
    "KGS": ("som", "soms", "KGS"),
    "UZS": ("soum", "soums", "UZS"),
    "TJS": ("somoni", "TJS"),
    "TMT": ("manat", "manats", "TMT"),
    "RUB": ("ruble", "rubles", "rouble", "roubles", "RUB"),
    "CNY": ("yuan", "renminbi", "CNY"),
    "EUR": ("euro", "euros", "EUR"),
    "TRY": ("lira", "TRY"),
    "AFN": ("afghani", "AFN"),
}
COUNTRY_OF = {currency: code for code, _name, currency in COUNTRIES}
MAX_MARKERS = 400


def story_markers(stories: Stories, currency: str, limit: int = MAX_MARKERS) -> list[StoryMarker]:
    """Newest first, each story once: the country's stories, then those naming the currency."""
    code = currency.upper()
    found: dict[int, StoryMarker] = {}
    queries = []
    if code in COUNTRY_OF:
        queries.append(StoryQuery(countries=(COUNTRY_OF[code],)))
    if code in SEARCH_WORDS:
        queries.append(StoryQuery(text=" OR ".join(SEARCH_WORDS[code]), sort=SortOrder.NEWEST))
    for query in queries:
        try:
            rows = stories.headlines(query, limit)
        except InvalidSearchQuery:
            continue
        for story_id, title, published in rows:
            if len(found) >= limit:
                break
            found.setdefault(story_id, StoryMarker(story_id, title, published.astimezone(dt.UTC).date()))
    return sorted(found.values(), key=lambda m: (m.date, m.story_id), reverse=True)
