"""Retake the README's Settings and Welcome screenshots offscreen, on the bundled data.

QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots/take_settings.py packaging/screenshots
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from reader.core.library import Library
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.welcome import show_welcome

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from kit import settle  # noqa: E402


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp)) as library:
        window = MainWindow(library, settings_for(Path(tmp)))
        window.resize(1024, 700)
        window.show()
        settle(app, window)
        window.show_settings(1)  # the Rates tab: the most there is to set
        settle(app, window)
        dialog = window.settings_dialog
        assert dialog is not None
        dialog.grab().save(str(out / "settings.png"))
        print(f"saved {out / 'settings.png'}")
        dialog.reject()
        welcome = show_welcome(Path(tmp), window)
        settle(app, window)
        welcome.grab().save(str(out / "welcome.png"))
        print(f"saved {out / 'welcome.png'}")
        welcome.close()
        window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/screenshots"))
