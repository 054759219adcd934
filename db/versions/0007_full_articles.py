"""Full articles (issue 15): `story_full` beside the story, and each source's setting.

`story_full` holds what was extracted from a story's page (sanitised HTML, its plain text, author,
lead image, when, and the status with a plain note when it failed); the feed's own summary stays
in `story`. `source.full_articles` is "automatic", "always" or "never". Stories, read state and
bookmarks are not touched.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "story_full",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("lead_image", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_story_full_story_id_story"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_story_full")),
    )
    with op.batch_alter_table("source") as batch:
        batch.add_column(sa.Column("full_articles", sa.String(9), nullable=False, server_default="automatic"))


def downgrade() -> None:
    op.execute("ALTER TABLE source DROP COLUMN full_articles")  # SQLite 3.35+
    op.drop_table("story_full")
