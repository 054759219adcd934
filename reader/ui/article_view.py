"""The article pane: a sanitised story in a readable layout, with no network access at all."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.html import sanitize_html
from reader.core.paths import resources_dir
from reader.core.seed import COUNTRIES
from reader.core.types import Story

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
_COUNTRY_NAMES = {code: name for code, name, _currency in COUNTRIES}


def render_story_html(story: Story) -> str:
    """The article as HTML for QTextBrowser: title, byline, tags, body, link to the original."""
    parts: list[str] = []
    if story.is_sample:
        parts.append(
            '<p class="sample">Sample story written for Steppe Reader from public facts — '
            "not a news report.</p>"
        )
    parts.append(f"<h1>{html.escape(story.title)}</h1>")
    when = story.published_at.astimezone().strftime("%d %B %Y, %H:%M")
    byline = [f"By {html.escape(story.author)}"] if story.author else []
    byline += [when, html.escape(story.source_name)]
    parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    tags = [_COUNTRY_NAMES.get(c, c) for c in story.countries] + list(story.sections)
    if tags:
        parts.append(f'<p class="tags">{html.escape(" · ".join(tags))}</p>')
    # Sanitised at ingest already; again here, since the pane is where it would hurt.
    parts.append(sanitize_html(story.content_html))
    if story.url:
        url = html.escape(story.url, quote=True)
        parts.append(
            f'<p class="original"><a href="{url}">Read the original at {html.escape(story.source_name)}</a></p>'
        )
    return "\n".join(parts)


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

    def show_story(self, story: Story) -> None:
        self.story_id = story.id
        self.setHtml(render_story_html(story))
        self.verticalScrollBar().setValue(0)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Never fetch anything: no network, no local files named by a story. Images get a
        # neutral placeholder until the offline image cache (sync) provides them.
        if type == QTextDocument.ResourceType.ImageResource.value:
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
