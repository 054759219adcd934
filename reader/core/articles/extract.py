"""The story inside an article page, with trafilatura, then our own sanitising path.

trafilatura (Apache-2.0) finds the main text of a CMS page; what it returns still goes through
reader.core.html.sanitize_html like any feed content, so nothing it keeps can run or track.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from reader.core.articles.rule import wants_full_text
from reader.core.html import bound_markup, html_to_text, sanitize_html

# Fewer words than this is a menu or a caption, not a story.
MIN_STORY_WORDS: Final = 25
# Lines trafilatura sometimes keeps from share bars and "read also" blocks.
_JUNK_LINE = re.compile(
    r"^\s*(share|поделиться|read also|читайте также|see also|смотрите также|advertisement|реклама)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class ExtractedArticle:
    html: str  # sanitised
    text: str
    author: str | None
    lead_image: str | None
    title: str | None


def wants_full_article(summary_html: str) -> bool:
    """The "automatic" rule: under SHORT_SUMMARY_WORDS words of plain text, or a "read more" end."""
    return wants_full_text(html_to_text(summary_html))


def extract_article(page_html: str, url: str) -> ExtractedArticle | None:
    """The story on `page_html`, or None when the page holds no story text."""
    import trafilatura  # loaded on first use: it brings lxml, htmldate and courlan

    bounded = bound_markup(page_html)
    body = trafilatura.extract(
        bounded,
        url=url,
        output_format="html",
        include_comments=False,
        include_tables=True,
        include_images=True,
        favor_precision=True,
    )
    if not body:
        return None
    meta = trafilatura.extract_metadata(bounded, default_url=url)
    clean = sanitize_html(_drop_junk(body), base_url=url)
    text = html_to_text(clean).strip()
    if len(text.split()) < MIN_STORY_WORDS:
        return None
    return ExtractedArticle(
        html=clean,
        text=text,
        author=(meta.author if meta is not None else None) or None,
        lead_image=(meta.image if meta is not None else None) or None,
        title=(meta.title if meta is not None else None) or None,
    )


def _drop_junk(body: str) -> str:
    """Drop paragraphs that are a share bar or a "read also" heading (the small cleanup pass)."""
    return re.sub(
        r"<p>(.*?)</p>",
        lambda m: "" if _JUNK_LINE.match(html_to_text(m.group(1))) else m.group(0),
        body,
        flags=re.DOTALL,
    )
