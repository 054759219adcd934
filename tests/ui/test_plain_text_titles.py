"""Titles and source names are text, never markup, wherever the window shows them; the article
pane links only to http(s) even for a story from a cache older than that rule."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.story_html import pane_html
from reader.core.types import Article, StoryQuery
from reader.ui.article_view import ArticleView
from reader.ui.bookmark_actions import BookmarkEditDialog
from reader.ui.bookmarks_view import BookmarksView
from reader.ui.tasks import TaskManager

MARKUP = "<b>Not bold</b> <img src='file:///etc/passwd'> & co"


def test_article_pane_escapes_the_title_and_refuses_odd_links(qtbot: QtBot, library: Library) -> None:
    sample = library.stories.get(library.stories.page(StoryQuery()).stories[0].id)
    story = dataclasses.replace(sample, title=MARKUP, source_name="<i>Wire</i>", url="javascript:alert(1)")
    html = pane_html(story)
    assert "&lt;b&gt;Not bold&lt;/b&gt;" in html and "<img src='file" not in html
    assert "javascript:" not in html and "&lt;i&gt;Wire&lt;/i&gt;" in html
    view = ArticleView(library.resources_dir / "css" / "article.css")
    qtbot.addWidget(view)
    view.show_article(Article(story, (), html))
    assert MARKUP in view.toPlainText()


def test_labels_showing_titles_are_plain_text(qtbot: QtBot, library: Library) -> None:
    dialog = BookmarkEditDialog(MARKUP, "", ())
    qtbot.addWidget(dialog)
    (heading,) = [label for label in dialog.findChildren(QLabel) if label.text() == MARKUP]
    assert heading.textFormat() == Qt.TextFormat.PlainText
    tasks = TaskManager(library)
    try:
        view = BookmarksView(tasks)
        qtbot.addWidget(view)
        assert view.title.textFormat() == Qt.TextFormat.PlainText
        assert tasks.wait_idle()
    finally:
        tasks.shutdown()
