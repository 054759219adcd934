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

from reader.core.country_tags import tag_countries
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
    cases: int = 0
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
        self.cases += other.cases
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
    score = Score(1, len(case.amounts), len(got), right, len(case.pairs), pairs_right, len(stated))
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
    rows = [
        "| class | phrases | amounts | recall | precision | wrong amounts |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for cls, s in [*((c, v) for c, v in scores.items() if c != "all"), ("**all**", scores["all"])]:
        rows.append(
            f"| {cls} | {s.cases} | {s.expected} | {_pct(s.recall)} | {_pct(s.precision)} | {s.found - s.right} |"
        )
    return "\n".join(rows)


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


# -- countries ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryCase:
    cls: str
    headline: str
    lede: str
    body: str
    categories: tuple[str, ...]
    primary: frozenset[str]
    mentioned: frozenset[str]
    line: int


def _codes(text: str) -> frozenset[str]:
    text = text.strip()
    return frozenset() if text in ("", "-") else frozenset(c.strip() for c in text.split(","))


def read_country_cases(path: Path) -> list[CountryCase]:
    cases: list[CountryCase] = []
    cls = "?"
    fields: dict[str, str] = {}
    start = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and not line.startswith("##")):
            continue
        if line.startswith("## "):
            cls = line[3:].strip()
        elif line.startswith("=>"):
            primary, _, mentioned = line[2:].partition("|")
            if "H" not in fields:
                raise ValueError(f"{path.name}:{number}: a case needs a headline")
            cats = tuple(c.strip() for c in fields.get("C", "").split(";") if c.strip())
            cases.append(
                CountryCase(cls, fields["H"], fields.get("L", ""), fields.get("B", ""), cats,
                            _codes(primary), _codes(mentioned), start)
            )  # fmt: skip
            fields = {}
        elif len(line) > 2 and line[1] == ":" and line[0] in "HLCB":
            if not fields:
                start = number
            fields[line[0]] = _unescape(line[2:].strip())
        else:
            raise ValueError(f"{path.name}:{number}: unexpected line {line!r}")
    return cases


@dataclass
class CountryScore:
    cases: int = 0
    exact: int = 0
    false_primary: int = 0
    mentioned_expected: int = 0
    mentioned_found: int = 0
    mentioned_extra: int = 0  # named by us, expected neither primary nor mentioned
    misses: list[str] = field(default_factory=list)

    @property
    def exact_rate(self) -> float:
        return self.exact / self.cases if self.cases else 1.0

    @property
    def false_rate(self) -> float:
        return self.false_primary / self.cases if self.cases else 0.0

    def add(self, other: CountryScore) -> None:
        self.cases += other.cases
        self.exact += other.exact
        self.false_primary += other.false_primary
        self.mentioned_expected += other.mentioned_expected
        self.mentioned_found += other.mentioned_found
        self.mentioned_extra += other.mentioned_extra
        self.misses += other.misses


def score_country_case(case: CountryCase) -> CountryScore:
    tags = tag_countries(case.headline, case.lede, case.body, case.categories)
    exact = tags.primary == case.primary
    false = bool(tags.primary - case.primary)
    extra = len(tags.mentioned - case.mentioned - case.primary)
    score = CountryScore(
        1, int(exact), int(false), len(case.mentioned), len(case.mentioned & tags.all), extra
    )
    if not exact or score.mentioned_found != score.mentioned_expected or extra:
        score.misses.append(
            f"line {case.line} [{case.cls}] {case.headline!r}: expected {sorted(case.primary)} | "
            f"{sorted(case.mentioned)}, got {sorted(tags.primary)} | {sorted(tags.mentioned)}"
        )
    return score


def score_countries(cases: Iterable[CountryCase]) -> dict[str, CountryScore]:
    scores: dict[str, CountryScore] = defaultdict(CountryScore)
    for case in cases:
        s = score_country_case(case)
        scores[case.cls].add(s)
        scores["all"].add(s)
    return dict(scores)


def country_table(scores: dict[str, CountryScore]) -> str:
    rows = ["| class | stories | exact | false primary |", "|---|---:|---:|---:|"]
    for cls, s in scores.items():
        if cls != "all":
            rows.append(f"| {cls} | {s.cases} | {_pct(s.exact_rate)} | {_pct(s.false_rate)} |")
    t = scores["all"]
    rows.append(f"| **all** | {t.cases} | {_pct(t.exact_rate)} | {_pct(t.false_rate)} |")
    return "\n".join(rows)


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
    for name, path in COUNTRY_FILES.items():
        cscores = score_countries(read_country_cases(path))
        ctotal = cscores["all"]
        print(f"\n## Countries, {name} ({path.name})\n")
        print(country_table(cscores))
        print(
            f"\nalso mentioned: {ctotal.mentioned_found} of {ctotal.mentioned_expected} found, "
            f"{ctotal.mentioned_extra} named that the corpus does not expect"
        )
        if verbose and (name == "tuning" or "--held-out" in argv):
            print("\n".join(ctotal.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
