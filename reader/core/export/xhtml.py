"""HTML fragments made into well-formed XHTML that also keeps XHTML's content rules.

E-readers parse a book's chapters as XML, and epubcheck holds them to the HTML content model,
so the sanitised story HTML is parsed (entities resolved) into an element tree and written out
again, never pasted as a string. The tree builder mends what an HTML parser or a feed leaves:
void elements closed, stray end tags dropped, a block inside a paragraph or a link's text closes
it, loose content in a list or table gets its `li`/`td`, characters XML forbids are removed, and
attributes are kept only when their names and values are valid.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote

VOID = frozenset({"area", "br", "col", "hr", "img", "wbr"})
# Elements whose content may only be phrasing (inline) content.
PHRASING_ONLY = frozenset(
    {
        "abbr", "b", "cite", "code", "dfn", "em", "h1", "h2", "h3", "h4", "h5", "h6", "i", "kbd",
        "mark", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "u", "var",
    }
)  # fmt: skip
# Elements taking their content model from their parent.
TRANSPARENT = frozenset({"a", "del", "ins"})
# Flow content that may not sit inside a phrasing-only element.
BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figure",
        "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
        "section", "table", "ul",
    }
)  # fmt: skip
# Containers and what they hold directly; anything else is wrapped in the first of the tuple.
CONTAINERS: dict[str, tuple[str, ...]] = {
    "ul": ("li",),
    "ol": ("li",),
    "dl": ("dd", "dt"),
    "table": ("tbody", "caption", "thead", "tfoot", "colgroup"),
    "thead": ("tr",),
    "tbody": ("tr",),
    "tfoot": ("tr",),
    "tr": ("td", "th"),
}
# Elements that only live inside one of these parents; met elsewhere, they get one implicitly.
PARENTS: dict[str, tuple[str, ...]] = {
    "li": ("ul", "ol"),
    "dt": ("dl",),
    "dd": ("dl",),
    "tr": ("tbody", "thead", "tfoot", "table"),
    "td": ("tr",),
    "th": ("tr",),
    "tbody": ("table",),
    "thead": ("table",),
    "tfoot": ("table",),
    "caption": ("table",),
    "colgroup": ("table",),
}
_IMPLICIT_PARENT = {"li": "ul", "dt": "dl", "dd": "dl"}  # table parts get a table
# The elements written out; any other tag is dropped and its content kept.
KNOWN = (
    VOID
    | PHRASING_ONLY
    | TRANSPARENT
    | BLOCKS
    | CONTAINERS.keys()
    | PARENTS.keys()
    | {"bdi", "bdo", "figcaption", "li", "td", "th"}
)
_SKIP_CONTENT = frozenset({"script", "style", "template", "title"})
_GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title"})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "rel", "hreflang"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan"}),
    "th": frozenset({"colspan", "rowspan"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite"}),
    "ins": frozenset({"cite"}),
    "ol": frozenset({"start", "reversed"}),
}
# rel values the HTML checkers know; a feed's others are dropped.
LINK_TYPES = frozenset(
    {"alternate", "author", "bookmark", "external", "help", "license", "next", "nofollow", "noopener",
     "noreferrer", "prev", "search", "tag"}
)  # fmt: skip
_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
_LANGUAGE = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*\Z")
_NOT_XML_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_INTEGER_ATTRIBUTES = frozenset({"width", "height", "colspan", "rowspan", "start"})
_URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
MAX_DEPTH = 100  # deeper nesting is flattened: readers and recursion both have limits


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 cannot carry (C0 controls, lone surrogates, U+FFFE/F)."""
    return _NOT_XML_CHAR.sub("", text)


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    implicit: bool = False  # opened by the builder, not by a tag in the input


def _clean_url(value: str) -> str:
    # Spaces, quotes and non-ASCII letters in a feed's links are escaped, so the URL is valid.
    return quote(value.strip(), safe=":/?#[]@!$&'()*+,;=%~")


def language_tag(value: str | None, default: str = "en") -> str:
    """`value` if it is a well-formed BCP 47 language tag (`en`, `ru-KZ`, `uz-Latn`), else `default`."""
    value = (value or "").strip().replace("_", "-")
    return value if _LANGUAGE.match(value) else default


