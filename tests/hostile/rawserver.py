"""A raw-socket server on 127.0.0.1 for what `http.server` cannot do: each route is a script
that writes whatever bytes it likes, when it likes — a dripped header, a lying Content-Length, a
truncated chunked body, a reset mid-body, no HTTP at all, an endless stream.

    with RawServer() as server:
        server.route("/drip", drip(head(200), b"<rss/>", every=0.2))
        url = server.url("/drip")

A script gets a `Conn`; `send()` and `pause()` return False once the client has gone (or the
server is stopping), so endless scripts end with their test.
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import struct
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

Script = Callable[["Conn"], None]


@dataclass
class Seen:
    """A request as the server read it: the request target as sent (absolute through a proxy)."""

    target: str
    headers: dict[str, str] = field(default_factory=dict)


class Conn:
    def __init__(self, sock: socket.socket, stop: threading.Event, seen: Seen) -> None:
        self.sock = sock
        self.seen = seen
        self._stop = stop
        self.alive = True

    def send(self, data: bytes) -> bool:
        if not self.alive or self._stop.is_set():
            return False
        try:
            self.sock.sendall(data)
        except OSError:
            self.alive = False
        return self.alive

    def pause(self, seconds: float) -> bool:
        return not self._stop.wait(seconds) and self.alive

    def reset(self) -> None:
        """Close with an RST instead of a FIN (SO_LINGER 0): "connection reset by peer"."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()
        self.alive = False


class RawServer:
    def __init__(self) -> None:
        self.routes: dict[str, Script] = {}
        self.requests: list[Seen] = []
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._workers: list[threading.Thread] = []

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, script: Script) -> None:
        self.routes[path] = script

    def start(self) -> RawServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        for worker in self._workers:
            worker.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> RawServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                sock, _addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            worker = threading.Thread(target=self._handle, args=(sock,), daemon=True)
            self._workers.append(worker)
            worker.start()

    def _handle(self, sock: socket.socket) -> None:
        sock.settimeout(10)
        try:
            head = b""
            while b"\r\n\r\n" not in head and len(head) < 65536:
                data = sock.recv(65536)
                if not data:
                    return
                head += data
            lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
            target = lines[0].split(" ")[1] if len(lines[0].split(" ")) > 1 else "/"
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            seen = Seen(target, headers)
            self.requests.append(seen)
            parts = urlsplit(target)
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            script = self.routes.get(path) or self.routes.get(parts.path) or answer(404, body=b"not found")
            conn = Conn(sock, self._stop, seen)
            script(conn)
            if conn.alive:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        finally:
            sock.close()


# -- scripts ------------------------------------------------------------------------------


def head(status: int = 200, reason: str = "OK", headers: dict[str, str] | None = None, **named: str) -> bytes:
    """A status line and headers, with `Connection: close` (each script serves one request)."""
    fields = {"Connection": "close", **(headers or {}), **{k.replace("_", "-"): v for k, v in named.items()}}
    lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in fields.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")  # a hostile reason may be anything


def answer(
    status: int = 200, body: bytes = b"", reason: str = "OK", headers: dict[str, str] | None = None
) -> Script:
    """A whole, well-formed answer with its Content-Length."""
    data = head(status, reason, {**(headers or {}), "Content-Length": str(len(body))}) + body

    def script(conn: Conn) -> None:
        conn.send(data)

    return script


def raw(*pieces: bytes) -> Script:
    """Exactly these bytes, then the connection closes."""

    def script(conn: Conn) -> None:
        for piece in pieces:
            if not conn.send(piece):
                return

    return script


def drip(first: bytes, data: bytes, every: float, step: int = 1) -> Script:
    """`first` at once, then `data` `step` bytes at a time, one step every `every` seconds."""

    def script(conn: Conn) -> None:
        if first and not conn.send(first):
            return
        for start in range(0, len(data), step):
            if not conn.pause(every) or not conn.send(data[start : start + step]):
                return

    return script


def stream(first: bytes, chunks: Callable[[], Iterable[bytes]], every: float = 0.0) -> Script:
    """`first`, then each chunk as it comes from a fresh `chunks()` (which may be endless)."""

    def script(conn: Conn) -> None:
        if not conn.send(first):
            return
        for chunk in chunks():
            if (every and not conn.pause(every)) or not conn.send(chunk):
                return

    return script


def silent(seconds: float = 30.0, first: bytes = b"") -> Script:
    """Send `first` (perhaps nothing), then say nothing for `seconds`."""

    def script(conn: Conn) -> None:
        if first and not conn.send(first):
            return
        conn.pause(seconds)

    return script


def then_reset(first: bytes) -> Script:
    def script(conn: Conn) -> None:
        conn.send(first)
        conn.pause(0.05)
        conn.reset()

    return script


def forever(block: bytes) -> Iterator[bytes]:
    while True:
        yield block


def zeros_compressed(wbits: int, block: int = 1 << 20) -> Iterator[bytes]:
    """An endless compressed stream of zeros (wbits 31: gzip, 15: zlib, -15: raw deflate): about
    1 KB on the wire per MiB decoded, made as the client reads it."""
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    zeros = bytes(block)
    while True:
        out = packer.compress(zeros)
        if out:
            yield out


def gzip_of_zeros(size: int) -> bytes:
    return gzip.compress(bytes(size), compresslevel=9)


def chunked(*pieces: bytes, end: bool = True) -> bytes:
    """A chunked body of these pieces (without the final zero chunk unless `end`)."""
    body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces)
    return body + (b"0\r\n\r\n" if end else b"")
