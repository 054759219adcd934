"""Reading what a user typed: into an FTS5 MATCH expression over our columns, and into a matcher
that finds the same words in a story's text for highlighting.

Users type plain words; `"phrases"`, `OR`, `NOT`, brackets, `prefix*` and `title:word` work too,
and everything else is quoted, so "Kambarata-1" or "U.S." never becomes a syntax error. Each word
is read with reader.core.textnorm and looks for:

- its normal form in the exact columns (title, body, tags),
- its Snowball stem in the stem columns (`mines` → mine, `инфляция` → инфляц),
- its loose Latin key among the names (`Bishkek` → bishkek finds `Бишкек`),
- and, when the word (or a run of words) names an alias group, every name of the group
  (`Ashgabat` finds `Ашхабад`, `Japarov` finds `Жапаровым`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.core import textnorm
from reader.core.aliases import AliasGroup, AliasTable, alias_table
from reader.core.errors import InvalidSearchQuery
from reader.core.search.index import name_keys

_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"(?P<pstar>\*?)|(?P<paren>[()])|(?P<word>[^\s()"]+)')
_OPERATORS = {"AND", "OR", "NOT"}
# What `column:word` may name, and the index columns each means (exact, stem).
_COLUMN_FILTERS = {
    "title": ("title", "title_stem"),
    "body": ("body", "body_stem"),
    "summary": ("body", "body_stem"),
    "author": ("meta", None),
    "tags": ("meta", None),
}
_EXACT = "{title body meta}"
_STEMS = "{title_stem body_stem}"
_MIN_NAME_KEY = 3
_MIN_PREFIX_KEY = 4


@dataclass(frozen=True)
class Words:
    """A unit of the query: one typed word (possibly several normal forms: `Kambarata-1`), or a
    quoted phrase."""

    norms: tuple[str, ...]
    prefix: bool = False
    column: str | None = None
    phrase: bool = False
    groups: tuple[AliasGroup, ...] = ()
    # An alias unit of several typed words: each word's normal forms (they match as AND).
    parts: tuple[tuple[str, ...], ...] = ()


@dataclass
class Matcher:
    """What counts as a match in a story's text: for highlighting, the same reading as the index."""

    exact: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    keys: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    # Several words that must stand together: each word's (normal form, stem) alternatives.
    sequences: set[tuple[tuple[str, str], ...]] = field(default_factory=set)

    def add_words(self, norms: Sequence[str], stems: Sequence[str]) -> None:
        if len(norms) == 1:
            self.exact.add(norms[0])
            self.stems.add(stems[0])
        elif norms:
            self.sequences.add(tuple(zip(norms, stems, strict=True)))


@dataclass(frozen=True)
class ParsedQuery:
    expression: str  # the FTS5 MATCH expression
    matcher: Matcher
    canonical: str  # the query as read, for messages and tests


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def parse_query(query: str, aliases: AliasTable | None = None) -> ParsedQuery:
    """Read what a user typed, or raise InvalidSearchQuery with a reason a person understands."""
    if query.count('"') % 2:
        raise InvalidSearchQuery(query, "a quotation mark is not closed")
    table = aliases if aliases is not None else alias_table()
    items = _lex(query)
    items = _mark_aliases(items, table)
    matcher = Matcher()
    parts: list[str] = []
    canonical: list[str] = []
    previous_operand = False
    negate_next = False
    depth = 0
    for item in items:
        if isinstance(item, str):
            if item == "(":
                if previous_operand:
                    parts.append("AND")
                depth += 1
                previous_operand = False
            elif item == ")":
                depth -= 1
                if depth < 0:
                    raise InvalidSearchQuery(query, "a closing bracket has no opening one")
                previous_operand = True
            else:
                negate_next = item == "NOT"
                previous_operand = False
            parts.append(item)
            canonical.append(item)
            continue
        if previous_operand:
            parts.append("AND")
        parts.append(_expression(item, table))
        canonical.append(_describe(item))
        if not negate_next:
            _collect(item, table, matcher)
        negate_next = False
        previous_operand = True
    if depth:
        raise InvalidSearchQuery(query, "a bracket is not closed")
    if not any(isinstance(i, Words) for i in items):
        raise InvalidSearchQuery(query, "there is nothing to search for")
    return ParsedQuery(" ".join(parts), matcher, " ".join(canonical))


def to_fts_query(query: str) -> str:
    """The FTS5 MATCH expression for what a user typed, or InvalidSearchQuery."""
    return parse_query(query).expression


def _lex(query: str) -> list[str | Words]:
    items: list[str | Words] = []
    for match in _TOKEN.finditer(query):
        if match.group("paren"):
            items.append(match.group("paren"))
        elif match.group("phrase") is not None:
            norms = tuple(t.norm for t in textnorm.tokens(match.group("phrase")))
            if norms:
                items.append(Words(norms, prefix=bool(match.group("pstar")), phrase=True))
        else:
            word = match.group("word")
            if word in _OPERATORS:
                items.append(word)
                continue
            column_name, sep, rest = word.partition(":")
            column = column_name.lower() if sep and column_name.lower() in _COLUMN_FILTERS and rest else None
            body = rest if column else word
            prefix = body.endswith("*")
            norms = tuple(t.norm for t in textnorm.tokens(body.rstrip("*")))
            if norms:
                items.append(Words(norms, prefix=prefix, column=column))
    return items


