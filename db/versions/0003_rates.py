"""Rates providers and settings (issue 4).

Reserved revision: filled in by the work on that issue; an empty upgrade is harmless.
"""

from __future__ import annotations

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
