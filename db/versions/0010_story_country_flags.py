"""Two facts about a story copied into `story_country`, so the list's country counts come from
small indexes (issue 13).

- `unread`: 1 while the story is unread (`story.read_at IS NULL`). `ix_story_country_unread`
  indexes the unread stories' rows by country, so "country + unread" counts one index range
  (6,000 entries at 100k) instead of looking up the countries of every unread story (30,000).
- `shared`: 1 on each primary row of a story with more than one primary country (a few in a
  thousand). Several countries are counted as every row of them less the shared rows, which
  `ix_story_country_shared` holds and which are counted once per story: no sort of 40,000 ids.

Triggers keep both true whoever writes (marking read or unread, a sync or the retagger
re-tagging a story). Each index ends with the columns its condition names, so SQLite reads no
row to check them (SQLite 3.40 does not count a partial index's condition as covered). The
upgrade can run again over its own result (a cache whose version was set back). Stories, read
state and tags are not changed.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_PRIMARIES = "(SELECT count(*) FROM story_country p WHERE p.story_id = {id} AND p.role = 'primary')"
_TRIGGERS = {
    # The story of a new link row may already be read (a sync or the retagger re-tags read stories).
    "story_country_unread_on_insert": """
        AFTER INSERT ON story_country
        WHEN NEW.unread IS NOT (SELECT read_at IS NULL FROM story WHERE id = NEW.story_id)
        BEGIN
            UPDATE story_country SET unread = (SELECT read_at IS NULL FROM story WHERE id = NEW.story_id)
            WHERE story_id = NEW.story_id AND country_code = NEW.country_code;
        END""",
    "story_unread_to_story_country": """
        AFTER UPDATE OF read_at ON story
        WHEN (OLD.read_at IS NULL) IS NOT (NEW.read_at IS NULL)
        BEGIN
            UPDATE story_country SET unread = (NEW.read_at IS NULL) WHERE story_id = NEW.id;
        END""",
    # A second primary country makes the story's primary rows shared.
    "story_country_shared_on_insert": f"""
        AFTER INSERT ON story_country
        WHEN NEW.role = 'primary' AND {_PRIMARIES.format(id="NEW.story_id")} > 1
        BEGIN
            UPDATE story_country SET shared = 1
            WHERE story_id = NEW.story_id AND role = 'primary' AND shared = 0;
        END""",
    "story_country_shared_on_delete": f"""
        AFTER DELETE ON story_country
        WHEN OLD.shared = 1
        BEGIN
            UPDATE story_country SET shared = ({_PRIMARIES.format(id="OLD.story_id")} > 1)
            WHERE story_id = OLD.story_id AND role = 'primary';
        END""",
    # A row moved to another story or role: both stories' flags again (rare; nothing does it today).
    "story_country_on_update": f"""
        AFTER UPDATE OF story_id, role ON story_country
        BEGIN
            UPDATE story_country
            SET unread = (SELECT read_at IS NULL FROM story WHERE id = story_country.story_id),
                shared = (role = 'primary' AND {_PRIMARIES.format(id="story_country.story_id")} > 1)
            WHERE story_id IN (OLD.story_id, NEW.story_id);
        END""",
}


def upgrade() -> None:
    conn = op.get_bind()
    columns = {row[1] for row in conn.execute(text("PRAGMA table_info(story_country)"))}
    if "unread" not in columns:
        op.execute("ALTER TABLE story_country ADD COLUMN unread BOOLEAN NOT NULL DEFAULT 1")
    if "shared" not in columns:
        op.execute("ALTER TABLE story_country ADD COLUMN shared BOOLEAN NOT NULL DEFAULT 0")
    op.execute(
        "UPDATE story_country SET unread = (SELECT read_at IS NULL FROM story WHERE id = story_id)"
        " WHERE unread IS NOT (SELECT read_at IS NULL FROM story WHERE id = story_id)"
    )
    op.execute(
        "UPDATE story_country SET shared = NOT shared WHERE shared IS NOT (role = 'primary' AND story_id IN"
        " (SELECT story_id FROM story_country WHERE role = 'primary' GROUP BY story_id HAVING count(*) > 1))"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_story_country_unread"
        " ON story_country (country_code, role, story_id, unread) WHERE unread = 1"
    )
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_story_country_shared"
        " ON story_country (country_code, role, story_id, shared, unread) WHERE shared = 1"
    )
    for name, body in _TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP INDEX IF EXISTS ix_story_country_shared")
    op.execute("DROP INDEX IF EXISTS ix_story_country_unread")
    op.execute("ALTER TABLE story_country DROP COLUMN shared")
    op.execute("ALTER TABLE story_country DROP COLUMN unread")
