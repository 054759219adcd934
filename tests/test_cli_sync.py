"""`steppe sync` and `steppe sources …` as a user runs them: a real process, a real data folder and
a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from tests.core.sync.payloads import RSS_TYPE, WP_RSS, rss, rss_item
from tests.httpserver import FixtureServer, fixture
from tests.test_cli import steppe


def test_sources_add_list_export_import_remove(
    data_dir: Path, http_server: FixtureServer, tmp_path: Path
) -> None:
    http_server.route("/", b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed/"></head></html>',
                      headers={"Content-Type": "text/html"})  # fmt: skip
    http_server.route("/feed/", fixture(WP_RSS), headers=RSS_TYPE)

    added = steppe(data_dir, "sources", "add", http_server.url("/"), "--name", "Local WP")
    assert added.stdout.startswith("Added ") and http_server.url("/feed/") in added.stdout
    listed = json.loads(steppe(data_dir, "sources", "list", "--json").stdout)
    mine = [s for s in listed if s["name"] == "Local WP"]
    assert len(listed) == 15 and mine[0]["feed_url"] == http_server.url("/feed/") and mine[0]["enabled"]
    assert {"id", "site_url", "api_url", "kind", "story_count", "last_fetched_at", "last_error"} <= set(
        mine[0]
    )

    opml = tmp_path / "out.opml"
    assert "Wrote 15 sources" in steppe(data_dir, "sources", "export", str(opml)).stdout
    fresh = tmp_path / "fresh"
    assert (
        "Imported 1 new source (14 already there or unusable)"
        in steppe(fresh, "sources", "import", str(opml)).stdout
    )

    removed = steppe(data_dir, "sources", "remove", str(mine[0]["id"]))
    assert removed.stdout.strip() == "Removed Local WP and its 0 stories"
    missing = steppe(data_dir, "sources", "remove", "999", check=False)
    assert missing.returncode == 2 and "No source matches '999'" in missing.stderr
    bad = steppe(data_dir, "sources", "add", "ftp://example.test/feed", check=False)
    assert bad.returncode == 2 and "only http:// and https://" in bad.stderr


def test_sync_prints_progress_and_fails_when_a_source_fails(
    data_dir: Path, http_server: FixtureServer
) -> None:
    # Fresh dates: the recorded capture is from 2020, past the default one-year retention.
    today = dt.datetime.now(dt.UTC).strftime("%a, %d %b %Y %H:%M:%S +0000")
    items = [
        rss_item(f"g{n}", title, "<p>Body.</p>", date=today)
        for n, title in enumerate(["Older one", "Newer one"])
    ]
    http_server.route("/feed/", rss(*items), headers=RSS_TYPE)
    http_server.route("/down/", b"no", status=500)
    good, down = http_server.url("/feed/"), http_server.url("/down/")
    steppe(data_dir, "sources", "add", good, "--name", "Good", "--no-discover")
    steppe(data_dir, "sources", "add", down, "--name", "Down", "--no-discover")

    failed = steppe(data_dir, "sync", "--source", good, "--source", down, "--stories-only", check=False)

    assert failed.returncode == 1
    lines = failed.stdout.splitlines()
    assert sorted(lines[:2]) == [
        "[1/2] Down: failed — 127.0.0.1 answered HTTP 500 Internal Server Error",
        "[2/2] Good: 2 new, 0 updated",
    ] or sorted(lines[:2]) == [
        "[1/2] Good: 2 new, 0 updated",
        "[2/2] Down: failed — 127.0.0.1 answered HTTP 500 Internal Server Error",
    ]
    assert "Synced: 2 new, 0 updated, 1 of 2 sources ok" in failed.stdout
    assert f"failed: Down ({down}): 127.0.0.1 answered HTTP 500 Internal Server Error" in failed.stderr
    stories = json.loads(steppe(data_dir, "stories", "--source", "Good", "--json").stdout)
    assert sorted(s["title"] for s in stories) == ["Newer one", "Older one"]

    again = steppe(data_dir, "sync", "--source", good, "--stories-only")
    assert again.returncode == 0 and "Synced: 0 new, 0 updated, 1 of 1 sources ok" in again.stdout
    listed = {s["name"]: s for s in json.loads(steppe(data_dir, "sources", "list", "--json").stdout)}
    assert (
        listed["Down"]["last_error"] == "127.0.0.1 answered HTTP 500 Internal Server Error"
        and listed["Good"]["last_error"] is None
    )
    assert listed["Good"]["story_count"] == 2
