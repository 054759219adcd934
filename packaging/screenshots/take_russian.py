"""The Russian interface, offscreen from the bundled data: russian.png (1600x1000), the window
with the ui.language setting at "ru" and its Story menu open. The stories are the samples, in
English: only the interface is translated."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kit import open_story, settle
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication

from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.core.types.settings import UI_LANGUAGE
from reader.ui import i18n, theme
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        library.settings.set(UI_LANGUAGE, "ru")
        theme.manager().apply("light")
        i18n.install_translators(app, str(library.settings.get(UI_LANGUAGE)))  # as run_app does
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1600, 1000)
        window.show()
        settle(app, window)
        (story,) = library.stories.page(StoryQuery(text="tenge"), limit=1).stories
        open_story(window, story.id)
        settle(app, window)
        story_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Новость")
        at = window.menuBar().actionGeometry(window.menuBar().actions()[2]).bottomLeft()
        story_menu.popup(window.menuBar().mapToGlobal(at))
        settle(app, window)
        shot = window.grab()
        painter = QPainter(shot)  # offscreen, a popup is its own window: drawn onto the shot
        painter.drawPixmap(window.mapFromGlobal(story_menu.pos()) + QPoint(0, 0), story_menu.grab())
        painter.end()
        path = out / "russian.png"
        shot.save(str(path))
        print(f"saved {path}")
        story_menu.close()
        window.close()
        settle(app)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
