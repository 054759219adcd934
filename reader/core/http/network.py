"""The sockets under the client: every read, write and connect of a request keeps its deadline
and its minimum rate, even while the server is still sending its headers.

httpcore's own timeouts are per socket operation, so a server that sends one header byte every
few seconds, or an endless run of `100 Continue`, is never stopped by them. The request's
`Budget` rides in a context variable (httpcore runs the whole request, body included, on the
calling thread); our network backend wraps httpcore's and asks it before every socket call.
"""

from __future__ import annotations

import contextvars
import ssl
import threading
import time
import typing
import urllib.request
from collections import deque
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

import httpcore


class DeadlinePassed(Exception):
    """The request ran past its total deadline."""


class TooSlow(Exception):
    """Bytes arrived below the minimum rate."""


class Budget:
    """One request's deadline and rate meter.

    The rate is judged once `grace` seconds have passed since the first byte came in, averaged
    over the trailing `window` seconds, and only when that window saw several reads: a drip is
    many small reads, while a server that pauses to build its answer and then sends it at once is
    a single late read (the silence timeout and the deadline are what bound a pause).
    """

    READS = 4  # reads in the window before its rate is judged

    def __init__(self, deadline: float, min_rate: float, window: float, grace: float) -> None:
        self.deadline = deadline  # time.monotonic() value
        self.min_rate = min_rate
        self.window = window
        self.grace = grace
        self.received = 0
        self.reads = 0
        self._first: float | None = None
        self._samples: deque[tuple[float, int, int]] = deque()  # (when, bytes so far, reads so far)

    def remaining(self, timeout: float | None) -> float:
        """The socket timeout to use now: `timeout`, cut to what is left of the deadline."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise DeadlinePassed
        return left if timeout is None else min(timeout, left)

    @property
    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def count(self, size: int) -> None:
        now = time.monotonic()
        samples = self._samples
        if self._first is None:
            self._first = now
            samples.append((now, 0, 0))
        self.received += size
        self.reads += 1
        # Samples at most a sixteenth of the window apart: a server sending single bytes fast
        # cannot grow this list.
        if len(samples) > 1 and now - samples[-1][0] < self.window / 16:
            samples[-1] = (samples[-1][0], self.received, self.reads)
        else:
            samples.append((now, self.received, self.reads))
        cutoff = now - self.window
        while len(samples) > 2 and samples[1][0] <= cutoff:
            samples.popleft()
        if self.min_rate <= 0 or now - self._first < self.grace:
            return
        since, got, reads = samples[0]  # the last sample at or before the window's start
        span = now - since
        if span > 0 and self.reads - reads >= self.READS and (self.received - got) / span < self.min_rate:
            raise TooSlow


_BUDGET: contextvars.ContextVar[Budget | None] = contextvars.ContextVar("steppe_http_budget", default=None)


def set_budget(budget: Budget | None) -> contextvars.Token[Budget | None]:
    return _BUDGET.set(budget)


def reset_budget(token: contextvars.Token[Budget | None]) -> None:
    _BUDGET.reset(token)


def _timeout(timeout: float | None) -> float | None:
    budget = _BUDGET.get()
    return timeout if budget is None else budget.remaining(timeout)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data = self._inner.read(max_bytes, _timeout(timeout))
        budget = _BUDGET.get()
        if budget is not None:
            budget.count(len(data))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _timeout(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, _timeout(timeout)))

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_tcp(host, port, _timeout(timeout), local_address, socket_options))

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:  # pragma: no cover - we never dial a Unix socket
        return _Stream(self._inner.connect_unix_socket(path, _timeout(timeout), socket_options))

    def sleep(self, seconds: float) -> None:  # pragma: no cover - retries are off
        self._inner.sleep(seconds)


class Pools:
    """The direct connection pool, and one per proxy the environment names (HTTP_PROXY,
    HTTPS_PROXY, NO_PROXY, as urllib reads them); all thread-safe, closed together."""

    def __init__(self, ssl_context: ssl.SSLContext, max_connections: int = 16) -> None:
        self._ssl = ssl_context
        self._backend = _Backend()
        self._max = max_connections
        self._direct = self._pool(None)
        self._proxies: dict[str, httpcore.ConnectionPool] = {}
        self._lock = threading.Lock()
        self._environment = {
            key: url
            for key, url in urllib.request.getproxies().items()
            if key in ("http", "https", "all") and _usable(url)
        }

    def _pool(self, proxy: str | None) -> httpcore.ConnectionPool:
        common: dict[str, typing.Any] = {
            "ssl_context": self._ssl,
            "max_connections": self._max,
            "keepalive_expiry": 5.0,
            "network_backend": self._backend,
        }
        if proxy is None:
            return httpcore.ConnectionPool(**common)
        parts = urlsplit(proxy)
        auth = (unquote(parts.username), unquote(parts.password or "")) if parts.username else None
        netloc = (parts.hostname or "") + (f":{parts.port}" if parts.port else "")
        bare = parts._replace(netloc=netloc).geturl()
        return httpcore.HTTPProxy(proxy_url=bare, proxy_auth=auth, **common)

    def for_url(self, scheme: str, host: str) -> httpcore.ConnectionPool:
        proxy = self._environment.get(scheme) or self._environment.get("all")
        if not proxy or urllib.request.proxy_bypass(host):
            return self._direct
        with self._lock:
            if proxy not in self._proxies:
                self._proxies[proxy] = self._pool(proxy)
            return self._proxies[proxy]

    def close(self) -> None:
        with self._lock:
            pools = [self._direct, *self._proxies.values()]
        for pool in pools:
            pool.close()


def _usable(proxy: str) -> bool:
    """An http(s) proxy URL with a host and a valid port (a socks:// one is not ours to use)."""
    try:
        parts = urlsplit(proxy)
        _ = parts.port
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)
