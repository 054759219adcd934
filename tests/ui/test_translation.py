"""The Russian interface: every menu and action of the window translated, plural forms right,
the .ts complete and the committed .qm compiled from it (reader/ui/i18n.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QSpinBox
from pytestqt.qtbot import QtBot

from reader.core.library import Library
from reader.core.types import SortOrder, count_line
from reader.ui import i18n
from reader.ui.app import settings_for
from reader.ui.filter_bar import SORT_LABELS
from reader.ui.main_window import MainWindow
from reader.ui.settings_dialog import SettingsDialog

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
PROPER_NAMES = {"Steppe Reader"}  # the same in every language
BIN = Path(sys.executable).parent


@pytest.fixture
def window(qtbot: QtBot, library: Library, russian: None) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    yield win
    win.tasks.wait_idle()


def menu_texts(actions: list[QAction], path: str = "") -> Iterator[tuple[str, str]]:
    for act in actions:
        if act.isSeparator():
            continue
        yield path, act.text()
        menu = act.menu()
        if isinstance(menu, QMenu):
            yield from menu_texts(menu.actions(), f"{path}{act.text()} → ")


def english_sources() -> set[str]:
    tree = ET.parse(I18N / "steppe_ru.ts")
    return {m.findtext("source") or "" for m in tree.getroot().iter("message")}


def test_every_menu_and_action_of_the_window_is_in_russian(window: MainWindow) -> None:
    texts = list(menu_texts(window.menuBar().actions()))
    titles = [text for path, text in texts if not path]
    assert titles[:3] == ["&Файл", "&Вид", "&Новость"]
    assert "&Справка" in titles and "&Курсы" in titles and "С&инхронизация" in titles
    sources = english_sources()
    untranslated = [f"{path}{text}" for path, text in texts if text in sources and text not in PROPER_NAMES]
    assert len(texts) > 50  # the whole tree was walked, submenus included
    assert untranslated == []
    # No Latin-only words left in a menu (a string the .ts has never seen would show in English).
    latin = [f"{p}{t}" for p, t in texts if t.isascii() and t.replace("&", "") not in PROPER_NAMES]
    assert latin == []
    assert window.windowTitle() == "Steppe Reader"
    assert window.undo_button.text() == "Отменить"


@pytest.mark.parametrize(
    ("count", "russian_text", "english_text"),
    [
        (1, "Отмечено прочитанными: 1 новость", "Marked 1 story read"),
        (2, "Отмечено прочитанными: 2 новости", "Marked 2 stories read"),
        (5, "Отмечено прочитанными: 5 новостей", "Marked 5 stories read"),
        (11, "Отмечено прочитанными: 11 новостей", "Marked 11 stories read"),
        (21, "Отмечено прочитанными: 21 новость", "Marked 21 stories read"),
    ],
)
def test_plural_forms(qapp: QApplication, count: int, russian_text: str, english_text: str) -> None:
    try:
        i18n.install_translators(qapp, "ru")
        assert QCoreApplication.translate("MainWindow", "Marked %Ln stories read", "", count) == russian_text
        i18n.install_translators(qapp, "en")
        assert QCoreApplication.translate("MainWindow", "Marked %Ln stories read", "", count) == english_text
    finally:
        i18n.install_translators(qapp, "en")


def test_system_choice_follows_the_systems_languages() -> None:
    assert i18n.resolve("system", QLocale("ru_RU")) == "ru"
    assert i18n.resolve("system", QLocale("de_DE")) == "en"  # no German yet: the source language
    assert i18n.resolve("en", QLocale("ru_RU")) == "en"
    assert i18n.resolve("ru", QLocale("en_US")) == "ru"


def test_russian_sets_the_locale_of_dates_and_numbers(qapp: QApplication) -> None:
    try:
        i18n.install_translators(qapp, "ru")
        assert QLocale().language() == QLocale.Language.Russian
        assert QLocale().toString(1234.5, "f", 1) == "1\u00a0234,5"
    finally:
        i18n.install_translators(qapp, "en")
    assert QLocale().language() != QLocale.Language.Russian


def test_the_russian_ts_is_complete() -> None:
    tree = ET.parse(I18N / "steppe_ru.ts")
    translations = list(tree.getroot().iter("translation"))
    assert len(translations) >= 80
    unfinished = [t for t in translations if t.get("type") in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []
    for message in tree.getroot().iter("message"):
        forms = message.findall("translation/numerusform")
        if message.get("numerus") == "yes":
            assert len(forms) == 3 and all(f.text for f in forms)  # one, few, many
        else:
            assert message.findtext("translation")


def tool(name: str) -> Path:
    path = BIN / name
    if not path.exists():
        found = shutil.which(name)
        if found is None:
            pytest.skip(f"{name} is not installed")
        path = Path(found)
    return path


@pytest.mark.parametrize("language", ["ru", "en"])
def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path, language: str) -> None:
    lrelease = tool("pyside6-lrelease")
    fresh = tmp_path / f"steppe_{language}.qm"
    subprocess.run(
        [lrelease, "-silent", I18N / f"steppe_{language}.ts", "-qm", fresh], check=True, timeout=60
    )
    assert fresh.read_bytes() == (I18N / f"steppe_{language}.qm").read_bytes(), "run `make translations`"


def test_the_ts_has_every_string_of_the_code(tmp_path: Path) -> None:
    """A tr() string added to reader/ui without `make translations` fails here."""
    lupdate = tool("pyside6-lupdate")
    root = I18N.parents[1]
    copy = tmp_path / "steppe_ru.ts"
    shutil.copy(I18N / "steppe_ru.ts", copy)
    sources = sorted(str(p) for p in (root / "reader" / "ui").glob("*.py"))
    subprocess.run([lupdate, "-silent", "-locations", "none", *sources, "-ts", copy], check=True, timeout=120)
    tree = ET.parse(copy)
    unfinished = [
        message.findtext("source")
        for message in tree.getroot().iter("message")
        if message.find("translation[@type]") is not None
    ]
    assert unfinished == [], "new or changed strings: run `make translations` and translate them"


def test_the_status_line_counts_in_russian(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    state = library.state()
    qtbot.waitUntil(lambda: window.state_label.status is not None, timeout=10000)
    text = window.state_label.text()
    assert text.startswith(f"{state.story_count} новост")
    assert f"непрочитанных: {state.unread_count}" in text and "Курс" in text
    assert text != state.counts_text() and "stories" not in text


def test_the_filter_bar_in_russian(window: MainWindow) -> None:
    bar = window.filter_bar
    assert bar.search.placeholderText().startswith("Поиск по новостям")
    assert [bar.sort.itemText(i) for i in range(bar.sort.count())] == [
        "Сначала новые",
        "Сначала старые",
        "Лучшие совпадения",
    ]
    assert (bar.unread.text(), bar.clear.text(), bar.more_button.text()) == (
        "&Непрочитанные",
        "Сбросить",
        "Фильтры",
    )


def test_the_sort_labels_are_the_cores_in_english() -> None:
    assert {order.value: order.label for order in SortOrder} == SORT_LABELS


def test_the_sync_status_in_russian(qtbot: QtBot, window: MainWindow) -> None:
    controller = window.sync_controller
    qtbot.waitUntil(lambda: controller.status is not None, timeout=10000)
    assert controller.label.text() == "Ещё не синхронизировано"  # a fresh cache has only the samples
    assert controller.cancel_button.text() == "Прервать"
    assert QCoreApplication.translate("SyncController", "⚠ %n sources failed", "", 3) == (
        "⚠ Не ответили 3 источника"
    )


@pytest.mark.parametrize("total", [1, 2, 5, 1234])
def test_the_lists_count_line_keeps_the_cores_english(qapp: QApplication, total: int) -> None:
    english = QCoreApplication.translate("StoryListModel", "Showing 1–%1 of %Ln stories", "", total)
    assert english.replace("%1", "1") == count_line(1, total)
    about = QCoreApplication.translate("StoryListModel", "Showing 1–%1 of about %Ln stories", "", total)
    assert about.replace("%1", "1") == count_line(1, total, estimated=True)
    try:
        i18n.install_translators(qapp, "ru")
        russian = QCoreApplication.translate("StoryListModel", "Showing 1–%1 of %Ln stories", "", total)
        assert russian.startswith("Показаны 1–%1 из ")
        assert russian.endswith("новости" if total == 1 else "новостей")
    finally:
        i18n.install_translators(qapp, "en")


def test_the_rates_sidebar_in_russian(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.rates_panel
    qtbot.waitUntil(lambda: bool(panel.source.text()), timeout=10000)
    assert panel.refresh_button.text() == "Обновить"
    assert panel.source.text().startswith("На ") and "сентября" in panel.source.text()  # 29 Sep 2026
    assert panel.convention.text().startswith("Долларов США за единицу")


def test_the_rates_chart_in_russian(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.rates_panel
    qtbot.waitUntil(lambda: panel.chart is not None, timeout=15000)
    chart = panel.chart
    assert chart is not None
    modes = [chart.mode.itemText(i) for i in range(chart.mode.count())]
    assert modes == ["Курс", "Сравнить изменение в %", "Официальный и рыночный"]
    assert chart.select_dates.text() == "Отбор"  # the sidebar is narrow
    assert chart.range_buttons.button(len(chart.range_buttons.buttons()) - 1).text() == "Всё"
    assert chart.unit_label("KGS") == "Долларов США за KGS"


def test_the_find_bar_in_russian(window: MainWindow) -> None:
    assert window.find_bar.edit.placeholderText() == "Найти в тексте"
    assert window.find_bar.close_button.accessibleName() == "Закрыть поиск"


def test_the_article_version_bar_in_russian(window: MainWindow) -> None:
    bar = window.full_articles.bar
    assert (bar.feed_button.text(), bar.full_button.text()) == ("Из ленты", "Полный текст")
    assert bar.fetch_button.text() == "Загрузить полный текст"


def test_the_settings_dialog_in_russian(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    dialog = SettingsDialog(window.tasks, library.data_dir, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded is not None, timeout=5000)
    assert dialog.windowTitle() == "Настройки"
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs == ["&Синхронизация", "&Курсы", "Вн&ешний вид", "&Данные"]
    assert dialog.open_folder.text() == "&Открыть папку"
    theme_box = dialog.fields["ui.theme"].widget
    assert isinstance(theme_box, QComboBox) and theme_box.itemText(0) == "Как в системе"
    interval = dialog.fields["sync.interval_minutes"].widget
    assert isinstance(interval, QSpinBox) and interval.suffix() == " мин"
