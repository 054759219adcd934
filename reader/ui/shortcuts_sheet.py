"""The keyboard shortcuts sheet (Help → Keyboard shortcuts, `?`, F1): made from the window's
own actions as it opens, menu by menu, so it cannot drift from what the keys do."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMainWindow,
    QMenu,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.ui import theme


def keys_of(action: QAction) -> str:
    return " or ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts() if not s.isEmpty()
    )


def entries(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of the window's menus that has a shortcut."""
    found: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, title: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), title)  # type: ignore[arg-type]
            elif not action.isSeparator() and keys_of(action):
                found.append(
                    (
                        title,
                        action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"),
                        keys_of(action),
                    )
                )

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), top.text().replace("&", ""))  # type: ignore[arg-type]
    return found


class ShortcutsSheet(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.entries = entries(window)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.text.setHtml(_sheet_html(self.entries))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(780, 580)


def _sheet_html(rows: list[tuple[str, str, str]]) -> str:
    menus: dict[str, list[tuple[str, str]]] = {}
    for menu, name, keys in rows:
        menus.setdefault(menu, []).append((name, keys))
    blocks = []
    for menu, actions in menus.items():
        lines = "".join(
            f'<tr><td style="padding:2px 14px 2px 0">{html.escape(name.rstrip("…"))}</td>'
            f'<td style="padding:2px 0"><b>{html.escape(keys)}</b></td></tr>'
            for name, keys in actions
        )
        blocks.append(f'<h3 style="margin:10px 0 4px 0">{html.escape(menu)}</h3><table>{lines}</table>')
    # Two columns of about the same height (a menu is never split).
    sizes = [len(actions) + 2 for actions in menus.values()]
    best, half = sum(sizes), 0
    for cut in range(len(blocks) + 1):
        taller = max(sum(sizes[:cut]), sum(sizes[cut:]))
        if taller < best:
            best, half = taller, cut
    left, right = "".join(blocks[:half]), "".join(blocks[half:])
    words = QCoreApplication.translate(
        "ShortcutsSheet",
        "In the story list, Enter opens the story, and its original in the browser once it is open. "
        "Single keys do not act while you type in a text box.",
    )
    note = f"<p style='color:{theme.current().secondary}'>{html.escape(words)}</p>"
    return (
        f'<table width="100%"><tr><td valign="top" width="50%">{left}</td>'
        f'<td valign="top" width="50%">{right}</td></tr></table>{note}'
    )
