"""The main window: filter bar over the story list, the article pane and the rates sidebar.

Selection is not reading. The list's current story is shown in the article pane, but it becomes
read only when the user opens it: a click on its row, Enter, J/K or the arrow keys moving to it.
A filter change, a search or a sync selects a story for the user (to show it) and never marks
one read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.errors import InvalidSearchQuery, ReaderError
from reader.core.library import Library
from reader.core.types import Outcome, StoryQuery
from reader.ui import operations
from reader.ui.article_view import ArticleView
from reader.ui.bookmark_actions import BookmarkActions
from reader.ui.filter_bar import FilterBar
from reader.ui.operations import OpenedStory
from reader.ui.rates_panel import RatesPanel
from reader.ui.rates_ui import RatesController
from reader.ui.retag_job import RetagJob
from reader.ui.search_index_ui import SearchIndexBuilder
from reader.ui.status_line import StateLabel
from reader.ui.story_list import StoryListView
from reader.ui.story_model import STORY_ID_ROLE, StoryListModel
from reader.ui.sync_controller import SyncController
from reader.ui.tasks import TaskManager


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = TaskManager(library, self)  # the window keeps no Library of its own
        self.data_dir = library.data_dir
        self.settings = settings
        self.setWindowTitle("Steppe Reader")
        self.resize(1400, 860)
        self._pending_move = 0  # J/K past the loaded rows: moves once the next page arrives
        self._opened_by_user = False  # the current story was opened, not only shown

        self.filter_bar = FilterBar(self.tasks)
        self.model = StoryListModel(self.tasks, self)
        self.story_list = StoryListView()
        self.story_list.setAccessibleName("Stories")
        self.story_list.setModel(self.model)
        self.story_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Extended: a selection of stories can be exported (File → Export…).
        self.story_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.story_list.setShowGrid(False)
        self.story_list.setWordWrap(False)
        self.story_list.verticalHeader().hide()
        self.story_list.verticalHeader().setDefaultSectionSize(26)
        header = self.story_list.horizontalHeader()
        header.setSectionResizeMode(StoryListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(StoryListModel.BOOKMARK, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(StoryListModel.BOOKMARK, 28)
        header.resizeSection(StoryListModel.COUNTRIES, 72)
        header.resizeSection(StoryListModel.SOURCE, 120)
        header.resizeSection(StoryListModel.PUBLISHED, 84)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Story count")
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.story_list)
        list_layout.addWidget(self.count_label)

        self.article = ArticleView(library.resources_dir / "css" / "article.css", tasks=self.tasks)
        self.rates_panel = RatesPanel(self.tasks)
        self.rates_controller = RatesController(self.tasks, self.rates_panel, self, self.show_message)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(list_panel)
        self.splitter.addWidget(self.article)
        self.splitter.addWidget(self.rates_panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([620, 520, 300])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.state_label = StateLabel(self.tasks)
        self.statusBar().addPermanentWidget(self.state_label)
        self.search_index = SearchIndexBuilder(self.tasks, self.statusBar(), self)
        self.retag_job = RetagJob(self.tasks, self)
        self._build_actions()
        self._connect_signals()
        self._restore_layout()

        # The list's first page first: the database worker runs operations in order, and the
        # sidebar (then the chart, which loads pyqtgraph) can fill a moment after the rows.
        self.model.set_query(StoryQuery())
        self.rates_panel.reload()  # the chosen currencies, their sparklines and provider states
        self.search_index.start()  # builds the index in the background if it is not whole
        self.retag_job.start()  # after an upgrade: the stories' countries by the new tagger

    # -- set-up ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, shortcut: Any, slot: Any, menu: Any) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        file_menu = self.menuBar().addMenu("&File")
        action("&Quit", QKeySequence.StandardKey.Quit, self.close, file_menu)
        view_menu = self.menuBar().addMenu("&View")
        action("&Search stories", QKeySequence.StandardKey.Find, self.filter_bar.focus_search, view_menu)
        action("Clear &filters", "Ctrl+Shift+L", self.filter_bar.on_clear_clicked, view_menu)
        action("Go to story &list", "Ctrl+1", self.story_list.setFocus, view_menu)
        action("Go to &article", "Ctrl+2", self.article.setFocus, view_menu)
        story_menu = self.menuBar().addMenu("&Story")
        action("&Next story", "J", lambda: self.move_selection(1), story_menu)
        action("&Previous story", "K", lambda: self.move_selection(-1), story_menu)
        self.bookmark_action = action("Toggle &bookmark", "Ctrl+D", self.on_bookmark_triggered, story_menu)
        self.unread_action = action("Mark &unread", "Ctrl+U", self.on_mark_unread_triggered, story_menu)
        # File → Export…, View → Bookmarks / Saved searches, Story → Edit bookmark (issue 5).
        self.bookmark_actions = BookmarkActions(self, self)
        self.bookmark_actions.add_actions(file_menu, view_menu, story_menu)
        self.rates_controller.add_actions(self.menuBar().addMenu("&Rates"))
        self.sync_controller = SyncController(self.tasks, self.statusBar(), self)
        sync_menu = self.menuBar().addMenu("S&ync")
        action("&Sync now", "F5", self.sync_controller.sync_now, sync_menu)
        action("&Cancel sync", "Shift+F5", self.sync_controller.cancel, sync_menu)
        action("S&ources…", "Ctrl+Shift+O", self.sync_controller.show_sources, sync_menu)
        action("Sync &problems…", "Ctrl+Shift+E", self.sync_controller.show_errors, sync_menu)
        action("Sync &interval…", "", self.sync_controller.choose_interval, sync_menu)
        action("&Keep stories for…", "", self.sync_controller.choose_retention, sync_menu)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About Steppe Reader", self)
        about.triggered.connect(self.on_about_triggered)
        help_menu.addAction(about)

    def _connect_signals(self) -> None:
        self.filter_bar.filters_changed.connect(self.on_filters_changed)
        self.filter_bar.search_rejected.connect(self.show_message)
        self.model.query_loaded.connect(self.on_query_loaded)
        self.model.query_failed.connect(self.on_query_failed)
        self.model.rows_fetched.connect(self.on_rows_fetched)
        self.model.rows_merged.connect(self.on_rows_merged)
        self.model.total_changed.connect(lambda _total: self.count_label.setText(self._count_text()))
        self.story_list.selectionModel().currentRowChanged.connect(self.on_current_story_changed)
        self.story_list.clicked.connect(self.on_story_clicked)
        self.story_list.activated.connect(self.on_story_activated)
        self.rates_panel.story_clicked.connect(self.on_rate_story_clicked)
        self.rates_panel.date_range_selected.connect(self.on_chart_dates_selected)
        self.article.link_refused.connect(lambda url: self.show_message(f"Not opened: {url}"))
        self.tasks.op_failed.connect(self.show_message)
        self.bookmark_actions.connect_signals()
        self.search_index.progressed.connect(self.on_search_index_progressed)
        self.search_index.finished.connect(self.on_search_index_built)
        self.retag_job.progressed.connect(self.on_retag_progressed)
        self.retag_job.finished.connect(self.on_retag_finished)

    def _restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
        columns = self.settings.value("window/list_header")
        if columns is not None:
            self.story_list.horizontalHeader().restoreState(columns)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/list_header", self.story_list.horizontalHeader().saveState())
        self.settings.sync()
        self.sync_controller.stop()
        self.search_index.stop()  # the build resumes at the next start
        self.retag_job.stop()  # resumes at the next start
        self.rates_controller.refresher.stop()
        self.tasks.shutdown()  # running jobs end at their next step; nothing is left half-done
        super().closeEvent(event)

    # -- slots -----------------------------------------------------------------------------

    @Slot(str)
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(int, int)
    def on_retag_progressed(self, done: int, total: int) -> None:
        self.statusBar().showMessage(
            f"Updating the stories' countries after the upgrade: {done:,} of {total:,}…"
        )

    @Slot()
    def on_retag_finished(self) -> None:
        # The facets and counts follow the job's changes; the loaded rows all changed countries.
        self.show_message("The stories' countries are up to date")
        self.model.reload()

    @Slot(object)
    def on_filters_changed(self, query: StoryQuery) -> None:
        self.count_label.setText("Loading…")
        self.model.set_query(query)

    @Slot(int)
    def on_query_loaded(self, _total: int) -> None:
        self.count_label.setText(self._count_text())
        if self.model.rowCount() and not self.story_list.currentIndex().isValid():
            # Shown, not opened: selecting the first story never marks it read.
            self.story_list.setCurrentIndex(self.model.index(0, StoryListModel.TITLE))
        elif not self.model.rowCount():
            self.article.show_welcome()

    @Slot(object)
    def on_query_failed(self, error: ReaderError) -> None:
        if isinstance(error, InvalidSearchQuery):
            self.filter_bar.reject_search(error.reason)
        else:
            self.show_message(str(error))

    @Slot()
    def on_rows_fetched(self) -> None:
        self.count_label.setText(self._count_text())
        if self._pending_move:
            step, self._pending_move = self._pending_move, 0
            self.move_selection(step)

    @Slot(int)
    def on_rows_merged(self, inserted: int) -> None:
        # Rows went in above: move the scroll bar by as much, so the rows on screen stay put
        # (at the very top, the new stories simply show).
        bar = self.story_list.verticalScrollBar()
        if inserted and bar.value() > 0:
            row_height = max(1, self.story_list.verticalHeader().defaultSectionSize())
            per_item = self.story_list.verticalScrollMode().name == "ScrollPerItem"
            bar.setValue(bar.value() + inserted * (1 if per_item else row_height))
        self.count_label.setText(self._count_text())

    def _count_text(self) -> str:
        text = self.model.count_text()
        if self.model.query.text.strip() and self.search_index.building and self.search_index.status:
            text += f" · search index {self.search_index.status.percent} % built"
        return text

    @Slot(object)
    def on_search_index_progressed(self, _status: object) -> None:
        if self.model.query.text.strip():
            self.count_label.setText(self._count_text())

    @Slot()
    def on_search_index_built(self) -> None:
        # Said only to someone searching: after an upgrade the retag job's message may be showing.
        if self.model.query.text.strip():
            self.show_message("Search index built: the search now covers every story")
            self.model.set_query(self.model.query)

    @Slot(QModelIndex, QModelIndex)
    def on_current_story_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._opened_by_user = self.story_list.take_user_move()
        if current.isValid():
            self.open_story(current.data(STORY_ID_ROLE), mark_read=self._opened_by_user)

    @Slot(QModelIndex)
    def on_story_clicked(self, index: QModelIndex) -> None:
        if index.column() == StoryListModel.BOOKMARK:
            self.toggle_bookmark(index.data(STORY_ID_ROLE))
        elif not self._opened_by_user:  # a click on the story that was only shown opens it
            self._opened_by_user = True
            self.open_story(index.data(STORY_ID_ROLE), mark_read=True)

    @Slot(QModelIndex)
    def on_story_activated(self, index: QModelIndex) -> None:
        """Enter (or a double click) opens the current story."""
        if index.isValid():
            self.open_story(index.data(STORY_ID_ROLE), mark_read=True)

    def open_story(self, story_id: int, mark_read: bool = True) -> None:
        # The words of the list's search are marked in the story.
        operations.open_story(story_id, mark_read, self.model.query.text).success(self.on_story_loaded).run(
            self.tasks
        )

    def on_story_loaded(self, opened: OpenedStory) -> None:
        current = self.story_list.currentIndex()
        if current.isValid() and current.data(STORY_ID_ROLE) != opened.article.story.id:
            return  # the user has moved on
        self.article.show_article(opened.article, opened.images)

    def move_selection(self, step: int) -> None:
        """J/K: open the next or previous story (the next page is fetched first if need be)."""
        row = self.story_list.currentIndex().row() + step
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self._pending_move = step
            self.model.fetchMore()
            return
        if 0 <= row < self.model.rowCount():
            self.story_list.open_row(row)

    def current_story_id(self) -> int | None:
        index = self.story_list.currentIndex()
        return index.data(STORY_ID_ROLE) if index.isValid() else None

    @Slot()
    def on_bookmark_triggered(self) -> None:
        story_id = self.current_story_id()
        if story_id is not None:
            self.toggle_bookmark(story_id)

    def toggle_bookmark(self, story_id: int) -> None:
        def done(outcome: Outcome[bool]) -> None:
            self.show_message("Bookmarked" if outcome.value else "Bookmark removed")

        operations.toggle_bookmark(story_id).success(done).run(self.tasks)

    @Slot()
    def on_mark_unread_triggered(self) -> None:
        story_id = self.current_story_id()
        if story_id is not None:
            operations.mark_read(story_id, False).run(self.tasks)

    @Slot(int)
    def on_rate_story_clicked(self, story_id: int) -> None:
        """A chart marker: open the story, selecting it in the list if it is there."""
        row = self.model.row_of(story_id)
        if row is not None:
            self.story_list.open_row(row)
            return
        self.story_list.setCurrentIndex(QModelIndex())
        self.open_story(story_id)

    @Slot(object, object)
    def on_chart_dates_selected(self, since: Any, until: Any) -> None:
        if since is None or until is None:
            self.filter_bar.use_dates.setChecked(False)
        else:
            self.filter_bar.set_date_range(since, until)

    @Slot()
    def on_about_triggered(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "About Steppe Reader",
            f"<b>Steppe Reader {__version__}</b><p>News from Central Asia with the currency rates that "
            "shape it.</p><p>Sample stories are written for Steppe Reader from public facts. Rates: "
            "exchange-api by fawazahmed0 (CC0).</p>"
            f"<p>Data folder: {Path(self.data_dir)}</p>",
        )
