"""Every export format, checked by what reads it: a CommonMark parser, pdftotext, epubcheck,
json and csv — on stories with cached images, links, paragraphs and currency context."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
import re
import shutil
import struct
import subprocess
import unicodedata
import zipfile
import zlib
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reader.core.export import ExportError, ExportFormat, ExportScope, export_stories
from reader.core.library import Library
from reader.core.safe_write import TargetExists
from reader.core.types import StoryQuery
from tests.core.export.epubcheck import assert_valid_epub, needs_epubcheck
from tests.helpers import add_source, add_story

FEED = "https://example.test/feed/"


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG, made by hand so the core tests need no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


RED, BLUE = png(40, 30, (200, 30, 30)), png(24, 24, (20, 60, 200))
TITLES = (
    "Kazchrome starts a flotation unit in Khromtau",
    "Бишкек: new *tram* [line] plans",
    "Uzbekistan opens a solar plant",
)


@pytest.fixture
def stories(library: Library) -> list[int]:
    source = add_source(library, "Steppe Test Wire", FEED)
    library.images.put("https://img.example.test/red.png", RED)
    library.images.put("https://img.example.test/blue.png", BLUE)
    ids = [
        add_story(
            library,
            source,
            TITLES[0],
            "<p>Kazchrome put its spending at over 20.6 billion tenge.</p>"
            '<p><img src="https://img.example.test/red.png" alt="The plant"></p>'
            '<p>More at <a href="https://erg.example.test/news">ERG\'s site</a>.</p>',
            published=dt.datetime(2025, 6, 3, 9, 0, tzinfo=dt.UTC),
            countries=["KZ"],
            guid="kazchrome-1",
        ),
        add_story(
            library,
            source,
            TITLES[1],
            "<p>Первый абзац.</p><h3>Plans</h3><ul><li>One</li><li>Two</li></ul>"
            '<p><img src="https://img.example.test/blue.png" alt="Map"></p>'
            '<p><img src="https://img.example.test/missing.png" alt="Not cached"></p>',
            published=dt.datetime(2025, 7, 1, tzinfo=dt.UTC),
            countries=["KG"],
        ),
        add_story(
            library,
            source,
            TITLES[2],
            "<p>Second paragraph follows.</p><p>Done.</p>",
            published=dt.datetime(2025, 8, 1, tzinfo=dt.UTC),
            countries=["UZ"],
        ),
    ]
    library.bookmarks.edit(ids[0], note="for the mining piece", tags=["mining", "KZ"])
    return ids


def _export(library: Library, ids: list[int], fmt: ExportFormat, path: Path) -> Path:
    result = export_stories(library, fmt, path, ExportScope(story_ids=tuple(ids)))
    assert result.count == len(ids) and path.exists()
    return path


def test_the_sample_story_carries_its_currency_context(library: Library, stories: list[int]) -> None:
    (money,) = library.money_context(stories[0])
    assert money.text == "20.6 billion tenge" and money.currency == "KZT"
    assert money.amount == pytest.approx(20.6e9)
    assert money.usd_at_published is not None and 20e6 < money.usd_at_published < 60e6


def test_markdown_is_commonmark_with_titles_links_and_paragraphs(
    library: Library, stories: list[int], tmp_path: Path
) -> None:
    text = _export(library, stories, ExportFormat.MARKDOWN, tmp_path / "out.md").read_text("utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [
        tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h1"
    ]
    assert headings == [t.replace("*", "\\*").replace("[", "\\[").replace("]", "\\]") for t in TITLES]
    rendered = MarkdownIt("commonmark").render(text)
    for title in TITLES:  # the escapes make the titles come out as typed, not as emphasis/links
        assert f"<h1>{title}</h1>" in rendered
    assert '<a href="https://erg.example.test/news">ERG\'s site</a>' in rendered
    assert "<p>Первый абзац.</p>" in rendered and "<h3>Plans</h3>" in rendered
    assert "<li>One</li>" in rendered
    assert "<p>Second paragraph follows.</p>\n<p>Done.</p>" in rendered
    # metadata header: the source, the link to the original and the bookmark's note and tags
    assert "<strong>Source:</strong> Steppe Test Wire" in rendered
    assert rendered.count('<a href="https://example.test/') == 3 * 2  # Original: and "Read the original"
    assert "<strong>Note:</strong> for the mining piece" in rendered
    assert "<strong>Tags:</strong> KZ, mining" in rendered
    assert "20.6 billion tenge ≈ $" in rendered
    # one file: images stay links to their addresses (the folder form copies the cached ones)
    assert '<img src="https://img.example.test/red.png" alt="The plant" />' in rendered
    assert '<img src="https://img.example.test/missing.png" alt="Not cached" />' in rendered


def test_markdown_folder_copies_the_cached_images(
    library: Library, stories: list[int], tmp_path: Path
) -> None:
    folder = _export(library, stories, ExportFormat.MARKDOWN, tmp_path / "stories")
    files = sorted(p.name for p in folder.glob("*.md"))
    assert files == [
        "2025-06-03 Kazchrome starts a flotation unit in Khromtau.md",
        "2025-07-01 Бишкек- new -tram- [line] plans.md",
        "2025-08-01 Uzbekistan opens a solar plant.md",
    ]
    first = (folder / files[0]).read_text("utf-8")
    (image,) = re.findall(r"!\[The plant\]\(<(images/[^>]+)>\)", first)
    assert (folder / image).read_bytes() == RED


def test_html_is_one_file_with_the_images_inline(
    library: Library, stories: list[int], tmp_path: Path
) -> None:
    page = _export(library, stories, ExportFormat.HTML, tmp_path / "out.html").read_text("utf-8")
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert len(sources) == 2 and all(s.startswith("data:image/png;base64,") for s in sources)
    assert {base64.b64decode(s.split(",", 1)[1]) for s in sources} == {RED, BLUE}
    assert "img.example.test" not in page  # nothing left to fetch
    assert "@media print" in page
    for title in TITLES:
        assert f"<h1>{title.replace('*', '*')}</h1>" in page.replace("&#x27;", "'")
    assert page.count("Read the original at Steppe Test Wire") == 3
    assert "20.6 billion tenge ≈ $" in page


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (installed by .ci/run)")
def test_pdf_has_the_titles_links_and_pages(
    qapp: object, library: Library, stories: list[int], tmp_path: Path
) -> None:
    # `qapp`: the writer would make a bare QGuiApplication, and later widget tests in this
    # process need the QApplication that pytest-qt makes (the command line is its own process).
    pdf = _export(library, stories, ExportFormat.PDF, tmp_path / "out.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    flat = " ".join(unicodedata.normalize("NFKC", text.stdout).split())  # "ﬂ" ligatures
    for title in TITLES:
        assert title in flat
    assert "Read the original at Steppe Test Wire" in flat and "20.6 billion tenge" in flat
    pages = text.stdout.count("\f")
    assert pages >= 3  # each story starts a page
    info = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
    assert len(info.stdout.strip().splitlines()) - 2 >= 2  # both cached images are in the file


@needs_epubcheck
def test_epub_passes_epubcheck_with_toc_metadata_and_images(
    library: Library, stories: list[int], tmp_path: Path
) -> None:
    book = _export(library, stories, ExportFormat.EPUB, tmp_path / "out.epub")
    assert_valid_epub(book)
    with zipfile.ZipFile(book) as z:
        names = z.namelist()
        nav = z.read("EPUB/nav.xhtml").decode()
        opf = z.read("EPUB/content.opf").decode()
        images = [z.read(n) for n in names if n.startswith("EPUB/images/")]
        chapter = z.read("EPUB/story-0001.xhtml").decode()
    assert all(title.replace("*", "*") in nav for title in TITLES[::2])
    assert "Бишкек: new *tram* [line] plans" in nav
    assert "<dc:creator" in opf and "Steppe Test Wire" in opf and "<dc:language>en</dc:language>" in opf
    assert sorted(images) == sorted([RED, BLUE])
    assert 'href="https://example.test/' in chapter and "20.6 billion tenge" in chapter


def test_json_round_trips_the_fields(library: Library, stories: list[int], tmp_path: Path) -> None:
    doc = json.loads(_export(library, stories, ExportFormat.JSON, tmp_path / "out.json").read_text("utf-8"))
    assert doc["format"] == "steppe-export" and doc["version"] == 1 and doc["count"] == 3
    records = doc["stories"]
    assert [r["title"] for r in records] == list(TITLES)
    for record, story_id in zip(records, stories, strict=True):
        story = library.story(story_id)
        assert record["id"] == story.id and record["guid"] == story.guid and record["url"] == story.url
        assert record["content_html"] == story.content_html and record["content_text"] == story.content_text
        assert dt.datetime.fromisoformat(record["published_at"]) == story.published_at
        assert record["countries"] == list(story.countries)
        assert record["source"] == {"name": "Steppe Test Wire", "feed_url": FEED, "site_url": None}
    assert records[0]["bookmark"]["note"] == "for the mining piece"
    assert records[0]["bookmark"]["tags"] == ["KZ", "mining"]
    assert records[1]["bookmark"] is None
    (money,) = records[0]["money_context"]
    expected = library.money_context(stories[0])[0]
    assert (money["text"], money["currency"], money["amount"]) == (
        "20.6 billion tenge",
        "KZT",
        expected.amount,
    )
    assert money["usd_at_published"] == pytest.approx(expected.usd_at_published)


def test_csv_round_trips_the_metadata(library: Library, stories: list[int], tmp_path: Path) -> None:
    path = _export(library, stories, ExportFormat.CSV, tmp_path / "out.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["title"] for r in rows] == list(TITLES)
    for row, story_id in zip(rows, stories, strict=True):
        story = library.story(story_id)
        assert int(row["id"]) == story.id and row["url"] == story.url
        assert row["source"] == "Steppe Test Wire" and row["source_feed_url"] == FEED
        assert dt.datetime.fromisoformat(row["published_at"]) == story.published_at
        assert row["countries"].split("; ") == list(story.countries)
    assert rows[0]["bookmark_note"] == "for the mining piece" and rows[0]["bookmark_tags"] == "KZ; mining"
    assert rows[0]["money_context"].startswith("20.6 billion tenge ≈ $")
    assert rows[2]["money_context"] == "" and rows[2]["bookmark_note"] == ""
    from reader.core.export.csvfmt import cell

    assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell("@x") == "'@x" and cell("Tenge") == "Tenge"


def test_bookmarks_scope_and_query_scope(library: Library, stories: list[int], tmp_path: Path) -> None:
    out = tmp_path / "b.json"
    result = export_stories(library, ExportFormat.JSON, out, ExportScope.bookmarks())
    assert result.count == 1
    assert [r["id"] for r in json.loads(out.read_text("utf-8"))["stories"]] == [stories[0]]
    source = library.find_source(FEED)
    assert source is not None
    query = ExportScope(query=StoryQuery(countries=("KG", "UZ"), sources=(source.id,)))
    export_stories(library, ExportFormat.CSV, tmp_path / "q.csv", query)
    assert (tmp_path / "q.csv").read_text("utf-8-sig").count("\n") == 3  # header + two stories


def test_nothing_is_overwritten_without_force_and_a_failure_leaves_no_file(
    library: Library, stories: list[int], tmp_path: Path
) -> None:
    target = tmp_path / "keep.html"
    target.write_text("mine", "utf-8")
    with pytest.raises(TargetExists):
        export_stories(library, ExportFormat.HTML, target, ExportScope(story_ids=(stories[0],)))
    assert target.read_text("utf-8") == "mine"

    def cancel(done: int, _total: int) -> bool:
        return done < 2

    from reader.core.export import ExportCancelled

    with pytest.raises(ExportCancelled):
        export_stories(
            library, ExportFormat.HTML, target, ExportScope(story_ids=tuple(stories)), True, cancel
        )
    assert target.read_text("utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "keep.html"]  # no temp file left
    export_stories(library, ExportFormat.HTML, target, ExportScope(story_ids=(stories[0],)), force=True)
    assert TITLES[0] in target.read_text("utf-8")
    with pytest.raises(ExportError):
        export_stories(
            library, ExportFormat.CSV, tmp_path / "x.csv", ExportScope(query=StoryQuery(text="zzzqqq"))
        )
