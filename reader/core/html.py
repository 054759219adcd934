"""HTML in and out of the cache: allow-list sanitising (nh3) and plain text for search.

Both are linear in the size of their input, whatever the markup: a story's HTML is first bounded
(`bound_markup`: at most MAX_HTML_CHARS characters, elements nested at most MAX_DEPTH deep), since
an HTML5 tree builder — html5ever inside nh3 as much as any — does work in proportion to the depth
of its stack of open elements for every tag, and so takes quadratic time on 60,000 nested `<div>`s.
"""

from __future__ import annotations

import functools
import html as _entities
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Final
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
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

MAX_HTML_CHARS: Final = 512 * 1024  # one story's HTML; longer is cut at a tag boundary
MAX_DEPTH: Final = 100  # elements open at once; deeper start tags are dropped (their text stays)
MAX_FORMATTING: Final = 16  # <b>, <font>... open at once: HTML5 re-opens them after each block
SHORTENED_NOTE: Final = "<p>[…] This story was too long to keep whole: the rest is at the original.</p>"


_base = threading.local()  # the base URL of the sanitising under way on this thread


def _absolutize(tag: str, attribute: str, value: str) -> str | None:
    if attribute not in ("href", "src"):
        return value
    base_url: str | None = getattr(_base, "url", None)
    try:
        url = urljoin(base_url, value.strip()) if base_url else value.strip()
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # an unparseable address ("http://[::1") is no address
        return None
    if tag == "img":
        return url if scheme in ("http", "https") else None
    return url if scheme in LINK_SCHEMES else None


@functools.cache
def _cleaner() -> nh3.Cleaner:
    """One sanitiser, built once: building one per call (`nh3.clean`) costs more than most
    stories take to clean. nh3 loads here, with the first story sanitised: plain text
    (`html_to_text`, used to clean every title) needs none of it."""
    import nh3

    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_absolutize,
    )


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """Keep only harmless markup: no scripts, styles, iframes, event handlers or odd URL schemes.

    Relative links and images are made absolute against `base_url`. The input is bounded first
    (see `bound_markup`), so the time taken is linear in its size.
    """
    _base.url = base_url
    try:
        return _cleaner().clean(bound_markup(html))
    finally:
        _base.url = None


# -- bounding the markup -------------------------------------------------------------------------
# A tokenizer close enough to HTML5's for counting: a tag runs from "<" and a letter to the first
# ">" outside a quoted attribute value (an unclosed quote runs to the end, as in HTML5). Every
# alternative matches whatever follows, so a search never scans the same text twice.
_MARKUP = re.compile(
    r"<(?:(!--)"
    r"|(/?)([A-Za-z][^\t\n\f\r />]*)"
    r"(?:[^>\"'=]+|=[\t\n\f\r ]*(?:\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z))?|[\"'])*(?:>|\Z)"
    r"|[!?/][^>]*(?:>|\Z))"
)
_VOID = frozenset({
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
    "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
})  # fmt: skip
_RAW_TEXT = frozenset({
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
})  # fmt: skip
_RAW_END = {name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE) for name in _RAW_TEXT}
_FORMATTING = frozenset({
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
})  # fmt: skip
# A start tag of one of these closes an open element of the same name (HTML5's implied end tags)...
_SELF_CLOSING_SIBLINGS = frozenset({
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rb", "rt", "rtc", "rp", "tbody",
    "thead", "tfoot",
})  # fmt: skip
# ... and these close an open <p>.
_CLOSES_P = frozenset({
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "section", "table", "ul",
})  # fmt: skip
# An end tag does not reach past these (HTML5's "scope").
_SCOPE = frozenset({
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
    "ul", "ol",
})  # fmt: skip


