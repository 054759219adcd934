"""What went wrong with a request, in words the window and the CLI show as they are.

Every failure is one `FetchError` with a `kind` (for code: is the machine offline? should the
source wait?), a plain `cause` naming the host ("example.org answered HTTP 404 Not Found") and a
technical `detail` (exception class, message, URL) for the Details button and the log.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import errno
import math
import socket
import ssl
from http import HTTPStatus

import httpcore

from reader.core.errors import ReaderError

# Kinds of failure. Only OFFLINE and TIMEOUT say "the network", so only they count as offline.
OFFLINE = "offline"  # no route, no name, connection refused
TIMEOUT = "timeout"  # no answer in time, or the whole request past its deadline
SLOW = "slow"  # bytes arrive, but below the minimum rate
TOO_LARGE = "too-large"
HTTP = "http"  # an HTTP error status
BUSY = "busy"  # 429/503: asked to come back later (retry_after says when)
REDIRECT = "redirect"  # to a non-http(s) address, in a loop, or too many hops
ENCODING = "encoding"  # a Content-Encoding we refuse, or damaged compressed data
PROTOCOL = "protocol"  # not valid HTTP
INTERRUPTED = "interrupted"  # the connection closed before the answer was whole
TLS = "tls"  # a certificate or handshake failure
BAD_URL = "url"  # not an http(s) address with a host
FEED = "feed"  # the answer arrived but is not a feed we can read (set by the sync's parsers)


class FetchError(ReaderError):
    """A URL could not be fetched, or its answer could not be used: `cause` says why, plainly."""

    def __init__(
        self,
        url: str,
        cause: str,
        *,
        kind: str = FEED,
        detail: str | None = None,
        retry_after: dt.datetime | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(f"{url}: {cause}")
        self.url = url
        self.cause = cause
        self.kind = kind
        self.detail = detail
        self.retry_after = retry_after
        self.status = status

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt from its fields (the default would call __init__ with the message alone): a
        # feed parsed in a worker process (reader.core.cpu) sends its error back pickled.
        return (_rebuild_fetch_error, (type(self), self.url, self.cause, self.kind, self.detail,
                                       self.retry_after, self.status))  # fmt: skip


def _rebuild_fetch_error(
    cls: type[FetchError], url: str, cause: str, kind: str, detail: str | None,
    retry_after: dt.datetime | None, status: int | None,
) -> FetchError:  # fmt: skip
    return cls(url, cause, kind=kind, detail=detail, retry_after=retry_after, status=status)


def is_network_failure(error: FetchError) -> bool:
    """True when the failure says the host could not be reached at all (offline or no answer)."""
    return error.kind in (OFFLINE, TIMEOUT)


def status_text(status: int) -> str:
    """ "HTTP 404 Not Found": the standard phrase, never the server's own (it may be anything)."""
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def size_text(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MiB"
    return f"{limit / 1024:g} KiB" if limit >= 1024 else f"{limit} bytes"


def technical(exc: BaseException, url: str) -> str:
    """The exception and what caused it, for the log and the Details button."""
    parts = [f"{type(exc).__name__}: {exc}".rstrip(": ")]
    cause = exc.__cause__ or exc.__context__
    while cause is not None and len(parts) < 4:
        parts.append(f"{type(cause).__name__}: {cause}".rstrip(": "))
        cause = cause.__cause__ or cause.__context__
    return f"GET {url} — " + " ← ".join(parts)


def explain_transport_error(exc: Exception, url: str, host: str) -> FetchError:
    """A connection, read, proxy or protocol failure of httpcore as a FetchError (timeouts are
    the client's: it knows the deadline)."""
    detail = technical(exc, url)
    if isinstance(exc, httpcore.ConnectError):
        os_error = _root_os_error(exc)
        if isinstance(os_error, ssl.SSLCertVerificationError):
            reason = os_error.verify_message or "untrusted"
            return FetchError(
                url, f"the certificate of {host} cannot be trusted ({reason})", kind=TLS, detail=detail
            )
        if isinstance(os_error, ssl.SSLError):
            return FetchError(url, f"the secure connection to {host} failed", kind=TLS, detail=detail)
        if isinstance(os_error, socket.gaierror):
            if os_error.errno == socket.EAI_AGAIN:
                return FetchError(
                    url,
                    f"No internet connection ({host} could not be looked up)",
                    kind=OFFLINE,
                    detail=detail,
                )
            return FetchError(
                url,
                f"{host} could not be found: no internet connection, or the address is wrong",
                kind=OFFLINE,
                detail=detail,
            )
        if isinstance(os_error, ConnectionRefusedError):
            return FetchError(url, f"{host} refused the connection", kind=OFFLINE, detail=detail)
        if isinstance(os_error, OSError) and os_error.errno in _UNREACHABLE:
            return FetchError(
                url, f"No internet connection ({host} cannot be reached)", kind=OFFLINE, detail=detail
            )
        return FetchError(url, f"{host} cannot be reached", kind=OFFLINE, detail=detail)
    if isinstance(exc, httpcore.ProxyError):
        return FetchError(url, f"the proxy refused to fetch from {host}", kind=OFFLINE, detail=detail)
    if isinstance(exc, httpcore.ReadError | httpcore.WriteError):
        return FetchError(url, f"{host} broke off the connection", kind=INTERRUPTED, detail=detail)
    if isinstance(exc, httpcore.RemoteProtocolError):
        text = str(exc).lower()
        if "disconnected" in text or "peer closed" in text:
            return FetchError(
                url,
                f"{host} closed the connection before the answer was complete",
                kind=INTERRUPTED,
                detail=detail,
            )
        return FetchError(url, f"{host} sent an answer that is not valid HTTP", kind=PROTOCOL, detail=detail)
    return FetchError(url, f"the request to {host} could not be sent", kind=PROTOCOL, detail=detail)


_UNREACHABLE = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EADDRNOTAVAIL}


def _root_os_error(exc: BaseException) -> BaseException | None:
    cause = exc.__cause__ or exc.__context__
    while cause is not None:
        if isinstance(cause, OSError):
            return cause
        cause = cause.__cause__ or cause.__context__
    return None


def retry_after_moment(
    value: str | None, now: dt.datetime, *, default: float, shortest: float, longest: float
) -> dt.datetime:
    """When a 429/503 lets us ask again. Retry-After is seconds or an HTTP date; whatever it says
    (negative, 99999999999999, "soon", the year 9999) is clamped to [shortest, longest] seconds,
    and a missing or unreadable one means `default`."""
    seconds = default
    text = (value or "").strip()
    if text:
        try:
            seconds = float(text)
        except ValueError:
            try:
                moment = email.utils.parsedate_to_datetime(text)
            except (TypeError, ValueError, IndexError, OverflowError):
                moment = None
            if moment is not None:
                moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
                seconds = (moment - now).total_seconds()
        if math.isnan(seconds):
            seconds = default
    return now + dt.timedelta(seconds=min(max(seconds, shortest), longest))
