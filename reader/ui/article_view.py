"""The article pane: a story rendered by the core (reader.core.story_html), with no network
access at all and no file read on the GUI thread: its cached images arrive decoded with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.types import Article

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})


class ArticleView(QTextBrowser):
    link_refused = Signal(str)  # a link with a scheme we do not open

    def __init__(self, stylesheet: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Article")
        # The one file the pane reads, once, as the window is built (it ships with the app).
        self.document().setDefaultStyleSheet(stylesheet.read_text("utf-8"))
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self.on_anchor_clicked)
        self.story_id: int | None = None
        self._images: dict[str, QImage] = {}
        self.show_welcome()

    def show_welcome(self) -> None:
        self.story_id = None
        self._images = {}
        self.setHtml(
            '<p class="welcome">Select a story to read it here. Stories are read from the local cache, '
            "so they stay readable with no network.</p>"
        )

    def show_article(self, article: Article, images: dict[str, QImage] | None = None) -> None:
        """The story with its currency context; `images` are its cached pictures, decoded."""
        self.story_id = article.story.id
        self._images = dict(images or {})
        self.setHtml(article.html)
        self.verticalScrollBar().setValue(0)

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Never fetch anything: no network, no local files named by a story. An http(s) image
        # is one the offline cache had (decoded with the story); anything else is a placeholder.
        if type == QTextDocument.ResourceType.ImageResource.value:
            url = name.toString() if isinstance(name, QUrl) else str(name)
            cached = self._images.get(url) if url.startswith(("http://", "https://")) else None
            if cached is not None:
                return cached
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

    def set_text_scale(self, scale: float) -> None:
        """Text size (View → Bigger/Smaller text): the stylesheet's point sizes times `scale`,
        for the next story shown (the window shows the current one again)."""
        import re  # here, not at the top: the one method of the pane that needs it

        base = getattr(self, "_base_css", None)
        if base is None:
            base = self._base_css = self.document().defaultStyleSheet()
        css = re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * scale:.1f}pt", base)
        self.document().setDefaultStyleSheet(css)
