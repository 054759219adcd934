"""One bounded HTTP client for every answer the app reads: feeds, the WordPress API, feed
discovery, images and the rates providers.

Bounded in every way a hostile server can push: the decoded body has a size cap (inflated by us,
in steps no larger than the room left), the whole request a deadline and a minimum transfer rate
(enforced at the socket, so dripped headers count too), redirects are followed by us with each
hop checked (http/https only, at most 5, loops named), and Retry-After is clamped. Every failure
is a `FetchError` with a plain sentence; nothing else escapes for anything a server can send.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpcore
import httpx

from reader import __version__
from reader.core.http import errors as e
from reader.core.http.decoding import ACCEPT_ENCODING, BadEncoding, BodyTooLarge, decoder_for
from reader.core.http.network import Budget, DeadlinePassed, Pools, TooSlow, reset_budget, set_budget

USER_AGENT = f"SteppeReader/{__version__} (+https://github.com/steppe-reader/steppe-reader)"
ALLOWED_SCHEMES = frozenset({"http", "https"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_BUSY = frozenset({429, 503})
# Schemes said letter by letter take "an": "redirected to an ftp: address".
_SPELLED = frozenset({"ftp", "ftps", "sftp", "smb", "nntp", "rtsp", "ssh", "rsync", "ldap", "mms"})


@dataclass(frozen=True)
class Limits:
    """What one request may take. The sync's defaults suit feeds; the rates use a smaller cap."""

    timeout: float = 20.0  # seconds: connecting, and the longest silence between two reads
    max_bytes: int = 10 * 1024 * 1024  # the decoded body
    deadline: float = 30.0  # seconds for the whole request, redirects and body included
    min_rate: float = 1024.0  # bytes/s on the wire, averaged over `rate_window` ...
    rate_window: float = 10.0
    rate_grace: float = 5.0  # ... once this long has passed since the first byte
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    connect_timeout: float | None = None  # None: `timeout`
    default_backoff: float = 600.0  # seconds to wait after a 429/503 without a usable Retry-After
    shortest_backoff: float = 60.0  # Retry-After is clamped to this ...
    longest_backoff: float = 24 * 3600.0  # ... and this


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 2xx, or 304
    body: bytes  # decoded
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset parameter of the HTTP Content-Type, lower-cased (None if absent)."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset":
                value = value.strip().strip("\"'").strip().lower()
                return value or None
        return None

    def page_text(self) -> str:
        """An HTML page decoded by its HTTP charset, else its <meta charset>, else UTF-8; an
        unknown charset name is passed over, never an error."""
        meta = _META_CHARSET.search(self.body[:4096])
        for name in (self.charset, meta.group(1).decode("ascii") if meta else None):
            if name:
                try:
                    return self.body.decode(name, "replace")
                except LookupError:
                    continue
        return self.body.decode("utf-8", "replace")


def check_url(url: str) -> str:
    """The URL stripped, or FetchError if it is not an http(s) URL with a host."""
    url = url.strip()
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, ValueError):
        raise e.FetchError(url, "this is not a valid web address", kind=e.BAD_URL) from None
    if parsed.scheme not in ALLOWED_SCHEMES or not parsed.host:
        raise e.FetchError(url, "only http:// and https:// addresses can be fetched", kind=e.BAD_URL)
    if not _reachable(parsed):
        raise e.FetchError(url, "this is not a valid web address", kind=e.BAD_URL)
    return url


_HOST = re.compile(rb"[A-Za-z0-9_.-]{1,253}|[0-9A-Fa-f:.]{2,45}")  # a name (IDNA-encoded), or IPv6


def _reachable(url: httpx.URL) -> bool:
    """A host a socket can be opened to: no spaces or "%" in the name, a port in 1..65535
    (httpx accepts port 99999, which the socket layer then rejects with OverflowError)."""
    port = url.port
    return bool(_HOST.fullmatch(url.raw_host)) and (port is None or 0 < port < 65536)


@dataclass(frozen=True)
class _Hop:
    status: int
    location: str | None


