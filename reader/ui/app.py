"""Starting the window: the QApplication, the Library, and a way forward when the cache cannot
be opened.

A cache at the newest schema shows its first rows before the Library exists: they are read with
the standard library's sqlite3 (reader.core.first_page), the window is built on the data folder
and painted, and only then are SQLAlchemy and the core imported (on a thread, the window handling
events meanwhile) and the Library opened and attached. Any other cache is opened first, as below.

A cache that cannot be opened is a StartupProblemDialog saying what happened and what to do,
with the buttons that do it: a damaged database can be moved aside for a fresh cache with the
bookmarks of the backup; a locked one or a full disk can be tried again; a data folder that is a
file or cannot be written can be swapped for another for this session; a database of a newer
version is only ever left alone. A bug at start-up is logged and said in one sentence.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.crashlog import describe_bug, report_internal_error
from reader.core.errors import (
    DatabaseCorrupt,
    DatabaseLocked,
    DatabaseTooNew,
    DataFolderError,
    ReaderError,
    StorageError,
)
from reader.core.logs import setup_logging
from reader.core.paths import default_data_dir, resources_dir
from reader.core.types.settings import UI_LANGUAGE, UI_THEME, ChoiceOption
from reader.ui.platform_check import explain, missing_packages

if TYPE_CHECKING:
    from reader.core.first_page import FirstLook
    from reader.core.library import Library
    from reader.core.repair import RepairReport
    from reader.ui.main_window import MainWindow

# What the start-up dialog's buttons do.
REPAIR, RETRY, OTHER_FOLDER, OPEN_FOLDER, QUIT = "repair", "retry", "other-folder", "open-folder", "quit"
_LABELS = {
    REPAIR: "Move the damaged file aside and start fresh",
    RETRY: "Try again",
    OTHER_FOLDER: "Use another folder…",
    OPEN_FOLDER: "Open data folder",
    QUIT: "Quit",
}


def settings_for(data_dir: Path) -> QSettings:
    """Window state lives beside the cache, so --data-dir keeps separate setups apart."""
    return QSettings(str(data_dir / "window.ini"), QSettings.Format.IniFormat)


def explain_problem(error: BaseException, data_dir: Path) -> tuple[str, str, tuple[str, ...]]:
    """(what happened, what to do, the actions offered) for an error that stopped the start."""
    if isinstance(error, DatabaseCorrupt):
        from reader.core.repair import LOST  # the repair code: only when a cache is damaged

        return (
            "The database is damaged",
            f"{error}.\n\n"
            "It can move the damaged file aside (it is kept, its name marked with today's date and "
            "time) and start a fresh cache with the bundled stories and your bookmarks from their "
            f"backup. {LOST}",
            (REPAIR, OPEN_FOLDER, QUIT),
        )
    if isinstance(error, DatabaseTooNew):
        return (
            "This data was written by a newer Steppe Reader",
            f"{error}.\n\nUpdate Steppe Reader to open it. This version never changes or repairs a "
            "newer database.",
            (OPEN_FOLDER, QUIT),
        )
    if isinstance(error, DatabaseLocked):
        return (
            "The database is in use",
            f"{error}.\n\nClose the other Steppe Reader window or `steppe` command using it, then try again.",
            (RETRY, QUIT),
        )
    if isinstance(error, DataFolderError):
        return (
            "The data folder cannot be used",
            f"{error}.\n\nStart Steppe Reader with --data-dir (or STEPPE_DATA_DIR) naming a folder you "
            "can write, or use another folder now.",
            (OTHER_FOLDER, RETRY, QUIT),
        )
    if isinstance(error, StorageError):
        return (
            "The database cannot be opened",
            f"{error}.\n\nFree some disk space or check the disk, then try again.",
            (RETRY, OPEN_FOLDER, QUIT),
        )
    if isinstance(error, ReaderError):
        return ("Steppe Reader cannot start", f"{error}.", (QUIT,))
    log = report_internal_error(error, data_dir, ["(window start-up)"])
    return (
        "Steppe Reader met an internal error",
        f"{describe_bug(error)}\n\nThe details are in {log}; please report them.",
        (QUIT,),
    )


class StartupProblemDialog(QDialog):
    """Says why the cache could not be opened and offers the ways forward (explain_problem)."""

    def __init__(self, error: BaseException, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = error
        self.data_dir = data_dir
        self.choice = QUIT
        heading, body, actions = explain_problem(error, data_dir)
        self.setWindowTitle("Steppe Reader cannot open its data")
        self.setObjectName("startup-problem")

        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.heading = QLabel(f"<b>{heading}</b>")
        self.body = QLabel(body)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setMinimumWidth(460)
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.body)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)

        self.button_box = QDialogButtonBox()
        self.buttons: dict[str, QPushButton] = {}
        for action in actions:
            button = QPushButton(_LABELS[action])
            role = (
                QDialogButtonBox.ButtonRole.RejectRole
                if action == QUIT
                else QDialogButtonBox.ButtonRole.ActionRole
            )
            self.button_box.addButton(button, role)
            button.clicked.connect(lambda _checked=False, a=action: self.on_action_clicked(a))
            self.buttons[action] = button
        self.buttons[actions[0]].setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.button_box)

    @Slot(str)
    def on_action_clicked(self, action: str) -> None:
        if action == OPEN_FOLDER:  # the dialog stays: the user looks, then chooses
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
            return
        self.choice = action
        if action == QUIT:
            self.reject()
        else:
            self.accept()


def _ask(dialog: StartupProblemDialog) -> str:
    dialog.exec()
    return dialog.choice


def _other_folder(current: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(None, "A folder for Steppe Reader's data", str(current.parent))
    return Path(chosen) if chosen else None


def _tell_repaired(report: RepairReport) -> None:
    from reader.core.repair import LOST

    box = QMessageBox(
        QMessageBox.Icon.Information, "Started fresh", report.summary(), QMessageBox.StandardButton.Ok
    )
    box.setObjectName("repair-report")
    box.setInformativeText(LOST)
    box.exec()


def open_library(
    data_dir: Path,
    ask: Callable[[StartupProblemDialog], str] = _ask,
    other_folder: Callable[[Path], Path | None] = _other_folder,
    tell_repaired: Callable[[RepairReport], None] = _tell_repaired,
) -> Library | None:
    """The Library on `data_dir` (upgraded first behind a progress dialog if an older version
    wrote it), through the start-up dialog for as long as it cannot be opened and the user
    chooses a way forward; None when they choose Quit or stop the upgrade."""
    # Here, not at the top: the window shows its first rows before SQLAlchemy loads (run_app).
    from reader.core.library import Library
    from reader.ui.cache_upgrade import upgrade_if_behind

    pending: BaseException | None = None
    while True:
        if pending is None:
            try:
                if not upgrade_if_behind(data_dir):
                    return None  # stopped by the user: the cache is as it was
                return Library(data_dir)
            except Exception as exc:  # every failure gets the dialog; explain_problem logs a bug
                pending = exc
        error, pending = pending, None
        print(f"steppe: {error}", file=sys.stderr)
        choice = ask(StartupProblemDialog(error, data_dir))
        if choice == REPAIR:
            from reader.core.repair import NothingToRepair, repair

            try:
                library, report = repair(data_dir)
            except NothingToRepair:
                continue  # sound after all (another process fixed it?): open it
            except Exception as exc:
                pending = exc  # say what stopped the repair, with its own ways forward
                continue
            tell_repaired(report)
            return library
        if choice == OTHER_FOLDER:
            data_dir = other_folder(data_dir) or data_dir
            continue
        if choice != RETRY:
            return None


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
    from reader.core.first_page import first_look
    from reader.ui import welcome
    from reader.ui.main_window import MainWindow
    from reader.ui.story_model import StoryListModel

    # A cache at the newest schema shows its first rows before SQLAlchemy and the rest of the
    # core load and the Library opens (reader.core.first_page, standard library only); the window
    # works on them once the Library is attached. Any other cache is opened first, as before.
    look = first_look(data_dir, StoryListModel.PAGE_SIZE)
    window = _first_window(app, look) if look is not None else None
    if window is not None:
        _load_core_meanwhile()  # a window closed meanwhile is hidden, and closes once attached
    library = open_library(data_dir or default_data_dir())
    if library is None:
        if window is not None:
            window.discard()
        return 2
    setup_logging(library.data_dir)  # tracebacks to the log file (Sync problems says where)
    if window is not None and window.data_dir != library.data_dir:  # another folder was chosen
        window.discard()
        window.deleteLater()
        window = None
    if window is None:
        # One settings read on the GUI thread, like opening the Library above and before any
        # window exists (tests/ui/conftest.py's exemption): the first frame is in the right colours.
        _dress(app, _setting(library, UI_THEME), _setting(library, UI_LANGUAGE))
        window = MainWindow(library, settings_for(library.data_dir))
        window.show()
    else:
        window.attach(library)
    welcome.show_once(window.settings, library.data_dir, window)  # the first start only
    try:
        if not window.closing:  # closed at start-up: it closes once its waiting work is done
            window.sync_controller.start_schedule()  # every N minutes, and soon if the last sync is old
            _after_first_page(
                window, window.rates_controller.refresher.start
            )  # live rates, then on the interval
    except BaseException:
        window.close()
        window.tasks.wait_idle()  # no answer may arrive for a window that is gone
        library.close()
        raise
    interrupted: list[bool] = []
    previous_hook = sys.excepthook
    sys.excepthook = _window_excepthook(window, library.data_dir, interrupted)
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: _interrupt(window, interrupted))
    # Python runs its signal handlers only between bytecodes: a timer lets it in every 250 ms.
    heartbeat = QTimer(window)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(250)
    try:
        code = app.exec()
        return 130 if interrupted else code
    finally:
        signal.signal(signal.SIGINT, previous_sigint)
        sys.excepthook = previous_hook
        library.close()


def _setting(library: Library, option: ChoiceOption) -> str:
    try:
        return str(library.settings.get(option))
    except ReaderError:
        return option.default


def _dress(app: QApplication, theme_choice: str, language: str) -> None:
    """The theme and the translators, before the window is made: its first frame is in the right
    colours (no flash of the wrong ones) and its strings are translated as they are made."""
    from reader.ui import i18n, theme

    theme.manager().apply(theme_choice)
    i18n.install_translators(app, language)


# How long start-up waits for the first rows to be painted before it opens the Library (which
# holds the GUI thread while SQLAlchemy and the core load); a window never exposed waits no more.
FIRST_PAINT_WAIT_MS = 1000


def _first_window(app: QApplication, look: FirstLook) -> MainWindow:
    """The window on the cache `look` read, showing its first page, painted before this returns."""
    from reader.ui.main_window import MainWindow

    _dress(app, look.theme, look.language)
    window = MainWindow(None, settings_for(look.data_dir), data_dir=look.data_dir)
    window.show_first_page(look.page, look.count)
    window.show()
    viewport = window.story_list.viewport()
    loop = QEventLoop()
    painted = _OnPaint(lambda: QTimer.singleShot(0, loop.quit))  # once this paint has been flushed
    viewport.installEventFilter(painted)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, loop.quit)
    loop.exec()
    viewport.removeEventFilter(painted)
    return window


def _load_core_meanwhile() -> None:
    """Import SQLAlchemy and the core (about half a second) on a thread while the window, painted
    already, goes on handling events: it scrolls, resizes and takes keys, and what it is asked
    waits for the Library. A failed import is raised again where open_library imports them."""

    def load() -> None:
        with contextlib.suppress(BaseException):
            import reader.core.library
            import reader.ui.cache_upgrade  # noqa: F401

    thread = threading.Thread(target=load, name="steppe-core-import", daemon=True)
    thread.start()
    loop = QEventLoop()
    poll = QTimer()
    poll.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    poll.start(10)
    loop.exec()
    poll.stop()


class _OnPaint(QObject):
    def __init__(self, then: Callable[[], None]) -> None:
        super().__init__()
        self._then = then

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self._then()
        return False


# How long after the list's first page the live rates are asked for: their imports (the HTTP
# client) and requests would otherwise take turns with the first paint of the rows.
FIRST_PAGE_GRACE_MS = 150
FIRST_PAGE_WAIT_MS = 3000  # asked for then at the latest, whatever became of the first page


def _after_first_page(window: MainWindow, start: Callable[[], None]) -> None:
    """Run `start` once, a moment after the list's first page is shown (or failed to load)."""
    done: list[bool] = []

    def once() -> None:
        if not done:
            done.append(True)
            start()

    def soon(*_args: object) -> None:
        QTimer.singleShot(FIRST_PAGE_GRACE_MS, window, once)

    window.model.query_loaded.connect(soon, Qt.ConnectionType.SingleShotConnection)
    window.model.query_failed.connect(soon, Qt.ConnectionType.SingleShotConnection)
    QTimer.singleShot(FIRST_PAGE_WAIT_MS, window, once)


def _interrupt(window: QMainWindow, interrupted: list[bool]) -> None:
    """Ctrl-C in the terminal that started the window: close it as Quit would, without a word."""
    interrupted.append(True)
    window.close()
    QApplication.quit()


def _window_excepthook(
    window: QMainWindow, data_dir: Path, interrupted: list[bool]
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """A bug in a slot: the traceback to the log, one line to the terminal and the status bar;
    the window goes on (Qt has already returned from the slot)."""

    def hook(_kind: type[BaseException], error: BaseException, _tb: TracebackType | None) -> None:
        if isinstance(error, KeyboardInterrupt):
            _interrupt(window, interrupted)
            return
        log = report_internal_error(error, data_dir, ["(window)"])
        message = f"Internal error: {describe_bug(error)} (details in {log})"
        print(f"steppe: {message}", file=sys.stderr)
        window.statusBar().showMessage(message, 20000)

    return hook
