"""The story list's Qt model: keyset pages fetched on demand, never the whole table.

Like Qt's C++ `fetchmore` example: the view asks canFetchMore()/fetchMore() as it scrolls and
the model appends one page at a time. A new query is counted and its first page loaded on the
database worker; stale answers (an older query's) are dropped by a generation number.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.types import Cursor, SortOrder, StoryCount, StoryQuery, StorySummary
from reader.ui.ops import Op, OpRunner

_Index = QModelIndex | QPersistentModelIndex
STORY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2


class StoryListModel(QAbstractTableModel):
    query_loaded = Signal(int)  # the total count of the new query
    query_failed = Signal(str)
    rows_fetched = Signal()  # fetchMore appended rows; the count line changes
    rows_merged = Signal(int)  # a sync's new stories were inserted at the top (how many)

    PAGE_SIZE = 50
    COLUMNS = ("★", "Title", "Countries", "Source", "Published")
    BOOKMARK, TITLE, COUNTRIES, SOURCE, PUBLISHED = range(5)

    def __init__(self, library: Library, runner: OpRunner, parent: Any = None) -> None:
        super().__init__(parent)
        self._library = library
        self._runner = runner
        self._query = StoryQuery()
        self._rows: list[StorySummary] = []
        self._row_of: dict[int, int] = {}
        self._cursor: Cursor | None = None
        self._total = 0
        self._ranked_among: int | None = None
        self._estimated = False
        self._generation = 0
        self._bold = QFont()
        self._bold.setBold(True)

    # -- loading -------------------------------------------------------------------------

    @property
    def query(self) -> StoryQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: StoryQuery) -> None:
        """Count and load the first page of `query` off the GUI thread; `query_loaded` follows."""
        self._generation += 1
        generation = self._generation
        library, size = self._library, self.PAGE_SIZE

        def load() -> tuple[StoryCount, Any]:
            # A search with very many matches is counted roughly ("about 59,400"): exactly, it
            # would cost more than the page itself.
            return library.estimate_stories(query), library.stories(query, None, size)

        (
            Op(load)
            .success(lambda result: self._on_query_loaded(generation, query, result))
            .failure(lambda error: self._on_query_failed(generation, error))
            .run(self._runner)
        )

    def reload(self) -> None:
        self.set_query(self._query)

    def merge_new_stories(self) -> None:
        """After a sync: insert the stories newer than the first row at the top, keeping every
        loaded row (so the selection and the place in the list stay). `rows_merged` follows.
        Other sort orders only recount: new stories show with the next query."""
        generation = self._generation
        library, query, size = self._library, self._query, self.PAGE_SIZE
        top = (self._rows[0].published_at, self._rows[0].id) if self._rows else None

        def load() -> tuple[int, list[StorySummary]]:
            fresh: list[StorySummary] = []
            if query.effective_sort is SortOrder.NEWEST:
                cursor = None
                while len(fresh) < 10 * size:  # a bounded catch-up; a reload shows the rest
                    page = library.stories(query, cursor, size)
                    for story in page.stories:
                        if top is not None and (story.published_at, story.id) <= top:
                            return library.count_stories(query), fresh
                        fresh.append(story)
                    if page.next_cursor is None:
                        break
                    cursor = page.next_cursor
            return library.count_stories(query), fresh

        Op(load).success(lambda result: self._on_new_stories(generation, *result)).run(self._runner)

    def _on_new_stories(self, generation: int, total: int, fresh: list[StorySummary]) -> None:
        if generation != self._generation:
            return  # the query changed meanwhile: its own load shows the new stories
        if not self._rows:
            self.reload()
            return
        fresh = [s for s in fresh if s.id not in self._row_of]
        if fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._rows[:0] = fresh
            self._row_of = {s.id: i for i, s in enumerate(self._rows)}
            self.endInsertRows()
        self._total = total
        self._estimated = False
        last = self._rows[-1]
        if (
            self._cursor is None
            and total > len(self._rows)
            and self._query.effective_sort is SortOrder.NEWEST
        ):
            # Everything was loaded, and the sync brought older stories too: let them page in.
            self._cursor = Cursor(key=last.published_at, story_id=last.id)
        self.rows_merged.emit(len(fresh))

    def _on_query_loaded(self, generation: int, query: StoryQuery, result: tuple[StoryCount, Any]) -> None:
        if generation != self._generation:
            return
        count, page = result
        total = count.value
        self._estimated = count.estimated
        self.beginResetModel()
        self._query = query
        self._rows = list(page.stories)
        self._row_of = {s.id: i for i, s in enumerate(self._rows)}
        self._cursor = page.next_cursor
        self._total = total
        self._ranked_among = page.ranked_among
        self.endResetModel()
        self.query_loaded.emit(total)

    def _on_query_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(error, ReaderError):
            raise error
        self.query_failed.emit(str(error))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        # One keyset page walks an index from the cursor: milliseconds even at 100k stories.
        page = self._library.stories(self._query, self._cursor, self.PAGE_SIZE)
        new = [s for s in page.stories if s.id not in self._row_of]
        self._cursor = page.next_cursor
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, story in enumerate(new):
                self._row_of[story.id] = first + offset
            self._rows.extend(new)
            self.endInsertRows()
        self.rows_fetched.emit()

    # -- reading -------------------------------------------------------------------------

    def count_text(self) -> str:
        if not self._total:
            return "No stories match"
        shown = len(self._rows)
        noun = "story" if self._total == 1 else "stories"
        about = "about " if self._estimated else ""
        text = f"Showing 1–{shown} of {about}{self._total:,} {noun}"
        if self._ranked_among and self._query.effective_sort is SortOrder.RELEVANCE:
            # Too many matches to rank at once: say which ones were (reader.core.search.engine).
            text += f" · best matches among the newest {self._ranked_among:,}"
        return text

    def story_at(self, row: int) -> StorySummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, story_id: int) -> int | None:
        return self._row_of.get(story_id)

    def update_story(self, story_id: int, **changes: Any) -> None:
        """Change flags of a loaded row (after a write succeeded) without reloading the list."""
        row = self._row_of.get(story_id)
        if row is None:
            return
        self._rows[row] = dataclasses.replace(self._rows[row], **changes)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.COLUMNS):
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        story = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.BOOKMARK:
                return "★" if story.is_bookmarked else ""
            if column == self.TITLE:
                return story.title
            if column == self.COUNTRIES:
                return ", ".join(story.countries)
            if column == self.SOURCE:
                return story.source_name + (" (sample)" if story.is_sample else "")
            if column == self.PUBLISHED:
                return story.published_at.astimezone().strftime("%Y-%m-%d")
        elif role == Qt.ItemDataRole.FontRole:
            return self._bold if not story.is_read else None
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TITLE:
                detail = story.snippet or story.summary or ""
                return f"<b>{_escape(story.title)}</b><br>{detail if story.snippet else _escape(detail)}"
            if column == self.BOOKMARK:
                return "Bookmarked" if story.is_bookmarked else "Not bookmarked"
            if column == self.PUBLISHED:
                return story.published_at.astimezone().strftime("%d %B %Y, %H:%M (local time)")
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == self.BOOKMARK:
            return "Bookmarked" if story.is_bookmarked else "Not bookmarked"
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.BOOKMARK:
            return int(Qt.AlignmentFlag.AlignCenter)
        elif role == STORY_ID_ROLE:
            return story.id
        elif role == SUMMARY_ROLE:
            return story
        return None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
