"""`steppe repair`: a damaged database is kept aside, the cache rebuilt, every bookmark back.

The cache is a real one: the bundled data, bookmarks made through the commands (with notes and
tags, one on a story that came from another cache and exists only in the backup), read marks.
The damage is real too: a wiped header, a truncated file, garbage pages, one bad page that the
start-up never reads.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.library import Library
from reader.core.logs import stop_logging
from reader.core.paths import BACKUP_NAME, DATABASE_NAME
from reader.core.repair import LOST, NothingToRepair, repair
from tests.helpers import bundled_sample_count

SAMPLES = bundled_sample_count()

PAGE = 4096
FOREIGN = {
    "feed_url": "https://cabar.example/feed/",
    "guid": "cabar-2025-water",
    "url": "https://cabar.example/2025/water-sharing",
    "title": "Water sharing on the Syr Darya, season by season",
    "source": "CABAR (test)",
    "published_at": "2025-05-14T06:30:00Z",
    "bookmarked_at": "2025-05-15T10:00:00Z",
    "note": "compare with the 2024 figures",
    "tags": ["water", "KG"],
    "content_html": "<p>Upstream reservoirs release water in summer; downstream farms need it in spring.</p>",
}


@pytest.fixture(autouse=True)
def _no_log_left_open() -> Iterator[None]:
    """reader.cli.main() logs to the data folder it opened; close that file after each test."""
    yield
    stop_logging()


def steppe(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def bookmarks(data: Path) -> list[tuple[str, str | None, tuple[str, ...]]]:
    with Library(data) as library:
        return sorted((b.title, b.note, b.tags) for b in library.bookmarks.find())


@pytest.fixture
def cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A cache with three bookmarks (notes, tags, one story from elsewhere) and read marks."""
    data = tmp_path / "data"
    assert (
        steppe(capsys, data, "bookmarks", "edit", "4", "--note", "rates piece", "--tags", "money, UZ")[0] == 0
    )
    assert steppe(capsys, data, "bookmark", "9")[0] == 0
    incoming = tmp_path / "from-laptop.json"
    incoming.write_text(json.dumps({"format": "steppe-bookmarks", "version": 1, "bookmarks": [FOREIGN]}))
    assert steppe(capsys, data, "bookmarks", "import", str(incoming))[0] == 0
    for story_id in (4, 10, 11):
        assert steppe(capsys, data, "read", str(story_id))[0] == 0
    return data


