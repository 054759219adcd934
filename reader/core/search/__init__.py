"""Search for the region's reporting: one normalisation (reader.core.textnorm), word forms,
scripts and the alias table, over a contentless FTS5 index.

    index.py      what is indexed for a story, docids, keeping the index in step, rebuilding
    state.py      the index's version and completeness (read at every start-up)
    query.py      what a user typed → an FTS5 expression and a matcher for highlighting
    engine.py     running a search: counts and keyset pages by relevance, newest or oldest
    highlight.py  snippets and the article's marks, over the text as written
    service.py    SearchIndex, the Library's part: status and the resumable rebuild

The names below load their module on first use (PEP 562): the tokeniser, the stemmer's tables
and the alias table are not needed to open a cache or list its stories (`steppe stories`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.core.search.index import reindex_stories, unindex_stories
    from reader.core.search.query import Matcher, ParsedQuery, parse_query, to_fts_query

_HOMES = {
    "reindex_stories": "reader.core.search.index",
    "unindex_stories": "reader.core.search.index",
    "Matcher": "reader.core.search.query",
    "ParsedQuery": "reader.core.search.query",
    "parse_query": "reader.core.search.query",
    "to_fts_query": "reader.core.search.query",
}

__all__ = ["Matcher", "ParsedQuery", "parse_query", "reindex_stories", "to_fts_query", "unindex_stories"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
