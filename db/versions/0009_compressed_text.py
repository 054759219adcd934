"""A leaner cache (issue 13): each story's HTML and plain text stored compressed.

`story.content_html`, `story.content_text`, `story_full.html` and `story_full.text` keep their
TEXT declaration; their values become zlib BLOBs (reader.core.compressed). Rows are converted in
batches by id, and only values still stored as TEXT are touched, so a cache that is partly
converted (or written by an older app after a downgrade) is finished, not converted twice; a
value that would not get smaller stays TEXT, which reads the same. SQLite reuses the freed pages
for new stories; the file itself only shrinks with a VACUUM. Nothing else is changed.

At 100,000 stories this takes about half a minute, so each batch is reported: to the callable
`report(what, done, total)` the app hands in as `config.attributes["progress"]`
(reader.core.upgrade), else to the log ("stories: 12000 of 100000").

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from alembic import context, op

from reader.core.compressed import compress, decompress

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 500
LOG_EVERY = 10_000  # rows between two log lines when no one asked for the progress
# (what it holds, as reported; the table, its key, its compressed columns)
_TABLES = (
    ("stories", "story", "id", ("content_html", "content_text")),
    ("articles", "story_full", "story_id", ("html", "text")),
)
log = logging.getLogger("reader.migrations")


def _reporter() -> Callable[[str, int, int], None]:
    """The app's progress callable, or one writing to the log (the `alembic` command)."""
    given = context.config.attributes.get("progress")
    if given is not None:
        return given

    def to_log(what: str, done: int, total: int) -> None:
        if done == total or done % LOG_EVERY < BATCH:
            log.info("%s: %d of %d", what, done, total)

    return to_log


def _convert(stored_as: type[Any], change: Callable[[Any], Any]) -> None:
    """Rewrite, batch by batch, every value of the compressed columns stored as `stored_as`
    (str: TEXT, bytes: BLOB); the other values of a row are written back as they were."""
    conn = op.get_bind()
    report = _reporter()
    kind = "text" if stored_as is str else "blob"
    for what, table, key, columns in _TABLES:
        pending = " OR ".join(f"typeof({c}) = '{kind}'" for c in columns)
        total = conn.exec_driver_sql(f"SELECT count(*) FROM {table} WHERE {pending}").scalar_one()
        done = 0
        report(what, done, total)
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
            done += len(rows)
            report(what, done, total)


def upgrade() -> None:
    _convert(str, compress)


def downgrade() -> None:
    _convert(bytes, decompress)