def wipe_header(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.write(b"\x00" * 100)


def truncate(db: Path) -> None:
    os.truncate(db, db.stat().st_size // 3)


def garbage_pages(db: Path) -> None:
    with db.open("r+b") as handle:
        for page in range(1, db.stat().st_size // PAGE, 3):  # every third page after the first
            handle.seek(page * PAGE)
            handle.write(bytes((page * 7 + i) % 256 for i in range(PAGE)))


def one_bad_page(db: Path) -> None:
    with db.open("r+b") as handle:
        handle.seek((db.stat().st_size // PAGE - 60) * PAGE)  # deep in the rates and search index
        handle.write(b"\xa5" * PAGE)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "wiped-header": wipe_header,
    "truncated": truncate,
    "garbage-pages": garbage_pages,
    "one-bad-page": one_bad_page,
}


@pytest.mark.parametrize("damage", list(DAMAGE), ids=list(DAMAGE))
def test_repair_keeps_the_damaged_file_and_brings_every_bookmark_back(
    damage: str, cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = bookmarks(cache)
    assert len(expected) == 3 and (FOREIGN["title"], FOREIGN["note"], ("KG", "water")) in expected
    db = cache / DATABASE_NAME
    DAMAGE[damage](db)
    # What a crash leaves beside the file: its write-ahead log and index, kept with it.
    (cache / f"{DATABASE_NAME}-wal").write_bytes(b"wal of the damaged file")
    (cache / f"{DATABASE_NAME}-shm").write_bytes(b"shm of the damaged file")
    damaged = db.read_bytes()

    if damage != "one-bad-page":  # that one opens: only the integrity check finds it
        code, out, err = steppe(capsys, cache, "stories")
        assert (code, out) == (2, "")
        assert err == (
            f'steppe: the database {db} is damaged; run "steppe --data-dir {cache} repair" to keep it '
            "aside and start fresh (bookmarks are restored from the backup)\n"
        )
        assert db.read_bytes() == damaged  # left untouched, and its logs with it
        assert (cache / f"{DATABASE_NAME}-wal").read_bytes() == b"wal of the damaged file"

    code, out, err = steppe(capsys, cache, "repair")
    assert (code, err) == (0, "")
    (kept,) = cache.glob(f"{DATABASE_NAME}.damaged-*[0-9]")
    assert re.fullmatch(rf"{re.escape(DATABASE_NAME)}\.damaged-\d{{8}}-\d{{6}}", kept.name)
    assert kept.read_bytes() == damaged
    assert Path(f"{kept}-wal").read_bytes() == b"wal of the damaged file"
    assert Path(f"{kept}-shm").is_file()  # SQLite's scratch index of the log: rewritten in place, kept
    assert out.splitlines() == [
        f"The damaged file was kept as {kept}; 3 of 3 bookmarks were restored from the backup.",
        f"The new cache holds {SAMPLES + 1} stories and 3 bookmarks.",
        LOST,
    ]
    assert bookmarks(cache) == expected  # every note and tag, and the story only the backup had
    with Library(cache) as library:
        state = library.state()
        assert (state.story_count, state.sample_story_count, state.bookmark_count) == (
            SAMPLES + 1,
            SAMPLES,
            3,
        )
        assert state.unread_count == SAMPLES + 1  # read marks lived only in the damaged file, as we say
        foreign = next(b for b in library.bookmarks.find() if b.title == FOREIGN["title"])
        story = library.stories.get(foreign.story_id)
        assert story.url == FOREIGN["url"] and "downstream farms" in story.content_text
    assert not list(cache.glob(f"{BACKUP_NAME}.before-repair-*"))  # all came back: no copy needed

    code, _out, err = steppe(capsys, cache, "repair")
    assert code == 2 and err.startswith(f"steppe: The database {db} is not damaged")


def test_repair_without_a_backup_says_no_bookmark_could_come_back(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (cache / BACKUP_NAME).unlink()
    wipe_header(cache / DATABASE_NAME)
    code, out, err = steppe(capsys, cache, "repair")
    assert (code, err) == (0, "")
    (kept,) = cache.glob(f"{DATABASE_NAME}.damaged-*")
    assert out.splitlines()[0] == (
        f"The damaged file was kept as {kept}; no bookmarks could be restored: there is no bookmark "
        f"backup ({cache / BACKUP_NAME})."
    )
    assert bookmarks(cache) == []


def test_repair_with_a_damaged_backup_keeps_a_copy_of_it(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = cache / BACKUP_NAME
    half = backup.read_bytes()[: backup.stat().st_size // 2]
    backup.write_bytes(half)
    wipe_header(cache / DATABASE_NAME)
    code, out, err = steppe(capsys, cache, "repair")
    assert (code, err) == (0, "")
    (copy,) = cache.glob(f"{BACKUP_NAME}.before-repair-*")
    assert copy.read_bytes() == half  # what was left of the backup is never overwritten
    (kept,) = cache.glob(f"{DATABASE_NAME}.damaged-*")
    first = out.splitlines()[0]
    assert first.startswith(
        f"The damaged file was kept as {kept}; no bookmarks could be restored: Cannot read bookmarks "
        f"from {backup}: not a JSON file ("
    )
    assert first.endswith(f") (the backup as it was is kept as {copy}).")


def test_repairs_in_the_same_second_never_overwrite_each_other(cache: Path) -> None:
    moment = dt.datetime(2026, 12, 2, 10, 30, 0)
    names = []
    for round_ in range(2):
        wipe_header(cache / DATABASE_NAME)
        library, report = repair(cache, now=moment)
        with library:
            assert report.restored == report.backup_total == 3, round_
        names.append(report.kept_as.name)
    assert names == [f"{DATABASE_NAME}.damaged-20261202-103000", f"{DATABASE_NAME}.damaged-20261202-103000-2"]
    assert report.summary() == (
        f"The damaged file was kept as {cache / names[1]}; 3 of 3 bookmarks were restored from the backup."
    )


def test_repair_refuses_a_sound_or_missing_database(cache: Path, tmp_path: Path) -> None:
    before = (cache / DATABASE_NAME).read_bytes()
    with pytest.raises(NothingToRepair, match="is not damaged"):
        repair(cache)
    assert (cache / DATABASE_NAME).read_bytes() == before
    assert sorted(p.name for p in cache.iterdir() if "damaged" in p.name or "before-repair" in p.name) == []
    with pytest.raises(NothingToRepair, match="There is no database"):
        repair(tmp_path / "never-used")
    assert not (tmp_path / "never-used").exists()
