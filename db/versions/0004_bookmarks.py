"""Bookmark tags and saved searches (issue 5).

`bookmark_tag` holds a bookmark's tags (cascading with the bookmark: removing a bookmark on
purpose removes its tags; the story itself is protected by the bookmark's RESTRICT key).
`saved_search` keeps a named StoryQuery as JSON.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bookmark_tag",
        sa.Column("bookmark_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["bookmark_id"],
            ["bookmark.id"],
            name=op.f("fk_bookmark_tag_bookmark_id_bookmark"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("bookmark_id", "tag", name=op.f("pk_bookmark_tag")),
    )
    op.create_index("ix_bookmark_tag_tag", "bookmark_tag", ["tag", "bookmark_id"])
    op.create_table(
        "saved_search",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("query_json", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_search")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_search_name")),
    )


def downgrade() -> None:
    op.drop_table("saved_search")
    op.drop_index("ix_bookmark_tag_tag", "bookmark_tag")
    op.drop_table("bookmark_tag")
