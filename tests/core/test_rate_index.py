"""The rate history's one index (migration 0011): UNIQUE (currency_code, provider, date) both
refuses a second point for a provider's day and serves every series read, where two indexes
did; an upgraded cache keeps every point and its id."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from reader.core.db import _alembic_config
from reader.core.library import Library
from reader.core.models import RatePoint
from reader.core.paths import DATABASE_NAME
from reader.core.schema import SCHEMA_HEAD
from tests.helpers import writing

SERIES = (
    "SELECT date, units_per_usd FROM rate_point WHERE currency_code = 'KZT' AND provider = 'exchange-api'"
    " AND date <= '2025-06-01' ORDER BY date DESC LIMIT 1"
)


def _indexes(path: Path) -> dict[str, tuple[bool, tuple[str, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {
            row[1]: (bool(row[2]), tuple(c[2] for c in conn.execute(f"PRAGMA index_info('{row[1]}')")))
            for row in conn.execute("PRAGMA index_list(rate_point)")
        }
    finally:
        conn.close()


def _points(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, currency_code, date, units_per_usd, provider FROM rate_point ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_one_unique_index_in_the_series_order(library: Library) -> None:
    indexes = _indexes(library.database_path)
    assert list(indexes.values()) == [(True, ("currency_code", "provider", "date"))]
    conn = sqlite3.connect(library.database_path)
    try:
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + SERIES)]
    finally:
        conn.close()
    assert plan == [
        f"SEARCH rate_point USING INDEX {next(iter(indexes))} (currency_code=? AND provider=? AND date<?)"
    ]


def test_a_providers_day_is_stored_once(library: Library) -> None:
    day = dt.date(2031, 1, 5)
    point = {"currency_code": "KZT", "date": day, "units_per_usd": 500.0, "provider": "exchange-api"}
    with writing(library) as conn:
        conn.execute(insert(RatePoint).values(**point))
        conn.execute(insert(RatePoint).values(**{**point, "provider": "nbk"}))  # another provider: kept
    with pytest.raises(IntegrityError), writing(library) as conn:
        conn.execute(insert(RatePoint).values(**{**point, "units_per_usd": 501.0}))


def test_the_upgrade_keeps_every_point_and_can_run_again(data_dir: Path) -> None:
    with Library(data_dir) as library:
        cfg = _alembic_config()
        with library._storage._engine.connect() as conn, conn.begin():
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0010")
    path = data_dir / DATABASE_NAME
    assert sorted(cols for _unique, cols in _indexes(path).values()) == [
        ("currency_code", "date", "provider"),
        ("currency_code", "provider", "date"),
    ]
    before = _points(path)
    assert len(before) > 1000  # the bundled history
    Library(data_dir).close()  # opening upgrades
    assert list(_indexes(path).values()) == [(True, ("currency_code", "provider", "date"))]
    assert _points(path) == before
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '0010'")  # set back: 0011 runs again
    conn.close()
    Library(data_dir).close()
    assert list(_indexes(path).values()) == [(True, ("currency_code", "provider", "date"))]
    assert _points(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(SCHEMA_HEAD,)]
    conn.close()
