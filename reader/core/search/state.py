"""The search index's state, without its tokeniser: which version of the normaliser built it,
whether it is complete, and emptying it for a rebuild. Read at every start-up, so it imports only
what the version names (the stemmer and anyascii); making tokens is reader.core.search.index."""

from __future__ import annotations

import anyascii
import Stemmer
from sqlalchemy import Connection, text

from reader.core.types import IndexStatus

# Bump when what is indexed changes (normalisation, streams); the stemmer's and anyascii's own
# versions are part of it, since an upgrade of either changes the tokens.
FORMAT = 1
INDEX_VERSION = f"{FORMAT}/pystemmer-{Stemmer.version()}/anyascii-{anyascii.__version__}"
VERSION_KEY = "search.index_version"
COMPLETE_KEY = "search.index_complete"
# Unreachable rows left by changes made without unindexing first: rebuild past this share.
MAX_ORPHAN_SHARE = 0.02


def _meta(conn: Connection, key: str) -> str | None:
    value = conn.execute(text("SELECT value FROM meta WHERE key = :k"), {"k": key}).scalar_one_or_none()
    return None if value is None else str(value)


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(
        text("INSERT INTO meta (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = :v"),
        {"k": key, "v": value},
    )


def orphan_count(conn: Connection) -> int:
    """Index rows no story reaches: left by a change made without unindexing first, or by a
    story deleted without it (`search_doc.story_id` is set to NULL, keeping the docid taken)."""
    return int(conn.execute(text("SELECT count(*) FROM search_doc WHERE story_id IS NULL")).scalar_one())


def search_index_rows(conn: Connection) -> int:
    """Rows in the FTS5 table itself (reachable or not): one per indexed story when all is well."""
    return int(conn.execute(text("SELECT count(*) FROM search_index_docsize")).scalar_one())


def needs_reset(conn: Connection) -> bool:
    """True when the index was built by another version of the normaliser (or never), or has
    too many unreachable rows: it must be emptied and rebuilt."""
    if _meta(conn, VERSION_KEY) != INDEX_VERSION:
        return True
    orphans = orphan_count(conn)
    if not orphans:
        return False
    indexed = conn.execute(text("SELECT count(*) FROM search_doc")).scalar_one()
    return bool(orphans > max(100, indexed * MAX_ORPHAN_SHARE))


def reset(conn: Connection) -> None:
    """Empty the index for a rebuild by this version. Stories are untouched."""
    conn.execute(text("INSERT INTO search_index (search_index) VALUES ('delete-all')"))
    conn.execute(text("DELETE FROM search_doc"))
    _set_meta(conn, VERSION_KEY, INDEX_VERSION)
    empty = conn.execute(text("SELECT NOT EXISTS (SELECT 1 FROM story)")).scalar_one()
    _set_meta(conn, COMPLETE_KEY, "1" if empty else "0")


def is_complete(conn: Connection) -> bool:
    return _meta(conn, COMPLETE_KEY) == "1" and _meta(conn, VERSION_KEY) == INDEX_VERSION


def status(conn: Connection) -> IndexStatus:
    total = conn.execute(text("SELECT count(*) FROM story")).scalar_one()
    if is_complete(conn):
        return IndexStatus(total, total, True)
    indexed = conn.execute(text("SELECT count(story_id) FROM search_doc")).scalar_one()
    return IndexStatus(min(indexed, total), total, False)
