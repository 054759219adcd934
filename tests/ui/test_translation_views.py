"""The Russian interface of the bookmarks window, the export dialog, the rates dialogs and the
article pane (reader/ui/i18n.py): their strings translated, the core's English sentences
translated at the UI's edge."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.core.errors import _ERRNO_WORDS, CannotWrite
from reader.core.export import ExportCancelled, ExportError
from reader.core.library import Library
from reader.core.seed import SECTIONS
from reader.core.types import StoryQuery
from reader.ui import i18n
from reader.ui.app import settings_for
from reader.ui.bookmark_actions import BookmarkEditDialog
from reader.ui.error_text import WORDS, error_text
from reader.ui.main_window import MainWindow
from reader.ui.pane_words import SECTION_NAMES
from reader.ui.rates_dialogs import ConverterDialog, CurrencyListDialog
from reader.ui.story_model import row_text
from reader.ui.welcome import show_welcome
from tests.helpers import add_source, add_story

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
# Said the same in every language: names, file formats.
PROPER_NAMES = ("Steppe Reader", "Markdown (CommonMark)", "CommonMark", "Markdown", "steppe-export")
ALLOWED = re.compile(
    r"https?://\S+"  # addresses
    r"|\b(?:Ctrl|Shift|Alt|Meta|Esc|Space|Enter|F\d+)\b(?:\+\w+)*"  # shortcuts
    r"|\b[A-Z]{2,4}\d?\b"  # currency and country codes, format names (PDF, EPUB 3, CSV, HTML, A4)
    r"|#\S+"  # a user's tags
    r"|\.[a-z]{2,4}\b"  # file suffixes (.md)
)


def test_every_errno_word_of_the_core_has_a_translation() -> None:
    assert set(_ERRNO_WORDS.values()) <= WORDS


def test_the_cores_export_errors_in_russian(russian: None) -> None:
    assert error_text(CannotWrite(Path("/tmp/x/out.csv"), "the folder /tmp/x does not exist")) == (
        "Не удаётся записать /tmp/x/out.csv: папки /tmp/x не существует"
    )
    assert error_text(CannotWrite(Path("/o.json"), "the disk is full; nothing was written")) == (
        "Не удаётся записать /o.json: диск заполнен; ничего не записано"
    )
    assert error_text(ExportCancelled()) == "Экспорт прерван; ничего не записано"
    assert error_text(ExportError("Nothing to export: no story matches")).startswith("Экспортировать нечего")
    # A sentence the table does not know is shown as the core wrote it, not dropped.
    assert error_text(CannotWrite(Path("/o"), "something new")) == "Не удаётся записать /o: something new"


def test_the_cores_errors_stay_english_in_english(qapp: QApplication) -> None:
    i18n.install_translators(qapp, "en")
    error = CannotWrite(Path("/tmp/x/out.csv"), "the folder /tmp/x does not exist")
    assert error_text(error) == "Cannot write /tmp/x/out.csv: the folder /tmp/x does not exist"


def test_the_article_pane_says_its_notes_in_russian_and_leaves_the_story_as_written(
    qtbot: QtBot, library: Library, russian: None
) -> None:
    body = "<p>The ministry set aside 20.6 billion tenge for the canal.</p>"
    published = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
    source = add_source(library)
    story_id = add_story(library, source, "A canal budget", body, published, countries=["KZ"])
    window = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(window)
    window.open_story(story_id)
    qtbot.waitUntil(lambda: window.article.story_id == story_id, timeout=10000)
    text = window.article.toPlainText()
    assert "The ministry set aside 20.6 billion tenge for the canal." in text  # the story's own words
    assert "A canal budget" in text
    assert "Валютный контекст · добавлен Steppe Reader, не часть новости" in text
    assert "по курсу на 29 сент. 2026" in text and "новость от 01 дек. 2026" in text
    assert re.search(r"≈ \$\d+,\d млн", text), text  # dollars in Russian numbers and words
    assert "Казахстан" in text and "Currency context" not in text and "at the rate" not in text
    row = window.model.row_of(story_id)
    assert row is not None
    assert window.model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole).startswith("Не прочитано")
    window.tasks.wait_idle()


def test_sections_and_countries_are_named_in_russian_in_the_pane_and_the_filters(
    qtbot: QtBot, library: Library, russian: None
) -> None:
    assert list(SECTION_NAMES) == [name for _slug, name in SECTIONS]  # a new section needs a name here
    page = library.stories.page(StoryQuery(sections=("economy",)), limit=1)
    story = page.stories[0]
    window = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(window)
    window.open_story(story.id)
    qtbot.waitUntil(lambda: window.article.story_id == story.id, timeout=10000)
    text = window.article.toPlainText()
    assert "Экономика" in text and "Economy" not in text
    qtbot.waitUntil(lambda: window.filter_bar.section.count() > 1, timeout=10000)
    sections = [window.filter_bar.section.itemText(i) for i in range(1, window.filter_bar.section.count())]
    countries = [window.filter_bar.country.itemText(i) for i in range(1, window.filter_bar.country.count())]
    assert any(s.startswith("Экономика (") for s in sections), sections
    assert any(c.startswith("Казахстан (") for c in countries), countries
    assert not [t for t in sections + countries if re.match(r"[A-Za-z]", t)]
    window.tasks.wait_idle()


def test_the_story_list_says_summary_only_and_sample_in_russian(library: Library, russian: None) -> None:
    page = library.stories.page(StoryQuery(), limit=5)
    sample = next(s for s in page.stories if s.is_sample)
    text = row_text(dataclasses.replace(sample, summary_only=True, source_name="Kun.uz"))
    assert "Kun.uz (пример)" in text.meta and "только анонс" in text.meta


@functools.cache
def english_sources() -> frozenset[str]:
    """The .ts's English sources without their accelerators, read once per run."""
    tree = ET.parse(I18N / "steppe_ru.ts")
    return frozenset((m.findtext("source") or "").replace("&", "") for m in tree.getroot().iter("message"))


