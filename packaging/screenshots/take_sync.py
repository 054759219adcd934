"""Retake the README's sync screenshots offscreen: the window during a sync, after a sync with
sources failing (with the problems list), and the sources dialog.

Everything is served by a local HTTP server on 127.0.0.1: the recorded WordPress RSS capture
(tests/fixtures/) as a working feed, a slow feed, and feeds answering 500 and 404. The
bundled (remote) sources are disabled first, so nothing leaves this machine.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots/take_sync.py packaging/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget

from reader.core.library import Library
from reader.core.logs import setup_logging, stop_logging
from reader.core.sync.fetch import FetchConfig
from reader.core.sync.service import SyncConfig
from reader.core.types import RETENTION_DAYS
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from kit import settle  # noqa: E402

from tests.httpserver import FixtureServer, fixture  # noqa: E402


def with_dialog(window: QWidget, dialog: QWidget, at: QPoint) -> QWidget:
    """The window's picture with a dialog's picture laid over it (offscreen has no desktop)."""
    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(at, dialog.grab())
    painter.end()
    holder = QWidget()
    holder.picture = picture  # type: ignore[attr-defined]
    return holder


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library, FixtureServer() as server:
        for source in library.sources.list():
            library.sources.set_enabled(source.id, False)  # the bundled (remote) sources
        library.settings.set(RETENTION_DAYS, 0)  # the capture dates from 2020
        setup_logging(Path(tmp))  # as the app does at start: the dialog names the log file
        server.route("/news/feed/", fixture("wordpress/wordpress-org-news-feed_trimmed.xml"))
        server.route("/slow/feed/", fixture("wordpress/wordpress-org-news-feed_trimmed.xml"), delay=2.5)
        server.route("/broken/feed/", b"error", status=500)
        server.route("/moved/feed/", b"gone", status=404)
        manager = library.sources
        manager.add_known(server.url("/news/feed/"), "WordPress News (local capture)")
        manager.add_known(server.url("/slow/feed/"), "Slow local feed")
        manager.add_known(server.url("/broken/feed/"), "Broken local feed")
        manager.add_known(server.url("/moved/feed/"), "Moved local feed")

        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1440, 880)
        controller = window.sync_controller
        library.sync.config = SyncConfig(fetch=FetchConfig(timeout=10))
        window.show()
        settle(app, ms=800)

        controller.sync_now()
        while controller.label.text() != "Fetching Slow local feed" and controller.progress.value() < 3:
            settle(app, ms=50)
        settle(app, ms=300)
        window.grab().save(str(out / "sync-progress.png"))
        print(f"saved {out / 'sync-progress.png'}")

        while controller.running:
            settle(app, ms=100)
        settle(app, ms=800)
        controller.show_errors()
        dialog = controller.errors_dialog
        assert dialog is not None
        dialog.details_button.setChecked(True)  # the technical side of the first problem
        settle(app, ms=300)
        shot = with_dialog(window, dialog, QPoint(340, 260))
        shot.picture.save(str(out / "sync-errors.png"))  # type: ignore[attr-defined]
        print(f"saved {out / 'sync-errors.png'}")
        dialog.close()

        controller.show_sources()
        sources = controller.sources_dialog
        assert sources is not None
        settle(app, ms=600)
        sources.select_source(next(s.id for s in sources.sources if s.name == "Broken local feed"))
        sources.message.setText("Select a source to rename, disable or remove it.")
        settle(app, ms=200)
        sources.grab().save(str(out / "sources-dialog.png"))
        print(f"saved {out / 'sources-dialog.png'}")
        sources.close()
        window.close()
        stop_logging()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/screenshots"))
