"""Primary and mentioned countries (issue 12), and the feed's categories kept with each story.

`story_country.role` says whether the story is about the country ("primary": the list, the
filter and the facet counts) or only names it ("mentioned"); every existing tag starts as
primary, and the re-tagging job (reader.core.retag) that runs after the upgrade sorts them out.
`story.categories` keeps the feed's own categories (JSON) as evidence for later re-tagging.
Read state and bookmarks are not touched.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN: a batch copy of `story` would have to drop the table that
    # bookmarks point to.
    op.add_column(
        "story_country", sa.Column("role", sa.String(length=9), server_default="primary", nullable=False)
    )
    op.create_index(
        "ix_story_country_country_code_role", "story_country", ["country_code", "role", "story_id"]
    )
    op.add_column("story", sa.Column("categories", sa.Text(), nullable=True))


def downgrade() -> None:
    # SQLite 3.35+ drops a column in place (no table copy, so no bookmark is ever at risk).
    op.execute("ALTER TABLE story DROP COLUMN categories")
    op.drop_index("ix_story_country_country_code_role", "story_country")
    op.execute("ALTER TABLE story_country DROP COLUMN role")
