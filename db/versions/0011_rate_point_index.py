"""One index for the rate history instead of two (issue 13: a leaner cache).

`rate_point` had a UNIQUE constraint on (currency_code, date, provider) and, since 0003, a
second index on (currency_code, provider, date) for the series every chart and conversion reads.
The same columns in the series' order serve both: the constraint is now UNIQUE (currency_code,
provider, date) and the second index is gone — about 45 pages (180 KB) less on every cache with
the bundled ten years of rates, and one index fewer to keep at each rates refresh. SQLite cannot
change a table's constraint in place, so the table is rebuilt (a few thousand to a few tens of
thousands of rows: well under a second); its rows, ids included, are copied unchanged. Running
it over a table already rebuilt only drops the old index if it is there.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import text

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

_COLUMNS = "id, currency_code, date, units_per_usd, provider"
_TABLE = """
CREATE TABLE {name} (
    id INTEGER NOT NULL,
    currency_code VARCHAR(3) NOT NULL,
    date DATE NOT NULL,
    units_per_usd FLOAT NOT NULL,
    provider VARCHAR(32) NOT NULL,
    CONSTRAINT pk_rate_point PRIMARY KEY (id),
    CONSTRAINT fk_rate_point_currency_code_currency FOREIGN KEY(currency_code) REFERENCES currency (code),
    CONSTRAINT {unique} UNIQUE ({unique_columns})
)"""
NEW_UNIQUE = ("uq_rate_point_currency_provider_date", "currency_code, provider, date")
OLD_UNIQUE = ("uq_rate_point_currency_date_provider", "currency_code, date, provider")
OLD_INDEX = "ix_rate_point_currency_provider_date"


def _unique_columns() -> list[tuple[str, ...]]:
    conn = op.get_bind()
    found = []
    for row in conn.execute(text("PRAGMA index_list(rate_point)")):
        if row[2]:  # unique
            found.append(tuple(c[2] for c in conn.execute(text(f"PRAGMA index_info('{row[1]}')"))))
    return found


def _rebuild(unique: tuple[str, str]) -> None:
    name, columns = unique
    op.execute(text(_TABLE.format(name="rate_point_rebuilt", unique=name, unique_columns=columns)))
    op.execute(
        text(
            f"INSERT INTO rate_point_rebuilt ({_COLUMNS}) SELECT {_COLUMNS} FROM rate_point ORDER BY {columns}"
        )
    )
    op.execute(text("DROP TABLE rate_point"))
    op.execute(text("ALTER TABLE rate_point_rebuilt RENAME TO rate_point"))


def upgrade() -> None:
    if ("currency_code", "provider", "date") not in _unique_columns():
        _rebuild(NEW_UNIQUE)
    op.execute(text(f"DROP INDEX IF EXISTS {OLD_INDEX}"))


def downgrade() -> None:
    _rebuild(OLD_UNIQUE)
    op.execute(text(f"CREATE INDEX {OLD_INDEX} ON rate_point (currency_code, provider, date)"))
