"""Retake the README's screenshots offscreen from the bundled data: `make screenshots`."""

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
from reader.ui.story_model import STORY_ID_ROLE


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1440, 880)
        window.show()
        settle(app, window)
        # Open a story that states money in tenge, so the shot shows what later issues build on.
        (story,) = library.stories.page(StoryQuery(text="tenge"), limit=1).stories
        for row in range(window.model.rowCount()):
            if window.model.index(row, 0).data(STORY_ID_ROLE) == story.id:
                window.story_list.open_row(row)
                break
        settle(app, window)
        window.grab().save(str(out / "main-window.png"))
        print(f"saved {out / 'main-window.png'}")
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
