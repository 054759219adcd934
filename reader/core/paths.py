"""Where things live: the user's data folder and the data bundled with the app."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "steppe-reader"
DATA_DIR_ENV = "STEPPE_DATA_DIR"
DATABASE_NAME = "steppe.sqlite3"


def default_data_dir() -> Path:
    """`$STEPPE_DATA_DIR` if set, else the platform's per-user data folder."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def _bundled_root() -> Path:
    # An installed wheel carries resources/ and db/ inside the package (see pyproject.toml);
    # a source checkout or an editable install finds them at the top of the repository.
    package_dir = Path(__file__).resolve().parent.parent
    installed = package_dir / "_bundled"
    if installed.is_dir():
        return installed
    return package_dir.parent


def resources_dir() -> Path:
    return _bundled_root() / "resources"


def migrations_dir() -> Path:
    return _bundled_root() / "db"


def bundled_data_dir() -> Path:
    return resources_dir() / "data"
