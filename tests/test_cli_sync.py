"""`steppe sync` and `steppe sources …` as a user runs them: a real process, a real data folder and
a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from sqlalchemy import text

from tests.core.sync.conftest import offline_library
from tests.core.sync.payloads import RSS_TYPE, WP_RSS, rss, rss_item
from tests.helpers import closed_port, refuse_inserts, writing
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
    assert "Synced 1 of 2 sources, 1 failed: 2 new, 0 updated" in failed.stdout
    assert "Problems:\n  Down: 127.0.0.1 answered HTTP 500 Internal Server Error\n" in failed.stderr
    assert "technical details in " in failed.stderr and "Traceback" not in failed.stderr
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


def test_sync_over_good_and_broken_sources_stores_the_good_and_reports_each_broken(
    data_dir: Path, http_server: FixtureServer
) -> None:
    feeds = {"Alpha": 2, "Delta": 1, "Golf": 3, "Kilo": 2}  # interleaved with the broken ones by name
    with offline_library(data_dir) as library:
        manager = library.sources
        for name, count in feeds.items():
            items = [rss_item(f"{name}-{n}", f"{name} story {n}", "<p>Body.</p>") for n in range(count)]
            http_server.route(f"/{name}/", rss(*items), headers=RSS_TYPE)
            manager.add_known(http_server.url(f"/{name}/"), name)
        http_server.route("/bravo/", b"gone", status=404)
        manager.add_known(http_server.url("/bravo/"), "Bravo")
        http_server.route("/echo/", b"down", status=500)
        manager.add_known(http_server.url("/echo/"), "Echo")
        manager.add_known(f"http://127.0.0.1:{closed_port()}/feed/", "Foxtrot")
        http_server.route(
            "/hotel/", b"<html><body>A page</body></html>", headers={"Content-Type": "text/html"}
        )
        manager.add_known(http_server.url("/hotel/"), "Hotel")
        items = [rss_item("fine", "Fine", "<p>x</p>"), rss_item("poison-1", "Refused", "<p>x</p>")]
        http_server.route("/india/", rss(*items), headers=RSS_TYPE)
        manager.add_known(http_server.url("/india/"), "India")
        refuse_inserts(library, "story", "NEW.guid LIKE 'poison-%'")  # a constraint error on one source

    run = steppe(data_dir, "sync", "--stories-only", "--no-images", check=False)

    assert run.returncode == 1
    lines = run.stdout.splitlines()
    progress = sorted(re.sub(r"^\[\d+/9\] ", "", line) for line in lines if re.match(r"^\[\d+/9\] ", line))
    log_file = data_dir.resolve() / "logs" / "steppe.log"
    assert progress == sorted(
        [
            "Alpha: 2 new, 0 updated", "Delta: 1 new, 0 updated", "Golf: 3 new, 0 updated",
            "Kilo: 2 new, 0 updated", "Bravo: failed — 127.0.0.1 answered HTTP 404 Not Found",
            "Echo: failed — 127.0.0.1 answered HTTP 500 Internal Server Error",
            "Hotel: failed — 127.0.0.1 sent a web page, not an RSS, Atom or RDF feed",
            f"India: failed — Steppe could not read this source (an internal error, logged in {log_file})",
            next(p for p in progress if p.startswith("Foxtrot: failed — ")),
        ]
    )  # fmt: skip
    assert lines[-1] == "Synced 4 of 9 sources, 5 failed: 8 new, 0 updated"
    problems = run.stderr.splitlines()
    assert problems[0] == "Problems:" and len(problems) == 7
    assert sorted(p.strip().split(":")[0] for p in problems[1:6]) == [
        "Bravo",
        "Echo",
        "Foxtrot",
        "Hotel",
        "India",
    ]
    assert problems[6] == f"Each source's last problem: steppe sources list; technical details in {log_file}"
    assert "Traceback" not in run.stdout + run.stderr
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "refused by the test trigger on story" in logged
    stored = {
        name: len(json.loads(steppe(data_dir, "stories", "--source", name, "--json").stdout))
        for name in feeds
    }
    assert stored == feeds

    listed = steppe(data_dir, "sources", "list").stdout
    assert re.search(
        r"Bravo  <[^>]+>  0 stories  — last sync failed: 127.0.0.1 answered HTTP 404 Not Found$", listed, re.M
    )
    assert re.search(
        r"India  <[^>]+>  0 stories  — last sync failed: Steppe could not read this source", listed
    )
    assert re.search(r"Alpha  <[^>]+>  2 stories$", listed, re.M)

    again = steppe(data_dir, "sync", "--stories-only", "--no-images", check=False)
    assert (
        again.returncode == 1
        and again.stdout.splitlines()[-1] == "Synced 4 of 9 sources, 5 failed: 0 new, 0 updated"
    )
    assert sum(1 for r in http_server.requests if r.path in ("/bravo/", "/echo/", "/hotel/", "/india/")) == 8


def test_sync_with_no_network_says_so_in_one_line(data_dir: Path) -> None:
    port = closed_port()
    with offline_library(data_dir) as library:
        for n in range(14):
            library.sources.add_known(f"http://127.0.0.1:{port}/feed/{n}", f"Source {n:02}")

    run = steppe(data_dir, "sync", "--stories-only", check=False)

    assert run.returncode == 1
    assert run.stdout.splitlines()[-1] == "No internet connection — 14 sources not checked"
    assert (run.stdout + run.stderr).count("No internet connection") == 1
    assert "Problems:" not in run.stderr and "Traceback" not in run.stderr


def test_sources_add_that_fails_says_why_and_adds_nothing(data_dir: Path, http_server: FixtureServer) -> None:
    http_server.route("/", b"<html><head><title>No feed</title></head><body>Hello</body></html>",
                      headers={"Content-Type": "text/html"})  # fmt: skip
    http_server.route("/gone/", b"gone", status=404)
    before = len(json.loads(steppe(data_dir, "sources", "list", "--json").stdout))

    no_feed = steppe(data_dir, "sources", "add", http_server.url("/"), check=False)
    gone = steppe(data_dir, "sources", "add", http_server.url("/gone/"), check=False)
    refused = steppe(data_dir, "sources", "add", f"http://127.0.0.1:{closed_port()}/", check=False)

    assert no_feed.returncode == 1
    assert (
        no_feed.stderr.strip()
        == f"steppe: cannot add {http_server.url('/')}: no RSS or Atom feed found on this page"
    )
    assert gone.returncode == 1 and "404" in gone.stderr and len(gone.stderr.strip().splitlines()) == 1
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert all("Traceback" not in r.stderr for r in (no_feed, gone, refused))
    assert len(json.loads(steppe(data_dir, "sources", "list", "--json").stdout)) == before


def test_a_sync_that_cannot_run_at_all_is_one_line_and_logged(data_dir: Path) -> None:
    with offline_library(data_dir) as library:
        source = library.sources.add_known("https://example.test/feed/", "Damaged row").value
        with writing(library) as conn:  # a damaged cache: a date column holding text
            conn.execute(
                text("UPDATE source SET retry_after = 'not a date' WHERE id = :id"), {"id": source.id}
            )

    run = steppe(data_dir, "sync", "--stories-only", check=False)

    log_file = data_dir.resolve() / "logs" / "steppe.log"
    assert run.returncode == 1
    assert run.stderr.strip() == f"Steppe could not finish the sync (an internal error, logged in {log_file})"
    assert "Traceback (most recent call last)" in log_file.read_text(encoding="utf-8")
