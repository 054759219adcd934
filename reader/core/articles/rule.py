"""When a story wants its full article: the "automatic" rule and a source's modes.

Apart from reader.core.articles.extract so that the story list and the sources dialog can ask it
without loading the sanitiser and the extractor at start-up.
"""

from __future__ import annotations

import re
from typing import Final

MODES = ("automatic", "always", "never")  # a source's "Full articles" setting
# "automatic": fetch the page when the feed's plain text is shorter than this many words...
SHORT_SUMMARY_WORDS: Final = 80
# ...or when it ends in a "read more" link (English, Russian).
READ_MORE = re.compile(
    r"(read more|continue reading|читать далее|подробнее|читать полностью)\W*$", re.IGNORECASE
)


def wants_full_text(text: str) -> bool:
    """The "automatic" rule on the feed's plain text (what the story list reads)."""
    text = text.strip()
    return len(text.split()) < SHORT_SUMMARY_WORDS or bool(READ_MORE.search(text))
