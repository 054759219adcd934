"""The bar above the article pane that says which version of a story it shows (issue 15).

With a full article kept: two checkable buttons, "Feed version" and "Full article". With only
the feed's teaser: "Summary only", why (the failed fetch's note) and "Fetch full article". A story
whose feed sent it whole hides the bar. The bar only shows and asks; reader.ui.full_articles_ui
does the work.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from reader.core.types import Article

FEED, FULL = "feed", "full"


class ArticleSourceBar(QFrame):
    version_chosen = Signal(str)  # FEED or FULL
    fetch_requested = Signal(int)  # the story's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleSourceBar")
        self.setAccessibleName(self.tr("Article version"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#articleSourceBar { background: palette(alternate-base); border: none;"
            " border-bottom: 1px solid palette(mid); }"
        )
        self.story_id: int | None = None
        self.version = FULL

        self.feed_button = QPushButton(self.tr("Feed version"))
        self.full_button = QPushButton(self.tr("Full article"))
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        for button in (self.feed_button, self.full_button):
            button.setCheckable(True)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            self.group.addButton(button)
        self.full_button.setChecked(True)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # a note is never markup
        self.label.setAccessibleName(self.tr("Article version status"))
        self.label.setWordWrap(True)
        self.fetch_button = QPushButton(self.tr("Fetch full article"))
        self.fetch_button.setToolTip(
            self.tr("Fetch the story's page and keep the whole story for offline reading")
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 3, 10, 3)
        layout.setSpacing(6)
        layout.addWidget(self.feed_button)
        layout.addWidget(self.full_button)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.fetch_button)

        self.feed_button.clicked.connect(lambda: self.on_version_clicked(FEED))
        self.full_button.clicked.connect(lambda: self.on_version_clicked(FULL))
        self.fetch_button.clicked.connect(self.on_fetch_clicked)
        self.hide()

    def show_article(self, article: Article) -> None:
        """Set the bar for this story, the full article chosen when there is one."""
        story = article.story
        changed = story.id != self.story_id
        self.story_id = story.id
        has_full = article.feed_html is not None
        if changed or not has_full:
            self.version = FULL
        for button in (self.feed_button, self.full_button):
            button.setVisible(has_full)
        self.fetch_button.setVisible(not has_full and bool(story.url))
        self.fetch_button.setEnabled(True)
        self.fetch_button.setText(self.tr("Try again") if story.full_note else self.tr("Fetch full article"))
        if has_full:
            (self.full_button if self.version == FULL else self.feed_button).setChecked(True)
            if story.full_fetched_at:
                fetched = story.full_fetched_at.astimezone()
                when = QLocale().toString(QDate(fetched.year, fetched.month, fetched.day), "dd MMM yyyy")
                self.label.setText(
                    self.tr("Whole story from the article page, fetched %1").replace("%1", when)
                )
            else:
                self.label.setText(self.tr("Whole story from the article page"))
        elif story.full_note:
            self.label.setText(self.tr("Summary only — %1").replace("%1", story.full_note))
        elif story.summary_only:
            self.label.setText(self.tr("Summary only — the feed sent a teaser of this story"))
        self.setVisible(has_full or bool(story.full_note) or story.summary_only)

    def clear(self) -> None:
        self.story_id = None
        self.hide()

    def show_fetching(self) -> None:
        self.fetch_button.setEnabled(False)
        self.label.setText(self.tr("Fetching the full article…"))

    @Slot()
    def on_fetch_clicked(self) -> None:
        if self.story_id is not None:
            self.fetch_requested.emit(self.story_id)

    def on_version_clicked(self, version: str) -> None:
        if version != self.version:
            self.version = version
            self.version_chosen.emit(version)
