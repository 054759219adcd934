"""Upgrading a cache written by an older version, with progress (reader.core.upgrade, issue 13):
a real cache at revision 0008 converted by migration 0009, batch by batch, reported as it goes;
stopped half-way it is left exactly as it was."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest

from reader.core.compressed import decompress
from reader.core.db import SCHEMA_HEAD
from reader.core.library import Library
from reader.core.paths import DATABASE_NAME
from reader.core.upgrade import (
    ARTICLES,
    SCHEMA,
    STORIES,
    UpgradeProgress,
    UpgradeStopped,
    pending_upgrade,
    upgrade,
)
from tests.helpers import cache_at_0008, stored_texts

STORIES_ADDED = 1_100  # three of 0009's batches of 500
ARTICLES_ADDED = 30


def _stored(path: Path) -> tuple[str, dict[tuple[str, int], tuple[object, object]]]:
    """The file's revision and every stored (HTML, text), as SQLite holds them."""
    db = sqlite3.connect(path)
    try:
        revision = db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        db.close()
    return revision, stored_texts(path)


def _counted(steps: list[UpgradeProgress], what: str) -> list[tuple[int, int]]:
    return [(s.done, s.total) for s in steps if s.what == what]


def test_an_0008_cache_upgrades_with_progress_and_keeps_every_text(data_dir: Path) -> None:
    before = cache_at_0008(data_dir, STORIES_ADDED, ARTICLES_ADDED, language="ru")
    # The rows 0009 converts: a story with a text (TEXT, as 0008 stored it).
    stories = sum(1 for (table, _), pair in before.items() if table == "story" and any(pair))
    assert stories > STORIES_ADDED and all(
        isinstance(v, str | None) for pair in before.values() for v in pair
    )

    pending = pending_upgrade(data_dir)
    assert pending is not None
    assert (pending.revision, pending.language) == ("0008", "ru")
    assert pending.database_path == (data_dir / DATABASE_NAME).resolve()

    steps: list[UpgradeProgress] = []
    upgrade(pending, steps.append)

    assert steps[0] == UpgradeProgress(SCHEMA, 0, 0)
    counted = _counted(steps, STORIES)
    assert counted[0] == (0, stories) and counted[-1] == (stories, stories)
    assert len(counted) == 1 + math.ceil(stories / 500)  # the start, then one report a batch
    dones = [done for done, _ in counted]
    assert dones == sorted(dones) and len(set(dones)) == len(dones)
    assert {total for _, total in counted} == {stories}
    assert _counted(steps, ARTICLES) == [(0, ARTICLES_ADDED), (ARTICLES_ADDED, ARTICLES_ADDED)]
    assert steps.index(UpgradeProgress(STORIES, stories, stories)) < steps.index(
        UpgradeProgress(ARTICLES, 0, ARTICLES_ADDED)
    )

    revision, after = _stored(data_dir / DATABASE_NAME)
    assert revision == SCHEMA_HEAD
    assert after.keys() == before.keys()
    for key, pair in after.items():
        assert tuple(decompress(v) if v is not None else None for v in pair) == before[key]  # type: ignore[arg-type]
    long_ones = [pair for key, pair in after.items() if len(before[key][0] or "") > 400]
    assert len(long_ones) >= STORIES_ADDED and all(isinstance(v, bytes) for pair in long_ones for v in pair)

    assert pending_upgrade(data_dir) is None  # done once
    with Library(data_dir) as library:
        story = library.stories.get(1)
        assert (story.content_html, story.content_text) == before[("story", 1)]


def test_a_stopped_upgrade_leaves_the_cache_as_it_was_and_runs_again(data_dir: Path) -> None:
    before = cache_at_0008(data_dir, STORIES_ADDED)
    pending = pending_upgrade(data_dir)
    assert pending is not None
    seen: list[UpgradeProgress] = []

    def stop_after_a_batch(step: UpgradeProgress) -> None:
        seen.append(step)
        if step.what == STORIES and step.done >= 500:
            raise UpgradeStopped

    with pytest.raises(UpgradeStopped, match="left as it was"):
        upgrade(pending, stop_after_a_batch)
    assert seen[-1].done == 500  # it had converted a batch when it stopped
    assert _stored(data_dir / DATABASE_NAME) == ("0008", before)  # rolled back, every text as TEXT

    again = pending_upgrade(data_dir)
    assert again == pending
    steps: list[UpgradeProgress] = []
    upgrade(again, steps.append)
    assert _counted(steps, STORIES)[0][0] == 0  # it starts from the beginning, as nothing was kept
    assert _stored(data_dir / DATABASE_NAME)[0] == SCHEMA_HEAD


def test_no_upgrade_for_a_missing_a_fresh_or_a_newer_cache(data_dir: Path, tmp_path: Path) -> None:
    assert pending_upgrade(tmp_path / "nothing-here") is None
    with Library(data_dir):
        pass
    assert pending_upgrade(data_dir) is None  # at the newest schema
    db = sqlite3.connect(data_dir / DATABASE_NAME)
    with db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")
    db.close()
    assert pending_upgrade(data_dir) is None  # a newer version's: the Library refuses it, untouched
    (tmp_path / "file").write_text("not a folder")
    assert pending_upgrade(tmp_path / "file") is None
