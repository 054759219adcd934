"""Content-Encoding undone by us, in bounded steps.

httpx would inflate a whole network chunk at once and stack decoders for `gzip, gzip`, so a
1.8 KB answer could grow past 2 GB before any size check saw it. Here every `decompress()` call
is given the room left under the body cap (`max_length`), so whatever arrives — a 10 MB gzip of
10 GB of zeros, a deflate bomb — no more than the cap is ever produced. We ask for gzip and
deflate only, and refuse stacked or unknown codings.
"""

from __future__ import annotations

import re
import zlib

ACCEPT_ENCODING = "gzip, deflate"
_GZIP_MAGIC = b"\x1f\x8b"


class BodyTooLarge(Exception):
    """The decoded body passed its cap (the client names the host and the cap)."""


class BadEncoding(Exception):
    """A coding we refuse, or compressed data we cannot read; `reason` is plain words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Decoder:
    """Turns raw body chunks into decoded ones; never more than `limit` bytes in all."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0

    def feed(self, data: bytes) -> list[bytes]:
        self._take(data)
        return [data] if data else []

    def finish(self) -> list[bytes]:
        return []

    def _take(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size > self.limit:
            raise BodyTooLarge


class _Inflate(Decoder):
    """gzip (several members allowed, as RFC 1952 says) or deflate (zlib-wrapped or, as some
    servers send it, raw)."""

    def __init__(self, limit: int, *, gzip: bool) -> None:
        super().__init__(limit)
        self._gzip = gzip
        self._name = "gzip" if gzip else "deflate"
        self._stream: zlib._Decompress | None = None
        self._head = b""  # the first bytes of a stream, to tell what it is
        self._started = False
        self._ignore = False  # past the end: trailing bytes are ignored

    def feed(self, data: bytes) -> list[bytes]:
        pieces: list[bytes] = []
        while data and not self._ignore:
            if self._stream is None:
                data, self._head = self._head + data, b""
                if len(data) < 2:
                    self._head = data
                    break
                self._stream = self._open(data)
                if self._stream is None:
                    break
            stream = self._stream
            try:
                piece = stream.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                raise BadEncoding(f"damaged {self._name} data") from exc
            self._take(piece)
            if piece:
                pieces.append(piece)
            if stream.eof:
                data = stream.unused_data
                self._stream = None
                self._ignore = not self._gzip
            elif not piece and len(stream.unconsumed_tail) == len(data):
                raise BadEncoding(f"damaged {self._name} data")  # no progress: never loop on it
            else:
                data = stream.unconsumed_tail
        return pieces

    def _open(self, head: bytes) -> zlib._Decompress | None:
        if self._gzip:
            if head[:2] == _GZIP_MAGIC:
                self._started = True
                return zlib.decompressobj(16 + zlib.MAX_WBITS)
            if self._started:
                self._ignore = True  # bytes after the last member
                return None
            raise BadEncoding("it says gzip but is not")
        self._started = True
        wrapped = head[0] & 0x0F == 8 and ((head[0] << 8) | head[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def finish(self) -> list[bytes]:
        if self._stream is not None or (self._head and not self._started):
            raise BadEncoding(f"the {self._name} data is cut short")
        return []


def codings(header: str | None) -> list[str]:
    """The codings a Content-Encoding lists, lower-cased, without `identity`."""
    tokens = (t.strip().lower() for t in (header or "").split(","))
    return [t for t in tokens if t and t != "identity"]


def decoder_for(content_encoding: str | None, limit: int) -> Decoder:
    """A bounded decoder for the answer's Content-Encoding; BadEncoding for what we refuse."""
    tokens = codings(content_encoding)
    if len(tokens) > 1:
        raise BadEncoding("compressed more than once: " + ", ".join(_shown(t) for t in tokens[:4]))
    if not tokens:
        return Decoder(limit)
    if tokens[0] in ("gzip", "x-gzip"):
        return _Inflate(limit, gzip=True)
    if tokens[0] == "deflate":
        return _Inflate(limit, gzip=False)
    return _refuse(tokens[0])


def _refuse(token: str) -> Decoder:
    raise BadEncoding(f"{_shown(token)}, which we did not ask for")


def _shown(token: str) -> str:
    """A coding's name as the server wrote it, if it looks like one (it goes into a sentence)."""
    return token if re.fullmatch(r"[a-z0-9._+-]{1,20}", token) else "an unknown coding"
