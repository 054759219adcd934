"""Steppe beside RSS Guard and QuiteRSS in one run: from exec to the story list's rows on screen.

    python bench/side_by_side.py [--n 1000 10000 100000] [--reps 5] [--peers DIR]

The peers' harness (`../shared/bench/peers/`, or --peers / $STEPPE_PEERS) is copied to a temporary
folder, since it writes its databases and results beside itself, and run there one (size, repeat) at
a time, interleaved with a Steppe run of the same size, so that any drift of a shared machine falls
on all three readers alike. The peers' databases are generated once into bench/.cache/peers/ by
their own generator (`gen_peer_db.py`); Steppe's caches are bench/generate.py's
(bench/.cache/search-N/, as in bench/startup_xvfb.py, whose run this is).

What is compared: the peers open with an empty article list until "All subscriptions" is clicked,
so their figure is exec -> window painted plus click -> rows (both from their harness: the same
Xvfb, the same polling of window and pixels); Steppe shows the newest stories at start, so its
figure is exec -> rows. One discarded warm-up run of each reader comes first. Needs Xvfb, xdotool,
rssguard and quiterss (Debian packages); prints a Markdown table of medians [min-max].
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import startup_xvfb  # noqa: E402  (the Steppe side: the same method as the peers' harness)

PEERS = Path(os.environ.get("STEPPE_PEERS", HERE.parent.parent / "shared" / "bench" / "peers"))
PEER_DATA = HERE / ".cache" / "peers"
APPS = ("rssguard", "quiterss")
NAMES = {"rssguard": "RSS Guard", "quiterss": "QuiteRSS", "steppe": "Steppe"}


def missing_tools() -> list[str]:
    return [tool for tool in ("Xvfb", "xdotool", *APPS) if shutil.which(tool) is None]


def peer_data(harness: Path, sizes: list[int]) -> Path:
    """The peers' generated databases for every size (made once, kept in bench/.cache/peers)."""
    todo = [n for n in sizes if not all((PEER_DATA / f"N{n}" / f"{app}.db").exists() for app in APPS)]
    if todo:
        print(f"generating the peers' databases for {', '.join(f'{n:,}' for n in todo)} articles", flush=True)
        subprocess.run(
            [sys.executable, "gen_peer_db.py", *map(str, todo), "--out", str(PEER_DATA)],
            cwd=harness,
            check=True,
        )
    return PEER_DATA


