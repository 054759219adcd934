"""Rates providers (issue 4): each provider's last fetch, and the chart's index on rate points.

`rate_provider_status` keeps, per provider key, when it was last asked, when it last answered
with a usable payload, the newest date it reported, the URL that answered and the last error,
so the sidebar can show "as of" and an offline state. The index serves the history queries
(one currency, one provider, by date).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rate_provider_status",
        sa.Column("provider", sa.String(length=32), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("rates_date", sa.Date(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("provider", name=op.f("pk_rate_provider_status")),
    )
    op.create_index(
        "ix_rate_point_currency_provider_date", "rate_point", ["currency_code", "provider", "date"]
    )


def downgrade() -> None:
    op.drop_index("ix_rate_point_currency_provider_date", table_name="rate_point")
    op.drop_table("rate_provider_status")
