"""The article pane: search hits marked in the story and scrolled to, never inside a link's
address; a bookmark's note and tags under the title, edited there and written through the
Library; the currency context naming the date of the rates it used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.search.highlight import HIT_BACKGROUND
from reader.core.types import Changes
from reader.ui.article_view import ArticleView
from reader.ui.tasks import TaskManager
from tests.helpers import add_source, add_story

FILLER = "".join(
    f"<p>Paragraph {n} of the report tells of grain prices, rail freight and the weather in the hills.</p>"
    for n in range(60)
)
BODY = (
    "<p>The opening says nothing of the subject yet.</p>"
    + FILLER
    + '<p>At last the <a href="https://example.test/caravanserai/plan">plans</a> for the '
    "caravanserai near Merv were shown, and another caravanserai was named.</p>"
)


@pytest.fixture
def tasks(library: Library) -> Iterator[TaskManager]:
    manager = TaskManager(library)
    yield manager
    manager.wait_idle()
    manager.shutdown()


@pytest.fixture
def view(qtbot: QtBot, library: Library, tasks: TaskManager) -> ArticleView:
    pane = ArticleView(library.resources_dir / "css" / "article.css", tasks=tasks)
    qtbot.addWidget(pane)
    pane.resize(640, 480)
    pane.show()
    return pane


def test_hits_are_marked_in_the_text_not_in_the_link_and_the_pane_opens_at_the_first(
    qtbot: QtBot, library: Library, view: ArticleView
) -> None:
    story_id = add_story(library, add_source(library), "Trade routes in Turkmenistan", BODY)
    article = library.stories.article(story_id, "caravanserai")
    # Marked in the words, as written; the link's address is left as it was.
    assert article.html.count('class="hit"') == 2
    assert 'href="https://example.test/caravanserai/plan"' in article.html
    assert "caravanserai/plan" not in "".join(
        chunk.split("</span>")[0] for chunk in article.html.split('class="hit"')[1:]
    )
    view.show_article(article)
    hits = view.hit_positions()
    assert [text for _pos, text in hits] == ["caravanserai", "caravanserai"]
    # The link still goes where it went.
    anchors = set()
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                anchors.add(fragment.charFormat().anchorHref())
            it += 1
        block = block.next()
    assert "https://example.test/caravanserai/plan" in anchors
    # Scrolled to the first hit: far down the story, now on screen.
    bar = view.verticalScrollBar()
    assert bar.value() > 0
    first = view.document().findBlock(hits[0][0])
    top = view.document().documentLayout().blockBoundingRect(first).top() - bar.value()
    assert 0 <= top < view.viewport().height()
    # Without a search nothing is marked and the story opens at its top.
    view.show_article(library.stories.article(story_id))
    assert view.hit_positions() == [] and view.verticalScrollBar().value() == 0


def test_a_hit_is_painted_in_the_hit_colour(qtbot: QtBot, library: Library, view: ArticleView) -> None:
    story_id = add_story(library, add_source(library), "Caravanserai", "<p>A caravanserai.</p>")
    view.show_article(library.stories.article(story_id, "caravanserai"))
    (title_hit, body_hit) = view.hit_positions()
    cursor = view.textCursor()
    cursor.setPosition(body_hit[0] + 1)
    assert cursor.charFormat().background().color() == QColor(HIT_BACKGROUND)
    assert title_hit[1] == "Caravanserai"
    # The title's hit is in view already: the pane stays at the top.
    assert view.verticalScrollBar().value() == 0


def test_note_and_tags_under_the_title_are_edited_there(
    qtbot: QtBot, library: Library, view: ArticleView, tasks: TaskManager
) -> None:
    story_id = add_story(library, add_source(library), "A bookmarked story", "<p>Its text.</p>")
    header = view.header
    assert header is not None
    view.show_article(library.stories.article(story_id))
    tasks.wait_idle()
    qtbot.wait(20)
    assert header.isHidden()  # not bookmarked: nothing to show
    library.bookmarks.edit(story_id, note="Ask the ministry", tags=["water", "Merv"])
    seen: list[Changes] = []
    tasks.changes.connect(lambda changes, _initiator: seen.append(changes))
    with qtbot.waitSignal(header.loaded, timeout=5000):
        view.show_article(library.stories.article(story_id))
    assert header.isVisible()
    assert header.note.text() == "Ask the ministry" and header.tags.text() == "Merv, water"

    # Under the title: below the heading's block, above the byline.
    def assert_under_the_title() -> None:
        title_block = view.document().begin()
        while title_block.blockFormat().headingLevel() != 1:
            title_block = title_block.next()
        layout = view.document().documentLayout()
        title_bottom = layout.blockBoundingRect(title_block).bottom() - view.verticalScrollBar().value()
        byline_top = layout.blockBoundingRect(title_block.next()).top() - view.verticalScrollBar().value()
        assert title_bottom <= header.geometry().top() and header.geometry().bottom() <= byline_top + 1

    assert_under_the_title()
    view.zoomIn(6)  # a larger text size: the title grows, the strip follows it
    qtbot.wait(20)
    assert_under_the_title()
    view.zoomOut(6)
    qtbot.wait(20)
    assert_under_the_title()
    # Edited in place: written through the Library, announced as a bookmarks change.
    header.note.setText("Ask the ministry about the canal")
    header.tags.setText("water, canal,  Merv")
    with qtbot.waitSignal(header.saved, timeout=5000):
        header.tags.editingFinished.emit()
    tasks.wait_idle()
    stored = library.bookmarks.get(story_id)
    assert stored is not None
    assert stored.note == "Ask the ministry about the canal" and set(stored.tags) == {
        "water",
        "canal",
        "Merv",
    }
    assert any(c.bookmarks and story_id in c.story_ids for c in seen)
    # An edit made elsewhere (the Bookmarks window, the CLI) shows here too.
    library.bookmarks.edit(story_id, note="Done")
    tasks.changes.emit(Changes(bookmarks=True, story_ids=frozenset({story_id})), None)
    qtbot.waitUntil(lambda: header.note.text() == "Done", timeout=5000)


def test_money_context_names_the_date_of_the_rates_it_used(library: Library) -> None:
    body = "<p>The ministry set aside 20.6 billion tenge for the canal.</p>"
    published = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)  # after the newest stored rate
    story_id = add_story(library, add_source(library), "A canal budget", body, published, countries=["KZ"])
    article = library.stories.article(story_id)
    (money,) = article.money
    assert money.rate_date == dt.date(2026, 9, 29) == money.today_rate_date
    assert "at the rate of 29 Sep 2026" in article.html
    assert "on 01 Dec 2026" not in article.html and "the story is of 01 Dec 2026" in article.html


def test_refused_link_is_reported(qtbot: QtBot, view: ArticleView) -> None:
    with qtbot.waitSignal(view.link_refused) as refused:
        view.on_anchor_clicked(QUrl("file:///etc/passwd"))
    assert refused.args == ["file:///etc/passwd"]


def test_a_wide_pane_keeps_the_story_in_a_reading_column(
    qtbot: QtBot, library: Library, view: ArticleView
) -> None:
    """On a wide pane the lines stop at a reading width, centred; a narrow pane uses its width."""
    story_id = add_story(library, add_source(library), "Grain by rail", FILLER)
    view.show_article(library.stories.article(story_id, ""))

    def widest_line() -> float:
        document = view.document()
        block, widest = document.begin(), 0.0
        while block.isValid():
            layout = block.layout()
            for n in range(layout.lineCount()):
                widest = max(widest, layout.lineAt(n).naturalTextWidth())
            block = block.next()
        return widest

    view.resize(1500, 600)
    qtbot.waitUntil(lambda: view.document().rootFrame().frameFormat().leftMargin() > 200)
    wide = widest_line()
    assert wide < 800  # not 1,450 px lines across the whole pane
    left = view.document().rootFrame().frameFormat().leftMargin()
    assert abs(left - view.document().rootFrame().frameFormat().rightMargin()) < 1  # centred
    view.resize(500, 600)
    qtbot.waitUntil(lambda: view.document().rootFrame().frameFormat().leftMargin() < 40)
    assert widest_line() < 500
    view.set_text_scale(1.5)  # bigger text: a wider column for the same characters to a line
    view.resize(1501, 600)
    qtbot.waitUntil(lambda: view.document().rootFrame().frameFormat().leftMargin() < left - 50)
