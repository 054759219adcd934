"""The filter bar above the story list: search, countries, sections, sources, dates, unread,
bookmarked and the order.

The bar's state is a StoryQuery, not its widgets: a widget edit replaces only its own field, and
a saved search shown in the bar (`apply_query`) comes back exactly as it was saved, several
countries, sections and sources and its order included. The drop-downs take several values
each (tick them), and the bar loads its own facets and reloads them when stories or sources
change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QEvent,
    QObject,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QVBoxLayout,
    QWidget,
)

from reader.core.types import Changes, Facets, SortOrder, StoryQuery
from reader.ui import operations, theme
from reader.ui.pane_words import country_name, section_name
from reader.ui.tasks import TaskManager

SEARCH_DELAY_MS = 300
KEY_ROLE = Qt.ItemDataRole.UserRole + 1


# SortOrder.label's words (the CLI's), for the window in its language.
SORT_LABELS = {
    "newest": QT_TRANSLATE_NOOP("SortOrder", "Newest first"),
    "oldest": QT_TRANSLATE_NOOP("SortOrder", "Oldest first"),
    "relevance": QT_TRANSLATE_NOOP("SortOrder", "Best match"),
}


class MultiCombo(QComboBox):
    """A drop-down of checkable values; shows "All …" when none is ticked, else their names.
    The popup stays open while values are ticked (click or Space)."""

    selection_changed = Signal()

    def __init__(self, everything: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.everything = everything
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.view().viewport().installEventFilter(self)
        self.view().installEventFilter(self)
        self._model.itemChanged.connect(lambda _item: self.selection_changed.emit())
        self.set_items([])

    def set_items(self, items: Sequence[tuple[str, Any]], keep: Sequence[Any] | None = None) -> None:
        """(label, key) pairs; the ticked keys stay ticked (or `keep`'s, when given), and a
        ticked key the list no longer has stays too, labelled by itself, so nothing is lost."""
        chosen = list(self.checked() if keep is None else keep)
        with QSignalBlocker(self._model):
            self._model.clear()
            head = QStandardItem(self.everything)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self._model.appendRow(head)
            known = {key for _label, key in items}
            for label, key in [*items, *((str(k), k) for k in chosen if k not in known)]:
                item = QStandardItem(label)
                item.setData(key, KEY_ROLE)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                item.setData(
                    Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked,
                    Qt.ItemDataRole.CheckStateRole,
                )
                self._model.appendRow(item)
        self.setCurrentIndex(0)
        self._fit_popup()
        self.update()

    def _fit_popup(self) -> None:
        """The popup as wide as its longest name and count ("Kyrgyzstan (12)", never cut)."""
        metrics = self.view().fontMetrics()
        widest = max((metrics.horizontalAdvance(self._model.item(r).text()) for r in range(self._model.rowCount())),
                     default=0)  # fmt: skip
        check = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 16
        scroll = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.view().setMinimumWidth(widest + check + scroll + 16)

    def checked(self) -> tuple[Any, ...]:
        return tuple(
            item.data(KEY_ROLE)
            for row in range(1, self._model.rowCount())
            if (item := self._model.item(row)).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, keys: Sequence[Any]) -> None:
        """Tick exactly `keys` (announcing one change)."""
        wanted = set(keys)
        with QSignalBlocker(self._model):
            for row in range(1, self._model.rowCount()):
                item = self._model.item(row)
                on = item.data(KEY_ROLE) in wanted
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.update()
        self.selection_changed.emit()

    def keys_in_order(self) -> list[Any]:
        return [self._model.item(row).data(KEY_ROLE) for row in range(1, self._model.rowCount())]

    def choose(self, keys: Sequence[Any]) -> None:
        """Tick exactly `keys`, silently, adding any the list does not have yet."""
        known = [(self._model.item(row).text(), self._model.item(row).data(KEY_ROLE))
                 for row in range(1, self._model.rowCount())]  # fmt: skip
        self.set_items(known, keys)

    def summary(self) -> str:
        names = [
            self._model.item(row).text().rsplit(" (", 1)[0]
            for row in range(1, self._model.rowCount())
            if self._model.item(row).checkState() == Qt.CheckState.Checked
        ]
        return ", ".join(names) if names else self.everything

    def _toggle(self, row: int) -> None:
        if row == 0:
            self.set_checked(())  # "All …" clears the choice
            return
        item = self._model.item(row)
        if item is not None:
            on = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonRelease and watched is self.view().viewport():
            index = self.view().indexAt(event.position().toPoint())  # type: ignore[attr-defined]
            if index.isValid():
                self._toggle(index.row())
                if index.row() == 0:
                    self.hidePopup()
            return True
        space = event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Space  # type: ignore[attr-defined]
        if space and watched is self.view():
            self._toggle(self.view().currentIndex().row())
            return True
        return False

    def paintEvent(self, _event: Any) -> None:
        painter = QStylePainter(self)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        field = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, self
        )
        option.currentText = self.fontMetrics().elidedText(
            self.summary(), Qt.TextElideMode.ElideRight, max(10, field.width())
        )
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, option)
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, option)


class FilterBar(QWidget):
    filters_changed = Signal(object)  # StoryQuery
    search_rejected = Signal(str)  # why the search text is not a valid query
    search_left = Signal()  # Esc in the search box: back to the list

    def __init__(self, tasks: TaskManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._query = StoryQuery()
        self.search = QLineEdit(placeholderText=self.tr("Search stories  (Ctrl+F)"), clearButtonEnabled=True)
        self.search.setMinimumWidth(200)
        self.country = MultiCombo(self.tr("All countries"))
        self.section = MultiCombo(self.tr("All sections"))
        self.source = MultiCombo(self.tr("All sources"))
        self.use_dates = QCheckBox(self.tr("Dates"))
        self.use_dates.setToolTip(self.tr("Only stories published between these dates"))
        self.since, self.until = QDateEdit(), QDateEdit()
        self.sort = QComboBox()
        for order in SortOrder:
            self.sort.addItem(QCoreApplication.translate("SortOrder", str(SORT_LABELS[order.value])), order)
        self.sort.setToolTip(
            self.tr("The order of the list (when searching, best match first unless chosen)")
        )
        for widget, name in (
            (self.search, self.tr("Search stories")),
            (self.country, self.tr("Country")),
            (self.section, self.tr("Section")),
            (self.source, self.tr("Source")),
            (self.since, self.tr("From date")),
            (self.until, self.tr("To date")),
            (self.sort, self.tr("Order")),
        ):
            widget.setAccessibleName(name)
        self.search.setAccessibleDescription(
            self.tr("Words to find in the stories' titles and text; Esc goes back to the list")
        )
        self.country.setAccessibleDescription(self.tr("Show only the stories about the chosen countries"))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        today = QDate.currentDate()
        self.since.setDate(today.addYears(-1))
        self.until.setDate(today)
        self.since.setEnabled(False)
        self.until.setEnabled(False)
        self.unread = QCheckBox(self.tr("&Unread"))
        self.bookmarked = QCheckBox(self.tr("&Bookmarked"))
        self.unread.setAccessibleDescription(self.tr("Show only the stories not read yet"))
        self.bookmarked.setAccessibleDescription(self.tr("Show only the bookmarked stories"))
        self.clear = QPushButton(self.tr("Clear"))
        self.clear.setToolTip(self.tr("Clear all filters  (Ctrl+Shift+L)"))
        # The less-used filters (sections, sources, dates) fold behind this button, so the bar
        # fits a 1024 px screen; it says how many of them are set while they are folded.
        self.more_button = QPushButton(self.tr("Filters"))
        self.more_button.setCheckable(True)
        self.more_button.setAccessibleName(self.tr("More filters"))
        self.more_button.setToolTip(self.tr("Sections, sources and dates"))
        self.more = QWidget()
        self.more.setAccessibleName(self.tr("More filters"))
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._facets_generation = 0
        for combo in (self.country, self.section, self.source):
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.search, 3)
        top.addWidget(self.country, 1)
        for other in (self.unread, self.bookmarked, self.sort, self.more_button, self.clear):
            top.addWidget(other)
        more = QHBoxLayout(self.more)
        more.setContentsMargins(0, 0, 0, 0)
        more.addWidget(self.section, 1)
        more.addWidget(self.source, 1)
        for dated in (self.use_dates, self.since, self.until):
            more.addWidget(dated)
        more.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.more)
        self.more.setVisible(False)
        self._show_sort()
        self._connect_signals()
        # The window's single-key shortcuts (J, Space, S…) must not fire while a control here has
        # the focus: plain keys go to it, as they do to the search box (a QLineEdit claims them).
        for child in self.findChildren(QWidget):
            if child is not self.search:
                child.installEventFilter(self)
        self.search.installEventFilter(self)
        self.reload_facets()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and watched is not self.search:
            plain = event.modifiers() & ~(  # type: ignore[attr-defined]
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
            )
            if plain == Qt.KeyboardModifier.NoModifier and event.key() < Qt.Key.Key_Escape:  # type: ignore[attr-defined]
                event.accept()
        elif kind == QEvent.Type.KeyPress and watched is self.search and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            if self._search_timer.isActive():
                self.on_search_committed()
            self.search_left.emit()
            return True
        return False

    def _connect_signals(self) -> None:
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.on_search_committed)
        self._search_timer.timeout.connect(self.on_search_committed)
        self.country.selection_changed.connect(lambda: self._edit(countries=self.country.checked()))
        self.section.selection_changed.connect(lambda: self._edit(sections=self.section.checked()))
        self.source.selection_changed.connect(lambda: self._edit(sources=self.source.checked()))
        self.use_dates.toggled.connect(self.on_dates_toggled)
        self.since.dateChanged.connect(self.on_dates_edited)
        self.until.dateChanged.connect(self.on_dates_edited)
        self.unread.toggled.connect(lambda on: self._edit(unread_only=on))
        self.bookmarked.toggled.connect(lambda on: self._edit(bookmarked_only=on))
        self.sort.activated.connect(lambda index: self._edit(sort=self.sort.itemData(index)))
        self.clear.clicked.connect(self.on_clear_clicked)
        self.more_button.toggled.connect(self.set_more_shown)
        self._tasks.changes.connect(self.on_changes)

    # -- facets --------------------------------------------------------------------------------

    def reload_facets(self) -> None:
        """The drop-downs' counts within the other filters of the bar's query."""
        self._facets_generation += 1
        generation = self._facets_generation
        operations.load_facets(self._query).success(
            lambda facets: self.set_facets(facets) if generation == self._facets_generation else None
        ).failure(lambda _error: None).run(self._tasks)  # a bad search: the list says why

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        filtered = self._query.unread_only or self._query.bookmarked_only
        if changes.stories or changes.sources or (filtered and (changes.read_state or changes.bookmarks)):
            self.reload_facets()

    # -- folding -------------------------------------------------------------------------------

    @Slot(bool)
    def set_more_shown(self, shown: bool) -> None:
        with QSignalBlocker(self.more_button):
            self.more_button.setChecked(shown)
        self.more.setVisible(shown)
        self._show_folded_count()

    def folded_filters(self) -> int:
        q = self._query
        return bool(q.sections) + bool(q.sources) + (q.since is not None or q.until is not None)

    def _show_folded_count(self) -> None:
        hidden = 0 if self.more.isVisible() else self.folded_filters()
        self.more_button.setText(
            self.tr("Filters (%1)").replace("%1", str(hidden)) if hidden else self.tr("Filters")
        )

    def set_facets(self, facets: Facets) -> None:
        """Fill the drop-downs; what the query holds stays ticked."""
        q = self._query
        self.country.set_items(
            [(f"{country_name(f.key)} ({f.count})", f.key) for f in facets.countries], q.countries
        )
        self.section.set_items(
            [(f"{section_name(f.name)} ({f.count})", f.key) for f in facets.sections], q.sections
        )
        self.source.set_items(
            [
                (f"{s.name} ({s.story_count})", s.id)
                for s in facets.sources
                if s.story_count or not s.is_sample
            ],
            q.sources,
        )

    # -- the query -----------------------------------------------------------------------------

    def query(self) -> StoryQuery:
        return self._query

    def _edit(self, **fields: Any) -> None:
        self._query = dataclasses.replace(self._query, **fields)
        self._show_sort()
        self._show_folded_count()
        self.filters_changed.emit(self._query)
        self.reload_facets()

    def _show_sort(self) -> None:
        with QSignalBlocker(self.sort):
            self.sort.setCurrentIndex(self.sort.findData(self._query.effective_sort))

    def apply_query(self, query: StoryQuery) -> None:
        """Show `query` in the bar (a saved search) exactly, then announce it once."""
        self._query = query
        self._search_timer.stop()
        widgets = (self.search, self.country, self.section, self.source, self.use_dates, self.since,
                   self.until, self.unread, self.bookmarked)  # fmt: skip
        blockers = [QSignalBlocker(w) for w in widgets]
        self.search.setText(query.text)
        self.country.choose(query.countries)
        self.section.choose(query.sections)
        self.source.choose(query.sources)
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
        self._show_sort()
        self._accept_search()
        self._show_folded_count()
        self.filters_changed.emit(self._query)
        self.reload_facets()

    def set_date_range(self, since: dt.date, until: dt.date) -> None:
        with QSignalBlocker(self.since), QSignalBlocker(self.until), QSignalBlocker(self.use_dates):
            self.since.setDate(QDate(since.year, since.month, since.day))
            self.until.setDate(QDate(until.year, until.month, until.day))
            self.use_dates.setChecked(True)
            self.since.setEnabled(True)
            self.until.setEnabled(True)
        self._edit(since=since, until=until)

    def reject_search(self, reason: str) -> None:
        """The search text is not a query (the core said why): mark it, say it, keep the list."""
        self.search.setStyleSheet(f"QLineEdit {{ border: 1px solid {theme.current().fall}; }}")
        self.search.setToolTip(reason)
        self.search_rejected.emit(self.tr("Search not understood: %1").replace("%1", reason))

    def _accept_search(self) -> None:
        self.search.setStyleSheet("")
        self.search.setToolTip("")

    @Slot()
    def on_search_committed(self) -> None:
        self._search_timer.stop()
        self._accept_search()
        self._edit(text=self.search.text().strip())

    @Slot(bool)
    def on_dates_toggled(self, checked: bool) -> None:
        self.since.setEnabled(checked)
        self.until.setEnabled(checked)
        self.on_dates_edited()

    @Slot()
    def on_dates_edited(self) -> None:
        on = self.use_dates.isChecked()
        self._edit(
            since=_to_date(self.since.date()) if on else None,
            until=_to_date(self.until.date()) if on else None,
        )

    @Slot()
    def on_clear_clicked(self) -> None:
        self.apply_query(StoryQuery())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
