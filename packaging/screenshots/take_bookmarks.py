"""Retake the README's Bookmarks view and export dialog screenshots offscreen (`make screenshots`)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kit import settle
from PySide6.QtWidgets import QApplication

from reader.core.export import ExportFormat
from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow

NOTES = (
    (12, "Good explainer of the tenge float — send to Aigerim before Friday", ["KZ", "rates"]),
    (3, "Compare with the 2024 soum bond issue", ["bonds", "UZ"]),
    (7, "", ["culture"]),
    (20, "Check the tonnage figures against the ministry's report", ["mining", "KG"]),
    (25, None, []),
)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="steppe-demo-") as tmp, Library(Path(tmp)) as library:
        for story_id, note, tags in NOTES:
            library.bookmarks.edit(story_id, note=note, tags=tags)
        library.saved_searches.save("Tenge news", StoryQuery(text="tenge", countries=("KZ",)))
        library.saved_searches.save("Unread Uzbekistan", StoryQuery(countries=("UZ",), unread_only=True))
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1440, 880)
        window.show()
        settle(app, window)
        actions = window.bookmark_actions
        actions.open_bookmarks()
        view = actions.view
        assert view is not None
        view.resize(1200, 520)
        settle(app, window)
        row = view.model.row_of(12)
        view.table.setCurrentIndex(view.model.index(row or 0, 0))
        settle(app, window, 200)
        view.grab().save(str(out / "bookmarks-view.png"))

        dialog = actions.open_export("bookmarks")
        dialog.set_format(ExportFormat.EPUB)
        settle(app, window)
        dialog.destination.setText(str(Path(tmp) / "Exports" / "steppe-bookmarks.epub"))
        dialog.start_export(Path(dialog.destination.text()), force=False)
        while dialog.task is not None:
            settle(app, window, 100)
        dialog.adjustSize()
        settle(app, window, 200)
        dialog.grab().save(str(out / "export-dialog.png"))
        print(f"saved {out / 'bookmarks-view.png'} and {out / 'export-dialog.png'}")
        dialog.close()
        view.close()
        window.close()
        settle(app, window, 100)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
