"""Retake article-highlight.png offscreen from the bundled data (issue 10): a search for
"tenge" with its hits marked in the story (and in the currency context), the pane opened at the
first hit, and the bookmark's note and tags under the title, editable there."""

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

WORD = "tenge"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        stories = library.stories.page(StoryQuery(text=WORD), limit=5).stories
        story = next(s for s in stories if library.stories.get(s.id).content_text.lower().find(WORD) > 400)
        library.bookmarks.edit(story.id, note="Compare with the 2025 budget line", tags=["budget", "mining"])
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1400, 860)
        window.show()
        settle(app, window)
        window.filter_bar.apply_query(StoryQuery(text=WORD))
        settle(app, window)
        row = window.model.row_of(story.id)
        assert row is not None
        window.story_list.open_row(row)
        settle(app, window, 1000)
        window.grab().save(str(out / "article-highlight.png"))
        print(f"saved {out / 'article-highlight.png'}")
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
