"""The light and dark themes, offscreen from the bundled data: theme-light.png, theme-dark.png
(1600x1000), a story with its currency box open and the rates chart shown."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kit import open_story, settle
from PySide6.QtWidgets import QApplication

from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.core.types.settings import UI_THEME
from reader.ui import theme
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        for name in ("light", "dark"):
            library.settings.set(UI_THEME, name)
            theme.manager().apply(name)  # as run_app does before the window shows
            window = MainWindow(library, settings_for(Path(tmp)))
            window.resize(1600, 1000)
            window.show()
            settle(app, window)
            (story,) = library.stories.page(StoryQuery(text="tenge"), limit=1).stories
            open_story(window, story.id)
            settle(app, window)
            path = out / f"theme-{name}.png"
            window.grab().save(str(path))
            print(f"saved {path}")
            window.close()
            settle(app)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
