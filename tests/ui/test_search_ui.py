"""Search in the window: the index built in the background with progress, and the article
marking what the search matched."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.search import state
from reader.core.types import StoryQuery
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from tests.helpers import writing


def test_an_unbuilt_index_is_built_in_the_background_with_progress(qtbot: QtBot, library: Library) -> None:
    with writing(library) as conn:
        state.reset(conn)  # as after the upgrade to 0005: the index is empty
    library.bookmarks.set(5, note="kept")
    library.stories.mark_read(7)
    library.search_index.step(limit=8)  # an earlier window was closed after one step
    assert not library.search_index.is_complete()
    window = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(window)
    window.show()
    seen: list[int] = []
    window.search_index.progressed.connect(lambda status: seen.append(status.indexed))
    with qtbot.waitSignal(window.search_index.finished, timeout=20000):
        pass
    window.tasks.wait_idle()
    assert seen and seen[0] >= 8 and seen == sorted(seen)  # resumed, then step by step
    assert not window.search_index.progress.isVisible() and not window.search_index.building
    assert library.search_index.is_complete()
    assert library.stories.count(StoryQuery(text="saxaul")) == 1
    assert library.stories.get(5).bookmark_note == "kept" and library.stories.get(7).is_read


def test_the_article_marks_the_words_the_search_matched(qtbot: QtBot, library: Library) -> None:
    window = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10000)
    with qtbot.waitSignal(window.model.query_loaded, timeout=10000):
        window.filter_bar.search.setText("Алматы")  # Latin "Almaty" in the English samples
        window.filter_bar.on_search_committed()
    assert window.model.total > 0
    qtbot.waitUntil(lambda: window.article.story_id == window.model.story_at(0).id, timeout=10000)
    story = library.stories.get(window.article.story_id)
    assert "Almaty" in story.title + story.content_text
    html = window.article.toHtml()
    assert "#ffe58a" in html  # the mark's background
    snippet = window.model.story_at(0).snippet or ""
    assert "<b>" in snippet
    window.tasks.wait_idle()
