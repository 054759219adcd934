"""Search for the region's reporting: one normalisation (reader.core.textnorm), word forms,
scripts and the alias table, over a contentless FTS5 index.

    index.py      what is indexed for a story, docids, keeping the index in step, rebuilding
    query.py      what a user typed → an FTS5 expression and a matcher for highlighting
    engine.py     running a search: counts and keyset pages by relevance, newest or oldest
    highlight.py  snippets and the article's marks, over the text as written
    service.py    SearchIndex, the Library's part: status and the resumable rebuild
"""

from reader.core.search.index import reindex_stories, unindex_stories
from reader.core.search.query import Matcher, ParsedQuery, parse_query, to_fts_query

__all__ = ["Matcher", "ParsedQuery", "parse_query", "reindex_stories", "to_fts_query", "unindex_stories"]