def peer_runs(harness: Path, data: Path, n: int, warmup: bool = False) -> list[dict]:
    """One run of each peer at n articles, through their own measure.py; its JSON records."""
    results = harness / "results"
    before = set(results.glob("runs-*.jsonl")) if results.exists() else set()
    subprocess.run(
        [sys.executable, "measure.py", "--n", str(n), "--reps", "1", "--warmup", "0", "--screenshot-n", "0",
         "--apps", ",".join(APPS), "--data", str(data)],
        cwd=harness, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    (path,) = set(results.glob("runs-*.jsonl")) - before
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    for record in records:
        record["warmup"] = warmup
    return records


def to_rows(record: dict) -> float | None:
    """A peer's exec -> rows: painted, then the click on "All subscriptions" -> rows."""
    if not record.get("ok") or record.get("paint_ms") is None or record.get("list_ms") is None:
        return None
    return float(record["paint_ms"]) + float(record["list_ms"])


def cell(values: list[float], scale: float = 1000.0, digits: int = 2) -> str:
    if not values:
        return "-"
    median, low, high = statistics.median(values), min(values), max(values)
    return f"{median / scale:.{digits}f} [{low / scale:.{digits}f}-{high / scale:.{digits}f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--peers", type=Path, default=PEERS, help="the peers' harness (read only)")
    args = parser.parse_args()
    if missing := missing_tools():
        print(f"side_by_side: skipped, not installed: {', '.join(missing)}", file=sys.stderr)
        return 0
    if not (args.peers / "measure.py").exists():
        print(f"side_by_side: skipped, no peers' harness at {args.peers}", file=sys.stderr)
        return 0
    from bench_search import byte_compiled, cache_for  # Steppe's generated caches

    byte_compiled()
    rows: dict[tuple[str, int], list[float]] = {}
    parts: dict[tuple[str, int], list[tuple[float, float]]] = {}
    memory: dict[tuple[str, int], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="steppe-peers-") as tmp:
        harness = Path(tmp) / "peers"
        shutil.copytree(args.peers, harness, ignore=shutil.ignore_patterns("data", "results", "*.png"))
        data = peer_data(harness, args.n)
        caches = {n: cache_for(n) for n in args.n}
        peer_runs(harness, data, min(args.n), warmup=True)
        startup_xvfb.one_run(caches[min(args.n)])
        for n in args.n:
            for rep in range(args.reps):
                for record in peer_runs(harness, data, n):
                    if (total := to_rows(record)) is None:
                        print(f"  {record['app']} at {n:,}, run {rep + 1}: {record.get('error', 'failed')}")
                        continue
                    key = (record["app"], n)
                    rows.setdefault(key, []).append(total)
                    parts.setdefault(key, []).append((record["paint_ms"], record["list_ms"]))
                    if rss := (record.get("mem_after_list") or {}).get("rss_main_mb"):
                        memory.setdefault(key, []).append(rss)
                try:
                    run = startup_xvfb.one_run(caches[n])
                except RuntimeError as exc:
                    print(f"  steppe at {n:,}, run {rep + 1}: {exc}")
                    continue
                rows.setdefault(("steppe", n), []).append(run["rows_ms"])
                parts.setdefault(("steppe", n), []).append(
                    (run["painted_ms"], run["rows_ms"] - run["painted_ms"])
                )
                memory.setdefault(("steppe", n), []).append(run["rss_mb"])
                print(f"  {n:,} run {rep + 1}/{args.reps} done", flush=True)

    print()
    print(startup_xvfb.versions())
    print(
        f"rssguard {peer_version('rssguard')}, quiterss {peer_version('quiterss')}; medians [min-max] of {args.reps}"
    )
    print()
    print("| exec -> the list's rows on screen, s | " + " | ".join(f"{n:,}" for n in args.n) + " |")
    print("|---|" + "---|" * len(args.n))
    for app in (*APPS, "steppe"):
        how = "painted + rows after a click" if app in APPS else "rows at start"
        print(f"| {NAMES[app]} ({how}) | " + " | ".join(cell(rows.get((app, n), [])) for n in args.n) + " |")
    print()
    print("| painted, s · then rows, s · RSS MB | " + " | ".join(f"{n:,}" for n in args.n) + " |")
    print("|---|" + "---|" * len(args.n))
    for app in (*APPS, "steppe"):
        cells = []
        for n in args.n:
            got = parts.get((app, n), [])
            painted = statistics.median(p for p, _ in got) / 1000 if got else float("nan")
            then = statistics.median(r for _, r in got) / 1000 if got else float("nan")
            rss = statistics.median(memory[(app, n)]) if memory.get((app, n)) else float("nan")
            cells.append(f"{painted:.3f} · {then:.3f} · {rss:.0f}")
        print(f"| {NAMES[app]} | " + " | ".join(cells) + " |")
    steppe = {n: statistics.median(rows[("steppe", n)]) for n in args.n if rows.get(("steppe", n))}
    guard = {n: statistics.median(rows[("rssguard", n)]) for n in args.n if rows.get(("rssguard", n))}
    print()
    for n in args.n:
        if n in steppe and n in guard:
            print(f"Steppe / RSS Guard at {n:,}: {steppe[n] / guard[n]:.2f}x")
    return 0


def peer_version(package: str) -> str:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True)
    return done.stdout or "?"


if __name__ == "__main__":
    sys.exit(main())