def shown_texts(top: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) of every string a user sees or hears in `top`'s visible widget tree."""
    yield "window title", top.windowTitle()
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        where = f"{type(widget).__name__} {widget.objectName() or ''}".strip()
        if isinstance(widget, QLabel):
            yield where, re.sub(r"<[^>]+>", "", widget.text())
        if isinstance(widget, QAbstractButton):
            yield where, widget.text()
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            yield f"{where} placeholder", widget.placeholderText()
        if isinstance(widget, QComboBox):
            yield from ((f"{where} item", widget.itemText(i)) for i in range(widget.count()))
        if isinstance(widget, QTabWidget):
            yield from ((f"{where} tab", widget.tabText(i)) for i in range(widget.count()))
        if isinstance(widget, QListWidget):
            yield from ((f"{where} item", widget.item(i).text()) for i in range(widget.count()))
        if isinstance(widget, (QTableView, QTreeView)) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount(QModelIndex())):
                yield f"{where} header", str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        if isinstance(widget, QProgressBar):
            yield f"{where} format", widget.format()
        yield f"{where} tooltip", widget.toolTip()
        yield f"{where} accessible name", widget.accessibleName()
        yield f"{where} accessible description", widget.accessibleDescription()


def untranslated(top: QWidget, content: tuple[str, ...] = ()) -> list[str]:
    """The strings of `top` left in English: a source string of the .ts, or a Latin word left
    once names, codes, shortcuts, addresses and `content` (a story's title, a path) are taken out."""
    sources = english_sources()
    found = []
    for where, raw in shown_texts(top):
        text = raw.replace("&", "").strip()
        if not text:
            continue
        rest = text
        for kept in (*content, *PROPER_NAMES):
            rest = rest.replace(kept, " ")
        rest = ALLOWED.sub(" ", rest)
        if (text in sources and rest.strip()) or re.search(r"[A-Za-z]{2,}", rest):
            found.append(f"{where}: {raw!r}")
    return found


def accelerators(top: QWidget) -> list[str]:
    """The Alt+letter keys of `top`'s visible labels and buttons, lower-cased."""
    keys = []
    for widget in [*top.findChildren(QLabel), *top.findChildren(QAbstractButton)]:
        found = re.search(r"&([^&\s])", widget.text().replace("&&", ""))
        if found and widget.isVisibleTo(top):
            keys.append(found.group(1).lower())
    return keys


def assert_unique_accelerators(top: QWidget) -> None:
    keys = accelerators(top)
    assert keys and len(keys) == len(set(keys)), keys


@pytest.fixture
def window(qtbot: QtBot, library: Library, russian: None) -> Iterator[MainWindow]:
    win = MainWindow(library, settings_for(library.data_dir))
    qtbot.addWidget(win)
    yield win
    win.tasks.wait_idle()


