"""Memory under hostile bodies: the fetch runs in a child process against a local server that
streams the body as the child reads it, and the child's own peak RSS (from wait4) must stay
under 300 MB — whatever the body would grow to: 1 GB plain, 10 GB of gzipped zeros (about 10 MB
on the wire), gzip of gzip, deflate. Run with -s to see the figures (the README quotes them).
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.rawserver import RawServer, head, stream, zeros_compressed

REPO = Path(__file__).resolve().parents[2]
PEAK = Path(__file__).with_name("peak.py")
LIMIT_MB = 300
GB = 1 << 30

pytestmark = pytest.mark.skipif(not hasattr(os, "wait4"), reason="peak RSS from wait4 (Linux, macOS)")


def one_gigabyte(block: int = 64 * 1024) -> Iterator[bytes]:
    data = b"<item>" + b"x" * (block - 6)
    for _ in range(GB // block):
        yield data


def chunked_gigabyte() -> Iterator[bytes]:
    for data in one_gigabyte():
        yield b"%x\r\n%s\r\n" % (len(data), data)
    yield b"0\r\n\r\n"


def gzip_of_gzip_bomb() -> Iterator[bytes]:
    """gzip of an endless gzip: the inner one is members of 1 MiB of zeros each (a valid
    multi-member gzip, about 1 KB per MiB), the outer compresses their repetition lazily."""
    member = gzip.compress(bytes(1 << 20), compresslevel=9)
    outer = zlib.compressobj(9, zlib.DEFLATED, 31)
    while True:
        out = outer.compress(member * 256)
        if out:
            yield out


def peak_of(args: list[str]) -> tuple[int, str, int]:
    """(exit code, stdout, peak RSS in MB) of a command, measured by the small launcher."""
    run = subprocess.run(
        [sys.executable, str(PEAK), *args], capture_output=True, text=True, cwd=REPO, timeout=300
    )
    assert run.returncode in (0, 1), run.stderr
    kib = int(run.stderr.rsplit("peak-rss-kib", 1)[1])
    return run.returncode, run.stdout, kib // 1024


@pytest.fixture
def server() -> Iterator[RawServer]:
    with RawServer() as raw_server:
        raw_server.route("/plain-1GB", stream(head(200, Content_Type="application/rss+xml"), one_gigabyte))
        raw_server.route("/chunked-1GB", stream(head(200, Transfer_Encoding="chunked"), chunked_gigabyte))
        raw_server.route("/declared-1GB", stream(head(200, Content_Length=str(GB)), one_gigabyte))
        raw_server.route(
            "/gzip-bomb", stream(head(200, Content_Encoding="gzip"), lambda: zeros_compressed(31))
        )
        raw_server.route(
            "/deflate-bomb", stream(head(200, Content_Encoding="deflate"), lambda: zeros_compressed(15))
        )
        raw_server.route("/gzip-of-gzip", stream(head(200, Content_Encoding="gzip"), gzip_of_gzip_bomb))
        raw_server.route(
            "/stacked", stream(head(200, Content_Encoding="gzip, gzip"), gzip_of_gzip_bomb)
        )  # refused at once
        yield raw_server


@pytest.mark.parametrize(
    ("path", "cause"),
    [
        ("/plain-1GB", "127.0.0.1 sent more than 10 MiB"),
        ("/chunked-1GB", "127.0.0.1 sent more than 10 MiB"),
        ("/declared-1GB", "127.0.0.1 sent more than 10 MiB"),
        ("/gzip-bomb", "127.0.0.1 sent more than 10 MiB"),
        ("/deflate-bomb", "127.0.0.1 sent more than 10 MiB"),
        ("/gzip-of-gzip", "127.0.0.1 sent more than 10 MiB"),
        (
            "/stacked",
            "127.0.0.1 sent a compressed answer we cannot read (compressed more than once: gzip, gzip)",
        ),
    ],
)
def test_fetch_memory_stays_bounded(server: RawServer, path: str, cause: str) -> None:
    code, out, peak = peak_of([sys.executable, "-m", "tests.hostile.fetch_child", server.url(path)])
    assert code == 0 and json.loads(out)["cause"] == cause
    print(f"\npeak RSS, fetch {path}: {peak} MB")
    assert peak < LIMIT_MB


def test_rates_fetch_memory_stays_bounded(server: RawServer) -> None:
    """Before the client, a rate provider answering 1 GB took 4.6 GB of memory."""
    code, out, peak = peak_of(
        [sys.executable, "-m", "tests.hostile.fetch_child", server.url("/plain-1GB"), "--rates"]
    )
    assert code == 0 and json.loads(out)["cause"] == "127.0.0.1 sent more than 5 MiB"
    print(f"\npeak RSS, rates fetch of 1 GB: {peak} MB")
    assert peak < LIMIT_MB


@pytest.mark.parametrize(
    ("command", "path", "expected"),
    [
        ("sync", "/gzip-bomb", "127.0.0.1 sent more than 10 MiB"),
        ("sync", "/plain-1GB", "127.0.0.1 sent more than 10 MiB"),
        ("rates", "/plain-1GB", "127.0.0.1 sent more than 5 MiB"),
    ],
)
def test_a_whole_cli_sync_stays_bounded(
    server: RawServer, tmp_path: Path, command: str, path: str, expected: str
) -> None:
    """`steppe sync` / `steppe rates sync` end to end (the database, the parser, the CLI)."""
    steppe = [sys.executable, "-m", "reader", "--data-dir", str(tmp_path / "data")]
    url = server.url(path)
    if command == "sync":
        subprocess.run(
            [*steppe, "sources", "add", url, "--name", "Hostile", "--no-discover"],
            check=True,
            cwd=REPO,
            capture_output=True,
        )
        code, out, peak = peak_of([*steppe, "sync", "--source", url, "--stories-only", "--no-images"])
    else:
        code, out, peak = peak_of([*steppe, "rates", "sync", "--provider", "nbkr", "--url", url, "--json"])
    assert code == 1 and expected in out
    print(f"\npeak RSS, steppe {command} against {path}: {peak} MB")
    assert peak < LIMIT_MB
