"""`steppe stories` with no filter answers before the Library opens (reader.cli.stories'
quick_stories, from reader.core.first_page) and prints exactly what the Library's path prints;
a filter, a sort, a cache that opening would change, or one it cannot read that way takes the
Library's path. What each run loads is checked in tests/test_cli_imports.py."""

from __future__ import annotations

import contextlib
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import build_parser
from reader.cli.stories import QUICK_LIMIT, cmd_stories, quick_stories
from reader.core.library import Library
from reader.core.paths import DATABASE_NAME
from reader.core.tagger_version import TAGGER_VERSION_KEY
from reader.core.types import StoryQuery


@pytest.fixture
def cache(library: Library) -> Path:
    """The bundled samples with some read and some bookmarked, so every flag of a row shows."""
    ids = [s.id for s in library.stories.page(StoryQuery(), limit=12).stories]
    for story_id in ids[::3]:
        library.stories.mark_read(story_id)
    for story_id in ids[1::4]:
        library.bookmarks.set(story_id, True)
    return library.data_dir


def listing(data_dir: Path, *argv: str, quick: bool) -> tuple[int | None, str, str]:
    parser = build_parser()
    args = parser.parse_args(["--data-dir", str(data_dir), "stories", *argv])
    with (
        contextlib.redirect_stdout(io.StringIO()) as out,
        contextlib.redirect_stderr(io.StringIO()) as err,
    ):
        if quick:
            code = quick_stories(args)
        else:
            with Library(data_dir) as library:
                code = cmd_stories(library, args, parser)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    "argv",
    [(), ("--limit", "3"), ("--limit", "1"), ("--json",), ("--json", "--limit", str(QUICK_LIMIT)),
     ("--count",), ("--count", "--json"), ("--sort", "newest", "--limit", "7")],
)  # fmt: skip
def test_it_prints_what_the_librarys_path_prints(cache: Path, argv: tuple[str, ...]) -> None:
    quick = listing(cache, *argv, quick=True)
    assert quick[0] == 0, "a settled cache is listed without the Library"
    assert quick == listing(cache, *argv, quick=False)
    assert quick[1].strip()


def test_the_rows_show_their_flags(cache: Path) -> None:
    _, out, err = listing(cache, "--limit", "12", quick=True)
    rows = out.splitlines()
    assert len(rows) == 12
    assert any("★" in r for r in rows) and any("•" in r for r in rows)
    assert err.startswith("Showing 1–12 of ")


@pytest.mark.parametrize(
    "argv",
    [("--search", "tenge"), ("--country", "KZ"), ("--section", "economy"), ("--source", "1"),
     ("--since", "2020-01-01"), ("--until", "2030-01-01"), ("--unread",), ("--bookmarked",),
     ("--view", "any"), ("--sort", "oldest"), ("--sort", "relevance"), ("--limit", str(QUICK_LIMIT + 1))],
)  # fmt: skip
def test_a_filter_or_another_order_takes_the_librarys_path(cache: Path, argv: tuple[str, ...]) -> None:
    assert listing(cache, *argv, quick=True) == (None, "", "")


def test_a_cache_not_there_yet_takes_the_librarys_path(tmp_path: Path) -> None:
    assert listing(tmp_path / "new", quick=True) == (None, "", "")
    assert not (tmp_path / "new").exists(), "asking created nothing"


def test_a_cache_awaiting_retagging_gets_the_librarys_note(cache: Path) -> None:
    conn = sqlite3.connect(cache / DATABASE_NAME)
    with conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = ?", (TAGGER_VERSION_KEY,))
    conn.close()
    assert listing(cache, quick=True) == (None, "", "")
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(cache), "stories", "--limit", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0
    assert len(done.stdout.splitlines()) == 2
    assert "`steppe retag` updates them" in done.stderr
