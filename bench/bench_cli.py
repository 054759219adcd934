"""Command-line start-up: `steppe --version` and `steppe stories --limit 1`, wall time of the
whole process (interpreter start to exit), on caches of 1k / 10k / 100k stories.

Caches are bench/generate.py's, shared with bench_search.py (bench/.cache/search-N/). Each
figure is the median of REPS runs, with min-max; one run first warms the OS file cache.
Targets (issue 13): --version <= 0.15 s, stories --limit 1 <= 0.35 s.

    python bench/bench_cli.py [N ...]        (default: 1000 10000 100000)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_search import byte_compiled, cache_for  # noqa: E402  (the same generated caches)

REPS = int(os.environ.get("REPS", "7"))
STEPPE = [sys.executable, "-m", "reader"]
TARGETS = {"--version": 0.15, "stories --limit 1": 0.35}


def wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(argv: list[str]) -> list[float]:
    wall(argv)  # warm the file cache
    return [wall(argv) for _ in range(REPS)]


def line(what: str, runs: list[float], target: float) -> tuple[str, bool]:
    median = statistics.median(runs)
    met = median <= target
    verdict = "met" if met else "MISSED"
    text = f"| {what} | {median:.3f} [{min(runs):.3f}-{max(runs):.3f}] | {target:.2f} | {verdict} |"
    return text, met


def main(sizes: list[int]) -> int:
    byte_compiled()
    print(f"| command | wall s median [min-max] of {REPS} | target s | |")
    print("|---|---|---|---|")
    all_met = True
    text, met = line("steppe --version", measure([*STEPPE, "--version"]), TARGETS["--version"])
    print(text, flush=True)
    all_met &= met
    for n in sizes:
        folder = cache_for(n)
        runs = measure([*STEPPE, "--data-dir", str(folder), "stories", "--limit", "1"])
        text, met = line(f"steppe stories --limit 1 ({n:,} stories)", runs, TARGETS["stories --limit 1"])
        print(text, flush=True)
        all_met &= met
    return 0 if all_met else 1


if __name__ == "__main__":
    sys.exit(main([int(a) for a in sys.argv[1:]] or [1000, 10000, 100000]))
