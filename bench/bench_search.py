"""Search at 1k / 10k / 100k stories: the count and the first page, as the window asks for them.

Caches come from bench/generate.py (English and Russian stories over three years), built once
into bench/.cache/search-N/. For each size one process opens the cache, runs every query once
(cold: the first query also loads the normaliser and the alias table), then REPS times each;
the figure is the list's count + first page of 50 by relevance, median [min-max] in
milliseconds of wall time, and the median CPU time of the same calls.

    python bench/bench_search.py [N ...]        (default: 1000 10000 100000)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = Path(os.environ.get("STEPPE_BENCH_CACHE", HERE / ".cache"))
REPS = int(os.environ.get("REPS", "7"))
QUERIES = (
    ("frequent word", "year"),
    ("common word", "pipeline"),
    ("prefix", "electr*"),
    ("phrase", '"base rate"'),
    ("rare word", "saxaul"),
    ("Cyrillic", "инфляция"),
    ("transliterated", "Bishkek"),
    ("alias", "Ashgabat"),
    ("Cyrillic name", "Токаев"),
)
# The list's filters, alone and with a search (a StoryQuery's fields; dates as ISO text).
FILTERS = (
    ("filter: one country", {"countries": ["KZ"]}),
    ("filter: two countries", {"countries": ["KZ", "UZ"]}),
    ("filter: unread", {"unread_only": True}),
    ("filter: country + unread", {"countries": ["KZ"], "unread_only": True}),
    ("filter: section", {"sections": ["economy"]}),
    ("filter: bookmarked", {"bookmarked_only": True}),
    ("filter: dates", {"since": "2025-01-01", "until": "2025-03-31"}),
    ("filter: dates + unread", {"since": "2026-06-01", "unread_only": True}),
    ("search + country", {"text": "pipeline", "countries": ["KZ"]}),
    ("search + unread", {"text": "year", "unread_only": True}),
)

PROBE = r"""
import json, statistics, sys, time
from pathlib import Path
from reader.core.library import Library
from reader.core.types import SortOrder, StoryQuery
import datetime as dt
folder, reps, queries, filters = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3]), json.loads(sys.argv[4])
lib = Library(Path(folder))
stories = getattr(lib, "stories", None)
stories = stories if hasattr(stories, "page") else None  # the Library's stories part (issue 9)
out = {"stories": (stories.count if stories else lib.count_stories)(StoryQuery()), "queries": []}
# What the window does for a new query: the list's count (estimated when the Library can) and
# the first page, side by side where the Library reads them so (Stories.first_page), else one
# after the other. Wall time is what a user waits; CPU time is the process's, both threads'
# (the benchmark machine is shared: other processes stretch the wall time, not the CPU time).
if stories is not None:
    count, first_page = stories.estimate, stories.page
else:
    count, first_page = getattr(lib, "estimate_stories", None) or lib.count_stories, lib.stories
def query_of(spec):
    if isinstance(spec, str):
        return StoryQuery(text=spec, sort=SortOrder.RELEVANCE)
    spec = dict(spec)
    for key in ("countries", "sections"):
        spec[key] = tuple(spec.get(key, ()))
    for key in ("since", "until"):
        if key in spec:
            spec[key] = dt.date.fromisoformat(spec[key])
    return StoryQuery(**spec)
answer = getattr(stories, "first_page", None)  # count and page side by side, as the window asks
def once(spec):
    q = query_of(spec)
    s, c = time.perf_counter(), time.process_time()
    if answer is not None:
        total, page = answer(q, 50)
    else:
        total = count(q)
        page = first_page(q, None, 50)
    return (time.perf_counter() - s) * 1000, (time.process_time() - c) * 1000, total, page
for i, (label, text) in enumerate([*queries, *filters]):
    cold, _cpu, total, page = once(text)
    runs = [once(text)[:2] for _ in range(reps)]
    notes = []
    if getattr(total, "estimated", False):
        notes.append("count estimated")
    if getattr(page, "ranked_among", None):
        notes.append(f"ranked among the newest {page.ranked_among:,}")
    out["queries"].append({"label": label, "text": text, "hits": getattr(total, "value", total), "cold_ms": cold,
                           "wall": [r[0] for r in runs], "cpu": [r[1] for r in runs], "note": "; ".join(notes)})
