"""A clone stands on its own: nothing it tracks points outside it, and the payloads tests serve are in it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.httpserver import FIXTURES

REPO = Path(__file__).resolve().parents[1]
# The sibling folder of the workspace the app was first developed in (its payloads now live in
# tests/fixtures/), and the variable that once pointed at it. Spelt in pieces so this file passes.
_SIBLING = "shared"
OUTSIDE = re.compile(rf"\.\./{_SIBLING}\b|\b{_SIBLING}/fixtures|STEPPE_{'FIXTURES'}".encode())
# The benchmarks compare against peers' workloads that are not ours to ship; `make test` never runs them.
ALLOWED_PREFIXES = ("bench/",)


def tracked_files() -> list[str]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout (an sdist or an unpacked archive)")
    out = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], check=True, capture_output=True).stdout
    return [name for name in out.decode("utf-8").split("\0") if name]


def test_no_tracked_file_refers_outside_the_repository() -> None:
    offenders = []
    for name in tracked_files():
        if name.startswith(ALLOWED_PREFIXES):
            continue
        path = REPO / name
        if not path.is_file():  # deleted in the work tree but not yet from the index
            continue
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{name}:{number}: {line.decode('utf-8', 'replace').strip()}")
    assert offenders == []


def test_every_fixture_is_tracked_and_described() -> None:
    """fixture() reads only tests/fixtures/, so a file there that git does not track would pass here
    and fail in a clone; and each payload says where it came from and under which licence."""
    tracked = {name for name in tracked_files() if name.startswith("tests/fixtures/")}
    on_disk = {path.relative_to(REPO).as_posix() for path in FIXTURES.rglob("*") if path.is_file()}
    assert on_disk - tracked == set()
    sources = (FIXTURES / "SOURCES.txt").read_text("utf-8")
    payloads = sorted(name for name in tracked if Path(name).name not in {"SOURCES.txt", ".gitattributes"})
    assert len(payloads) >= 13  # the bank, exchange-api and WordPress recordings
    assert [name for name in payloads if Path(name).name not in sources] == []
