"""The amount reader against our own corpus: recall and precision must stay at the targets.

The corpus (amounts.txt, tuned against; amounts_heldout.txt, never tuned against) is written by
us in the style of the region's English and Russian press, with the expected amounts."""

from __future__ import annotations

import pytest

from tests.accuracy.corpus import AMOUNT_FILES, read_amount_cases, score_amounts

TARGET = 0.95


@pytest.mark.parametrize("name", list(AMOUNT_FILES))
def test_amount_recall_and_precision_meet_the_targets(name: str) -> None:
    scores = score_amounts(read_amount_cases(AMOUNT_FILES[name]))
    total = scores["all"]
    report = "\n".join(total.misses)
    assert total.recall >= TARGET, report
    assert total.precision >= TARGET, report
    assert total.pairs_right >= TARGET * total.pairs_expected, report


def test_the_corpus_is_large_enough_and_covers_every_class() -> None:
    cases = [c for path in AMOUNT_FILES.values() for c in read_amount_cases(path)]
    assert len(cases) >= 200
    classes = {c.cls for c in cases}
    for cls in ("compound", "grouping", "decimal-comma", "abbreviation", "local-language", "rate",
                "year-range", "som-soum", "publisher", "range", "not-money", "per-unit"):  # fmt: skip
        assert cls in classes
    # Rates and things that are not money are there to be refused: they state no amount.
    assert sum(1 for c in cases if c.cls == "rate" and not c.amounts) >= 20


def test_a_wrong_reading_would_fail_the_score() -> None:
    """The scorer itself: a case read wrong counts against recall and precision."""
    (case,) = [c for c in read_amount_cases(AMOUNT_FILES["tuning"]) if "2 billion 350 million" in c.text]
    broken = type(case)(case.cls, case.countries, case.text, (("KZT", 350e6),), (), case.line)
    scores = score_amounts([broken])
    assert scores["all"].recall == 0 and scores["all"].precision == 0
