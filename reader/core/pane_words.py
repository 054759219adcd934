"""The words the article pane says around a story (PaneWords): English here, for `steppe show`
and the exports; the window passes its language's (reader.ui.pane_words).

Apart from reader.core.story_html, which writes the HTML and loads the search highlighter with it,
so that the window can make these words for its first story before the rest of the core loads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reader.core.types import format_usd
from reader.core.types.stories import COUNTRIES

COUNTRY_NAMES = {code: name for code, name, _currency in COUNTRIES}

SAMPLE_NOTE = "written for Steppe Reader from public facts — not a news report"


def _stamp(when: dt.datetime) -> str:
    return when.astimezone().strftime("%d %B %Y, %H:%M")


def _day(day: dt.date) -> str:
    return day.strftime("%d %b %Y")


def _country(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)


def _section(name: str) -> str:
    return name


@dataclass(frozen=True)
class PaneWords:
    """What the pane's HTML says around the story (never in it), as templates with "%1" for a
    value, and how it writes dates, dollars and countries. English by default (the CLI's
    `steppe show`); the window passes its language's (reader.ui.pane_words), so no Qt here."""

    sample: str = f"Sample story {SAMPLE_NOTE}."
    by: str = "By %1"
    also_mentioned: str = "Also mentioned: %1"
    money_head: str = "Currency context · added by Steppe Reader, not part of the story"
    in_story: str = "In the story"
    usd_then: str = "US$ at the time"
    usd_today: str = "US$ today"
    rate_of: str = "at the rate of %1"
    cell_rate_of: str = "(rate of %1)"
    rates_note: str = (
        "At stored market rates (exchange-api): the story is of %1, each amount is valued at the "
        "newest rate stored on or before it, and at the newest rate stored. Dollar amounts are left as written."
    )
    misread_note: str = (
        "Where our reading and the publisher's own dollar figure differ more than tenfold, "
        "only the publisher's figure is shown."
    )
    publisher: str = "publisher: %1"
    no_rate: str = "no rate stored"
    original: str = "Read the original at %1"
    stamp: Callable[[dt.datetime], str] = _stamp  # the byline's publication time, local
    day: Callable[[dt.date], str] = _day  # a rate's or the story's day
    usd: Callable[[float], str] = format_usd
    country: Callable[[str], str] = _country
    section: Callable[[str], str] = _section  # a section's stored name, in the interface's words
