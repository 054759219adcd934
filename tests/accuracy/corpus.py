"""Reading our accuracy corpora and scoring the amount reader and the country tagger on them.

`python -m tests.accuracy.corpus` prints the per-class figures the README shows.
"""

from __future__ import annotations

import math
import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.money import find_amounts

HERE = Path(__file__).parent
AMOUNT_FILES = {"tuning": HERE / "amounts.txt", "held-out": HERE / "amounts_heldout.txt"}
COUNTRY_FILES = {"tuning": HERE / "countries.txt", "held-out": HERE / "countries_heldout.txt"}
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


# -- amounts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AmountCase:
    cls: str
    countries: tuple[str, ...]
    text: str
    amounts: tuple[tuple[str, float], ...]
    pairs: tuple[tuple[str, float, float], ...]  # (currency, amount, publisher's dollars)
    line: int


def _money(item: str, line: int) -> tuple[str, float]:
    cur, value = item.split()
    if not re.fullmatch(r"[A-Z]{3}", cur):
        raise ValueError(f"line {line}: bad currency {cur!r}")
    return cur, float(value)


def read_amount_cases(path: Path) -> list[AmountCase]:
    cases: list[AmountCase] = []
    cls = "?"
    pending: tuple[tuple[str, ...], str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("## "):
            cls = line[3:].strip()
        elif line.startswith("=>"):
            if pending is None:
                raise ValueError(f"{path.name}:{number}: '=>' without a text")
            countries, text, at = pending
            amounts: list[tuple[str, float]] = []
            pairs: list[tuple[str, float, float]] = []
            body = line[2:].strip()
            if body != "none":
                for item in body.split(";"):
                    parts = [_money(p.strip(), number) for p in item.split("=")]
                    amounts += parts
                    if len(parts) == 2:
                        (c1, v1), (c2, v2) = parts
                        local, usd = ((c2, v2), v1) if c1 == "USD" else ((c1, v1), v2)
                        pairs.append((local[0], local[1], usd))
            cases.append(AmountCase(cls, countries, text, tuple(amounts), tuple(pairs), at))
            pending = None
        else:
            head, sep, text = line.partition(": ")
            if not sep and line.startswith(":"):
                head, text = "", line[1:].strip()
            elif not sep:
                raise ValueError(f"{path.name}:{number}: a case needs 'CC: text'")
            codes = tuple(c.strip() for c in head.split(",") if c.strip())
            pending = (codes, _unescape(text), number)
    return cases


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6)


@dataclass
class Score:
    expected: int = 0
    found: int = 0
    right: int = 0
    pairs_expected: int = 0
    pairs_right: int = 0
    pairs_found: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    def add(self, other: Score) -> None:
        self.expected += other.expected
        self.found += other.found
        self.right += other.right
        self.pairs_expected += other.pairs_expected
        self.pairs_right += other.pairs_right
        self.pairs_found += other.pairs_found
        self.misses += other.misses


def score_amount_case(case: AmountCase) -> Score:
    found = find_amounts(case.text, case.countries)
    got = [(a.currency, a.amount) for a in found]
    left = list(got)
    right = 0
    for cur, value in case.amounts:
        for k, (c, v) in enumerate(left):
            if c == cur and _close(v, value):
                right += 1
                del left[k]
                break
    stated = [(a.currency, a.amount, a.stated_usd) for a in found if a.stated_usd is not None]
    pairs_right = sum(
        1
        for cur, value, usd in case.pairs
        if any(c == cur and _close(v, value) and s is not None and _close(s, usd) for c, v, s in stated)
    )
    score = Score(len(case.amounts), len(got), right, len(case.pairs), pairs_right, len(stated))
    if (
        right != len(case.amounts)
        or right != len(got)
        or pairs_right != len(case.pairs)
        or len(stated) != len(case.pairs)
    ):
        score.misses.append(f"line {case.line} [{case.cls}] {case.text!r}: expected {case.amounts} got {got}")
    return score


def score_amounts(cases: Iterable[AmountCase]) -> dict[str, Score]:
    """Scores per class, and "all"."""
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        s = score_amount_case(case)
        scores[case.cls].add(s)
        scores["all"].add(s)
    return dict(scores)


def amount_table(scores: dict[str, Score]) -> str:
    rows = ["| class | amounts | recall | precision |", "|---|---:|---:|---:|"]
    for cls, s in scores.items():
        if cls == "all":
            continue
        rows.append(f"| {cls} | {s.expected} | {_pct(s.recall)} | {_pct(s.precision)} |")
    total = scores["all"]
    rows.append(f"| **all** | {total.expected} | {_pct(total.recall)} | {_pct(total.precision)} |")
    return "\n".join(rows)


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    for name, path in AMOUNT_FILES.items():
        scores = score_amounts(read_amount_cases(path))
        total = scores["all"]
        print(f"\n## Amounts, {name} ({path.name})\n")
        print(amount_table(scores))
        print(
            f"\npublisher's figures: {total.pairs_right} of {total.pairs_expected} paired right, "
            f"{total.pairs_found} paired in all"
        )
        if verbose and (name == "tuning" or "--held-out" in argv):
            print("\n".join(total.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
