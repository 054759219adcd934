"""Search for the region (issue 11): a contentless FTS5 index of our own token streams.

`search_index` (FTS5, content='') replaces `story_fts`: its columns hold the normalised words,
their stems and the names' Latin keys that reader.core.search.index produces in Python, so this
revision creates it empty. `search_doc` maps an index rowid (ordered by publication time) to its
story (NULL once it is unreachable: see reader.core.search.index). The app fills the index on
first use after this revision (a resumable job with progress: the window's status bar,
`steppe reindex`); stories, read state and bookmarks are not touched.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

SEARCH_INDEX = (
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "title, body, meta, title_stem, body_stem, names, "
    "content='', tokenize=\"ascii tokenchars ''''\")"
)


def upgrade() -> None:
    op.execute("DROP TABLE IF EXISTS story_fts")
    op.create_table(
        "search_doc",
        sa.Column("docid", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
        sa.Column("digest", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"], ["story.id"], name=op.f("fk_search_doc_story_id_story"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("docid", name=op.f("pk_search_doc")),
        sa.UniqueConstraint("story_id", name=op.f("uq_search_doc_story_id")),
    )
    op.execute(SEARCH_INDEX)
    # The index is built by the app on first use: say it is not.
    op.execute("DELETE FROM meta WHERE key LIKE 'search.%'")


def downgrade() -> None:
    op.execute("DROP TABLE search_index")
    op.drop_table("search_doc")
    op.execute("DELETE FROM meta WHERE key LIKE 'search.%'")
    op.execute(
        "CREATE VIRTUAL TABLE story_fts USING fts5("
        "title, summary, body, author, tags, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    )
    # 0005's index was filled by SQL alone: fill it again the same way.
    op.execute(
        """
        INSERT INTO story_fts (rowid, title, summary, body, author, tags)
        SELECT s.id, s.title, coalesce(s.summary, ''), coalesce(s.content_text, ''), coalesce(s.author, ''),
               trim(coalesce((SELECT group_concat(c.name || ' ' || c.code, ' ')
                                FROM story_country sc JOIN country c ON c.code = sc.country_code
                               WHERE sc.story_id = s.id), '')
                    || ' ' ||
                    coalesce((SELECT group_concat(se.name, ' ')
                                FROM story_section ss JOIN section se ON se.id = ss.section_id
                               WHERE ss.story_id = s.id), ''))
          FROM story s
        """
    )
