"""The search table: queries a reader of the region types, the stories each must find and the
ones it must not, over a corpus of our own (tests/core/search/corpus.jsonl: English, Russian,
Kazakh, Uzbek and Tajik stories written for these tests). Every category of the issue is here —
word forms in both languages, scripts, spelling variants, the alias table, abbreviations, what
search did before, and precision — and the counts per category are checked and printed."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core.library import Library
from reader.core.types import StoryQuery
from tests.helpers import add_source, add_story

HERE = Path(__file__).resolve().parent
CORPUS = [json.loads(line) for line in (HERE / "corpus.jsonl").read_text("utf-8").splitlines() if line]
CASES = [json.loads(line) for line in (HERE / "cases.jsonl").read_text("utf-8").splitlines() if line]
# At least this many cases per category (the README's search section lists the counts).
MINIMUM = {
    "Russian word forms": 12,
    "English word forms": 10,
    "Scripts": 12,
    "Spelling variants": 12,
    "Names and aliases": 14,
    "Abbreviations and institutions": 6,
    "What worked before": 10,
    "Precision": 12,
}


@pytest.fixture(scope="module")
def corpus_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, dict[int, str]]]:
    with Library(tmp_path_factory.mktemp("search-cases")) as library:
        source = add_source(library, "Search cases", "https://cases.test/feed/")
        keys: dict[int, str] = {}
        for number, story in enumerate(CORPUS):
            paragraphs = "".join(f"<p>{p}</p>" for p in story["body"].split("\n"))
            story_id = add_story(
                library,
                source,
                story["title"],
                paragraphs,
                published=dt.datetime(2026, 1, 1, tzinfo=dt.UTC) + dt.timedelta(hours=number),
                countries=story["countries"],
                guid=story["key"],
                language=story["language"],
            )
            keys[story_id] = story["key"]
        yield library, keys


def _found(library: Library, keys: dict[int, str], query: str) -> set[str]:
    return {keys[s.id] for s in library.stories.iter(StoryQuery(text=query)) if s.id in keys}


def test_the_table_is_large_and_covers_every_category() -> None:
    counts = Counter(case["category"] for case in CASES)
    assert sum(counts.values()) >= 80
    for category, minimum in MINIMUM.items():
        assert counts[category] >= minimum, category
    known = {story["key"] for story in CORPUS}
    for case in CASES:
        assert set(case["find"]) | set(case["not"]) <= known, case["query"]
        assert case["find"], case["query"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['category']}: {c['query']}" for c in CASES])
def test_case(corpus_library: tuple[Library, dict[int, str]], case: dict[str, Any]) -> None:
    library, keys = corpus_library
    found = _found(library, keys, case["query"])
    missing = set(case["find"]) - found
    unwanted = set(case["not"]) & found
    assert not missing and not unwanted, f"missing {sorted(missing)}, should not find {sorted(unwanted)}"


def test_counts_per_category(
    corpus_library: tuple[Library, dict[int, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    """Every case passes; prints the table the README shows (pytest -s to see it)."""
    library, keys = corpus_library
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for case in CASES:
        found = _found(library, keys, case["query"])
        total[case["category"]] += 1
        if set(case["find"]) <= found and not set(case["not"]) & found:
            passed[case["category"]] += 1
    with capsys.disabled():
        print("\n| category | cases | pass |")
        print("|---|---|---|")
        for category in total:
            print(f"| {category} | {total[category]} | {passed[category]} |")
        print(f"| all | {sum(total.values())} | {sum(passed.values())} |")
    assert passed == total
