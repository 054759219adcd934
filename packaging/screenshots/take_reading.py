"""Retake the reading-window screenshots offscreen from the bundled data (`make screenshots`):
the window at 1600×1000 and at 1024×700, a search with its hits marked in the list, the
keyboard shortcuts sheet, and the window with the rates sidebar collapsed."""

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
from reader.ui import operations
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.story_model import STORY_ID_ROLE


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1600, 1000)
        window.show()
        settle(app, window)
        (story,) = library.stories.page(StoryQuery(text="tenge"), limit=1).stories
        open_story(window, story.id)
        # A few read, one bookmarked: the list shows its dots, weights and star.
        window.move_selection(1)
        window.move_selection(1)
        settle(app, window)
        operations.toggle_bookmark(window.model.index(1, 0).data(STORY_ID_ROLE)).run(window.tasks)
        open_story(window, story.id)
        settle(app, window)
        shots = {"main-1600.png": window.grab()}

        window.resize(1024, 700)
        settle(app, window)
        shots["main-1024.png"] = window.grab()

        window.filter_bar.search.setText("water")
        window.filter_bar.on_search_committed()
        settle(app, window, 1000)
        window.story_list.open_row(0)
        settle(app, window)
        window.resize(1280, 860)
        settle(app, window)
        shots["search-highlight.png"] = window.grab()

        window.filter_bar.on_clear_clicked()
        window.rates_action.trigger()  # the sidebar collapsed
        settle(app, window)
        shots["sidebar-collapsed.png"] = window.grab()
        window.rates_action.trigger()

        window.show_shortcuts()
        settle(app, window)
        assert window.shortcuts_sheet is not None
        shots["shortcuts.png"] = window.shortcuts_sheet.grab()
        window.shortcuts_sheet.close()

        for name, pixmap in shots.items():
            pixmap.save(str(out / name))
            print(f"saved {out / name}")
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
