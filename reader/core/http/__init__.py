"""HTTP for everything the app fetches: one bounded client (client.py) over deadline-keeping
sockets (network.py), with bounded decompression (decoding.py) and plain-words errors
(errors.py). Used by the sync (core/sync/fetch.py names it for the sync) and the rates."""

from __future__ import annotations

from reader.core.http.client import ALLOWED_SCHEMES, USER_AGENT, HttpClient, Limits, Response, check_url
from reader.core.http.errors import FetchError, is_network_failure, retry_after_moment

__all__ = [
    "ALLOWED_SCHEMES",
    "USER_AGENT",
    "FetchError",
    "HttpClient",
    "Limits",
    "Response",
    "check_url",
    "is_network_failure",
    "retry_after_moment",
]
