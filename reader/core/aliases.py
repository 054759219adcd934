"""The region's names: a curated table of the ways people write the same place, person or thing.

The table is data (`resources/data/aliases.jsonl`, one group a line, sorted by id): each group has
an `id`, a `country` (ISO code, or null for what is shared by the region), a `kind`, its `names`
in English, Russian and the local languages in Latin and Cyrillic with their common
transliterations, and optionally `ambiguous` (names that are also ordinary words or other
places, such as `Mary` or `сом`) and `of` (an abbreviation's group, such as `РК` → Kazakhstan).

Names are matched by their words' stems (`name_stem` in reader.core.textnorm), so word forms count:
`в Ташкенте`, `из Бишкека`, `Kazakhstan's`. Search expands a query word that is an alias to its
group; country tagging (`find`) reads the table the other way, over a story's text.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from pathlib import Path

from reader.core.paths import bundled_data_dir
from reader.core.textnorm import iter_words, latin_key, name_stem, tokens, word_parts

ALIASES_FILE = "aliases.jsonl"
KINDS = frozenset(
    {"country", "capital", "region", "city", "place", "person", "institution", "currency", "demonym",
     "abbreviation"}
)  # fmt: skip
# A query word spelled in a transliteration the table does not list still finds its group by
# its loose Latin key, when the key is long enough not to be a short ordinary word.
_MIN_LOOSE_KEY = 6


@dataclass(frozen=True)
class AliasGroup:
    id: str
    country: str | None
    kind: str
    names: tuple[str, ...]
    ambiguous: frozenset[str] = frozenset()
    of: str | None = None  # an abbreviation's full group


@dataclass(frozen=True)
class AliasMatch:
    """A name of the table found in a text, with its offsets in that text."""

    group: AliasGroup
    start: int
    end: int
    text: str  # as written there
    ambiguous: bool  # the name matched is also an ordinary word or another thing's name


@dataclass(frozen=True)
class _Entry:
    key: tuple[str, ...]
    group: AliasGroup
    name: str


def name_key(name: str) -> tuple[str, ...]:
    """The stems of a name's words: what a match compares."""
    return tuple(name_stem(t.norm) for t in tokens(name))


class AliasTable:
    """The alias groups, indexed by the stems of their names."""

    def __init__(self, groups: Iterable[AliasGroup]) -> None:
        self.groups: tuple[AliasGroup, ...] = tuple(groups)
        self._by_id = {g.id: g for g in self.groups}
        self._by_first: dict[str, list[_Entry]] = defaultdict(list)
        self._loose: dict[str, set[str]] = defaultdict(set)
        for group in self.groups:
            for name in group.names:
                key = name_key(name)
                if not key:
                    raise ValueError(f"alias group {group.id}: name {name!r} has no words")
                self._by_first[key[0]].append(_Entry(key, group, name))
                words = list(tokens(name))
                if len(words) == 1 and len(loose := latin_key(words[0].norm)) >= _MIN_LOOSE_KEY:
                    self._loose[loose].add(group.id)
        for entries in self._by_first.values():
            entries.sort(key=lambda e: -len(e.key))  # longest first

    def __len__(self) -> int:
        return len(self.groups)

    def __getitem__(self, group_id: str) -> AliasGroup:
        return self._by_id[group_id]

    def expansion(self, group: AliasGroup) -> tuple[str, ...]:
        """The names a search for `group` looks for: its own, and its full group's for an
        abbreviation (`РК` finds Kazakhstan; Kazakhstan does not find every `РК`)."""
        if group.of is None:
            return group.names
        return group.names + self._by_id[group.of].names

    def match_words(self, words: Sequence[str]) -> list[tuple[int, int, tuple[AliasGroup, ...]]]:
        """Spans [i, j) of normalised query words that name alias groups, longest first, not
        overlapping: ["национальный", "банк", "казахстана"] → [(0, 3, (kz.institution.nbk,))]."""
        stems = [name_stem(w) for w in words]
        found: list[tuple[int, int, tuple[AliasGroup, ...]]] = []
        i = 0
        while i < len(words):
            length, groups = self._longest_at(stems, i)
            if not groups and (loose := latin_key(words[i])) and len(loose) >= _MIN_LOOSE_KEY:
                ids = self._loose.get(loose, set())
                length, groups = 1, tuple(self._by_id[g] for g in sorted(ids))
            if groups:
                found.append((i, i + length, groups))
                i += length
            else:
                i += 1
        return found

    def _longest_at(self, stems: Sequence[str], i: int) -> tuple[int, tuple[AliasGroup, ...]]:
        best = 0
        groups: dict[str, AliasGroup] = {}
        for entry in self._by_first.get(stems[i], ()):
            n = len(entry.key)
            if n < best:
                break
            if tuple(stems[i : i + n]) == entry.key:
                best = n
                groups.setdefault(entry.group.id, entry.group)
        return best, tuple(groups.values())

    def find(self, text: str) -> Iterator[AliasMatch]:
        """Every name of the table in `text`, in any word form, longest first, not overlapping.

        Abbreviations count only as written in the table (`РК`, not `рк`)."""
        # The hot path of country tagging: each written word's stems come from a cache, and only
        # the words a name can start with are looked at further (offsets included).
        words = list(iter_words(text))
        parts = list(map(_written_stems, map(_MATCH_GROUP, words)))
        stems = list(chain.from_iterable(map(_FIRST, parts)))
        word_of: Sequence[int] = range(len(words))
        if len(stems) != len(words):  # a written word of several words ("½" → "1⁄2"): each is a token
            stems, word_of = [], []
            for k, (forms, _) in enumerate(parts):
                stems += forms
                word_of += [k] * len(forms)
        first = self._by_first
        after = 0  # where the next match may start: names do not overlap
        for i in [i for i, s in enumerate(stems) if s in first]:
            if i < after:
                continue
            matched = 0
            for entry in first[stems[i]]:
                n = len(entry.key)
                if matched and n < matched:
                    break
                if tuple(stems[i : i + n]) != entry.key:
                    continue
                last = word_of[i + n - 1]
                start, end = words[word_of[i]].start(), words[last].end() - parts[last][1]
                written = text[start:end]
                if entry.group.kind == "abbreviation" and written not in entry.group.names:
                    continue
                matched = n
                yield AliasMatch(entry.group, start, end, written, entry.name in entry.group.ambiguous)
            after = i + (matched or 1)