def test_the_bookmarks_window_and_editor_are_in_russian(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    library.bookmarks.edit(3, note="bond yields", tags=["money"])
    library.bookmarks.edit(7, tags=["culture"])
    window.bookmark_actions.open_bookmarks()
    view = window.bookmark_actions.view
    assert view is not None
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and view.title.text() != "Выберите закладку")
    titles = tuple(library.stories.get(i).title for i in (3, 7))
    assert untranslated(view, titles) == []
    assert len([text for _where, text in shown_texts(view) if text]) >= 25  # the tree was walked
    assert_unique_accelerators(view)
    assert view.count_label.text() == "2 закладки"
    assert view.windowTitle() == "Закладки — Steppe Reader"
    editor = BookmarkEditDialog(titles[0], "bond yields", ("money",), window)
    qtbot.addWidget(editor)
    editor.show()
    assert untranslated(editor, titles) == []
    assert_unique_accelerators(editor)
    assert untranslated(window.bookmark_actions.panel) == []  # the saved searches beside the list
    view.close()


def test_the_export_dialog_is_in_russian(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    library.bookmarks.edit(4, note="n")
    window.story_list.open_row(0)
    qtbot.waitUntil(lambda: window.article.story_id is not None, timeout=10000)
    dialog = window.bookmark_actions.open_export()
    qtbot.waitUntil(lambda: dialog.scope_buttons["bookmarks"].text() == "Все закладки (1)", timeout=10000)
    title = library.stories.get(window.article.story_id).title
    content = (title[:60], dialog.destination.text())
    for index in range(dialog.format.count()):  # every format's hint
        dialog.format.setCurrentIndex(index)
        assert untranslated(dialog, content) == [], dialog.format.currentText()
    assert_unique_accelerators(dialog)
    dialog._set_running(True)  # the running state's Cancel
    assert dialog.close_button.text() == "Отмена" and untranslated(dialog, content) == []
    dialog._set_running(False)
    assert dialog.close_button.text() == "Закрыть"
    dialog.close()


def test_the_rates_dialogs_are_in_russian(qtbot: QtBot, window: MainWindow, library: Library) -> None:
    converter = ConverterDialog(window.tasks, window)
    qtbot.addWidget(converter)
    converter.show()
    qtbot.waitUntil(lambda: converter.last is not None, timeout=10000)
    assert untranslated(converter) == []
    assert_unique_accelerators(converter)
    assert converter.from_currency.currentText() == "KZT — Казахстанский тенге"
    assert converter.amount.text() == "1\u00a0000"  # the locale's number, read back by the parser
    assert "курсы на" in converter.detail.text()
    converter.latest.setChecked(False)
    converter.amount.setText("много")
    qtbot.waitUntil(lambda: converter.result_label.text().startswith("Введите сумму"), timeout=10000)
    assert untranslated(converter) == []
    chooser = CurrencyListDialog(library.rates.currencies(), ["KZT", "UZS"], window)
    qtbot.addWidget(chooser)
    chooser.show()
    assert untranslated(chooser) == []
    window.tasks.wait_idle()


def test_the_sources_dialog_and_the_welcome_are_in_russian(
    qtbot: QtBot, window: MainWindow, library: Library
) -> None:
    window.sync_controller.show_sources()
    dialog = window.sync_controller.sources_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10000)
    names = tuple(dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount()))
    assert untranslated(dialog, names) == []
    assert len([text for _where, text in shown_texts(dialog) if text]) >= 25  # the tree was walked
    assert_unique_accelerators(dialog)
    assert dialog.windowTitle().startswith("Источники")
    assert [dialog.full_combo.itemText(i) for i in range(3)] == ["Автоматически", "Всегда", "Никогда"]
    dialog.close()
    welcome = show_welcome(library.data_dir, window)
    qtbot.waitExposed(welcome)
    assert untranslated(welcome, (str(library.data_dir),)) == []
    assert_unique_accelerators(welcome)
    welcome.close()


def test_the_sync_problems_dialog_and_the_shortcuts_sheet_are_in_russian(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.sync_controller.show_errors()  # before any sync: what the status says, in Russian
    dialog = window.sync_controller.errors_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert untranslated(dialog) == []
    assert dialog.heading.text().startswith("С запуска программы синхронизации не было.")
    assert [dialog.tree.headerItem().text(i) for i in range(3)] == ["Источник", "Проблема", "Адрес"]
    assert_unique_accelerators(dialog)
    dialog.close()
    window.show_shortcuts()
    sheet = window.shortcuts_sheet
    assert sheet is not None
    text = sheet.text.toPlainText()
    assert sheet.windowTitle() == "Сочетания клавиш"
    assert "В списке новостей Enter открывает новость" in text and "Story" not in text
    assert "Следующая новость" in text  # the window's own menus, in Russian
    sheet.close()