def _mark_aliases(items: list[str | Words], table: AliasTable) -> list[str | Words]:
    """Runs of plain words (and whole phrases) that name alias groups become one unit."""
    out: list[str | Words] = []
    run: list[Words] = []

    def flush() -> None:
        # The run's words flattened ("Kassym-Jomart Tokayev" is three), with where each typed
        # word starts; a span counts only if it starts and ends at typed words' boundaries.
        flat = [norm for w in run for norm in w.norms]
        starts = {}
        at = 0
        for k, w in enumerate(run):
            starts[at] = k
            at += len(w.norms)
        starts[at] = len(run)
        k = 0
        for i, j, groups in table.match_words(flat):
            if i not in starts or j not in starts or starts[i] < k:
                continue
            out.extend(run[k : starts[i]])
            typed = run[starts[i] : starts[j]]
            out.append(Words(tuple(flat[i:j]), groups=groups, parts=tuple(w.norms for w in typed)))
            k = starts[j]
        out.extend(run[k:])
        run.clear()

    for item in items:
        if isinstance(item, Words) and not (item.prefix or item.column or item.phrase):
            run.append(item)
            continue
        flush()
        if isinstance(item, Words) and item.phrase and not item.prefix:
            spans = table.match_words(list(item.norms))
            if len(spans) == 1 and spans[0][:2] == (0, len(item.norms)):
                item = Words(item.norms, phrase=True, groups=spans[0][2])
        out.append(item)
    flush()
    return out


def _describe(item: Words) -> str:
    text = " ".join(item.norms)
    if item.groups and not item.phrase:
        return f"[{text}]"
    if item.phrase or len(item.norms) > 1:
        text = _quote(text)
    if item.prefix:
        text += "*"
    return f"{item.column}:{text}" if item.column else text


def _columns(item: Words) -> tuple[str, str | None, bool]:
    """(exact columns, stem columns or None, whether the names column applies)."""
    if item.column is None:
        return _EXACT, _STEMS, True
    exact, stem = _COLUMN_FILTERS[item.column]
    return "{" + exact + "}", ("{" + stem + "}" if stem else None), False


def _expression(item: Words, table: AliasTable) -> str:
    exact, stems, with_names = _columns(item)
    alternatives: list[str] = []
    if item.prefix:
        alternatives.append(f"{exact} : {_quote(' '.join(item.norms))}*")
        if with_names and len(item.norms) == 1:
            key = textnorm.latin_key(item.norms[0])
            if len(key) >= _MIN_PREFIX_KEY:
                alternatives.append(f"names : {_quote(key)}*")
        return "(" + " OR ".join(alternatives) + ")"
    if len(item.parts) > 1:
        # Typed as separate words: all of them anywhere, or one of the group's names.
        words = [_expression(Words(part), table) for part in item.parts]
        alternatives.append("(" + " AND ".join(words) + ")")
        names: list[tuple[str, ...]] = [item.norms]
        skip_first = True
    else:
        names = [item.norms]
        skip_first = False
    for norms in _expansions(item, table, for_matching=True):
        if norms not in names:
            names.append(norms)
    keys: dict[str, None] = {}
    for norms in names[1:] if skip_first else names:
        phrase = " ".join(norms)
        alternatives.append(f"{exact} : {_quote(phrase)}")
        if stems:
            stemmed = " ".join(textnorm.stem(n) for n in norms)
            alternatives.append(f"{stems} : {_quote(stemmed)}")
        if with_names and len(norms) == 1:
            keys.update(dict.fromkeys(k for k in name_keys(norms[0]) if len(k) >= _MIN_NAME_KEY))
    alternatives.extend(f"names : {_quote(key)}" for key in keys)
    unique = list(dict.fromkeys(alternatives))
    return unique[0] if len(unique) == 1 else "(" + " OR ".join(unique) + ")"


def _expansions(item: Words, table: AliasTable, *, for_matching: bool = False) -> list[tuple[str, ...]]:
    """The normal forms of the names a unit's alias groups add. A name marked ambiguous (`Mary`,
    `сом`) is not added: it finds what was typed, but typing another name of its group does not
    bring in every `Mary`. `for_matching` leaves out the names that cannot find more than a
    shorter one does ("Kassym-Jomart Tokayev" once "Tokayev" is there): fewer phrases to rank."""
    out: list[tuple[str, ...]] = []
    for group in item.groups:
        for name in table.expansion(group):
            if name in group.ambiguous:
                continue
            norms = tuple(t.norm for t in textnorm.tokens(name))
            if norms and norms not in out:
                out.append(norms)
    if for_matching:
        single = {n[0] for n in out if len(n) == 1} | ({item.norms[0]} if len(item.norms) == 1 else set())
        out = [n for n in out if len(n) == 1 or single.isdisjoint(n)]
    return out


def _collect(item: Words, table: AliasTable, matcher: Matcher) -> None:
    if item.prefix:
        if len(item.norms) == 1:
            matcher.prefixes.add(item.norms[0])
        else:
            matcher.sequences.add(tuple((n, textnorm.stem(n)) for n in item.norms))
        return
    names: list[tuple[str, ...]] = list(item.parts) if len(item.parts) > 1 else [item.norms]
    names.extend(_expansions(item, table))
    for norms in names:
        matcher.add_words(norms, [textnorm.stem(n) for n in norms])
        if len(norms) == 1 and item.column is None:
            matcher.keys.update(name_keys(norms[0]))