class HttpClient:
    """Thread-safe: one client (and its connection pools) serves a sync's worker threads."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self._pools = Pools(httpx.create_ssl_context())

    def close(self) -> None:
        self._pools.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        accept: str = "*/*",
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET `url` (a 304 is "not modified"); FetchError with a plain cause for anything else."""
        url = check_url(url)
        limits = self.limits
        wanted = [
            ("User-Agent", limits.user_agent),
            ("Accept", accept),
            ("Accept-Encoding", ACCEPT_ENCODING),
        ]
        if etag:
            wanted.append(("If-None-Match", etag))
        if last_modified:
            wanted.append(("If-Modified-Since", last_modified))
        # As bytes: a validator a server once sent may hold any latin-1 byte (headers are read
        # as latin-1), which httpcore would refuse to encode from str with a TypeError.
        headers = [(name.encode("ascii"), value.encode("latin-1", "replace")) for name, value in wanted]
        budget = Budget(
            time.monotonic() + limits.deadline, limits.min_rate, limits.rate_window, limits.rate_grace
        )
        token = set_budget(budget)
        try:
            return self._follow(url, headers, max_bytes or limits.max_bytes, budget)
        finally:
            reset_budget(token)

    def _follow(self, url: str, headers: list[tuple[bytes, bytes]], limit: int, budget: Budget) -> Response:
        chain = [url]
        while True:
            answer = self._exchange(url, chain[-1], headers, limit, budget)
            if isinstance(answer, Response):
                return answer
            chain.append(self._next_hop(url, chain, answer))

    def _next_hop(self, url: str, chain: list[str], hop: _Hop) -> str:
        here = chain[-1]
        host = host_of(here)
        detail = f"GET {here} — HTTP {hop.status}, Location: {(hop.location or '')[:300]!r}"
        location = (hop.location or "").strip()
        if not location:
            raise e.FetchError(
                url, f"{host} redirected without saying where to", kind=e.REDIRECT, detail=detail
            )
        try:
            target = httpx.URL(here).join(location)
            scheme, target_host, there = target.scheme, target.host, str(target)
        except (httpx.InvalidURL, ValueError):
            target, scheme, target_host, there = httpx.URL(here), "", "", ""
        if scheme and scheme not in ALLOWED_SCHEMES and re.fullmatch(r"[a-z][a-z0-9+.-]{0,19}", scheme):
            article = "an" if scheme[0] in "aeiou" or scheme in _SPELLED else "a"
            raise e.FetchError(
                url, f"{host} redirected to {article} {scheme}: address", kind=e.REDIRECT, detail=detail
            )
        if scheme not in ALLOWED_SCHEMES or not target_host or not _reachable(target):
            raise e.FetchError(
                url, f"{host} redirected to an address that is not valid", kind=e.REDIRECT, detail=detail
            )
        if there in chain:
            raise e.FetchError(
                url, f"{host} redirects in a loop", kind=e.REDIRECT, detail=_chain(chain, there)
            )
        if len(chain) > self.limits.max_redirects:
            raise e.FetchError(
                url,
                f"{host_of(url)} redirected more than {self.limits.max_redirects} times",
                kind=e.REDIRECT,
                detail=_chain(chain, there),
            )
        return there

    def _exchange(
        self, url: str, here: str, headers: list[tuple[bytes, bytes]], limit: int, budget: Budget
    ) -> Response | _Hop:
        """One request of the chain: a Response, a redirect to follow, or FetchError."""
        limits = self.limits
        parsed = httpx.URL(here)
        host = host_of(here)
        pool = self._pools.for_url(parsed.scheme, parsed.host)
        target = httpcore.URL(
            scheme=parsed.raw_scheme, host=parsed.raw_host, port=parsed.port, target=parsed.raw_path
        )
        read = limits.timeout
        connect = limits.connect_timeout or read
        timeouts = {"connect": connect, "read": read, "write": read, "pool": limits.deadline}
        in_body = False
        try:
            with pool.stream("GET", target, headers=headers, extensions={"timeout": timeouts}) as raw:
                got = _header_dict(raw.headers)
                status = raw.status
                if status in _REDIRECTS:
                    return _Hop(status, got.get("location"))
                if status == 304:
                    return Response(here, 304, b"", got)
                self._check_status(url, here, host, status, got)
                declared = got.get("content-length", "")
                if declared.isdigit() and int(declared) > limit and "content-encoding" not in got:
                    raise BodyTooLarge
                decoder = decoder_for(got.get("content-encoding"), limit)
                in_body = True
                chunks: list[bytes] = []
                for chunk in raw.iter_stream():
                    chunks += decoder.feed(chunk)
                chunks += decoder.finish()
                return Response(here, status, b"".join(chunks), got)
        except e.FetchError:
            raise
        except BodyTooLarge:
            raise e.FetchError(
                url, f"{host} sent more than {e.size_text(limit)}", kind=e.TOO_LARGE, detail=f"GET {here}"
            ) from None
        except BadEncoding as exc:
            raise e.FetchError(
                url,
                f"{host} sent a compressed answer we cannot read ({exc.reason})",
                kind=e.ENCODING,
                detail=e.technical(exc, here),
            ) from None
        except TooSlow as exc:
            raise e.FetchError(
                url,
                f"{host} sent data too slowly (under {e.size_text(int(limits.min_rate))}/s)",
                kind=e.SLOW,
                detail=f"{e.technical(exc, here)}: {budget.received} bytes",
            ) from None
        except (DeadlinePassed, httpcore.TimeoutException) as exc:
            detail = e.technical(exc, here)
            if isinstance(exc, DeadlinePassed | httpcore.PoolTimeout) or budget.expired:
                cause = f"{host} took more than {limits.deadline:g} s to answer"
            elif isinstance(exc, httpcore.ConnectTimeout):
                cause = f"{host} did not answer within {connect:g} s"
            elif in_body:
                cause = f"{host} stopped sending for more than {read:g} s"
            else:
                cause = f"{host} did not answer within {read:g} s"
            raise e.FetchError(url, cause, kind=e.TIMEOUT, detail=detail) from None
        except (
            httpcore.NetworkError,
            httpcore.ProtocolError,
            httpcore.ProxyError,
            httpcore.UnsupportedProtocol,
        ) as exc:
            raise e.explain_transport_error(exc, url, host) from None

    def _check_status(self, url: str, here: str, host: str, status: int, got: dict[str, str]) -> None:
        if 200 <= status < 300:
            return
        text = e.status_text(status)
        detail = f"GET {here} — {text}"
        if status in _BUSY:
            limits = self.limits
            until = e.retry_after_moment(
                got.get("retry-after"),
                dt.datetime.now(dt.UTC),
                default=limits.default_backoff,
                shortest=limits.shortest_backoff,
                longest=limits.longest_backoff,
            )
            raise e.FetchError(
                url,
                f"{host} asks us to wait ({text}) until {until:%Y-%m-%d %H:%M} UTC",
                kind=e.BUSY,
                detail=f"{detail}, Retry-After: {got.get('retry-after', '')[:100]!r}",
                retry_after=until,
                status=status,
            )
        raise e.FetchError(url, f"{host} answered {text}", kind=e.HTTP, detail=detail, status=status)


def _chain(chain: list[str], there: str) -> str:
    return f"GET {chain[0]} — redirected: " + " → ".join([*chain[1:], there])


def host_of(url: str) -> str:
    """The host a sentence names ("example.org answered …"); the URL itself if it has none."""
    try:
        return httpx.URL(url).host or url
    except (httpx.InvalidURL, ValueError):
        return url


def _header_dict(raw: Iterable[tuple[bytes, bytes]]) -> dict[str, str]:
    """Lower-cased names; a header sent twice is joined with ", " (so `gzip` twice is stacked)."""
    headers: dict[str, str] = {}
    for name, value in raw:
        key, text = name.decode("latin-1").lower(), value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers
