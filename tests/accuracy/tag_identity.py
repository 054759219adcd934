"""A large, deterministic corpus for the country tagger, and its recorded answers.

The recording (`tests/fixtures/countries/recorded_tags.txt`, one line a case: primary | mentioned)
was made by the tagger before its speed-up (issue 13); `test_tag_identity.py` checks that every
answer is still the same. Record again (`python -m tests.accuracy.tag_identity`) only when the
tagging rules change on purpose (and TAGGER_VERSION with them).
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from bench import bench_ingest, generate
from reader.core.country_tags import split_story, tag_countries
from reader.core.html import html_to_text
from tests.accuracy.corpus import COUNTRY_FILES, read_country_cases

RECORDED = Path(__file__).parents[1] / "fixtures" / "countries" / "recorded_tags.txt"
SAMPLES = Path(__file__).parents[2] / "resources" / "data" / "sample_stories.json"
Case = tuple[str, str, str, tuple[str, ...], str]  # headline, lede, body, categories, hint
_HINTS = ("", "https://kun.uz/feed/", "https://24.kg/rss/", "https://news.example/category/tajikistan/feed/")


def cases() -> Iterator[Case]:
    for path in COUNTRY_FILES.values():
        for c in read_country_cases(path):
            yield c.headline, c.lede, c.body, c.categories, ""
            yield c.headline.upper(), c.lede, c.body, (), "https://inform.kz/rss"
            yield "", "", f"{c.headline} {c.lede} {c.body}", (), ""
    for k, item in enumerate(json.loads(SAMPLES.read_text("utf-8"))["stories"]):
        text = html_to_text(item["content_html"])
        yield (*split_story(item["title"], item.get("summary"), text), (), _HINTS[k % len(_HINTS)])
        yield (*split_story(item["title"], None, text), (), "")
    for seed in (1, 2, 3):
        for k, (_, _, story) in enumerate(generate.stories(400, seed)):
            text = html_to_text(story.html)
            summary = story.summary if k % 3 else None
            yield (*split_story(story.title, summary, text), (story.section,), _HINTS[k % len(_HINTS)])
    for feed in (0, 7):
        document = bench_ingest.document(feed).decode()
        for item in re.findall(r"<item>(.*?)</item>", document)[:200]:
            title = html.unescape(re.search(r"<title>(.*?)</title>", item).group(1))  # type: ignore[union-attr]
            cats = tuple(re.findall(r"<category><!\[CDATA\[(.*?)\]\]>", item))
            lede = re.search(r"<description><!\[CDATA\[(.*?)\]\]>", item).group(1)  # type: ignore[union-attr]
            body = html_to_text(re.search(r"<content:encoded><!\[CDATA\[(.*?)\]\]>", item).group(1))  # type: ignore[union-attr]
            yield (*split_story(title, lede, body), cats, "http://127.0.0.1/feed/")


def answers() -> list[str]:
    out = []
    for headline, lede, body, categories, hint in cases():
        tags = tag_countries(headline, lede, body, categories, hint)
        out.append(f"{','.join(sorted(tags.primary))}|{','.join(sorted(tags.mentioned))}")
    return out


if __name__ == "__main__":
    RECORDED.write_text("\n".join(answers()) + "\n", "utf-8")
    print(f"recorded {len(RECORDED.read_text('utf-8').splitlines())} cases in {RECORDED}", file=sys.stderr)
