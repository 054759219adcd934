"""The article pane: compound amounts with the publisher's dollar figure beside ours, a misread
amount shown with the publisher's figure only, "Also mentioned" countries, and the window's
re-tagging job after an upgrade."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.paths import DATABASE_NAME
from reader.core.story_html import money_html as render_money_html
from reader.core.types import MoneyContext, StoryQuery
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.story_model import ROW_ROLE, SUMMARY_ROLE
from tests.core.test_retag import EXPECTED, _build_at_0004

WATER = "How a Regional Budget Pays for Rural Water Pipes, Line by Line"
APRICOTS = "Uzbekistan's Apricot Growers Turn to Cold Storage to Reach Distant Buyers"


def _open(qtbot: QtBot, window: MainWindow, library: Library, title: str) -> str:
    (summary,) = [s for s in library.stories.iter(StoryQuery(text=f'"{title}"')) if s.title == title]
    window.on_rate_story_clicked(summary.id)
    qtbot.waitUntil(lambda: window.article.story_id == summary.id, timeout=10000)
    return window.article.toPlainText()


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.model.rowCount() > 0, timeout=10000)
    yield win
    win.tasks.wait_idle()


def test_compound_amounts_show_the_publishers_figure_beside_ours(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    text = _open(qtbot, window, library, WATER)
    context = text[text.index("Currency context") :]
    assert "2 billion 350 million tenge" in context and "publisher: about $5.3 million" in context
    assert "publisher: roughly $2.5 million" in context
    assert "5 and 6 billion tenge" in context  # a range on one row
    (_, water) = next(
        (s.id, library.rates.money_context(s.id))
        for s in library.stories.iter(StoryQuery())
        if s.title == WATER
    )
    first = water[0]
    assert first.amount == 2.35e9 and first.publisher_usd == 5.3e6 and not first.misread
    assert first.usd_at_published is not None
    assert f"≈ ${first.usd_at_published / 1e6:,.1f} million" in context


def test_a_misread_amount_shows_the_publishers_figure_only() -> None:
    misread = MoneyContext(
        text="20.6 billion tenge", currency="KZT", amount=20.6e9, usd_at_published=None, usd_today=None,
        publisher_usd=3e9, publisher_text="about $3 billion", misread=True,
    )  # fmt: skip
    html = render_money_html([misread], dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    assert "publisher: about $3 billion" in html and "≈" not in html
    assert "only the publisher's figure is shown" in html


def test_primary_and_also_mentioned_countries(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    text = _open(qtbot, window, library, APRICOTS)
    assert "Uzbekistan · Economy" in text
    assert "Also mentioned: Kazakhstan, Kyrgyzstan" in text
    # The list shows the primary country only.
    row = window.model.row_of(window.article.story_id or 0)
    assert row is not None
    assert window.model.index(row, 0).data(SUMMARY_ROLE).countries == ("UZ",)
    assert window.model.index(row, 0).data(ROW_ROLE).meta.endswith(" · UZ")


def test_the_window_retags_an_upgraded_cache_in_the_background(qtbot: QtBot, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    _build_at_0004(data_dir / DATABASE_NAME)
    with Library(data_dir) as library:
        assert library.retag_pending()
        win = MainWindow(library, settings_for(data_dir))
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.retag_job.finished, timeout=60000):
            win.show()
        assert not library.retag_pending()
        assert win.statusBar().currentMessage() == "The stories' countries are up to date"
        for title, (primary, mentioned) in EXPECTED.items():
            (summary,) = [s for s in library.stories.iter(StoryQuery(sources=(1,))) if s.title == title]
            assert (summary.countries, summary.mentioned_countries) == (primary, mentioned)
        win.tasks.wait_idle()
        win.close()
