"""A cache written before links were filtered may hold a javascript: or file: link: no export
format makes it something to click (ExportStory filters every story's links)."""

from __future__ import annotations

import csv
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import update

from reader.core.library import Library
from reader.core.models import Source, Story
from reader.core.types import ExportFormat, ExportScope
from tests.helpers import add_source, add_story, writing

HOSTILE = ("javascript:", "vbscript:", "file:///", "data:text")


@pytest.fixture
def old_story(library: Library) -> int:
    source = add_source(library, "Old cache", "https://example.test/feed/")
    story_id = add_story(library, source, "A story from an old cache", body="<p>Kept text.</p>")
    with writing(library) as conn:  # as an older version could have stored them
        conn.execute(
            update(Story)
            .where(Story.id == story_id)
            .values(url="javascript:alert(document.cookie)", image_url="data:text/html,<script>x</script>")
        )
        conn.execute(update(Source).where(Source.id == source).values(site_url="file:///etc/passwd"))
    return story_id


@pytest.mark.parametrize("fmt", list(ExportFormat), ids=[f.value for f in ExportFormat])
def test_no_export_links_to_anything_but_http(
    qapp: object, library: Library, old_story: int, tmp_path: Path, fmt: ExportFormat
) -> None:
    # `qapp`: the PDF writer would make a bare QGuiApplication; later widget tests need pytest-qt's.
    target = tmp_path / f"out{fmt.suffix}"
    library.export.run(fmt, target, ExportScope(story_ids=(old_story,)))
    if fmt is ExportFormat.EPUB:
        with zipfile.ZipFile(target) as book:
            text = "\n".join(book.read(name).decode("utf-8", "replace") for name in book.namelist())
    else:
        text = target.read_bytes().decode("utf-8", "replace")
    assert "A story from an old cache" in text or fmt is ExportFormat.PDF  # PDF text is compressed
    for bad in HOSTILE:
        assert bad not in text
    if fmt is ExportFormat.JSON:
        story = json.loads(text)["stories"][0]
        assert story["url"] is None and story["image_url"] is None and story["source"]["site_url"] is None
    if fmt is ExportFormat.CSV:
        row = next(csv.DictReader(text.lstrip("\ufeff").splitlines()))
        assert row["url"] == "" and "Kept text" not in row["url"]
