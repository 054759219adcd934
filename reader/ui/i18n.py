"""The interface's language: Qt translators for our strings and for Qt's own, chosen by `ui.language`.

"system" follows the system's preferred languages (QLocale.system().uiLanguages()): the first of
them we have a translation for, else English. English is the source language, but it too has a
.qm: Qt's numerus ("%Ln stories") needs one to say "1 story" (lupdate -pluralonly). Dates and
numbers follow the chosen language through QLocale.setDefault; with "system", the system's locale.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from reader.core.paths import resources_dir

LANGUAGES = ("en", "ru")  # the languages there is a steppe_<lang>.qm for
log = logging.getLogger(__name__)
_installed: list[QTranslator] = []  # kept alive: Qt holds only a pointer


def resolve(choice: str, system: QLocale | None = None) -> str:
    """The language ("en" or "ru") a `ui.language` value stands for."""
    if choice in LANGUAGES:
        return choice
    for tag in (system or QLocale.system()).uiLanguages():
        language = tag.replace("_", "-").split("-")[0].lower()
        if language in LANGUAGES:
            return language
    return "en"


def qm_path(language: str) -> str:
    return str(resources_dir() / "i18n" / f"steppe_{language}.qm")


def remove_translators(app: QCoreApplication) -> None:
    while _installed:
        app.removeTranslator(_installed.pop())


def install_translators(app: QCoreApplication, choice: str) -> str:
    """Installs the translators for `choice` in place of any installed before; returns the language.

    A missing or unreadable .qm is logged and the window speaks English: never a reason not to start.
    """
    remove_translators(app)
    language = resolve(choice)
    if choice == "system":
        QLocale.setDefault(QLocale.system())
    elif QLocale.system().language().name.lower() == QLocale(language).language().name.lower():
        QLocale.setDefault(QLocale.system())  # the system's country (en_GB dates stay British)
    else:
        QLocale.setDefault(QLocale(language))
    ours = QTranslator(app)
    if ours.load(qm_path(language)):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("No translation file %s: the interface stays in English", qm_path(language))
    if language != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    return language