lib.close()
print(json.dumps(out))
"""


def byte_compiled() -> None:
    """Byte-compile reader/ as an installed app is (pip compiles a wheel's modules at install;
    `make run` writes them on first use), so that a start-up timed here never includes compiling
    our own sources: with PYTHONDONTWRITEBYTECODE set, as on some machines, every run would."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(HERE.parent / "reader")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def cache_for(n: int) -> Path:
    folder = CACHE / f"search-{n}"
    if not (folder / "built").exists():
        sys.path.insert(0, str(HERE))
        import generate

        if folder.exists():
            for f in folder.iterdir():
                f.unlink()
        generate.build(n, folder)
        (folder / "built").write_text("ok\n")
    _at_head(folder)
    return folder


def _at_head(folder: Path) -> None:
    """Bring a cache built by an older commit to the newest schema, once, here: a copy that still
    needs the upgrade would time the one-time upgrade at every start instead of the start."""
    from reader.core.upgrade import pending_upgrade, upgrade

    pending = pending_upgrade(folder)
    if pending is not None:
        print(f"bringing {folder.name} from schema {pending.revision} to the newest (once)", file=sys.stderr)
        upgrade(pending)


def index_sizes(folder: Path) -> dict[str, float]:
    """Bytes per story of the story table and of the search index's tables (SQLite's dbstat)."""
    import sqlite3

    conn = sqlite3.connect(folder / "steppe.sqlite3")
    stories = conn.execute("SELECT count(*) FROM story").fetchone()[0]
    sizes: dict[str, float] = {}
    for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        if name.startswith(("story_fts", "search_")) or name in ("story", "sqlite_autoindex_search_doc_1"):
            group = "story table" if name == "story" else "search index (all its tables)"
            sizes[group] = sizes.get(group, 0) + size / stories
    conn.close()
    return sizes


def main(sizes: list[int]) -> None:
    print(
        "| N | bytes/story | query | hits | wall ms median [min-max] | CPU ms median | first run ms | note |"
    )
    print("|---|---|---|---|---|---|---|---|")
    medians: dict[int, dict[str, float]] = {}
    for n in sizes:
        folder = cache_for(n)
        result = subprocess.run(
            [sys.executable, "-c", PROBE, str(folder), str(REPS), json.dumps(QUERIES), json.dumps(FILTERS)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        data = json.loads(result.stdout.strip().splitlines()[-1])
        size = sum(f.stat().st_size for f in folder.glob("steppe.sqlite3*"))
        per_story = size / data["stories"]
        for q in data["queries"]:
            wall = q["wall"]
            medians.setdefault(n, {})[q["label"]] = statistics.median(wall)
            print(
                f"| {n:,} | {per_story:,.0f} | {q['label']}: `{json.dumps(q['text'], ensure_ascii=False)}` "
                f"| {q['hits']:,} "
                f"| {statistics.median(wall):.1f} [{min(wall):.1f}-{max(wall):.1f}] "
                f"| {statistics.median(q['cpu']):.1f} | {q['cold_ms']:.1f} | {q['note']} |",
                flush=True,
            )

    small, large = min(sizes), max(sizes)
    if small != large:
        # Target (issue 13): every search and filter change <= 50 ms at 100k, <= 1.5x the same at 1k.
        print(f"\n| query | {large:,} ms | x {small:,} | <= 50 ms | <= 1.5x |")
        print("|---|---|---|---|---|")
        for label, ms in medians[large].items():
            ratio = ms / medians[small][label]
            print(
                f"| {label} | {ms:.1f} | {ratio:.1f} | {'met' if ms <= 50 else 'MISSED'} "
                f"| {'met' if ratio <= 1.5 else 'MISSED'} |"
            )

    print("\n| N | story table bytes/story | search index bytes/story |")
    print("|---|---|---|")
    for n in sizes:
        parts = index_sizes(cache_for(n))
        print(
            f"| {n:,} | {parts.get('story table', 0):,.0f} | {parts.get('search index (all its tables)', 0):,.0f} |"
        )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000])
