"""Markdown export (CommonMark): one file, or a folder of one file per story with its images.

Each story starts with its title and a metadata list (source, date, link to the original, ...);
the body is converted from the cache's sanitised HTML.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from reader.core.export import ExportStory, metadata_pairs, money_lines
from reader.core.safe_write import atomic_file, atomic_folder, safe_filename
from reader.core.story_html import story_body

_ESCAPE = re.compile(r"([\\`*_\[\]<>#|~])")


def escape(text: str) -> str:
    """Backslash-escape what CommonMark would read as markup (any ASCII punctuation may be)."""
    text = _ESCAPE.sub(r"\\\1", text)
    # A line starting "1. " or "- " or "+ " would become a list.
    return re.sub(r"^(\s*)(\d+)([.)])(\s)", r"\1\2\\\3\4", re.sub(r"^(\s*)([-+=])(\s|$)", r"\1\\\2\3", text))


def link_target(url: str) -> str:
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


class _HtmlToMarkdown(HTMLParser):
    """Converts the sanitiser's small tag set; anything else keeps its text."""

    def __init__(self, image_src: Callable[[str], str | None]) -> None:
        super().__init__(convert_charrefs=True)
        self.image_src = image_src
        self.blocks: list[tuple[str, str]] = []  # (text, "li" | "quote" | "")
        self.inline: list[str] = []
        self.prefixes: list[str] = []  # "> " for quotes, list markers' indent
        self.lists: list[list[int]] = []  # [counter] per open list; -1 for bullets
        self.links: list[str | None] = []
        self.heading = 0
        self.pre = False

    def _flush(self, prefix_first: str = "") -> None:
        text = "".join(self.inline).strip()
        self.inline = []
        if not text:
            return
        if self.heading:
            text = "#" * self.heading + " " + " ".join(text.split())
        quote = "".join(p for p in self.prefixes if p == "> ")
        indent = "".join(p for p in self.prefixes if p != "> ")
        lines = text.split("\n")
        first = (
            quote + indent[: len(indent) - len(prefix_first)] + prefix_first
            if prefix_first
            else quote + indent
        )
        out = [first + lines[0]] + [quote + indent + line for line in lines[1:]]
        kind = f"li{id(self.lists[-1])}" if prefix_first and self.lists else ("quote" if quote else "")
        self.blocks.append(("\n".join(out), kind))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag in ("p", "div", "figure", "table", "tr"):
            self._flush()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.heading = max(2, int(tag[1]))  # the story title is the only level-1 heading
        elif tag == "blockquote":
            self._flush()
            self.prefixes.append("> ")
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([1 if tag == "ol" else -1])
        elif tag == "li":
            self._flush()
            self.prefixes.append("   ")
        elif tag in ("strong", "b"):
            self.inline.append("**")
        elif tag in ("em", "i", "cite"):
            self.inline.append("*")
        elif tag == "code" and not self.pre:
            self.inline.append("`")
        elif tag == "pre":
            self._flush()
            self.pre = True
        elif tag == "br":
            self.inline.append("\\\n")
        elif tag == "a":
            href = a.get("href")
            self.links.append(href)
            if href:
                self.inline.append("[")
        elif tag == "img":
            src = self.image_src(a.get("src") or "")
            alt = escape(a.get("alt") or "")
            if src:
                self.inline.append(f"![{alt}]({link_target(src)})")
            elif alt:
                self.inline.append(f"*\\[image: {alt}\\]*")
        elif tag in ("td", "th"):
            self.inline.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("p", "div", "figure", "table", "tr", "figcaption"):
            self._flush()
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self.heading = 0
        elif tag == "blockquote":
            self._flush()
            if "> " in self.prefixes:
                self.prefixes.reverse()
                self.prefixes.remove("> ")
                self.prefixes.reverse()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            marker = "- "
            if self.lists and self.lists[-1][0] > 0:
                marker = f"{self.lists[-1][0]}. "
                self.lists[-1][0] += 1
            self._flush(marker.ljust(3))
            if self.prefixes and self.prefixes[-1] == "   ":
                self.prefixes.pop()
        elif tag in ("strong", "b"):
            self.inline.append("**")
        elif tag in ("em", "i", "cite"):
            self.inline.append("*")
        elif tag == "code" and not self.pre:
            self.inline.append("`")
        elif tag == "pre":
            code = "".join(self.inline).strip("\n")
            self.inline = []
            self.blocks.append(("```\n" + code.replace("```", "` ` `") + "\n```", ""))
            self.pre = False
        elif tag == "a":
            href = self.links.pop() if self.links else None
            if href:
                self.inline.append(f"]({link_target(href)})")

    def handle_data(self, data: str) -> None:
        if self.pre:
            self.inline.append(data)
        else:
            self.inline.append(escape(re.sub(r"\s+", " ", data)))

    def markdown(self) -> str:
        self._flush()
        out: list[str] = []
        previous = ""
        for text, kind in self.blocks:
            if out and kind == previous and kind.startswith("li"):
                out.append("\n")  # a tight list: <li>text</li>, not <li><p>text</p></li>
            elif out and kind == previous == "quote":
                out.append("\n>\n")  # paragraphs of one quotation
            elif out:
                out.append("\n\n")
            out.append(text)
            previous = kind
        return "".join(out)


def html_to_markdown(html: str, image_src: Callable[[str], str | None] = lambda _url: None) -> str:
    parser = _HtmlToMarkdown(image_src)
    parser.feed(html)
    parser.close()
    return parser.markdown()


def story_markdown(item: ExportStory, image_src: Callable[[str], str | None]) -> str:
    s = item.story
    lines = [f"# {escape(s.title)}", ""]
    for label, value in metadata_pairs(item):
        shown = f"[{escape(value)}]({link_target(value)})" if label == "Original" else escape(value)
        lines.append(f"- **{label}:** {shown}")
    lines.append("")
    lines.append(html_to_markdown(story_body(s), image_src))
    money = money_lines(item)
    if money:
        lines += ["", "**Currency context**", ""] + [f"- {escape(m)}" for m in money]
    if s.url:
        lines += ["", f"[Read the original at {escape(s.source_name)}]({link_target(s.url)})"]
    return "\n".join(lines).rstrip() + "\n"


def write_markdown(items: Iterator[ExportStory], path: Path, force: bool, total: int) -> None:
    """A folder (if `path` has no .md suffix or is a folder) or a single file."""
    if path.suffix.lower() != ".md" or path.is_dir():
        _write_folder(items, path, force)
        return
    with atomic_file(path, force) as tmp, tmp.open("w", encoding="utf-8") as out:
        for n, item in enumerate(items):
            if n:
                out.write("\n---\n\n")
            # One file: images stay links to their original addresses.
            out.write(story_markdown(item, lambda url: url or None))


def _write_folder(items: Iterator[ExportStory], path: Path, force: bool) -> None:
    with atomic_folder(path, force) as tmp:
        used: set[str] = set()
        for item in items:
            s = item.story
            stem = safe_filename(f"{s.published_at:%Y-%m-%d} {s.title}", max_length=90)
            name, n = stem, 2
            while name.casefold() in used:
                name, n = f"{stem} ({n})", n + 1
            used.add(name.casefold())
            copied: dict[str, str] = {}
            for index, (url, cached) in enumerate(item.images.items(), start=1):
                target = tmp / "images" / f"{s.id}-{index}{cached.suffix}"
                target.parent.mkdir(exist_ok=True)
                shutil.copyfile(cached, target)
                copied[url] = f"images/{target.name}"
            text = story_markdown(item, copied.get)
            (tmp / f"{name}.md").write_text(text, "utf-8")
