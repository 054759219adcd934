"""The offline image cache keeps real images only, and finds them again by URL."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from reader.core.images import ImageCache, RejectedImage, image_kind

# A 1x1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def test_stores_and_finds_an_image(tmp_path: Path) -> None:
    cache = ImageCache(tmp_path)
    url = "https://timesca.com/wp-content/uploads/2025/11/plant.png"
    assert cache.get(url) is None
    path = cache.put(url, PNG)
    assert path.suffix == ".png" and path.read_bytes() == PNG
    assert cache.get(url) == path
    assert cache.get(url + "?v=2") is None
    cache.remove(url)
    assert cache.get(url) is None


@pytest.mark.parametrize(
    "data", [b"", b"<html>not an image</html>", b"\x89PNG\r\n\x1a\n" + b"0" * (9 * 1024 * 1024)]
)
def test_rejects_what_is_not_a_small_image(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(RejectedImage):
        ImageCache(tmp_path).put("https://example.test/x", data)
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_kinds() -> None:
    assert image_kind(PNG) == "png"
    assert image_kind(b"\xff\xd8\xff\xe0rest") == "jpg"
    assert image_kind(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert image_kind(b"GIF89a...") == "gif"
    assert image_kind(b"<svg") is None  # SVG can carry scripts: never cached
