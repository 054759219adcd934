"""Plain one-line text for the values we store and show as labels — story titles, authors,
source names — and the web addresses a story may link to.

A feed's title is whatever its author's template produced: markup, entities (sometimes twice
escaped), comment residue, terminal escape sequences, bidi overrides that reverse what follows,
NUL and C1 control characters, zero-width junk. What we keep is the text a reader would see, on
one line, capped in length. Legitimate text is left alone: Cyrillic and Kazakh letters, Uzbek
ʻ and ’, Arabic and Persian (the zero-width non-joiner U+200C is part of Persian spelling, and the
joiner U+200D of emoji sequences), emoji, and a bare `&`.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import urljoin, urlsplit

from reader.core.html import html_to_text

TITLE_CHARS: Final = 300
AUTHOR_CHARS: Final = 200
NAME_CHARS: Final = 200
URL_CHARS: Final = 4096  # browsers take more; no story link needs it
WEB_SCHEMES: Final = frozenset({"http", "https"})

_RAW_FACTOR = 40  # markup can be long around little text: read this many times the cap, no more
# ESC [ … (CSI), ESC ] … BEL/ST (OSC: titles, hyperlinks), ESC P/X/^/_ … ST (DCS, SOS, PM, APC),
# other two-byte ESC sequences, and the 8-bit CSI/OSC forms.
_TERMINAL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
)
# Dropped: C0 and C1 controls (the spacing ones become spaces below), soft hyphen, Arabic letter
# mark, Mongolian vowel separator, zero-width space, LRM/RLM, bidi embeddings, overrides and
# isolates, word joiner and invisible operators, deprecated format characters, BOM, interlinear
# annotation marks, noncharacters, lone surrogates, Hangul fillers used as blank names.
# Kept: ZWNJ U+200C and ZWJ U+200D, variation selectors, emoji tag characters.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)
# In multi-line text (a story's plain text, its HTML): controls but tab and line breaks, lone
# surrogates, noncharacters; in plain text also the bidi embeddings, overrides and isolates that
# reorder what follows them (LRM/RLM and the joiners are kept: Arabic and Persian text uses them).
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_SPACING = re.compile("[\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029\\s]+")
# More than four combining marks on one letter is "Zalgo" text, not a language.
_MARKS = "\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_MARK_FLOOD = re.compile(f"([{_MARKS}]{{4}})[{_MARKS}]+")
_ASCII_WORK = re.compile(r"[<&]|  |-->")  # what plain printable ASCII may still need done
_TAG_LIKE = re.compile(r"<[A-Za-z/!?]")
_COMMENT_RESIDUE = re.compile(r"<!--|-->")
_TRAILING = re.compile(f"[\\s\u200c\u200d\ufe00-\ufe0f{_MARKS},;:–—-]+$")
_URL_STRIP = "".join(chr(c) for c in range(0x21)) + "\x7f"
_URL_BAD = re.compile(f"[\x00-\x1f\x7f-\x9f{_INVISIBLE.pattern[1:-1]}]")
_HOST_BAD = frozenset(' %<>"{}|\\^`')


def clean_line(value: str | None, limit: int) -> str:
    """`value` as the one line of plain text a reader should see, at most `limit` characters
    (cut at a word where one is near, with an ellipsis); "" when nothing visible is left."""
    if not value:
        return ""
    text = value[: limit * _RAW_FACTOR]
    if not (text.isascii() and text.isprintable() and not _ASCII_WORK.search(text)):
        text = _clean(text)
    text = text.strip()
    if len(text) > limit:
        text = _shorten(text, limit)
    return text


def clean_text(text: str) -> str:
    """Multi-line plain text (from `html_to_text`) without terminal escape sequences, control
    characters or bidi overrides; its lines and legitimate marks are kept."""
    text = strip_controls(text)
    return _BIDI_CONTROLS.sub("", text) if _BIDI_CONTROLS.search(text) else text


def strip_controls(text: str) -> str:
    """`text` (plain or HTML) without terminal escape sequences and control characters other
    than tab and line breaks: what would reach a terminal that prints a story or an export."""
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _TERMINAL.sub("", text)
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def _clean(text: str) -> str:
    for _ in range(3):  # entities escaped twice hide markup behind the first decoding
        if "<" not in text and "&" not in text:
            break
        text = html_to_text(text).replace("\n", " ")
        if not _TAG_LIKE.search(text):
            break
    text = _COMMENT_RESIDUE.sub(" ", text)
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _TERMINAL.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _MARK_FLOOD.sub(r"\1", text)
    return _SPACING.sub(" ", text)


def _shorten(text: str, limit: int) -> str:
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.7:
        cut = cut[:space]
    return _TRAILING.sub("", cut) + "…"


def web_url(value: object, base: str | None = None) -> str | None:
    """`value` as an http(s) address a reader may open, resolved against `base` when relative;
    None for anything else (javascript:, data:, vbscript:, file:, ftp:, mailto:, no host, a
    malformed address, hidden characters)."""
    if not isinstance(value, str):
        return None
    url = value.strip(_URL_STRIP)
    if not url or len(url) > URL_CHARS:
        return None
    # As browsers do (WHATWG URL): tabs and newlines inside an address are dropped, so
    # "java\tscript:" is javascript: and is refused below.
    url = url.replace("\t", "").replace("\n", "").replace("\r", "")
    if _URL_BAD.search(url):
        return None
    url = url.replace(" ", "%20")
    try:
        if base:
            url = urljoin(base, url)
        parts = urlsplit(url)
        host = parts.hostname
        _ = parts.port  # a port out of range or not a number raises here
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not host or _HOST_BAD.intersection(host):
        return None
    return url
