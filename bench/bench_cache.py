"""Cache size per story (SQLite's dbstat) and the CPU cost of the compressed story text (issue 13).

python bench/bench_cache.py [DIR ...]   # caches from bench/generate.py; default: 1k and 10k built here
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

TARGET = 6 * 1024


def sizes(folder: Path) -> dict[str, float]:
    conn = sqlite3.connect(folder / "steppe.sqlite3")
    stories = conn.execute("SELECT count(*) FROM story").fetchone()[0]
    out: dict[str, float] = {"stories": stories, "all": 0.0}
    for name, size in conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
        out["all"] += size / stories
        group = "story table" if name == "story" else "search index" if name.startswith("search_") else None
        if group:
            out[group] = out.get(group, 0) + size / stories
    html, text = conn.execute(
        "SELECT sum(length(CAST(content_html AS BLOB))), sum(length(CAST(content_text AS BLOB))) FROM story"
    ).fetchone()
    out["html"], out["text"] = html / stories, text / stories
    conn.close()
    return out


def cpu(folder: Path) -> tuple[float, float]:
    """Process-time µs per story to compress its HTML and text, and to read them back."""
    from reader.core.compressed import compress, decompress

    conn = sqlite3.connect(folder / "steppe.sqlite3")
    rows = conn.execute("SELECT content_html, content_text FROM story LIMIT 2000").fetchall()
    conn.close()
    plain = [tuple(decompress(v) for v in r) for r in rows]
    t = time.process_time()
    packed = [tuple(compress(v) for v in r) for r in plain]
    pack = time.process_time() - t
    t = time.process_time()
    for r in packed:
        for v in r:
            decompress(v)
    unpack = time.process_time() - t
    return pack / len(rows) * 1e6, unpack / len(rows) * 1e6


def main(folders: list[Path]) -> int:
    if not folders:
        import generate

        base = Path(tempfile.mkdtemp(prefix="steppe-bench-cache-"))
        for n in (1000, 10000):
            generate.build(n, base / str(n))
            folders.append(base / str(n))
    print(
        "| cache | stories | bytes/story | story table | HTML | text | search index | compress µs | read µs |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    met = True
    for folder in folders:
        s = sizes(folder)
        pack, unpack = cpu(folder)
        met = met and s["all"] <= TARGET
        print(
            f"| {folder.name} | {s['stories']:,.0f} | {s['all']:,.0f} | {s['story table']:,.0f} | {s['html']:,.0f} "
            f"| {s['text']:,.0f} | {s.get('search index', 0):,.0f} | {pack:.0f} | {unpack:.0f} |"
        )
    print(f"target ≤ {TARGET:,} bytes/story: {'met' if met else 'missed'}")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main([Path(a) for a in sys.argv[1:]]))
