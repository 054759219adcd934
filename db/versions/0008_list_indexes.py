"""Indexes that keep the list's filters flat at 100,000 stories (issue 13).

`ix_story_unread` is a partial index of the unread stories in the list's order: "unread" walks
it newest first and stops after a page, and counts the unread from it, where the old
`ix_story_read_at` made SQLite fetch all 30,000 unread stories and sort them (40 ms at 100k).
It replaces `ix_story_read_at`, which nothing else used (the planner preferred it, so it had to
go for the new one to be chosen). Stories, read state and bookmarks are not touched.

Revision ID: 0008
Revises: 0006
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_story_read_at")
    op.execute("CREATE INDEX ix_story_unread ON story (published_at, id) WHERE read_at IS NULL")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_story_unread")
    op.execute("CREATE INDEX ix_story_read_at ON story (read_at)")
