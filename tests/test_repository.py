"""A clone stands on its own: nothing it tracks points outside it, and the payloads tests serve are in it."""

from __future__ import annotations

import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement

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


def _licences(dist: metadata.Distribution) -> list[str]:
    """What the package says its licence is: the SPDX expression, the License field, or classifiers."""
    meta = dist.metadata
    for field in ("License-Expression", "License"):
        value = (meta.get(field) or "").strip()
        if value and "\n" not in value and len(value) < 120:  # not a whole licence text
            return [value]
    return [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]


def _copyleft_only(licences: list[str]) -> bool:
    """True when every licence on offer is GPL or AGPL (LGPL, linked dynamically, is fine)."""
    alternatives = [alt for text in licences for alt in re.split(r"\s+OR\s+", text)]
    return all(re.search(r"(?<![L\w])GPL|\bAGPL|Affero|GNU General Public", alt) for alt in alternatives)


def _runtime_closure(name: str) -> dict[str, metadata.Distribution]:
    found: dict[str, metadata.Distribution] = {}
    pending = [name]
    while pending:
        wanted = pending.pop()
        key = re.sub(r"[-_.]+", "-", wanted).lower()
        if key in found:
            continue
        dist = metadata.distribution(wanted)
        found[key] = dist
        for requirement in map(Requirement, dist.requires or []):
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                pending.append(requirement.name)
    return found


def test_every_runtime_dependency_suits_an_mit_app() -> None:
    """The app and everything it installs at run time carry a licence an MIT app can ship with
    (ebooklib, AGPL-3.0, once slipped in); test-only tools are not shipped and not checked."""
    try:
        closure = _runtime_closure("steppe-reader")
    except metadata.PackageNotFoundError as missing:
        pytest.skip(f"not installed: {missing}")
    assert {"pyside6-essentials", "sqlalchemy", "httpx", "nh3", "feedparser"} <= closure.keys()
    unknown = sorted(name for name, dist in closure.items() if not _licences(dist))
    copyleft = sorted(
        f"{name}: {_licences(dist)}" for name, dist in closure.items() if _copyleft_only(_licences(dist))
    )
    assert unknown == [] and copyleft == []
    assert _copyleft_only(["AGPL-3.0-or-later"]) and _copyleft_only(["GNU General Public License v2 (GPLv2)"])
    assert not _copyleft_only(["LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"]) and not _copyleft_only(
        ["MIT"]
    )
