"""The `steppe` command: the window by default, and scriptable subcommands over the same core.

Each module of this package registers its subcommands (`register(commands)`), setting a
`handler` that receives the open Library. The JSON printed with --json is a contract that later
tools and tests rely on. Qt is imported only when the window opens, so the subcommands run
without a display.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from reader import __version__
from reader.cli import bookmarks, export, rates, search, stories
from reader.cli import sync as sync_cli
from reader.cli.common import EXIT_OK, EXIT_USAGE
from reader.core.errors import ReaderError
from reader.core.library import Library
from reader.core.logs import setup_logging
from reader.core.paths import default_data_dir

COMMAND_MODULES = (stories, rates, bookmarks, export, sync_cli, search)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="steppe",
        description="Steppe Reader: news from Central Asia with the currency rates that shape it. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"steppe {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="folder of the local cache (default: $STEPPE_DATA_DIR or the platform's user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from reader.ui.app import run_app  # Qt only for the window

        return run_app(args.data_dir)
    setup_logging(args.data_dir or default_data_dir())  # tracebacks to the log file, never the terminal
    try:
        with Library(args.data_dir) as library:
            return int(args.handler(library, args, parser))
    except ReaderError as exc:
        print(f"steppe: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # `steppe stories | head`
        return EXIT_OK


def gui_main() -> int:
    """Entry point of the `steppe-reader` launcher: always the window."""
    args = build_parser().parse_args()
    from reader.ui.app import run_app

    return run_app(args.data_dir)
