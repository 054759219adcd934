"""HTML in and out of the cache: allow-list sanitising (nh3) and plain text for search."""

from __future__ import annotations

import html as html_escape
import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre",
    "q", "s", "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "abbr": {"title"},
}
LINK_SCHEMES = {"http", "https", "mailto"}
_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "figcaption"}


def _absolutize(base_url: str | None) -> object:
    def attribute_filter(tag: str, attribute: str, value: str) -> str | None:
        if attribute not in ("href", "src"):
            return value
        url = urljoin(base_url, value.strip()) if base_url else value.strip()
        scheme = urlsplit(url).scheme.lower()
        if tag == "img":
            return url if scheme in ("http", "https") else None
        return url if scheme in LINK_SCHEMES else None

    return attribute_filter


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """Keep only harmless markup: no scripts, styles, iframes, event handlers or odd URL schemes.

    Relative links and images are made absolute against `base_url`.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_absolutize(base_url),  # type: ignore[arg-type]
    )


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable plain text: one paragraph a line, whitespace collapsed."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# The one way we find images in our (sanitised, double-quoted) HTML.
IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def tag_attributes(tag: str) -> dict[str, str]:
    """The attributes of one tag as the sanitiser writes them (names lower-cased, values raw)."""
    return {name.lower(): value for name, value in _ATTR.findall(tag)}


def image_urls(html: str) -> list[str]:
    """The images' addresses in document order, each once."""
    seen: list[str] = []
    for tag in IMG_TAG.findall(html):
        url = html_escape.unescape(tag_attributes(tag).get("src", ""))
        if url and url not in seen:
            seen.append(url)
    return seen


def rewrite_images(body: str, image_src: Callable[[str], str | None], xhtml: bool = False) -> str:
    """Point each <img> at what `image_src` says; an image it has no file for becomes its alt
    text, since an export must not reach for the network."""

    def replace(match: re.Match[str]) -> str:
        attrs = tag_attributes(match.group(0))
        url = html_escape.unescape(attrs.get("src", ""))
        alt = attrs.get("alt", "")
        src = image_src(url) if url else None
        if src is None:
            return f"<em>[image: {alt}]</em>" if alt else ""
        keep = "".join(f' {k}="{v}"' for k, v in attrs.items() if k in ("width", "height", "title"))
        end = " />" if xhtml else ">"
        return f'<img src="{html_escape.escape(src, quote=True)}" alt="{alt}"{keep}{end}'

    return IMG_TAG.sub(replace, body)
