"""A story's stored HTML and plain text, zlib-compressed (issue 13: a leaner cache).

A value is stored as a BLOB: one format byte, then a zlib stream (with its Adler-32 check)
deflated against a preset dictionary of common HTML and frequent English and Russian words,
which is what makes a body of a few hundred words compress well. A value that would not get
smaller (an empty or very short text) stays TEXT, and so does every row written before
migration 0009: SQLite tells the two apart by their storage class, so reading never needs to
know which rows were converted. A damaged BLOB reads as an empty text with a logged warning.

Standard library only: the list's first page is read before SQLAlchemy loads (reader.core.first_page);
the column type that applies this is models.CompressedText."""

from __future__ import annotations

import logging
import zlib

log = logging.getLogger(__name__)

FORMAT = 1  # the first byte of a stored value: zlib against ZDICT below (never change either)
LEVEL = 6

# Deflate finds matches in the dictionary as in text already seen, so it holds what recurs across
# stories, most frequent last (nearest, cheapest to refer to). Not taken from bench/generate.py's
# vocabulary: general English and Russian and the markup nh3 leaves, plus the region's names.
_WORDS_REGION = (
    "Kazakhstan Kyrgyzstan Tajikistan Turkmenistan Uzbekistan Astana Almaty Bishkek Dushanbe "
    "Ashgabat Tashkent Central Asia tenge som somoni manat sum National Bank dollar million billion "
    "Казахстан Кыргызстан Киргизия Таджикистан Туркменистан Узбекистан Астана Алматы Бишкек Душанбе "
    "Ашхабад Ташкент Центральной Азии тенге сом сомони манат сумов Национальный банк доллар "
    "миллионов миллиардов "
)
_WORDS_RU = (
    "также может время году года который которые этого после более если между только однако "
    "сообщает заявил отметил президент правительство министерство страны республики области "
    "развития сотрудничества экономики рамках процента рублей было были будет было для при что "
    "как это его они она так уже или чем все еще над под без про его по на не с и в "
)
_WORDS_EN = (
    "according government minister president country region economic development cooperation "
    "percent officials announced reported however because between during through against would "
    "could should there their which about after other years year said will have has been were "
    "from with that this they for are was the and of to in a "
)
_MARKUP = (
    '<figure><img src="https://" alt=""><figcaption></figcaption></figure> <blockquote></blockquote>'
    "<table><tbody><tr><td></td></tr></tbody></table> <h2></h2><h3></h3> <ul><li></li></ul> "
    "<em></em> <strong></strong> <br> "
    '<a href="https://www.'
    '" rel="noopener noreferrer">'
    "</a>. </p>\n<p>"
)
ZDICT = (_WORDS_REGION + _WORDS_RU + _WORDS_EN + _MARKUP).encode("utf-8")


def compress(value: str) -> bytes | str:
    """What to store for `value`: the compressed BLOB, or `value` itself when that is smaller."""
    raw = value.encode("utf-8")
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, zlib.MAX_WBITS, zdict=ZDICT)
    packed = bytes([FORMAT]) + packer.compress(raw) + packer.flush()
    return packed if len(packed) < len(raw) else value


class Packed(bytes):
    """A value compressed already (by `pack`, in a worker process): bound as it is."""


def pack(value: str) -> Packed | str:
    """`compress(value)`, marked so that a CompressedText column stores it without compressing
    it again; a value that stays TEXT is bound as text (and is then left as it is again)."""
    stored = compress(value)
    return Packed(stored) if isinstance(stored, bytes) else stored


def decompress(stored: bytes | str) -> str:
    """The text a stored value holds; a TEXT value (written before 0009, or short) as it is."""
    if isinstance(stored, str):
        return stored
    try:
        if not stored or stored[0] != FORMAT:
            raise ValueError(f"unknown format byte {stored[:1]!r}")
        unpacker = zlib.decompressobj(zlib.MAX_WBITS, zdict=ZDICT)
        raw = unpacker.decompress(stored[1:]) + unpacker.flush()
        if not unpacker.eof:
            raise ValueError("the stream ends early")
        return raw.decode("utf-8")
    except (zlib.error, ValueError) as exc:  # UnicodeDecodeError is a ValueError
        log.warning(
            "a stored story text (%d bytes) could not be read and is shown empty: %s", len(stored), exc
        )
        return ""
