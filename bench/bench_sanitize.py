"""Hostile HTML through the sanitiser: what one story's markup can cost.

Times `sanitize_html` (the nh3 allow-list after `bound_markup`: at most 512 KiB, nesting at most
100 deep) followed by `html_to_text` on the result, as ingest does for each entry, on markup made
to be slow: 60,000 nested <div>s, formatting tags that HTML5 re-opens after every block, unclosed
quotes, a 5 MB story. Medians of RUNS runs (min–max). For reference, nh3 alone (no bound) on a
sixth of the nested <div>s, once. Target: every case under one second.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import nh3

from reader.core.html import html_to_text, sanitize_html

RUNS = 5
TARGET = 1.0  # seconds
TEXT = "Kazakhstan and Kyrgyzstan agreed to share water from the Talas river in spring."
CASES: dict[str, Callable[[], str]] = {
    "60,000 nested <div>": lambda: "<div>" * 60_000 + TEXT + "</div>" * 60_000,
    "60,000 <div/> (opens in HTML5)": lambda: "<div/>" * 60_000 + TEXT,
    "20,000 nested <blockquote> (allowed tag)": lambda: (
        "<blockquote>" * 20_000 + TEXT + "</blockquote>" * 20_000
    ),
    "20,000 nested <ul><li>": lambda: "<ul><li>" * 20_000 + TEXT,
    "10,000 <font color=N><p> (re-opened formatting)": lambda: "".join(
        f"<font color=c{n}><p>p{n}" for n in range(10_000)
    ),
    "20,000 <b id=N> open at once": lambda: "".join(f"<b id=i{n}>" for n in range(20_000)) + TEXT,
    '30,000 <a x=" (unclosed quotes)': lambda: TEXT + '<a x="' * 30_000,
    "5 MB story of paragraphs": lambda: f"<p>{TEXT}</p>" * 60_000,
    "an ordinary 8 KB story": lambda: f"<p>{TEXT} <a href='/more'>more</a> <b>bold</b></p>" * 70,
}


def clean(html: str) -> None:
    html_to_text(sanitize_html(html, base_url="https://news.example/feed/"))


def main() -> int:
    print("sanitize_html + html_to_text on hostile markup (median of 5, min–max)")
    worst = 0.0
    for name, make in CASES.items():
        html = make()
        times = []
        for _ in range(RUNS):
            started = time.perf_counter()
            clean(html)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        worst = max(worst, median)
        print(
            f"  {name:48} {len(html) / 1e6:5.2f} MB  {median * 1000:8.1f} ms  ({min(times) * 1000:.1f}–{max(times) * 1000:.1f})"
        )
    nested = "<div>" * 10_000 + TEXT + "</div>" * 10_000
    started = time.perf_counter()
    nh3.clean(nested)
    print(
        f"  for reference, nh3 alone on 10,000 nested <div> (no bound): {time.perf_counter() - started:.2f} s"
    )
    if worst > TARGET:
        print(f"  MISSED the target of {TARGET:.0f} s per story")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
