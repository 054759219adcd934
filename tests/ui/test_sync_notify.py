"""New stories after a real local sync: the status line counts them per matching saved search,
and "Notify on new stories" is off by default and persisted."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types import SYNC_NOTIFY, StoryQuery
from reader.ui.main_window import MainWindow
from reader.ui.sync_notify import new_stories_text
from tests.core.sync.payloads import rss, rss_item
from tests.helpers import add_source
from tests.httpserver import FixtureServer
from tests.ui.test_sync_window import now_rfc822, run_sync, sync_library, window

__all__ = ["sync_library", "window"]  # the fixtures, shared with the sync window's tests


def test_sync_says_how_many_new_stories_each_saved_search_matched(
    qtbot: QtBot, window: MainWindow, sync_library: Library, http_server: FixtureServer
) -> None:
    items = [
        rss_item(f"c{n}", f"Cotton harvest {n}", "<p>Fergana.</p>", date=now_rfc822(n)) for n in range(3)
    ]
    items += [rss_item(f"o{n}", f"Other news {n}", "<p>Almaty.</p>", date=now_rfc822(n)) for n in range(2)]
    http_server.route("/feed/", rss(*items))
    add_source(sync_library, "Local news", http_server.url("/feed/"))
    sync_library.saved_searches.save("Uzbek cotton", StoryQuery(text="cotton"))
    sync_library.saved_searches.save("Nothing new", StoryQuery(text="zzqx"))
    notifier = window.new_stories_notifier
    assert not notifier.action.isChecked()  # off by default

    with qtbot.waitSignal(notifier.announced, timeout=10000) as said:
        report = run_sync(qtbot, window)
    assert report.new == 5 and len(report.new_ids) == 5
    assert said.args[0] == "Sync: 5 new stories — 'Uzbek cotton': 3"
    assert window.statusBar().currentMessage() == said.args[0]
    assert notifier.tray is None  # no notification asked for

    # Nothing new the second time: nothing announced.
    with qtbot.assertNotEmitted(notifier.announced, wait=500):
        assert run_sync(qtbot, window).new == 0


def test_notify_on_new_stories_is_persisted(qtbot: QtBot, window: MainWindow, sync_library: Library) -> None:
    action = window.new_stories_notifier.action
    assert action.isCheckable() and not action.isChecked()
    action.trigger()
    qtbot.waitUntil(lambda: sync_library.settings.get(SYNC_NOTIFY) is True, timeout=5000)
    second = MainWindow(sync_library, window.settings)
    qtbot.addWidget(second)
    qtbot.waitUntil(second.new_stories_notifier.action.isChecked, timeout=5000)
    second.tasks.wait_idle()


def test_the_line_names_only_matching_searches() -> None:
    assert new_stories_text(1, []) == "Sync: 1 new story"
    assert new_stories_text(12, [("Uzbek cotton", 3), ("KZT", 5)]) == (
        "Sync: 12 new stories — 'Uzbek cotton': 3, 'KZT': 5"
    )


@pytest.mark.parametrize(
    ("new", "said"),
    [
        (1, "Синхронизация: 1 новая новость"),
        (2, "Синхронизация: 2 новые новости"),
        (5, "Синхронизация: 5 новых новостей"),
        (21, "Синхронизация: 21 новая новость"),
        (11, "Синхронизация: 11 новых новостей"),
        (1234, "Синхронизация: 1234 новые новости"),
    ],
)
def test_the_line_in_russian_with_its_plural_forms(russian: None, new: int, said: str) -> None:
    assert new_stories_text(new, []) == said
    assert new_stories_text(3, [("Хлопок", 2)]).endswith(" — «Хлопок»: 2")
