"""Article pages fetched politely: at most PER_HOST requests at a time to one host, with a pause.

Every page goes through the bounded client (reader.core.http: the same size caps, deadlines and
FetchError sentences as feeds). A page that fails, or holds no story, becomes that story's note;
it never raises out of `fetch_articles`, so a sync that calls it cannot fail because of it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from reader.core.articles.extract import ExtractedArticle, extract_article
from reader.core.http import FetchError, HttpClient, Limits

PER_HOST: Final = 2  # requests at once to one host
HOST_DELAY: Final = 0.5  # seconds between the end of one request and the next from the same slot
PAGE_BYTES: Final = 3 * 1024 * 1024  # an article page, decoded
NO_STORY_NOTE: Final = "The page holds no story text that could be told apart from its menus and ads."


@dataclass(frozen=True, slots=True)
class ArticleResult:
    url: str
    article: ExtractedArticle | None
    note: str | None  # why there is no full text, in a plain sentence


class _HostSlots:
    def __init__(self, per_host: int) -> None:
        self._lock = threading.Lock()
        self._per_host = per_host
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def of(self, host: str) -> threading.BoundedSemaphore:
        with self._lock:
            return self._slots.setdefault(host, threading.BoundedSemaphore(self._per_host))


def fetch_articles(
    urls: Iterable[str],
    *,
    workers: int = 4,
    per_host: int = PER_HOST,
    delay: float = HOST_DELAY,
    limits: Limits | None = None,
    client_factory: Callable[[Limits | None], HttpClient] = HttpClient,
) -> list[ArticleResult]:
    """Fetch and extract each page; results in the order of `urls`."""
    slots = _HostSlots(per_host)

    def one(url: str) -> ArticleResult:
        host = (urlsplit(url).hostname or "").lower()
        slot = slots.of(host)
        with slot:
            try:
                with client_factory(limits) as client:
                    response = client.get(url, accept="text/html,application/xhtml+xml", max_bytes=PAGE_BYTES)
            except FetchError as error:
                return ArticleResult(url, None, f"The full article could not be fetched: {error.cause}")
            finally:
                time.sleep(delay)
        article = extract_article(response.page_text(), response.url)
        if article is None:
            return ArticleResult(url, None, NO_STORY_NOTE)
        return ArticleResult(url, article, None)

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="steppe-article") as pool:
        return list(pool.map(one, list(urls)))
