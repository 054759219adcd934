"""The WordPress REST API (`/wp-json/wp/v2/posts`): full content and real category names.

Posts come 100 a page; the number of pages is in X-WP-TotalPages. Category and tag ids are
resolved to names with one request per taxonomy (`include=` the ids seen).

Plugins and caches change the answer's shape: a title may be a string instead of
`{"rendered": ...}`, a number or null, categories may be strings or nested lists, a link may be
an object. Every field is read by its type: what cannot be used is left out, a post with nothing
to tell it apart or to show is skipped, and only `SourceError` ever leaves `fetch_posts`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlencode

from reader.core.sync.dates import text_moment
from reader.core.sync.fetch import Fetcher, Response, SourceError
from reader.core.sync.parse import Entry, read_each

PER_PAGE = 100
MAX_TERMS = 500  # ids resolved per taxonomy: five requests, whatever the posts claim
_MAX_ID = 2**63 - 1  # WordPress ids are BIGINT UNSIGNED; SQLite and URLs want them smaller
_DIGITS = re.compile(r"[0-9]{1,6}")


def posts_url(api_url: str, page: int) -> str:
    return f"{api_url.rstrip('/')}/wp/v2/posts?{urlencode({'per_page': PER_PAGE, 'page': page})}"


def terms_url(api_url: str, taxonomy: str, ids: Iterable[int]) -> str:
    query = urlencode({"per_page": PER_PAGE, "include": ",".join(str(i) for i in sorted(ids))})
    return f"{api_url.rstrip('/')}/wp/v2/{taxonomy}?{query}"


def _json(response: Response) -> Any:
    try:
        return json.loads(response.body)
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested beyond reason
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)[:200]
        raise SourceError(response.url, f"the WordPress API did not return usable JSON ({reason})") from None


def _text(value: Any) -> str | None:
    """A field that should be text: a string, a number written out, or `{"rendered": ...}`."""
    if isinstance(value, dict):
        value = value.get("rendered")
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value) if abs(value) < 1e15 else None
    return None


def _term_id(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= _MAX_ID:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 19:
        return int(value) or None
    return None


def _term_ids(post: dict[str, Any], field: str) -> Iterator[int]:
    values = post.get(field)
    if not isinstance(values, list):
        return
    for value in values:
        term = _term_id(value)
        if term is not None:
            yield term


def fetch_posts(
    fetcher: Fetcher,
    api_url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    max_pages: int = 3,
    cancelled: Callable[[], bool] = lambda: False,
) -> tuple[Response, list[Entry]]:
    """The newest posts (up to `max_pages` pages) as entries, and the first page's response
    (its ETag/Last-Modified are what the source keeps). A 304 on page one returns no entries."""
    first = fetcher.get(
        posts_url(api_url, 1), etag=etag, last_modified=last_modified, accept="application/json"
    )
    if first.not_modified:
        return first, []
    posts = _page(first)
    total_pages = _int_header(first, "x-wp-totalpages", 1)
    for page in range(2, min(total_pages, max_pages) + 1):
        if cancelled():
            break
        posts += _page(fetcher.get(posts_url(api_url, page), accept="application/json"))
    names = _term_names(fetcher, api_url, posts)
    return first, read_each(posts, lambda post: _entry(post, names), api_url)


def _int_header(response: Response, name: str, default: int) -> int:
    match = _DIGITS.fullmatch(response.headers.get(name, "").strip())
    return int(match.group()) if match else default


def _page(response: Response) -> list[dict[str, Any]]:
    data = _json(response)
    if not isinstance(data, list):
        raise SourceError(response.url, "the WordPress API returned something other than a list of posts")
    return [p for p in data if isinstance(p, dict)]


def _term_names(fetcher: Fetcher, api_url: str, posts: list[dict[str, Any]]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    for field, taxonomy in (("categories", "categories"), ("tags", "tags")):
        ids = sorted({i for p in posts for i in _term_ids(p, field)})[:MAX_TERMS]
        for start in range(0, len(ids), PER_PAGE):
            chunk = ids[start : start + PER_PAGE]
            try:
                terms = _json(fetcher.get(terms_url(api_url, taxonomy, chunk), accept="application/json"))
            except SourceError:
                continue  # names are a nicety: the posts are stored without them
            for term in terms if isinstance(terms, list) else ():
                if not isinstance(term, dict):
                    continue
                term_id, name = _term_id(term.get("id")), _text(term.get("name"))
                if term_id is None or name is None:
                    continue
                names[(field, term_id)] = name
                slug = _text(term.get("slug"))
                if slug:
                    names[(field + ".slug", term_id)] = slug
    return names


def _entry(post: dict[str, Any], names: dict[tuple[str, int], str]) -> Entry | None:
    categories: list[str] = []
    for field in ("categories", "tags"):
        for term_id in _term_ids(post, field):
            for key in (field, field + ".slug"):
                name = names.get((key, term_id))
                if name and name not in categories:
                    categories.append(name)
    link = post.get("link") if isinstance(post.get("link"), str) and post["link"].strip() else None
    post_id = _term_id(post.get("id"))
    guid = _text(post.get("guid")) or link or (str(post_id) if post_id is not None else None)
    title = _text(post.get("title"))
    if guid is None or not (title or link):
        return None  # nothing to tell it apart or to show
    image = post.get("jetpack_featured_media_url")
    return Entry(
        guid=guid.strip(),
        url=link.strip() if link else None,
        title=title or "",  # ingest falls back to the link, then the guid
        author=None,
        published_at=text_moment(post.get("date_gmt")),
        updated_at=text_moment(post.get("modified_gmt")),
        summary_html=_text(post.get("excerpt")),
        content_html=_text(post.get("content")),
        categories=tuple(categories),
        image_url=image if isinstance(image, str) and image else None,
    )