_MATCH_GROUP = re.Match.group
_FIRST = itemgetter(0)


@functools.lru_cache(maxsize=1 << 17)
def _written_stems(word: str) -> tuple[tuple[str, ...], int]:
    """The name stems of a written word's normal form(s), and how many trailing characters
    (a possessive `'s`) are not part of it: `tokens()` and `name_stem()` in one look-up."""
    forms, cut = word_parts(word)
    return tuple(name_stem(f) for f in forms), cut


def _group_from_json(row: dict[str, object], where: str) -> AliasGroup:
    try:
        group_id, kind, names = row["id"], row["kind"], row["names"]
        country, ambiguous, of = row.get("country"), row.get("ambiguous", []), row.get("of")
    except KeyError as exc:
        raise ValueError(f"{where}: missing field {exc}") from None
    if not isinstance(group_id, str) or not group_id:
        raise ValueError(f"{where}: the id must be a non-empty string")
    if kind not in KINDS:
        raise ValueError(f"{where}: unknown kind {kind!r}")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) and n for n in names):
        raise ValueError(f"{where}: names must be a non-empty list of strings")
    if not isinstance(ambiguous, list) or not set(ambiguous) <= set(names):
        raise ValueError(f"{where}: every ambiguous name must be one of the group's names")
    if country is not None and not (isinstance(country, str) and len(country) == 2 and country.isupper()):
        raise ValueError(f"{where}: country must be an ISO 3166 code or null")
    if of is not None and not isinstance(of, str):
        raise ValueError(f"{where}: of must be a group id")
    return AliasGroup(
        id=group_id,
        country=country,
        kind=str(kind),
        names=tuple(names),
        ambiguous=frozenset(ambiguous),
        of=of,
    )


def read_alias_file(path: Path) -> AliasTable:
    """Read and check an alias file: one JSON object a line, ids unique and sorted."""
    groups: list[AliasGroup] = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}: {exc.msg}") from None
        if not isinstance(row, dict):
            raise ValueError(f"{where}: each line must be a JSON object")
        group = _group_from_json(row, where)
        if groups and group.id <= groups[-1].id:
            raise ValueError(f"{where}: ids must be unique and sorted ({group.id} after {groups[-1].id})")
        groups.append(group)
    ids = {g.id for g in groups}
    for group in groups:
        if group.of is not None and group.of not in ids:
            raise ValueError(f"{path.name}: {group.id} refers to an unknown group {group.of}")
    return AliasTable(groups)


@functools.cache
def alias_table() -> AliasTable:
    """The bundled alias table (read once)."""
    return read_alias_file(bundled_data_dir() / ALIASES_FILE)
