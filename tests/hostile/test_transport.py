"""Hostile servers against the one HTTP client: each case is what a misbehaving server sends and
what the user is told (the plain sentence and its kind) — or, when the answer is fine after all,
the body we keep. Then a sync over a batch of them: the good source is stored, each bad one keeps
its stories and records its sentence, and no case runs past its deadline.
"""

from __future__ import annotations

import datetime as dt
import gzip
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from reader.core.http import FetchError, HttpClient, Limits, Response
from reader.core.library import Library
from reader.core.models import Source
from reader.core.sync.service import SyncConfig, SyncService
from reader.core.sync.sources import SourceManager
from reader.core.types import StoryQuery
from tests.core.sync.conftest import offline_library
from tests.core.sync.payloads import rss, rss_item
from tests.helpers import closed_port
from tests.hostile.rawserver import (
    RawServer,
    Script,
    answer,
    chunked,
    drip,
    forever,
    head,
    raw,
    silent,
    stream,
    then_reset,
    zeros_compressed,
)
from tests.httpserver import FixtureServer

HOST = "127.0.0.1"
CAP = 64 * 1024
# Generous for the cases that are not about time (the machine may be busy) ...
LIMITS = Limits(timeout=5.0, deadline=10.0, max_bytes=CAP, rate_window=2.0, rate_grace=1.0)
# ... and tight for those that are.
QUICK = Limits(timeout=1.0, deadline=3.0, max_bytes=CAP, min_rate=1024, rate_window=1.0, rate_grace=0.5)
FEED = rss(rss_item("h-1", "A story that survives", "<p>Kept.</p>"))
Routes = Callable[[Callable[[str], str]], dict[str, Script]]


@dataclass(frozen=True)
class Case:
    id: str
    routes: Routes  # given `at(path)` (the absolute URL of a path of this case), its routes
    kind: str | None  # None: the answer is usable
    cause: str | None = None  # the exact sentence ("{host}" is 127.0.0.1)
    body: bytes | None = None  # what a usable answer's decoded body is
    limits: Limits = LIMITS
    check: Callable[[FetchError | Response], bool] | None = None
    tags: frozenset[str] = field(default_factory=frozenset)


def one(script: Script) -> Routes:
    return lambda _at: {"": script}


def ok(body: bytes = b"<rss/>", **headers: str) -> Script:
    return answer(200, body, headers={k.replace("_", "-"): v for k, v in headers.items()})


def gz(data: bytes) -> bytes:
    return gzip.compress(data)


def to(location: str) -> Script:
    return answer(302, reason="Found", headers={"Location": location})


def redirect_chain(hops: int) -> Routes:
    def routes(at: Callable[[str], str]) -> dict[str, Script]:
        found: dict[str, Script] = {"": to(at("/h1"))}
        for i in range(1, hops):
            found[f"/h{i}"] = to(at(f"/h{i + 1}"))
        found[f"/h{hops}"] = ok(b"<rss>end</rss>")
        return found

    return routes


def waits(low: float, high: float) -> Callable[[FetchError | Response], bool]:
    """A 429/503 whose Retry-After was turned into a wait of `low`..`high` seconds."""

    def check(outcome: FetchError | Response) -> bool:
        assert isinstance(outcome, FetchError) and outcome.retry_after is not None
        seconds = (outcome.retry_after - dt.datetime.now(dt.UTC)).total_seconds()
        return low <= seconds <= high

    return check


def busy(status: int, *values: str) -> Script:
    reason = "Too Many Requests" if status == 429 else "Service Unavailable"
    lines = "".join(f"Retry-After: {v}\r\n" for v in values)
    return raw(
        f"HTTP/1.1 {status} {reason}\r\n{lines}Content-Length: 0\r\nConnection: close\r\n\r\n".encode()
    )


def busy_cause(status: int) -> Callable[[FetchError | Response], bool]:
    phrase = "Too Many Requests" if status == 429 else "Service Unavailable"

    def check(outcome: FetchError | Response) -> bool:
        assert isinstance(outcome, FetchError)
        return outcome.cause.startswith(f"{HOST} asks us to wait (HTTP {status} {phrase}) until ")

    return check


