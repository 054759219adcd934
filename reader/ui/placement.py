"""Where windows open: the main window fits the screen it starts on, and every dialog opens
over the main window, wholly on that window's screen (shrunk if it is larger than the screen)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FIRST_SIZE = QSize(1400, 860)  # the first window on a large screen


def available(widget: QWidget) -> QRect:
    screen = widget.screen() if widget.screen() is not None else QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def fit_first_window(window: QWidget) -> None:
    """FIRST_SIZE, or the available screen less a margin on a small screen, centred on it."""
    area = available(window)
    width = min(FIRST_SIZE.width(), area.width() - 16)
    height = min(FIRST_SIZE.height(), area.height() - 40)  # room for the window's frame
    window.resize(max(width, window.minimumWidth()), max(height, 300))
    frame = window.frameGeometry()
    frame.moveCenter(area.center())
    window.move(max(area.left(), frame.left()), max(area.top(), frame.top()))


def keep_on_screen(window: QWidget) -> None:
    """A restored geometry from a larger screen: shrink and move the window back onto this one."""
    area = available(window)
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    if frame.width() > area.width() or frame.height() > area.height():
        window.resize(
            min(window.width(), area.width() - extra_w), min(window.height(), area.height() - extra_h)
        )
        frame = window.frameGeometry()
    left = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
    top = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
    window.move(left, top)


def place_over(dialog: QWidget, owner: QWidget) -> None:
    """`dialog` centred over `owner`'s window, all of it on `owner`'s screen."""
    area = available(owner)
    size = dialog.size().boundedTo(QSize(area.width() - 16, area.height() - 40))
    if size != dialog.size():
        dialog.resize(size)
    frame = dialog.frameGeometry()
    frame.moveCenter(owner.window().frameGeometry().center())
    left = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
    top = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
    dialog.move(left, top)


class DialogPlacer(QObject):
    """A window of ours shown for the first time (a dialog, the Bookmarks window, a dialog of
    that window) is placed over its parent's window and on-screen. It watches the main window
    and the windows made as its children, not the whole application: no Python call per event
    of every widget."""

    def __init__(self, main: QWidget) -> None:
        super().__init__(main)
        self._main = main
        self._placed: set[int] = set()
        self._watched: set[int] = {id(main)}
        main.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ChildAdded, QEvent.Type.ChildPolished):
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget) and child.isWindow() and id(child) not in self._watched:
                key = id(child)
                self._watched.add(key)
                child.destroyed.connect(lambda *_a: self._forget(key))
                child.installEventFilter(self)
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched is not self._main:
            ours = watched.windowType() in (Qt.WindowType.Dialog, Qt.WindowType.Window)
            parent = watched.parentWidget()
            if ours and parent is not None and id(watched) not in self._placed:
                self._placed.add(id(watched))
                place_over(watched, parent)
        return False

    def _forget(self, key: int) -> None:
        self._placed.discard(key)
        self._watched.discard(key)

    def stop(self) -> None:
        self._main.removeEventFilter(self)
