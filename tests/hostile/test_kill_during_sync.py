"""SIGKILL in the middle of a sync leaves an intact cache: bookmarks, notes and read marks survive.

A real `steppe sync` runs in a child process against feeds on 127.0.0.1 that are large enough to
keep it writing; the child is killed with SIGKILL at a different moment in each iteration
(while connecting, while parsing, in the middle of a source's write transaction, while saving
images). After every kill, SQLite's own `integrity_check` must pass, every bookmark must still be
there with its note, the read marks must be unchanged, and a new sync must complete. Everything
is set up and checked through the `steppe` command and the database file, as a user's would be.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.paths import DATABASE_NAME
from tests.core.sync.payloads import RSS_TYPE, rss, rss_item
from tests.httpserver import FixtureServer

# Each iteration kills the child at one of these moments: a fixed time after it starts (while it
# imports, connects or parses), or a delay after it reports its first stored source (so the kill
# lands inside a later source's write transaction or the image step).
EARLY_KILLS = (0.3, 0.8, 1.5)
AFTER_FIRST_SOURCE = (0.0, 0.01, 0.03, 0.06, 0.1, 0.15, 0.25, 0.4, 0.6)
FEEDS = 4
ENTRIES = 600  # per feed: each source's write is one transaction of this many stories
REPO = Path(__file__).resolve().parents[2]


def steppe(data_dir: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )


def big_feed(n: int, generation: int) -> bytes:
    """Feed `n` as of `generation`: every generation brings ENTRIES new stories to write."""
    now = dt.datetime.now(dt.UTC)
    body = "".join(
        f"<p>Paragraph {p} of story {{i}} about the tenge, Almaty and Bishkek.</p>" for p in range(12)
    )
    items = [
        rss_item(
            f"gen{generation}-feed{n}-story-{i}",
            f"Feed {n}, story {i}: rates and roads",
            body.format(i=i),
            date=email.utils.format_datetime(now - dt.timedelta(minutes=i)),  # inside the retention
        )
        for i in range(ENTRIES)
    ]
    return rss(*items, title=f"Feed {n}")


def snapshot(db: Path) -> tuple[str, dict[int, str | None], set[int]]:
    """integrity_check's verdict, bookmarks (story id -> note), and the read story ids."""
    conn = sqlite3.connect(db)
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()[0]
        bookmarks = dict(conn.execute("SELECT story_id, note FROM bookmark").fetchall())
        read = {row[0] for row in conn.execute("SELECT id FROM story WHERE read_at IS NOT NULL")}
    finally:
        conn.close()
    return verdict, bookmarks, read


class Feeds(FixtureServer):
    generation = 0

    def serve(self) -> None:
        for n in range(FEEDS):
            self.route(f"/feed{n}.xml", lambda _request, n=n: big_feed(n, self.generation), headers=RSS_TYPE)


@pytest.fixture
def feeds() -> Iterator[Feeds]:
    with Feeds() as server:
        server.serve()
        yield server


def kill_during_sync(data_dir: Path, sources: list[str], after_first: float | None, early: float) -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "sync", "--stories-only", *sources],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.stdout is not None
    if after_first is None:
        time.sleep(early)
    else:
        for line in child.stdout:  # "[1/4] Feed 0: 600 new, 0 updated": one source is stored
            if line.startswith("[1/"):
                break
        time.sleep(after_first)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_sync_keeps_the_cache_intact(tmp_path: Path, feeds: Feeds) -> None:
    data_dir = tmp_path / "data"
    for n in range(FEEDS):
        added = steppe(data_dir, "sources", "add", feeds.url(f"/feed{n}.xml"), "--no-discover")
        assert added.returncode == 0, added.stderr
    # Bookmarks with notes and read marks on the bundled sample stories, before any sync.
    for story_id, note in ((1, "check the budget figure"), (5, "Қазақстан: follow up"), (9, None)):
        args = ["bookmark", str(story_id)] + (["--note", note] if note else [])
        assert steppe(data_dir, *args).returncode == 0
    for story_id in (2, 3, 4):
        assert steppe(data_dir, "read", str(story_id)).returncode == 0
    db = data_dir / DATABASE_NAME
    verdict, bookmarks, read = snapshot(db)
    assert verdict == "ok" and len(bookmarks) == 3 and read >= {2, 3, 4}

    # Only our feeds (the bundled default sources point at the real internet).
    only_ours = [arg for n in range(FEEDS) for arg in ("--source", feeds.url(f"/feed{n}.xml"))]
    stored_counts = []
    moments = [(None, t) for t in EARLY_KILLS] + [(t, 0.0) for t in AFTER_FIRST_SOURCE]
    for generation, (after_first, early) in enumerate(moments, start=1):
        feeds.generation = generation
        kill_during_sync(data_dir, only_ours, after_first, early)
        after = snapshot(db)
        when = f"{early} s after start" if after_first is None else f"{after_first} s after a source"
        assert after[0] == "ok", f"integrity_check after a kill {when}: {after[0]}"
        assert after[1] == bookmarks, f"bookmarks changed by a kill {when}"
        assert after[2] >= read, f"read marks lost by a kill {when}"
        conn = sqlite3.connect(db)
        stored_counts.append(conn.execute("SELECT count(*) FROM story").fetchone()[0])
        conn.close()

    # Kills after the first stored source stopped the run before it stored everything.
    partial = [b - a for a, b in itertools.pairwise(stored_counts)]
    assert any(0 < grown < FEEDS * ENTRIES for grown in partial), stored_counts
    # A sync after all that completes and stores every story once.
    final = steppe(data_dir, "sync", "--stories-only", *only_ours, timeout=300)
    assert final.returncode == 0, final.stdout + final.stderr
    verdict, after_bookmarks, after_read = snapshot(db)
    assert verdict == "ok" and after_bookmarks == bookmarks and after_read >= read
    conn = sqlite3.connect(db)
    synced = conn.execute(
        "SELECT count(*) FROM story JOIN source ON source.id = story.source_id WHERE NOT source.is_sample"
    ).fetchone()[0]
    conn.close()
    # Every story of every generation that reached the database, once; the last generation whole.
    assert synced >= FEEDS * ENTRIES
    conn = sqlite3.connect(db)
    last = conn.execute("SELECT count(*) FROM story WHERE guid LIKE ?", (f"gen{feeds.generation}-%",))
    assert last.fetchone()[0] == FEEDS * ENTRIES
    conn.close()
