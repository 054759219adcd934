"""The search index: what is stored for each story, and keeping it in step with the story table.

`search_index` is a contentless FTS5 table (no copy of the text: snippets are made from the story
row) over token streams we produce in Python with reader.core.textnorm, since Python's sqlite3
cannot register an FTS5 tokenizer. Its columns, by bm25 weight:

    title 10 · title_stem 5 · meta 4 (author, country and section tags) · body 1 ·
    body_stem 0.5 · names 0.5

`title`/`body`/`meta` hold each word's normal form, `*_stem` its Snowball stem (so `mines` finds
`mine`, `Ташкенте` finds `Ташкент`), `names` the loose Latin key (textnorm.latin_key) of every
capitalised word — the names — so `Bishkek` finds `Бишкек` and `Тоқаев` finds `Tokayev`. An exact
match scores in both its column and the stem column, so it ranks above a stem-only match.

Rowids ("docids") follow publication time — `docid = epoch seconds × 1024 + slot` — so the newest
matches of any query come first from the index itself, without sorting every match;
`search_doc` maps a docid to its story and keeps a digest of what was indexed.

A contentless table deletes a row only when told the exact tokens it indexed, so
`unindex_stories()` must run while the story row still holds what was indexed: before an update or
a delete. A change made by other means is still safe: the old tokens cannot be removed, so their
row is detached from the story (`story_id` NULL, the docid kept taken) and no query reaches it;
past a small share of such rows the index is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

from reader.core import cpu, textnorm
from reader.core.aliases import alias_table
from reader.core.models import CompressedText
from reader.core.search.state import COMPLETE_KEY, _set_meta

COLUMNS = ("title", "body", "meta", "title_stem", "body_stem", "names")
WEIGHTS = (10.0, 1.0, 4.0, 5.0, 0.5, 0.5)  # in COLUMNS order
SLOTS_PER_SECOND = 1024
_CHUNK = 500
# Stories indexed at once before their tokens are worth making in worker processes (reader.core.cpu).
STREAMS_IN_WORKERS = 200
_STREAMS_PIECE = 125

# Words that open sentences but are not names: kept out of the names column.
_NOT_NAMES = frozenset(
    ["a", "an", "and", "as", "at", "after", "before", "but", "by", "for", "from", "he", "her", "his", "if", "in", "into", "it", "its", "of", "on", "or", "our", "she", "so", "that", "the", "their", "then", "there", "these", "they", "this", "those", "to", "we", "when", "where", "which", "while", "who", "with", "yet", "according", "officials", "analysts", "experts", "residents", "figures", "prices", "banks", "local", "а", "в", "во", "и", "из", "к", "как", "на", "не", "но", "о", "об", "от", "по", "при", "с", "со", "у", "что", "это", "он", "она", "они", "мы", "его", "ее", "их", "для", "до", "за", "после", "также", "если", "или", "же", "ли", "бы", "то", "так", "там", "тут", "где", "когда", "который", "которая", "которые"]
)  # fmt: skip


@dataclass(frozen=True)
class IndexedText:
    """What the index reads of a story."""

    title: str
    summary: str
    body: str
    author: str
    tags: str
    language: str | None


def body_text(summary: str, body: str) -> str:
    """The story text the index and the snippets read: the summary unless the body opens with it."""
    lead = summary.rstrip("…").strip()
    if not lead or lead[:200] in body[: len(lead) + 200]:
        return body
    return f"{lead}\n{body}" if body else lead


def streams(doc: IndexedText) -> tuple[str, ...]:
    """The six column values (space-separated tokens) for a story, in COLUMNS order."""
    title_words, title_stems, title_caps = _words(doc.title, doc.language)
    body_words, body_stems, body_caps = _words(body_text(doc.summary, doc.body), doc.language)
    meta_words = [t.norm for t in textnorm.tokens(f"{doc.author} {doc.tags}")]
    return (
        " ".join(title_words),
        " ".join(body_words),
        " ".join(meta_words),
        " ".join(title_stems),
        " ".join(body_stems),
        " ".join(_names(title_caps, body_caps, len(title_words))),
    )


# A capitalised word: (normal form, its name keys, whether it opens a sentence).
_Capitalised = tuple[str, tuple[str, ...], bool]


def _names(title: list[_Capitalised], body: list[_Capitalised], title_length: int) -> list[str]:
    """The names column: the keys of the capitalised words that are names. A capital at the
    start of a sentence proves nothing ("Мост через Амударью…" is not a name), so such a word
    counts only when the story also writes it capitalised mid-sentence, or the alias table
    knows it; the same goes for every word of a title in Title Case."""
    known = {norm for norm, _keys, initial in body if not initial} | alias_words()
    title_case = len(title) * 2 > title_length
    keys = [k for norm, ks, initial in body if not initial or norm in known for k in ks]
    keys += [k for norm, ks, initial in title if norm in known or not (initial or title_case) for k in ks]
    return keys


@functools.cache
def alias_words() -> frozenset[str]:
    """The normal forms of the alias table's one-word names: known names wherever they stand."""
    return frozenset(
        words[0].norm
        for group in alias_table().groups
        for name in group.names
        if len(words := list(textnorm.tokens(name))) == 1
    )


