"""The story list at 1k, 10k and 100k stories: start-up, first page, paging, search, memory.

The workload is the peers' (../shared/bench/peers/gen_peer_db.py): the same generated articles
(20 feeds, 560-640-word HTML bodies, ~70 % read, ~3 % starred), loaded into Steppe's schema, so
the figures sit beside RSS Guard's and QuiteRSS's in ../shared/bench/peers/results/latest.md.
Caches are built once into bench/.cache/ (not in git). Every timing runs in a fresh process;
medians of REPS runs with min-max.

    python bench/bench_list.py [N ...]        (default: 1000 10000 100000)
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEERS = Path(os.environ.get("STEPPE_PEERS", HERE.parent.parent / "shared" / "bench" / "peers"))
CACHE = HERE / ".cache"
REPS = int(os.environ.get("REPS", "5"))
PAGE = 50


def build(n: int) -> Path:
    """A Steppe cache holding the peers' n generated articles (built once)."""
    folder = CACHE / f"N{n}"
    done = folder / "built"
    if done.exists():
        return folder
    sys.path.insert(0, str(PEERS))
    import gen_peer_db  # type: ignore[import-not-found]  # the peers' generator, read-only
    from sqlalchemy.dialects.sqlite import insert

    from reader.core import search
    from reader.core.html import html_to_text, sanitize_html
    from reader.core.library import Library
    from reader.core.models import Bookmark, Source, Story, story_country

    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rng = random.Random(n)
    with Library(folder) as library:
        now = dt.datetime.now(dt.UTC)
        with library._write() as conn:
            source_ids = [
                conn.execute(
                    insert(Source)
                    .values(name=f["title"], feed_url=f["xml"], site_url=f["html"], kind="rss",
                            enabled=False, is_sample=False, created_at=now)
                    .returning(Source.id)
                ).scalar_one()
                for f in gen_peer_db.feed_list()
            ]  # fmt: skip
        batch: list[dict[str, object]] = []
        marks: list[tuple[int, bool, bool]] = []

        def flush() -> None:
            with library._write() as conn:
                ids = (
                    conn.execute(insert(Story).returning(Story.id, sort_by_parameter_order=True), batch)
                    .scalars()
                    .all()
                )
                conn.execute(
                    insert(story_country),
                    [
                        {"story_id": i, "country_code": rng.choice(["KZ", "KG", "TJ", "TM", "UZ"])}
                        for i in ids
                    ],
                )
                starred = [
                    {"story_id": i, "created_at": now} for i, (_, _, s) in zip(ids, marks, strict=True) if s
                ]
                if starred:
                    conn.execute(insert(Bookmark), starred)
                search.reindex_stories(conn, list(ids))
            batch.clear()
            marks.clear()

        for k, article in enumerate(gen_peer_db.generate(n, 1, "2025-01-01T00:00:00Z")):
            published = dt.datetime.fromtimestamp(article["ts"], dt.UTC)
            body = sanitize_html(article["body"])
            batch.append(
                {
                    "source_id": source_ids[article["feed"]], "guid": article["url"], "url": article["url"],
                    "title": article["title"], "author": article["author"], "published_at": published,
                    "fetched_at": now, "content_html": body, "content_text": html_to_text(body),
                    "read_at": published if article["read"] else None, "language": "en",
                }
            )  # fmt: skip
            marks.append((k, article["read"], article["starred"]))
            if len(batch) >= 2000:
                flush()
        if batch:
            flush()
    done.write_text(f"built in {time.perf_counter() - started:.0f} s\n")
    return folder


PROBE = r"""
import json, sys, time
t0 = float(sys.argv[1]); folder = sys.argv[2]; mode = sys.argv[3]
from pathlib import Path
def memory():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return {k: int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "RssAnon", "VmHWM")}
out = {}
if mode == "core":
    from reader.core.library import Library
    from reader.core.types import StoryQuery, SortOrder
    s = time.perf_counter(); lib = Library(Path(folder)); out["open_ms"] = (time.perf_counter() - s) * 1000
    q = StoryQuery()
    s = time.perf_counter(); total = lib.count_stories(q); page = lib.stories(q, None, 50)
    out["first_page_ms"] = (time.perf_counter() - s) * 1000; out["total"] = total
    times = []; cursor = page.next_cursor
    for _ in range(20):
        s = time.perf_counter(); page = lib.stories(q, cursor, 50); times.append((time.perf_counter() - s) * 1000)
        cursor = page.next_cursor
    out["next_page_ms"] = sorted(times)[len(times) // 2]
    q = StoryQuery(text="experience", sort=SortOrder.RELEVANCE)
    s = time.perf_counter(); hits = lib.count_stories(q); lib.stories(q, None, 50)
    out["search_ms"] = (time.perf_counter() - s) * 1000; out["search_hits"] = hits
    q = StoryQuery(countries=("KZ",), unread_only=True)
    s = time.perf_counter(); lib.count_stories(q); lib.stories(q, None, 50)
    out["filtered_ms"] = (time.perf_counter() - s) * 1000
    lib.close()
else:
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication
    from reader.core.library import Library
    from reader.ui.app import settings_for
    from reader.ui.main_window import MainWindow
    app = QApplication([])
    lib = Library(Path(folder))
    win = MainWindow(lib, settings_for(Path(folder)))
    win.resize(1600, 1000); win.show(); app.processEvents()
    out["window_ms"] = (time.time() - t0) * 1000
    def loaded(_total):
        win.story_list.viewport().repaint(); app.processEvents()
        out["list_ms"] = (time.time() - t0) * 1000
        out.update({f"{k}_after_list": v for k, v in memory().items()})
        app.quit()
    win.model.query_loaded.connect(loaded)
    app.exec()
    win.runner.wait_idle()
print(json.dumps(out))
"""


def probe(folder: Path, mode: str) -> dict[str, float]:
    t0 = time.time()
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(t0), str(folder), mode], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def summary(runs: list[dict[str, float]], key: str) -> str:
    values = [r[key] for r in runs]
    return f"{statistics.median(values):.0f} [{min(values):.0f}-{max(values):.0f}]"


def main(sizes: list[int]) -> None:
    print("| N | DB MB | open ms | count + first page ms | next page ms | search ms | filter ms "
          "| window shown ms | list painted ms | RSS MiB | anon MiB |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        folder = build(n)
        core = [probe(folder, "core") for _ in range(REPS)]
        gui = [probe(folder, "gui") for _ in range(REPS)]
        db_mb = (folder / "steppe.sqlite3").stat().st_size / 2**20
        print(
            f"| {n:,} | {db_mb:.0f} | {summary(core, 'open_ms')} | {summary(core, 'first_page_ms')} "
            f"| {summary(core, 'next_page_ms')} | {summary(core, 'search_ms')} | {summary(core, 'filtered_ms')} "
            f"| {summary(gui, 'window_ms')} | {summary(gui, 'list_ms')} "
            f"| {statistics.median(r['VmRSS_after_list'] for r in gui):.0f} "
            f"| {statistics.median(r['RssAnon_after_list'] for r in gui):.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
