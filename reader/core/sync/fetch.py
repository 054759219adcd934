"""HTTP for sync: timeouts, a size cap, an honest User-Agent, gzip, bounded redirects,
http/https only, conditional GET (a 304 is "not modified", not an error) and Retry-After."""

from __future__ import annotations

import datetime as dt
import email.utils
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from reader import __version__
from reader.core.errors import ReaderError

USER_AGENT = f"SteppeReader/{__version__} (+https://github.com/steppe-reader/steppe-reader)"
ALLOWED_SCHEMES = frozenset({"http", "https"})


@dataclass(frozen=True)
class FetchConfig:
    """Limits of one request; tests shorten the timeout."""

    timeout: float = 20.0  # seconds, for connecting and between bytes
    max_bytes: int = 10 * 1024 * 1024  # decoded body
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    default_backoff: float = 600.0  # seconds, a 429/503 without Retry-After


class SourceError(ReaderError):
    """A source could not be fetched or read; `url` is what failed, `cause` says why."""

    def __init__(self, url: str, cause: str, *, retry_after: dt.datetime | None = None) -> None:
        super().__init__(f"{url}: {cause}")
        self.url = url
        self.cause = cause
        self.retry_after = retry_after


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

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


def check_url(url: str) -> str:
    """The URL stripped, or SourceError if it is not an http(s) URL with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES or not parts.netloc:
        raise SourceError(url, "only http:// and https:// addresses can be fetched")
    return url


def retry_after_moment(value: str | None, now: dt.datetime, default: float) -> dt.datetime:
    """When a 429/503 lets us ask again: Retry-After in seconds or as an HTTP date."""
    if value:
        value = value.strip()
        if value.isdigit():
            return now + dt.timedelta(seconds=int(value))
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)
    return now + dt.timedelta(seconds=default)


class Fetcher:
    """One httpx client shared by the sync's threads (httpx.Client is thread-safe)."""

    def __init__(self, config: FetchConfig | None = None) -> None:
        self.config = config or FetchConfig()
        self._client = httpx.Client(
            timeout=httpx.Timeout(self.config.timeout),
            follow_redirects=True,
            max_redirects=self.config.max_redirects,
            headers={"User-Agent": self.config.user_agent, "Accept-Encoding": "gzip, deflate"},
            event_hooks={"request": [self._check_redirect]},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @staticmethod
    def _check_redirect(request: httpx.Request) -> None:
        # Every hop of a redirect chain passes here: never leave http(s).
        if request.url.scheme not in ALLOWED_SCHEMES:
            raise SourceError(str(request.url), "redirected to a non-http(s) address")

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        max_bytes: int | None = None,
    ) -> Response:
        """GET `url`; raises SourceError with a plain-language cause for anything but 200/304."""
        url = check_url(url)
        limit = max_bytes or self.config.max_bytes
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        now = dt.datetime.now(dt.UTC)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                final = str(response.url)
                status = response.status_code
                got = {k.lower(): v for k, v in response.headers.items()}
                if status == 304:
                    return Response(final, 304, b"", got)
                if status in (429, 503):
                    until = retry_after_moment(got.get("retry-after"), now, self.config.default_backoff)
                    raise SourceError(
                        final, f"the server asks us to wait (HTTP {status}) until {until:%H:%M} UTC",
                        retry_after=until,
                    )  # fmt: skip
                if status >= 400:
                    raise SourceError(final, f"HTTP {status} {response.reason_phrase}".strip())
                declared = got.get("content-length")
                if (
                    declared
                    and declared.isdigit()
                    and int(declared) > limit
                    and "content-encoding" not in got
                ):
                    raise SourceError(final, f"response larger than {_size(limit)}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise SourceError(final, f"response larger than {_size(limit)}")
                    chunks.append(chunk)
                return Response(final, status, b"".join(chunks), got)
        except SourceError:
            raise
        except httpx.TooManyRedirects:
            raise SourceError(url, f"more than {self.config.max_redirects} redirects") from None
        except httpx.TimeoutException:
            raise SourceError(url, f"no answer within {self.config.timeout:g} s (timed out)") from None
        except httpx.UnsupportedProtocol:
            raise SourceError(url, "redirected to a non-http(s) address") from None
        except httpx.DecodingError as exc:
            raise SourceError(url, f"the compressed response is damaged ({exc})") from None
        except httpx.ConnectError as exc:
            raise SourceError(url, f"cannot connect ({_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise SourceError(url, f"network error ({_reason(exc)})") from None


def is_network_failure(error: SourceError) -> bool:
    """True when the failure says the host could not be reached at all (offline)."""
    return error.cause.startswith(("cannot connect", "no answer within", "network error"))


def _size(limit: int) -> str:
    return f"{limit / (1024 * 1024):.1f} MiB" if limit >= 1024 * 1024 else f"{limit // 1024} KiB"


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
