"""Whether the data bundled with the app is the one loaded in a cache: a digest of its files, kept
in the meta table by reader.core.seed. Apart from the loader so that asking (reader.core.first_page,
before SQLAlchemy loads) hashes the files (a quarter of a megabyte, half a millisecond) and
loads nothing else."""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.core.errors import BundledDataError

BUNDLED_FILES = ("sample_stories.json", "usd-rates-history.csv", "currency-names.json", "sources.opml")
DIGEST_KEY = "bundled_data_digest"


def bundled_digest(folder: Path) -> str:
    """The SHA-256 of the bundled files in `folder`; BundledDataError if one is missing."""
    sha = hashlib.sha256()
    for name in BUNDLED_FILES:
        try:
            sha.update((folder / name).read_bytes())
        except OSError as exc:
            raise BundledDataError(f"Bundled data file is missing: {folder / name}") from exc
    return sha.hexdigest()
