"""The filter bar above the story list: search, country, section, source, dates, unread, bookmarked."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reader.core.errors import InvalidSearchQuery
from reader.core.search import to_fts_query
from reader.core.types import Facet, SortOrder, SourceInfo, StoryQuery

SEARCH_DELAY_MS = 300


class FilterBar(QWidget):
    filters_changed = Signal(object)  # StoryQuery
    search_rejected = Signal(str)  # why the search text is not a valid query

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search stories  (Ctrl+F)", clearButtonEnabled=True)
        self.search.setMinimumWidth(220)
        self.country, self.section, self.source = QComboBox(), QComboBox(), QComboBox()
        self.use_dates = QCheckBox("Dates")
        self.use_dates.setToolTip("Only stories published between these dates")
        self.since, self.until = QDateEdit(), QDateEdit()
        for widget, name in (
            (self.search, "Search stories"),
            (self.country, "Country"),
            (self.section, "Section"),
            (self.source, "Source"),
            (self.since, "From date"),
            (self.until, "To date"),
        ):
            widget.setAccessibleName(name)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        today = QDate.currentDate()
        self.since.setDate(today.addYears(-1))
        self.until.setDate(today)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        self.unread = QCheckBox("&Unread")
        self.bookmarked = QCheckBox("&Bookmarked")
        self.clear = QPushButton("Clear")
        self.clear.setToolTip("Clear all filters  (Ctrl+Shift+L)")
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.search, 3)
        for combo in (self.country, self.section, self.source):
            layout.addWidget(combo, 1)
        for other in (self.use_dates, self.since, self.until, self.unread, self.bookmarked, self.clear):
            layout.addWidget(other)
        self.set_facets([], [], [])
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.on_search_committed)
        self._search_timer.timeout.connect(self.on_search_committed)
        for combo in (self.country, self.section, self.source):
            combo.currentIndexChanged.connect(self.on_filter_edited)
        self.use_dates.toggled.connect(self.on_dates_toggled)
        self.since.dateChanged.connect(self.on_filter_edited)
        self.until.dateChanged.connect(self.on_filter_edited)
        self.unread.toggled.connect(self.on_filter_edited)
        self.bookmarked.toggled.connect(self.on_filter_edited)
        self.clear.clicked.connect(self.on_clear_clicked)

    def set_facets(self, countries: list[Facet], sections: list[Facet], sources: list[SourceInfo]) -> None:
        """Fill the drop-downs, keeping what is selected where it still exists."""
        self._fill(self.country, "All countries", [(f"{f.name} ({f.count})", f.key) for f in countries])
        self._fill(self.section, "All sections", [(f"{f.name} ({f.count})", f.key) for f in sections])
        self._fill(
            self.source,
            "All sources",
            [(f"{s.name} ({s.story_count})", s.id) for s in sources if s.story_count or not s.is_sample],
        )

    @staticmethod
    def _fill(combo: QComboBox, everything: str, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem(everything, None)
            for label, key in items:
                combo.addItem(label, key)
            found = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(found, 0))

    def query(self) -> StoryQuery:
        text = self.search.text().strip()
        country, section, source = (c.currentData() for c in (self.country, self.section, self.source))
        dates = self.use_dates.isChecked()
        return StoryQuery(
            text=text,
            countries=(country,) if country else (),
            sections=(section,) if section else (),
            sources=(source,) if source is not None else (),
            since=_to_date(self.since.date()) if dates else None,
            until=_to_date(self.until.date()) if dates else None,
            unread_only=self.unread.isChecked(),
            bookmarked_only=self.bookmarked.isChecked(),
            sort=SortOrder.RELEVANCE if text else SortOrder.NEWEST,
        )

    def apply_query(self, query: StoryQuery) -> None:
        """Show `query` in the bar (a saved search), then announce it once. The drop-downs hold
        one value each, so a query with several countries shows its first."""
        widgets = (self.search, self.country, self.section, self.source, self.use_dates, self.since,
                   self.until, self.unread, self.bookmarked)  # fmt: skip
        blockers = [QSignalBlocker(w) for w in widgets]
        self.search.setText(query.text)
        for combo, values in (
            (self.country, query.countries),
            (self.section, query.sections),
            (self.source, query.sources),
        ):
            found = combo.findData(values[0]) if values else 0
            combo.setCurrentIndex(max(found, 0))
        dates = query.since is not None or query.until is not None
        self.use_dates.setChecked(dates)
        if query.since is not None:
            self.since.setDate(QDate(query.since.year, query.since.month, query.since.day))
        if query.until is not None:
            self.until.setDate(QDate(query.until.year, query.until.month, query.until.day))
        self.since.setEnabled(dates)
        self.until.setEnabled(dates)
        self.unread.setChecked(query.unread_only)
        self.bookmarked.setChecked(query.bookmarked_only)
        del blockers
        self._search_timer.stop()
        self.on_search_committed()

    def set_date_range(self, since: dt.date, until: dt.date) -> None:
        with QSignalBlocker(self.since), QSignalBlocker(self.until), QSignalBlocker(self.use_dates):
            self.since.setDate(QDate(since.year, since.month, since.day))
            self.until.setDate(QDate(until.year, until.month, until.day))
            self.use_dates.setChecked(True)
            self.since.setEnabled(True)
            self.until.setEnabled(True)
        self.on_filter_edited()

    @Slot()
    def on_search_committed(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text:
            try:
                to_fts_query(text)
            except InvalidSearchQuery as exc:
                self.search.setStyleSheet("QLineEdit { border: 1px solid #c0392b; }")
                self.search.setToolTip(exc.reason)
                self.search_rejected.emit(f"Search not understood: {exc.reason}")
                return
        self.search.setStyleSheet("")
        self.search.setToolTip("")
        self.filters_changed.emit(self.query())

    @Slot()
    def on_filter_edited(self) -> None:
        self.filters_changed.emit(self.query())

    @Slot(bool)
    def on_dates_toggled(self, checked: bool) -> None:
        self.since.setEnabled(checked)
        self.until.setEnabled(checked)
        self.on_filter_edited()

    @Slot()
    def on_clear_clicked(self) -> None:
        widgets = (
            self.search,
            self.country,
            self.section,
            self.source,
            self.use_dates,
            self.unread,
            self.bookmarked,
        )
        blockers = [QSignalBlocker(w) for w in widgets]
        self.search.clear()
        for combo in (self.country, self.section, self.source):
            combo.setCurrentIndex(0)
        for box in (self.use_dates, self.unread, self.bookmarked):
            box.setChecked(False)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        del blockers
        self._search_timer.stop()
        self.on_search_committed()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
