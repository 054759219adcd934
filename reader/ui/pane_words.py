"""What the article pane says around a story, in the interface's language.

reader.core.story_html writes the pane's HTML (also for `steppe show`, in English) and has no
Qt; the window hands it these words, dates in QLocale's format and dollars in its numbers. The
story's own text (title, body, the amounts as written) is never translated.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QDateTime, QLocale

from reader.core.pane_words import PaneWords  # not the pane's HTML writer, which loads with the first story
from reader.core.types.rates import usd_scale

COUNTRY_NAMES = {
    "KZ": QT_TRANSLATE_NOOP("Countries", "Kazakhstan"),
    "KG": QT_TRANSLATE_NOOP("Countries", "Kyrgyzstan"),
    "TJ": QT_TRANSLATE_NOOP("Countries", "Tajikistan"),
    "TM": QT_TRANSLATE_NOOP("Countries", "Turkmenistan"),
    "UZ": QT_TRANSLATE_NOOP("Countries", "Uzbekistan"),
}

# The sections bundled and classified by reader.core.seed (SECTIONS), by their stored name; a
# feed's own section names are shown as the feed writes them.
SECTION_NAMES = {
    "Politics": QT_TRANSLATE_NOOP("Sections", "Politics"),
    "Economy": QT_TRANSLATE_NOOP("Sections", "Economy"),
    "Mining & Energy": QT_TRANSLATE_NOOP("Sections", "Mining & Energy"),
    "Society & Culture": QT_TRANSLATE_NOOP("Sections", "Society & Culture"),
    "Environment": QT_TRANSLATE_NOOP("Sections", "Environment"),
    "Transport & Infrastructure": QT_TRANSLATE_NOOP("Sections", "Transport & Infrastructure"),
}


def section_name(name: str) -> str:
    known = SECTION_NAMES.get(name)
    return QCoreApplication.translate("Sections", str(known)) if known else name


def country_name(code: str) -> str:
    name = COUNTRY_NAMES.get(code)
    return QCoreApplication.translate("Countries", str(name)) if name else code


def stamp(when: dt.datetime) -> str:
    """The byline's time, local, in the interface's locale: "03 December 2026, 14:05"."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(when.timestamp())), "dd MMMM yyyy, HH:mm")


def day(value: dt.date) -> str:
    return QLocale().toString(QDate(value.year, value.month, value.day), "dd MMM yyyy")


def usd(value: float) -> str:
    """reader.core.types.format_usd (its rule, usd_scale) in the interface's numbers and words:
    "$38.1 million"."""
    number, word, decimals = usd_scale(value)
    if word == "trillion":
        template = QCoreApplication.translate("ArticleView", "$%1 trillion")
    elif word == "billion":
        template = QCoreApplication.translate("ArticleView", "$%1 billion")
    elif word == "million":
        template = QCoreApplication.translate("ArticleView", "$%1 million")
    else:
        template = QCoreApplication.translate("ArticleView", "$%1")
    return template.replace("%1", QLocale().toString(number, "f", decimals))


def pane_words() -> PaneWords:
    """The pane's words now (after a change of language, the next story shown has the new ones)."""
    return PaneWords(
        sample=QCoreApplication.translate(
            "ArticleView", "Sample story written for Steppe Reader from public facts — not a news report."
        ),
        by=QCoreApplication.translate("ArticleView", "By %1"),
        also_mentioned=QCoreApplication.translate("ArticleView", "Also mentioned: %1"),
        money_head=QCoreApplication.translate(
            "ArticleView", "Currency context · added by Steppe Reader, not part of the story"
        ),
        in_story=QCoreApplication.translate("ArticleView", "In the story"),
        usd_then=QCoreApplication.translate("ArticleView", "US$ at the time"),
        usd_today=QCoreApplication.translate("ArticleView", "US$ today"),
        rate_of=QCoreApplication.translate("ArticleView", "at the rate of %1"),
        cell_rate_of=QCoreApplication.translate("ArticleView", "(rate of %1)"),
        rates_note=QCoreApplication.translate(
            "ArticleView",
            "At stored market rates (exchange-api): the story is of %1, each amount is valued at the "
            "newest rate stored on or before it, and at the newest rate stored. Dollar amounts are left "
            "as written.",
        ),
        misread_note=QCoreApplication.translate(
            "ArticleView",
            "Where our reading and the publisher's own dollar figure differ more than tenfold, only the "
            "publisher's figure is shown.",
        ),
        publisher=QCoreApplication.translate("ArticleView", "publisher: %1"),
        no_rate=QCoreApplication.translate("ArticleView", "no rate stored"),
        original=QCoreApplication.translate("ArticleView", "Read the original at %1"),
        stamp=stamp,
        day=day,
        usd=usd,
        country=country_name,
        section=section_name,
    )
