"""A library whose bundled (real, remote) sources are disabled, so a sync only ever reaches the
127.0.0.1 test server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update

from reader.core.library import Library
from reader.core.models import Source
from reader.core.sync.fetch import FetchConfig
from reader.core.sync.retention import RETENTION_SETTING
from reader.core.sync.service import SyncConfig, SyncService

FAST = SyncConfig(fetch=FetchConfig(timeout=0.5, max_bytes=256 * 1024), workers=4)


def offline_library(data_dir: Path) -> Library:
    library = Library(data_dir)
    with library._write() as conn:
        conn.execute(update(Source).values(enabled=False))
    # The recorded payloads date from 2017-2020: keep them (retention is tested on its own).
    library.set_setting(RETENTION_SETTING, 0)
    return library


@pytest.fixture
def sync_library(data_dir: Path) -> Iterator[Library]:
    with offline_library(data_dir) as library:
        yield library


@pytest.fixture
def service(sync_library: Library) -> SyncService:
    return SyncService(sync_library, FAST)
