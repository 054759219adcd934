"""One status: the last sync, the rates and the offline state read the same in the status bar,
the Sync problems dialog and `steppe status`, from Library.status()."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import insert, update

from reader.core.library import Library
from reader.core.models import Source, SyncRun
from reader.core.types import MARKET_PROVIDER, LibraryStatus, ProviderStatus
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from tests.helpers import add_source, writing


def steppe(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitUntil(lambda: win.state_label.status is not None and win.sync_controller.status is not None)
    yield win
    win.tasks.wait_idle()


def synced_then_offline(library: Library) -> tuple[dt.datetime, dt.datetime]:
    """A source fetched at `ok`, then nothing reachable at `failed`; the rates provider too."""
    ok = dt.datetime(2026, 12, 2, 8, 40, tzinfo=dt.UTC)
    failed = dt.datetime(2026, 12, 2, 11, 5, tzinfo=dt.UTC)
    source_id = add_source(library)
    with writing(library) as conn:
        for at, status in ((ok, "ok"), (failed, "failed")):
            conn.execute(
                insert(SyncRun).values(
                    kind="stories", source_id=source_id, started_at=at, finished_at=at, status=status,
                    new_count=0, updated_count=0, message=None if status == "ok" else "cannot connect",
                )
            )  # fmt: skip
        conn.execute(
            update(Source)
            .where(Source.id == source_id)
            .values(last_fetched_at=failed, last_error="cannot connect")
        )
    library.rates.record_fetch(
        ProviderStatus(
            MARKET_PROVIDER, last_attempt_at=ok, last_success_at=ok, rates_date=dt.date(2026, 9, 29)
        )
    )
    library.rates.record_fetch(ProviderStatus(MARKET_PROVIDER, last_attempt_at=failed, last_error="no route"))
    return ok, failed


def test_status_texts() -> None:
    ok = dt.datetime(2026, 12, 2, 8, 40, tzinfo=dt.UTC)
    status = LibraryStatus(None, None, False, None, None, None, None, False)
    assert status.sync_text() == "Not synced yet" and status.rates_text() == "No rates stored"
    status = LibraryStatus(ok, ok, False, dt.date(2026, 9, 29), MARKET_PROVIDER, ok, ok, False)
    local = ok.astimezone().strftime("%d %b %H:%M")
    assert status.sync_text() == f"Last sync {local}"
    assert status.rates_text() == f"Rates of 29 Sep 2026, checked {local}"
    assert not status.offline


def test_a_fresh_cache_reads_the_same_in_the_window_and_the_cli(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    status = library.status()
    assert window.sync_controller.label.text() == status.sync_text() == "Not synced yet"
    assert window.state_label.text().endswith(status.rates_text())
    printed = steppe(library.data_dir, "status").stdout.splitlines()
    assert printed == [library.state().counts_text(), status.sync_text(), status.rates_text()]
    assert window.state_label.text() == f"{printed[0]} · {printed[2]}"


def test_offline_reads_the_same_in_the_bar_the_dialog_and_the_cli(
    qtbot: QtBot, library: Library, data_dir: Path
) -> None:
    ok, failed = synced_then_offline(library)
    status = library.status()
    assert status.sync_offline and status.rates_offline and status.offline
    assert status.last_sync_at == ok and status.last_sync_attempt_at == failed
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.sync_controller.status is not None and win.state_label.status is not None)
    said = win.sync_controller.label.text()
    assert said == status.sync_text() and said.startswith("Offline since ") and "last sync" in said
    assert "not synced yet" not in win.state_label.text().lower()  # nothing beside it contradicts it
    assert win.state_label.text().endswith(status.rates_text()) and "offline since" in status.rates_text()
    win.sync_controller.show_errors()
    dialog = win.sync_controller.errors_dialog
    assert dialog is not None and status.sync_text() in dialog.heading.text()
    printed = steppe(data_dir, "status").stdout.splitlines()
    assert printed[1:] == [status.sync_text(), status.rates_text()]
    shown = steppe(data_dir, "status", "--json").stdout
    assert '"offline": true' in shown and '"sync_offline": true' in shown
    dialog.close()
    win.tasks.wait_idle()


def test_a_passing_message_takes_the_counts_place_at_1024(window: MainWindow, qtbot: QtBot) -> None:
    """At 1024 px a message is never squeezed beside (or under) the counts: it takes their place
    for its few seconds, and the counts come back whole, their full text in the tooltip."""
    window.resize(1024, 700)
    counts = window.state_label.text()
    assert counts and window.state_label.toolTip() == counts
    window.show_message("Search index built: the search now covers every story")
    qtbot.waitUntil(lambda: not window.state_label.isVisible())
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: window.state_label.isVisible())
    assert window.state_label.text() == counts
    assert window.minimumSizeHint().width() <= 900  # the counts never widen the window


def test_a_message_is_never_drawn_under_the_counts(window: MainWindow, qtbot: QtBot) -> None:
    """A passing message takes the counts' place. The bar's permanent widgets changing meanwhile
    — here as a sync ends offline: its progress hidden, its problems button shown, its label
    emptied — re-lay out the bar, which used to show the counts again over the message (seen at
    1024×700 when the start-up sync ended while "Rates offline…" was showing)."""
    bar, sync = window.statusBar(), window.sync_controller
    qtbot.waitUntil(lambda: window.state_label.isVisible())
    sync.progress.show()
    sync.cancel_button.show()
    qtbot.wait(50)
    window.show_message("Rates offline: no provider could be reached")
    assert not window.state_label.isVisible()
    sync.progress.hide()
    sync.cancel_button.hide()
    sync.errors_button.setText("⚠ Offline — showing saved stories")
    sync.errors_button.show()
    sync.label.setText("")
    qtbot.wait(100)
    assert bar.currentMessage() and not window.state_label.isVisible()
    bar.clearMessage()
    assert window.state_label.isVisible()


def test_a_long_sync_line_leaves_a_message_its_room(window: MainWindow, qtbot: QtBot) -> None:
    """At 1024 wide, a source's long failure beside the progress once left a passing message a
    stub ("Rates offline: no provide"): the sync's line takes at most two fifths of the bar and
    ends in "…", its whole text in the tooltip."""
    window.resize(1024, 700)
    bar, sync = window.statusBar(), window.sync_controller
    sync.progress.show()
    sync.cancel_button.show()
    failure = (
        "UzDaily: failed — www.uzdaily.uz could not be found: no internet connection, or the address is wrong"
    )
    sync.label.setText(failure)
    sync.label.setToolTip(failure)
    window.show_message("Rates offline: no provider could be reached")
    qtbot.waitUntil(lambda: bar.width() <= 1024 and sync.label.width() > 0)
    qtbot.wait(50)
    assert sync.label.width() <= bar.width() * 2 // 5
    assert sync.label.fontMetrics().horizontalAdvance(failure) > sync.label.width()  # it is cut…
    assert sync.label.text() == failure and sync.label.toolTip() == failure  # …and whole here
    message_room = sync.label.geometry().left()
    assert message_room >= bar.fontMetrics().horizontalAdvance("Rates offline: no provider could be reached")
