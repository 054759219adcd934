"""The Russian interface of the bookmarks window, the export dialog, the rates dialogs and the
article pane (reader/ui/i18n.py): their strings translated, the core's English sentences
translated at the UI's edge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reader.core.errors import _ERRNO_WORDS, CannotWrite
from reader.core.export import ExportCancelled, ExportError
from reader.ui import i18n
from reader.ui.error_text import WORDS, error_text


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
