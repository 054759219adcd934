"""The story list's Qt model: keyset pages fetched on demand, never the whole table.

Like Qt's C++ `fetchmore` example: the view asks canFetchMore()/fetchMore() as it scrolls and
the model appends one page at a time, except that the page is asked for in the background and
appended when it arrives, so the GUI thread never waits for it. A new query is counted and its
first page loaded the same way; stale answers (an older query's) are dropped by a generation
number. After a write, the task manager's `changes` tell the model what to refresh: the rows of
the stories concerned, the stories a sync brought (on top, keeping every loaded row), the count.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reader.core.errors import ReaderError
from reader.core.types import (
    Changes,
    Cursor,
    SortOrder,
    StoryCount,
    StoryPage,
    StoryQuery,
    StorySummary,
)
from reader.ui import operations
from reader.ui.tasks import TaskManager

_Index = QModelIndex | QPersistentModelIndex
STORY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the RowText the delegate paints
BOOKMARKED_ROLE = Qt.ItemDataRole.UserRole + 4
READ_ROLE = Qt.ItemDataRole.UserRole + 5

_BOLD_SPLIT = re.compile(r"(<b>.*?</b>)", re.DOTALL)


@dataclass(frozen=True)
class RowText:
    """What a row shows, worked out once per story when it arrives (the delegate only paints)."""

    title: str
    source: str
    meta_tail: str  # " · date · countries": painted whole, the source elided before it
    meta: str  # source · date · countries
    short_meta: str  # date · countries (the compact row's right-hand side)
    snippet: tuple[tuple[str, bool], ...]  # (text, is a search hit); the summary when not searching
    is_read: bool
    is_bookmarked: bool


def row_text(story: StorySummary, today: dt.date | None = None) -> RowText:
    today = today or dt.date.today()
    local = QDateTime.fromSecsSinceEpoch(int(story.published_at.timestamp()))  # local time
    date = QLocale().toString(local, "d MMM" if local.date().year() == today.year else "d MMM yyyy")
    sample = story.is_sample and "sample" not in story.source_name.lower()
    source = QCoreApplication.translate("StoryListModel", "%1 (sample)").replace("%1", story.source_name)
    source = source if sample else story.source_name
    # A teaser with no full article kept says so in words (a mark by colour alone is not read out).
    kept = QCoreApplication.translate("StoryListModel", "summary only") if story.summary_only else ""
    tail = "".join(f" · {p}" for p in (date, ", ".join(story.countries), kept) if p)
    meta = source + tail
    if story.snippet:
        parts = []
        for piece in _BOLD_SPLIT.split(story.snippet):
            if not piece:
                continue
            hit = piece.startswith("<b>") and piece.endswith("</b>")
            text = html.unescape(re.sub(r"<[^>]+>", "", piece))
            parts.append((re.sub(r"\s+", " ", text), hit))
        snippet = tuple((t, h) for t, h in parts if t)
    else:
        snippet = ((" ".join((story.summary or "").split()), False),) if story.summary else ()
    return RowText(
        story.title, source, tail, meta, tail.removeprefix(" · "), snippet, story.is_read, story.is_bookmarked
    )


class StoryListModel(QAbstractListModel):
    query_loaded = Signal(int)  # the total count of the new query
    query_failed = Signal(object)  # the ReaderError (an InvalidSearchQuery, say)
    rows_fetched = Signal()  # fetchMore appended rows; the count line changes
    rows_merged = Signal(int)  # a sync's new stories were inserted at the top (how many)
    total_changed = Signal(int)  # a write changed how many stories match

    PAGE_SIZE = 50
    TITLE = 0  # the one column (rows are painted by reader.ui.story_delegate)

    def __init__(self, tasks: TaskManager, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._fetching = False
        self._query = StoryQuery()
        self._rows: list[StorySummary] = []
        self._row_of: dict[int, int] = {}
        self._cursor: Cursor | None = None
        self._total = 0
        self._ranked_among: int | None = None
        self._estimated = False
        self._generation = 0
        self._texts: dict[int, RowText] = {}  # by story id, made as rows arrive (never in paint)
        self._first_shown = False  # rows from show_first_page, until the query's own answer
        tasks.changes.connect(self.on_changes)

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
        self._first_shown = False
        generation = self._generation
        (
            operations.load_query(query, self.PAGE_SIZE)
            .success(lambda result: self._on_query_loaded(generation, query, result))
            .failure(lambda error: self._on_query_failed(generation, error))
            .run(self._tasks)
        )

    def show_first_page(self, page: StoryPage, count: StoryCount) -> None:
        """Show `page` as the current query's answer (query_loaded follows) until the answer
        itself arrives: start-up's rows read before the Library opened (reader.core.first_page).
        The answer then refreshes those rows in place when it holds the same stories."""
        self._on_query_loaded(self._generation, self._query, (count, page))
        self._first_shown = True

    def reload(self) -> None:
        self.set_query(self._query)

    def on_changes(self, changes: Changes, _initiator: object) -> None:
        """Each write says what went stale; the list refreshes just that."""
        if changes.stories:
            self.merge_new_stories()
        if changes.story_ids:
            loaded = [i for i in changes.story_ids if i in self._row_of]
            if loaded:
                generation = self._generation
                operations.refresh_rows(loaded).success(
                    lambda rows: self._on_rows_refreshed(generation, loaded, rows)
                ).run(self._tasks)
        filtered = (changes.read_state and self._query.unread_only) or (
            changes.bookmarks and self._query.bookmarked_only
        )
        if filtered and not changes.stories:
            generation = self._generation
            operations.count(self._query).success(
                lambda total: self._on_recounted(generation, total, exact=True)
            ).run(self._tasks)

    def merge_new_stories(self) -> None:
        """After a sync: insert the stories newer than the first row at the top, keeping every
        loaded row (so the selection and the place in the list stay). `rows_merged` follows.
        Other sort orders only recount: new stories show with the next query."""
        generation = self._generation
        top = (self._rows[0].published_at, self._rows[0].id) if self._rows else None
        operations.load_new_stories(self._query, top, self.PAGE_SIZE).success(
            lambda result: self._on_new_stories(generation, *result)
        ).run(self._tasks)

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
            self._remember_texts(fresh)
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

    def _on_query_loaded(
        self, generation: int, query: StoryQuery, result: tuple[StoryCount, StoryPage]
    ) -> None:
        if generation != self._generation:
            return
        count, page = result
        if self._first_shown:
            self._first_shown = False
            if [s.id for s in page.stories] == [s.id for s in self._rows]:
                self._refresh_first_page(count, page)
                return
            # Other stories after all: a page asked for past the rows shown is for those rows.
            self._generation += 1
        total = count.value
        self._estimated = count.estimated
        self._fetching = False  # an older query's page, if one is on its way, is dropped
        self.beginResetModel()
        self._query = query
        self._rows = list(page.stories)
        self._row_of = {s.id: i for i, s in enumerate(self._rows)}
        self._texts = {}
        self._remember_texts(self._rows)
        self._cursor = page.next_cursor
        self._total = total
        self._ranked_among = page.ranked_among
        self.endResetModel()
        self.query_loaded.emit(total)

    def _refresh_first_page(self, count: StoryCount, page: StoryPage) -> None:
        """The same stories as the rows shown: their values, the count and the cursor are the
        answer's, and the selection and the scroll position stay."""
        self._rows[: len(page.stories)] = page.stories
        self._remember_texts(list(page.stories))
        self._total = count.value
        self._estimated = count.estimated
        self._ranked_among = page.ranked_among
        if not self._fetching:  # a page on its way past these rows brings its own cursor
            self._cursor = page.next_cursor
        if page.stories:
            self.dataChanged.emit(self.index(0, 0), self.index(len(page.stories) - 1, 0))
        self.query_loaded.emit(self._total)

    def _on_query_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        if not isinstance(error, ReaderError):
            raise error
        self.query_failed.emit(error)

    def _on_rows_refreshed(self, generation: int, asked: list[int], rows: list[StorySummary]) -> None:
        if generation != self._generation:
            return
        fresh = {r.id: r for r in rows}
        for story_id in asked:
            row = self._row_of.get(story_id)
            if row is None:
                continue
            if story_id in fresh:
                self._rows[row] = fresh[story_id]
                self._remember_texts([fresh[story_id]])
                self.dataChanged.emit(self.index(row, 0), self.index(row, 0))
        gone = sorted((self._row_of[i] for i in asked if i in self._row_of and i not in fresh), reverse=True)
        for row in gone:  # removed with their source
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        if gone:
            self._row_of = {s.id: i for i, s in enumerate(self._rows)}
            self._on_recounted(generation, max(self._total - len(gone), len(self._rows)))

    def _on_recounted(self, generation: int, total: int, exact: bool = False) -> None:
        if generation != self._generation:
            return
        if exact:
            self._estimated = False
        if total != self._total:
            self._total = total
            self.total_changed.emit(total)

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None and not self._fetching

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        """Ask for the next page in the background; it is appended when it arrives."""
        if not self.canFetchMore(parent) or self._cursor is None:
            return
        self._fetching = True
        generation = self._generation
        operations.load_page(self._query, self._cursor, self.PAGE_SIZE).success(
            lambda page: self._on_page(generation, page)
        ).failure(lambda error: self._on_page_failed(generation, error)).run(self._tasks)

    @property
    def fetching(self) -> bool:
        return self._fetching

    def _on_page_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._fetching = False
        self._on_query_failed(generation, error)

    def _on_page(self, generation: int, page: StoryPage) -> None:
        if generation != self._generation:
            return  # an older query's page: that query's rows are gone
        self._fetching = False
        new = [s for s in page.stories if s.id not in self._row_of]
        self._cursor = page.next_cursor
        if new:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
            for offset, story in enumerate(new):
                self._row_of[story.id] = first + offset
            self._rows.extend(new)
            self._remember_texts(new)
            self.endInsertRows()
        self.rows_fetched.emit()

    # -- reading -------------------------------------------------------------------------

    def count_text(self) -> str:
        ranked = self._ranked_among if self._query.effective_sort is SortOrder.RELEVANCE else None
        # reader.core.types.count_line's words (the CLI's), through tr().
        if not self._total:
            return self.tr("No stories match")
        shown = str(len(self._rows))
        if self._estimated:
            line = self.tr("Showing 1–%1 of about %Ln stories", "", self._total).replace("%1", shown)
        else:
            line = self.tr("Showing 1–%1 of %Ln stories", "", self._total).replace("%1", shown)
        if ranked:
            line += self.tr(" · best matches among the newest %1").replace("%1", QLocale().toString(ranked))
        return line

    def story_at(self, row: int) -> StorySummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, story_id: int) -> int | None:
        return self._row_of.get(story_id)

    # -- Qt model interface ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def _remember_texts(self, stories: list[StorySummary]) -> None:
        today = dt.date.today()
        for story in stories:
            self._texts[story.id] = row_text(story, today)

    def text_of(self, row: int) -> RowText:
        story = self._rows[row]
        text = self._texts.get(story.id)
        if text is None:  # not expected: every row's text is made as it arrives
            text = self._texts[story.id] = row_text(story)
        return text

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        story = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return story.title
        if role == ROW_ROLE:
            return self.text_of(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"<b>{_escape(story.title)}</b><br>{_escape(self.text_of(index.row()).meta)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:  # the state in words, not by weight or star alone
            text = self.text_of(index.row())
            return f"{state_words(story.is_read, story.is_bookmarked)}. {story.title} — {text.meta}"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            snippet = "".join(piece for piece, _hit in self.text_of(index.row()).snippet).strip()
            return f"{state_words(story.is_read, story.is_bookmarked)}." + (f" {snippet}" if snippet else "")
        if role == STORY_ID_ROLE:
            return story.id
        if role == SUMMARY_ROLE:
            return story
        if role == BOOKMARKED_ROLE:
            return story.is_bookmarked
        if role == READ_ROLE:
            return story.is_read
        return None


_STATE_WORDS = {  # (is_read, is_bookmarked)
    (False, False): QT_TRANSLATE_NOOP("StoryListModel", "Unread"),
    (True, False): QT_TRANSLATE_NOOP("StoryListModel", "Read"),
    (False, True): QT_TRANSLATE_NOOP("StoryListModel", "Unread, bookmarked"),
    (True, True): QT_TRANSLATE_NOOP("StoryListModel", "Read, bookmarked"),
}


def state_words(is_read: bool, is_bookmarked: bool) -> str:
    """A row's state for assistive technology: "Unread, bookmarked", "Read", …"""
    return QCoreApplication.translate("StoryListModel", str(_STATE_WORDS[is_read, is_bookmarked]))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
