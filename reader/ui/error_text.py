"""The core's error sentences in the interface's language.

reader/core has no Qt, so its errors speak English (the CLI's language). The window shows them
through here: a known sentence, or a known pattern with a path or a name in it, is translated;
anything else is shown as the core wrote it, never hidden.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from reader.core.errors import CannotWrite

_CONTEXT = "ErrorText"

# reader.core.errors' words for an errno and safe_write's fixed reasons, as the core writes them.
WORDS = frozenset(
    str(text)
    for text in (
        QT_TRANSLATE_NOOP("ErrorText", "the disk is full"),
        QT_TRANSLATE_NOOP("ErrorText", "the disk quota is used up"),
        QT_TRANSLATE_NOOP("ErrorText", "permission denied"),
        QT_TRANSLATE_NOOP("ErrorText", "the operation is not permitted"),
        QT_TRANSLATE_NOOP("ErrorText", "the disk is read-only"),
        QT_TRANSLATE_NOOP("ErrorText", "no such file or folder"),
        QT_TRANSLATE_NOOP("ErrorText", "a part of the path is a file, not a folder"),
        QT_TRANSLATE_NOOP("ErrorText", "it is a folder, not a file"),
        QT_TRANSLATE_NOOP("ErrorText", "it already exists"),
        QT_TRANSLATE_NOOP("ErrorText", "the name is too long"),
        QT_TRANSLATE_NOOP("ErrorText", "the file grew too large"),
        QT_TRANSLATE_NOOP("ErrorText", "the disk reported an input/output error"),
        QT_TRANSLATE_NOOP("ErrorText", "too many symbolic links"),
        QT_TRANSLATE_NOOP("ErrorText", "too many files are open"),
        QT_TRANSLATE_NOOP("ErrorText", "it is in use"),
        QT_TRANSLATE_NOOP("ErrorText", "no such device"),
        QT_TRANSLATE_NOOP("ErrorText", "it is on another disk"),
        QT_TRANSLATE_NOOP("ErrorText", "the name is not valid there"),
        QT_TRANSLATE_NOOP("ErrorText", "the computer is out of memory"),
        QT_TRANSLATE_NOOP("ErrorText", "the folder is not empty"),
        QT_TRANSLATE_NOOP("ErrorText", "the name contains a NUL character"),
        QT_TRANSLATE_NOOP("ErrorText", "that is a folder; give a file name"),
        QT_TRANSLATE_NOOP("ErrorText", "that is a folder; give a file name inside it"),
        QT_TRANSLATE_NOOP("ErrorText", "that is a device or a pipe, not a file; give a file name"),
        QT_TRANSLATE_NOOP(
            "ErrorText",
            "the folder holds files of its own; only a folder of a Markdown export is replaced "
            "(choose a new or empty folder)",
        ),
        QT_TRANSLATE_NOOP("ErrorText", "Nothing to export: no story matches"),
    )
)

# Sentences with a path in them: the core's pattern and the words with %1 for the path.
PATTERNS = (
    (r"(.+) is a file, not a folder", QT_TRANSLATE_NOOP("ErrorText", "%1 is a file, not a folder")),
    (r"the folder (.+) does not exist", QT_TRANSLATE_NOOP("ErrorText", "the folder %1 does not exist")),
    (
        r"the folder (.+) does not take new files",
        QT_TRANSLATE_NOOP("ErrorText", "the folder %1 does not take new files"),
    ),
    (
        r"permission denied: the folder (.+) does not let you write in it",
        QT_TRANSLATE_NOOP("ErrorText", "permission denied: the folder %1 does not let you write in it"),
    ),
    (
        r"the folder (.+) is on a read-only disk",
        QT_TRANSLATE_NOOP("ErrorText", "the folder %1 is on a read-only disk"),
    ),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def reason_text(reason: str) -> str:
    """A reason of the core (why a file cannot be written, what an errno means) translated."""
    if reason in WORDS:
        return _tr(reason)
    if reason.endswith("; nothing was written"):
        inner = reason_text(reason.removesuffix("; nothing was written"))
        return QCoreApplication.translate("ErrorText", "%1; nothing was written").replace("%1", inner)
    for pattern, words in PATTERNS:
        found = re.fullmatch(pattern, reason)
        if found:
            return _tr(str(words)).replace("%1", found.group(1))
    found = re.fullmatch(r"(.+) \((.+)\)", reason)  # describe_os_error's "words (file)"
    if found and found.group(1) in WORDS:
        return f"{_tr(found.group(1))} ({found.group(2)})"
    return reason  # a sentence this table does not know: the core's English, not nothing


def error_text(error: BaseException) -> str:
    """A ReaderError's message in the interface's language, as a sentence."""
    from reader.core.export import ExportCancelled  # here: the exporters load with an export

    if isinstance(error, ExportCancelled):
        text = QCoreApplication.translate("ErrorText", "Export cancelled; nothing was written")
    elif isinstance(error, CannotWrite):
        text = (
            QCoreApplication.translate("ErrorText", "Cannot write %1: %2")
            .replace("%1", str(error.path))
            .replace("%2", reason_text(error.reason))
        )
    else:
        text = reason_text(str(error))
    return text[:1].upper() + text[1:]
