"""Sync state (issue 3): per-source back-off and the WordPress REST endpoint.

`retry_after` holds when a source may be asked again after a 429/503 with Retry-After;
`api_url` is the WordPress REST base (`…/wp-json/`) when a site offers one.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.add_column(sa.Column("retry_after", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("api_url", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("source", schema=None) as batch_op:
        batch_op.drop_column("api_url")
        batch_op.drop_column("retry_after")
