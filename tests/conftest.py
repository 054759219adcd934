"""Test configuration: Qt runs offscreen, every test gets its own data folder."""

from __future__ import annotations

import os

# Set here, by the test configuration, before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("STEPPE_DATA_DIR", None)

from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.core.library import Library
from tests.httpserver import FixtureServer


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def library(data_dir: Path) -> Iterator[Library]:
    """A Library on a fresh cache filled from the bundled data."""
    with Library(data_dir) as lib:
        yield lib


@pytest.fixture
def http_server() -> Iterator[FixtureServer]:
    """A real HTTP server on 127.0.0.1 serving whatever the test routes (see tests/httpserver.py)."""
    with FixtureServer() as server:
        yield server
