"""Full articles in the window (issue 15): the pane's "Feed version / Full article" bar, the
Story menu's "Fetch full article", and the background run after each sync.

The run is a Job on the network pool (reader.ui.operations.fetch_wanted_articles): two pages at
a time per host, each kept through the Library's one writer as it arrives. Its progress and a
Cancel button sit in the status bar while it runs; a new sync, or closing the window, cancels
it. A page that fails is that story's note (the bar shows it), never a failed sync.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QStatusBar, QToolButton

from reader.core.errors import ReaderError
from reader.core.logs import active_log_file, internal_message
from reader.core.types import Article, SyncReport
from reader.ui import operations
from reader.ui.article_source_bar import FEED, ArticleSourceBar
from reader.ui.article_view import ArticleView
from reader.ui.operations import OpenedStory
from reader.ui.sync_controller import SyncController
from reader.ui.tasks import Job, TaskManager

if TYPE_CHECKING:  # the service (and its HTTP client) loads with the first run, not at start-up
    from reader.core.articles.service import ArticleProgress, ArticleRun

log = logging.getLogger(__name__)


class FullArticles(QObject):
    run_finished = Signal(object)  # ArticleRun
    fetch_finished = Signal(int)  # the story's id, fetched (kept or its note)

    def __init__(
        self,
        tasks: TaskManager,
        view: ArticleView,
        reopen: Callable[[int], None],
        message: Callable[[str], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.view = view
        self._reopen = reopen  # shows the story again, as stored now (never marks it read)
        self._message = message
        self.bar = ArticleSourceBar()  # the window lays it out over the pane
        self._opened: OpenedStory | None = None
        self._job: Job[ArticleRun] | None = None
        self.fetch_action: QAction | None = None
        self.status_label = QLabel()
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)  # it names stories
        self.status_label.setAccessibleName("Full articles status")
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop fetching the full articles (those kept so far stay)")
        self.cancel_button.clicked.connect(self.cancel)
        self._set_running(False)
        self.bar.version_chosen.connect(self.on_version_chosen)
        self.bar.fetch_requested.connect(self.fetch)

    # -- hooks into the window ---------------------------------------------------------------

    def add_actions(self, story_menu: QMenu) -> None:
        self.fetch_action = QAction(self.tr("Fetch &full article"), self.bar)
        self.fetch_action.setShortcut(QKeySequence("Ctrl+Shift+A"))
        self.fetch_action.setToolTip(
            self.tr("Fetch the story's page and keep the whole story for offline reading")
        )
        self.fetch_action.triggered.connect(self.on_fetch_triggered)
        story_menu.addAction(self.fetch_action)

    def follow_sync(self, sync: SyncController, status_bar: QStatusBar) -> None:
        """After each sync that was not cancelled, fetch the wanted full articles; a new sync
        cancels a run still going (it starts again after that sync)."""
        status_bar.addPermanentWidget(self.status_label)
        status_bar.addPermanentWidget(self.cancel_button)
        sync.sync_started.connect(self.cancel)
        sync.sync_finished.connect(self.on_sync_finished)

    def story_shown(self, opened: OpenedStory) -> None:
        """The window showed this story in the pane: set the bar (and keep the other version)."""
        self._opened = opened
        self.bar.show_article(opened.article)
        if self.bar.version == FEED and opened.article.feed_html is not None:
            self._show_version(FEED)

    # -- the toggle ----------------------------------------------------------------------------

    @Slot(str)
    def on_version_chosen(self, version: str) -> None:
        self._show_version(version)

    def _show_version(self, version: str) -> None:
        opened = self._opened
        if opened is None or opened.article.story.id != self.view.story_id:
            return
        article: Article = opened.article
        if version == FEED and article.feed_html is not None:
            article = dataclasses.replace(article, html=article.feed_html)
        self.view.show_article(article, opened.images)

    # -- one story's page ----------------------------------------------------------------------

    @Slot()
    def on_fetch_triggered(self) -> None:
        story_id = self.view.story_id
        if story_id is None:
            self._message("Select a story first")
            return
        self.fetch(story_id)

    @Slot(int)
    def fetch(self, story_id: int) -> None:
        if self.bar.story_id == story_id:
            self.bar.show_fetching()
        self._message("Fetching the full article…")
        operations.fetch_full_article(story_id).success(
            lambda outcome: self._fetched(story_id, outcome)
        ).failure(lambda error: self._fetch_failed(story_id, error)).run(self.tasks)

    def _fetched(self, story_id: int, outcome: operations.FetchedArticle) -> None:
        self._message(outcome.note or "Full article kept for offline reading")
        self._refresh(story_id)
        self.fetch_finished.emit(story_id)

    def _fetch_failed(self, story_id: int, error: BaseException) -> None:
        self._message(_plain(error, "fetch the full article"))
        self._refresh(story_id)
        self.fetch_finished.emit(story_id)

    def _refresh(self, story_id: int) -> None:
        if self.view.story_id == story_id:
            self._reopen(story_id)

    # -- the background run ------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._job is not None

    @Slot(object)
    def on_sync_finished(self, report: SyncReport) -> None:
        if not report.cancelled:
            self.fetch_wanted()

    def fetch_wanted(self) -> None:
        if self.running:
            return
        self._set_running(True)
        self.status_label.setText("Full articles: looking for summary-only stories…")
        job = operations.fetch_wanted_articles()
        job.progress(self.on_run_progressed).success(self.on_run_done).failure(self.on_run_failed)
        self._job = job
        job.run(self.tasks)

    @Slot()
    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self.status_label.setText("Full articles: cancelling…")
            self.cancel_button.setEnabled(False)

    def on_run_progressed(self, step: ArticleProgress) -> None:
        if not self.running:
            return
        self.status_label.setText(f"Full articles {step.done}/{step.total}: {_short(step.title)}")
        self.status_label.setToolTip(step.note or "")
        self._refresh(step.story_id)

    def on_run_done(self, run: ArticleRun) -> None:
        self._job = None
        self._set_running(False)
        if run.kept or run.failed or run.cancelled:
            self._message(run.summary())
        self.run_finished.emit(run)

    def on_run_failed(self, error: BaseException) -> None:
        self._job = None
        self._set_running(False)
        self._message(_plain(error, "fetch the full articles"))

    def _set_running(self, running: bool) -> None:
        self.status_label.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running)


def _short(title: str, width: int = 48) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


def _plain(error: BaseException, doing: str) -> str:
    """A ReaderError in its words; a bug is logged with its traceback, never shown as one."""
    if isinstance(error, ReaderError):
        return str(error)
    log.error("Could not %s", doing, exc_info=error)
    return internal_message(doing, active_log_file())
