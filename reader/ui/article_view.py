"""The article pane: a sanitised story in a readable layout, with no network access at all."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.html import sanitize_html
from reader.core.images import ImageCache
from reader.core.money import format_usd
from reader.core.paths import resources_dir
from reader.core.search.service import highlight_plain, highlight_story_html
from reader.core.seed import COUNTRIES
from reader.core.text import web_url
from reader.core.types import MoneyContext, Story

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
_COUNTRY_NAMES = {code: name for code, name, _currency in COUNTRIES}


def render_story_html(story: Story, money: Sequence[MoneyContext] = (), highlight: str = "") -> str:
    """The article as HTML for QTextBrowser: title, byline, tags, body, the currency context
    (added beside the story, never into it), link to the original. With `highlight` (the list's
    search text), what it matched is marked in the title and body, as written there."""
    parts: list[str] = []
    if story.is_sample:
        parts.append(
            '<p class="sample">Sample story written for Steppe Reader from public facts — '
            "not a news report.</p>"
        )
    parts.append(f"<h1>{highlight_plain(story.title, highlight, story.language)}</h1>")
    when = story.published_at.astimezone().strftime("%d %B %Y, %H:%M")
    byline = [f"By {html.escape(story.author)}"] if story.author else []
    byline += [when, html.escape(story.source_name)]
    parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    tags = [_COUNTRY_NAMES.get(c, c) for c in story.countries] + list(story.sections)
    if tags:
        parts.append(f'<p class="tags">{html.escape(" · ".join(tags))}</p>')
    if story.mentioned_countries:
        also = ", ".join(sorted(_COUNTRY_NAMES.get(c, c) for c in story.mentioned_countries))
        parts.append(f'<p class="mentioned">Also mentioned: {html.escape(also)}</p>')
    # Sanitised at ingest already; again here, since the pane is where it would hurt.
    parts.append(highlight_story_html(sanitize_html(story.content_html), highlight, story.language))
    if money:
        parts.append(render_money_html(money, story.published_at))
    link = web_url(story.url)  # only http(s), even from a cache older than that rule
    if link:
        url = html.escape(link, quote=True)
        parts.append(
            f'<p class="original"><a href="{url}">Read the original at {html.escape(story.source_name)}</a></p>'
        )
    return "\n".join(parts)


def render_money_html(money: Sequence[MoneyContext], published: dt.datetime) -> str:
    """The "Currency context" block: each amount (a range on one row) with its US-dollar value
    then and today, and the publisher's own dollar figure beside ours where the story states one."""
    day = published.astimezone(dt.UTC).strftime("%d %b %Y")
    rows = [
        f"<tr><td>{html.escape(label)}</td>"
        f'<td align="right">{_usd_then(group)}</td><td align="right">{_usd_today(group)}</td></tr>'
        for label, group in _rows(money)
    ]
    notes = ["At stored market rates (exchange-api). Dollar amounts are left as written."]
    if any(m.misread for m in money):
        notes.append(
            "Where our reading and the publisher's own dollar figure differ more than tenfold, "
            "only the publisher's figure is shown."
        )
    return (
        '<hr/><div class="money"><p class="money-head">Currency context · added by Steppe Reader, '
        "not part of the story</p>"
        '<table class="money-table" cellspacing="0" cellpadding="3">'
        f'<tr><th align="left">In the story</th><th>US$ on {day}</th><th>US$ today</th></tr>'
        f"{''.join(rows)}</table>"
        f'<p class="money-note">{" ".join(notes)}</p>'
        "</div>"
    )


def _rows(money: Sequence[MoneyContext]) -> list[tuple[str, list[MoneyContext]]]:
    """One row per amount, and one per range ("5 and 6 billion tenge": its two ends together)."""
    rows: list[tuple[str, list[MoneyContext]]] = []
    for m in money:
        if rows and m.range_text and rows[-1][1][-1].range_text == m.range_text and len(rows[-1][1]) == 1:
            rows[-1][1].append(m)
        else:
            rows.append((m.range_text or m.text, [m]))
    return rows


def _usd_then(group: Sequence[MoneyContext]) -> str:
    texts = [m.publisher_text for m in group if m.publisher_text]
    publisher = f"publisher: {html.escape(' – '.join(texts))}" if texts else ""
    if any(m.misread for m in group):
        return f'<span class="publisher">{publisher}</span>'
    ours = _usd([m.usd_at_published for m in group])
    return f'{ours} <span class="publisher">({publisher})</span>' if publisher else ours


def _usd_today(group: Sequence[MoneyContext]) -> str:
    return "—" if any(m.misread for m in group) else _usd([m.usd_today for m in group])


def _usd(values: Sequence[float | None]) -> str:
    """ "≈ $5.3 million", or a range "≈ $11.2 million – $13.5 million"."""
    if any(v is None for v in values):
        return "no rate stored"
    return "≈ " + html.escape(" – ".join(format_usd(v) for v in values if v is not None))


class ArticleView(QTextBrowser):
    link_refused = Signal(str)  # a link with a scheme we do not open

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Article")
        self.document().setDefaultStyleSheet((resources_dir() / "css" / "article.css").read_text("utf-8"))
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self.on_anchor_clicked)
        self.story_id: int | None = None
        self.show_welcome()

    def show_welcome(self) -> None:
        self.story_id = None
        self.setHtml(
            '<p class="welcome">Select a story to read it here. Stories are read from the local cache, '
            "so they stay readable with no network.</p>"
        )

    def show_story(self, story: Story, money: Sequence[MoneyContext] = (), highlight: str = "") -> None:
        """The story, with its currency context (rates) after the text when it has any, and the
        words of the search `highlight` marked."""
        self.story_id = story.id
        self.setHtml(render_story_html(story, money, highlight))
        self.verticalScrollBar().setValue(0)

    # The offline image cache (Library.images); set by the window. None: placeholders only.
    image_cache: ImageCache | None = None

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Never fetch anything: no network, no local files named by a story. An http(s) image
        # comes from the offline cache that sync fills; anything else is a neutral placeholder.
        if type == QTextDocument.ResourceType.ImageResource.value:
            url = name.toString() if isinstance(name, QUrl) else str(name)
            web = url.startswith(("http://", "https://"))
            cached = self.image_cache.get(url) if self.image_cache is not None and web else None
            if cached is not None:
                image = QImage(str(cached))
                if not image.isNull():
                    return image
            placeholder = QImage(64, 40, QImage.Format.Format_RGB32)
            placeholder.fill(QColor("#e3e3e3"))
            return placeholder
        return None

    @Slot(QUrl)
    def on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in OPENABLE_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(url.toString())
