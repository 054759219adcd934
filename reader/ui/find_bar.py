"""Find in the article: a bar under the article pane that marks every hit of its text in the
story and moves between them (Enter / F3 next, Shift+Enter / Shift+F3 previous, Esc closes).
It works on the pane's QTextDocument only; nothing is read from the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QTextEdit, QToolButton, QWidget

from reader.ui import theme


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, browser: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = browser
        self.edit = QLineEdit(placeholderText=self.tr("Find in article"), clearButtonEnabled=True)
        self.edit.setAccessibleName(self.tr("Find in article"))
        self.count = QLabel("")
        self.count.setMinimumWidth(70)
        self.previous = _button("▲", self.tr("Previous hit  (Shift+F3)"))
        self.next = _button("▼", self.tr("Next hit  (F3)"))
        self.close_button = _button("✕", self.tr("Close  (Esc)"))
        self.close_button.setAccessibleName(self.tr("Close find"))
        self.previous.setAccessibleName(self.tr("Previous hit"))
        self.next.setAccessibleName(self.tr("Next hit"))
        self.count.setAccessibleName(self.tr("Hits found"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        for button in (self.previous, self.next, self.close_button):
            button.setAutoRaise(True)
            layout.addWidget(button)
        self.hits: list[QTextCursor] = []
        self.current = -1
        self.edit.textChanged.connect(self.on_text_changed)
        self.edit.returnPressed.connect(self.find_next)
        self.next.clicked.connect(self.find_next)
        self.previous.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        back = QShortcut(QKeySequence("Shift+Return"), self.edit, context=Qt.ShortcutContext.WidgetShortcut)
        back.activated.connect(self.find_previous)
        escape = QShortcut(
            QKeySequence(Qt.Key.Key_Escape), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        escape.activated.connect(self.close_bar)
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()
        self.refresh()

    @Slot()
    def close_bar(self) -> None:
        self.hide()
        self.hits, self.current = [], -1
        self.browser.setExtraSelections([])
        self.closed.emit()

    @Slot(str)
    def on_text_changed(self, _text: str) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Find every hit again (the text changed, or another story is shown) and go to the first."""
        needle = self.edit.text()
        self.hits = []
        document = self.browser.document()
        if needle:
            cursor = QTextCursor(document)
            while True:
                cursor = document.find(needle, cursor, QTextDocument.FindFlag(0))
                if cursor.isNull():
                    break
                self.hits.append(QTextCursor(cursor))
        self.current = 0 if self.hits else -1
        self._show()

    @Slot()
    def find_next(self) -> None:
        self._step(1)

    @Slot()
    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.isVisible():
            self.open_bar()
            return
        if self.hits:
            self.current = (self.current + step) % len(self.hits)
        self._show()

    def _show(self) -> None:
        selections = []
        for number, hit in enumerate(self.hits):
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(theme.current().color("current_hit" if number == self.current else "hit"))
            selection.format = fmt
            selection.cursor = hit
            selections.append(selection)
        self.browser.setExtraSelections(selections)
        if self.current >= 0:
            cursor = QTextCursor(self.hits[self.current])
            cursor.clearSelection()
            self.browser.setTextCursor(cursor)
            self.browser.ensureCursorVisible()
            self.count.setText(
                self.tr("%1 of %2").replace("%1", str(self.current + 1)).replace("%2", str(len(self.hits)))
            )
        else:
            self.count.setText(self.tr("No hits") if self.edit.text() else "")


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    return button
