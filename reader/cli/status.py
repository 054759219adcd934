"""`steppe status`: what the cache holds, the last sync, the rates and the offline state, in
the words of the window's status bar (both read Library.status())."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.common import EXIT_OK, print_json

if TYPE_CHECKING:
    from reader.core.library import Library


def register(commands: Any) -> None:
    status = commands.add_parser(
        "status", help="what the cache holds, the last sync, the rates' date and the offline state"
    )
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_status)


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def cmd_status(library: Library, args: argparse.Namespace, _parser: argparse.ArgumentParser) -> int:
    state, status = library.state(), library.status()
    if args.json:
        print_json(
            {
                "stories": state.story_count,
                "unread": state.unread_count,
                "bookmarked": state.bookmark_count,
                "sample_stories": state.sample_story_count,
                "last_sync_at": _iso(status.last_sync_at),
                "last_sync_attempt_at": _iso(status.last_sync_attempt_at),
                "sync_offline": status.sync_offline,
                "rates_as_of": _iso(status.rates_as_of),
                "rates_checked_at": _iso(status.rates_checked_at),
                "rates_offline": status.rates_offline,
                "offline": status.offline,
            }
        )
        return EXIT_OK
    print(state.counts_text())
    print(status.sync_text())
    print(status.rates_text())
    return EXIT_OK
