"""The story's HTML and plain text stored compressed (issue 13, migration 0009)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from reader.core.compressed import compress, decompress
from reader.core.db import SCHEMA_HEAD
from reader.core.library import Library
from reader.core.paths import DATABASE_NAME
from reader.core.types import StoryQuery

BODY = "<p>Астана — столица Казахстана. The National Bank of Kazakhstan kept its rate.</p>\n" * 20


def test_a_body_round_trips_smaller_and_a_short_text_stays_text() -> None:
    packed = compress(BODY)
    assert isinstance(packed, bytes)
    assert len(packed) < len(BODY.encode("utf-8")) / 3
    assert decompress(packed) == BODY
    assert compress("") == "" and compress("ok") == "ok"
    assert decompress("legacy text") == "legacy text"


def test_a_damaged_value_reads_empty_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    packed = compress(BODY)
    assert isinstance(packed, bytes)
    damaged = packed[:40] + bytes(b ^ 0x55 for b in packed[40:60]) + packed[60:]
    with caplog.at_level(logging.WARNING, logger="reader.core.compressed"):
        assert decompress(damaged) == ""
        assert decompress(packed[:-10]) == ""
        assert decompress(b"\x07" + packed[1:]) == ""
    assert len(caplog.records) == 3
    assert "could not be read" in caplog.records[0].getMessage()


def _sample_ids(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    ids = [r[0] for r in conn.execute("SELECT id FROM story WHERE content_text IS NOT NULL ORDER BY id")]
    conn.close()
    return ids


def test_migration_0009_finishes_a_partly_converted_cache(data_dir: Path) -> None:
    with Library(data_dir) as library:
        before = {s: library.stories.get(s) for s in _sample_ids(data_dir / DATABASE_NAME)}
    assert len(before) >= 4
    path = data_dir / DATABASE_NAME
    conn = sqlite3.connect(path)
    ids = sorted(before)
    # As an older app left it: every other story's texts back to TEXT, one row half converted.
    for i in ids[::2]:
        conn.execute(
            "UPDATE story SET content_html = ?, content_text = ? WHERE id = ?",
            (before[i].content_html, before[i].content_text, i),
        )
    conn.execute("UPDATE story SET content_text = ? WHERE id = ?", (before[ids[1]].content_text, ids[1]))
    conn.execute("UPDATE alembic_version SET version_num = '0008'")
    conn.commit()
    assert conn.execute("SELECT count(*) FROM story WHERE typeof(content_html) = 'text'").fetchone()[0] > 0
    conn.close()
    with Library(data_dir) as library:
        for i, story in before.items():
            again = library.stories.get(i)
            assert (again.content_html, again.content_text) == (story.content_html, story.content_text)
        word = max(before[ids[0]].content_text.split(), key=len).strip(".,;:«»()\"'")
        hits = library.stories.page(StoryQuery(text=word)).stories
        assert ids[0] in [s.id for s in hits]
        assert all(s.snippet for s in hits)
    conn = sqlite3.connect(path)
    kinds = conn.execute(
        "SELECT DISTINCT typeof(content_html), typeof(content_text) FROM story WHERE length(content_text) > 200"
    ).fetchall()
    assert kinds == [("blob", "blob")]
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    conn.close()


def test_a_damaged_row_opens_as_an_empty_story(data_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    with Library(data_dir):
        pass
    story_id = _sample_ids(data_dir / DATABASE_NAME)[0]
    conn = sqlite3.connect(data_dir / DATABASE_NAME)
    conn.execute("UPDATE story SET content_html = ? WHERE id = ?", (b"\x01not zlib at all", story_id))
    conn.commit()
    conn.close()
    with caplog.at_level(logging.WARNING, logger="reader.core.compressed"), Library(data_dir) as library:
        story = library.stories.get(story_id)
    assert story.content_html == "" and story.content_text
    assert any("could not be read" in r.getMessage() for r in caplog.records)
