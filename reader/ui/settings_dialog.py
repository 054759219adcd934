"""File → Settings…: every option of the typed settings table (reader/core/types/settings.py)
in one form, grouped Sync / Rates / Appearance / Data.

The form is built from OPTIONS, one widget per option type, so an option added to the table
shows up here without a change. The values are read and saved by operations on the task
manager, never on the GUI thread; each typed value is checked by its own option as it is
typed, and OK stays disabled while one does not fit, with the option's own sentence saying
what does. Saving announces one `Changes`; the window's parts that follow a setting (the
theme, the sync schedule, the rates sidebar) react to it by themselves.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.errors import InvalidSetting, ReaderError
from reader.core.types import Changes
from reader.core.types.rates import PROVIDER_NAMES
from reader.core.types.settings import (
    OPTIONS,
    BoolOption,
    ChoiceOption,
    IntOption,
    ListOption,
    Option,
    UrlOption,
)
from reader.ui import operations, theme
from reader.ui.tasks import TaskManager

log = logging.getLogger(__name__)

GROUPS = (
    ("sync.", QT_TRANSLATE_NOOP("SettingsDialog", "&Sync")),
    ("rates.", QT_TRANSLATE_NOOP("SettingsDialog", "&Rates")),
    ("ui.", QT_TRANSLATE_NOOP("SettingsDialog", "&Appearance")),
)
LABELS = {
    "sync.interval_minutes": QT_TRANSLATE_NOOP("SettingsDialog", "Sync &every"),
    "sync.retention_days": QT_TRANSLATE_NOOP("SettingsDialog", "&Keep stories for"),
    "sync.notify": QT_TRANSLATE_NOOP("SettingsDialog", "&Notify"),
    "rates.refresh_minutes": QT_TRANSLATE_NOOP("SettingsDialog", "Refresh rates &every"),
    "rates.providers": QT_TRANSLATE_NOOP("SettingsDialog", "&Providers"),
    "rates.sidebar_currencies": QT_TRANSLATE_NOOP("SettingsDialog", "Sidebar &currencies"),
    "rates.sidebar_inverse": QT_TRANSLATE_NOOP("SettingsDialog", "Sidebar &form"),
    "ui.theme": QT_TRANSLATE_NOOP("SettingsDialog", "&Theme"),
    "ui.language": QT_TRANSLATE_NOOP("SettingsDialog", "&Language"),
}
CHECK_TEXT = {
    "sync.notify": QT_TRANSLATE_NOOP(
        "SettingsDialog", "Show a desktop notification when a sync brings new stories"
    ),
    "rates.sidebar_inverse": QT_TRANSLATE_NOOP(
        "SettingsDialog", 'Show "1 USD = … units" instead of "CUR/USD = …"'
    ),
}
CHOICE_TEXT = {
    "system": QT_TRANSLATE_NOOP("SettingsDialog", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("SettingsDialog", "Light"),
    "dark": QT_TRANSLATE_NOOP("SettingsDialog", "Dark"),
    "en": QT_TRANSLATE_NOOP("SettingsDialog", "English"),
    "ru": QT_TRANSLATE_NOOP("SettingsDialog", "Russian (русский)"),
}
ZERO_TEXT = {
    "sync.interval_minutes": QT_TRANSLATE_NOOP("SettingsDialog", "Only on F5"),
    "sync.retention_days": QT_TRANSLATE_NOOP("SettingsDialog", "Forever"),
}
URL_NOTE = QT_TRANSLATE_NOOP(
    "SettingsDialog",
    "Each provider's URLs replace its own, tried in order, separated by spaces; {date} is latest "
    "or YYYY-MM-DD (also {iso} {dmy} {dmy_slash} {dmy_compact} {year}). Empty: the provider's own.",
)
AFTER = {"ui.language": QT_TRANSLATE_NOOP("SettingsDialog", "Takes effect at the next start.")}


def tr(text: object) -> str:
    return QCoreApplication.translate("SettingsDialog", str(text))


def label_of(option: Option[Any]) -> str:
    if option.name in LABELS:
        return tr(LABELS[option.name])
    if isinstance(option, UrlOption):
        key = option.name.removeprefix("rates.url.")
        return QCoreApplication.translate("SettingsDialog", "%1 URLs").replace(
            "%1", PROVIDER_NAMES.get(key, key)
        )
    return option.name


class Field:
    """One option's widget: shows a value, gives back a checked one or the reason it does not fit."""

    def __init__(self, option: Option[Any]) -> None:
        self.option = option
        self.widget: QWidget
        if isinstance(option, BoolOption):
            self.widget = QCheckBox(
                tr(CHECK_TEXT[option.name]) if option.name in CHECK_TEXT else option.description
            )
        elif isinstance(option, IntOption):
            box = QSpinBox()
            box.setRange(option.minimum, option.maximum)
            unit = option.name.rsplit("_", 1)[-1]
            suffixes = {
                "minutes": QCoreApplication.translate("SettingsDialog", " minutes"),
                "days": QCoreApplication.translate("SettingsDialog", " days"),
            }
            box.setSuffix(suffixes.get(unit, ""))
            if option.name in ZERO_TEXT and option.minimum == 0:
                box.setSpecialValueText(tr(ZERO_TEXT[option.name]))
            self.widget = box
        elif isinstance(option, ChoiceOption):
            combo = QComboBox()
            for choice in option.choices:
                combo.addItem(tr(CHOICE_TEXT[choice]) if choice in CHOICE_TEXT else choice, choice)
            self.widget = combo
        else:  # a list or URL templates: typed as the command line takes them
            edit = QLineEdit()
            if isinstance(option, UrlOption):
                edit.setPlaceholderText(
                    QCoreApplication.translate(
                        "SettingsDialog", "The provider's own (or https://… templates, separated by spaces)"
                    )
                )
            self.widget = edit
        self.widget.setAccessibleName(label_of(option).replace("&", ""))
        self.widget.setAccessibleDescription(f"{option.description}; {option.kind}")
        self.widget.setToolTip(f"{option.description} ({option.kind})")
        self.widget.setObjectName(option.name)

    def set_value(self, value: Any) -> None:
        w = self.widget
        if isinstance(w, QCheckBox):
            w.setChecked(bool(value))
        elif isinstance(w, QSpinBox):
            w.setValue(int(value))
        elif isinstance(w, QComboBox):
            w.setCurrentIndex(max(0, w.findData(value)))
        elif isinstance(w, QLineEdit):
            sep = " " if isinstance(self.option, UrlOption) else ", "
            w.setText(sep.join(value))

    def value(self) -> Any:
        """The checked value; InvalidSetting if what is typed does not fit."""
        w = self.widget
        if isinstance(w, QCheckBox):
            return w.isChecked()
        if isinstance(w, QSpinBox):
            return self.option.check(w.value())
        if isinstance(w, QComboBox):
            return self.option.check(w.currentData())
        assert isinstance(w, QLineEdit) and isinstance(self.option, ListOption)
        return self.option.parse(w.text())


