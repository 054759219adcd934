"""Test helpers that write through the real database, never mocks of our own code."""

from __future__ import annotations

import datetime as dt
import json
import socket
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, select, text
from sqlalchemy.dialects.sqlite import insert

from reader.core import search
from reader.core.html import html_to_text
from reader.core.library import Library
from reader.core.logs import setup_logging, stop_logging
from reader.core.models import Section, Source, Story, StoryFull, story_country, story_section
from reader.core.paths import DATABASE_NAME, bundled_data_dir


@contextmanager
def writing(library: Library) -> Iterator[Connection]:
    """A write transaction to set up a test's data, on the storage's engine (as lemon24/reader's
    tests use `reader._storage`): tests arrange data between operations, never beside them."""
    with library._storage._engine.begin() as conn:
        yield conn


def add_source(library: Library, name: str = "Test feed", url: str = "https://example.test/feed/") -> int:
    with writing(library) as conn:
        return int(
            conn.execute(
                insert(Source)
                .values(name=name, feed_url=url, kind="rss", enabled=True, is_sample=False,
                        created_at=dt.datetime.now(dt.UTC))
                .returning(Source.id)
            ).scalar_one()
        )  # fmt: skip


def add_story(
    library: Library,
    source_id: int,
    title: str,
    body: str = "<p>Body.</p>",
    published: dt.datetime | None = None,
    countries: Sequence[str] = (),
    sections: Sequence[str] = (),
    guid: str | None = None,
    language: str | None = None,
) -> int:
    published = published or dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with writing(library) as conn:
        story_id = int(
            conn.execute(
                insert(Story)
                .values(
                    source_id=source_id,
                    guid=guid or f"{title}-{published.isoformat()}",
                    url=f"https://example.test/{abs(hash(title))}",
                    title=title,
                    published_at=published,
                    fetched_at=dt.datetime.now(dt.UTC),
                    content_html=body,
                    content_text=html_to_text(body),
                    language=language,
                )
                .returning(Story.id)
            ).scalar_one()
        )
        for code in countries:
            conn.execute(insert(story_country).values(story_id=story_id, country_code=code))
        for slug in sections:
            section_id = conn.execute(select(Section.id).where(Section.slug == slug)).scalar_one()
            conn.execute(insert(story_section).values(story_id=story_id, section_id=section_id))
        search.reindex_stories(conn, [story_id])
    return story_id


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on (bound, then released): connecting is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def refuse_inserts(library: Library, table: str, condition: str) -> None:
    """A database constraint that refuses the rows matching `condition` (SQL on NEW): the
    database itself raises, as a real constraint error would — no mock of our code."""
    with writing(library) as conn:
        conn.execute(
            text(
                f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, 'refused by the test trigger on {table}'); END"
            )
        )


@contextmanager
def logging_to_its_folder(library: Library) -> Iterator[Library]:
    """The library with the app's log file in its data folder, as the CLI and the window set up."""
    setup_logging(library.data_dir)
    try:
        yield library
    finally:
        stop_logging()


def bundled_sample_count() -> int:
    """How many sample stories the app ships (resources/data/sample_stories.json)."""
    stories = json.loads((bundled_data_dir() / "sample_stories.json").read_text("utf-8"))["stories"]
    return len(stories)


_PROSE = (
    "the National Bank of Kazakhstan kept its base rate while the tenge held against the dollar "
    "Национальный банк сохранил базовую ставку а тенге держался к доллару в Астане и Ташкенте"
)
_WORDS = _PROSE.split()


def cache_at_0008(
    data_dir: Path, stories: int, articles: int = 0, language: str = "system"
) -> dict[tuple[str, int], tuple[str, str]]:
    """A cache as migration 0008 left it: the bundled stories and `stories` more of about a hundred
    words, `articles` of them with a full article, every text stored as TEXT, the interface
    language set to `language`. Built at the newest schema, then taken down through 0009's
    own downgrade. Returns each stored (HTML, text) by ("story" or "story_full", id)."""
    from alembic import command

    from reader.core.db import _alembic_config
    from reader.core.settings import Settings
    from reader.core.types.settings import UI_LANGUAGE

    with Library(data_dir) as library:
        Settings(library._storage).set(UI_LANGUAGE, language)
        source_id = add_source(library, "Upgrade wire", "https://upgrade.example.test/feed/")
        now = dt.datetime.now(dt.UTC)
        with writing(library) as conn:
            for n in range(stories):
                words = " ".join(_WORDS[(n * 7 + k) % len(_WORDS)] for k in range(100))
                body = f"<p>Story {n}: {words}.</p>\n<p>{n} {words[::-1]}</p>"
                story_id = conn.execute(
                    insert(Story)
                    .values(source_id=source_id, guid=f"up-{n}", url=f"https://upgrade.example.test/{n}",
                            title=f"Upgrade story {n}", published_at=now - dt.timedelta(minutes=n),
                            fetched_at=now, content_html=body, content_text=html_to_text(body))
                    .returning(Story.id)
                ).scalar_one()  # fmt: skip
                if n < articles:
                    conn.execute(
                        insert(StoryFull).values(story_id=story_id, status="ok", html=f"<div>{body}{body}</div>",
                                                 text=html_to_text(body) * 2, fetched_at=now)
                    )  # fmt: skip
        cfg = _alembic_config()
        with library._storage._engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0008")
    return stored_texts(data_dir / DATABASE_NAME)


def stored_texts(path: Path) -> dict[tuple[str, int], tuple[str, str]]:
    """Every stored (HTML, text) by ("story" or "story_full", id), as SQLite holds them."""
    db = sqlite3.connect(path)
    try:
        stored = {
            ("story", row[0]): (row[1], row[2])
            for row in db.execute("SELECT id, content_html, content_text FROM story")
        }
        stored |= {
            ("story_full", row[0]): (row[1], row[2])
            for row in db.execute("SELECT story_id, html, text FROM story_full")
        }
    finally:
        db.close()
    return stored