def both(*checks: Callable[[FetchError | Response], bool]) -> Callable[[FetchError | Response], bool]:
    return lambda outcome: all(c(outcome) for c in checks)


HOUR, DAY = 3600.0, 86400.0
LATE = "Fri, 31 Dec 9999 23:59:59 GMT"
PAST = "Wed, 21 Oct 2015 07:28:00 GMT"
GZIP_OF_ZEROS = gzip.compress(bytes(1 << 20)) * 100  # 100 gzip members: 100 MiB of zeros, about 100 KB
MIDDLE_OF_BODY = head(200, Content_Length="1000", Content_Type="application/rss+xml") + b"<rss>"

CASES = [
    # -- status codes: the standard phrase, never the server's own words ------------------------
    Case("404", one(answer(404, b"gone", "Not Found")), "http", f"{HOST} answered HTTP 404 Not Found"),
    Case("410", one(answer(410, b"", "Gone")), "http", f"{HOST} answered HTTP 410 Gone"),
    Case("500", one(answer(500, b"oops", "Oops")), "http", f"{HOST} answered HTTP 500 Internal Server Error"),
    Case("502", one(answer(502, b"", "Bad Gateway")), "http", f"{HOST} answered HTTP 502 Bad Gateway"),
    Case("403", one(answer(403, b"", "Forbidden")), "http", f"{HOST} answered HTTP 403 Forbidden"),
    Case("unknown-599", one(answer(599, b"", "Whatever")), "http", f"{HOST} answered HTTP 599"),
    Case(
        "hostile-reason-phrase",
        one(answer(418, b"", "\u202eEvil reason " + "x" * 2000)),
        "http",
        f"{HOST} answered HTTP 418 I'm a Teapot",
    ),
    Case(
        "300-no-location",
        one(answer(300, b"", "Multiple")),
        "http",
        f"{HOST} answered HTTP 300 Multiple Choices",
    ),
    Case(
        "101-without-upgrade",
        one(raw(b"HTTP/1.1 101 Switching Protocols\r\nConnection: close\r\n\r\n")),
        "protocol",  # we asked for no upgrade
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case("204-empty", one(answer(204)), None, body=b""),
    Case("200-empty-body", one(ok(b"")), None, body=b""),
    Case("200-binary-noise", one(ok(bytes(range(256)) * 8)), None, body=bytes(range(256)) * 8),
    # -- Retry-After: seconds or a date, clamped to 1 minute .. 24 hours; 10 minutes if unusable --
    Case("retry-120", one(busy(429, "120")), "busy", check=both(busy_cause(429), waits(100, 140))),
    Case(
        "retry-huge",
        one(busy(429, "99999999999999")),
        "busy",
        check=both(busy_cause(429), waits(DAY - 60, DAY)),
    ),
    Case(
        "retry-30-digits", one(busy(503, "9" * 30)), "busy", check=both(busy_cause(503), waits(DAY - 60, DAY))
    ),
    Case("retry-negative", one(busy(429, "-5")), "busy", check=waits(40, 60)),
    Case("retry-zero", one(busy(429, "0")), "busy", check=waits(40, 60)),
    Case("retry-words", one(busy(503, "soon")), "busy", check=both(busy_cause(503), waits(580, 600))),
    Case("retry-far-date", one(busy(503, LATE)), "busy", check=waits(DAY - 60, DAY)),
    Case("retry-past-date", one(busy(503, PAST)), "busy", check=waits(40, 60)),
    Case("retry-1e400", one(busy(429, "1e400")), "busy", check=waits(DAY - 60, DAY)),
    Case("retry-nan", one(busy(429, "nan")), "busy", check=waits(580, 600)),
    Case("retry-missing", one(busy(429)), "busy", check=waits(580, 600)),
    Case("retry-twice", one(busy(429, "120", "300")), "busy", check=waits(580, 600)),
    Case("retry-hour", one(busy(503, "3600")), "busy", check=waits(HOUR - 30, HOUR)),
    # -- redirects: each hop checked ---------------------------------------------------------
    Case(
        "to-javascript",
        one(to("javascript:alert(1)")),
        "redirect",
        f"{HOST} redirected to a javascript: address",
    ),
    Case(
        "to-JAVASCRIPT",
        one(to("JAVASCRIPT:alert(1)")),
        "redirect",
        f"{HOST} redirected to a javascript: address",
    ),
    Case(
        "to-data",
        one(to("data:text/html,<script>x</script>")),
        "redirect",
        f"{HOST} redirected to a data: address",
    ),
    Case("to-file", one(to("file:///etc/passwd")), "redirect", f"{HOST} redirected to a file: address"),
    Case("to-ftp", one(to("ftp://127.0.0.1/feed.xml")), "redirect", f"{HOST} redirected to an ftp: address"),
    Case(
        "to-mailto",
        one(to("mailto:editor@example.org")),
        "redirect",
        f"{HOST} redirected to a mailto: address",
    ),
    Case(
        "to-broken-ipv6",
        one(to("http://[::1")),
        "redirect",
        f"{HOST} redirected to an address that is not valid",
    ),
    Case(
        "to-no-host",
        one(to("https:///feed")),
        "redirect",
        f"{HOST} redirected to an address that is not valid",
    ),
    Case(
        "to-bad-port",
        one(to("http://127.0.0.1:99999/")),
        "redirect",
        f"{HOST} redirected to an address that is not valid",
    ),
    Case(
        "to-space-host",
        one(to("http://exa mple.org/")),
        "redirect",
        f"{HOST} redirected to an address that is not valid",
    ),
    Case("to-blank", one(to("   ")), "redirect", f"{HOST} redirected without saying where to"),
    Case(
        "302-no-location",
        one(answer(302, reason="Found")),
        "redirect",
        f"{HOST} redirected without saying where to",
    ),
    Case("to-itself", lambda at: {"": to(at(""))}, "redirect", f"{HOST} redirects in a loop"),
    Case(
        "ping-pong",
        lambda at: {"": to(at("/b")), "/b": to(at(""))},
        "redirect",
        f"{HOST} redirects in a loop",
    ),
    Case("seven-hops", redirect_chain(7), "redirect", f"{HOST} redirected more than 5 times"),
    Case("five-hops", redirect_chain(5), None, body=b"<rss>end</rss>"),
    Case(
        "relative-hop",
        lambda at: {"": to("?page=2"), "?page=2": ok(b"<rss>b</rss>")},
        None,
        body=b"<rss>b</rss>",
    ),
    Case(
        "to-closed-port",
        lambda _at: {"": to(f"http://127.0.0.1:{closed_port()}/feed")},
        "offline",
        f"{HOST} refused the connection",
    ),
    # -- Content-Encoding: ours to undo, bounded; one coding at most -----------------------------
    Case(
        "gzip-gzip-stacked",
        one(ok(gz(gz(b"<rss/>")), Content_Encoding="gzip, gzip")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (compressed more than once: gzip, gzip)",
    ),
    Case(
        "gzip-twice-as-two-headers",
        one(
            raw(
                head(200, headers={"Content-Encoding": "gzip"})[:-2]
                + b"Content-Encoding: gzip\r\n\r\n"
                + gz(gz(b"x"))
            )
        ),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (compressed more than once: gzip, gzip)",
    ),
    Case(
        "deflate-gzip-stacked",
        one(ok(b"x", Content_Encoding="deflate, gzip")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (compressed more than once: deflate, gzip)",
    ),
    Case(
        "br",
        one(ok(b"\x0b\x02\x80", Content_Encoding="br")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (br, which we did not ask for)",
    ),
    Case(
        "zstd",
        one(ok(b"\x28\xb5\x2f\xfd", Content_Encoding="zstd")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (zstd, which we did not ask for)",
    ),
    Case(
        "compress",
        one(ok(b"\x1f\x9d", Content_Encoding="compress")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (compress, which we did not ask for)",
    ),
    Case(
        "odd-coding",
        one(ok(b"x", Content_Encoding="rot13!!")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (an unknown coding, which we did not ask for)",
    ),
    Case(
        "gzip-says-but-plain",
        one(ok(b"<rss>plain</rss>", Content_Encoding="gzip")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (it says gzip but is not)",
    ),
    Case(
        "gzip-damaged",
        one(ok(gz(b"<rss>" + b"a" * 5000)[:12] + b"\xff" * 40 + gz(b"x")[12:], Content_Encoding="gzip")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (damaged gzip data)",
    ),
    Case(
        "gzip-cut-short",
        one(ok(gz(b"<rss>" + bytes(range(256)) * 40)[:300], Content_Encoding="gzip")),
        "encoding",
        f"{HOST} sent a compressed answer we cannot read (the gzip data is cut short)",
    ),
    Case(
        "deflate-zlib",
        one(ok(zlib.compress(b"<rss>z</rss>"), Content_Encoding="deflate")),
        None,
        body=b"<rss>z</rss>",
    ),
    Case(
        "deflate-raw",
        one(ok(zlib.compress(b"<rss>raw</rss>", wbits=-15), Content_Encoding="deflate")),
        None,
        body=b"<rss>raw</rss>",
    ),
    Case(
        "gzip-two-members",
        one(ok(gz(b"<rss>") + gz(b"</rss>"), Content_Encoding="gzip")),
        None,
        body=b"<rss></rss>",
    ),
    Case("x-gzip", one(ok(gz(b"<rss/>"), Content_Encoding="x-gzip")), None, body=b"<rss/>"),
    Case("gzip-identity", one(ok(gz(b"<rss/>"), Content_Encoding="gzip, identity")), None, body=b"<rss/>"),
    Case("identity", one(ok(b"<rss/>", Content_Encoding="identity")), None, body=b"<rss/>"),
    Case(
        "gzip-trailing-bytes", one(ok(gz(b"<rss/>") + b"\n\n", Content_Encoding="gzip")), None, body=b"<rss/>"
    ),
    Case(
        "gzip-bomb-10GB",
        one(stream(head(200, Content_Encoding="gzip"), lambda: zeros_compressed(31))),
        "too-large",
        f"{HOST} sent more than 64 KiB",
    ),
    Case(
        "deflate-bomb",
        one(stream(head(200, Content_Encoding="deflate"), lambda: zeros_compressed(15))),
        "too-large",
        f"{HOST} sent more than 64 KiB",
    ),
    Case(
        "raw-deflate-bomb",
        one(stream(head(200, Content_Encoding="deflate"), lambda: zeros_compressed(-15))),
        "too-large",
        f"{HOST} sent more than 64 KiB",
    ),
    Case(
        "gzip-of-gzip-bomb-one-header",
        one(ok(gz(GZIP_OF_ZEROS), Content_Encoding="gzip")),
        "too-large",
        f"{HOST} sent more than 64 KiB",
    ),
    # -- size ---------------------------------------------------------------------------------
    Case(
        "declared-1GB",
        one(silent(5, head(200, Content_Length=str(1 << 30)))),
        "too-large",
        f"{HOST} sent more than 64 KiB",
    ),
    Case(
        "chunked-endless",
        one(stream(head(200, Transfer_Encoding="chunked"), lambda: forever(chunked(b"a" * 8192, end=False)))),
        "too-large",
        f"{HOST} sent more than 64 KiB",
    ),
    Case(
        "close-delimited-endless",
        one(stream(head(200), lambda: forever(b"b" * 8192))),
        "too-large",
        f"{HOST} sent more than 64 KiB",
    ),
    Case("exactly-the-cap", one(ok(b"c" * CAP)), None, body=b"c" * CAP),
    Case("one-byte-over", one(ok(b"c" * (CAP + 1))), "too-large", f"{HOST} sent more than 64 KiB"),
    # -- framing and protocol -----------------------------------------------------------------
    Case(
        "content-length-lies",
        one(raw(MIDDLE_OF_BODY)),
        "interrupted",
        f"{HOST} closed the connection before the answer was complete",
    ),
    Case(
        "chunked-truncated",
        one(raw(head(200, Transfer_Encoding="chunked") + chunked(b"<rss>", end=False) + b"40\r\nabc")),
        "interrupted",
        f"{HOST} closed the connection before the answer was complete",
    ),
    Case(
        "reset-mid-body", one(then_reset(MIDDLE_OF_BODY)), "interrupted", f"{HOST} broke off the connection"
    ),
    Case(
        "closes-at-once",
        one(raw()),
        "interrupted",
        f"{HOST} closed the connection before the answer was complete",
    ),
    Case(
        "no-headers-at-all",
        one(raw(b"<rss><channel></channel></rss>\n")),
        "interrupted",  # h11 still waits for the end of a status line when the server closes
        f"{HOST} closed the connection before the answer was complete",
    ),
    Case(
        "garbage-status",
        one(raw(b"HTTP/1.1 abc OK\r\n\r\n")),
        "protocol",
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case(
        "binary-noise-answer",
        one(raw(bytes(range(256)) * 4)),
        "protocol",
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case(
        "status-line-then-close",
        one(raw(b"HTTP/1.1 200 OK\r\n")),
        "interrupted",
        f"{HOST} closed the connection before the answer was complete",
    ),
    Case(
        "huge-header",
        one(raw(b"HTTP/1.1 200 OK\r\nX-Pad: " + b"p" * (200 * 1024) + b"\r\n\r\n")),
        "protocol",
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case(
        "bad-chunk-size",
        one(raw(head(200, Transfer_Encoding="chunked") + b"zz\r\nabc\r\n")),
        "protocol",
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case(
        "negative-length",
        one(raw(head(200, Content_Length="-5") + b"abc")),
        "protocol",
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case(
        "two-lengths",
        one(raw(b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 7\r\n\r\nabcdefg")),
        "protocol",
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case(
        "nul-in-header",
        one(raw(b"HTTP/1.1 200 OK\r\nX-A: a\x00b\r\nContent-Length: 1\r\n\r\nx")),
        "protocol",
        f"{HOST} sent an answer that is not valid HTTP",
    ),
    Case("lf-only-lines", one(raw(b"HTTP/1.1 200 OK\nContent-Length: 6\n\n<rss/>")), None, body=b"<rss/>"),
    Case(
        "100-continue-then-answer",
        one(raw(b"HTTP/1.1 100 Continue\r\n\r\n" * 3 + head(200, Content_Length="6") + b"<rss/>")),
        None,
        body=b"<rss/>",
    ),
    # -- time: a deadline per request, a minimum rate, timeouts --------------------------------
    Case(
        "1xx-storm",
        one(stream(b"", lambda: forever(b"HTTP/1.1 100 Continue\r\n\r\n" * 50))),
        "timeout",
        f"{HOST} took more than 3 s to answer",
        limits=QUICK,
    ),
    Case(
        "body-drip",
        one(drip(head(200), b"<rss>" * 100, every=0.1)),
        "slow",
        f"{HOST} sent data too slowly (under 1 KiB/s)",
        limits=QUICK,
    ),
    Case(
        "header-drip",
        one(drip(b"", head(200, X_Pad="p" * 400), every=0.1)),
        "slow",
        f"{HOST} sent data too slowly (under 1 KiB/s)",
        limits=QUICK,
    ),
    Case(
        "steady-but-endless",
        one(stream(head(200), lambda: forever(b"s" * 1024), every=0.1)),
        "timeout",
        f"{HOST} took more than 3 s to answer",
        limits=Limits(timeout=1.0, deadline=3.0, max_bytes=8 << 20, rate_window=1.0, rate_grace=0.5),
    ),
    Case(
        "headers-fast-enough-but-endless",
        one(stream(b"HTTP/1.1 200 OK\r\n", lambda: forever(b"X-Pad: " + b"p" * 1000 + b"\r\n"), every=0.1)),
        "timeout",
        f"{HOST} took more than 3 s to answer",
        limits=QUICK,
    ),
    Case(
        "silent-after-headers",
        one(silent(5, head(200, Content_Length="100"))),
        "timeout",
        f"{HOST} stopped sending for more than 1 s",
        limits=QUICK,
    ),
    Case(
        "pause-then-whole-answer",  # a server building its feed: one late read is not a drip
        one(drip(head(200, Content_Length="6"), b"<rss/>", every=1.5, step=6)),
        None,
        body=b"<rss/>",
        limits=Limits(timeout=5.0, deadline=10.0, max_bytes=CAP, rate_window=2.0, rate_grace=0.5),
    ),
    Case("never-answers", one(silent(5)), "timeout", f"{HOST} did not answer within 1 s", limits=QUICK),
    Case(
        "pause-inside-headers",
        one(silent(5, b"HTTP/1.1 200 OK\r\nContent-Ty")),
        "timeout",
        f"{HOST} did not answer within 1 s",
        limits=QUICK,
    ),
]


@pytest.fixture
def raw_server() -> Iterator[RawServer]:
    with RawServer() as server:
        yield server


def serve(server: RawServer, case: Case, prefix: str = "/case") -> str:
    routes = case.routes(lambda path: server.url(prefix + path))
    for path, script in routes.items():
        server.route(prefix + path, script)
    return server.url(prefix)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hostile_server(case: Case, raw_server: RawServer) -> None:
    url = serve(raw_server, case)
    started = time.monotonic()
    with HttpClient(case.limits) as client:
        if case.kind is None:
            response = client.get(url)
            assert response.body == case.body
            outcome: FetchError | Response = response
        else:
            with pytest.raises(FetchError) as caught:
                client.get(url)
            error = caught.value
            assert (error.kind, error.url) == (case.kind, url)
            if case.cause is not None:
                assert error.cause == case.cause
            assert error.detail and error.detail.startswith("GET http://127.0.0.1:")
            outcome = error
    if case.check is not None:
        assert case.check(outcome)
    # Bounded: no case outlives its deadline by much (the point of the deadline, not a speed target).
    assert time.monotonic() - started < case.limits.deadline + 5


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        ("ftp://127.0.0.1/feed", "only http:// and https:// addresses can be fetched"),
        ("javascript:alert(1)", "only http:// and https:// addresses can be fetched"),
        ("file:///etc/passwd", "only http:// and https:// addresses can be fetched"),
        ("http://", "only http:// and https:// addresses can be fetched"),
        ("not a web address", "only http:// and https:// addresses can be fetched"),
        ("http://exa mple.org/feed", "this is not a valid web address"),
        ("http://127.0.0.1:99999/feed", "this is not a valid web address"),
        ("http://[::1/feed", "this is not a valid web address"),
    ],
)
def test_addresses_that_are_never_fetched(url: str, cause: str) -> None:
    with HttpClient(LIMITS) as client, pytest.raises(FetchError) as caught:
        client.get(url)
    assert (caught.value.kind, caught.value.cause) == ("url", cause)


def test_no_such_host_is_offline() -> None:
    with HttpClient(QUICK) as client, pytest.raises(FetchError) as caught:
        client.get("http://no-such-host.invalid/feed")
    assert caught.value.kind == "offline" and "no-such-host.invalid" in caught.value.cause


def test_tls_to_a_plain_http_port(http_server: FixtureServer) -> None:
    with HttpClient(QUICK) as client, pytest.raises(FetchError) as caught:
        client.get(http_server.url("/").replace("http://", "https://"))
    assert (caught.value.kind, caught.value.cause) == ("tls", "the secure connection to 127.0.0.1 failed")


@pytest.mark.parametrize(
    ("content_type", "charset"),
    [
        ("application/rss+xml; charset=Windows-1251", "windows-1251"),
        ('text/xml; charset="UTF-8"', "utf-8"),
        ("text/xml;charset=koi8-r;format=flowed", "koi8-r"),
        ("text/xml", None),
        ("text/xml; charset=", None),
        ("", None),
    ],
)
def test_charset_of_the_http_content_type(content_type: str, charset: str | None) -> None:
    assert Response("http://x/", 200, b"", {"content-type": content_type}).charset == charset


def test_an_environment_proxy_is_used(raw_server: RawServer, monkeypatch: pytest.MonkeyPatch) -> None:
    raw_server.route("/feed", ok(b"<rss>via proxy</rss>"))
    monkeypatch.setenv("http_proxy", raw_server.url(""))
    monkeypatch.setenv("no_proxy", "")
    with HttpClient(LIMITS) as client:
        response = client.get("http://feeds.example.org/feed")
    assert response.body == b"<rss>via proxy</rss>"
    assert raw_server.requests[-1].target == "http://feeds.example.org/feed"  # absolute form: a proxy


def test_a_validator_with_any_latin1_byte_goes_back_as_sent(raw_server: RawServer) -> None:
    raw_server.route(
        "/",
        raw(b'HTTP/1.1 200 OK\r\nETag: "caf\xe9"\r\nContent-Length: 6\r\nConnection: close\r\n\r\n<rss/>'),
    )
    with HttpClient(LIMITS) as client:
        first = client.get(raw_server.url("/"))
        client.get(raw_server.url("/"), etag=first.etag)
    assert first.etag == '"caf\xe9"'
    assert raw_server.requests[-1].headers["if-none-match"] == '"caf\xe9"'


def test_what_we_ask_for(raw_server: RawServer) -> None:
    raw_server.route("/", ok())
    with HttpClient(LIMITS) as client:
        client.get(raw_server.url("/"), etag='"v1"', last_modified="Wed, 21 Oct 2015 07:28:00 GMT")
    sent = raw_server.requests[-1].headers
    assert sent["accept-encoding"] == "gzip, deflate"
    assert sent["user-agent"].startswith("SteppeReader/")
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"v1"', "Wed, 21 Oct 2015 07:28:00 GMT")


# -- the same servers in a sync: what is stored, what each source is told ----------------------

IN_SYNC = [c for c in CASES if c.kind is not None and c.limits is LIMITS][::3] + [
    c
    for c in CASES
    if c.id in ("body-drip", "never-answers", "gzip-bomb-10GB", "to-javascript", "retry-huge")
]


@pytest.fixture
def hostile_library(data_dir: Path) -> Iterator[Library]:
    with offline_library(data_dir) as library:
        yield library


def test_a_sync_over_hostile_sources(raw_server: RawServer, hostile_library: Library) -> None:
    library = hostile_library
    manager = SourceManager(library)
    raw_server.route("/good", answer(200, FEED, headers={"Content-Type": "application/rss+xml"}))
    good = manager.add_known(raw_server.url("/good"), "Good").id
    expected: dict[int, Case] = {}
    for number, case in enumerate(IN_SYNC):
        url = serve(raw_server, case, prefix=f"/s{number}")
        expected[manager.add_known(url, case.id).id] = case
    # The tight limits throughout: the time cases need them, the others do not notice.
    service = SyncService(library, SyncConfig(fetch=QUICK, workers=8))

    started = time.monotonic()
    report = service.sync([str(good), *(str(i) for i in expected)], images=False)

    assert time.monotonic() - started < 30
    results = {r.source_id: r for r in report.results}
    assert results[good].status == "ok" and results[good].new == 1
    assert [s.title for s in library.iter_stories(StoryQuery(sources=(good,)))] == ["A story that survives"]
    with library._read() as conn:
        stored = dict(conn.execute(select(Source.id, Source.last_error).where(Source.id.in_(expected))).all())
        waiting = dict(
            conn.execute(select(Source.id, Source.retry_after).where(Source.id.in_(expected))).all()
        )
    for source_id, case in expected.items():
        result = results[source_id]
        assert result.failed, case.id
        assert library.count_stories(StoryQuery(sources=(source_id,))) == 0, case.id
        if case.cause is not None:
            assert result.error == case.cause == stored[source_id], case.id
        assert (waiting[source_id] is not None) == (case.kind == "busy"), case.id
    assert not report.offline and len(expected) >= 20
