"""Resident memory after scrolling 10,000 rows of the story list, on a 100k cache (issue 13).

Each run is a fresh process: the main window opens offscreen (1600×1000) on bench/generate.py's
100,000-story cache (bench/.cache/search-100000, built on first use), waits for the first rows,
then scrolls the story list down a screenful at a time — `scrollTo` an index 25 rows further,
so the list's own `fetchMore` loads each next page in the background — until row 10,000 is on
screen, and reads VmRSS from /proc. Only the generic QAbstractItemView API is used (the view is
the window's item view with the most rows), so it measures a table or a list view alike.
Reports the median of RUNS runs with min–max, at the start (first rows) and after scrolling.
Target: at most 200 MB after scrolling 10,000 rows.

    python bench/bench_memory.py [N]        (default 100000; RUNS=3)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RUNS = int(os.environ.get("RUNS", "3"))
ROWS = 10_000
TARGET_MB = 200.0

PROBE = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
folder, rows = sys.argv[1], int(sys.argv[2])
from pathlib import Path
from PySide6.QtWidgets import QAbstractItemView, QApplication, QHeaderView
from reader.core.library import Library
from reader.ui.app import settings_for
from reader.ui.main_window import MainWindow

def rss_mb():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status"))
    return int(fields["VmRSS"].split()[0]) / 1024

def pump(until, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not until():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        app.processEvents()
        time.sleep(0.002)

app = QApplication([])
lib = Library(Path(folder))
win = MainWindow(lib, settings_for(Path(folder)))
win.resize(1600, 1000); win.show()

def story_view():
    views = [v for v in win.findChildren(QAbstractItemView)
             if v.model() is not None and v.isVisible() and not isinstance(v, QHeaderView)]
    return max(views, key=lambda v: v.model().rowCount(), default=None)

# The list's first page (50 rows); the sidebar's views hold a handful.
pump(lambda: (v := story_view()) is not None and v.model().rowCount() >= 50)
view = story_view(); model = view.model()
time.sleep(0.5); app.processEvents()
start_mb = rss_mb()
started = time.perf_counter()
step = 25  # about a screenful
row = 0
while row < rows - 1:
    row = min(row + step, rows - 1)
    # Scrolled to the last loaded row, the view asks for the next page (fetchMore); the rows
    # arrive a moment later from the database thread.
    view.scrollTo(model.index(min(row, model.rowCount() - 1), 0, view.rootIndex()))
    pump(lambda: model.rowCount() > row)
    view.scrollTo(model.index(row, 0, view.rootIndex()))
    app.processEvents()
scrolled = time.perf_counter() - started
time.sleep(0.5); app.processEvents()
print(json.dumps({"start_mb": start_mb, "after_mb": rss_mb(), "rows": model.rowCount(), "row": row,
                  "seconds": scrolled}))
win.close(); app.processEvents()
os._exit(0)  # the window's background work is not what is measured
"""


def main(n: int) -> int:
    sys.path.insert(0, str(HERE))
    import bench_search

    folder = bench_search.cache_for(n)
    runs = []
    for _ in range(RUNS):
        # A copy would cost a minute at 100k; the list only reads (selection is not reading), and
        # the window's start-up writes nothing to the stories.
        result = subprocess.run(
            [sys.executable, "-c", PROBE, str(folder), str(ROWS)], capture_output=True, text=True, check=True
        )
        runs.append(json.loads(result.stdout.strip().splitlines()[-1]))
    start = sorted(r["start_mb"] for r in runs)
    after = sorted(r["after_mb"] for r in runs)
    median = statistics.median(after)
    print(f"memory: {n:,} stories, scrolled to row {runs[0]['row'] + 1:,} ({runs[0]['rows']:,} rows loaded), "
          f"{statistics.median(r['seconds'] for r in runs):.1f} s of scrolling, {RUNS} runs")  # fmt: skip
    print(
        f"  RSS at the first rows: median {statistics.median(start):.0f} MB (min {start[0]:.0f} – max {start[-1]:.0f})"
    )
    print(f"  RSS after scrolling:   median {median:.0f} MB (min {after[0]:.0f} – max {after[-1]:.0f})")
    if median > TARGET_MB:
        print(f"  MISSED the target of {TARGET_MB:.0f} MB")
        return 1
    print(f"  target of {TARGET_MB:.0f} MB met")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