# The article's text sizes, as the View menu steps through them (Ctrl+plus, Ctrl+minus, Ctrl+0):
# the step (-2 … 4) and its scale. Kept in the window's own settings (window.ini), not in OPTIONS.
TEXT_SCALES = (0.8, 0.9, 1.0, 1.12, 1.25, 1.4, 1.6)
TEXT_STEPS = range(-2, len(TEXT_SCALES) - 2)


class SettingsDialog(QDialog):
    text_size_chosen = Signal(int)  # OK with another text size: its step
    sources_requested = Signal()  # "Sources…": the window opens its Sources dialog

    def __init__(
        self, tasks: TaskManager, data_dir: Path, parent: QWidget | None = None, text_step: int = 0
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.tasks = tasks
        self.data_dir = Path(data_dir)
        self.loaded: dict[str, Any] | None = None  # the values as read: OK saves only what differs
        self.fields: dict[str, Field] = {}
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Settings groups"))
        forms: dict[str, QFormLayout] = {}
        for prefix, title in GROUPS:
            page = QWidget()
            forms[prefix] = QFormLayout(page)
            # A number or a choice keeps its own width; addresses and lists take the row.
            forms[prefix].setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            self.tabs.addTab(page, tr(title))
        for option in OPTIONS:
            field = Field(option)
            self.fields[option.name] = field
            prefix = next((p for p, _ in GROUPS if option.name.startswith(p)), GROUPS[0][0])
            if isinstance(option, UrlOption) and not any(
                isinstance(f.option, UrlOption) for f in self.fields.values() if f is not field
            ):
                forms[prefix].addRow(note := QLabel(tr(URL_NOTE)))
                note.setWordWrap(True)
            label = QLabel(label_of(option))
            label.setBuddy(field.widget)
            forms[prefix].addRow(label, field.widget)
            if option.name in AFTER:
                forms[prefix].addRow("", QLabel(tr(AFTER[option.name])))
            if isinstance(field.widget, QLineEdit):
                field.widget.textChanged.connect(self.on_field_edited)
        # The sources themselves live in the cache and have their own dialog (add, rename, OPML):
        # the Sync tab opens it rather than repeating it.
        self.sources_button = QPushButton(self.tr("S&ources…"))
        self.sources_button.setAccessibleDescription(
            self.tr("Open the Sources dialog: add, rename, disable or remove sources, import or export OPML")
        )
        self.sources_button.clicked.connect(self.sources_requested)
        sources_label = QLabel(self.tr("Feeds"))
        forms["sync."].addRow(sources_label, self.sources_button)
        self.text_step = text_step if text_step in TEXT_STEPS else 0
        self.text_size = QComboBox()
        for step in TEXT_STEPS:
            self.text_size.addItem(QLocale().toString(round(TEXT_SCALES[step + 2] * 100)) + " %", step)
        self.text_size.setCurrentIndex(max(0, self.text_size.findData(self.text_step)))
        self.text_size.setAccessibleName(self.tr("Text size"))
        self.text_size.setAccessibleDescription(
            self.tr("The size of the article's text (also View → Bigger text, Ctrl++)")
        )
        label = QLabel(self.tr("Te&xt size"))
        label.setBuddy(self.text_size)
        forms["ui."].addRow(label, self.text_size)
        self.tabs.addTab(self._data_page(), self.tr("&Data"))

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Problem"))
        theme.style(self.error, "color: {warning};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(False)  # until the values arrive
        self.buttons.accepted.connect(self.on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(720, 480)  # fits a 1024x700 screen with room to spare
        self.load()

    def _data_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.folder = QLineEdit(str(self.data_dir))
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(self.tr("Data folder"))
        self.folder.setAccessibleDescription(self.tr("Where the stories, rates and settings are kept"))
        self.open_folder = QPushButton(self.tr("&Open folder"))
        self.open_folder.setAccessibleDescription(self.tr("Show the data folder in the file manager"))
        self.open_folder.clicked.connect(self.on_open_folder_clicked)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.open_folder)
        label = QLabel(self.tr("Data &folder"))
        label.setBuddy(self.folder)
        form.addRow(label, row)
        note = QLabel(
            self.tr("Stories, rates, settings and the log live here (start with --data-dir to use another).")
        )
        note.setWordWrap(True)
        form.addRow("", note)
        return page

    def load(self) -> None:
        operations.load_settings(OPTIONS).success(self.on_loaded).failure(self.on_failed).run(self.tasks)

    def on_loaded(self, values: dict[str, Any]) -> None:
        if not shiboken6.isValid(self):
            return  # closed before the values came
        self.loaded = values
        for name, field in self.fields.items():
            field.set_value(values[name])
        self.check()

    def on_failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        if isinstance(error, ReaderError | OSError):
            self.error.setText(self.tr("Could not read or save the settings: %1").replace("%1", str(error)))
        else:  # a bug: the traceback to the log, a sentence here
            log.error("Settings failed", exc_info=error)
            self.error.setText(
                self.tr("Could not read or save the settings (an internal error: %1).").replace(
                    "%1", repr(error)
                )
            )
        self.ok.setEnabled(self.loaded is not None)

    @Slot()
    def on_field_edited(self) -> None:
        self.check()

    def check(self) -> list[tuple[Option[Any], object]] | None:
        """What OK would save (the changed values), or None with the problem shown and OK disabled."""
        changed: list[tuple[Option[Any], object]] = []
        problems: list[str] = []
        for name, field in self.fields.items():
            try:
                value = field.value()
            except InvalidSetting as error:
                problems.append(f"{label_of(field.option).replace('&', '')}: {error}")
                continue
            if self.loaded is not None and value != self.loaded[name]:
                changed.append((field.option, value))
        self.error.setText("\n".join(problems))
        self.ok.setEnabled(self.loaded is not None and not problems)
        return None if problems else changed

    @Slot()
    def on_ok_clicked(self) -> None:
        changed = self.check()
        if changed is None or self.loaded is None:
            return
        step = self.text_size.currentData()
        if step != self.text_step:
            self.text_step = step
            self.text_size_chosen.emit(step)  # the window's own setting: applied at once
        if not changed:
            self.accept()
            return
        self.ok.setEnabled(False)
        operations.save_settings(changed).success(self.on_saved).failure(self.on_failed).run(
            self.tasks, initiator=self
        )

    def on_saved(self, _changes: Changes) -> None:
        if not shiboken6.isValid(self):
            return
        self.accept()

    @Slot()
    def on_open_folder_clicked(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))
