"""Article pages fetched politely: at most PER_HOST requests at a time to one host, with a pause.

Every page goes through the bounded client (reader.core.http: the same size caps, deadlines and
FetchError sentences as feeds). A page that fails, or holds no story, becomes that story's note;
it never raises out of `fetch_articles`, so a sync that calls it cannot fail because of it.
"""

from __future__ import annotations

import logging
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
UNREADABLE_NOTE: Final = "The page could not be read as an article (details in the log)."
log = logging.getLogger(__name__)


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
    on_result: Callable[[int, ArticleResult], None] | None = None,
    cancel: threading.Event | None = None,
) -> list[ArticleResult | None]:
    """Fetch and extract each page; results in the order of `urls`. `on_result(index, result)`
    is called on a worker as each page is done; once `cancel` is set no page is started (those
    are None in the answer, and never given to `on_result`)."""
    slots = _HostSlots(per_host)
    stop = cancel or threading.Event()

    def one(index: int, url: str) -> ArticleResult | None:
        if stop.is_set():
            return None
        result = fetch_one(url)
        if on_result is not None and not stop.is_set():
            on_result(index, result)
        return result

    def fetch_one(url: str) -> ArticleResult:
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
        try:
            article = extract_article(response.page_text(), response.url)
        except Exception:  # the extractor's bug on an odd page: this story's note, not the run's end
            log.exception("Extracting the article at %s failed", url)
            return ArticleResult(url, None, UNREADABLE_NOTE)
        if article is None:
            return ArticleResult(url, None, NO_STORY_NOTE)
        return ArticleResult(url, article, None)

    listed = list(urls)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="steppe-article") as pool:
        return list(pool.map(one, range(len(listed)), listed))
