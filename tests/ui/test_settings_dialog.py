"""File → Settings…: the typed settings in one form, read and saved off the GUI thread; OK saves
(read back here through the Library), Cancel and Esc change nothing, a value that does not fit
disables OK and says why; the window follows a theme chosen there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDialogButtonBox, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types.settings import (
    PROVIDER_URLS,
    RETENTION_DAYS,
    SIDEBAR_CURRENCIES,
    SYNC_INTERVAL,
    SYNC_NOTIFY,
    UI_LANGUAGE,
    UI_THEME,
)
from reader.ui import theme
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow
from reader.ui.settings_dialog import SettingsDialog


@pytest.fixture
def window(qtbot: QtBot, library: Library) -> Iterator[MainWindow]:
    theme.manager().apply("light")
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    win.resize(1024, 700)
    win.show()
    qtbot.waitUntil(lambda: win.article.story_id is not None, timeout=10000)
    yield win
    win.tasks.wait_idle()
    theme.manager().apply("light")  # the theme is the application's: leave it as found


def open_dialog(qtbot: QtBot, window: MainWindow) -> SettingsDialog:
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() == "&Settings…")
    assert "Ctrl+," in [k.toString() for k in action.shortcuts()]
    action.trigger()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.loaded is not None, timeout=5000)
    return dialog


def widget(dialog: SettingsDialog, name: str) -> object:
    return dialog.fields[name].widget


def test_shows_the_current_values(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    library.settings.set(SYNC_INTERVAL, 15)
    library.settings.set(SIDEBAR_CURRENCIES, ("KZT", "EUR"))
    library.settings.set(SYNC_NOTIFY, True)
    dialog = open_dialog(qtbot, window)
    interval = widget(dialog, SYNC_INTERVAL.name)
    assert isinstance(interval, QSpinBox) and interval.value() == 15 and interval.suffix() == " minutes"
    currencies = widget(dialog, SIDEBAR_CURRENCIES.name)
    assert isinstance(currencies, QLineEdit) and currencies.text() == "KZT, EUR"
    notify = widget(dialog, SYNC_NOTIFY.name)
    assert isinstance(notify, QCheckBox) and notify.isChecked()
    language = widget(dialog, UI_LANGUAGE.name)
    assert isinstance(language, QComboBox) and language.currentData() == "system"
    assert dialog.folder.text() == str(library.data_dir) and dialog.folder.isReadOnly()
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "&Sync", "&Rates", "&Appearance", "&Data",
    ]  # fmt: skip
    assert dialog.ok.isEnabled()
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.sizeHint().width() <= 1024 and dialog.sizeHint().height() <= 700, screen
    dialog.reject()


def test_ok_saves_and_the_window_follows(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    dialog = open_dialog(qtbot, window)
    interval = widget(dialog, SYNC_INTERVAL.name)
    assert isinstance(interval, QSpinBox)
    interval.setValue(0)
    assert interval.text() == "Only on F5"
    retention = widget(dialog, RETENTION_DAYS.name)
    assert isinstance(retention, QSpinBox)
    retention.setValue(30)
    url = widget(dialog, PROVIDER_URLS["nbk"].name)
    assert isinstance(url, QLineEdit)
    url.setText("https://mirror.example/rates?d={date}")
    combo = widget(dialog, UI_THEME.name)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("dark"))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.ok.click()
    window.tasks.wait_idle()
    assert library.settings.get(SYNC_INTERVAL) == 0
    assert library.settings.get(RETENTION_DAYS) == 30
    assert library.settings.get(PROVIDER_URLS["nbk"]) == ("https://mirror.example/rates?d={date}",)
    assert library.settings.get(UI_THEME) == "dark"
    assert library.settings.get(SIDEBAR_CURRENCIES) == SIDEBAR_CURRENCIES.default  # untouched
    qtbot.waitUntil(lambda: theme.current() is theme.DARK, timeout=5000)  # applied by the window


def test_cancel_and_escape_change_nothing(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    for close in ("cancel", "escape"):
        dialog = open_dialog(qtbot, window)
        retention = widget(dialog, RETENTION_DAYS.name)
        assert isinstance(retention, QSpinBox)
        retention.setValue(7)
        notify = widget(dialog, SYNC_NOTIFY.name)
        assert isinstance(notify, QCheckBox)
        notify.setChecked(True)
        with qtbot.waitSignal(dialog.rejected, timeout=5000):
            if close == "cancel":
                dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
            else:
                qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        window.tasks.wait_idle()
        assert library.settings.get(RETENTION_DAYS) == RETENTION_DAYS.default
        assert library.settings.get(SYNC_NOTIFY) is False
        assert library.settings.value(RETENTION_DAYS.name).is_default


def test_an_invalid_value_disables_ok_with_a_message(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    dialog = open_dialog(qtbot, window)
    currencies = widget(dialog, SIDEBAR_CURRENCIES.name)
    assert isinstance(currencies, QLineEdit)
    currencies.setText("KZT, dollars")
    assert not dialog.ok.isEnabled()
    assert "DOLLARS" in dialog.error.text() and "three letters" in dialog.error.text()
    currencies.setText("KZT, USD")
    assert dialog.ok.isEnabled() and dialog.error.text() == ""
    url = widget(dialog, PROVIDER_URLS["cbu"].name)
    assert isinstance(url, QLineEdit)
    url.setText("ftp://old.example/rates")
    assert not dialog.ok.isEnabled() and "http(s)" in dialog.error.text()
    dialog.ok.click()  # disabled: nothing happens
    url.clear()
    assert dialog.ok.isEnabled()
    dialog.reject()
    window.tasks.wait_idle()
    assert library.settings.get(SIDEBAR_CURRENCIES) == SIDEBAR_CURRENCIES.default


def test_sync_settings_opens_the_sync_tab(qtbot: QtBot, window: MainWindow) -> None:
    sync_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "S&ync")
    window.show_settings(2)  # left on another tab: Sync → Sync settings… still opens on Sync
    window.settings_dialog.reject()
    next(a for a in sync_menu.actions() if a.text() == "Sync &settings…").trigger()
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    assert dialog.tabs.tabText(dialog.tabs.currentIndex()).replace("&", "") == "Sync"
    assert dialog.fields[SYNC_INTERVAL.name].widget.isVisible()
    dialog.reject()


def test_the_text_size_chosen_in_settings_applies_at_once_and_is_remembered(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    window.change_text_size(1)  # Ctrl++ once: the dialog shows it
    dialog = open_dialog(qtbot, window)
    assert dialog.text_size.currentData() == 1 and dialog.text_size.currentText() == "112 %"
    assert [dialog.text_size.itemData(i) for i in range(dialog.text_size.count())] == list(range(-2, 5))
    before = window.article.document().defaultStyleSheet()
    dialog.text_size.setCurrentIndex(dialog.text_size.findData(3))
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.ok.click()  # no typed setting changed: OK still applies the size
    assert window.article.document().defaultStyleSheet() != before  # the pane's sizes, scaled
    assert window._text_step == 3
    assert settings_for(library.data_dir).value("view/text_size", type=int) == 3
    dialog = open_dialog(qtbot, window)
    assert dialog.text_size.currentText() == "140 %"
    dialog.reject()


def test_the_sync_tab_opens_the_sources_dialog(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.sources_button.text() == "S&ources…"
    dialog.sources_button.click()
    sources = window.sync_controller.sources_dialog
    assert sources is not None
    qtbot.waitExposed(sources)
    sources.close()
    dialog.reject()
