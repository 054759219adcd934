"""The same problem of many sources said once, and a failed discovery that adds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.library import Library
from reader.core.logs import log_path
from reader.core.sync.fetch import FetchConfig, Fetcher, SourceError
from reader.core.sync.problems import INTERNAL, SourceProblem, collapse, problem_of
from reader.core.sync.service import SyncProgress, SyncService
from reader.core.sync.sources import SourceManager
from tests.core.sync.conftest import FAST, offline_library
from tests.core.sync.payloads import RSS_TYPE, rss, rss_item
from tests.helpers import closed_port, logging_to_its_folder, refuse_inserts
from tests.httpserver import FixtureServer

NOW = dt.datetime(2026, 5, 1, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def logged_library(data_dir: Path) -> Iterator[Library]:
    with offline_library(data_dir) as library, logging_to_its_folder(library):
        yield library


def test_nothing_reachable_is_one_line(logged_library: Library) -> None:
    port = closed_port()
    manager = SourceManager(logged_library)
    for n in range(14):
        manager.add_known(f"http://127.0.0.1:{port}/feed/{n}", f"Source {n:02}")

    report = SyncService(logged_library, FAST).sync(images=False)

    assert report.offline and len(report.failures) == 14
    assert report.problem_lines() == ["No internet connection — 14 sources not checked"]
    assert report.summary() == "Offline — showing saved stories"


def test_the_same_problem_at_one_host_is_one_line_with_the_count(
    http_server: FixtureServer, logged_library: Library
) -> None:
    http_server.route("/ok/", rss(rss_item("ok-1", "Fine", "<p>Fine.</p>")), headers=RSS_TYPE)
    for path in ("/a/", "/b/", "/c/", "/d/"):
        http_server.route(path, b"down", status=500)
    http_server.route("/gone/", b"gone", status=404)
    manager = SourceManager(logged_library)
    manager.add_known(http_server.url("/ok/"), "Working")
    for path, name in (("/a/", "Alpha"), ("/b/", "Bravo"), ("/c/", "Charlie"), ("/d/", "Delta")):
        manager.add_known(http_server.url(path), name)
    manager.add_known(http_server.url("/gone/"), "Moved")

    report = SyncService(logged_library, FAST).sync(images=False)

    lines = report.problem_lines()
    assert len(lines) == 2 and not report.offline
    assert "500" in lines[0] and "127.0.0.1" in lines[0]
    assert lines[0].endswith(" — 4 sources (Alpha, Bravo, Charlie and 1 more)")
    assert lines[1].startswith("Moved: ") and "404" in lines[1]


def problem(kind: str, message: str, url: str) -> SourceProblem:
    return SourceProblem(kind, message, f"detail of {message}", url, NOW)


def test_collapse_groups_by_kind_host_and_message() -> None:
    failed = [
        ("TCA", problem("timeout", "timesca.com did not answer within 20 s", "https://timesca.com/feed/")),
        ("TCA Uzbekistan", problem("timeout", "timesca.com did not answer within 20 s", "https://timesca.com/uz/")),
        ("Kun.uz", problem("http", "HTTP 404 Not Found", "https://kun.uz/rss")),
        ("Gazeta.uz", problem("http", "HTTP 404 Not Found", "https://www.gazeta.uz/rss/")),
    ]  # fmt: skip

    assert collapse(failed, offline=False) == [
        "timesca.com did not answer within 20 s — 2 sources (TCA, TCA Uzbekistan)",
        "Kun.uz: HTTP 404 Not Found",  # the same words from two hosts are two problems
        "Gazeta.uz: HTTP 404 Not Found",
    ]
    assert collapse(failed, offline=True) == ["No internet connection — 4 sources not checked"]
    assert collapse([], offline=True) == []


def test_one_bug_in_many_sources_is_one_line(tmp_path: Path) -> None:
    def bug(url: str) -> SourceProblem:
        try:
            dt.datetime(1, 1, 1) - dt.timedelta(days=1)
        except OverflowError as error:
            return problem_of(error, url, log_file=tmp_path / "logs" / "steppe.log", at=NOW)
        raise AssertionError("no overflow")

    first = bug("https://a.example/feed")
    assert first.kind == INTERNAL and first.traceback and "OverflowError" in first.detail
    assert (
        first.message
        == f"Steppe could not read this source (an internal error, logged in {tmp_path}/logs/steppe.log)"
    )
    lines = collapse(
        [("A", first), ("B", bug("https://b.example/")), ("C", bug("https://c.example/"))], offline=False
    )
    assert lines == [
        f"Steppe could not read 3 sources (an internal error, logged in {tmp_path}/logs/steppe.log): A, B, C"
    ]


def test_a_plain_line_is_one_line_and_short() -> None:
    made = problem_of(
        SourceError("https://x.example/", "first line\nsecond line " + "x" * 500), "u", log_file=None, at=NOW
    )
    assert (
        "\n" not in made.message and len(made.message) == 300 and made.message.startswith("first line second")
    )


# -- discovery -------------------------------------------------------------------------------


def source_count(library: Library) -> int:
    return len(SourceManager(library).list())


@pytest.mark.parametrize(
    ("route", "expected"),
    [
        ({"body": b"gone", "status": 404}, "404"),
        ({"body": b"<html><head><title>No feed here</title></head><body>Hi</body></html>",
          "headers": {"Content-Type": "text/html"}}, "no RSS or Atom feed found"),
        ({"body": b"", "status": 302, "headers": {"Location": "ftp://127.0.0.1/"}}, "redirected to an ftp: address"),
        ({"body": b"slow", "delay": 1.2}, "0.5 s"),
    ],
    ids=["404", "page-without-feed", "redirect-to-ftp", "timeout"],
)  # fmt: skip
def test_a_failed_discovery_says_why_and_adds_nothing(
    http_server: FixtureServer, logged_library: Library, route: dict[str, object], expected: str
) -> None:
    http_server.route("/site/", **route)  # type: ignore[arg-type]
    before = source_count(logged_library)
    with Fetcher(FetchConfig(timeout=0.5)) as fetcher, pytest.raises(SourceError) as raised:
        SourceManager(logged_library, fetcher).add(http_server.url("/site/"))

    assert expected in raised.value.cause and "\n" not in raised.value.cause
    assert source_count(logged_library) == before


def test_a_refused_connection_is_said_plainly(logged_library: Library) -> None:
    before = source_count(logged_library)
    with pytest.raises(SourceError) as raised:
        SourceManager(logged_library).add(f"http://127.0.0.1:{closed_port()}/")
    assert raised.value.cause.startswith("cannot connect") or "127.0.0.1" in raised.value.cause
    assert source_count(logged_library) == before


def test_a_bug_while_adding_is_logged_and_adds_nothing(
    http_server: FixtureServer, logged_library: Library
) -> None:
    http_server.route("/feed/", rss(rss_item("a-1", "Fine", "<p>Fine.</p>"), title="Poisoned name"),
                      headers=RSS_TYPE)  # fmt: skip
    refuse_inserts(logged_library, "source", "NEW.name = 'Poisoned name'")  # a constraint error
    before = source_count(logged_library)
    with pytest.raises(SourceError) as raised:
        SourceManager(logged_library).add(http_server.url("/feed/"))

    log_file = log_path(logged_library.data_dir)
    assert raised.value.cause == f"Steppe could not add this source (an internal error, logged in {log_file})"
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "refused by the test trigger on source" in logged
    assert source_count(logged_library) == before
    added = SourceManager(logged_library).add(http_server.url("/feed/"), "Another name")  # the rest works
    assert added.name == "Another name" and source_count(logged_library) == before + 1


def test_ctrl_c_still_stops_a_sync(http_server: FixtureServer, logged_library: Library) -> None:
    http_server.route("/feed/", rss(rss_item("a-1", "Fine", "<p>x</p>")), headers=RSS_TYPE)
    source = SourceManager(logged_library).add_known(http_server.url("/feed/"), "Interrupted")

    def interrupt(progress: SyncProgress) -> None:
        if progress.message.startswith("Fetching"):  # on a fetch thread, as Ctrl+C could land
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        SyncService(logged_library, FAST).sync(images=False, progress=interrupt)
    assert SourceManager(logged_library).get(source.id).last_error is None  # not a source's problem
