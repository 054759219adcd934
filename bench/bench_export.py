"""Exports: 2,000 stories (each with a paragraphs-and-link body, one cached image and, for one
in ten, an amount of money) written to every format from a fresh cache.

Each format is run RUNS times; reported as stories/second, the median with min–max, plus the
file size. PDF lays out the whole document at once (Qt's text engine), so it runs on 200 stories.
Target: JSON, CSV, Markdown and HTML at least 200 stories/s (a 2,000-bookmark export in ten
seconds), EPUB and PDF at least 20 stories/s.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import struct
import sys
import tempfile
import time
import zlib
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy.dialects.sqlite import insert

from reader.core import search
from reader.core.html import html_to_text
from reader.core.library import Library
from reader.core.models import Source, Story
from reader.core.types import ExportFormat, ExportScope

STORIES, PDF_STORIES, RUNS = 2000, 200, 3
TARGETS = {"json": 200, "csv": 200, "md": 200, "html": 200, "epub": 20, "pdf": 20}


def png(seed: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes((seed % 256, 90, 160)) * 64 for _ in range(40))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 40, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def fill(library: Library) -> list[int]:
    now = dt.datetime.now(dt.UTC)
    with library._storage._engine.begin() as conn:  # bulk set-up, not timed
        source = conn.execute(
            insert(Source)
            .values(name="Bench Wire", feed_url="https://bench.example.test/feed", kind="rss", enabled=True,
                    is_sample=False, created_at=now)
            .returning(Source.id)
        ).scalar_one()  # fmt: skip
        ids = []
        for n in range(STORIES):
            image = f"https://img.bench.example.test/{n}.png"
            money = " The plan costs 20.6 billion tenge." if n % 10 == 0 else ""
            body = (
                f"<p>Paragraph one of story {n}, with a <a href='https://bench.example.test/{n}/ref'>link</a>."
                f"{money}</p><p><img src='{image}' alt='Figure {n}'></p>"
                + "".join(
                    f"<p>Paragraph {k} of story {n}: Lorem ipsum dolor sit amet, consectetur.</p>"
                    for k in range(6)
                )
            )
            ids.append(
                conn.execute(
                    insert(Story)
                    .values(source_id=source, guid=f"g{n}", url=f"https://bench.example.test/{n}",
                            title=f"Bench story number {n}", published_at=now - dt.timedelta(hours=n),
                            fetched_at=now, content_html=body, content_text=html_to_text(body))
                    .returning(Story.id)
                ).scalar_one()
            )  # fmt: skip
        search.reindex_stories(conn, ids)
    for n in range(STORIES):
        library.images.put(f"https://img.bench.example.test/{n}.png", png(n))
    return ids


def main() -> int:
    missed = []
    if "pdf" in TARGETS:
        from PySide6.QtGui import QGuiApplication

        _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "data") as library:
        ids = fill(library)
        for fmt in ExportFormat:
            count = PDF_STORIES if fmt is ExportFormat.PDF else STORIES
            scope = ExportScope(story_ids=tuple(ids[:count]))
            rates, size = [], 0
            for run in range(RUNS):
                path = Path(tmp) / f"out-{run}{fmt.suffix}"
                begin = time.perf_counter()
                library.export.run(fmt, path, scope)
                rates.append(count / (time.perf_counter() - begin))
                size = path.stat().st_size
            median = statistics.median(rates)
            print(
                f"{fmt.value:<5} {count:>5} stories  median {median:8.0f} stories/s   "
                f"(min {min(rates):.0f} – max {max(rates):.0f}, {RUNS} runs)   {size / 1e6:6.1f} MB"
            )
            if median < TARGETS[fmt.value]:
                missed.append(fmt.value)
    if missed:
        print(f"target missed: {', '.join(missed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
