"""The Russian interface of the bookmarks window, the export dialog, the rates dialogs and the
article pane (reader/ui/i18n.py): their strings translated, the core's English sentences
translated at the UI's edge."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.errors import _ERRNO_WORDS, CannotWrite
from reader.core.export import ExportCancelled, ExportError
from reader.core.library import Library
from reader.core.types import StoryQuery
from reader.ui import i18n
from reader.ui.app import settings_for
from reader.ui.error_text import WORDS, error_text
from reader.ui.main_window import MainWindow
from reader.ui.story_model import row_text
from tests.helpers import add_source, add_story


@pytest.fixture
def russian(qapp: QApplication) -> Iterator[None]:
    assert i18n.install_translators(qapp, "ru") == "ru"
    yield
    i18n.install_translators(qapp, "en")  # the other tests read English


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


def test_the_story_list_says_summary_only_and_sample_in_russian(library: Library, russian: None) -> None:
    page = library.stories.page(StoryQuery(), limit=5)
    sample = next(s for s in page.stories if s.is_sample)
    text = row_text(dataclasses.replace(sample, summary_only=True, source_name="Kun.uz"))
    assert "Kun.uz (пример)" in text.meta and "только анонс" in text.meta
