"""EPUB 3 export with ebooklib: a chapter per story, a table of contents, metadata, and the
cached images inside the book (an e-reader has no network, and epubcheck refuses remote images)."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
from collections.abc import Iterator
from pathlib import Path

from ebooklib import epub

from reader import __version__
from reader.core.export import ExportStory
from reader.core.export.render import MIME, story_html
from reader.core.safe_write import atomic_file

BOOK_CSS = """
body { font-family: serif; line-height: 1.5; }
h1 { font-size: 1.5em; line-height: 1.2; }
.byline { color: #555; }
table.meta { font-size: .85em; border-collapse: collapse; }
table.meta th { text-align: left; font-weight: normal; color: #555; padding-right: 1em; vertical-align: top; }
img { max-width: 100%; }
.money { border-left: 3px solid #c9a227; padding-left: .8em; }
"""


def write_epub(items: Iterator[ExportStory], path: Path, force: bool, total: int) -> None:
    book = epub.EpubBook()
    book.set_language("en")
    style = epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css", content=BOOK_CSS)
    book.add_item(style)
    chapters: list[epub.EpubHtml] = []
    sources: set[str] = set()
    ids: list[str] = []
    added_images: dict[str, str] = {}
    first_title = ""
    for n, item in enumerate(items, start=1):
        s = item.story
        first_title = first_title or s.title
        ids.append(s.guid)
        sources.add(s.source_name)

        def source(url: str, item: ExportStory = item) -> str | None:
            cached = item.images.get(url)
            if cached is None or cached.suffix.lower() not in MIME:
                return None
            if url not in added_images:
                name = f"images/{hashlib.sha256(url.encode()).hexdigest()[:16]}{cached.suffix.lower()}"
                book.add_item(
                    epub.EpubItem(
                        uid=f"img-{len(added_images) + 1}",
                        file_name=name,
                        media_type=MIME[cached.suffix.lower()],
                        content=cached.read_bytes(),
                    )
                )
                added_images[url] = name
            return added_images[url]

        chapter = epub.EpubHtml(title=s.title, file_name=f"story-{n:04d}.xhtml", lang=s.language or "en")
        chapter.content = (
            f"<html><head><title>{html.escape(s.title)}</title></head><body>"
            + story_html(item, source, xhtml=True)
            + "</body></html>"
        )
        chapter.add_item(style)
        book.add_item(chapter)
        chapters.append(chapter)

    title = first_title if len(chapters) == 1 else f"Steppe Reader: {len(chapters)} stories"
    book.set_title(title)
    digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:32]
    book.set_identifier(f"urn:steppe-reader:{digest}")
    for name in sorted(sources):
        book.add_author(name)
    book.add_metadata("DC", "publisher", f"Steppe Reader {__version__}")
    book.add_metadata("DC", "date", dt.date.today().isoformat())
    book.add_metadata(
        "DC", "description", "Stories exported from Steppe Reader, each with a link to its original."
    )
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    nav = epub.EpubNav()
    nav.add_item(style)
    book.add_item(nav)
    book.spine = ["nav", *chapters]
    with atomic_file(path, force) as tmp:
        epub.write_epub(str(tmp), book, {})
