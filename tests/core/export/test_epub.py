"""The EPUB writer on the stories that break writers: markup in titles, emoji, right-to-left
text, empty stories, images gone from the cache, WebP, non-ASCII paths, a hundred-odd chapters
of tag soup — each book read back as a zip and as XML, and checked by epubcheck."""

from __future__ import annotations

import base64
import datetime as dt
import random
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import update

from reader.core.export import ExportCancelled, ExportFormat, ExportScope, ExportStory, export_stories
from reader.core.export.epub import write_epub
from reader.core.library import Library
from reader.core.models import Story
from tests.core.export.epubcheck import assert_valid_epub, needs_epubcheck
from tests.core.export.test_formats import BLUE, RED
from tests.helpers import add_source, add_story

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
WEBP = base64.b64decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")  # a 1×1 lossless WebP


def set_language(library: Library, story_id: int, language: str) -> None:
    with library._write() as conn:
        conn.execute(update(Story).where(Story.id == story_id).values(language=language))


class Book:
    """An exported EPUB opened as what it is: a zip of XML documents."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with zipfile.ZipFile(path) as z:
            self.infos = z.infolist()
            self.files = {info.filename: z.read(info) for info in self.infos}
        container = ET.fromstring(self.files["META-INF/container.xml"])
        rootfile = container.find("c:rootfiles/c:rootfile", NS)
        assert rootfile is not None
        self.opf_path = rootfile.attrib["full-path"]
        self.base = self.opf_path.rsplit("/", 1)[0] + "/"
        self.opf = ET.fromstring(self.files[self.opf_path])

    def xml(self, href: str) -> ET.Element:
        return ET.fromstring(self.files[self.base + href])

    def text(self, href: str) -> str:
        return self.files[self.base + href].decode("utf-8")

    def meta(self, name: str) -> list[str]:
        return [e.text or "" for e in self.opf.findall(f"opf:metadata/dc:{name}", NS)]

    @property
    def manifest(self) -> dict[str, dict[str, str]]:
        return {e.attrib["id"]: e.attrib for e in self.opf.findall("opf:manifest/opf:item", NS)}

    @property
    def spine(self) -> list[str]:
        return [e.attrib["idref"] for e in self.opf.findall("opf:spine/opf:itemref", NS)]

    def chapters(self) -> list[str]:
        manifest = self.manifest
        return [manifest[idref]["href"] for idref in self.spine if idref != "nav"]

    def nav_titles(self) -> list[str]:
        return ["".join(a.itertext()) for a in self.xml("nav.xhtml").iterfind(".//x:nav//x:a", NS)]

    def ncx_titles(self) -> list[str]:
        return [
            t.text or "" for t in self.xml("toc.ncx").iterfind(".//ncx:navPoint/ncx:navLabel/ncx:text", NS)
        ]

    def check_structure(self) -> None:
        """What a reading system relies on, beyond what any one test looks at."""
        first = self.infos[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert first.extra == b"" and self.files["mimetype"] == b"application/epub+zip"
        listed = {self.base + item["href"] for item in self.manifest.values()}
        stored = {name for name in self.files if name.startswith(self.base) and name != self.opf_path}
        assert listed == stored  # every file listed, nothing listed that is missing
        for name, data in self.files.items():
            if name.endswith((".xhtml", ".opf", ".ncx", ".xml")):
                ET.fromstring(data)  # well-formed XML, or this raises
        identifier = self.meta("identifier")
        assert len(identifier) == 1 and re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier[0])
        ncx_uid = self.xml("toc.ncx").find("ncx:head/ncx:meta[@name='dtb:uid']", NS)
        assert ncx_uid is not None and ncx_uid.attrib["content"] == identifier[0]
        modified = self.opf.find("opf:metadata/opf:meta[@property='dcterms:modified']", NS)
        assert modified is not None and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", modified.text or "")
        assert self.spine[0] == "nav" and len(self.chapters()) == len(self.nav_titles())
        assert self.nav_titles() == self.ncx_titles()
        order = [int(p.attrib["playOrder"]) for p in self.xml("toc.ncx").iterfind(".//ncx:navPoint", NS)]
        assert order == list(range(1, len(order) + 1))


def export(library: Library, ids: list[int], path: Path) -> Book:
    result = export_stories(library, ExportFormat.EPUB, path, ExportScope(story_ids=tuple(ids)))
    assert result.count == len(ids)
    book = Book(path)
    book.check_structure()
    return book


# ---- awkward titles and text ----

AWKWARD = [
    ('Tenge & som <rates> "weekly" 📈🇰🇿', "en"),
    ("بازار ارز در کابل و دوشنبه", "fa"),  # Dari/Persian: right to left
    ("Dushanbe \u202eدوشنبه\u202c — 2026 \u200fتاجیکستان\u200f", "en"),  # bidi controls in a title
    ("Қазақстан: \x07bell\x1b and NUL-free", "kk"),  # control characters XML cannot carry
    ("", "ru"),  # no title at all
]


@pytest.fixture
def awkward(library: Library) -> list[int]:
    source = add_source(library, "Wire & Co. <Almaty>", "https://wire.example.test/feed/")
    add_source(library, "", "https://nameless.example.test/feed/")
    ids = []
    for n, (title, language) in enumerate(AWKWARD):
        body = f"<p>Story {n} &amp; more: 5 &lt; 6, «кавычки», emoji 🐎, &nbsp;entity&eacute;</p>"
        ids.append(add_story(library, source, title, body, guid=f"awkward-{n}"))
        set_language(library, ids[-1], language)
    ids.append(add_story(library, source, "No body at all", "", guid="empty"))  # a story with no body
    return ids


@needs_epubcheck
def test_awkward_titles_and_text_make_a_valid_book(
    library: Library, awkward: list[int], tmp_path: Path
) -> None:
    book = export(library, awkward, tmp_path / "awkward.epub")
    assert_valid_epub(book.path)
    titles = [
        " ".join(t.replace("\x07", "").replace("\x1b", "").split()) or "Untitled story" for t, _ in AWKWARD
    ]
    assert book.nav_titles() == [*titles, "No body at all"]
    chapters = [book.xml(href) for href in book.chapters()]
    first = chapters[0]
    heading = first.find(".//x:h1", NS)
    assert heading is not None and heading.text == 'Tenge & som <rates> "weekly" 📈🇰🇿'
    assert heading.attrib.get("dir") == "auto"  # a title keeps its own direction
    assert "Story 0 & more: 5 < 6, «кавычки», emoji 🐎, \u00a0entityé" in "".join(first.itertext())
    assert chapters[1].attrib["dir"] == "rtl" and chapters[1].attrib["lang"] == "fa"
    assert "dir" not in chapters[0].attrib and chapters[3].attrib["lang"] == "kk"
    assert "\u202e" in (chapters[2].findtext(".//x:h1", namespaces=NS) or "")  # kept, isolated by dir=auto
    empty_body = chapters[-1].find(".//x:div[@class='body']", NS)
    assert empty_body is not None and "".join(empty_body.itertext()).strip() == ""
    assert book.meta("creator") == ["Wire & Co. <Almaty>"]
    assert book.meta("language") == ["en", "fa", "kk", "ru"]
    assert book.meta("title") == ["Steppe Reader: 6 stories"]
    assert not [n for n in book.files if "/images/" in n]  # no images: none listed, none stored


def test_one_story_names_the_book_and_the_same_stories_the_same_identifier(
    library: Library, awkward: list[int], tmp_path: Path
) -> None:
    one = export(library, awkward[:1], tmp_path / "one.epub")
    assert one.meta("title") == ['Tenge & som <rates> "weekly" 📈🇰🇿']
    again = export(library, awkward[:1], tmp_path / "again.epub")
    other = export(library, awkward[1:2], tmp_path / "other.epub")
    assert one.meta("identifier") == again.meta("identifier") != other.meta("identifier")


# ---- images ----


@needs_epubcheck
def test_images_missing_corrupt_or_webp_become_their_alt_text(library: Library, tmp_path: Path) -> None:
    source = add_source(library, "Images Wire", "https://img.example.test/feed/")
    library.images.put("https://img.example.test/red.png", RED)
    library.images.put("https://img.example.test/pic.webp", WEBP)
    body = (
        '<p><img src="https://img.example.test/red.png" alt="Red"></p>'
        '<p><img src="https://img.example.test/red.png" alt="Red again"></p>'  # one file in the book
        '<p><img src="https://img.example.test/gone.png" alt="Gone"></p>'
        '<p><img src="https://img.example.test/bad.png" alt="Not an image"></p>'
        '<p><img src="https://img.example.test/pic.webp" alt="WebP"></p>'
        '<p><img src="https://img.example.test/never.png" alt="Never cached"></p>'
    )
    story_id = add_story(library, source, "Pictures", body, guid="pictures")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"<html>an error page saved as an image</html>")
    red = library.images.get("https://img.example.test/red.png")
    webp = library.images.get("https://img.example.test/pic.webp")
    assert red is not None and webp is not None
    item = ExportStory(
        story=library.story(story_id),
        feed_url=None,
        bookmark=None,
        money=(),
        images={
            "https://img.example.test/red.png": red,
            "https://img.example.test/gone.png": tmp_path / "deleted-since-listed.png",
            "https://img.example.test/bad.png": bad,
            "https://img.example.test/pic.webp": webp,
        },
    )
    path = tmp_path / "pictures.epub"
    write_epub(iter([item]), path, force=False, total=1)
    book = Book(path)
    book.check_structure()
    assert_valid_epub(path)
    images = {i["href"]: i["media-type"] for i in book.manifest.values() if i["href"].startswith("images/")}
    assert list(images.values()) == ["image/png"]
    assert book.files[book.base + next(iter(images))] == RED
    chapter = book.xml(book.chapters()[0])
    assert [img.attrib["src"] for img in chapter.iterfind(".//x:img", NS)] == [next(iter(images))] * 2
    text = "".join(chapter.itertext())
    for alt in ("Gone", "Not an image", "WebP", "Never cached"):
        assert f"[image: {alt}]" in text


@needs_epubcheck
def test_non_ascii_folders_and_file_names(tmp_path: Path) -> None:
    with Library(tmp_path / "данные Steppe") as library:
        source = add_source(library, "Газета", "https://gazeta.example.test/feed/")
        library.images.put("https://gazeta.example.test/карта.png", BLUE)
        story_id = add_story(
            library,
            source,
            "Бишкек: обзор",
            '<p><img src="https://gazeta.example.test/карта.png" alt="Карта"></p>',
        )
        (tmp_path / "Экспорт").mkdir()  # an export never creates missing folders (safe_write)
        book = export(library, [story_id], tmp_path / "Экспорт" / "Бишкек — обзор 📰.epub")
    assert_valid_epub(book.path)
    assert all(name.isascii() for name in book.files)  # inside the zip, names any reader can open
    assert [book.files[n] for n in book.files if "/images/" in n] == [BLUE]


# ---- many stories of tag soup ----

TAGS = ["p", "em", "strong", "a", "ul", "ol", "li", "table", "tr", "td", "th", "tbody", "thead", "caption",
        "blockquote", "h2", "h3", "dl", "dt", "dd", "figure", "figcaption", "pre", "code", "br", "hr", "img",
        "div", "span", "font", "script", "q", "sub", "sup", "b", "i"]  # fmt: skip
WORDS = ["Tenge", "сом", "Ташкент", "so'm", "دوشنبه", "&amp;", "&lt;", "&nbsp;", "&bogus;", "5 < 6", "🐎",
         "\u202e", "\x0b", "a&b", "12,5 млн тенге"]  # fmt: skip


def tag_soup(rng: random.Random, size: int) -> str:
    out = []
    for _ in range(size):
        roll = rng.random()
        tag = rng.choice(TAGS)
        if roll < 0.4:
            attrs = ""
            if tag == "a":
                attrs = rng.choice(
                    [' href="https://x.example.test/a b?c=1&amp;d=2"', ' href="javascript:x()"', ""]
                )
            elif tag == "img":
                attrs = rng.choice(
                    [
                        ' src="https://img.example.test/red.png" alt="red"',
                        ' src="https://img.example.test/no.png"',
                    ]
                )
            elif tag in ("td", "th"):
                attrs = rng.choice([' colspan="2"', ' colspan="0"', ' rowspan="x"', ""])
            out.append(f"<{tag}{attrs}>")
        elif roll < 0.65:
            out.append(f"</{tag}>")
        else:
            out.append(rng.choice(WORDS) + " ")
    return "".join(out)


@needs_epubcheck
def test_a_hundred_and_twenty_stories_of_tag_soup(library: Library, tmp_path: Path) -> None:
    rng = random.Random(8)
    source = add_source(library, "Soup Wire", "https://soup.example.test/feed/")
    library.images.put("https://img.example.test/red.png", RED)
    ids = [
        add_story(
            library,
            source,
            f"Story {n:03d} {rng.choice(WORDS)}",
            tag_soup(rng, rng.randint(0, 120)),
            published=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=n),
            guid=f"soup-{n}",
        )
        for n in range(120)
    ]
    book = export(library, ids, tmp_path / "soup.epub")
    assert_valid_epub(book.path)
    assert len(book.chapters()) == 120 and book.chapters()[-1] == "story-0120.xhtml"
    assert [t.split()[1] for t in book.nav_titles()] == [f"{n:03d}" for n in range(120)]
    assert book.meta("title") == ["Steppe Reader: 120 stories"]
    images = [n for n in book.files if "/images/" in n]
    assert len(images) == 1 and book.files[images[0]] == RED  # one copy however many stories use it


def test_a_cancelled_book_leaves_nothing(library: Library, awkward: list[int], tmp_path: Path) -> None:
    target = tmp_path / "keep.epub"
    target.write_bytes(b"mine")
    with pytest.raises(ExportCancelled):
        export_stories(
            library,
            ExportFormat.EPUB,
            target,
            ExportScope(story_ids=tuple(awkward)),
            force=True,
            progress=lambda done, _total: done < 3,
        )
    assert target.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "keep.epub"]