_SENTENCE_END = re.compile(r"[.!?…:;\n]")


def _words(value: str, language: str | None) -> tuple[list[str], list[str], list[_Capitalised]]:
    words: list[str] = []
    stems: list[str] = []
    capitalised: list[_Capitalised] = []
    for sentence in _SENTENCE_END.split(value):
        opening = True
        for written in textnorm.written_words(sentence):
            for norm, stem, keys in _analysed(written):
                words.append(norm)
                stems.append(stem)
                if keys:
                    capitalised.append((norm, keys, opening))
            opening = False
    if textnorm.is_unstemmed(language):
        stems = words
    return words, stems, capitalised


@functools.lru_cache(maxsize=1 << 18)
def _analysed(written: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(normal form, stem, name keys) of each part of a written word; a capitalised word is a
    name unless it is a short or function word."""
    capitalised = written[0].isupper()
    return tuple(
        (
            norm,
            textnorm.stem(norm),
            name_keys(norm) if capitalised and len(norm) > 2 and norm not in _NOT_NAMES else (),
        )
        for norm in textnorm.word_forms(written)
    )


@functools.lru_cache(maxsize=1 << 16)
def name_keys(norm: str) -> tuple[str, ...]:
    """The loose Latin keys of a word read as a name: of the word, and of its stem when another
    (`бишкеке` → bishkeke, bishkek; `kazakhs` → kazahs, kazah)."""
    whole = textnorm.latin_key(norm)
    stemmed = textnorm.latin_key(textnorm.name_stem(norm))
    if not whole:
        return ()
    return (whole,) if stemmed in (whole, "") else (whole, stemmed)


def digest(values: Sequence[str]) -> int:
    raw = hashlib.blake2b("\x1f".join(values).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)


def docid_base(published: dt.datetime) -> int:
    return int(published.timestamp()) * SLOTS_PER_SECOND


# -- keeping the index in step -------------------------------------------------------------

_ROWS_SQL = text(
    """
    SELECT s.id, s.title, coalesce(s.summary, '') AS summary,
           -- the full article, when one was fetched (story_full, 0007), else the feed's text
           coalesce((SELECT f.text FROM story_full f WHERE f.story_id = s.id AND f.status = 'ok'),
                    s.content_text, '') AS body,
           coalesce(s.author, '') AS author, s.language, s.published_at,
           trim(coalesce((SELECT group_concat(c.name || ' ' || c.code, ' ')
                            FROM story_country sc JOIN country c ON c.code = sc.country_code
                           WHERE sc.story_id = s.id), '')
                || ' ' ||
                coalesce((SELECT group_concat(se.name, ' ')
                            FROM story_section ss JOIN section se ON se.id = ss.section_id
                           WHERE ss.story_id = s.id), '')) AS tags,
           d.docid, d.digest
      FROM story s LEFT JOIN search_doc d ON d.story_id = s.id
     WHERE s.id IN (SELECT value FROM json_each(:ids))
    """
).columns(body=CompressedText)  # both texts are stored compressed (0009): read through the type
_INSERT_SQL = text(
    "INSERT INTO search_index (rowid, title, body, meta, title_stem, body_stem, names) "
    "VALUES (:docid, :c0, :c1, :c2, :c3, :c4, :c5)"
)
_DELETE_SQL = text(
    "INSERT INTO search_index (search_index, rowid, title, body, meta, title_stem, body_stem, names) "
    "VALUES ('delete', :docid, :c0, :c1, :c2, :c3, :c4, :c5)"
)


@dataclass(frozen=True)
class TagNames:
    """The names the index's `tags` text is made of, as `_ROWS_SQL` joins them: a country code's
    name, a section slug's id and name (`tag_names`). Plain values, for a worker process."""

    countries: dict[str, str]
    sections: dict[str, tuple[int, str]]


def tag_names(conn: Connection) -> TagNames:
    return TagNames(
        countries={code: name for code, name in conn.execute(text("SELECT code, name FROM country"))},
        sections={
            slug: (sid, name) for sid, slug, name in conn.execute(text("SELECT id, slug, name FROM section"))
        },
    )


def index_tags(countries: Iterable[str], sections: Iterable[str], names: TagNames) -> str:
    """The `tags` text `_ROWS_SQL` reads for a story with these country codes and section slugs:
    countries by code, then sections by id, each as the story's link tables list them."""
    country_part = " ".join(
        f"{names.countries[c]} {c}" for c in sorted(set(countries)) if c in names.countries
    )
    section_part = " ".join(
        name for _, name in sorted(names.sections[s] for s in set(sections) if s in names.sections)
    )
    return f"{country_part} {section_part}".strip(" ")


def _chunks(ids: Sequence[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _parse_time(value: object) -> dt.datetime:
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment


def _indexed(row: object) -> IndexedText:
    return IndexedText(
        title=row.title,  # type: ignore[attr-defined]
        summary=row.summary,  # type: ignore[attr-defined]
        body=row.body,  # type: ignore[attr-defined]
        author=row.author,  # type: ignore[attr-defined]
        tags=row.tags,  # type: ignore[attr-defined]
        language=row.language,  # type: ignore[attr-defined]
    )


def _values(row: object) -> tuple[str, ...]:
    return streams(_indexed(row))


def _streams_of(docs: Sequence[IndexedText]) -> list[tuple[str, ...]]:
    return [streams(doc) for doc in docs]


def _params(docid: int, values: Sequence[str]) -> dict[str, object]:
    return {"docid": docid, **{f"c{i}": v for i, v in enumerate(values)}}


def reindex_stories(conn: Connection, story_ids: Sequence[int]) -> None:
    """Index these stories as their rows now stand (new ones, or ones changed since)."""
    for chunk in _chunks(list(dict.fromkeys(story_ids))):
        rows = conn.execute(_ROWS_SQL, {"ids": json.dumps(chunk)}).all()
        bases = {row.id: docid_base(_parse_time(row.published_at)) for row in rows}
        taken = _taken_docids(conn, bases.values())
        inserts: list[dict[str, object]] = []
        docs: list[dict[str, object]] = []
        replaced: list[int] = []
        all_values = cpu.map_chunks(
            _streams_of, [_indexed(row) for row in rows], chunk=_STREAMS_PIECE, min_items=STREAMS_IN_WORKERS
        )
        for row, values in zip(rows, all_values, strict=True):
            value_digest = digest(values)
            if row.docid is not None:
                if row.digest == value_digest:
                    continue  # indexed as it stands
                replaced.append(row.id)  # changed without unindex_stories() first
            docid = _free_docid(conn, bases[row.id], taken)
            taken.add(docid)
            inserts.append(_params(docid, values))
            docs.append({"docid": docid, "story_id": row.id, "digest": value_digest})
        if replaced:
            _orphan(conn, replaced)
        _insert(conn, inserts, docs)


def index_new(conn: Connection, stories: Sequence[tuple[int, dt.datetime, tuple[str, ...]]]) -> None:
    """Index new stories — (id, published_at, `streams()` of what was written, with `index_tags`
    for its tags) — from tokens made already, e.g. in a worker process: what `reindex_stories`
    does for a story not yet indexed, without reading its row back."""
    for start in range(0, len(stories), _CHUNK):
        chunk = stories[start : start + _CHUNK]
        bases = [docid_base(published) for _, published, _ in chunk]
        taken = _taken_docids(conn, bases)
        inserts: list[dict[str, object]] = []
        docs: list[dict[str, object]] = []
        for (story_id, _, values), base in zip(chunk, bases, strict=True):
            docid = _free_docid(conn, base, taken)
            taken.add(docid)
            inserts.append(_params(docid, values))
            docs.append({"docid": docid, "story_id": story_id, "digest": digest(values)})
        _insert(conn, inserts, docs)


def _insert(conn: Connection, inserts: list[dict[str, object]], docs: list[dict[str, object]]) -> None:
    if inserts:
        conn.execute(_INSERT_SQL, inserts)
        conn.execute(
            text("INSERT INTO search_doc (docid, story_id, digest) VALUES (:docid, :story_id, :digest)"), docs
        )


def unindex_stories(conn: Connection, story_ids: Sequence[int]) -> None:
    """Take these stories out of the index; call it before their rows change or are deleted."""
    for chunk in _chunks(list(story_ids)):
        rows = conn.execute(_ROWS_SQL, {"ids": json.dumps(chunk)}).all()
        deletes = []
        changed = []
        for row in rows:
            if row.docid is None:
                continue
            values = _values(row)
            if digest(values) == row.digest:
                deletes.append(_params(row.docid, values))
            else:
                changed.append(row.id)  # changed after it was indexed: its tokens cannot be named
        if deletes:
            conn.execute(_DELETE_SQL, deletes)
            conn.execute(
                text("DELETE FROM search_doc WHERE docid IN (SELECT value FROM json_each(:ids))"),
                {"ids": json.dumps([d["docid"] for d in deletes])},
            )
        if changed:
            _orphan(conn, changed)


def _orphan(conn: Connection, story_ids: Sequence[int]) -> None:
    """Detach these stories' index rows: their tokens stay (unreachable, their docid reserved)."""
    conn.execute(
        text("UPDATE search_doc SET story_id = NULL WHERE story_id IN (SELECT value FROM json_each(:ids))"),
        {"ids": json.dumps(list(story_ids))},
    )


def _taken_docids(conn: Connection, bases: Iterable[int], slots: int = SLOTS_PER_SECOND) -> set[int]:
    """The docids already used in the `slots` docids from each base (one query)."""
    return set(
        conn.execute(
            text(
                "SELECT d.docid FROM json_each(:bases) AS b JOIN search_doc AS d "
                "ON d.docid >= b.value AND d.docid < b.value + :slots"
            ),
            {"bases": json.dumps(sorted(set(bases))), "slots": slots},
        ).scalars()
    )


def _free_docid(conn: Connection, base: int, taken: set[int]) -> int:
    """The first free docid from `base` on. `taken` holds the used ones of base's second; a
    second with more than 1,024 stories borrows the next second's slots, which are read then."""
    docid = base
    checked_until = base + SLOTS_PER_SECOND
    while True:
        while docid in taken and docid < checked_until:
            docid += 1
        if docid < checked_until:
            return docid
        taken |= _taken_docids(conn, [checked_until])
        checked_until += SLOTS_PER_SECOND


# -- state and rebuilding (the version and completeness checks: reader.core.search.state) ------


def index_next(
    conn: Connection, limit: int = _CHUNK, below: tuple[str, int] | None = None
) -> tuple[int, tuple[str, int] | None]:
    """Index up to `limit` stories not yet in the index, newest first (a rebuild's step), from
    below `below` (where the previous step ended) when given. Returns how many, and where it
    ended; when none is left the index is marked complete."""
    where = "NOT EXISTS (SELECT 1 FROM search_doc d WHERE d.story_id = story.id)"
    params: dict[str, object] = {"n": limit}
    if below is not None:
        where += " AND (published_at < :at OR (published_at = :at AND id < :id))"
        params.update(at=below[0], id=below[1])
    rows = conn.execute(
        text(
            f"SELECT id, published_at FROM story WHERE {where} ORDER BY published_at DESC, id DESC LIMIT :n"
        ),
        params,
    ).all()
    if rows:
        reindex_stories(conn, [r.id for r in rows])
        return len(rows), (str(rows[-1].published_at), int(rows[-1].id))
    if below is not None:
        return index_next(conn, limit, None)  # stories added above the start meanwhile
    _set_meta(conn, COMPLETE_KEY, "1")
    return 0, None
