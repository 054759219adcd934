"""Finding a site's feeds from its home page: <link rel="alternate">, the WordPress REST
API (<link rel="https://api.w.org/">, else a probe of /wp-json/), and /feed/ as a last guess."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from reader.core.sync.fetch import Fetcher, SourceError, check_url
from reader.core.sync.parse import parse_feed
from reader.core.text import NAME_CHARS, clean_line

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml")


@dataclass(frozen=True)
class Discovered:
    feed_url: str
    title: str | None  # plain text (see reader.core.text), None when the site names nothing
    site_url: str | None
    api_url: str | None  # the WordPress REST base, when the site offers one


class _LinkFinder:
    """The feed links, WordPress API link and title of a page's head, read with regular
    expressions that never scan the same text twice: Python's HTMLParser takes quadratic time on
    some malformed input (minutes for 200 KB of `<a x="`), and a site's page is anyone's input."""

    def __init__(self) -> None:
        self.feeds: list[tuple[str, str | None]] = []
        self.api: str | None = None
        self.title: str | None = None
        self._title_seen = False

    def feed(self, page: str) -> None:
        head = _SKIPPED.sub(" ", page[:_HEAD_CHARS])
        for match in _HEAD_TAG.finditer(head):
            tag = match.group(1).lower()
            if tag == "body":
                break
            if tag == "title":
                if not self._title_seen:
                    self._title_seen = True
                    end = _TITLE_END.search(head, match.end())
                    text = head[match.end() : end.start() if end else match.end() + 1000]
                    self.title = html.unescape(text).strip() or None
                continue
            values = {
                name.lower(): html.unescape(next((v for v in value if v), ""))
                for name, *value in _ATTRIBUTE.findall(match.group(2))
            }
            rels = values.get("rel", "").lower().split()
            href = values.get("href", "").strip()
            if not href:
                continue
            if "alternate" in rels and values.get("type", "").lower().strip() in FEED_TYPES:
                self.feeds.append((href, values.get("title") or None))
            elif "https://api.w.org/" in rels and self.api is None:
                self.api = href


_HEAD_CHARS = 1024 * 1024  # the head of any real page fits
# Comments and scripts (whose text may hold "<link"), each to its end or to the end of the page.
_SKIPPED = re.compile(r"<!--.*?(?:-->|\Z)|<script\b.*?(?:</script\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_HEAD_TAG = re.compile(
    r"<(link|title|body)(?=[\s/>])((?:[^>\"']+|\"[^\"]*(?:\"|\Z)|'[^']*(?:'|\Z))*)(?:>|\Z)", re.IGNORECASE
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_TITLE_END = re.compile(r"</title\s*>", re.IGNORECASE)


def discover(fetcher: Fetcher, url: str) -> Discovered:
    """What to subscribe to at `url`: the URL itself if it is a feed, else the page's feed."""
    url = check_url(url)
    response = fetcher.get(
        url, accept="application/rss+xml, application/atom+xml, text/html;q=0.9, */*;q=0.5"
    )
    if response.content_type not in ("text/html", "application/xhtml+xml"):
        try:
            feed = parse_feed(response.body, response.url, response.headers.get("content-type"))
        except SourceError:
            pass
        else:
            return Discovered(response.url, _name(feed.title), feed.site_url, None)
    finder = _LinkFinder()
    finder.feed(response.page_text())
    api = urljoin(response.url, finder.api) if finder.api else _probe_wordpress_api(fetcher, response.url)
    candidates = [(urljoin(response.url, href), title) for href, title in finder.feeds]
    candidates.append((urljoin(response.url.rstrip("/") + "/", "feed/"), None))
    for feed_url, title in candidates:
        try:
            found = fetcher.get(feed_url)
            feed = parse_feed(found.body, feed_url, found.headers.get("content-type"))
        except SourceError:
            continue
        return Discovered(
            feed_url, _name(feed.title) or _name(title) or _name(finder.title), response.url, api
        )
    raise SourceError(url, "no RSS or Atom feed found on this page")


def _name(text: str | None) -> str | None:
    return clean_line(text, NAME_CHARS) or None


def _probe_wordpress_api(fetcher: Fetcher, page_url: str) -> str | None:
    """The site's `/wp-json/` if it answers as a WordPress REST API (lists the wp/v2 namespace)."""
    parts = urlsplit(page_url)
    candidate = f"{parts.scheme}://{parts.netloc}/wp-json/"
    try:
        index = json.loads(fetcher.get(candidate, accept="application/json", max_bytes=2 * 1024 * 1024).body)
    except (SourceError, ValueError):
        return None
    namespaces = index.get("namespaces") if isinstance(index, dict) else None
    return candidate if isinstance(namespaces, list) and "wp/v2" in namespaces else None
