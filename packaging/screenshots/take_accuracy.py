"""Retake the amounts and countries screenshots offscreen from the bundled data (issue 12).

story-publisher-figure.png: a sample story with compound amounts, the currency context showing
the publisher's own dollar figure beside ours.
story-countries.png: a sample story with a primary country and "Also mentioned" countries.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kit import settle
from PySide6.QtWidgets import QApplication

from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow


def open_titled(app: QApplication, window: MainWindow, library: Library, title: str) -> None:
    (story,) = [
        s for s in library.stories.page(StoryQuery(text=f'"{title}"'), limit=5).stories if s.title == title
    ]
    window.on_rate_story_clicked(story.id)  # selects it in the list when it is there
    settle(app, window)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1440, 900)
        window.splitter.setSizes([520, 620, 300])
        window.show()
        settle(app, window)

        open_titled(app, window, library, "How a Regional Budget Pays for Rural Water Pipes, Line by Line")
        bar = window.article.verticalScrollBar()
        bar.setValue(bar.maximum())  # the currency context block follows the story
        app.processEvents()
        window.grab().save(str(out / "story-publisher-figure.png"))
        print(f"saved {out / 'story-publisher-figure.png'}")

        open_titled(
            app, window, library, "Uzbekistan's Apricot Growers Turn to Cold Storage to Reach Distant Buyers"
        )
        window.grab().save(str(out / "story-countries.png"))
        print(f"saved {out / 'story-countries.png'}")
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
