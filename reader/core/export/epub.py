"""EPUB 3 export, written here on zipfile and xml.etree: a chapter per story, a table of contents
(the EPUB 3 nav document, and an NCX for older readers), metadata, a stylesheet, and the cached
images inside the book (an e-reader has no network, and epubcheck refuses remote images).

Why our own writer: the well-known Python EPUB library (ebooklib) is AGPL-3.0, which an MIT app
cannot ship, and the permissive ones are small single-maintainer projects that paste chapter HTML
in unchecked. What a book needs is small and fixed (OCF container, OPF package, nav, NCX,
XHTML); the chapters go through `xhtml.to_xhtml`, so they are well-formed whatever a feed sent,
and the tests run epubcheck on the result.

Stories are written into the zip as they arrive, so a large export never holds every chapter;
the package document, which lists them all, is written last.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader import __version__
from reader.core.export import ExportError, ExportStory
from reader.core.export.render import story_html
from reader.core.export.xhtml import Node, language_tag, parse_fragment, serialize, xml_text
from reader.core.images import image_kind
from reader.core.safe_write import atomic_file
from reader.core.types.words import plural

ROOT = "EPUB"  # the folder inside the zip that holds the package
XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
OPF_NS = "http://www.idpf.org/2007/opf"
DC_NS = "http://purl.org/dc/elements/1.1/"
NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
CONTAINER_NS = "urn:oasis:names:tc:opendocument:xmlns:container"
# One namespace for every book identifier we derive (uuid5 of the stories' guids).
BOOK_NAMESPACE = uuid.UUID("4d0b7c0e-3f5a-5a8e-9a55-8e2b0d6f1c73")
# EPUB 3.2's core image types. WebP became one only in EPUB 3.3, and many readers (and epubcheck
# 4) still refuse it without a fallback we cannot make, so a WebP image is left as its alt text.
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg", "gif": "image/gif"}
# Scripts written right to left: their chapters get dir="rtl".
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ku-Arab", "ps", "sd", "ug", "ur", "yi"}
)
UNTITLED = "Untitled story"

BOOK_CSS = """
body { font-family: serif; line-height: 1.5; }
h1 { font-size: 1.5em; line-height: 1.2; }
.byline { color: #555; }
table.meta { font-size: .85em; border-collapse: collapse; }
table.meta th { text-align: left; font-weight: normal; color: #555; padding-right: 1em; vertical-align: top; }
img { max-width: 100%; }
.money { border-left: 3px solid #c9a227; padding-left: .8em; }
nav ol { list-style: none; padding-left: 0; }
nav li { margin: .3em 0; }
"""


@dataclass
class _Manifest:
    """What the package document lists, gathered while the chapters are written."""

    chapters: list[tuple[str, str, str]] = field(default_factory=list)  # (id, href, title)
    images: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # url -> (id, href, type)
    sources: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    guids: list[str] = field(default_factory=list)


def write_epub(items: Iterator[ExportStory], path: Path, force: bool, total: int) -> None:
    manifest = _Manifest()
    with atomic_file(path, force) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as book:
        # OCF: the mimetype entry first, stored and without extra fields, so a reader can sniff it.
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip", zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", _container())
        book.writestr(f"{ROOT}/style/book.css", BOOK_CSS)
        for n, item in enumerate(items, start=1):
            _write_chapter(book, manifest, n, item)
        if not manifest.chapters:  # the stories went between counting and reading them
            raise ExportError("Nothing to export: no story matches")
        identifier = "urn:uuid:" + str(uuid.uuid5(BOOK_NAMESPACE, "\n".join(manifest.guids)))
        title = _book_title(manifest)
        language = manifest.languages[0] if manifest.languages else "en"
        book.writestr(f"{ROOT}/nav.xhtml", _nav(manifest, language))
        book.writestr(f"{ROOT}/toc.ncx", _ncx(manifest, identifier, title, language))
        book.writestr(f"{ROOT}/content.opf", _package(manifest, identifier, title))


def _write_chapter(book: zipfile.ZipFile, manifest: _Manifest, n: int, item: ExportStory) -> None:
    s = item.story
    language = language_tag(s.language)
    title = " ".join(xml_text(s.title).split()) or UNTITLED
    manifest.guids.append(s.guid)
    if s.source_name and s.source_name not in manifest.sources:
        manifest.sources.append(s.source_name)
    if language not in manifest.languages:
        manifest.languages.append(language)

    def image_src(url: str) -> str | None:
        """The image's path inside the book, adding it on first use; None when not cached."""
        if url in manifest.images:
            return manifest.images[url][1]
        cached = item.images.get(url)
        if cached is None:
            return None
        try:
            data = cached.read_bytes()
        except OSError:
            return None  # removed from the cache since it was listed: shown as its alt text
        kind = image_kind(data)  # by the bytes, as the cache stored it, not by the name
        if kind not in IMAGE_TYPES:
            return None
        href = f"images/{hashlib.sha256(url.encode('utf-8')).hexdigest()[:16]}.{kind}"
        book.writestr(f"{ROOT}/{href}", data, zipfile.ZIP_STORED)  # already compressed
        manifest.images[url] = (f"img-{len(manifest.images) + 1}", href, IMAGE_TYPES[kind])
        return href

    tree = parse_fragment(story_html(item, image_src, xhtml=True))
    _isolate_headings(tree)
    body = "".join(serialize(child) for child in tree.children)
    href = f"story-{n:04d}.xhtml"
    manifest.chapters.append((f"story-{n:04d}", href, title))
    book.writestr(f"{ROOT}/{href}", _document(title, language, body))


def _isolate_headings(node: Node) -> None:
    """A title in another script than its story (an Arabic name in English text, say) takes its
    direction from its own letters, not from the chapter's."""
    for child in node.children:
        if isinstance(child, Node):
            if child.tag in ("h1", "h2") and "dir" not in child.attrs:
                child.attrs["dir"] = "auto"
            _isolate_headings(child)


def _book_title(manifest: _Manifest) -> str:
    if len(manifest.chapters) == 1:
        return manifest.chapters[0][2]
    return f"Steppe Reader: {plural(len(manifest.chapters), 'story', 'stories')}"


def _xml(root: ET.Element) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode")).encode()


def _document(title: str, language: str, body: str, *, nav: bool = False) -> bytes:
    """An XHTML content document; `body` is already well-formed XHTML."""
    direction = ' dir="rtl"' if language in RTL_LANGUAGES or language.split("-")[0] in RTL_LANGUAGES else ""
    epub_ns = f' xmlns:epub="{OPS_NS}"' if nav else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        f'<html xmlns="{XHTML_NS}"{epub_ns} lang="{language}" xml:lang="{language}"{direction}>\n'
        f'<head><meta charset="utf-8" /><title>{html.escape(title)}</title>'
        '<link rel="stylesheet" type="text/css" href="style/book.css" /></head>\n'
        f"<body>{body}</body>\n</html>\n"
    ).encode()


def _container() -> bytes:
    container = ET.Element("container", {"version": "1.0", "xmlns": CONTAINER_NS})
    rootfiles = ET.SubElement(container, "rootfiles")
    ET.SubElement(
        rootfiles,
        "rootfile",
        {"full-path": f"{ROOT}/content.opf", "media-type": "application/oebps-package+xml"},
    )
    return _xml(container)


def _nav(manifest: _Manifest, language: str) -> bytes:
    entries = "".join(
        f'<li><a href="{href}" dir="auto">{html.escape(title)}</a></li>'
        for _id, href, title in manifest.chapters
    )
    body = f'<nav epub:type="toc" id="toc"><h1>Contents</h1><ol>{entries}</ol></nav>'
    return _document("Contents", language, body, nav=True)


def _ncx(manifest: _Manifest, identifier: str, title: str, language: str) -> bytes:
    ncx = ET.Element("ncx", {"xmlns": NCX_NS, "version": "2005-1", "xml:lang": language})
    head = ET.SubElement(ncx, "head")
    for name, content in (
        ("dtb:uid", identifier),
        ("dtb:depth", "1"),
        ("dtb:totalPageCount", "0"),
        ("dtb:maxPageNumber", "0"),
    ):
        ET.SubElement(head, "meta", {"name": name, "content": content})
    ET.SubElement(ET.SubElement(ncx, "docTitle"), "text").text = title
    nav_map = ET.SubElement(ncx, "navMap")
    for order, (chapter_id, href, chapter_title) in enumerate(manifest.chapters, start=1):
        point = ET.SubElement(nav_map, "navPoint", {"id": f"nav-{chapter_id}", "playOrder": str(order)})
        ET.SubElement(ET.SubElement(point, "navLabel"), "text").text = chapter_title
        ET.SubElement(point, "content", {"src": href})
    return _xml(ncx)


def _package(manifest: _Manifest, identifier: str, title: str) -> bytes:
    package = ET.Element(
        "package",
        {"xmlns": OPF_NS, "version": "3.0", "unique-identifier": "book-id", "xml:lang": manifest.languages[0]}
        if manifest.languages
        else {"xmlns": OPF_NS, "version": "3.0", "unique-identifier": "book-id"},
    )
    metadata = ET.SubElement(package, "metadata", {"xmlns:dc": DC_NS})
    ET.SubElement(metadata, "dc:identifier", {"id": "book-id"}).text = identifier
    ET.SubElement(metadata, "dc:title").text = title
    for language in manifest.languages or ["en"]:
        ET.SubElement(metadata, "dc:language").text = language
    for source in sorted(manifest.sources):
        ET.SubElement(metadata, "dc:creator").text = xml_text(source)
    ET.SubElement(metadata, "dc:publisher").text = f"Steppe Reader {__version__}"
    ET.SubElement(metadata, "dc:date").text = dt.date.today().isoformat()
    ET.SubElement(
        metadata, "dc:description"
    ).text = "Stories exported from Steppe Reader, each with a link to its original."
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    ET.SubElement(metadata, "meta", {"property": "dcterms:modified"}).text = now.strftime(
        "%Y-%m-%dT%H:%M:%SZ"
    )

    items = ET.SubElement(package, "manifest")
    ET.SubElement(items, "item", {"id": "nav", "href": "nav.xhtml", "media-type": "application/xhtml+xml", "properties": "nav"})  # fmt: skip
    ET.SubElement(items, "item", {"id": "ncx", "href": "toc.ncx", "media-type": "application/x-dtbncx+xml"})
    ET.SubElement(items, "item", {"id": "style", "href": "style/book.css", "media-type": "text/css"})
    for chapter_id, href, _title in manifest.chapters:
        ET.SubElement(items, "item", {"id": chapter_id, "href": href, "media-type": "application/xhtml+xml"})
    for image_id, href, media_type in manifest.images.values():
        ET.SubElement(items, "item", {"id": image_id, "href": href, "media-type": media_type})

    spine = ET.SubElement(package, "spine", {"toc": "ncx"})
    ET.SubElement(spine, "itemref", {"idref": "nav"})
    for chapter_id, _href, _title in manifest.chapters:
        ET.SubElement(spine, "itemref", {"idref": chapter_id})
    return _xml(package)
