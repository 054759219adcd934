"""The offline image cache: images a story uses, kept in the data folder so stories stay whole
with no network. Files are named by a hash of their URL; only real images of allowed types and
sizes are kept (checked by their first bytes, not by what the server claims)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.core.errors import ReaderError
from reader.core.safe_write import atomic_write

MAX_IMAGE_BYTES = 8 * 1024 * 1024
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
)


class RejectedImage(ReaderError, ValueError):
    """The bytes are not an image we keep (wrong type, empty or too large)."""


def image_kind(data: bytes) -> str | None:
    """'png', 'jpg', 'gif' or 'webp' by the file's signature, else None."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


class ImageCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _stem(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.root / digest[:2] / digest

    def get(self, url: str) -> Path | None:
        """The cached file for `url`, or None if it was never stored."""
        stem = self._stem(url)
        for kind in ("png", "jpg", "gif", "webp"):
            candidate = stem.with_suffix("." + kind)
            if candidate.is_file():
                return candidate
        return None

    def put(self, url: str, data: bytes) -> Path:
        """Store the image for `url` atomically; raise RejectedImage for anything else."""
        if not data:
            raise RejectedImage(f"empty image from {url}")
        if len(data) > MAX_IMAGE_BYTES:
            raise RejectedImage(f"image from {url} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB")
        kind = image_kind(data)
        if kind is None:
            raise RejectedImage(f"{url} is not a PNG, JPEG, GIF or WebP image")
        target = self._stem(url).with_suffix("." + kind)
        atomic_write(target, data)
        return target

    def remove(self, url: str) -> None:
        path = self.get(url)
        if path is not None:
            path.unlink(missing_ok=True)
