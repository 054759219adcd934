"""The welcome (Help → Welcome, and once by itself at the first start): what the bundled stories
are, how to add a real source and sync, and where the data lives.

"Shown once" is remembered in the window's QSettings file (window.ini in the data folder), beside
the window's geometry: it is about this window on this machine, not a setting of the library, so
it is not one of `steppe settings`. The start path (reader/ui/app.py) asks for it; windows built
directly (the tests) never show it by themselves.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSettings, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

SHOWN_KEY = "welcome/shown"

TEXT = QT_TRANSLATE_NOOP(
    "WelcomeDialog",
    "\n"
    "<h2>Welcome to Steppe Reader</h2>\n"
    "<p>News from Central Asia beside the currency rates that shape it.</p>\n"
    "<h3>The stories you see first are samples</h3>\n"
    "<p>The stories whose source says <i>sample</i> come with Steppe Reader: we wrote them ourselves,\n"
    "from public facts, so the window has something to show before your first sync. They are not\n"
    "news from a real site, and clearing old stories never removes them.</p>\n"
    "<h3>Add a source</h3>\n"
    "<p>Open <b>Sync → Sources…</b> (Ctrl+Shift+O) and type a site's address: Steppe Reader finds its\n"
    "feed by itself. Already follow sites in another reader? Export them there as OPML and use\n"
    "<b>Import OPML…</b> in the same dialog.</p>\n"
    "<h3>Sync</h3>\n"
    "<p><b>Sync → Sync now</b> (F5) fetches new stories from every source; while the window is open\n"
    "it also syncs by itself on the interval chosen in <b>File → Settings…</b> (Ctrl+,).</p>\n"
    "<h3>Your data</h3>\n"
    "<p>Stories, bookmarks, rates and settings live in one folder on this computer, shown below.\n"
    "Steppe Reader talks only to your sources' sites and the rates providers.</p>\n",
)


class WelcomeDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Welcome to Steppe Reader"))
        self.data_dir = Path(data_dir)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Welcome"))
        self.text.setAccessibleDescription(
            self.tr("What the sample stories are, how to add sources and sync")
        )
        self.text.setOpenLinks(False)
        self.text.setHtml(self.tr(str(TEXT)))
        self.folder = QLineEdit(str(self.data_dir))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(self.tr("Data folder"))
        label = QLabel(self.tr("Data &folder:"))
        label.setBuddy(self.folder)
        self.open_folder = QPushButton(self.tr("&Open folder"))
        self.open_folder.setAccessibleDescription(self.tr("Show the data folder in the file manager"))
        self.open_folder.clicked.connect(self.on_open_folder_clicked)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.open_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(620, 560)  # fits a 1024x700 screen

    @Slot()
    def on_open_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))


def show_welcome(data_dir: Path, parent: QWidget) -> WelcomeDialog:
    dialog = WelcomeDialog(data_dir, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def show_once(settings: QSettings, data_dir: Path, parent: QWidget) -> WelcomeDialog | None:
    """The welcome at the first start only; later starts find the flag and show nothing."""
    if settings.value(SHOWN_KEY, False, type=bool):
        return None
    settings.setValue(SHOWN_KEY, True)
    settings.sync()
    return show_welcome(data_dir, parent)
