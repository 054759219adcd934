"""The newest schema revision, apart from reader.core.db so that start-up can compare a cache's
revision with it using the standard library's sqlite3 alone (reader.core.first_page)."""

from __future__ import annotations

# The newest revision in db/versions. Start-up compares the file's alembic_version with it and
# imports Alembic (about a tenth of a second) only when they differ; tests/core/test_db.py
# checks that it names Alembic's head, so it cannot drift.
SCHEMA_HEAD = "0011"
