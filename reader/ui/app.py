"""Starting the window: the QApplication, the Library, and a clear message if the cache is unusable."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import __version__
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.logs import setup_logging
from reader.core.paths import default_data_dir, resources_dir
from reader.ui.platform_check import explain, missing_packages


def settings_for(data_dir: Path) -> QSettings:
    """Window state lives beside the cache, so --data-dir keeps separate setups apart."""
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def run_app(data_dir: Path | None = None) -> int:
    missing = missing_packages()
    if missing and QApplication.instance() is None:
        print(explain(missing), file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Steppe Reader")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Steppe Reader")
    app.setDesktopFileName("steppe-reader")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "steppe-reader.svg")))
    setup_logging(data_dir or default_data_dir())  # tracebacks to the log file (Sync problems says where)
    try:
        library = Library(data_dir or default_data_dir())
    except ReaderError as exc:
        QMessageBox.critical(None, "Steppe Reader cannot open its data", str(exc))
        print(f"steppe: {exc}", file=sys.stderr)
        return 2
    from reader.ui.main_window import MainWindow

    window = MainWindow(library, settings_for(library.data_dir))
    window.show()
    window.sync_controller.start_schedule()  # every N minutes, and soon if the last sync is old
    window.rates_controller.refresher.start()  # live rates: now, then on the interval
    try:
        return app.exec()
    finally:
        library.close()
