"""Bundled data: loaded on first run, idempotently, never touching the user's state."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import delete, func, select

from reader.core.library import Library
from reader.core.models import Meta, RatePoint, Source, Story
from reader.core.paths import bundled_data_dir
from reader.core.seed import load_bundled_data
from reader.core.types import StoryQuery
from tests.helpers import writing

BUNDLE = bundled_data_dir()


def _counts(library: Library) -> tuple[int, int, int]:
    with library._storage.read() as conn:
        return (
            conn.execute(select(func.count()).select_from(Story)).scalar_one(),
            conn.execute(select(func.count()).select_from(RatePoint)).scalar_one(),
            conn.execute(select(func.count()).select_from(Source)).scalar_one(),
        )


def test_first_run_loads_every_bundled_story_rate_and_source(library: Library) -> None:
    stories = json.loads((BUNDLE / "sample_stories.json").read_text("utf-8"))["stories"]
    csv_rows = (BUNDLE / "usd-rates-history.csv").read_text("utf-8").strip().splitlines()[1:]
    story_count, rate_count, source_count = _counts(library)
    assert story_count == len(stories) >= 40
    assert rate_count == len(csv_rows) == 203 * 22
    opml_feeds = (BUNDLE / "sources.opml").read_text("utf-8").count("xmlUrl=")
    assert source_count == opml_feeds + 1  # + the sample source
    assert library.seed_report is not None and library.seed_report.new_stories == len(stories)
    assert {f.key for f in library.stories.facets().countries if f.count} == {"KZ", "KG", "TJ", "TM", "UZ"}


def test_sample_stories_are_labelled_as_samples(library: Library) -> None:
    page = library.stories.page(StoryQuery(), limit=500)
    assert page.stories and all(s.is_sample for s in page.stories)
    assert library.state().sample_story_count == len(page.stories)


def test_loading_twice_adds_nothing(data_dir: Path) -> None:
    with Library(data_dir) as lib:
        first = _counts(lib)
    with Library(data_dir) as lib:
        assert lib.seed_report is not None and lib.seed_report.skipped
        assert _counts(lib) == first


def test_reloading_the_bundle_keeps_read_state_and_bookmarks(library: Library) -> None:
    library.stories.mark_read(3)
    library.bookmarks.set(5, note="for later")
    before = _counts(library)
    with writing(library) as conn:  # forget that the bundle was loaded, as after an app update
        conn.execute(delete(Meta))
    report = load_bundled_data(library._storage)
    assert not report.skipped
    assert (report.new_stories, report.new_rate_points, report.new_sources) == (0, 0, 0)
    assert _counts(library) == before
    assert library.stories.get(3).is_read
    assert library.stories.get(5).is_bookmarked and library.stories.get(5).bookmark_note == "for later"
