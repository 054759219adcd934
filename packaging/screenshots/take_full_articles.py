"""Retake the README's full-article screenshots offscreen: a summary-only story as the feed sent
it, then the same story after Story → Fetch full article.

A local HTTP server on 127.0.0.1 serves a feed of teasers (written here) and one of our article
pages (tests/fixtures/articles/); the bundled (remote) sources are disabled first, so nothing
leaves this machine. The source is set to "never" for the sync, so the story stays a teaser
until the fetch is asked for.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots/take_full_articles.py packaging/screenshots
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from reader.core.library import Library
from reader.core.sync.fetch import FetchConfig
from reader.core.sync.service import SyncConfig
from reader.core.types import RETENTION_DAYS, StoryQuery
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from kit import open_story, settle  # noqa: E402

from tests.httpserver import FixtureServer, fixture  # noqa: E402

TEASER = (
    "<p>Мэрия Бишкека объявила о ремонте четырёх мостов через реку Аламедин.</p>"
    "<p><a href='{url}'>Читать далее</a></p>"
)


def feed(url: str) -> bytes:
    when = dt.datetime.now(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    item = (
        f"<item><title>Бишкек отремонтирует четыре моста через Аламедин</title><link>{url}</link>"
        f"<pubDate>{when}</pubDate><guid isPermaLink='false'>alamedin</guid>"
        f"<description><![CDATA[{TEASER.format(url=url)}]]></description></item>"
    )
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>Local outlet</title>"
        f"<link>{url}</link>{item}</channel></rss>"
    ).encode()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library, FixtureServer() as server:
        for source in library.sources.list():
            library.sources.set_enabled(source.id, False)  # the bundled (remote) sources
        library.settings.set(RETENTION_DAYS, 0)
        page = server.url("/story")
        server.route("/story", fixture("articles/bitrix-ru.html"), headers={"Content-Type": "text/html"})
        server.route("/feed/", feed(page))
        added = library.sources.add_known(server.url("/feed/"), "Local outlet (teasers only)")
        library.articles.set_mode(added.value.id, "never")
        library.sync.config = SyncConfig(fetch=FetchConfig(timeout=10))
        library.sync.run()
        [story] = [s for s in library.stories.iter(StoryQuery()) if s.title.startswith("Бишкек")]

        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1440, 880)
        window.show()
        settle(app, window)
        assert open_story(window, story.id)
        settle(app, window)
        window.grab().save(str(out / "full-article-before.png"))
        print(f"saved {out / 'full-article-before.png'}")

        window.full_articles.fetch(story.id)
        settle(app, window, ms=1500)
        window.grab().save(str(out / "full-article-after.png"))
        print(f"saved {out / 'full-article-after.png'}")
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/screenshots"))
