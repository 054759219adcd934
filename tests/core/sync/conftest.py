"""A library whose bundled (real, remote) sources are disabled, so a sync only ever reaches the
127.0.0.1 test server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from reader.core import cpu
from reader.core.library import Library
from reader.core.models import Source
from reader.core.sync.fetch import FetchConfig
from reader.core.sync.service import Sync, SyncConfig
from tests.helpers import writing

FAST = SyncConfig(fetch=FetchConfig(timeout=0.5, max_bytes=256 * 1024), workers=4)


def offline_library(data_dir: Path) -> Library:
    library = Library(data_dir)
    with writing(library) as conn:
        conn.execute(update(Source).values(enabled=False))
    # The recorded payloads date from 2017-2020: keep them (retention is tested on its own).
    library.settings.set_named("sync.retention_days", 0)
    return library


@pytest.fixture
def sync_library(data_dir: Path) -> Iterator[Library]:
    with offline_library(data_dir) as library:
        yield library


@pytest.fixture
def service(sync_library: Library) -> Sync:
    sync_library.sync.config = FAST
    return sync_library.sync


@pytest.fixture
def pool(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Two worker processes (reader.core.cpu), fresh for the test, whatever the machine has."""
    monkeypatch.setenv("STEPPE_WORKERS", "2")
    cpu.shutdown()
    yield
    cpu.shutdown()
