"""What a feed's content can do to us (hostile corpus: feed content).

Each case of tests/hostile/feeds/cases.toml — dates no calendar has, XXE and entity bombs,
scripts and javascript: links, bidi overrides and terminal escapes in titles, every charset
mix-up, malformed formats, WordPress JSON of the wrong types and depth — is served by a real
HTTP server on 127.0.0.1, synced by the real sync (Library.sync) into a real Library, and checked: what
is stored (titles, links, dates, content, counts), what the library, the article pane and the
exports show of it, and the rules every stored story keeps (see feed_content.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from reader.core.library import Library
from tests.core.sync.conftest import offline_library
from tests.hostile.feed_content import Case, check_expectations, check_invariants, load_cases, run_case
from tests.httpserver import FixtureServer

CASES = load_cases()


@pytest.fixture(scope="module")
def corpus_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Library]:
    # One cache for the module, one source per case: each case reads only its own source.
    with offline_library(tmp_path_factory.mktemp("hostile-content")) as library:
        yield library


@pytest.fixture(scope="module")
def corpus_server() -> Iterator[FixtureServer]:
    with FixtureServer() as server:
        yield server


def test_the_corpus_is_large_and_every_file_is_a_case() -> None:
    listed = {case.spec["file"] for case in CASES} | {
        case.spec["terms"] for case in CASES if "terms" in case.spec
    }
    on_disk = {path.name for path in CASES[0].file.parent.iterdir() if path.name != "cases.toml"}
    assert listed == on_disk
    assert len(CASES) >= 110 and len({case.name for case in CASES}) == len(CASES)
    assert all(case.spec.get("what") for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_feed_content(case: Case, corpus_library: Library, corpus_server: FixtureServer) -> None:
    outcome = run_case(case, corpus_library, corpus_server)
    check_invariants(outcome)
    check_expectations(case, outcome)
