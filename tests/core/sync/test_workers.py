"""A large sync's CPU work in worker processes (reader.core.cpu) gives what the same work gives
on the calling thread: the same prepared entries, the same countries, the same search tokens,
and a feed's error arrives as the same SourceError."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest

from reader.core import cpu
from reader.core.country_tags import CountryTags
from reader.core.search.index import IndexedText, _streams_of
from reader.core.sync.fetch import SourceError
from reader.core.sync.ingest import _tag_pieces, parse_and_prepare

FEED = Path(__file__).resolve().parents[2] / "fixtures" / "wordpress" / "wordpress-org-news-feed_trimmed.xml"
NOW = dt.datetime(2026, 12, 1, 12, tzinfo=dt.UTC)


def test_a_feed_prepared_in_a_worker_is_the_feed_prepared_here(pool: None) -> None:
    body = FEED.read_bytes()
    args = (
        body,
        "https://wordpress.org/news/feed/",
        "application/rss+xml",
        "https://wordpress.org/news/feed/",
        NOW,
        None,
    )
    here = cpu.run(parse_and_prepare, *args, worth_it=False)
    there = cpu.run(parse_and_prepare, *args, worth_it=True)
    assert here.items and here == there
    assert cpu._pool is not None  # the second really went to a worker


def test_countries_and_search_tokens_from_workers_match(pool: None) -> None:
    prepared = parse_and_prepare(
        FEED.read_bytes(), "https://example.org/feed/", None, "https://kun.uz/feed/", NOW, None
    )
    pairs = [(n, item) for n, item in enumerate(prepared.items * 30)]
    here = _tag_pieces(pairs)
    there = cpu.map_chunks(_tag_pieces, pairs, chunk=7, min_items=1)
    assert there == here and all(isinstance(t, CountryTags) for t in there)
    docs = [
        IndexedText(str(p.values["title"]), "", str(p.values["content_text"]), "", "Uzbekistan UZ", None)
        for _, p in pairs
    ]
    assert cpu.map_chunks(_streams_of, docs, chunk=9, min_items=1) == _streams_of(docs)


def test_a_feed_error_in_a_worker_is_the_same_source_error(pool: None) -> None:
    with pytest.raises(SourceError) as raised:
        cpu.run(parse_and_prepare, b"<html><body>not a feed</body></html>", "https://example.org/", "text/html",
                "https://example.org/", NOW, None)  # fmt: skip
    assert raised.value.url == "https://example.org/"
    assert "not an RSS, Atom or RDF feed" in raised.value.cause
    copy = pickle.loads(pickle.dumps(SourceError("u", "c", detail="d", status=500)))
    assert (copy.url, copy.cause, copy.detail, copy.status, str(copy)) == ("u", "c", "d", 500, "u: c")


def test_without_workers_everything_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STEPPE_WORKERS", "0")
    cpu.shutdown()
    assert cpu.map_chunks(lambda xs: [x * 2 for x in xs], [1, 2, 3], chunk=1, min_items=1) == [2, 4, 6]
    assert cpu._pool is None
