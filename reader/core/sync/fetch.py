"""HTTP for sync, under the names the sync uses: the app's one bounded client
(`reader.core.http`) with the sync's limits — 20 s timeouts, a 30 s deadline per request, a
10 MiB cap on each decoded body, 1 KiB/s at least, 5 redirects, conditional GET (a 304 is "not
modified", not an error) and a clamped Retry-After.

A `SourceError` is the same error as the client's `FetchError`: the feed and WordPress parsers
raise it too, with kind "feed", when the answer arrived but is not a feed.
"""

from __future__ import annotations

from reader.core.http import (
    ALLOWED_SCHEMES,
    USER_AGENT,
    FetchError,
    HttpClient,
    Limits,
    Response,
    check_url,
    is_network_failure,
)

FetchConfig = Limits  # the sync's request limits (tests shorten them)
Fetcher = HttpClient  # one client shared by the sync's threads
SourceError = FetchError  # a source could not be fetched or read: `url`, a plain `cause`, `kind`

__all__ = [
    "ALLOWED_SCHEMES",
    "USER_AGENT",
    "FetchConfig",
    "Fetcher",
    "Response",
    "SourceError",
    "check_url",
    "is_network_failure",
]
