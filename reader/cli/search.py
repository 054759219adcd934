"""`steppe reindex`, and building the search index on first use by the other commands."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_OK
from reader.core.types import IndexStatus
from reader.core.types.words import plural

if TYPE_CHECKING:
    from reader.core.library import Library


def register(commands: Any) -> None:
    reindex = commands.add_parser(
        "reindex", help="build the search index (done on first use; resumes if interrupted)"
    )
    reindex.add_argument("--full", action="store_true", help="empty the index and build it again")
    reindex.set_defaults(handler=cmd_reindex)


def _progress() -> Any:
    shown = {"step": -1}

    def report(status: IndexStatus) -> None:
        step = status.percent // 10
        if sys.stderr.isatty():
            print(
                f"\rBuilding the search index: {status.indexed:,} / {plural(status.total, 'story', 'stories')}",
                end="",
                file=sys.stderr,
            )
        elif step != shown["step"]:
            print(f"Building the search index: {status.percent} %", file=sys.stderr)
        shown["step"] = step

    return report


def ensure_search_index(library: Library) -> None:
    """Finish the search index before a search (after an upgrade, or an interrupted build)."""
    if library.search_index.is_complete():
        return
    library.search_index.rebuild(_progress())
    if sys.stderr.isatty():
        print(file=sys.stderr)


def cmd_reindex(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    status = library.search_index.rebuild(_progress(), full=args.full)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Search index: {plural(status.indexed, 'story', 'stories')} indexed")
    return EXIT_OK
