"""Guards against a broken Qt binding: PySide6-Essentials 6.12.0 on Python 3.11 released a
reference to None on every call of a void method, so a long session aborted at exit
("none_dealloc"). pyproject.toml pins below it; this test says when an upgrade is safe."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QCheckBox, QTextBrowser
from pytestqt.qtbot import QtBot


def test_void_methods_keep_none_and_bools_alive(qtbot: QtBot) -> None:
    box, browser = QCheckBox(), QTextBrowser()
    qtbot.addWidget(box)
    qtbot.addWidget(browser)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(5000):
        box.setChecked(True)
        browser.setOpenLinks(False)
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    # Allow a little noise from objects created meanwhile; the bug lost one reference per call.
    assert all(a - b > -100 for a, b in zip(after, before, strict=True)), (before, after)
