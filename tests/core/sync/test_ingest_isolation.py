"""One entry that cannot be prepared is skipped and counted; the source's other stories are stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging

import pytest
from sqlalchemy import select

from reader.core.library import Library
from reader.core.models import Story
from reader.core.sync.ingest import ingest_entries
from reader.core.sync.parse import Entry
from tests.helpers import add_source, writing

GOOD = Entry(
    guid="good-1", url="https://news.example/1", title="Almaty metro extension opens", author=None,
    published_at=dt.datetime(2020, 12, 15, 13, tzinfo=dt.UTC), updated_at=None,
    summary_html=None, content_html="<p>The line gains two stations.</p>",
)  # fmt: skip


def test_an_entry_that_raises_is_skipped_and_counted(
    library: Library, caplog: pytest.LogCaptureFixture
) -> None:
    source = add_source(library)
    # A parser bug of the kind isolation is for: a naive datetime cannot be compared with the
    # fetch time, so preparing this entry raises TypeError.
    broken = dataclasses.replace(GOOD, guid="broken-2", published_at=dt.datetime(2020, 12, 15, 13))
    second = dataclasses.replace(GOOD, guid="good-3", title="Second story", url="https://news.example/3")
    with caplog.at_level(logging.ERROR), writing(library) as conn:
        result = ingest_entries(conn, source, [GOOD, broken, second])
    assert len(result.new_ids) == 2
    assert result.skipped == ["the entry 'broken-2' was skipped: it could not be read (TypeError)"]
    assert any(r.exc_info and "broken-2" in r.getMessage() for r in caplog.records)  # traceback in the log
    with library._storage.read() as conn:
        stored = set(conn.execute(select(Story.guid).where(Story.source_id == source)).scalars())
    assert stored == {"good-1", "good-3"}


def test_the_sources_line_says_how_many_entries_were_skipped() -> None:
    from reader.core.sync.report import SourceResult, describe

    assert describe(SourceResult(1, "Kun.uz", "https://kun.uz/feed", "ok", 12, 1, skipped=2)) == (
        "Kun.uz: 12 new, 1 updated, 2 unreadable entries skipped"
    )
    assert describe(SourceResult(1, "Kun.uz", "https://kun.uz/feed", "ok", 3, 0, skipped=1)).endswith(
        "1 unreadable entry skipped"
    )
    assert (
        describe(SourceResult(1, "Kun.uz", "https://kun.uz/feed", "ok", 3, 0)) == "Kun.uz: 3 new, 0 updated"
    )
