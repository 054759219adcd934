"""The WordPress REST API (`/wp-json/wp/v2/posts`): full content and real category names.

Posts come 100 a page; the number of pages is in X-WP-TotalPages. Category and tag ids are
resolved to names with one request per taxonomy (`include=` the ids seen)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import urlencode

from reader.core.sync.fetch import Fetcher, Response, SourceError
from reader.core.sync.parse import Entry

PER_PAGE = 100


def posts_url(api_url: str, page: int) -> str:
    return f"{api_url.rstrip('/')}/wp/v2/posts?{urlencode({'per_page': PER_PAGE, 'page': page})}"


def terms_url(api_url: str, taxonomy: str, ids: Iterable[int]) -> str:
    query = urlencode({"per_page": PER_PAGE, "include": ",".join(str(i) for i in sorted(ids))})
    return f"{api_url.rstrip('/')}/wp/v2/{taxonomy}?{query}"


def _json(response: Response) -> Any:
    try:
        return json.loads(response.body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(response.url, f"the WordPress API did not return JSON ({exc})") from None


def _gmt(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _rendered(post: dict[str, Any], key: str) -> str | None:
    value = post.get(key)
    if isinstance(value, dict):
        text = value.get("rendered")
        return str(text) if text else None
    return None


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
    return first, [_entry(post, names) for post in posts if _rendered(post, "title") or post.get("link")]


def _int_header(response: Response, name: str, default: int) -> int:
    value = response.headers.get(name, "")
    return int(value) if value.isdigit() else default


def _page(response: Response) -> list[dict[str, Any]]:
    data = _json(response)
    if not isinstance(data, list):
        raise SourceError(response.url, "the WordPress API returned something other than a list of posts")
    return [p for p in data if isinstance(p, dict)]


def _term_names(fetcher: Fetcher, api_url: str, posts: list[dict[str, Any]]) -> dict[tuple[str, int], str]:
    names: dict[tuple[str, int], str] = {}
    for field, taxonomy in (("categories", "categories"), ("tags", "tags")):
        ids = {int(i) for p in posts for i in p.get(field) or () if isinstance(i, int)}
        for start in range(0, len(ids), PER_PAGE):
            chunk = sorted(ids)[start : start + PER_PAGE]
            try:
                terms = _json(fetcher.get(terms_url(api_url, taxonomy, chunk), accept="application/json"))
            except SourceError:
                continue  # names are a nicety: the posts are stored without them
            for term in terms if isinstance(terms, list) else ():
                if isinstance(term, dict) and isinstance(term.get("id"), int) and term.get("name"):
                    names[(field, term["id"])] = str(term["name"])
                    if term.get("slug"):
                        names[(field + ".slug", term["id"])] = str(term["slug"])
    return names


def _entry(post: dict[str, Any], names: dict[tuple[str, int], str]) -> Entry:
    categories: list[str] = []
    for field in ("categories", "tags"):
        for term_id in post.get(field) or ():
            for key in (field, field + ".slug"):
                name = names.get((key, term_id))
                if name and name not in categories:
                    categories.append(name)
    guid = _rendered(post, "guid") or str(post.get("link") or post.get("id"))
    image = post.get("jetpack_featured_media_url") or None
    return Entry(
        guid=guid,
        url=str(post["link"]) if post.get("link") else None,
        title=_rendered(post, "title") or str(post.get("link")),
        author=None,
        published_at=_gmt(post.get("date_gmt")),
        updated_at=_gmt(post.get("modified_gmt")),
        summary_html=_rendered(post, "excerpt"),
        content_html=_rendered(post, "content"),
        categories=tuple(categories),
        image_url=str(image) if image else None,
    )
