"""The article pane: a story rendered by the core (reader.core.story_html), with no network
access at all and no file read on the GUI thread: its cached images arrive decoded with it.

A search's hits come marked in the HTML (reader.core.search.highlight, on the sanitised markup,
never inside a tag); the pane opens a story scrolled to the first hit in its text. Under the
title, a bookmarked story shows its note and tags, editable there (reader.ui.article_header)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QImage,
    QResizeEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from reader.core.types import Article
from reader.ui import theme
from reader.ui.article_header import ArticleHeader
from reader.ui.tasks import TaskManager

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
HEADER_GAP = 6  # px between the title and the note/tags, and below them
BODY_POINTS = 11.0  # the stylesheet's body size (resources/css/article.css), at text scale 1
COLUMN_CHARS = 72  # the reading column, in average character widths (about 85 of real text)


class ArticleView(QTextBrowser):
    link_refused = Signal(str)  # a link with a scheme we do not open

    def __init__(
        self, stylesheet: Path, parent: QWidget | None = None, tasks: TaskManager | None = None
    ) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(self.tr("Article"))
        self.setAccessibleDescription(
            self.tr(
                "The selected story. Space pages down, then opens the next unread story; Ctrl+Shift+F finds in it"
            )
        )
        # The one file the pane reads, once, as the window is built (it ships with the app).
        self._file_css = stylesheet.read_text("utf-8")  # sizes; the colours come from the theme
        self.document().setDefaultStyleSheet(self._themed_css())
        theme.manager().changed.connect(self.on_theme_changed)
        self.document().setDocumentMargin(18)
        self.anchorClicked.connect(self.on_anchor_clicked)
        self.story_id: int | None = None
        self._images: dict[str, QImage] = {}
        # The note and tags float in the text's viewport, in a gap left under the title.
        self.header: ArticleHeader | None = None
        if tasks is not None:
            self.header = ArticleHeader(tasks, self.viewport())
            self.header.loaded.connect(self._place_header)
            self.verticalScrollBar().valueChanged.connect(self._move_header)
            # A new layout (text size, width, fonts) moves the title's end: the strip follows.
            self.document().documentLayout().documentSizeChanged.connect(self._on_layout_changed)
        self._header_top: float | None = None  # in document coordinates
        self._scale = 1.0
        self.show_welcome()

    def show_welcome(self) -> None:
        words = self.tr(
            "Select a story to read it here. Stories are read from the local cache, "
            "so they stay readable with no network."
        )
        self._show_no_story(f'<p class="welcome">{html.escape(words)}</p>')

    def show_opening(self, title: str) -> None:
        """The chosen story's title while the cache opens at start-up (its text comes with the
        Library, a moment later), rather than "Select a story" beside a story already selected."""
        words = html.escape(self.tr("Opening the story…"))
        self._show_no_story(f'<h1>{html.escape(title)}</h1><p class="welcome">{words}</p>')

    def _show_no_story(self, markup: str) -> None:
        """`markup` in the pane with no story open: no images, no note and tags strip."""
        self.story_id = None
        self._images = {}
        self.setHtml(markup)
        self._fit_column()
        if self.header is not None:
            self.header.show_story(None)
        self._header_top = None

    def show_article(self, article: Article, images: dict[str, QImage] | None = None) -> None:
        """The story with its currency context; `images` are its cached pictures, decoded. With
        search hits marked in it, the pane opens at the first hit in the story's text."""
        self.story_id = article.story.id
        self._images = dict(images or {})
        self._header_top = None
        self.setHtml(article.html)
        self._fit_column()
        self.verticalScrollBar().setValue(0)
        self.scroll_to_first_hit()
        if self.header is not None:
            self.header.show_story(article.story.id)

    # -- search hits -------------------------------------------------------------------------

    def hit_positions(self) -> list[tuple[int, str]]:
        """(document position, text) of every marked hit, in order."""
        from reader.core.search.highlight import HIT_BACKGROUND  # html.parser: not before the first paint

        hits: list[tuple[int, str]] = []
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid() and fragment.charFormat().background().color() == QColor(
                    HIT_BACKGROUND
                ):
                    if hits and hits[-1][0] + len(hits[-1][1]) == fragment.position():
                        hits[-1] = (hits[-1][0], hits[-1][1] + fragment.text())  # one hit, split by format
                    else:
                        hits.append((fragment.position(), fragment.text()))
                it += 1
            block = block.next()
        return hits

    def scroll_to_first_hit(self) -> bool:
        """Scroll so the first hit after the title stands a little below the top; False if the
        story has none there (a hit in the title alone is in view already)."""
        document = self.document()
        for position, _text in self.hit_positions():
            block = document.findBlock(position)
            if block.blockFormat().headingLevel() == 1:
                continue
            layout = document.documentLayout()
            top = layout.blockBoundingRect(block).top()
            line = block.layout().lineForTextPosition(position - block.position())
            if line.isValid():
                top += line.y()
            if top + line.height() <= self.viewport().height() * 0.8:
                return True  # on screen as opened
            self.verticalScrollBar().setValue(int(top - self.viewport().height() / 4))
            return True
        return False

    # -- the note and tags under the title -------------------------------------------------

    @Slot()
    def _place_header(self) -> None:
        """Open a gap under the title as tall as the note/tags strip, and put the strip there."""
        header = self.header
        if header is None:
            return
        document = self.document()
        block = document.begin()
        while block.isValid() and block.blockFormat().headingLevel() != 1:
            block = block.next()
        below = block.next() if block.isValid() else block
        if not below.isValid():
            header.hide()
            return
        height = header.sizeHint().height() if header.bookmark is not None else 0
        margin = height + 2 * HEADER_GAP if height else 0
        if below.blockFormat().topMargin() != margin:  # unchanged: no relayout (and no loop)
            gap = QTextBlockFormat()
            gap.setTopMargin(margin)
            QTextCursor(below).mergeBlockFormat(gap)
        if not height:
            self._header_top = None
            return
        rect = document.documentLayout().blockBoundingRect(block)
        self._header_top = rect.bottom() + HEADER_GAP
        self._move_header()

    @Slot()
    def _on_layout_changed(self, *_args: object) -> None:
        if self.header is not None and self.header.bookmark is not None and self._header_top is not None:
            self._place_header()

    @Slot()
    def _move_header(self, *_args: object) -> None:
        header = self.header
        if header is None or self._header_top is None:
            return
        margin = self._side_margin()
        header.setGeometry(
            margin,
            int(self._header_top) - self.verticalScrollBar().value(),
            max(120, self.viewport().width() - 2 * margin),
            header.sizeHint().height(),
        )
        header.show()

    # -- the reading column ---------------------------------------------------------------

    def _side_margin(self) -> int:
        """The left (and right) margin that keeps lines to COLUMN_CHARS on a wide pane: a calm
        column centred in the pane, never narrower than the pane allows."""
        font = QFont(self.font())
        font.setPointSizeF(BODY_POINTS * self._scale)
        column = QFontMetricsF(font).averageCharWidth() * COLUMN_CHARS
        margin = self.document().documentMargin()
        return int(max(margin, (self.viewport().width() - column) / 2))

    def _fit_column(self) -> None:
        root = self.document().rootFrame()
        frame = root.frameFormat()
        margin = self._side_margin()
        if frame.leftMargin() != margin or frame.rightMargin() != margin:  # no relayout loop
            frame.setLeftMargin(margin)
            frame.setRightMargin(margin)
            root.setFrameFormat(frame)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_column()
        if self.header is not None and self.header.bookmark is not None:
            self._place_header()  # the title may wrap differently

    # -- resources and links ----------------------------------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Never fetch anything: no network, no local files named by a story. An http(s) image
        # is one the offline cache had (decoded with the story); anything else is a placeholder.
        if type == QTextDocument.ResourceType.ImageResource.value:
            url = name.toString() if isinstance(name, QUrl) else str(name)
            cached = self._images.get(url) if url.startswith(("http://", "https://")) else None
            if cached is not None:
                return cached
            placeholder = QImage(64, 40, QImage.Format.Format_RGB32)
            placeholder.fill(theme.current().color("placeholder"))
            return placeholder
        return None

    @Slot(QUrl)
    def on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in OPENABLE_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(url.toString())

    def _themed_css(self) -> str:
        return self._file_css + theme.article_css(theme.current(), self.palette())

    @Slot()
    def on_theme_changed(self) -> None:
        """New colours for the next story shown (the window shows the current one again)."""
        self.set_text_scale(self._scale)

    def set_text_scale(self, scale: float) -> None:
        """Text size (View → Bigger/Smaller text): the stylesheet's point sizes times `scale`,
        for the next story shown (the window shows the current one again)."""
        import re  # here, not at the top: the one method of the pane that needs it

        base = self._themed_css()
        self._scale = scale
        css = re.sub(r"(\d+(?:\.\d+)?)pt", lambda m: f"{float(m.group(1)) * scale:.1f}pt", base)
        self.document().setDefaultStyleSheet(css)