def _clean_attrs(tag: str, attrs: list[tuple[str, str | None]], ids: set[str]) -> dict[str, str]:
    allowed = ATTRIBUTES.get(tag, frozenset()) | _GLOBAL_ATTRIBUTES
    out: dict[str, str] = {}
    for name, value in attrs:
        if name not in allowed or name in out:
            continue
        text = xml_text(name if value is None else value).strip()
        if name in _INTEGER_ATTRIBUTES:
            if not (text.isascii() and text.isdigit()) or (name in ("colspan", "rowspan") and int(text) == 0):
                continue
            text = str(int(text))
        elif name in _URL_ATTRIBUTES:
            text = _clean_url(text)
        elif name == "id":
            if not _ID.match(text) or text in ids:
                continue  # ids must be names, and unique in the chapter
            ids.add(text)
        elif name in ("lang", "hreflang"):
            if not _LANGUAGE.match(text):
                continue
        elif name == "rel":
            text = " ".join(t for t in dict.fromkeys(text.lower().split()) if t in LINK_TYPES)
            if not text:
                continue
        elif name == "dir":
            text = text.lower()
            if text not in ("ltr", "rtl", "auto"):
                continue
        elif name == "reversed":
            text = "reversed"
        out[name] = text
    if tag == "img" and "alt" not in out:
        out["alt"] = ""
    if tag == "a" and "href" not in out:
        out.pop("rel", None)  # rel and hreflang only mean something on a link
        out.pop("hreflang", None)
    return out


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("body")
        self.stack: list[Node] = [self.root]
        self.ids: set[str] = set()
        self.skipping = 0  # inside <script>, <style>…: their text is not content

    # ---- where a new child may go ----
    def _accepts_flow(self) -> bool:
        for node in reversed(self.stack):
            if node.tag in TRANSPARENT:
                continue
            return node.tag not in PHRASING_ONLY
        return True

    def _close_to_flow(self) -> None:
        """Close open phrasing-only elements (and links inside them) until a block may start."""
        while len(self.stack) > 1 and not self._accepts_flow():
            self.stack.pop()

    def _make_room(self, tag: str | None, *, chosen: bool = False) -> None:
        """Open the implicit `li`/`td`/… a container needs before `tag` (None: text). A container
        the builder opened itself takes only what it was opened for: anything else closes it,
        unless the caller `chosen` it as the place for `tag`."""
        opened = chosen
        while True:
            parent = self.stack[-1].tag
            allowed = CONTAINERS.get(parent)
            if allowed is None or (tag is not None and tag in allowed):
                return
            if self.stack[-1].implicit and not opened:
                self.stack.pop()
                continue
            opened = True
            if parent == "table":
                self._push(Node("tbody", implicit=True))
            elif parent in ("thead", "tbody", "tfoot"):
                self._push(Node("tr", implicit=True))
            else:
                self._push(Node(allowed[0], implicit=True))

    def _find_parent(self, tag: str) -> None:
        """Put the stack at a parent `tag` may live in: the nearest open one, or a new one."""
        parents = PARENTS[tag]
        if tag in ("td", "th"):
            parents = (*parents, "tbody", "thead", "tfoot", "table")  # a cell without its row
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag in parents:
                del self.stack[index + 1 :]
                if tag in ("tr", "td", "th"):
                    self._make_room(tag, chosen=True)  # a row in a table gets a tbody, a cell a tr
                return
        container = _IMPLICIT_PARENT.get(tag, "table")
        self._close_to_flow()
        self._make_room(container)
        self._push(Node(container, implicit=True))
        if tag in ("tr", "td", "th"):
            self._make_room(tag, chosen=True)  # the new table's tbody (and tr)

    def _leave_caption(self) -> None:
        """A table may not sit in a table's caption (a cell is fine): the caption ends first."""
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag in ("td", "th"):
                return
            if self.stack[index].tag == "caption":
                del self.stack[index:]
                return

    def _push(self, node: Node) -> None:
        self.stack[-1].children.append(node)
        self.stack.append(node)

    # ---- parser callbacks ----
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT:
            self.skipping += 1
            return
        if tag not in KNOWN:
            return  # dropped; its text stays
        if tag == "figcaption" and self.stack[-1].tag != "figure":
            tag = "div"  # a caption with no figure is just a block
        if tag == "a" and any(n.tag == "a" for n in self.stack):
            self._end("a")  # links do not nest
        if tag == "table":
            self._leave_caption()
        if tag in PARENTS:
            self._find_parent(tag)
        else:
            if tag in BLOCKS:
                self._close_to_flow()
            self._make_room(tag)
        node = Node(tag, _clean_attrs(tag, attrs, self.ids))
        if tag in VOID or len(self.stack) > MAX_DEPTH:
            self.stack[-1].children.append(node)  # a void element; or too deep: nothing goes inside
        else:
            self._push(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        else:
            self._end(tag)

    def _end(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return
        # an end tag with nothing open to close is dropped

    def handle_data(self, data: str) -> None:
        data = xml_text(data)
        if not data or self.skipping:
            return
        if self.stack[-1].tag in CONTAINERS:
            if not data.strip():
                return  # whitespace between list items or table cells is not content
            self._make_room(None)
        self.stack[-1].children.append(data)


_TABLE_ORDER = {"caption": 0, "colgroup": 1, "thead": 2, "tbody": 3, "tfoot": 4}


def _table_rank(part: Node) -> int:
    return _TABLE_ORDER.get(part.tag, 3)


def _pair_terms(dl: Node) -> None:
    """A description list is groups of terms then descriptions: a description with no term before
    it gets an empty term, a term with no description after it an empty description."""
    items = [c for c in dl.children if isinstance(c, Node)]
    if items and items[0].tag == "dd":
        items.insert(0, Node("dt", implicit=True))
    if items and items[-1].tag == "dt":
        items.append(Node("dd", implicit=True))
    dl.children = [*items]


def _order_parts(node: Node) -> None:
    """A table's parts in the order XHTML wants (one caption first, one thead, tbodies, one tfoot);
    a figure's one caption first or last. Extra captions and heads become ordinary rows/blocks."""
    for child in node.children:
        if isinstance(child, Node):
            _order_parts(child)
    if node.tag == "table":
        parts = [c for c in node.children if isinstance(c, Node)]
        seen: set[str] = set()
        for part in parts:
            if part.tag in ("caption", "thead", "tfoot") and part.tag in seen:
                if part.tag == "caption":
                    part.children = [Node("tr", children=[Node("td", children=part.children)])]
                part.tag = "tbody"
            seen.add(part.tag)
        parts.sort(key=_table_rank)
        node.children = list(parts)
    elif node.tag == "dl":
        _pair_terms(node)
    elif node.tag == "figure":
        captions = [c for c in node.children if isinstance(c, Node) and c.tag == "figcaption"]
        for extra in captions[1:]:
            extra.tag = "div"
        content = [c for c in node.children if not (isinstance(c, str) and not c.strip())]
        if captions and captions[0] is not content[0] and captions[0] is not content[-1]:
            node.children.remove(captions[0])
            node.children.append(captions[0])


def parse_fragment(fragment: str) -> Node:
    """The fragment as a tree under a `body` node, mended as the module says."""
    builder = _TreeBuilder()
    builder.feed(fragment)
    builder.close()
    _order_parts(builder.root)
    return builder.root


def _attributes(attrs: dict[str, str]) -> str:
    return "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())


def serialize(node: Node | str) -> str:
    """XHTML for a node: void elements as `<br />`, every other element with its end tag."""
    if isinstance(node, str):
        return html.escape(node, quote=False)
    attrs = _attributes(node.attrs)
    if node.tag in VOID:
        return f"<{node.tag}{attrs} />"
    inner = "".join(serialize(child) for child in node.children)
    return f"<{node.tag}{attrs}>{inner}</{node.tag}>"


def to_xhtml(fragment: str) -> str:
    """The body content of `fragment` as well-formed XHTML (without the body element)."""
    return "".join(serialize(child) for child in parse_fragment(fragment).children)
