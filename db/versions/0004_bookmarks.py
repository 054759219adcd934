"""Bookmark notes and tags, saved searches (issue 5).

Reserved revision: filled in by the work on that issue; an empty upgrade is harmless.
"""

from __future__ import annotations

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
