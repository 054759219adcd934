"""Every operation the window runs, by name, in one place (Anki's aqt/operations).

Each returns an `Op` (or a long `Job`) for the caller to give callbacks and run:
`operations.toggle_bookmark(story_id).success(done).run(tasks)`. The functions here run on a
worker with the Library and never touch a widget; what they return reaches the GUI thread.
Writes return the Library's `Changes`, which the task manager announces to every view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QImage

from reader.core.errors import UnknownCurrency
from reader.core.types import (
    SIDEBAR_CURRENCIES,
    SIDEBAR_INVERSE,
    TICKER_CURRENCIES,
    Article,
    BookmarkInfo,
    Changes,
    Conversion,
    Cursor,
    DataState,
    ExportFormat,
    ExportResult,
    ExportScope,
    Facets,
    IndexStatus,
    LibraryStatus,
    Option,
    Outcome,
    ProviderStatus,
    RateQuote,
    RateSeries,
    RatesReport,
    RetagProgress,
    SavedSearch,
    SortOrder,
    SourceStatus,
    StoryCount,
    StoryPage,
    StoryQuery,
    StorySummary,
    SyncReport,
)
from reader.ui.pane_words import pane_words
from reader.ui.tasks import Job, Op

if TYPE_CHECKING:
    from reader.core.articles.service import ArticleRun
    from reader.core.library import Library
    from reader.ui.rate_chart import ChartData

# -- the story list ---------------------------------------------------------------------------


def load_query(query: StoryQuery, limit: int) -> Op[tuple[StoryCount, StoryPage]]:
    """A new query's count and first page, read side by side (Stories.first_page). A search
    with very many matches is counted roughly ("about 59,400"): exactly, it would cost more than
    the page itself."""
    return Op("Load stories", lambda lib: lib.stories.first_page(query, limit))


def load_page(query: StoryQuery, after: Cursor, limit: int) -> Op[StoryPage]:
    """The next keyset page (the model's fetchMore)."""
    return Op("Load more stories", lambda lib: lib.stories.page(query, after, limit))


def count(query: StoryQuery) -> Op[int]:
    return Op("Count stories", lambda lib: lib.stories.count(query))


def refresh_rows(story_ids: list[int]) -> Op[list[StorySummary]]:
    """Fresh rows for stories a write changed; those missing from the answer are gone."""
    return Op("Refresh stories", lambda lib: lib.stories.summaries(story_ids))


def load_new_stories(
    query: StoryQuery, top: tuple[dt.datetime, int] | None, limit: int
) -> Op[tuple[int, list[StorySummary]]]:
    """After stories arrived: the ones newer than the list's first row (newest-first lists),
    and the new count. Bounded: a reload shows the rest."""

    def load(lib: Library) -> tuple[int, list[StorySummary]]:
        fresh: list[StorySummary] = []
        if query.effective_sort is SortOrder.NEWEST:
            cursor = None
            while len(fresh) < 10 * limit:
                page = lib.stories.page(query, cursor, limit)
                for story in page.stories:
                    if top is not None and (story.published_at, story.id) <= top:
                        return lib.stories.count(query), fresh
                    fresh.append(story)
                if page.next_cursor is None:
                    break
                cursor = page.next_cursor
        return lib.stories.count(query), fresh

    return Op("Load new stories", load)


def search_index_status() -> Op[IndexStatus]:
    return Op("Check the search index", lambda lib: lib.search_index.status())


def build_search_index() -> Op[IndexStatus]:
    """One step of building the search index (a few hundred stories, one transaction)."""
    return Op("Build the search index", lambda lib: lib.search_index.step())


def load_facets(query: StoryQuery | None = None) -> Op[Facets]:
    """The drop-downs' values, counted within `query`'s other filters."""
    return Op("Load filters", lambda lib: lib.stories.facets(query))


def load_state() -> Op[DataState]:
    return Op("Load status", lambda lib: lib.state())


def load_status() -> Op[tuple[DataState, LibraryStatus]]:
    """What the cache holds, and its one status (last sync, rates, offline) for the status bar."""
    return Op("Load status", lambda lib: (lib.state(), lib.status()))


# -- one story --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenedStory:
    """A story for the article pane: its Article, and its cached images decoded off the GUI
    thread (the pane never reads a file while it lays the story out)."""

    article: Article
    images: dict[str, QImage] = field(default_factory=dict)
    changes: Changes = field(default_factory=Changes)


def open_story(story_id: int, mark_read: bool, highlight: str = "") -> Op[OpenedStory]:
    """Show a story, the words of the search `highlight` marked in it; when the user opened it
    (not a selection made for them), mark it read."""

    words = pane_words()  # on the GUI thread, in the window's language now

    def load(lib: Library) -> OpenedStory:
        # The story read once, with its money and images.
        article = lib.stories.article(story_id, highlight, words)
        changes = Changes()
        if mark_read and not article.story.is_read:
            changes = lib.stories.mark_read(story_id, True)
        images = {
            url: image for url, path in article.images.items() if not (image := QImage(str(path))).isNull()
        }
        return OpenedStory(article, images, changes)

    return Op("Open story", load)


@dataclass(frozen=True)
class FetchedArticle:
    """A story's page fetched now: `note` says why there is no full text (None: it was kept)."""

    note: str | None
    changes: Changes = field(default_factory=Changes)


def fetch_full_article(story_id: int) -> Op[FetchedArticle]:
    """Fetch the story's page and keep its full text (or the failure as its note): the page is
    read on the network pool, the result written through the Library's one writer."""

    def fetch(lib: Library) -> FetchedArticle:
        changes = lib.articles.fetch(story_id)
        full = lib.articles.get(story_id)
        note = None if full is None or full.ok else f"{full.note} The feed's summary is kept."
        return FetchedArticle(note, changes)

    return Op("Fetch full article", fetch, network=True)


def fetch_wanted_articles() -> Job[ArticleRun]:
    """The background run after a sync: the wanted full articles, politely; progress comes
    back as ArticleProgress, one per page; cancelled between pages."""
    return Job(
        "Fetch full articles",
        lambda lib, job: lib.articles.fetch_wanted(progress=job.report, cancel=job.cancelled),
    )


def set_full_articles(source_id: int, mode: str) -> Op[Changes]:
    """A source's "Full articles" setting: automatic, always or never."""
    return Op("Set full articles", lambda lib: lib.articles.set_mode(source_id, mode))


def mark_read(story_id: int, read: bool) -> Op[Changes]:
    return Op("Mark read" if read else "Mark unread", lambda lib: lib.stories.mark_read(story_id, read))


def mark_all_read(query: StoryQuery) -> Op[Outcome[tuple[int, ...]]]:
    return Op("Mark all as read", lambda lib: lib.stories.mark_all_read(query))


def mark_unread_many(story_ids: tuple[int, ...]) -> Op[Changes]:
    return Op("Undo mark all as read", lambda lib: lib.stories.mark_unread_many(story_ids))


def toggle_bookmark(story_id: int) -> Op[Outcome[bool]]:
    return Op("Toggle bookmark", lambda lib: lib.bookmarks.toggle(story_id))


def remove_bookmark(story_id: int) -> Op[Changes]:
    return Op("Remove bookmark", lambda lib: lib.bookmarks.set(story_id, False))


def edit_bookmark(story_id: int, note: str, tags: str) -> Op[Changes]:
    return Op("Edit bookmark", lambda lib: lib.bookmarks.edit(story_id, note=note, tags=[tags]))


def load_bookmark(story_id: int) -> Op[tuple[str, BookmarkInfo | None]]:
    return Op("Load bookmark", lambda lib: (lib.stories.get(story_id).title, lib.bookmarks.get(story_id)))


def find_bookmarks(text: str, tag: str | None, unread_only: bool) -> Op[tuple[list[BookmarkInfo], list[str]]]:
    return Op(
        "Find bookmarks", lambda lib: (lib.bookmarks.find(text, tag, unread_only), lib.bookmarks.tags())
    )


def retag_pending() -> Op[bool]:
    return Op("Check the countries' tagger", lambda lib: lib.retag_pending())


def retag_step(limit: int) -> Op[Outcome[RetagProgress]]:
    """The next chunk of stories re-tagged; once all are, their countries went stale everywhere."""

    def step(lib: Library) -> Outcome[RetagProgress]:
        progress = lib.retag_step(limit)
        return Outcome(progress, Changes(stories=True) if progress.finished else Changes())

    return Op("Re-tag countries", step)


# -- saved searches ---------------------------------------------------------------------------


def load_saved_searches() -> Op[list[SavedSearch]]:
    return Op("Load saved searches", lambda lib: lib.saved_searches.all())


def count_new_in_saved_searches(story_ids: tuple[int, ...]) -> Op[list[tuple[str, int]]]:
    """How many of a sync's new stories each saved search matches (those matching some)."""
    return Op("Count new stories", lambda lib: lib.saved_searches.count_new(story_ids))


def save_search(name: str, query: StoryQuery) -> Op[Outcome[SavedSearch]]:
    return Op("Save search", lambda lib: lib.saved_searches.save(name, query))


def update_search(search_id: int, name: str | None, query: StoryQuery | None) -> Op[Changes]:
    return Op("Edit saved search", lambda lib: lib.saved_searches.update(search_id, name=name, query=query))


def remove_search(search_id: int) -> Op[Changes]:
    return Op("Remove saved search", lambda lib: lib.saved_searches.remove(search_id))


# -- sources and sync -------------------------------------------------------------------------


def list_sources() -> Op[list[SourceStatus]]:
    return Op("List sources", lambda lib: lib.sources.list())


def add_source(url: str, name: str | None) -> Op[Outcome[SourceStatus]]:
    """Finding a site's feed reads the site: on the network pool, not the database thread."""
    return Op("Add source", lambda lib: lib.sources.add(url, name), network=True)


def rename_source(source_id: int, name: str) -> Op[Changes]:
    return Op("Rename source", lambda lib: lib.sources.rename(source_id, name))


def set_source_enabled(source_id: int, enabled: bool) -> Op[Changes]:
    return Op("Switch source", lambda lib: lib.sources.set_enabled(source_id, enabled))


def remove_source(source_id: int) -> Op[Outcome[int]]:
    return Op("Remove source", lambda lib: lib.sources.remove(source_id))


def import_opml(path: Path) -> Op[Outcome[tuple[int, int]]]:
    return Op("Import OPML", lambda lib: lib.sources.import_opml(path))


def export_opml(path: Path) -> Op[int]:
    return Op("Export OPML", lambda lib: lib.sources.export_opml(path))


def sync_stories() -> Job[SyncReport]:
    """Fetch the enabled sources: the fetches fan out on the network pool, each source's
    result is written through the Library's one writer, progress comes back as SyncProgress."""
    return Job(
        "Sync",
        lambda lib, job: lib.sync.run(progress=job.report, cancel=job.cancelled, executor=job.pool),
    )


# -- rates ------------------------------------------------------------------------------------


def refresh_rates(providers: list[str] | None) -> Job[RatesReport]:
    return Job("Refresh rates", lambda lib, job: lib.rates.refresh(providers, cancel=job.cancelled))


def fetch_official_rates(currency: str) -> Job[RatesReport]:
    """The chart's "Fetch official rates": the currency's central bank, its recent past
    back-filled; progress is the provider and date being asked ("nbk 2026-09-01")."""
    return Job(
        "Fetch official rates",
        lambda lib, job: lib.rates.refresh_official(currency, progress=job.report, cancel=job.cancelled),
    )


@dataclass(frozen=True)
class SidebarData:
    """Everything the rates sidebar shows, read in one go."""

    quotes: tuple[RateQuote, ...]
    sparklines: dict[str, tuple[float, ...]] = field(default_factory=dict)  # dollar value per unit
    statuses: tuple[ProviderStatus, ...] = ()
    missing: tuple[str, ...] = ()  # asked-for currencies with no stored rates
    inverse: bool = False
    currencies: tuple[str, ...] = TICKER_CURRENCIES


SPARK_DAYS = 120


def load_sidebar() -> Op[SidebarData]:
    def load(lib: Library) -> SidebarData:
        codes = lib.settings.get(SIDEBAR_CURRENCIES)
        quotes: list[RateQuote] = []
        missing: list[str] = []
        sparks: dict[str, tuple[float, ...]] = {}
        for code in codes:
            try:
                (quote,) = lib.rates.latest([code])
            except UnknownCurrency:
                missing.append(code)
                continue
            quotes.append(quote)
            series = lib.rates.series(
                code, since=quote.as_of - dt.timedelta(days=SPARK_DAYS), provider=quote.provider
            )
            sparks[code] = tuple(1.0 / v for v in series.units_per_usd)
        return SidebarData(
            tuple(quotes), sparks, tuple(lib.rates.provider_statuses()), tuple(missing),
            lib.settings.get(SIDEBAR_INVERSE), codes,
        )  # fmt: skip

    return Op("Load rates", load)


def load_chart_code() -> Op[None]:
    """The chart's module with pyqtgraph and numpy (~0.3 s of imports), on the network pool: the
    database worker goes on serving the list and the filters meanwhile (issue 13)."""

    def load(_lib: Library) -> None:
        import reader.ui.rate_chart  # noqa: F401

    return Op("Load the chart's code", load, network=True)


def load_chart(mode: str, currency: str, compared: list[str]) -> Op[ChartData]:
    def load(lib: Library) -> ChartData:
        # Already imported by load_chart_code (rates_panel asks for it first); here for the types.
        from reader.ui.rate_chart import ChartData, Mode

        series: tuple[RateSeries, ...]
        markers: tuple[Any, ...] = ()
        if mode == Mode.COMPARE:
            found = []
            for code in compared or [currency]:
                try:
                    found.append(lib.rates.series(code))
                except UnknownCurrency:
                    continue
            series = tuple(found)
        elif mode == Mode.OFFICIAL:
            series = lib.rates.official_vs_market(currency)
        else:
            series = (lib.rates.series(currency),)
            markers = tuple(lib.rates.markers(currency))
        return ChartData(
            mode, currency, series, markers, tuple(lib.rates.arrays(s) for s in series),
            lib.rates.official_provider(currency),
        )  # fmt: skip

    return Op("Load chart", load)


def load_currencies() -> Op[tuple[list[tuple[str, str]], tuple[str, ...]]]:
    return Op("Load currencies", lambda lib: (lib.rates.currencies(), lib.settings.get(SIDEBAR_CURRENCIES)))


def convert_text(text: str, source: str, target: str, on: dt.date | None) -> Op[Conversion]:
    """An amount as typed ("1,500", "12,5"; ValueError if it is none), converted."""
    return Op("Convert", lambda lib: lib.rates.convert(lib.rates.parse_amount(text), source, target, on))


# -- settings ---------------------------------------------------------------------------------


def load_setting(option: Option[Any]) -> Op[Any]:
    return Op(f"Read {option.name}", lambda lib: lib.settings.get(option))


def save_setting(option: Option[Any], value: object) -> Op[Changes]:
    return Op(f"Set {option.name}", lambda lib: lib.settings.set(option, value))


def load_settings(options: tuple[Option[Any], ...]) -> Op[dict[str, Any]]:
    """Every option's current value by name (the Settings dialog's form)."""
    return Op("Read the settings", lambda lib: {o.name: lib.settings.get(o) for o in options})


def save_settings(values: list[tuple[Option[Any], object]]) -> Op[Changes]:
    """Several settings at once; each is checked by its option, and one Changes says them all."""

    def save(lib: Library) -> Changes:
        changes = Changes()
        for option, value in values:
            changes |= lib.settings.set(option, value)
        return changes

    return Op("Save the settings", save)


def load_schedule(option: Option[int]) -> Op[tuple[int, LibraryStatus]]:
    """An interval setting with the Library's status (its last sync: the one the status bar says)."""
    return Op("Load schedule", lambda lib: (lib.settings.get(option), lib.status()))


# -- export -----------------------------------------------------------------------------------


def count_export_scopes(query: StoryQuery, story_id: int | None) -> Op[tuple[int, int, str | None]]:
    def count(lib: Library) -> tuple[int, int, str | None]:
        title = lib.stories.get(story_id).title if story_id is not None else None
        return lib.stories.count(query), lib.stories.count(StoryQuery(bookmarked_only=True)), title

    return Op("Count stories to export", count)


def check_export_destination(path: Path, fmt: ExportFormat) -> Op[tuple[Path, bool]]:
    """Whether the export can be written there (and whether it would replace something)."""
    return Op("Check the destination", lambda lib: lib.export.check_destination(path, fmt))


def export(fmt: ExportFormat, path: Path, scope: ExportScope, force: bool) -> Job[ExportResult]:
    """Write the export on the parallel pool (its reads run beside the writer under WAL);
    progress is (done, total), and a cancel writes nothing."""

    def run(lib: Library, job: Job[ExportResult]) -> ExportResult:
        def progress(done: int, total: int) -> bool:
            job.report((done, total))
            return not job.cancelled.is_set()

        return lib.export.run(fmt, path, scope, force=force, progress=progress)

    return Job("Export", run)
