"""The story list model: lazy keyset pages, and a clean bill from QAbstractItemModelTester."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui.ops import OpRunner
from reader.ui.story_model import STORY_ID_ROLE, StoryListModel
from tests.helpers import add_source, add_story


def _loaded_model(qtbot: QtBot, library: Library, query: StoryQuery | None = None) -> StoryListModel:
    model = StoryListModel(library, OpRunner())
    with qtbot.waitSignal(model.query_loaded, timeout=10000):
        model.set_query(query or StoryQuery())
    return model


def _add_many(library: Library, count: int) -> None:
    source = add_source(library)
    start = dt.datetime(2023, 1, 1, tzinfo=dt.UTC)
    for i in range(count):
        add_story(library, source, f"Filler story {i}", published=start + dt.timedelta(hours=i))


def test_model_is_not_fully_loaded_before_fetch_more(qtbot: QtBot, library: Library) -> None:
    _add_many(library, 120)
    total = library.count_stories(StoryQuery())
    model = _loaded_model(qtbot, library)
    assert model.total == total > 150
    assert model.rowCount() == StoryListModel.PAGE_SIZE < total
    assert model.canFetchMore()
    assert model.count_text() == f"Showing 1–50 of {total} stories"
    model.fetchMore()
    assert model.rowCount() == 2 * StoryListModel.PAGE_SIZE
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == total
    ids = [model.index(r, 0).data(STORY_ID_ROLE) for r in range(total)]
    assert ids == [s.id for s in library.iter_stories(StoryQuery())]
    assert model.count_text() == f"Showing 1–{total} of {total} stories"


def test_model_passes_qabstractitemmodeltester(qtbot: QtBot, qtmodeltester, library: Library) -> None:  # type: ignore[no-untyped-def]
    _add_many(library, 60)
    model = _loaded_model(qtbot, library)
    qtmodeltester.check(model, force_py=True)
    model.fetchMore()
    with qtbot.waitSignal(model.query_loaded, timeout=10000):
        model.set_query(StoryQuery(countries=("TJ",)))
    qtmodeltester.check(model, force_py=True)


def test_a_newer_query_wins_over_an_older_one(qtbot: QtBot, library: Library) -> None:
    model = StoryListModel(library, OpRunner())
    model.set_query(StoryQuery(countries=("KZ",)))
    with qtbot.waitSignal(model.query_loaded, timeout=10000) as blocker:
        model.set_query(StoryQuery(countries=("TM",)))
    assert blocker.args == [library.count_stories(StoryQuery(countries=("TM",)))]
    qtbot.wait(100)  # let any stale answer arrive; it must be ignored
    assert model.query.countries == ("TM",)
    assert all("TM" in model.story_at(r).countries for r in range(model.rowCount()))  # type: ignore[union-attr]


def test_flags_update_in_place(qtbot: QtBot, library: Library) -> None:
    model = _loaded_model(qtbot, library)
    story_id = model.index(3, 0).data(STORY_ID_ROLE)
    with qtbot.waitSignal(model.dataChanged):
        model.update_story(story_id, is_bookmarked=True, is_read=True)
    assert model.index(3, StoryListModel.BOOKMARK).data() == "★"
    assert model.index(3, StoryListModel.TITLE).data(Qt.ItemDataRole.FontRole) is None  # read: not bold
