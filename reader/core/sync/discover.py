"""Finding a site's feeds from its home page: <link rel="alternate">, the WordPress REST
API (<link rel="https://api.w.org/">, else a probe of /wp-json/), and /feed/ as a last guess."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from reader.core.sync.fetch import Fetcher, SourceError, check_url
from reader.core.sync.parse import parse_feed

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml")


@dataclass(frozen=True)
class Discovered:
    feed_url: str
    title: str | None
    site_url: str | None
    api_url: str | None  # the WordPress REST base, when the site offers one


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.feeds: list[tuple[str, str | None]] = []
        self.api: str | None = None
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "link":
            rels = values.get("rel", "").lower().split()
            href = values.get("href", "").strip()
            if not href:
                return
            if "alternate" in rels and values.get("type", "").lower() in FEED_TYPES:
                self.feeds.append((href, values.get("title") or None))
            elif "https://api.w.org/" in rels and self.api is None:
                self.api = href
        elif tag == "title" and self.title is None:
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title and data.strip():
            self.title = data.strip()
            self._in_title = False


def discover(fetcher: Fetcher, url: str) -> Discovered:
    """What to subscribe to at `url`: the URL itself if it is a feed, else the page's feed."""
    url = check_url(url)
    response = fetcher.get(
        url, accept="application/rss+xml, application/atom+xml, text/html;q=0.9, */*;q=0.5"
    )
    if response.content_type not in ("text/html", "application/xhtml+xml"):
        try:
            feed = parse_feed(response.body, response.url)
        except SourceError:
            pass
        else:
            return Discovered(response.url, feed.title, feed.site_url, None)
    finder = _LinkFinder()
    finder.feed(response.body.decode("utf-8", "replace"))
    api = urljoin(response.url, finder.api) if finder.api else _probe_wordpress_api(fetcher, response.url)
    candidates = [(urljoin(response.url, href), title) for href, title in finder.feeds]
    candidates.append((urljoin(response.url.rstrip("/") + "/", "feed/"), None))
    for feed_url, title in candidates:
        try:
            feed = parse_feed(fetcher.get(feed_url).body, feed_url)
        except SourceError:
            continue
        return Discovered(feed_url, feed.title or title or finder.title, response.url, api)
    raise SourceError(url, "no RSS or Atom feed found on this page")


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
