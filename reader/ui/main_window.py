"""The main window: filter bar over the story list, the article pane and the rates sidebar.

Selection is not reading. The list's current story is shown in the article pane, but it becomes
read only when the user opens it: a click on its row, Enter, J/K/N or the arrow keys moving to it.
A filter change, a search or a sync selects a story for the user (to show it) and never marks
one read.

The keyboard flow (Help → Keyboard shortcuts lists every key, from the actions themselves): the
list has the focus at start; `/` or Ctrl+F searches and Esc comes back; J/K, N (next unread),
Space (page the article, then the next unread), O (the original in the browser), M (read or
unread), S (bookmark), Shift+A (mark the filter's stories read, Ctrl+Z undoes it). Single keys
never act while a text box or a filter has the focus (reader.ui.filter_bar).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reader import __version__
from reader.core.errors import InvalidSearchQuery, ReaderError
from reader.core.paths import resources_dir
from reader.core.types import Outcome, StoryCount, StoryPage, StoryQuery
from reader.ui import operations, theme
from reader.ui.article_view import ArticleView
from reader.ui.bookmark_actions import BookmarkActions
from reader.ui.filter_bar import FilterBar
from reader.ui.find_bar import FindBar
from reader.ui.full_articles_ui import FullArticles
from reader.ui.operations import OpenedStory
from reader.ui.placement import DialogPlacer, fit_first_window, keep_on_screen
from reader.ui.rates_panel import RatesPanel
from reader.ui.rates_ui import RatesController
from reader.ui.retag_job import RetagJob
from reader.ui.search_index_ui import SearchIndexBuilder
from reader.ui.settings_dialog import TEXT_SCALES, SettingsDialog
from reader.ui.shortcuts_sheet import ShortcutsSheet
from reader.ui.status_line import CountLine, StateLabel
from reader.ui.story_list import StoryListView
from reader.ui.story_model import READ_ROLE, STORY_ID_ROLE, SUMMARY_ROLE, StoryListModel
from reader.ui.sync_controller import SyncController
from reader.ui.sync_notify import NewStoriesNotifier
from reader.ui.tasks import TaskManager
from reader.ui.theme_menu import ThemeActions
from reader.ui.welcome import show_welcome

if TYPE_CHECKING:
    from reader.core.library import Library


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library | None,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        """The window on `library`; or, at start-up, on the cache in `data_dir` before its Library
        is open: everything it asks for waits until `attach` (reader.ui.tasks)."""
        super().__init__(parent)
        self.tasks = TaskManager(library, self)  # the window keeps no Library of its own
        if library is not None:
            data_dir = library.data_dir
        if data_dir is None:
            raise ValueError("a window before its Library needs the data folder")
        self.data_dir = data_dir
        self.settings = settings
        self.setWindowTitle(self.tr("Steppe Reader"))
        self._pending_move = 0  # J/K past the loaded rows: moves once the next page arrives
        self._pending_unread = False  # N past the loaded rows: looks again once the page arrives
        self._opened_by_user = False  # the current story was opened, not only shown
        self._undo_read: tuple[int, ...] = ()  # what the last "mark all as read" marked
        self._focused_once = False
        self.shortcuts_sheet: ShortcutsSheet | None = None
        self._shown: OpenedStory | None = None  # the story in the pane, to lay out again
        self._close_when_attached = False  # closed at start-up before its Library opened

        # The list's first page first: the database worker runs operations in the order they are
        # asked for, and the filter bar's counts, the status line, the sidebar and the chart (which
        # loads pyqtgraph) ask as they are built; the rows come before all of them.
        self.model = StoryListModel(self.tasks, self)
        self.model.set_query(StoryQuery())
        self.theme_actions = ThemeActions(self.tasks, self)
        self.filter_bar = FilterBar(self.tasks)
        self.story_list = StoryListView()
        self.story_list.setAccessibleName(self.tr("Stories"))
        self.story_list.setAccessibleDescription(
            self.tr(
                "The stories the filters match. J and K move, N goes to the next unread story, "
                "S bookmarks it, M toggles read; each row says whether it is unread or bookmarked"
            )
        )
        self.story_list.setModel(self.model)
        self.count_label = CountLine(self.tr("Loading…"))
        self.count_label.setAccessibleName(self.tr("Story count"))
        list_panel = QWidget()
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.story_list)
        list_layout.addWidget(self.count_label)

        self.article = ArticleView(resources_dir() / "css" / "article.css", tasks=self.tasks)
        self.article.setMinimumWidth(280)
        self.find_bar = FindBar(self.article)
        article_panel = QWidget()
        article_layout = QVBoxLayout(article_panel)
        article_layout.setContentsMargins(0, 0, 0, 0)
        article_layout.setSpacing(0)
        # Full articles (issue 15): "Feed version / Full article" over the story, the Story menu's
        # "Fetch full article", and the background run after each sync.
        self.full_articles = FullArticles(
            self.tasks,
            self.article,
            lambda story_id: self.open_story(story_id, mark_read=False),
            self.show_message,
            self,
        )
        article_layout.addWidget(self.full_articles.bar)
        article_layout.addWidget(self.article, 1)
        article_layout.addWidget(self.find_bar)
        self.rates_panel = RatesPanel(self.tasks)
        self.rates_controller = RatesController(self.tasks, self.rates_panel, self, self.show_message)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(list_panel)
        self.splitter.addWidget(article_panel)
        self.splitter.addWidget(self.rates_panel)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([460, 640, 280])

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        # The counts are a normal (not permanent) widget: a passing message takes their place for
        # its few seconds instead of being squeezed beside them, so two texts never overlap.
        self.state_label = StateLabel(self.tasks)
        self.statusBar().addWidget(self.state_label, 1)
        # QStatusBar hides it for a message only implicitly, and re-laying out the bar (a
        # permanent widget shown or hidden: the sync's progress, its problems button) shows an
        # implicitly hidden widget again, over the message. Hidden and shown explicitly, it stays.
        self.statusBar().messageChanged.connect(lambda message: self.state_label.setVisible(not message))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setFlat(True)
        self.undo_button.setToolTip(self.tr("Mark those stories unread again  (Ctrl+Z)"))
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)  # stays beside its message
        self.search_index = SearchIndexBuilder(self.tasks, self.statusBar(), self)
        self.retag_job = RetagJob(self.tasks, self)
        self._build_actions()
        self._connect_signals()
        self._restore_layout()
        self.story_list.setFocus(Qt.FocusReason.OtherFocusReason)  # J works at once; typing needs /

        self.rates_panel.reload()  # the chosen currencies, their sparklines and provider states
        self.search_index.start()  # builds the index in the background if it is not whole
        self.retag_job.start()  # after an upgrade: the stories' countries by the new tagger
        # Last: it looks at each child added to the window, and the window's own (its actions and
        # menus, ~30 ms of wrapping them for Python at start-up) are none of its business.
        self.placer = DialogPlacer(self)

    def show_first_page(self, page: StoryPage, count: StoryCount) -> None:
        """Rows to show until the list's first query answers (reader.core.first_page's)."""
        self.model.show_first_page(page, count)

    def attach(self, library: Library) -> None:
        """The Library, open: what the window asked for meanwhile runs now, its first query first
        (and a window closed meanwhile closes once that work is done)."""
        self.tasks.attach(library)
        if self._close_when_attached:
            QTimer.singleShot(0, self, self.close)

    @property
    def closing(self) -> bool:
        """Closed at start-up before its Library was attached: it closes once it is."""
        return self._close_when_attached

    def discard(self) -> None:
        """Close a window whose Library will not come (the start-up dialog's Quit, another folder)."""
        self._close_when_attached = True
        self.close()

    # -- set-up ----------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(text: str, shortcut: Any, slot: Any, menu: Any, *more: Any) -> QAction:
            act = QAction(text, self)
            keys = [QKeySequence(k) for k in (shortcut, *more) if k]
            if keys:
                act.setShortcuts(keys)
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        action(
            self.tr("&Settings…"),
            QKeySequence.StandardKey.Preferences,
            lambda: self.show_settings(),
            file_menu,
            "Ctrl+,",
        )
        file_menu.addSeparator()
        action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close, file_menu)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.search_action = action(
            self.tr("&Search stories"),
            QKeySequence.StandardKey.Find,
            self.filter_bar.focus_search,
            view_menu,
            "/",
        )
        action(self.tr("Clear &filters"), "Ctrl+Shift+L", self.filter_bar.on_clear_clicked, view_menu)
        action(self.tr("Go to story &list"), "Ctrl+1", self.focus_list, view_menu)
        action(self.tr("Go to &article"), "Ctrl+2", self.article.setFocus, view_menu)
        view_menu.addSeparator()
        self.theme_actions.add_menu(view_menu)  # System / Light / Dark (reader/ui/theme_menu.py)
        self.compact_action = action(
            self.tr("&Compact list"), "Ctrl+Shift+C", self.on_compact_toggled, view_menu
        )
        self.compact_action.setCheckable(True)
        self.rates_action = action(
            self.tr("&Rates sidebar"), "Ctrl+Shift+R", self.on_rates_toggled, view_menu
        )
        self.rates_action.setCheckable(True)
        self.rates_action.setChecked(True)
        view_menu.addSeparator()
        action(
            self.tr("&Bigger text"),
            QKeySequence.StandardKey.ZoomIn,
            lambda: self.change_text_size(1),
            view_menu,
            "Ctrl+=",
        )
        action(
            self.tr("S&maller text"),
            QKeySequence.StandardKey.ZoomOut,
            lambda: self.change_text_size(-1),
            view_menu,
        )
        action(self.tr("&Normal text size"), "Ctrl+0", lambda: self.change_text_size(0), view_menu)
        action(self.tr("&Find in article…"), "Ctrl+Shift+F", self.find_bar.open_bar, view_menu)
        action(self.tr("Find ne&xt"), QKeySequence.StandardKey.FindNext, self.find_bar.find_next, view_menu)
        action(
            self.tr("Find pre&vious"),
            QKeySequence.StandardKey.FindPrevious,
            self.find_bar.find_previous,
            view_menu,
        )
        story_menu = self.menuBar().addMenu(self.tr("&Story"))
        action(self.tr("&Next story"), "J", lambda: self.move_selection(1), story_menu)
        action(self.tr("&Previous story"), "K", lambda: self.move_selection(-1), story_menu)
        action(self.tr("Next &unread story"), "N", self.next_unread, story_menu)
        action(self.tr("Page down, then next unread"), "Space", self.on_space_triggered, story_menu)
        story_menu.addSeparator()
        action(self.tr("&Open original in browser"), "O", self.open_original, story_menu)
        self.bookmark_action = action(
            self.tr("Toggle &bookmark"), "Ctrl+D", self.on_bookmark_triggered, story_menu, "S"
        )
        action(self.tr("Toggle &read"), "M", self.on_toggle_read_triggered, story_menu)
        self.unread_action = action(
            self.tr("Mark &unread"), "Ctrl+U", self.on_mark_unread_triggered, story_menu
        )
        self.mark_all_action = action(
            self.tr("Mark &all as read"), "Shift+A", self.on_mark_all_triggered, story_menu
        )
        self.undo_action = action(
            self.tr("&Undo mark all as read"), QKeySequence.StandardKey.Undo, self.undo_mark_all, story_menu
        )
        self.undo_action.setEnabled(False)
        self.full_articles.add_actions(story_menu)
        story_menu.addSeparator()
        # File → Export…, View → Bookmarks / Saved searches, Story → Edit bookmark (issue 5).
        self.bookmark_actions = BookmarkActions(self, self)
        self.bookmark_actions.add_actions(file_menu, view_menu, story_menu)
        self.saved_searches_action = self.bookmark_actions.dock.toggleViewAction()
        self.saved_searches_action.setShortcut(QKeySequence("Ctrl+Alt+S"))
        self.rates_controller.add_actions(self.menuBar().addMenu(self.tr("&Rates")))
        self.sync_controller = SyncController(self.tasks, self.statusBar(), self)
        self.full_articles.follow_sync(self.sync_controller, self.statusBar())
        sync_menu = self.menuBar().addMenu(self.tr("S&ync"))
        action(self.tr("&Sync now"), "F5", self.sync_controller.sync_now, sync_menu)
        action(self.tr("&Cancel sync"), "Shift+F5", self.sync_controller.cancel, sync_menu)
        action(self.tr("S&ources…"), "Ctrl+Shift+O", self.sync_controller.show_sources, sync_menu)
        action(self.tr("Sync &problems…"), "Ctrl+Shift+E", self.sync_controller.show_errors, sync_menu)
        # The interval, the retention and notifications are on the Settings dialog's Sync tab.
        action(self.tr("Sync &settings…"), "", lambda: self.show_settings(0), sync_menu)
        self.new_stories_notifier = NewStoriesNotifier(self.tasks, self.sync_controller, self.statusBar())
        sync_menu.addAction(self.new_stories_notifier.action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.shortcuts_action = action(
            self.tr("&Keyboard shortcuts"),
            QKeySequence.StandardKey.HelpContents,
            self.show_shortcuts,
            help_menu,
            "?",
        )
        action(self.tr("&Welcome"), "", lambda: show_welcome(Path(self.data_dir), self), help_menu)
        about = QAction(self.tr("&About Steppe Reader"), self)
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
        self.story_list.star_clicked.connect(lambda index: self.toggle_bookmark(index.data(STORY_ID_ROLE)))
        self.filter_bar.search_left.connect(self.focus_list)
        self.find_bar.closed.connect(self.article.setFocus)
        self.undo_button.clicked.connect(self.undo_mark_all)
        self.rates_panel.story_clicked.connect(self.on_rate_story_clicked)
        self.rates_panel.date_range_selected.connect(self.on_chart_dates_selected)
        self.article.link_refused.connect(
            lambda url: self.show_message(self.tr("Not opened: %1").replace("%1", url))
        )
        self.tasks.op_failed.connect(self.show_message)
        self.bookmark_actions.connect_signals()
        theme.manager().changed.connect(self._apply_text_size)  # the story again, in the new colours
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
        else:  # the list gets a third of the room, the sidebar its own width, the article the rest
            width = max(self.width(), self.minimumSizeHint().width())
            sidebar = self.rates_panel.minimumSizeHint().width()
            listed = max(self.story_list.minimumWidth(), width * 36 // 100)
            self.splitter.setSizes([listed, max(1, width - listed - sidebar), sidebar])
        if geometry is None:
            fit_first_window(self)
            if self.width() < 1280:  # a laptop screen: the list and the article need the room
                self.bookmark_actions.dock.hide()
        else:
            keep_on_screen(self)  # saved on a larger screen
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)  # the saved-searches panel, shown or hidden
        compact = self.settings.value("view/compact", False, type=bool)
        self.compact_action.setChecked(bool(compact))
        self.story_list.set_compact(bool(compact))
        rates = self.settings.value("view/rates_sidebar", True, type=bool)
        self.rates_action.setChecked(bool(rates))
        self.rates_panel.setVisible(bool(rates))
        self._text_step = int(str(self.settings.value("view/text_size", 0, type=int)))
        self._apply_text_size()
        self.theme_actions.load()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.tasks.attached and not self._close_when_attached:
            # Closed at start-up before the Library opened: hidden now and closed once it is
            # attached, so that nothing asked of it meanwhile (a story marked read, a bookmark)
            # is lost. Closed again without one (the start-up dialog's Quit), it closes.
            self._close_when_attached = True
            event.ignore()
            self.hide()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        self.sync_controller.stop()
        self.full_articles.cancel()  # the pages kept so far stay
        self.search_index.stop()  # the build resumes at the next start
        self.retag_job.stop()  # resumes at the next start
        self.rates_controller.refresher.stop()
        self.placer.stop()
        self.tasks.shutdown()  # running jobs end at their next step; nothing is left half-done
        super().closeEvent(event)

    # -- slots -----------------------------------------------------------------------------

    @Slot(str)
    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    @Slot(int, int)
    def on_retag_progressed(self, done: int, total: int) -> None:
        self.statusBar().showMessage(
            self.tr("Updating the stories' countries after the upgrade: %1 of %2…")
            .replace("%1", f"{done:,}")
            .replace("%2", f"{total:,}")
        )

    @Slot()
    def on_retag_finished(self) -> None:
        # The facets and counts follow the job's changes; the loaded rows all changed countries.
        self.show_message(self.tr("The stories' countries are up to date"))
        self.model.reload()

    @Slot(object)
    def on_filters_changed(self, query: StoryQuery) -> None:
        self.count_label.setText(self.tr("Loading…"))
        self.model.set_query(query)

    @Slot(int)
    def on_query_loaded(self, _total: int) -> None:
        self.count_label.setText(self._count_text())
        if self.model.rowCount() and not self.story_list.currentIndex().isValid():
            # Shown, not opened: selecting the first story never marks it read.
            self.story_list.setCurrentIndex(self.model.index(0, StoryListModel.TITLE))
            self.story_list.scrollToTop()
        elif not self.model.rowCount():
            self.article.show_welcome()
            self.full_articles.bar.clear()

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
        if self._pending_unread:
            self._pending_unread = False
            self.next_unread()

    @Slot(int)
    def on_rows_merged(self, inserted: int) -> None:
        # Rows went in above: move the scroll bar by as much, so the rows on screen stay put
        # (at the very top, the new stories simply show).
        bar = self.story_list.verticalScrollBar()
        if inserted and bar.value() > 0:
            row_height = max(1, self.story_list.row_height())
            per_item = self.story_list.verticalScrollMode().name == "ScrollPerItem"
            bar.setValue(bar.value() + inserted * (1 if per_item else row_height))
        self.count_label.setText(self._count_text())

    def _count_text(self) -> str:
        text = self.model.count_text()
        if self.model.query.text.strip() and self.search_index.building and self.search_index.status:
            text += self.tr(" · search index %1 % built").replace("%1", str(self.search_index.status.percent))
        return text

    @Slot(object)
    def on_search_index_progressed(self, _status: object) -> None:
        if self.model.query.text.strip():
            self.count_label.setText(self._count_text())

    @Slot()
    def on_search_index_built(self) -> None:
        # Said only to someone searching: after an upgrade the retag job's message may be showing.
        if self.model.query.text.strip():
            self.show_message(self.tr("Search index built: the search now covers every story"))
            self.model.set_query(self.model.query)

    @Slot(QModelIndex, QModelIndex)
    def on_current_story_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._opened_by_user = self.story_list.take_user_move()
        if current.isValid():
            self.open_story(current.data(STORY_ID_ROLE), mark_read=self._opened_by_user)

    @Slot(QModelIndex)
    def on_story_clicked(self, index: QModelIndex) -> None:
        if not self._opened_by_user:  # a click on the story that was only shown opens it
            self._opened_by_user = True
            self.open_story(index.data(STORY_ID_ROLE), mark_read=True)

    @Slot(QModelIndex)
    def on_story_activated(self, index: QModelIndex) -> None:
        """Enter (or a double click) opens the current story; on a story already open, its
        original in the browser."""
        if not index.isValid():
            return
        if self._opened_by_user and self.article.story_id == index.data(STORY_ID_ROLE):
            self.open_original()
        else:
            self._opened_by_user = True
            self.open_story(index.data(STORY_ID_ROLE), mark_read=True)

    def open_story(self, story_id: int, mark_read: bool = True) -> None:
        if not self.tasks.attached and (row := self.model.row_of(story_id)) is not None:
            story = self.model.story_at(row)  # start-up's first rows: the Library is on its way
            if story is not None:
                self.article.show_opening(story.title)
        # The words of the list's search are marked in the story.
        operations.open_story(story_id, mark_read, self.model.query.text).success(self.on_story_loaded).run(
            self.tasks
        )

    def on_story_loaded(self, opened: OpenedStory) -> None:
        current = self.story_list.currentIndex()
        if current.isValid() and current.data(STORY_ID_ROLE) != opened.article.story.id:
            return  # the user has moved on
        self._shown = opened
        self.article.show_article(opened.article, opened.images)
        self.full_articles.story_shown(opened)  # the version bar; the feed's text if chosen
        if self.find_bar.isVisible():
            self.find_bar.refresh()

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
            self.show_message(self.tr("Bookmarked") if outcome.value else self.tr("Bookmark removed"))

        operations.toggle_bookmark(story_id).success(done).run(self.tasks)

    @Slot()
    def on_mark_unread_triggered(self) -> None:
        story_id = self.current_story_id()
        if story_id is not None:
            operations.mark_read(story_id, False).run(self.tasks)

    # -- the keyboard flow ------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._focused_once:
            self._focused_once = True
            self.focus_list()

    @Slot()
    def focus_list(self) -> None:
        self.story_list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @Slot()
    def next_unread(self) -> None:
        """N: open the next unread story below the current one (paging the list in if need be)."""
        start = self.story_list.currentIndex().row() + 1
        for row in range(max(0, start), self.model.rowCount()):
            if not self.model.index(row, 0).data(READ_ROLE):
                self.story_list.open_row(row)
                self.story_list.scrollTo(self.model.index(row, 0))
                return
        if self.model.canFetchMore():
            self._pending_unread = True
            self.model.fetchMore()
        elif not self.model.fetching:
            self.show_message(self.tr("No more unread stories in this list"))

    @Slot()
    def on_space_triggered(self) -> None:
        """Space: the article's next page; at its end, the next unread story."""
        bar = self.article.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(min(bar.maximum(), bar.value() + max(1, bar.pageStep() - 40)))
        else:
            self.next_unread()

    @Slot()
    def open_original(self) -> None:
        index = self.story_list.currentIndex()
        story = index.data(SUMMARY_ROLE) if index.isValid() else None
        if story is None or not story.url:
            self.show_message(self.tr("This story has no original to open"))
            return
        if QDesktopServices.openUrl(QUrl(story.url)):
            self.show_message(self.tr("Opened %1").replace("%1", story.url))
        else:
            self.show_message(self.tr("Could not open a browser for %1").replace("%1", story.url))

    @Slot()
    def on_toggle_read_triggered(self) -> None:
        index = self.story_list.currentIndex()
        if index.isValid():
            operations.mark_read(index.data(STORY_ID_ROLE), not index.data(READ_ROLE)).run(self.tasks)

    @Slot()
    def on_mark_all_triggered(self) -> None:
        """Shift+A: every story of the current filter read (undone by Ctrl+Z or the Undo button)."""

        def done(outcome: Outcome[tuple[int, ...]]) -> None:
            self._undo_read = outcome.value
            if not outcome.value:
                self.show_message(self.tr("No unread stories in this list"))
                return
            self.undo_action.setEnabled(True)
            count = len(outcome.value)
            self.show_message(self.tr("Marked %Ln stories read", "", count))
            self.undo_button.show()
            QTimer.singleShot(12000, self._expire_undo_button)

        operations.mark_all_read(self.model.query).success(done).run(self.tasks)

    def _expire_undo_button(self) -> None:
        self.undo_button.hide()  # the action (Ctrl+Z) stays until the next mark-all

    @Slot()
    def undo_mark_all(self) -> None:
        ids, self._undo_read = self._undo_read, ()
        self.undo_action.setEnabled(False)
        self.undo_button.hide()
        if ids:
            count = len(ids)
            operations.mark_unread_many(ids).success(
                lambda _changes: self.show_message(self.tr("%Ln stories unread again", "", count))
            ).run(self.tasks)

    @Slot()
    def on_compact_toggled(self) -> None:
        compact = self.compact_action.isChecked()
        self.story_list.set_compact(compact)
        self.settings.setValue("view/compact", compact)
        current = self.story_list.currentIndex()
        if current.isValid():
            QTimer.singleShot(0, lambda: self.story_list.scrollTo(current))

    @Slot()
    def on_rates_toggled(self) -> None:
        shown = self.rates_action.isChecked()
        listed, article, sidebar = self.splitter.sizes()
        self.rates_panel.setVisible(shown)
        if shown:  # the sidebar's room comes from the article, the list keeps its width
            width = self.rates_panel.minimumSizeHint().width()
            self.splitter.setSizes([listed, max(1, article - width), width])
        else:  # and goes back to the article
            self.splitter.setSizes([listed, article + sidebar, 0])
        self.settings.setValue("view/rates_sidebar", shown)

    TEXT_STEPS = TEXT_SCALES

    def change_text_size(self, step: int) -> None:
        """Ctrl+plus / Ctrl+minus one step, Ctrl+0 back to normal; remembered."""
        self.set_text_size(0 if step == 0 else max(-2, min(4, self._text_step + step)))

    @Slot(int)
    def set_text_size(self, step: int) -> None:
        """A text size chosen in Settings (a step of TEXT_STEPS); remembered."""
        self._text_step = step
        self.settings.setValue("view/text_size", self._text_step)
        self._apply_text_size()

    def _apply_text_size(self) -> None:
        self._text_step = max(-2, min(4, self._text_step))
        self.article.set_text_scale(self.TEXT_STEPS[self._text_step + 2])
        shown = self._shown
        if shown is not None and self.article.story_id == shown.article.story.id:
            bar = self.article.verticalScrollBar()
            at = bar.value() / max(1, bar.maximum())
            self.article.show_article(shown.article, shown.images)  # laid out again at the new size
            self.full_articles.story_shown(shown)  # the version the reader chose
            bar.setValue(round(at * bar.maximum()))

    def show_settings(self, tab: int | None = None) -> None:
        self.settings_dialog = SettingsDialog(
            self.tasks, Path(self.data_dir), self, text_step=self._text_step
        )
        self.settings_dialog.text_size_chosen.connect(self.set_text_size)
        self.settings_dialog.sources_requested.connect(self.sync_controller.show_sources)
        if tab is not None:
            self.settings_dialog.tabs.setCurrentIndex(tab)
        self.settings_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog.destroyed.connect(lambda *_: setattr(self, "settings_dialog", None))
        self.settings_dialog.open()  # window-modal; OK saves through the task manager

    @Slot()
    def show_shortcuts(self) -> None:
        if self.shortcuts_sheet is not None:
            self.shortcuts_sheet.close()
        self.shortcuts_sheet = ShortcutsSheet(self)  # made afresh: the actions as they are now
        self.shortcuts_sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.shortcuts_sheet.destroyed.connect(lambda *_: setattr(self, "shortcuts_sheet", None))
        self.shortcuts_sheet.show()

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
            self.tr("About Steppe Reader"),
            self.tr(
                "<b>Steppe Reader %1</b><p>News from Central Asia with the currency rates that "
                "shape it.</p><p>Sample stories are written for Steppe Reader from public facts. Rates: "
                "exchange-api by fawazahmed0 (CC0).</p>"
                "<p>Data folder: %2</p>"
            )
            .replace("%1", __version__)
            .replace("%2", str(Path(self.data_dir))),
        )
