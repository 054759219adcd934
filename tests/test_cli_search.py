"""`steppe reindex` and search on a cache whose index is not built yet, as a real process."""

from __future__ import annotations

import json
from pathlib import Path

from reader.core.library import Library
from reader.core.search import state
from tests.helpers import writing
from tests.test_cli import steppe


def _unbuilt(data_dir: Path) -> None:
    with Library(data_dir) as library:
        library.bookmarks.set(3, note="kept")
        with writing(library) as conn:
            state.reset(conn)  # as right after the upgrade to 0005


def test_a_search_builds_the_index_first_with_progress(data_dir: Path) -> None:
    _unbuilt(data_dir)
    result = steppe(data_dir, "stories", "--search", "Алматы", "--json")
    assert "Building the search index: 100 %" in result.stderr
    found = json.loads(result.stdout)
    assert found and all("snippet" in s for s in found)
    assert "search index" not in steppe(data_dir, "stories", "--search", "Almaty").stderr.lower()
    with Library(data_dir) as library:
        assert library.stories.get(3).bookmark_note == "kept"


def test_reindex_builds_and_rebuilds(data_dir: Path) -> None:
    _unbuilt(data_dir)
    first = steppe(data_dir, "reindex")
    assert "stories indexed" in first.stdout and "100 %" in first.stderr
    again = steppe(data_dir, "reindex", "--full")
    assert again.stdout == first.stdout
    count = json.loads(steppe(data_dir, "stories", "--search", "saxaul", "--count", "--json").stdout)
    assert count == {"count": 1}


def test_a_bad_search_is_a_clear_error(data_dir: Path) -> None:
    result = steppe(data_dir, "stories", "--search", '"unclosed', check=False)
    assert result.returncode == 2 and "quotation mark" in result.stderr and "Traceback" not in result.stderr
