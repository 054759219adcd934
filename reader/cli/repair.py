"""`steppe repair`: keep a damaged database aside and start a fresh cache with the bookmarks."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reader.cli.common import EXIT_OK
from reader.core.library import Library
from reader.core.repair import LOST


def register(commands: Any) -> None:
    repair = commands.add_parser(
        "repair",
        help="keep a damaged database aside and start fresh (bookmarks come back from the backup)",
        description="Rename a damaged database to steppe.sqlite3.damaged-YYYYMMDD-HHMMSS (with its -wal "
        "and -shm), build a fresh cache from the bundled data and restore the bookmarks from "
        "bookmarks-backup.json. A database that is not damaged is left alone. " + LOST,
    )
    repair.set_defaults(handler=cmd_repair, opens_library=False)


def cmd_repair(data_dir: Path | None, _args: argparse.Namespace) -> int:
    library, report = Library.repair(data_dir)
    with library:
        state = library.data_state()
    print(report.summary())
    stories = f"{state.story_count} stor{'y' if state.story_count == 1 else 'ies'}"
    marks = f"{state.bookmark_count} bookmark{'' if state.bookmark_count == 1 else 's'}"
    print(f"The new cache holds {stories} and {marks}.")
    print(LOST)
    return EXIT_OK
