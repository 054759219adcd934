"""Article extraction on our test pages: trafilatura (what Steppe uses) against readability-lxml.

For each page in tests/fixtures/articles/ (stories in WordPress, 1C-Bitrix, Drupal and custom-CMS
layouts, with menus, ads, "read also" blocks, comments, share buttons): the story's paragraphs
found whole in the extracted text, and the junk lines kept. Then pages per second, the median of
RUNS passes over all pages. readability-lxml is optional (`pip install readability-lxml`).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from reader.core.articles import extract_article
from reader.core.html import html_to_text, sanitize_html

RUNS = 5
PAGES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "articles"


def steppe(page: str, url: str) -> str:
    article = extract_article(page, url)
    return article.text if article else ""


def with_readability(page: str, url: str) -> str:
    from readability import Document  # type: ignore[import-untyped]

    return html_to_text(sanitize_html(Document(page, url=url).summary(html_partial=True)))


def measure(name: str, extract: Callable[[str, str], str]) -> None:
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    pages = {n: (PAGES / n).read_text(encoding="utf-8") for n in expected}
    found = total = junk = junk_total = 0
    for n, want in expected.items():
        text = extract(pages[n], f"http://127.0.0.1/{n}")
        found += sum(p in text for p in want["paragraphs"])
        total += len(want["paragraphs"])
        junk += sum(j in text for j in want["junk"])
        junk_total += len(want["junk"])
    rates = []
    for _ in range(RUNS):
        start = time.perf_counter()
        for n in pages:
            extract(pages[n], f"http://127.0.0.1/{n}")
        rates.append(len(pages) / (time.perf_counter() - start))
    print(
        f"{name:18} paragraphs {found}/{total}  junk kept {junk}/{junk_total}  "
        f"{statistics.median(rates):.0f} pages/s (median of {RUNS}, {min(rates):.0f}–{max(rates):.0f})"
    )


if __name__ == "__main__":
    measure("trafilatura", steppe)
    try:
        import readability  # type: ignore[import-untyped]  # noqa: F401
    except ImportError:
        print("readability-lxml  not installed: skipped")
    else:
        measure("readability-lxml", with_readability)
