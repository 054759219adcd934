"""The story list's first page, and the two settings the first frame needs, read with the
standard library's sqlite3 before SQLAlchemy and the Library load (issue 13's start-up).

The window shows these rows at once, while the rest of the core loads and the Library opens; its
first query through the Library then refreshes them (in place, when they are the same stories).
Only a cache at the newest schema is read here, read-only: a missing, older, newer, damaged or
locked one gives None, and the window waits for the Library as before, whose opening says what
is wrong. `settled` says whether opening the Library would change anything these rows show (the
bundled data to load, countries to re-tag, bookmarks to restore from the backup): when it would
not, `steppe stories` prints them without opening it. The page is the Library's own
(reader.core.stories.page_stories for the default query, rows made by reader.core.story_rows);
tests/core/test_first_page.py compares the two.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from reader.core.bundle import DIGEST_KEY, bundled_digest
from reader.core.compressed import decompress
from reader.core.errors import BundledDataError, DataFolderError
from reader.core.paths import BACKUP_NAME, DATABASE_NAME, bundled_data_dir, data_folder
from reader.core.schema import SCHEMA_HEAD
from reader.core.story_rows import summary_of
from reader.core.tagger_version import TAGGER_VERSION, TAGGER_VERSION_KEY
from reader.core.types import Cursor, StoryCount, StoryPage
from reader.core.types.settings import STORED_PREFIX, UI_LANGUAGE, UI_THEME

# Newest first, as page_stories orders the default query: SQLite walks ix_story_published
# backwards and stops after the page (tests/core/test_first_page.py checks the plan).
PAGE_SQL = """
SELECT s.id, s.title, s.url, s.source_id, src.name, src.is_sample, s.published_at, s.summary,
       s.read_at, s.language,
       EXISTS (SELECT 1 FROM bookmark AS b WHERE b.story_id = s.id) AS is_bookmarked,
       EXISTS (SELECT 1 FROM story_full AS f WHERE f.story_id = s.id AND f.status = 'ok') AS has_full,
       s.content_text
FROM story AS s JOIN source AS src ON src.id = s.source_id
ORDER BY s.published_at DESC, s.id DESC
LIMIT ?
"""
COUNT_SQL = "SELECT count(*) FROM story"
# Timed out rather than waited on: a cache busy for longer is opened the usual way.
BUSY_MS = 200


class _Row(NamedTuple):
    id: int
    title: str
    url: str | None
    source_id: int
    name: str
    is_sample: int
    published_at: dt.datetime
    summary: str | None
    read_at: str | None
    language: str | None
    is_bookmarked: int
    has_full: int
    content_text: str | None


@dataclass(frozen=True)
class FirstLook:
    """What the first frame shows: the folder read, the theme and language chosen in it, the
    default query's first page and its count; `settled`: opening the Library would leave all of
    it as it is."""

    data_dir: Path
    theme: str
    language: str
    page: StoryPage
    count: StoryCount
    settled: bool


def first_look(data_dir: Path | None, limit: int) -> FirstLook | None:
    """The first `limit` stories of the cache in `data_dir` (None: the default folder), newest
    first, with the theme and language; None when the cache is not one to read this way."""
    try:
        folder = data_folder(data_dir, create=False)
    except DataFolderError:
        return None
    path = folder / DATABASE_NAME
    if not path.is_file():
        return None  # a first start: the Library creates and fills it
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_MS / 1000)
    except sqlite3.Error:
        return None
    try:
        revisions = [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        if revisions != [SCHEMA_HEAD]:
            return None  # to be upgraded, or newer than this version: the Library's to say
        theme, language = (
            option.from_stored(_stored(conn, STORED_PREFIX + option.name))
            for option in (UI_THEME, UI_LANGUAGE)
        )
        page = _page(conn, limit)
        count = StoryCount(int(conn.execute(COUNT_SQL).fetchone()[0]))
        settled = _settled(conn, folder, count.value)
    except (sqlite3.Error, ValueError):
        return None  # damaged, locked, not ours: opening the Library says what is wrong
    finally:
        conn.close()
    return FirstLook(folder, theme, language, page, count, settled)


def _stored(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _settled(conn: sqlite3.Connection, folder: Path, stories: int) -> bool:
    """Opening the Library would change nothing listed: the bundled data loaded is this version's
    (reader.core.seed), no story awaits re-tagging (reader.core.retag.is_pending), and no bookmark
    is to come back from the backup (Bookmarks.restore_if_lost)."""
    try:
        if _stored(conn, DIGEST_KEY) != bundled_digest(bundled_data_dir()):
            return False
    except BundledDataError:
        return False  # the Library's opening says what is missing
    if stories and _stored(conn, TAGGER_VERSION_KEY) != str(TAGGER_VERSION):
        return False
    lost = conn.execute("SELECT 1 FROM bookmark LIMIT 1").fetchone() is None
    return not (lost and (folder / BACKUP_NAME).is_file())


def _page(conn: sqlite3.Connection, limit: int) -> StoryPage:
    rows = [_row(r) for r in conn.execute(PAGE_SQL, (limit + 1,))]
    more = len(rows) > limit
    rows = rows[:limit]
    ids = [r.id for r in rows]
    countries, mentioned, sections = _tags(conn, ids)
    stories = tuple(summary_of(r, countries, sections, mentioned, None) for r in rows)
    next_cursor = Cursor(key=rows[-1].published_at, story_id=rows[-1].id) if more and rows else None
    return StoryPage(stories=stories, next_cursor=next_cursor)


def _row(raw: Sequence[Any]) -> _Row:
    values = list(raw)
    values[6] = _utc(values[6])  # published_at, stored as naive UTC text (models.UTCDateTime)
    values[12] = None if values[12] is None else decompress(values[12])  # content_text (0009)
    return _Row(*values)


def _utc(stored: str) -> dt.datetime:
    return dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC)


def _tags(
    conn: sqlite3.Connection, ids: list[int]
) -> tuple[dict[int, tuple[str, ...]], dict[int, tuple[str, ...]], dict[int, tuple[str, ...]]]:
    """(primary countries, mentioned countries, sections) of these stories, each sorted, as
    reader.core.stories.tags_of and mentioned_of give them."""
    by_role: dict[str, defaultdict[int, list[str]]] = {
        "primary": defaultdict(list),
        "mentioned": defaultdict(list),
    }
    sections: defaultdict[int, list[str]] = defaultdict(list)
    if ids:
        marks = ",".join("?" * len(ids))
        for story_id, code, role in conn.execute(
            f"SELECT story_id, country_code, role FROM story_country WHERE story_id IN ({marks}) "
            "ORDER BY country_code",
            ids,
        ):
            if role in by_role:
                by_role[role][story_id].append(code)
        for story_id, name in conn.execute(
            f"SELECT ss.story_id, sec.name FROM story_section AS ss JOIN section AS sec ON sec.id = ss.section_id "
            f"WHERE ss.story_id IN ({marks}) ORDER BY sec.name",
            ids,
        ):
            sections[story_id].append(name)

    def frozen(found: defaultdict[int, list[str]]) -> dict[int, tuple[str, ...]]:
        return {k: tuple(v) for k, v in found.items()}

    return frozen(by_role["primary"]), frozen(by_role["mentioned"]), frozen(sections)