def bound_markup(html: str) -> str:
    """`html` cut to MAX_HTML_CHARS at a tag boundary, with start tags nested deeper than
    MAX_DEPTH (or formatting tags beyond MAX_FORMATTING open at once) and their end tags dropped.
    The text inside stays; only the nesting is flattened. One pass, linear."""
    if len(html) > MAX_HTML_CHARS:
        cut = html.rfind("<", MAX_HTML_CHARS // 2, MAX_HTML_CHARS)
        html = html[: cut if cut > 0 else MAX_HTML_CHARS] + SHORTENED_NOTE
    if html.count("<") <= MAX_FORMATTING:
        return html  # too few tags to go deep: the common case, at C speed
    nesting = _Nesting()
    cuts: list[tuple[int, int]] = []
    pos = 0
    search = _MARKUP.search
    while (match := search(html, pos)) is not None:
        pos = match.end()
        comment, slash, name = match.groups()
        if comment:  # runs to "-->", or to the end
            end = html.find("-->", pos)
            if end < 0:
                break
            pos = end + 3
        elif name is None:
            continue  # <!DOCTYPE>, <?...>, </ >: bogus comments
        elif slash:
            if not nesting.end(name.lower()):
                cuts.append(match.span())
        else:
            name = name.lower()
            if not nesting.start(name):
                cuts.append(match.span())
            if name in _RAW_TEXT:  # its content is text, not tags
                end_tag = _RAW_END[name].search(html, pos)
                if end_tag is None:
                    break
                pos = end_tag.start()
    if not cuts:
        return html
    pieces, last = [], 0
    for start, end in cuts:
        pieces.append(html[last:start])
        last = end
    pieces.append(html[last:])
    return "".join(pieces)


class _Nesting:
    """The elements open at a point of a document, as far as counting needs: start() and end()
    say whether to keep a tag. Each step is O(1), or at most MAX_DEPTH when it closes elements."""

    def __init__(self) -> None:
        self.stack: list[str] = []  # the names of the elements open now, innermost last
        self.open: dict[str, int] = {}  # how many of each name the stack holds
        # Formatting elements stay "active" until their own end tag even when a block closes
        # them: HTML5 re-opens every active one after it, so they are counted apart.
        self.formatting: dict[str, int] = {}
        self.formatting_total = 0
        self.dropped: dict[str, int] = {}  # start tags dropped, whose end tags are to go too

    def start(self, name: str) -> bool:
        if name in _VOID:
            return True
        if name in _SELF_CLOSING_SIBLINGS and self.open.get(name):
            self._close(name)
        if name in _CLOSES_P and self.open.get("p"):
            self._close("p")
        is_formatting = name in _FORMATTING
        if len(self.stack) >= MAX_DEPTH or (is_formatting and self.formatting_total >= MAX_FORMATTING):
            self.dropped[name] = self.dropped.get(name, 0) + 1
            return False
        self.stack.append(name)
        self.open[name] = self.open.get(name, 0) + 1
        if is_formatting:
            self.formatting[name] = self.formatting.get(name, 0) + 1
            self.formatting_total += 1
        return True

    def end(self, name: str) -> bool:
        if self.dropped.get(name):
            self.dropped[name] -= 1
            return False
        if self.open.get(name):
            self._close(name)
        if self.formatting.get(name):
            self.formatting[name] -= 1
            self.formatting_total -= 1
        return True

    def _close(self, name: str) -> None:
        """Pop the innermost open `name` and what is inside it, unless a scope boundary (a table,
        a list...) comes first."""
        stack = self.stack
        for index in range(len(stack) - 1, -1, -1):
            open_name = stack[index]
            if open_name == name:
                for closed in stack[index:]:
                    self.open[closed] -= 1
                del stack[index:]
                return
            if open_name in _SCOPE:
                return


# -- plain text ----------------------------------------------------------------------------------
_SKIPPED = frozenset({"script", "style", "template"})
_SKIPPED_END = {name: re.compile(rf"</{name}[\t\n\f\r />]|</{name}\Z", re.IGNORECASE) for name in _SKIPPED}
_SPACES = re.compile(r"\s+")


def html_to_text(html: str) -> str:
    """Readable plain text: one paragraph a line, whitespace collapsed, entities decoded,
    comments, scripts and styles left out. One pass, linear in the input."""
    parts: list[str] = []
    pos = 0
    while True:
        match = _MARKUP.search(html, pos)
        if match is None:
            parts.append(html[pos:])
            break
        parts.append(html[pos : match.start()])
        pos = match.end()
        if match.group(1):
            end = html.find("-->", pos)
            if end < 0:
                break  # an unterminated comment hides the rest, as in HTML5
            pos = end + 3
            continue
        name = (match.group(3) or "").lower()
        if name in _BLOCK_TAGS:
            parts.append("\n")
        elif name in _SKIPPED and not match.group(2):
            end_tag = _SKIPPED_END[name].search(html, pos)
            if end_tag is None:
                break
            pos = end_tag.start()
    text = _entities.unescape("".join(parts))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
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
        url = _entities.unescape(tag_attributes(tag).get("src", ""))
        if url and url not in seen:
            seen.append(url)
    return seen


def rewrite_images(body: str, image_src: Callable[[str], str | None], xhtml: bool = False) -> str:
    """Point each <img> at what `image_src` says; an image it has no file for becomes its alt
    text, since an export must not reach for the network."""

    def replace(match: re.Match[str]) -> str:
        attrs = tag_attributes(match.group(0))
        url = _entities.unescape(attrs.get("src", ""))
        alt = attrs.get("alt", "")
        src = image_src(url) if url else None
        if src is None:
            return f"<em>[image: {alt}]</em>" if alt else ""
        keep = "".join(f' {k}="{v}"' for k, v in attrs.items() if k in ("width", "height", "title"))
        end = " />" if xhtml else ">"
        return f'<img src="{_entities.escape(src, quote=True)}" alt="{alt}"{keep}{end}'

    return IMG_TAG.sub(replace, body)
