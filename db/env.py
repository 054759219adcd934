"""Alembic environment. The app runs migrations itself (reader.core.db.migrate), handing in
its connection; `alembic -x db=PATH ...` also works for writing new revisions."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from reader.core.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    db_path = context.get_x_argument(as_dictionary=True).get("db", "steppe.sqlite3")
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()


run_migrations()
