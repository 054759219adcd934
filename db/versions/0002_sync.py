"""Sync state (issue 3: feeds, images, retention).

Reserved revision: filled in by the work on that issue; an empty upgrade is harmless.
"""

from __future__ import annotations

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
