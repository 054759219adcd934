"""A real HTTP server on 127.0.0.1 for tests: serves the recorded payloads in tests/fixtures/
(origins in SOURCES.txt there), or any bytes, with the status codes, headers, delays and encodings
a test asks for.

    with FixtureServer() as server:
        server.route("/feed/", fixture("wordpress/wordpress-org-news-feed_trimmed.xml"),
                     headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'})
        url = server.url("/feed/")
        ...
        assert server.requests[-1].headers["If-None-Match"] == '"v1"'
"""

from __future__ import annotations

import gzip
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(relative: str) -> bytes:
    """The bytes of a recorded payload under tests/fixtures/, e.g. ``fixture("rates/….json")``."""
    path = FIXTURES / relative
    if not path.is_file():
        raise FileNotFoundError(f"fixture {relative} not found under {FIXTURES} (see SOURCES.txt there)")
    return path.read_bytes()


@dataclass
class Route:
    body: bytes | Callable[[Request], bytes] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (timeouts)
    gzip: bool = False  # compress the body and say so
    # Conditional GET: answer 304 when the request carries this ETag / Last-Modified.
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class Request:
    method: str
    path: str  # with the query string
    headers: dict[str, str]


class FixtureServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: Any) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                request = Request("GET", self.path, dict(self.headers.items()))
                with server._lock:
                    server.requests.append(request)
                route = server.routes.get(self.path) or server.routes.get(urlsplit(self.path).path)
                if route is None:
                    self._send(404, {"Content-Type": "text/plain"}, b"not found")
                    return
                if route.delay:
                    time.sleep(route.delay)
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and self.headers.get("If-Modified-Since") == route.last_modified
                ):
                    self._send(304, headers, b"")
                    return
                body = route.body(request) if callable(route.body) else route.body
                if route.gzip:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                self._send(route.status, headers, body)

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: Any, client_address: Any) -> None:
                # A client that gave up (timeout, size cap, cancel) is what those tests want.
                if not isinstance(sys.exc_info()[1], ConnectionError):
                    super().handle_error(request, client_address)

        self._httpd = Server(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | Callable[[Request], bytes] = b"", **options: Any) -> Route:
        self.routes[path] = Route(body=body, **options)
        return self.routes[path]

    def start(self) -> FixtureServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> FixtureServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
