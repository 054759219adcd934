"""Full-text search over stories with SQLite FTS5.

The index (story_fts, rowid = story.id) holds title, summary, body text, author and tags;
bm25 weights favour the title. Users type plain words; the few FTS5 operators they may
use (AND, OR, NOT, "phrases", prefix*, column:word) pass through, everything else is quoted
so "Kambarata-1" or "U.S." never turns into a syntax error.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Float, Integer, column, func, literal_column, table, text
from sqlalchemy.sql.elements import ColumnElement

from reader.core.errors import InvalidSearchQuery

FTS_COLUMNS = ("title", "summary", "body", "author", "tags")
BM25_WEIGHTS = (10.0, 3.0, 1.0, 2.0, 4.0)  # in FTS_COLUMNS order
_OPERATORS = {"AND", "OR", "NOT"}
_TOKEN = re.compile(r'"(?P<phrase>[^"]*)"(?P<pstar>\*?)|(?P<paren>[()])|(?P<word>[^\s()"]+)')
_BAREWORD = re.compile(r"^\w+$")
_SNIPPET_OPEN, _SNIPPET_CLOSE = "\x02", "\x03"
_CHUNK = 500

story_fts = table("story_fts", column("rowid", Integer), column("rank", Float))
_fts_ref: ColumnElement[Any] = literal_column("story_fts")


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def to_fts_query(query: str) -> str:
    """Translate what a user typed into an FTS5 MATCH expression, or raise InvalidSearchQuery."""
    if query.count('"') % 2:
        raise InvalidSearchQuery(query, "a quotation mark is not closed")
    parts: list[str] = []
    depth = 0
    for match in _TOKEN.finditer(query):
        if match.group("paren"):
            depth += 1 if match.group("paren") == "(" else -1
            if depth < 0:
                raise InvalidSearchQuery(query, "a closing bracket has no opening one")
            parts.append(match.group("paren"))
        elif match.group("phrase") is not None:
            phrase = match.group("phrase").strip()
            if re.search(r"\w", phrase):
                parts.append(_quote(phrase) + match.group("pstar"))
        else:
            parts.append(_word(match.group("word")))
    if depth:
        raise InvalidSearchQuery(query, "a bracket is not closed")
    expression = " ".join(p for p in parts if p)
    if not expression:
        raise InvalidSearchQuery(query, "there is nothing to search for")
    return expression


def _word(word: str) -> str:
    if word in _OPERATORS:
        return word
    column_name, sep, rest = word.partition(":")
    if sep and column_name.lower() in FTS_COLUMNS and rest:
        inner = _word(rest)
        return f"{column_name.lower()} : {inner}" if inner else ""
    prefix = word.endswith("*")
    stem = word.rstrip("*")
    if not re.search(r"\w", stem):
        return ""
    if _BAREWORD.match(stem):
        return stem + ("*" if prefix else "")
    return _quote(stem) + ("*" if prefix else "")


def match_clause(fts_query: str) -> ColumnElement[bool]:
    return _fts_ref.op("MATCH")(fts_query)


def rank_column() -> ColumnElement[float]:
    return func.bm25(_fts_ref, *BM25_WEIGHTS)


def snippet_column(tokens: int = 14) -> ColumnElement[str]:
    return func.snippet(_fts_ref, -1, _SNIPPET_OPEN, _SNIPPET_CLOSE, "…", tokens)


def snippet_to_html(raw: str | None) -> str | None:
    """FTS5's snippet with the matches in <b></b>, everything else HTML-escaped."""
    if raw is None:
        return None
    escaped = html.escape(raw, quote=False)
    return escaped.replace(_SNIPPET_OPEN, "<b>").replace(_SNIPPET_CLOSE, "</b>")


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


_REINDEX_SQL = text(
    """
    INSERT INTO story_fts (rowid, title, summary, body, author, tags)
    SELECT s.id, s.title, coalesce(s.summary, ''), coalesce(s.content_text, ''), coalesce(s.author, ''),
           trim(coalesce((SELECT group_concat(c.name || ' ' || c.code, ' ')
                            FROM story_country sc JOIN country c ON c.code = sc.country_code
                           WHERE sc.story_id = s.id), '')
                || ' ' ||
                coalesce((SELECT group_concat(se.name, ' ')
                            FROM story_section ss JOIN section se ON se.id = ss.section_id
                           WHERE ss.story_id = s.id), ''))
      FROM story s
     WHERE s.id IN (SELECT value FROM json_each(:ids))
    """
)


def reindex_stories(conn: Connection, story_ids: Sequence[int]) -> None:
    """Bring the index rows of these stories in step with the story table, in chunks."""
    for chunk in _chunks(list(story_ids)):
        ids = json.dumps(list(chunk))
        conn.execute(
            text("DELETE FROM story_fts WHERE rowid IN (SELECT value FROM json_each(:ids))"), {"ids": ids}
        )
        conn.execute(_REINDEX_SQL, {"ids": ids})


def unindex_stories(conn: Connection, story_ids: Sequence[int]) -> None:
    for chunk in _chunks(list(story_ids)):
        conn.execute(
            text("DELETE FROM story_fts WHERE rowid IN (SELECT value FROM json_each(:ids))"),
            {"ids": json.dumps(list(chunk))},
        )
