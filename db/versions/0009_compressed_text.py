"""A leaner cache (issue 13): each story's HTML and plain text stored compressed.

`story.content_html`, `story.content_text`, `story_full.html` and `story_full.text` keep their
TEXT declaration; their values become zlib BLOBs (reader.core.compressed). Rows are converted in
batches by id, and only values still stored as TEXT are touched, so a cache that is partly
converted (or written by an older app after a downgrade) is finished, not converted twice; a
value that would not get smaller stays TEXT, which reads the same. SQLite reuses the freed pages
for new stories; the file itself only shrinks with a VACUUM. Nothing else is changed.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from alembic import op

from reader.core.compressed import compress, decompress

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 500
# (table, its key, its compressed columns)
_TABLES = (("story", "id", ("content_html", "content_text")), ("story_full", "story_id", ("html", "text")))


def _convert(stored_as: type[Any], change: Callable[[Any], Any]) -> None:
    """Rewrite, batch by batch, every value of the compressed columns stored as `stored_as`
    (str: TEXT, bytes: BLOB); the other values of a row are written back as they were."""
    conn = op.get_bind()
    kind = "text" if stored_as is str else "blob"
    for table, key, columns in _TABLES:
        pending = " OR ".join(f"typeof({c}) = '{kind}'" for c in columns)
        last = -1
        while True:
            rows = conn.exec_driver_sql(
                f"SELECT {key}, {', '.join(columns)} FROM {table} "
                f"WHERE {key} > ? AND ({pending}) ORDER BY {key} LIMIT {BATCH}",
                (last,),
            ).all()
            if not rows:
                break
            conn.exec_driver_sql(
                f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE {key} = ?",
                [
                    (*(change(v) if isinstance(v, stored_as) else v for v in values), row_key)
                    for row_key, *values in rows
                ],
            )
            last = rows[-1][0]


def upgrade() -> None:
    _convert(str, compress)


def downgrade() -> None:
    _convert(bytes, decompress)
