"""The status bar's account of the cache: stories, unread, bookmarked, samples, and the rates'
date and last check, from the Library's one status (Library.status(), which `steppe status`
prints with the same words). The last sync is the sync controller's label, beside it, from the
same status: each fact is said once, in one place.

It reloads itself when a write changes what it counts; no other code refreshes it. Its words are
the core's in English and go through tr() (dates and numbers in the interface's QLocale); the
CLI keeps the core's own."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QSize, Qt, QTime, Signal
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from reader.core.types import Changes, DataState, LibraryStatus
from reader.core.types.rates import provider_name
from reader.ui import operations
from reader.ui.tasks import TaskManager


class ElidedLabel(QLabel):
    """One line that ends in "…" where its room ends, never in the middle of a glyph; text() stays
    whole (the tooltip and the accessibility tree read it). It asks for no minimum width, so a
    status bar can give the room to a passing message."""

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        QPainter(self).drawText(rect, int(self.alignment()), shown)


class CountLine(ElidedLabel):
    """The list's count line ("Showing 1–50 of about 43,700 stories · best matches among the
    newest 1,000"): as wide as the list lets it be, ending in "…" there, whole in its tooltip. A
    plain QLabel asks for its whole text as its minimum width, which made the window wider than
    a 1024-pixel screen once a search had a long line."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setToolTip(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)


class StateLabel(ElidedLabel):
    status_loaded = Signal(object)  # LibraryStatus, each time it is read

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self.status: LibraryStatus | None = None
        self.setAccessibleName(self.tr("What the cache holds"))
        # It shrinks (ending in "…", whole in its tooltip) rather than widening the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(0)
        tasks.changes.connect(self.on_changes)
        self.reload()

    def reload(self) -> None:
        operations.load_status().success(lambda loaded: self.show_state(*loaded)).run(self._tasks)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.stories or changes.read_state or changes.bookmarks or changes.sources or changes.rates:
            self.reload()

    def show_state(self, state: DataState, status: LibraryStatus | None = None) -> None:
        self.status = status
        text = self.counts_text(state)
        if status is not None:
            text += f" · {rates_text(status)}"
        self.setText(text)
        self.setToolTip(text)
        if status is not None:
            self.status_loaded.emit(status)

    def counts_text(self, state: DataState) -> str:
        """ "120 stories · 30 unread · 1 bookmarked" (DataState.counts_text, translated)."""
        number = QLocale().toString
        parts = [
            self.tr("%Ln stories", "", state.story_count),
            self.tr("%1 unread").replace("%1", number(state.unread_count)),
            self.tr("%1 bookmarked").replace("%1", number(state.bookmark_count)),
        ]
        if state.sample_story_count:
            parts.append(self.tr("sample data: %Ln sample stories", "", state.sample_story_count))
        return " · ".join(parts)


def rates_text(status: LibraryStatus) -> str:
    """ "Rates of 29 Sep 2026, checked 02 Dec 18:41" (LibraryStatus.rates_text, translated)."""
    if status.rates_as_of is None:
        return QCoreApplication.translate("StateLabel", "No rates stored")
    day = status.rates_as_of
    text = QCoreApplication.translate("StateLabel", "Rates of %1").replace(
        "%1", QLocale().toString(QDate(day.year, day.month, day.day), "dd MMM yyyy")
    )
    if status.rates_offline and status.rates_attempt_at is not None:
        if status.rates_provider:
            who = provider_name(status.rates_provider)
        else:
            who = QCoreApplication.translate("StateLabel", "the provider")
        return (
            QCoreApplication.translate("StateLabel", "%1 · %2 offline since %3")
            .replace("%1", text)
            .replace("%2", who.split(" (")[0])
            .replace("%3", when(status.rates_attempt_at))
        )
    if status.rates_checked_at is not None:
        return (
            QCoreApplication.translate("StateLabel", "%1, checked %2")
            .replace("%1", text)
            .replace("%2", when(status.rates_checked_at))
        )
    return text


def when(moment: dt.datetime) -> str:
    """A moment in local time, "02 Dec 18:40", in the interface's language."""
    local = moment.astimezone()
    stamp = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    return QLocale().toString(stamp, "dd MMM HH:mm")
